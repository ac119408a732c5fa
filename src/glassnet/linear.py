"""The hyperplane f(x) = w·x + b, the side a point falls on, and the bias trick. Lesson: 01 linear models.

A hyperplane in n dimensions is every x with w·x + b = 0 (a point on a line, a line in the
plane, a plane in space). f(x) > 0 on one side and f(x) < 0 on the other, so the sign of f is a
classifier for two classes.
"""

from __future__ import annotations

import numpy as np

from glassnet._validation import as_array, as_samples


def _weights(w: np.ndarray | float) -> np.ndarray:
    return as_array(np.atleast_1d(w), "w", ndim=1)


def _bias(b: float) -> float:
    return float(as_array(b, "b", ndim=0))


def hyperplane(x: np.ndarray, w: np.ndarray | float, b: float = 0.0) -> np.ndarray | float:
    """f(x) = w·x + b for one point ``x`` of shape ``(n_features,)`` or a batch ``(n, n_features)``.

    Returns a float for one point and an array of shape ``(n,)`` for a batch. A scalar ``w``
    is the one-dimensional case, where ``x`` may be a number or a 1-d array of numbers.
    """
    w, b = _weights(w), _bias(b)
    if w.size == 1 and np.ndim(x) <= 1:
        # One feature: a number is one point, a 1-d array is a batch of points.
        X = as_array(np.atleast_1d(x), "x", ndim=1).reshape(-1, 1)
        f = X @ w + b
        return float(f[0]) if np.ndim(x) == 0 else f
    X, single = as_samples(x, "x", n_features=w.size)
    f = X @ w + b  # (n,)
    return float(f[0]) if single else f


def decision(x: np.ndarray, w: np.ndarray | float, b: float = 0.0) -> np.ndarray | int:
    """sign(f(x)): +1 above the hyperplane, -1 below, 0 exactly on it. Same shapes as ``hyperplane``."""
    f = hyperplane(x, w, b)
    return int(np.sign(f)) if np.ndim(f) == 0 else np.sign(f).astype(int)


def add_bias_column(X: np.ndarray) -> np.ndarray:
    """The bias trick, inputs side: append a constant 1 to every point, ``(n, d) -> (n, d + 1)``.

    With ``w' = fold_bias(w, b)``, ``add_bias_column(X) @ w'`` equals ``X @ w + b``.
    """
    X, _ = as_samples(X, "X")
    return np.hstack([X, np.ones((X.shape[0], 1), dtype=X.dtype)])


def fold_bias(w: np.ndarray | float, b: float) -> np.ndarray:
    """The bias trick, weights side: w' = [w_1, ..., w_d, b], shape ``(d + 1,)``."""
    return np.append(_weights(w), _bias(b))
