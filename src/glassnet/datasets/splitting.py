"""Splitting a data set into training and test sets, and standardising features by the training set.

(One-hot targets are ``glassnet.labels.one_hot``, also reachable as ``glassnet.datasets.one_hot``.)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from glassnet._validation import as_array, as_samples, check_count, check_number, check_same_length, check_seed

Seed = int | np.random.Generator | None
"""A seed as every function here takes it: an int >= 0, a numpy Generator (used as it is) or None."""
Split = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
"""X_train, y_train, X_test, y_test: the training pair first, then the test pair."""


def _test_count(test_size: Any, n_samples: int) -> int:
    """How many of ``n_samples`` go to the test set, from a fraction or a count."""
    if isinstance(test_size, float | np.floating):
        fraction = check_number(test_size, "test_size", low=0, high=1, high_inclusive=False)
        n_test = math.ceil(fraction * n_samples - 1e-9)  # the 1e-9 keeps 0.07 × 100 = 7.000000000000001 at 7
    else:
        n_test = check_count(test_size, "test_size")
    if n_test >= n_samples:
        raise ValueError(
            f"test_size={test_size} leaves no sample to train on: it asks for {n_test} of the "
            f"{n_samples} samples; the test set must be smaller than the whole set."
        )
    return n_test


def train_test_split(
    X: Any, y: Any, test_size: float | int = 0.2, *, seed: Seed = None, stratify: bool = False
) -> Split:
    """Shuffle the samples with ``seed`` and split them into a training set and a test set.

    Note the order of what comes back, the same as ``load`` and ``mnist``: the training pair
    first, then the test pair (scikit-learn's function of the same name returns
    X_train, X_test, y_train, y_test).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features) or (n_samples,)
    y : array-like of shape (n_samples,)
    test_size : float or int, default 0.2
        A fraction in (0, 1) (the test set gets ceil(test_size × n_samples) samples) or a count
        from 1 to n_samples - 1.
    seed : int, Generator or None
        Seed for ``np.random.default_rng``; the same seed gives the same split.
    stratify : bool, default False
        If True, every class of ``y`` gets the same share of the test set as of the whole set
        (as nearly as whole numbers allow).

    Returns
    -------
    X_train : ndarray of shape (n_samples - n_test, ...)
    y_train : ndarray of shape (n_samples - n_test,)
    X_test : ndarray of shape (n_test, ...)
    y_test : ndarray of shape (n_test,)
        Every sample is in exactly one of the two sets, in shuffled order.
    """
    X = as_array(X, "X", ndim=(1, 2), dtype=None)
    y = as_array(y, "y", ndim=1, dtype=None)
    check_same_length(X, y)
    n_samples = len(y)
    if n_samples < 2:
        raise ValueError(f"train_test_split needs at least 2 samples, got {n_samples}.")
    n_test = _test_count(test_size, n_samples)
    rng = np.random.default_rng(check_seed(seed, generator=True))
    order = rng.permutation(n_samples)
    if not stratify:
        test, train = order[:n_test], order[n_test:]
    else:
        classes, class_of = np.unique(y, return_inverse=True)
        class_sizes = np.bincount(class_of)
        # Each class's fair share of the test set, rounded down; the samples still missing go to
        # the classes whose shares were rounded down the most.
        share = class_sizes * n_test / n_samples
        take = np.floor(share).astype(np.int64)
        take[np.argsort(take - share, kind="stable")[: n_test - take.sum()]] += 1
        test = np.concatenate([order[class_of[order] == k][: take[k]] for k in range(len(classes))])
        test = rng.permutation(test)
        train = order[~np.isin(order, test)]
    return X[train], y[train], X[test], y[test]


def standardize(X_train: Any, *others: Any) -> tuple[np.ndarray, ...]:
    """Scale every feature to mean 0 and standard deviation 1, using the training set's statistics.

    x' = (x - mean) / std, with mean and std computed per feature on ``X_train`` only and applied
    unchanged to every array in ``others`` (a test set must not leak into the scaling). A
    constant feature (every training value equal) has std 0; it is divided by 1 instead, so it
    becomes 0 rather than NaN.

    Call it as ``X_train, X_test, mean, std = standardize(X_train, X_test)``.

    Parameters
    ----------
    X_train : array-like of shape (n_samples, n_features)
    *others : array-like of shape (m, n_features) or (n_features,)
        Further sets (validation, test, one new sample) to scale the same way.

    Returns
    -------
    X_train_scaled : ndarray of shape (n_samples, n_features)
    *others_scaled : ndarrays, each of the shape it came in
    mean : ndarray of shape (n_features,)
    std : ndarray of shape (n_features,)
        The training statistics, with 1 in place of 0 for constant features.
    """
    X_train = as_array(X_train, "X_train", ndim=2)
    mean = X_train.mean(axis=0)  # (n_features,)
    std = X_train.std(axis=0)  # (n_features,)
    constant = X_train.min(axis=0) == X_train.max(axis=0)
    mean = np.where(constant, X_train[0], mean)  # exact, so a constant feature becomes exactly 0
    std = np.where(constant, 1.0, std)
    scaled = [(X_train - mean) / std]
    for i, other in enumerate(others):
        X, single = as_samples(other, f"others[{i}]", n_features=X_train.shape[1])
        X = (X - mean) / std
        scaled.append(X[0] if single else X)
    return (*scaled, mean, std)
