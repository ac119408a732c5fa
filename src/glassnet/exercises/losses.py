"""Exercise losses: mean squared error and cross-entropy. Lesson: 04, loss functions.

A loss says how far the network's outputs ``a`` are from the labels ``y``. Both are numpy
arrays of shape (n, k): n examples, one row each, with k outputs (n or k may be 1; y may hold
integers). Write four functions: the losses return one number, the derivatives a numpy
array of shape (n, k).

The losses return one number, the average over the n examples (the track's formulas; for
k > 1 outputs, add up the k terms of an example first):

    mse(a, y)            = 1/(2n) Σ_x ‖y(x) - a(x)‖²
    cross_entropy(a, y)  = -1/n Σ_x [y ln a + (1 - y) ln(1 - a)]

Their derivatives with respect to a are given for each example, shape (n, k), and are NOT
divided by n (the average over the batch is taken later, in backpropagation):

    mse_derivative(a, y)           = a - y
    cross_entropy_derivative(a, y) = (a - y) / (a (1 - a))

Mind ln 0: when an output is exactly 0 or 1, ln a or ln(1 - a) is -inf. Clip a into
[1e-12, 1 - 1e-12] with np.clip before using it in cross_entropy and its derivative.

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

    glassnet check losses losses.py

or, in a notebook, after ``%load_ext glassnet``: a cell whose first line is
``%%check losses`` and the rest your code.
"""

import numpy as np


def mse(a: np.ndarray, y: np.ndarray) -> float:
    """C = 1/(2n) Σ ‖y - a‖², one number."""
    raise NotImplementedError("losses: write mse")


def mse_derivative(a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """∂C_x/∂a = a - y for each example, shape (n, k)."""
    raise NotImplementedError("losses: write mse_derivative")


def cross_entropy(a: np.ndarray, y: np.ndarray) -> float:
    """C = -1/n Σ [y ln a + (1 - y) ln(1 - a)], one number."""
    raise NotImplementedError("losses: write cross_entropy")


def cross_entropy_derivative(a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """∂C_x/∂a = (a - y) / (a (1 - a)) for each example, shape (n, k)."""
    raise NotImplementedError("losses: write cross_entropy_derivative")
