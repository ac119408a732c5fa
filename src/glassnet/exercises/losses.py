"""Exercise losses: mean squared error and cross-entropy. Lesson: 04, loss functions.

A loss says how far the network's outputs ``a`` are from the labels ``y``. Both are numpy
arrays of shape (n, k): n examples, one row each, with k outputs. Write four functions.

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

Check your work:

    glassnet check losses losses.py
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
