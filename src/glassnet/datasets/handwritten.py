"""Handwritten digits from packages, never downloaded: scikit-learn's 8×8 digits and MNIST-1D.

Lesson: 06 and 07 (the networks that learn digits). scikit-learn and mnist1d are optional
(``pip install "glassnet[datasets]"``): each is imported only inside the function that needs it.
"""

from __future__ import annotations

import random

import numpy as np

from glassnet._validation import check_count, check_number, import_optional
from glassnet.datasets.splitting import Split


def digits() -> tuple[np.ndarray, np.ndarray]:
    """The 1797 handwritten digits of 8×8 pixels that ship with scikit-learn (no download).

    Needs scikit-learn (``pip install "glassnet[datasets]"``).

    Returns
    -------
    X : ndarray of shape (1797, 64)
        The pixels row by row, scaled from 0..16 to [0, 1].
    y : ndarray of shape (1797,)
        The digit shown, 0 .. 9.
    """
    sklearn_datasets = import_optional("sklearn.datasets", "scikit-learn", "datasets", "digits()")
    bunch = sklearn_datasets.load_digits()
    X = bunch.data.astype(np.float64) / 16.0
    y = bunch.target.astype(np.int64)
    return X, y


def mnist1d(n_samples: int = 5000, *, seed: int = 0) -> Split:
    """MNIST-1D: each digit drawn as a 1-d signal of 40 values, generated here, never downloaded.

    Uses the ``mnist1d`` package's ``make_dataset`` with its default settings (padding, shear,
    noise...), which builds the signals in memory; its ``get_dataset`` is never called because it
    downloads and writes a file. The first 80% of the shuffled signals are the training set.

    Needs mnist1d (``pip install "glassnet[datasets]"``).

    Parameters
    ----------
    n_samples : int, default 5000
        Signals in total, train and test together, at least 10. Each of the 10 digits gets
        ``n_samples // 10`` of them, so the total is rounded down to a multiple of 10.
    seed : int, default 0
        Seed of the generation, 0 <= seed < 2**32. (The package's own default is 42.)

    Returns
    -------
    X_train : ndarray of shape (n_train, 40)
        Standardised over the whole set (mean 0, standard deviation 1), as the package does.
    y_train : ndarray of shape (n_train,)
        Digits 0 .. 9.
    X_test : ndarray of shape (n_test, 40)
    y_test : ndarray of shape (n_test,)
        With the default ``n_samples``, n_train = 4000 and n_test = 1000.
    """
    n_samples = check_count(n_samples, "n_samples", minimum=10)
    seed = check_number(seed, "seed", low=0, high=2**32 - 1, low_inclusive=True, integer=True)
    mnist1d_data = import_optional("mnist1d.data", "mnist1d", "datasets", "mnist1d()")
    args = mnist1d_data.get_dataset_args()
    args.num_samples = n_samples
    args.seed = int(seed)
    # The package seeds and draws from numpy's and Python's global generators. That is the one
    # place glassnet lets global random state be touched, so we put the caller's state back.
    numpy_state, python_state = np.random.get_state(), random.getstate()  # noqa: NPY002 (restored below)
    try:
        data = mnist1d_data.make_dataset(args)
    finally:
        np.random.set_state(numpy_state)  # noqa: NPY002 (the caller's own state, put back)
        random.setstate(python_state)
    return (
        data["x"].astype(np.float64),
        data["y"].astype(np.int64),
        data["x_test"].astype(np.float64),
        data["y_test"].astype(np.int64),
    )
