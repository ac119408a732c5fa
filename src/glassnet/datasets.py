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
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import os
import random
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from glassnet._validation import (
    as_array,
    as_samples,
    check_count,
    check_number,
    check_same_length,
    format_bytes,
    import_optional,
    physical_memory,
)
from glassnet.labels import one_hot  # noqa: F401  (datasets.one_hot: the labels module's, re-exported)
from glassnet.registry import lookup

Seed = int | np.random.Generator | None
Split = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


# ---------------------------------------------------------------------------------------------
# The track's toy sets
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# 2-D generators
# ---------------------------------------------------------------------------------------------


def _make_rng(seed: Seed) -> np.random.Generator:
    """A generator from ``seed`` (None, an integer >= 0, or a Generator, which is used as it is)."""
    if seed is None or isinstance(seed, np.random.Generator):
        return np.random.default_rng(seed)
    return np.random.default_rng(check_number(seed, "seed", low=0, low_inclusive=True, integer=True))


def _check_generator_args(n_samples: Any, noise: Any, n_classes: int = 2) -> tuple[int, float]:
    n_samples = check_count(n_samples, "n_samples", minimum=n_classes)
    noise = float(check_number(noise, "noise", low=0, low_inclusive=True))
    return n_samples, noise


def _balanced_labels(n_samples: int, n_classes: int, rng: np.random.Generator) -> np.ndarray:
    """Labels 0 .. n_classes-1 in random order, each class within one sample of the others."""
    return rng.permutation(np.arange(n_samples, dtype=np.int64) % n_classes)


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
    n_samples, noise = _check_generator_args(n_samples, noise)
    rng = _make_rng(seed)
    y = _balanced_labels(n_samples, 2, rng)
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
    n_samples, noise = _check_generator_args(n_samples, noise)
    rng = _make_rng(seed)
    y = _balanced_labels(n_samples, 2, rng)
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
    n_samples, noise = _check_generator_args(n_samples, noise)
    factor = float(check_number(factor, "factor", low=0, high=1, high_inclusive=False))
    rng = _make_rng(seed)
    y = _balanced_labels(n_samples, 2, rng)
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
    n_samples, noise = _check_generator_args(n_samples, noise, n_classes)
    rng = _make_rng(seed)
    y = _balanced_labels(n_samples, n_classes, rng)
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
    n_samples, noise = _check_generator_args(n_samples, noise, n_classes)
    rng = _make_rng(seed)
    y = _balanced_labels(n_samples, n_classes, rng)
    angle = 2 * np.pi * np.arange(n_classes) / n_classes
    centers = 2.0 * np.column_stack([np.cos(angle), np.sin(angle)])  # (n_classes, 2)
    X = centers[y] + noise * rng.standard_normal((n_samples, 2))
    return X, y


# ---------------------------------------------------------------------------------------------
# Real data: digits, MNIST-1D, MNIST
# ---------------------------------------------------------------------------------------------


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


# IDX type codes (the third byte of the magic number) and the big-endian dtype each stands for.
_IDX_DTYPES = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


def _describe_magic(magic: int) -> str:
    """'a 3-d array of uint8' for 0x00000803."""
    dtype = _IDX_DTYPES[(magic >> 8) & 0xFF]
    return f"a {magic & 0xFF}-d array of {dtype.newbyteorder('=').name}"


def read_idx(
    file: str | os.PathLike[str], *, magic: int | None = None, max_bytes: int | None = None
) -> np.ndarray:
    """Read one IDX file (the format of the MNIST files), raw or gzipped.

    An IDX file is a 4-byte magic number (two zero bytes, a type code, the number of dimensions
    d), then d big-endian 4-byte sizes, then the values, big-endian, row by row. The file is
    checked against its own header: a foreign, truncated or overlong file raises a ValueError
    that names it and says what is wrong. The header is read first, so a file whose header
    promises more than ``max_bytes`` (a small gzip file can expand to gigabytes) is refused
    before its data is decompressed or anything is allocated.

    Parameters
    ----------
    file : str or path
        The file. It is decompressed if it starts with the gzip signature, whatever its name.
    magic : int, optional
        The magic number the file must have, e.g. ``0x00000803`` for MNIST images (3-d uint8)
        or ``0x00000801`` for MNIST labels (1-d uint8). By default any IDX type is accepted.
    max_bytes : int, optional
        The most bytes of data the file may hold; by default the machine's memory.

    Returns
    -------
    ndarray
        Of the shape and type the header gives, e.g. ``(60000, 28, 28)`` uint8 for the MNIST
        training images, in native byte order.
    """
    path = Path(file)
    if not path.is_file():
        raise FileNotFoundError(f"IDX file {path} not found.")
    with path.open("rb") as f:
        gzipped = f.read(2) == b"\x1f\x8b"  # the gzip signature
    opener = gzip.open if gzipped else open
    try:
        with opener(path, "rb") as f:
            return _read_idx_stream(f, path, magic, max_bytes)
    except EOFError:
        raise ValueError(f"{path} is truncated: its gzip stream ends before its end marker.") from None
    except (gzip.BadGzipFile, zlib.error) as err:
        raise ValueError(f"{path} is a damaged gzip file ({err}).") from None


def _read_idx_stream(f: Any, path: Path, magic: int | None, max_bytes: int | None) -> np.ndarray:
    """``read_idx`` on an open binary stream: header first, then exactly the promised data."""
    # 1) the magic number
    head = f.read(4)
    if len(head) < 4:
        raise ValueError(
            f"{path} is not an IDX file: it holds {len(head)} bytes, less than its 4-byte magic number."
        )
    found = int.from_bytes(head, "big")
    type_code, ndim = head[2], head[3]
    if head[:2] != b"\x00\x00" or type_code not in _IDX_DTYPES:
        raise ValueError(
            f"{path} is not an IDX file: it starts with 0x{found:08X}, but an IDX file starts with two "
            f"zero bytes, a type code from 0x08 to 0x0E and the number of dimensions."
        )
    if magic is not None and found != magic:
        raise ValueError(
            f"{path} has the magic number 0x{found:08X} ({_describe_magic(found)}), "
            f"expected 0x{magic:08X} ({_describe_magic(magic)})."
        )

    # 2) the sizes of the dimensions
    header_size = 4 + 4 * ndim
    sizes = f.read(4 * ndim)
    if len(sizes) < 4 * ndim:
        raise ValueError(
            f"{path} is truncated: its header should hold {ndim} dimension sizes ({header_size} bytes), "
            f"the file holds {4 + len(sizes)} bytes."
        )
    shape = tuple(int(size) for size in np.frombuffer(sizes, dtype=">u4"))

    # 3) the data: exactly as many bytes as the sizes promise, and no more than may fit
    dtype = _IDX_DTYPES[type_code]
    promised = math.prod(shape) * dtype.itemsize
    factors = [*shape, dtype.itemsize] if dtype.itemsize > 1 else list(shape)
    formula = "×".join(map(str, factors)) + " = " if len(factors) > 1 else ""
    limit = physical_memory() if max_bytes is None else max_bytes
    if limit is not None and promised > limit:
        raise ValueError(
            f"{path} is too large to load: its header promises {formula}{promised} bytes of data "
            f"({format_bytes(promised)}), more than the {format_bytes(limit)} "
            f"{'this machine has' if max_bytes is None else 'allowed'}; nothing was read beyond the header."
        )
    data = f.read(promised + 1)
    held = len(data)
    if held > promised:  # count what is left over without keeping it
        held += sum(len(chunk) for chunk in iter(lambda: f.read(1 << 20), b""))
    if held != promised:
        problem = "is truncated" if held < promised else f"has {held - promised} bytes too many"
        raise ValueError(
            f"{path} {problem}: the header promises {formula}{promised} bytes of data, the file holds {held}."
        )
    values = np.frombuffer(data, dtype=dtype).reshape(shape)
    return values.astype(dtype.newbyteorder("="))


_MNIST_FILES = (
    ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
)


def _find_mnist_file(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/name.gz`` where only the gzipped file is there."""
    for candidate in (folder / name, folder / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    everything = ", ".join(name for pair in _MNIST_FILES for name in pair)
    raise FileNotFoundError(
        f"{name} (or {name}.gz) not found in {folder}; "
        f"mnist() needs the four MNIST files there: {everything}."
    )


_BYTES_PER_PIXEL = 17
"""What one MNIST pixel costs in memory: its byte in the file, 8 bytes as float64, and 8 more for
the copy that splitting off validation data makes."""


def mnist(path: str | os.PathLike[str]) -> Split:
    """Read MNIST from the four IDX files in folder ``path`` (each raw or ``.gz``); never downloads.

    The files are ``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``,
    ``t10k-images-idx3-ubyte`` and ``t10k-labels-idx1-ubyte``. Images must have the magic
    number 0x00000803 (3-d uint8), labels 0x00000801 (1-d uint8), and each image file must hold
    as many images as its label file holds labels. An image file whose header promises more
    pixels than a 17th of the machine's memory can hold (``_BYTES_PER_PIXEL``) is refused
    before its data is read.

    Parameters
    ----------
    path : str or path
        The folder holding the files.

    Returns
    -------
    X_train : ndarray of shape (60000, 784)
        Each image's rows×cols pixels row by row, scaled from 0..255 to [0, 1].
    y_train : ndarray of shape (60000,)
        Digits 0 .. 9.
    X_test : ndarray of shape (10000, 784)
    y_test : ndarray of shape (10000,)
        (The sizes are those of the real MNIST; other IDX files give their own.)
    """
    folder = Path(path)
    if not folder.is_dir():
        raise FileNotFoundError(
            f"MNIST folder {folder} not found; give the folder that holds the four IDX files."
        )
    memory = physical_memory()
    arrays: list[np.ndarray] = []
    for images_name, labels_name in _MNIST_FILES:
        images_file = _find_mnist_file(folder, images_name)
        labels_file = _find_mnist_file(folder, labels_name)
        images = read_idx(images_file, magic=0x00000803,  # (n, rows, cols) uint8
                          max_bytes=None if memory is None else memory // _BYTES_PER_PIXEL)
        labels = read_idx(labels_file, magic=0x00000801)  # (n,) uint8
        if len(images) != len(labels):
            raise ValueError(
                f"{images_file} holds {len(images)} images but {labels_file} holds {len(labels)} labels; "
                f"there must be one label per image."
            )
        n, rows, cols = images.shape
        if arrays and rows * cols != arrays[0].shape[1]:
            raise ValueError(
                f"{images_file} holds images of {rows}×{cols} pixels, but the training images have "
                f"{arrays[0].shape[1]} pixels each."
            )
        arrays += [images.reshape(n, rows * cols).astype(np.float64) / 255.0, labels.astype(np.int64)]
    X_train, y_train, X_test, y_test = arrays
    return X_train, y_train, X_test, y_test


# ---------------------------------------------------------------------------------------------
# CSV files
# ---------------------------------------------------------------------------------------------

Label = int | str


def read_csv(
    path: str | os.PathLike[str], *, labelled: bool = True
) -> tuple[np.ndarray, np.ndarray | None, list[Label] | None]:
    """Read a table of numbers from a CSV file; with ``labelled``, its last column holds class labels.

    What a spreadsheet or pandas writes is accepted: a UTF-8 byte-order mark, a header line
    (a first line with a word where the data hold numbers), quoted values (``"1.5"``), a comma
    at the end of each line, blank lines. Every other problem raises a ValueError that names
    the file and the row and column, both counted from 1 as an editor counts them.

    Labels are taken as given: whole numbers (``1, 2`` are two classes, not three) or names
    (``cat, dog``); a file whose labels are all one class is refused, as no classifier can be
    trained on it.

    Parameters
    ----------
    path : str or path
        The file, in UTF-8 (or ASCII).
    labelled : bool, default True
        Whether the last column holds the class label of each row.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
        float64, every value finite.
    y : ndarray of shape (n_samples,) or None
        int64 class indices 0 .. k-1: ``classes[y[i]]`` is row i's label as written (None
        when not ``labelled``).
    classes : list of int or list of str, or None
        The k labels found, sorted (numbers as ints, names as strings; None when not ``labelled``).
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No CSV file at {path}.")
    try:
        text = path.read_bytes().decode("utf-8-sig")  # -sig: drops the byte-order mark if there is one
    except UnicodeDecodeError as err:
        raise ValueError(
            f"{path} is not UTF-8 text: byte 0x{err.object[err.start]:02X} at offset {err.start} "
            f"({err.reason}); save it as UTF-8 (CSV UTF-8 in a spreadsheet) and try again."
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[str]] = []
    lines: list[int] = []  # the line each row starts on, counted from 1
    try:
        for cells in reader:
            cells = [cell.strip() for cell in cells]
            if cells and cells[-1] == "" and len(cells) > 1:
                cells.pop()  # a comma at the end of the line
            if any(cells):
                rows.append(cells)
                lines.append(reader.line_num - sum(cell.count("\n") for cell in cells))
    except csv.Error as err:
        raise ValueError(f"{path}, line {reader.line_num}: {err}.") from None
    names_columns = rows and not _all_numbers(rows[0][:-1] if labelled else rows[0])
    names_the_label = labelled and len(rows) > 1 and not _is_number(rows[0][-1]) and _is_number(rows[1][-1])
    if names_columns or names_the_label:
        rows, lines = rows[1:], lines[1:]  # a header: it names the columns
    if not rows:
        raise ValueError(f"{path} holds no rows of data.")
    width = len(rows[0])
    for cells, line in zip(rows, lines, strict=True):
        if len(cells) != width:
            raise ValueError(f"{path}, row {line}: {len(cells)} columns, but row {lines[0]} has {width}.")
    if labelled and width < 2:
        raise ValueError(f"{path} needs at least two columns (features, then the label), got {width}.")
    n_features = width - 1 if labelled else width
    X = _numbers(path, [cells[:n_features] for cells in rows], lines)
    if not labelled:
        return X, None, None
    y, classes = _class_indices(path, [cells[-1] for cells in rows], lines, width)
    return X, y, classes


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _all_numbers(cells: list[str]) -> bool:
    return all(_is_number(cell) for cell in cells)


def _numbers(path: Path, table: list[list[str]], lines: list[int]) -> np.ndarray:
    """The table's cells as a float64 array; the first cell that is not a finite number is named."""
    try:
        X = np.array(table, dtype=np.str_).astype(np.float64)  # numpy parses every cell in one call
        if np.isfinite(X).all():
            return X
    except ValueError:
        pass
    for cells, line in zip(table, lines, strict=True):  # find the culprit, cell by cell
        for column, cell in enumerate(cells, start=1):
            if not _is_number(cell) or not math.isfinite(float(cell)):
                what = "is empty" if cell == "" else f"holds {cell!r}, not a finite number"
                raise ValueError(f"{path}, row {line}, column {column} {what}.")
    return np.array(table, dtype=np.float64)  # numpy was stricter than Python's float(): "1_000"


def _class_indices(path: Path, labels: list[str], lines: list[int], column: int) -> tuple[np.ndarray, list[Label]]:
    """Class indices 0 .. k-1 and the k labels as given (whole numbers, else names), sorted."""
    if _all_numbers(labels):
        values = [float(label) for label in labels]
        for value, label, line in zip(values, labels, lines, strict=True):
            if not value.is_integer():
                raise ValueError(
                    f"{path}, row {line}, column {column}: the label {label!r} is not a whole number; the last "
                    f"column must hold class labels (whole numbers or names), not measurements."
                )
        found, y = np.unique(np.array([int(v) for v in values], dtype=object), return_inverse=True)
    else:
        found, y = np.unique(np.array(labels, dtype=np.str_), return_inverse=True)
    classes = [item.item() if isinstance(item, np.generic) else item for item in found]
    if len(classes) < 2:
        raise ValueError(
            f"{path} holds one class only (every label is {classes[0]!r}); a classifier needs at least two."
        )
    return y.astype(np.int64).reshape(-1), classes


# ---------------------------------------------------------------------------------------------
# Helpers: splitting, standardising (one-hot targets: glassnet.labels.one_hot)
# ---------------------------------------------------------------------------------------------


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
    rng = _make_rng(seed)
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


# ---------------------------------------------------------------------------------------------
# The registry the CLI uses
# ---------------------------------------------------------------------------------------------

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
    rng = _make_rng(seed)
    if make is mnist1d:
        return mnist1d(**options, seed=int(rng.integers(2**32)) if seed is None else seed)
    X, y = make(**options) if make is digits else make(**options, seed=rng)
    return train_test_split(X, y, test_size, seed=rng, stratify=True)
