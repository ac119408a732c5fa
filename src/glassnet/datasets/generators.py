"""2-D point clouds to draw and classify: blobs, moons, circles, spirals, gaussians.

Lesson: 02 the perceptron (blobs a line separates) to 07 training (moons, circles and spirals that
need hidden layers). Each function returns ``X`` ``(n_samples, 2)`` float64 and ``y``
``(n_samples,)`` int64 labels 0, 1, ..., balanced between the classes and in random order.
Randomness comes only from ``np.random.default_rng(seed)``: the same seed gives the same points.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from glassnet._validation import check_count, check_number, check_seed
from glassnet.datasets.splitting import Seed


def _start(
    n_samples: Any, noise: Any, seed: Seed, n_classes: int = 2
) -> tuple[int, float, np.random.Generator, np.ndarray]:
    """What every generator starts with: ``n_samples`` and ``noise`` checked, its random generator
    (from ``seed``: None, an int >= 0, or a Generator, used as it is), and labels ``y``
    ``(n_samples,)`` 0 .. n_classes-1 in random order, each class within one sample of the others."""
    n_samples = check_count(n_samples, "n_samples", minimum=n_classes)
    noise = float(check_number(noise, "noise", low=0, low_inclusive=True))
    rng = np.random.default_rng(check_seed(seed, generator=True))
    y = rng.permutation(np.arange(n_samples, dtype=np.int64) % n_classes)
    return n_samples, noise, rng, y


def blobs(n_samples: int = 200, *, noise: float = 0.5, seed: Seed = None) -> tuple[np.ndarray, np.ndarray]:
    """Two gaussian blobs that a line always separates: the perceptron's easy case.

    Class 0 is centred on (-1, -1) and class 1 on (1, 1), each with standard deviation
    ``noise`` in both coordinates. The line x1 + x2 = 0 lies between them; any point that lands
    closer than 0.2 to that line, or beyond it, is drawn again, so the two classes are linearly
    separable for every ``noise`` (the blobs are gaussians cut off at that margin).

    Parameters
    ----------
    n_samples : int, default 200
        Number of points, at least 2; the two classes get half each (one more for class 0 if odd).
    noise : float, default 0.5
        Standard deviation of each blob, >= 0.
    seed : int, Generator or None
        Seed for ``np.random.default_rng``; the same seed gives the same points.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
        Labels 0 and 1, in random order.
    """
    n_samples, noise, rng, y = _start(n_samples, noise, seed)
    centers = np.array([[-1.0, -1.0], [1.0, 1.0]])
    side = 2 * y - 1  # -1 for class 0, +1 for class 1
    X = np.empty((n_samples, 2))
    redraw = np.ones(n_samples, dtype=bool)
    while redraw.any():  # each round keeps at least about half the points, so this ends quickly
        X[redraw] = centers[y[redraw]] + noise * rng.standard_normal((int(redraw.sum()), 2))
        distance = side * (X[:, 0] + X[:, 1]) / np.sqrt(2)  # signed distance to x1 + x2 = 0
        redraw = distance < 0.2
    return X, y


def moons(n_samples: int = 200, *, noise: float = 0.1, seed: Seed = None) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles: no line separates them, one hidden layer does.

    Class 0 lies on the upper half of the unit circle, (cos t, sin t) for t in [0, π]; class 1
    on a lower half circle shifted right and up, (1 - cos t, 1/2 - sin t). Each point gets
    gaussian noise of standard deviation ``noise`` in both coordinates.

    Parameters
    ----------
    n_samples : int, default 200
        Number of points, at least 2, split evenly between the two moons.
    noise : float, default 0.1
        Standard deviation of the noise added to each coordinate, >= 0.
    seed : int, Generator or None
        Seed for ``np.random.default_rng``.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
        Labels 0 and 1, in random order.
    """
    n_samples, noise, rng, y = _start(n_samples, noise, seed)
    t = rng.uniform(0.0, np.pi, n_samples)  # where on its half circle each point sits
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
    X = np.where((y == 0)[:, None], upper, lower) + noise * rng.standard_normal((n_samples, 2))
    return X, y


def circles(
    n_samples: int = 200, *, noise: float = 0.05, factor: float = 0.5, seed: Seed = None
) -> tuple[np.ndarray, np.ndarray]:
    """A circle inside a ring: class 1 is surrounded by class 0, so no line separates them.

    Class 0 lies on the circle of radius 1 and class 1 on the circle of radius ``factor``, both
    centred on the origin, at random angles, plus gaussian noise of standard deviation ``noise``.

    Parameters
    ----------
    n_samples : int, default 200
        Number of points, at least 2, split evenly between the circles.
    noise : float, default 0.05
        Standard deviation of the noise added to each coordinate, >= 0.
    factor : float, default 0.5
        Radius of the inner circle relative to the outer one, in (0, 1).
    seed : int, Generator or None
        Seed for ``np.random.default_rng``.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
        0 for the outer circle, 1 for the inner one, in random order.
    """
    factor = float(check_number(factor, "factor", low=0, high=1, high_inclusive=False))
    n_samples, noise, rng, y = _start(n_samples, noise, seed)
    angle = rng.uniform(0.0, 2 * np.pi, n_samples)
    radius = np.where(y == 0, 1.0, factor)
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    X += noise * rng.standard_normal((n_samples, 2))
    return X, y


def spirals(
    n_samples: int = 200, *, n_classes: int = 2, noise: float = 0.05, seed: Seed = None
) -> tuple[np.ndarray, np.ndarray]:
    """Arms of a spiral wound around each other, one arm per class: hard for a small network.

    A point a fraction t of the way along arm k (t uniform in [0, 1]) sits at radius t and angle
    2π (k / n_classes + t): every arm makes one full turn from the centre outwards, and the arms
    start a 1/n_classes turn apart. Gaussian noise of standard deviation ``noise`` is added to
    each coordinate.

    Parameters
    ----------
    n_samples : int, default 200
        Number of points, at least ``n_classes``, split evenly between the arms.
    n_classes : int, default 2
        Number of arms (2 or 3 are the usual choices), at least 2.
    noise : float, default 0.05
        Standard deviation of the noise added to each coordinate, >= 0.
    seed : int, Generator or None
        Seed for ``np.random.default_rng``.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
        The arm of each point, 0 .. n_classes-1, in random order.
    """
    n_classes = check_count(n_classes, "n_classes", minimum=2)
    n_samples, noise, rng, y = _start(n_samples, noise, seed, n_classes)
    t = rng.uniform(0.0, 1.0, n_samples)  # how far along its arm each point is
    angle = 2 * np.pi * (y / n_classes + t)
    X = t[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    X += noise * rng.standard_normal((n_samples, 2))
    return X, y


def gaussians(
    n_samples: int = 200, *, n_classes: int = 3, noise: float = 0.5, seed: Seed = None
) -> tuple[np.ndarray, np.ndarray]:
    """One round gaussian cluster per class, the centres evenly spaced on a circle of radius 2.

    Class k is centred on 2 (cos 2πk/n_classes, sin 2πk/n_classes) with standard deviation
    ``noise`` in both coordinates: a first multi-class problem for softmax.

    Parameters
    ----------
    n_samples : int, default 200
        Number of points, at least ``n_classes``, split evenly between the clusters.
    n_classes : int, default 3
        Number of clusters, at least 2.
    noise : float, default 0.5
        Standard deviation of each cluster, >= 0.
    seed : int, Generator or None
        Seed for ``np.random.default_rng``.

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
        The cluster of each point, 0 .. n_classes-1, in random order.
    """
    n_classes = check_count(n_classes, "n_classes", minimum=2)
    n_samples, noise, rng, y = _start(n_samples, noise, seed, n_classes)
    angle = 2 * np.pi * np.arange(n_classes) / n_classes
    centers = 2.0 * np.column_stack([np.cos(angle), np.sin(angle)])  # (n_classes, 2)
    X = centers[y] + noise * rng.standard_normal((n_samples, 2))
    return X, y
