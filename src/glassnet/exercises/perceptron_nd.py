"""Exercise perceptron_nd: a perceptron with d inputs, numpy only. Lesson: 01, linear models.

Now the input is a point x with d coordinates and the weights are a vector w of the same
length. The perceptron computes the dot product w·x = w_1 x_1 + ... + w_d x_d, adds the bias
and applies the step:

    output(x) = 1 if w·x + b > 0 else 0      (a point on the hyperplane is class 0)

Write the class ``Perceptron`` with numpy, no Python loop:

- ``Perceptron(w, b)`` keeps the weight vector (a numpy array of shape (d,)) as
  ``self.weight`` and the bias (a number) as ``self.bias``;
- ``run(self, x)`` classifies
    * one point, ``x`` of shape (d,): it returns the int 0 or 1 (a number: np.where gives a
      0-d array, so wrap it in int(...));
    * a batch of points, ``x`` of shape (n, d), one point per row: it returns a numpy array
      of n int labels, shape (n,), also for a batch of one row (shape (1,)) and for a square
      batch (n = d: tell a point from a batch by x.ndim, not by its length).

Hint: ``x @ self.weight + self.bias`` is one number for one point and n numbers for a batch,
so one line serves both.

Example, the track's two points with w = (0, 1) and b = -1:
``Perceptron(np.array([0.0, 1.0]), -1.0).run(np.array([0.0, 2.0]))`` is 1 and
``.run(np.array([[0.0, 2.0], [1.0, 0.0]]))`` is ``array([1, 0])``.

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

    glassnet check perceptron_nd perceptron_nd.py

or, in a notebook, after ``%load_ext glassnet``: a cell whose first line is
``%%check perceptron_nd`` and the rest your code.
"""

import numpy as np


class Perceptron:
    """A hyperplane w·x + b = 0 and a step: class 1 on the side where w·x + b > 0."""

    def __init__(self, w: np.ndarray, b: float):
        """Store the weights ``w``, shape (d,), as ``self.weight`` and the bias as ``self.bias``."""
        raise NotImplementedError("perceptron_nd: write Perceptron.__init__")

    def run(self, x: np.ndarray):
        """The class of one point (shape (d,)): 0 or 1; or of each row of a batch (n, d): shape (n,)."""
        raise NotImplementedError("perceptron_nd: write Perceptron.run")
