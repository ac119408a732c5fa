"""Exercise perceptron_train: the perceptron learning rule. Lesson: 01, linear models.

Rosenblatt's algorithm finds w and b by itself. Start from w = 0 (a vector of zeros) and
b = 0, then go through the points in order, epoch after epoch. For each point x with label y:

    f = 1 if w·x + b > 0 else 0          (the same rule as run: the boundary is class 0)
    if f != y:                           (a mistake: y - f is +1 or -1)
        w = w + learning_rate * (y - f) * x
        b = b + learning_rate * (y - f)

Stop after the first epoch with no mistake, or after ``max_epochs`` epochs, whichever comes
first: never more than ``max_epochs`` epochs (``for epoch in range(max_epochs)``). (On XOR
there is always a mistake left, so only ``max_epochs`` stops it.)

Write ``train(X, y, learning_rate=1.0, max_epochs=100)``:

- ``X``: numpy array of shape (n, d), one point per row (floats or integers); ``y``: shape
  (n,), labels 0 or 1;
- returns the pair ``(w, b)``: ``w`` a numpy array of shape (d,), ``b`` a number;
- the defaults are part of the exercise: ``train(X, y)`` means learning_rate=1.0, max_epochs=100.

Example, the track's two points u = (0, 2) with label 1 and v = (1, 0) with label 0:
``train(np.array([[0.0, 2.0], [1.0, 0.0]]), np.array([1, 0]))`` returns w = [-1, 2], b = 0.

What the checker expects back (the same rule in every exercise):
- the type named here: a numpy array where it says array, a list where it says list, a pair
  (return a, b) where it says pair, one number (a Python or numpy number, never an array,
  not even one of shape () or (1,)) where it says number;
- arrays of exactly the shape stated: nothing squeezed, nothing added (a batch of one row
  gives a result with one row);
- a class label is the int 0 or 1: not True/False, not 1.0, not a 0-d array;
- full precision: float64 or integer inputs give float64 results (never float32); float32
  inputs may give float32 or float64; integer inputs are numbers like any other;
- no argument changed in place.

Check your work:

    glassnet check perceptron_train perceptron_train.py

or, in a notebook, after ``%load_ext glassnet``: a cell whose first line is
``%%check perceptron_train`` and the rest your code.
"""

import numpy as np


def train(X: np.ndarray, y: np.ndarray, learning_rate=1.0, max_epochs=100):
    """Learn (w, b) with the perceptron rule, from zeros; return them as a pair."""
    raise NotImplementedError("perceptron_train: write train")
