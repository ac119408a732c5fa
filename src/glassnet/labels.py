"""Class labels from a network's outputs, and one-hot targets from labels. Lesson: 07 training.

The one rule every part of glassnet uses (the network's ``predict`` and ``score``, the training
loop's accuracy, the plots, the tour, the command line):

- outputs ``(n, k)`` with k ≥ 2 columns: the class is the column with the largest value;
- one column ``(n, 1)``, a sigmoid's P(class 1): the class is 1 where a > 0.5, else 0;
- label j as a target for k outputs is the one-hot row with a 1 in column j.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from glassnet._validation import as_array, check_count, check_fits


def class_labels(A: np.ndarray) -> np.ndarray:
    """Class labels ``(n,)`` from outputs ``(n, k)``: the column with the largest value, or, for
    one column, 1 where a > 0.5 (else 0)."""
    return (A[:, 0] > 0.5).astype(np.int64) if A.shape[1] == 1 else A.argmax(axis=1)


def target_labels(Y: np.ndarray) -> np.ndarray:
    """Class labels ``(n,)`` from targets as a user gives them: labels ``(n,)`` as they are, one
    column ``(n, 1)`` of labels read as labels, one-hot rows ``(n, k)`` as the column of their 1."""
    return Y.argmax(axis=1) if Y.ndim == 2 and Y.shape[1] > 1 else Y.reshape(-1)


def one_hot(y: Any, n_classes: int | None = None) -> np.ndarray:
    """Turn class labels into one-hot rows: label j becomes a row of zeros with a 1 in column j.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Whole-number labels >= 0 (integers, or floats such as 2.0).
    n_classes : int, optional
        Number of columns; by default the largest label + 1. Every label must be below it.

    Returns
    -------
    Y : ndarray of shape (n_samples, n_classes)
        float64, one 1 per row; ``class_labels(Y)`` gives ``y`` back.
    """
    y = as_array(y, "y", ndim=1, dtype=None)
    if y.dtype == np.bool_:
        y = y.astype(np.int64)
    if not np.issubdtype(y.dtype, np.integer):
        fractional = y != np.round(y)
        if fractional.any():
            raise ValueError(f"y must hold whole-number class labels, got {y[fractional][0]}.")
    labels = y.astype(np.int64)
    if labels.min() < 0:
        raise ValueError(f"y must hold class labels >= 0, got {labels.min()}.")
    if n_classes is None:
        n_classes = int(labels.max()) + 1
    else:
        n_classes = check_count(n_classes, "n_classes")
        if labels.max() >= n_classes:
            raise ValueError(
                f"y contains the label {labels.max()}, but n_classes={n_classes} allows only the labels "
                f"0 to {n_classes - 1}."
            )
    n = len(labels)
    check_fits(n * n_classes * 8, f"One-hot rows for {n:,} label{'s' if n != 1 else ''} of {n_classes:,} classes "
                                  f"(the largest label is {labels.max():,})")
    Y = np.zeros((len(labels), n_classes))
    Y[np.arange(len(labels)), labels] = 1.0
    return Y
