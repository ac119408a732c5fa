"""Exercise descent: gradient descent. Lesson: 05, gradient descent.

To find where a function f of one variable is smallest, start at x0 and walk downhill,
against the derivative, in steps scaled by the learning rate η (the track writes it ε):

    x_new = x - η f'(x)

Keep every point you visit. Stop right after a step that moved x by no more than
``precision`` (|x_new - x| <= precision; keep that last point too), or after ``max_iters``
steps, whichever comes first: the track's loop tests both before each step.

Write ``gradient_descent(df, x0, learning_rate, precision, max_iters)``:

- ``df`` is the derivative f', a function of one number; ``x0`` is the start;
- returns the path: a Python list of numbers, ``[x0, x1, x2, ...]``, x0 first (max_iters = 0
  gives ``[x0]``; a learning rate that diverges walks on until max_iters).

The track's example: f(x) = (x - 2)², f'(x) = 2(x - 2), from x0 = 4 with η = 0.01:

    gradient_descent(lambda x: 2 * (x - 2), x0=4, learning_rate=0.01,
                     precision=0.0001, max_iters=3)  ->  [4, 3.96, 3.9208, 3.882384]

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

    glassnet check descent descent.py

or, in a notebook, after ``%load_ext glassnet``: a cell whose first line is
``%%check descent`` and the rest your code.
"""


def gradient_descent(df, x0, learning_rate, precision, max_iters):
    """Walk x ← x - learning_rate * df(x) from x0; return the list of points visited."""
    raise NotImplementedError("descent: write gradient_descent")
