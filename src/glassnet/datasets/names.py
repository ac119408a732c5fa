"""Data sets by name, split and ready to train on: ``load("moons")``, the names in ``LOADERS``.

What the command line (``glassnet train --data moons``) and the playground use. Names are matched
as every name in glassnet is (``glassnet.registry.name_key``: any case, ``_`` and ``-`` alike).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from glassnet._validation import check_seed
from glassnet.datasets.generators import blobs, circles, gaussians, moons, spirals
from glassnet.datasets.handwritten import digits, mnist1d
from glassnet.datasets.splitting import Split, train_test_split
from glassnet.datasets.toy import and_gate, or_gate, seven_points, two_points, xor
from glassnet.registry import lookup

LOADERS = {
    "two-points": two_points,
    "seven-points": seven_points,
    "xor": xor,
    "and-gate": and_gate,
    "or-gate": or_gate,
    "blobs": blobs,
    "moons": moons,
    "circles": circles,
    "spirals": spirals,
    "gaussians": gaussians,
    "digits": digits,
    "mnist1d": mnist1d,
}
"""Data set names (``_`` and ``-`` alike, any case) and the functions that make them."""

TOY_SETS = ("two-points", "seven-points", "xor", "and-gate", "or-gate")
"""The track's toy sets: too small to split, so ``load`` gives the whole set as training and test set."""
_TOY_SETS = tuple(LOADERS[name] for name in TOY_SETS)


def load(name: str, *, seed: int | None = 0, test_size: float = 0.2, **options: Any) -> Split:
    """A data set by name, split into training and test sets: what the CLI trains on.

    - the toy sets (two-points, seven-points, xor, and-gate, or-gate) are too small to split:
      the training set and the test set are both the whole set;
    - mnist1d has its own split (see ``mnist1d``);
    - the others (the generators and digits) are split by ``test_size`` (80/20 by default),
      stratified by class, with ``seed``.

    MNIST is not in the registry because it needs its files: call ``mnist(path)``.

    Parameters
    ----------
    name : str
        One of the keys of ``LOADERS``: two-points, seven-points, xor, and-gate, or-gate, blobs,
        moons, circles, spirals, gaussians, digits, mnist1d.
    seed : int or None, default 0
        Seed of the generator and of the split (None: different data each call).
    test_size : float, default 0.2
        The fraction held out as the test set, for the sets that ``load`` splits itself.
    **options
        Passed to the data set's function, e.g. ``load("moons", n_samples=500, noise=0.2)``.

    Returns
    -------
    X_train : ndarray of shape (n_train, n_features)
    y_train : ndarray of shape (n_train,)
    X_test : ndarray of shape (n_test, n_features)
    y_test : ndarray of shape (n_test,)
    """
    make = lookup(name, LOADERS, "dataset")
    if make in _TOY_SETS:
        X, y = make(**options)
        return X, y, X.copy(), y.copy()
    rng = np.random.default_rng(check_seed(seed, generator=True))
    if make is mnist1d:
        return mnist1d(**options, seed=int(rng.integers(2**32)) if seed is None else seed)
    X, y = make(**options) if make is digits else make(**options, seed=rng)
    return train_test_split(X, y, test_size, seed=rng, stratify=True)
