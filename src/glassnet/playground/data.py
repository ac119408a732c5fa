"""The playground's data: 2-D point sets on the plane [-6, 6]², their split, and the features fed in.

Classification sets (labels 0 .. k-1): XOR, circle, gaussians, spiral, moons, the track's seven
points; regression sets (a real target in [-1, 1] per point): a plane and a field of gaussian
bumps; and a CSV of 2-D points that the user uploads. The class sets come from
``glassnet.datasets`` (scaled onto the plane); XOR's cloud and the regression sets are made
here. Every set has both views of its answer: class labels ``y`` and real targets ``values``,
so either problem type works on any set (targets of k classes are spread over [-1, 1]; the
classes of a regression set are "target > 0").

Everything here is numpy only: the generated "show code" imports it to rebuild the same data.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from glassnet import datasets
from glassnet.registry import lookup

#: The plane the generated sets are drawn on, as (x1_min, x1_max, x2_min, x2_max).
PLANE = (-6.0, 6.0, -6.0, 6.0)


@dataclass(frozen=True)
class Dataset:
    """A 2-D point set: ``X`` ``(n, 2)``, labels ``y`` ``(n,)`` in 0 .. k-1, targets ``values`` ``(n,)``.

    ``classes`` are the class names as shown (``["0", "1"]``, or a CSV's own labels),
    ``extent`` the part of the plane to draw ``(x1_min, x1_max, x2_min, x2_max)``, ``name`` what
    the set is called, ``hold_out`` whether it has points to spare for a test set.
    """

    name: str
    X: np.ndarray
    y: np.ndarray
    values: np.ndarray
    classes: tuple[str, ...]
    extent: tuple[float, float, float, float] = PLANE
    hold_out: bool = True

    @property
    def n_classes(self) -> int:
        return len(self.classes)


def _spread(y: np.ndarray, k: int) -> np.ndarray:
    """Class labels 0 .. k-1 as real targets spread evenly over [-1, 1]: -1 + 2y/(k-1)."""
    return -1.0 + 2.0 * y / (k - 1)


def _classified(name: str, X: np.ndarray, y: np.ndarray, k: int) -> Dataset:
    return Dataset(name, X, y.astype(np.int64), _spread(y, k), tuple(str(c) for c in range(k)))


def _regression(name: str, X: np.ndarray, values: np.ndarray) -> Dataset:
    return Dataset(name, X, (values > 0).astype(np.int64), values, ("≤ 0", "> 0"))


# ---------------------------------------------------------------- the generators
# Each takes (points, classes, noise, rng); noise is the page's 0 .. 0.5.
def xor(points: int, classes: int, noise: float, rng: np.random.Generator) -> Dataset:
    """Points uniform in [-5, 5]², kept 0.3 away from the axes; class 1 where x1·x2 > 0."""
    X = rng.uniform(-5, 5, (points, 2))
    X += np.where(X > 0, 0.3, -0.3)  # a gap along both axes
    y = (X[:, 0] * X[:, 1] > 0).astype(np.int64)
    return _classified("xor", X + noise * 3 * rng.standard_normal(X.shape), y, 2)


def circle(points: int, classes: int, noise: float, rng: np.random.Generator) -> Dataset:
    """A disc of class 1 inside a ring of class 0 (``datasets.circles`` scaled to radius 5)."""
    X, y = datasets.circles(points, noise=noise * 0.5, factor=0.5, seed=rng)
    return _classified("circle", 5 * X, y, 2)


def gaussian(points: int, classes: int, noise: float, rng: np.random.Generator) -> Dataset:
    """One gaussian cluster per class on a circle of radius 3 (``datasets.gaussians``)."""
    X, y = datasets.gaussians(points, n_classes=classes, noise=0.3 + 2 * noise, seed=rng)
    return _classified("gaussian", 1.5 * X, y, classes)


def spiral(points: int, classes: int, noise: float, rng: np.random.Generator) -> Dataset:
    """One spiral arm per class, radius 5 (``datasets.spirals``)."""
    X, y = datasets.spirals(points, n_classes=classes, noise=noise * 0.3, seed=rng)
    return _classified("spiral", 5 * X, y, classes)


def moons(points: int, classes: int, noise: float, rng: np.random.Generator) -> Dataset:
    """Two interleaving half circles (``datasets.moons``), centred and scaled by 3."""
    X, y = datasets.moons(points, noise=0.05 + noise * 0.5, seed=rng)
    return _classified("moons", 3 * (X - [0.5, 0.25]), y, 2)


def seven(points: int, classes: int, noise: float, rng: np.random.Generator) -> Dataset:
    """The track's seven points (``datasets.seven_points``), moved from [0, 1]² to [-5, 5]²."""
    X, y = datasets.seven_points()
    return _classified("seven", 10 * (X - 0.5) + noise * 3 * rng.standard_normal(X.shape), y, 2)


def plane(points: int, classes: int, noise: float, rng: np.random.Generator) -> Dataset:
    """Regression: target (x1 + x2) / 12 on points uniform in [-6, 6]², plus noise."""
    X = rng.uniform(-6, 6, (points, 2))
    values = (X[:, 0] + X[:, 1]) / 12 + noise * rng.standard_normal(points)
    return _regression("plane", X, values)


_BUMPS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]])


def bumps(points: int, classes: int, noise: float, rng: np.random.Generator) -> Dataset:
    """Regression: six gaussian bumps of height ±1 (width 1.5) on points uniform in [-6, 6]²."""
    X = rng.uniform(-6, 6, (points, 2))
    d2 = ((X[:, None, :] - _BUMPS[None, :, :2]) ** 2).sum(axis=2)  # (n, 6) squared distances
    values = (_BUMPS[:, 2] * np.exp(-d2 / (2 * 1.5**2))).sum(axis=1)
    return _regression("bumps", X, np.clip(values + noise * rng.standard_normal(points), -1, 1))


@dataclass(frozen=True)
class Generator:
    """A generated set as the page offers it: how it is made, what it is called, the problem it
    poses, whether the user chooses its number of classes, and whether it has points to spare
    for a test set (the track's seven points do not: they are trained and tested on all seven)."""

    make: Callable[[int, int, float, np.random.Generator], Dataset]
    label: str
    problem: str = "classification"
    multiclass: bool = False
    hold_out: bool = True


GENERATORS = {
    "circle": Generator(circle, "circle"),
    "xor": Generator(xor, "XOR"),
    "gaussian": Generator(gaussian, "gaussians", multiclass=True),
    "spiral": Generator(spiral, "spiral", multiclass=True),
    "moons": Generator(moons, "moons"),
    "seven": Generator(seven, "the track's seven points", hold_out=False),
    "plane": Generator(plane, "plane (regression)", problem="regression"),
    "bumps": Generator(bumps, "bumps (regression)", problem="regression"),
}
#: The most classes a set may have: a generated one (gaussian, spiral) or an upload (one colour each on the page).
MAX_CLASSES = 8


def make_data(name: str, *, points: int = 500, classes: int = 2, noise: float = 0.0, seed: int = 0) -> Dataset:
    """A generated set by name (``"xor"``, ``"circle"``, ``"gaussian"``, ``"spiral"``, ``"moons"``,
    ``"seven"``, ``"plane"``, ``"bumps"``): ``points`` points (seven has 7), ``noise`` in [0, 0.5],
    the same ``seed`` giving the same points."""
    generator = lookup(name, GENERATORS, "data set")
    data = generator.make(points, classes if generator.multiclass else 2, noise, np.random.default_rng(seed))
    return data if generator.hold_out else replace(data, hold_out=False)


def split(data: Dataset, train_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the training and the test points: ``train_fraction`` of the points (rounded)
    for training, shuffled with ``seed`` and stratified, so that each class has its share of
    both parts, and at least one training point (a network shown only one class learns
    "everything is that class"). A set too small to hold any out (``data.hold_out`` False, the
    track's seven points, or an upload of a point or two per class) is trained and tested on
    all its points."""
    n = len(data.X)
    everything = np.arange(n)
    if not data.hold_out:
        return everything, everything
    n_test = min(max(round(n * (1 - train_fraction)), 1), n - 1)
    train, _, test, _ = datasets.train_test_split(everything, data.y, n_test, seed=seed, stratify=True)
    for k in np.setdiff1d(data.y, data.y[train]):  # a class left out of training: one of its points goes back
        back = test[data.y[test] == k][0]
        train, test = np.append(train, back), test[test != back]
    if not len(test):  # so few points that training needs them all: test on them too
        return everything, everything
    return train, test


# ---------------------------------------------------------------- features
FEATURES = {
    "x1": ("x₁", lambda X: X[:, 0]),
    "x2": ("x₂", lambda X: X[:, 1]),
    "x1sq": ("x₁²", lambda X: X[:, 0] ** 2),
    "x2sq": ("x₂²", lambda X: X[:, 1] ** 2),
    "x1x2": ("x₁x₂", lambda X: X[:, 0] * X[:, 1]),
    "sinx1": ("sin x₁", lambda X: np.sin(X[:, 0])),
    "sinx2": ("sin x₂", lambda X: np.sin(X[:, 1])),
}
"""The features the page can feed in: name -> (label, function of the points ``(n, 2)``)."""


def feature_matrix(X: np.ndarray, features: Sequence[str]) -> np.ndarray:
    """The network's inputs ``(n, len(features))`` from points ``X`` ``(n, 2)``, one column per feature."""
    return np.column_stack([FEATURES[name][1](X) for name in features])


def grid(extent: Sequence[float], size: int) -> np.ndarray:
    """``size`` × ``size`` points covering ``extent``, row by row from the top (largest x2) down,
    each row from left to right: the pixels of a heatmap, ``(size², 2)``."""
    x1 = np.linspace(extent[0], extent[1], size)
    x2 = np.linspace(extent[3], extent[2], size)
    return np.column_stack([np.tile(x1, size), np.repeat(x2, size)])


# ---------------------------------------------------------------- the user's CSV
MAX_UPLOAD_BYTES = 200_000
MAX_UPLOAD_ROWS = 2_000
#: The largest |coordinate| (and |numeric label|) an upload may hold: far enough for any real data,
#: near enough that every feature (x₁², x₁x₂...) and every network output stays a finite number.
MAX_COORDINATE = 1e6


def read_upload(content: bytes, name: str = "upload.csv") -> Dataset:
    """The user's CSV of 2-D points, parsed by ``glassnet.datasets.read_csv`` (the CLI's reader):
    two feature columns, the class label last; at most ``MAX_UPLOAD_BYTES`` bytes,
    ``MAX_UPLOAD_ROWS`` rows, ``MAX_CLASSES`` classes, and coordinates (and numeric labels)
    within ±``MAX_COORDINATE``. The drawn extent is the points' box, padded by a tenth.
    Numeric labels double as regression targets."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValueError(f"The CSV is {len(content):,} bytes; the playground takes at most "
                         f"{MAX_UPLOAD_BYTES:,}.")
    name = re.sub(r"[^\w.\- ]", "_", Path(name).name)[:100]
    if not name.strip(". "):
        name = "upload.csv"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        try:
            X, y, classes = datasets.read_csv(path, labelled=True)
        except ValueError as err:  # the reader names the file: the user's name, not the temporary one
            raise ValueError(str(err).replace(str(path), name)) from None
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"The CSV must hold 2-D points: two feature columns and the label last; "
                         f"got {X.shape[1] if X.ndim == 2 else 1} feature columns.")
    if len(X) > MAX_UPLOAD_ROWS:
        raise ValueError(f"The CSV has {len(X):,} rows; the playground takes at most {MAX_UPLOAD_ROWS:,}.")
    if not 2 <= len(classes) <= MAX_CLASSES:
        raise ValueError(f"The CSV must have 2 to {MAX_CLASSES} classes, got {len(classes)}.")
    far = np.flatnonzero(np.abs(X).max(axis=1) > MAX_COORDINATE)
    if far.size:
        row = int(far[0])
        raise ValueError(f"The CSV's points must lie within ±{MAX_COORDINATE:,.0f} (so that every feature, "
                         f"such as x₁², stays a finite number); the point ({X[row, 0]:g}, {X[row, 1]:g}) "
                         f"of data row {row + 1} does not. Rescale the data first.")
    numeric = all(isinstance(c, int | float | np.number) for c in classes)
    if numeric and max(abs(float(c)) for c in classes) > MAX_COORDINATE:
        raise ValueError(f"The CSV's numeric labels must lie within ±{MAX_COORDINATE:,.0f}, as they are the "
                         f"targets of regression; got {max(classes, key=lambda c: abs(float(c))):g}.")
    low, high = X.min(axis=0), X.max(axis=0)
    pad = np.maximum((high - low) / 10, 1e-3)
    extent = (float(low[0] - pad[0]), float(high[0] + pad[0]), float(low[1] - pad[1]), float(high[1] + pad[1]))
    values = np.asarray(classes, dtype=np.float64)[y] if numeric else _spread(y, len(classes))
    return Dataset(name, X.astype(np.float64), y.astype(np.int64), values,
                   tuple(str(c) for c in classes), extent)
