"""The data the lessons train on: the track's toy points, 2-D generators, digits, MNIST-1D and MNIST files.

Lesson: every one, from 01 linear models (the two points u, v, the seven points, XOR) to the
networks that learn digits.

Every function returns plain arrays: ``X`` of shape ``(n_samples, n_features)`` in float64, one
row per example, and ``y`` of shape ``(n_samples,)`` holding int64 class labels 0, 1, ...::

    X, y = datasets.moons(200, noise=0.1, seed=0)
    X_train, y_train, X_test, y_test = datasets.load("digits", seed=0)

Randomness comes only from ``np.random.default_rng(seed)``: the same seed gives the same data.
scikit-learn (for ``digits``) and mnist1d (for ``mnist1d``) are optional; they are imported only
inside the function that needs them. Nothing here downloads anything.

The package, one module per job (every name below is also a name of ``glassnet.datasets``):

    toy          two_points, seven_points, xor, and_gate, or_gate
    generators   blobs, moons, circles, spirals, gaussians
    handwritten  digits (scikit-learn's), mnist1d
    idx          mnist (the four IDX files), read_idx
    tables       read_csv
    splitting    train_test_split, standardize (and one_hot, from glassnet.labels)
    names        load, LOADERS, TOY_SETS: the data sets by name
"""

from glassnet.datasets.generators import blobs, circles, gaussians, moons, spirals
from glassnet.datasets.handwritten import digits, mnist1d
from glassnet.datasets.idx import mnist, read_idx
from glassnet.datasets.names import LOADERS, TOY_SETS, load
from glassnet.datasets.splitting import Seed, Split, standardize, train_test_split
from glassnet.datasets.tables import Label, read_csv
from glassnet.datasets.toy import and_gate, or_gate, seven_points, two_points, xor
from glassnet.labels import one_hot

__all__ = [
    "LOADERS", "TOY_SETS", "Label", "Seed", "Split", "and_gate", "blobs", "circles", "digits", "gaussians", "load",
    "mnist", "mnist1d", "moons", "one_hot", "or_gate", "read_csv", "read_idx", "seven_points", "spirals",
    "standardize", "train_test_split", "two_points", "xor",
]
