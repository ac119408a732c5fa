"""The track's toy sets: the two points u and v, the seven points, and the truth tables of XOR, AND and OR.

Lesson: 01 linear models and 02 the perceptron. Each function returns ``X`` ``(n, 2)`` float64 and
``y`` ``(n,)`` int64 labels, the same every call.
"""

from __future__ import annotations

import numpy as np


def two_points() -> tuple[np.ndarray, np.ndarray]:
    """The two points of the track's first exercise: u = (0, 2) with label 1, v = (1, 0) with label 0.

    The hyperplane w = (0, 1), b = -1 separates them (f(u) = 1 > 0, f(v) = -1 < 0).

    Returns
    -------
    X : ndarray of shape (2, 2)
        The rows u and v.
    y : ndarray of shape (2,)
        Their labels, ``[1, 0]``.
    """
    X = np.array([[0.0, 2.0], [1.0, 0.0]])
    y = np.array([1, 0], dtype=np.int64)
    return X, y


def seven_points() -> tuple[np.ndarray, np.ndarray]:
    """The seven points the track's perceptron is trained on (linearly separable).

    Returns
    -------
    X : ndarray of shape (7, 2)
        The points, each coordinate in [0, 1].
    y : ndarray of shape (7,)
        Their labels, ``[0, 0, 1, 1, 1, 0, 1]``.
    """
    X = np.array([[0.8, 0.4], [0.3, 0.1], [0.8, 0.8], [0.4, 0.6], [0.6, 0.8], [0.4, 0.2], [0.4, 0.5]])
    y = np.array([0, 0, 1, 1, 1, 0, 1], dtype=np.int64)
    return X, y


def _truth_table(labels: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """The four corners of {0, 1}², in the order [0, 0], [0, 1], [1, 0], [1, 1], with ``labels``."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array(labels, dtype=np.int64)


def xor() -> tuple[np.ndarray, np.ndarray]:
    """XOR: 1 where exactly one input is 1. No line separates it; a perceptron cannot learn it.

    Returns
    -------
    X : ndarray of shape (4, 2)
        ``[[0, 0], [0, 1], [1, 0], [1, 1]]``.
    y : ndarray of shape (4,)
        ``[0, 1, 1, 0]``.
    """
    return _truth_table([0, 1, 1, 0])


def and_gate() -> tuple[np.ndarray, np.ndarray]:
    """AND: 1 only where both inputs are 1 (linearly separable).

    Returns
    -------
    X : ndarray of shape (4, 2)
        ``[[0, 0], [0, 1], [1, 0], [1, 1]]``.
    y : ndarray of shape (4,)
        ``[0, 0, 0, 1]``.
    """
    return _truth_table([0, 0, 0, 1])


def or_gate() -> tuple[np.ndarray, np.ndarray]:
    """OR: 1 where at least one input is 1 (linearly separable).

    Returns
    -------
    X : ndarray of shape (4, 2)
        ``[[0, 0], [0, 1], [1, 0], [1, 1]]``.
    y : ndarray of shape (4,)
        ``[0, 1, 1, 1]``.
    """
    return _truth_table([0, 1, 1, 1])
