"""Tests for glassnet.datasets: the track's numbers, the generators' promises, the IDX reader's errors."""

from __future__ import annotations

import gzip
import math
import os
import random
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from glassnet import datasets

GENERATORS = [datasets.blobs, datasets.moons, datasets.circles, datasets.spirals, datasets.gaussians]
TOY_SETS = [datasets.two_points, datasets.seven_points, datasets.xor, datasets.and_gate, datasets.or_gate]


def least_squares_separates(X: np.ndarray, y: np.ndarray) -> bool:
    """Fit w, b to targets ±1 by least squares; True if sign(X @ w + b) gets every label right."""
    A = np.column_stack([X, np.ones(len(X))])  # the bias trick: a column of ones
    target = 2.0 * y - 1.0
    wb, *_ = np.linalg.lstsq(A, target, rcond=None)
    return bool(np.all(np.sign(A @ wb) == target))


def some_hyperplane_separates(X: np.ndarray, y: np.ndarray) -> bool:
    """Exact test: is there any w, b with (2y - 1)(w·x + b) >= 1 for every point? (a linear program)"""
    from scipy.optimize import linprog  # scipy comes with scikit-learn (the dev extra): missing, this fails

    sign = 2.0 * y - 1.0
    A_ub = -sign[:, None] * np.column_stack([X, np.ones(len(X))])  # -(2y-1)(w·x + b) <= -1
    result = linprog(np.zeros(X.shape[1] + 1), A_ub=A_ub, b_ub=-np.ones(len(X)), bounds=(None, None))
    assert result.status in (0, 2), result.message  # 0: found one, 2: proven infeasible
    return result.status == 0


# ---------------------------------------------------------------------------------------------
# The track's toy sets
# ---------------------------------------------------------------------------------------------


def test_two_points_are_the_tracks_u_and_v():
    X, y = datasets.two_points()
    np.testing.assert_array_equal(X, [[0, 2], [1, 0]])  # u = (0, 2), v = (1, 0)
    np.testing.assert_array_equal(y, [1, 0])  # y(u) = 1, y(v) = 0
    # The track's answer w = (0, 1), b = -1 gives f(u) = 1 > 0 and f(v) = -1 < 0.
    np.testing.assert_array_equal(X @ np.array([0.0, 1.0]) - 1.0, [1.0, -1.0])


def test_seven_points_are_the_tracks_numbers():
    X, y = datasets.seven_points()
    expected = [[0.8, 0.4], [0.3, 0.1], [0.8, 0.8], [0.4, 0.6], [0.6, 0.8], [0.4, 0.2], [0.4, 0.5]]
    np.testing.assert_array_equal(X, expected)
    np.testing.assert_array_equal(y, [0, 0, 1, 1, 1, 0, 1])


@pytest.mark.parametrize(
    ("make", "labels"),
    [(datasets.xor, [0, 1, 1, 0]), (datasets.and_gate, [0, 0, 0, 1]), (datasets.or_gate, [0, 1, 1, 1])],
)
def test_truth_tables_in_the_order_00_01_10_11(make, labels):
    X, y = make()
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(y, labels)


@pytest.mark.parametrize("make", TOY_SETS)
def test_toy_sets_are_float64_rows_and_int64_labels(make):
    X, y = make()
    assert X.dtype == np.float64 and X.ndim == 2 and X.shape[1] == 2
    assert y.dtype == np.int64 and y.shape == (len(X),)


def test_toy_sets_are_fresh_arrays_each_call():
    X, _ = datasets.seven_points()
    X[0, 0] = 99.0
    assert datasets.seven_points()[0][0, 0] == 0.8


def test_and_and_or_are_linearly_separable_xor_is_not():
    assert least_squares_separates(*datasets.and_gate())
    assert some_hyperplane_separates(*datasets.or_gate())
    assert not some_hyperplane_separates(*datasets.xor())


# ---------------------------------------------------------------------------------------------
# 2-D generators
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", GENERATORS)
def test_generator_shapes_and_dtypes(make):
    X, y = make(57, seed=0)
    assert X.shape == (57, 2) and X.dtype == np.float64
    assert y.shape == (57,) and y.dtype == np.int64


@pytest.mark.parametrize("make", GENERATORS)
def test_generator_same_seed_gives_the_same_data(make):
    X1, y1 = make(100, seed=7)
    X2, y2 = make(100, seed=7)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)


@pytest.mark.parametrize("make", GENERATORS)
def test_generator_different_seeds_give_different_data(make):
    X1, _ = make(100, seed=1)
    X2, _ = make(100, seed=2)
    assert not np.allclose(X1, X2)


@pytest.mark.parametrize("make", GENERATORS)
def test_generator_never_touches_global_random_state(make):
    before = np.random.get_state()[1].copy()  # noqa: NPY002 (checking it is left alone)
    make(50, seed=None)
    np.testing.assert_array_equal(np.random.get_state()[1], before)  # noqa: NPY002


@pytest.mark.parametrize(
    ("make", "options", "counts"),
    [
        (datasets.blobs, {}, [100, 100]),
        (datasets.moons, {}, [100, 100]),
        (datasets.circles, {}, [100, 100]),
        (datasets.spirals, {}, [100, 100]),
        (datasets.spirals, {"n_classes": 3}, [67, 67, 66]),
        (datasets.gaussians, {}, [67, 67, 66]),
        (datasets.gaussians, {"n_classes": 5}, [40, 40, 40, 40, 40]),
    ],
)
def test_generator_classes_are_balanced(make, options, counts):
    _, y = make(200, seed=3, **options)
    np.testing.assert_array_equal(np.bincount(y), counts)


@pytest.mark.parametrize("make", GENERATORS)
def test_generator_labels_come_in_random_order(make):
    _, y0 = make(200, seed=0)
    _, y1 = make(200, seed=1)
    assert not np.array_equal(y0, y1)  # the order depends on the seed: no fixed pattern
    assert 0 < np.sum(y0[:100] == 0) < 100  # the first half is not one class


def test_blobs_keep_their_margin_from_the_line_x1_plus_x2_equals_0_even_when_noisy():
    for noise in (0.0, 0.5, 5.0):
        X, y = datasets.blobs(300, noise=noise, seed=0)
        distance = (2 * y - 1) * (X[:, 0] + X[:, 1]) / np.sqrt(2)
        assert distance.min() >= 0.2


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_blobs_are_separated_by_a_least_squares_hyperplane(seed):
    X, y = datasets.blobs(200, seed=seed)
    assert least_squares_separates(X, y)


@pytest.mark.parametrize("make", [datasets.moons, datasets.circles])
def test_moons_and_circles_are_not_linearly_separable(make):
    X, y = make(200, seed=0)
    assert not least_squares_separates(X, y)
    assert not some_hyperplane_separates(X, y)  # no hyperplane at all, not just not that one


def test_blobs_pass_the_exact_separability_check_that_moons_fail():
    assert some_hyperplane_separates(*datasets.blobs(200, noise=3.0, seed=0))


def test_noise_free_generators_lie_on_their_curves():
    X, y = datasets.moons(100, noise=0.0, seed=0)
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0)  # unit circle ...
    assert upper[:, 1].min() >= 0  # ... upper half
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0)
    assert lower[:, 1].max() <= 0.5

    X, y = datasets.circles(100, noise=0.0, factor=0.3, seed=0)
    np.testing.assert_allclose(np.hypot(*X.T), np.where(y == 0, 1.0, 0.3))

    X, y = datasets.gaussians(30, n_classes=3, noise=0.0, seed=0)
    angle = 2 * np.pi * y / 3
    np.testing.assert_allclose(X, 2.0 * np.column_stack([np.cos(angle), np.sin(angle)]), atol=1e-12)


def test_noise_free_spiral_arms_turn_once_and_start_a_third_of_a_turn_apart():
    X, y = datasets.spirals(300, n_classes=3, noise=0.0, seed=0)
    t = np.hypot(*X.T)  # the radius is how far along its arm a point is
    angle = 2 * np.pi * (y / 3 + t)
    np.testing.assert_allclose(X, t[:, None] * np.column_stack([np.cos(angle), np.sin(angle)]), atol=1e-12)
    assert t.max() <= 1.0


def test_a_generator_accepts_a_generator_as_seed():
    X1, _ = datasets.moons(20, seed=np.random.default_rng(5))
    X2, _ = datasets.moons(20, seed=np.random.default_rng(5))
    np.testing.assert_array_equal(X1, X2)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: datasets.moons(1), ValueError, "n_samples must be >= 2, got 1"),
        (lambda: datasets.blobs(10.5), TypeError, "n_samples must be an integer"),
        (lambda: datasets.circles(noise=-0.1), ValueError, r"noise must be >= 0, got -0.1"),
        (lambda: datasets.circles(factor=1.0), ValueError, r"factor must be < 1, got 1.0"),
        (lambda: datasets.spirals(n_classes=1), ValueError, "n_classes must be >= 2, got 1"),
        (lambda: datasets.spirals(2, n_classes=3), ValueError, "n_samples must be >= 3, got 2"),
        (lambda: datasets.gaussians(n_classes=2.0), TypeError, "n_classes must be an integer"),
        (lambda: datasets.moons(seed=-1), ValueError, "seed must be >= 0, got -1"),
        (lambda: datasets.moons(seed="0"), TypeError, "seed must be an integer"),
    ],
)
def test_generator_bad_arguments_are_named_in_the_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


# ---------------------------------------------------------------------------------------------
# one_hot
# ---------------------------------------------------------------------------------------------


def test_one_hot_round_trip_argmax_gives_the_labels_back():
    y = np.array([2, 0, 1, 2, 4])
    Y = datasets.one_hot(y)
    assert Y.shape == (5, 5) and Y.dtype == np.float64
    np.testing.assert_array_equal(Y.argmax(axis=1), y)
    np.testing.assert_array_equal(Y.sum(axis=1), 1.0)  # exactly one 1 per row ...
    assert set(np.unique(Y)) == {0.0, 1.0}  # ... and zeros elsewhere


def test_one_hot_with_more_classes_than_seen_and_whole_float_labels():
    Y = datasets.one_hot([1.0, 0.0], n_classes=3)
    np.testing.assert_array_equal(Y, [[0, 1, 0], [1, 0, 0]])


@pytest.mark.parametrize(
    ("y", "n_classes", "message"),
    [
        ([0, -1, 2], None, "y must hold class labels >= 0, got -1"),
        ([0, 0.5, 2], None, "y must hold whole-number class labels, got 0.5"),
        ([0, 3, 1], 3, "y contains the label 3, but n_classes=3 allows only the labels 0 to 2"),
        ([[0, 1]], None, "y must be 1-d"),
    ],
)
def test_one_hot_rejects_labels_it_cannot_encode(y, n_classes, message):
    with pytest.raises(ValueError, match=message):
        datasets.one_hot(y, n_classes)


# ---------------------------------------------------------------------------------------------
# train_test_split
# ---------------------------------------------------------------------------------------------


def _ids(n: int) -> tuple[np.ndarray, np.ndarray]:
    """X whose first column is the sample's number, and y tied to it, to follow every sample."""
    X = np.column_stack([np.arange(n), np.arange(n) ** 2]).astype(float)
    return X, np.arange(n) % 3


@pytest.mark.parametrize(
    ("n", "test_size", "n_test"),
    [
        (100, 0.2, 20),
        (100, 0.25, 25),
        (100, 0.01, 1),
        (100, 0.333, 34),
        (100, 0.07, 7),  # 0.07 × 100 is 7.000000000000001 in floating point
        (100, 0.55, 55),  # and 0.55 × 100 is 55.00000000000001
        (100, 30, 30),
    ],
)
def test_split_sizes_a_fraction_rounds_up_a_count_is_exact(n, test_size, n_test):
    X_train, y_train, X_test, y_test = datasets.train_test_split(*_ids(n), test_size, seed=0)
    assert X_test.shape == (n_test, 2) and y_test.shape == (n_test,)
    assert X_train.shape == (n - n_test, 2) and y_train.shape == (n - n_test,)


@pytest.mark.parametrize("stratify", [False, True])
def test_split_is_disjoint_complete_and_keeps_pairs_together(stratify):
    X_train, y_train, X_test, y_test = datasets.train_test_split(*_ids(50), seed=1, stratify=stratify)
    ids_train, ids_test = X_train[:, 0].astype(int), X_test[:, 0].astype(int)
    assert not set(ids_train) & set(ids_test)
    np.testing.assert_array_equal(np.sort(np.concatenate([ids_train, ids_test])), np.arange(50))
    np.testing.assert_array_equal(y_train, ids_train % 3)
    np.testing.assert_array_equal(y_test, ids_test % 3)
    np.testing.assert_array_equal(X_test[:, 1], X_test[:, 0] ** 2)


def test_split_is_shuffled_and_seeded():
    first = datasets.train_test_split(*_ids(100), seed=4)
    again = datasets.train_test_split(*_ids(100), seed=4)
    other = datasets.train_test_split(*_ids(100), seed=5)
    np.testing.assert_array_equal(first[2], again[2])
    assert not np.array_equal(first[2], other[2])
    assert not np.array_equal(first[2][:, 0], np.arange(80, 100))  # not simply the last fifth


def test_stratified_split_gives_each_class_its_share():
    y = np.array([0] * 60 + [1] * 30 + [2] * 10)
    X = np.arange(100.0).reshape(-1, 1)
    _, y_train, _, y_test = datasets.train_test_split(X, y, 0.2, seed=0, stratify=True)
    np.testing.assert_array_equal(np.bincount(y_test), [12, 6, 2])
    np.testing.assert_array_equal(np.bincount(y_train), [48, 24, 8])
    assert np.any(np.diff(y_test) < 0) and np.any(np.diff(y_train) < 0)  # shuffled, not grouped by class


def test_stratified_split_rounds_to_the_exact_test_size():
    y = np.array([0] * 5 + [1] * 5 + [2] * 5)  # 0.2 × 15 = 3: one of each class
    _, _, _, y_test = datasets.train_test_split(np.zeros((15, 1)), y, 0.2, seed=0, stratify=True)
    np.testing.assert_array_equal(np.bincount(y_test), [1, 1, 1])
    _, _, _, y_test = datasets.train_test_split(np.zeros((15, 1)), y, 4, seed=0, stratify=True)
    assert len(y_test) == 4 and np.bincount(y_test, minlength=3).max() == 2


@pytest.mark.parametrize(
    ("X", "y", "test_size", "error", "message"),
    [
        (np.zeros((10, 2)), np.zeros(10), 0.0, ValueError, "test_size must be > 0, got 0.0"),
        (np.zeros((10, 2)), np.zeros(10), 1.0, ValueError, "test_size must be < 1, got 1.0"),
        (np.zeros((10, 2)), np.zeros(10), 10, ValueError, "leaves no sample to train on"),
        (np.zeros((10, 2)), np.zeros(10), 0, ValueError, "test_size must be >= 1, got 0"),
        (np.zeros((10, 2)), np.zeros(10), "half", TypeError, "test_size must be an integer"),
        (np.zeros((10, 2)), np.zeros(9), 0.2, ValueError, "got 10 in X and 9 in y"),
        (np.zeros((1, 2)), np.zeros(1), 0.2, ValueError, "needs at least 2 samples, got 1"),
    ],
)
def test_split_rejects_impossible_requests(X, y, test_size, error, message):
    with pytest.raises(error, match=message):
        datasets.train_test_split(X, y, test_size)


# ---------------------------------------------------------------------------------------------
# standardize
# ---------------------------------------------------------------------------------------------


def test_standardize_gives_the_training_set_mean_0_and_std_1():
    X = np.random.default_rng(0).normal(5.0, 3.0, size=(50, 4))
    X_scaled, mean, std = datasets.standardize(X)
    np.testing.assert_allclose(X_scaled.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(X_scaled.std(axis=0), 1.0)
    np.testing.assert_allclose(mean, X.mean(axis=0))
    np.testing.assert_allclose(std, X.std(axis=0))


def test_standardize_scales_the_test_set_with_the_training_statistics():
    X_train = np.array([[0.0, 10.0], [2.0, 30.0]])  # mean (1, 20), std (1, 10)
    X_test = np.array([[3.0, 0.0], [1.0, 20.0], [5.0, 50.0]])
    _, X_test_scaled, mean, std = datasets.standardize(X_train, X_test)
    np.testing.assert_array_equal(mean, [1.0, 20.0])
    np.testing.assert_array_equal(std, [1.0, 10.0])
    # (3 - 1)/1 = 2, (0 - 20)/10 = -2; (1 - 1)/1 = 0, 0; (5 - 1)/1 = 4, (50 - 20)/10 = 3
    np.testing.assert_array_equal(X_test_scaled, [[2.0, -2.0], [0.0, 0.0], [4.0, 3.0]])


def test_standardize_leaves_a_constant_feature_at_0_not_nan():
    X_train = np.array([[1.0, 0.1], [3.0, 0.1], [5.0, 0.1]])  # 0.1 is not exact in binary
    X_scaled, X_other, _, std = datasets.standardize(X_train, [[3.0, 0.7]])
    assert np.isfinite(X_scaled).all()
    np.testing.assert_array_equal(X_scaled[:, 1], 0.0)
    assert std[1] == 1.0
    np.testing.assert_allclose(X_other, [[0.0, 0.6]])  # the shift survives, unscaled


def test_standardize_returns_a_single_sample_as_it_came():
    _, x, _, _ = datasets.standardize(np.array([[0.0, 10.0], [2.0, 30.0]]), [2.0, 30.0])
    np.testing.assert_array_equal(x, [1.0, 1.0])


def test_standardize_rejects_a_set_with_other_features():
    with pytest.raises(ValueError, match="others\\[0\\] with 3 features, but 2 features were expected"):
        datasets.standardize(np.zeros((4, 2)), np.zeros((2, 3)))


# ---------------------------------------------------------------------------------------------
# Optional dependencies: imported late, and a helpful error when missing
# ---------------------------------------------------------------------------------------------


def test_importing_datasets_imports_neither_sklearn_nor_mnist1d():
    src = str(Path(datasets.__file__).resolve().parents[2])  # src/glassnet/datasets/__init__.py
    code = "import sys, glassnet.datasets; print(sorted({'sklearn', 'mnist1d', 'scipy'} & set(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": src}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("module", "call", "needed_by"),
    [("sklearn.datasets", datasets.digits, "digits"), ("mnist1d.data", datasets.mnist1d, "mnist1d")],
)
def test_a_missing_optional_package_names_the_extra_to_install(monkeypatch, module, call, needed_by):
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    with pytest.raises(ImportError, match=rf'{needed_by}\(\) needs .*pip install "glassnet\[datasets\]"'):
        call()


# ---------------------------------------------------------------------------------------------
# digits and MNIST-1D
# ---------------------------------------------------------------------------------------------


def test_digits_are_1797_images_of_64_pixels_in_0_1():
    X, y = datasets.digits()
    assert X.shape == (1797, 64) and X.dtype == np.float64
    assert X.min() == 0.0 and X.max() == 1.0
    assert y.shape == (1797,) and y.dtype == np.int64
    np.testing.assert_array_equal(np.unique(y), np.arange(10))


def _no_network(*args, **kwargs):
    raise AssertionError("MNIST-1D tried to use the network")


@pytest.fixture(scope="module")
def mnist1d_run(tmp_path_factory):
    """Generate the default MNIST-1D once, with the network cut off, in an empty working folder."""
    import requests  # mnist1d's own dependency: the dev extra installs both, and a missing one fails

    folder = tmp_path_factory.mktemp("mnist1d_cwd")
    numpy_state = np.random.get_state()[1].copy()  # noqa: NPY002 (checking it is left alone)
    python_state = random.getstate()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", _no_network)
        patch.setattr(urllib.request, "urlopen", _no_network)
        patch.setattr(requests, "get", _no_network)
        patch.chdir(folder)
        data = datasets.mnist1d(seed=0)
    return {
        "data": data,
        "files_written": list(folder.iterdir()),
        "numpy_state_kept": np.array_equal(np.random.get_state()[1], numpy_state),  # noqa: NPY002
        "python_state_kept": random.getstate() == python_state,
    }


def test_mnist1d_shapes_and_dtypes(mnist1d_run):
    X_train, y_train, X_test, y_test = mnist1d_run["data"]
    assert X_train.shape == (4000, 40) and X_test.shape == (1000, 40)
    assert y_train.shape == (4000,) and y_test.shape == (1000,)
    assert X_train.dtype == X_test.dtype == np.float64
    assert y_train.dtype == y_test.dtype == np.int64


def test_mnist1d_has_the_ten_digits_in_both_sets(mnist1d_run):
    _, y_train, _, y_test = mnist1d_run["data"]
    np.testing.assert_array_equal(np.unique(y_train), np.arange(10))
    np.testing.assert_array_equal(np.unique(y_test), np.arange(10))
    assert np.bincount(np.concatenate([y_train, y_test])).tolist() == [500] * 10


def test_mnist1d_writes_no_file_and_keeps_the_global_random_state(mnist1d_run):
    assert mnist1d_run["files_written"] == []
    assert mnist1d_run["numpy_state_kept"]
    assert mnist1d_run["python_state_kept"]


def test_mnist1d_is_seeded_and_rounds_its_size_to_whole_digits():
    first, again, other = (datasets.mnist1d(105, seed=s) for s in (3, 3, 4))
    assert first[0].shape == (80, 40) and first[2].shape == (20, 40)  # 105 -> 10 per digit -> 100
    np.testing.assert_array_equal(first[0], again[0])
    assert not np.allclose(first[0], other[0])


def test_mnist1d_rejects_a_seed_numpy_cannot_take():
    with pytest.raises(ValueError, match="seed must be <= 4294967295"):
        datasets.mnist1d(seed=2**32)


# ---------------------------------------------------------------------------------------------
# IDX files and MNIST
# ---------------------------------------------------------------------------------------------

_TYPE_CODES = {np.dtype(np.uint8): 0x08, np.dtype(np.int16): 0x0B, np.dtype(np.float32): 0x0D}


def idx_bytes(array: np.ndarray) -> bytes:
    """The IDX encoding of ``array``: 00 00, type code, ndim, big-endian sizes, big-endian data."""
    header = bytes([0, 0, _TYPE_CODES[array.dtype], array.ndim])
    sizes = b"".join(size.to_bytes(4, "big") for size in array.shape)
    return header + sizes + array.astype(array.dtype.newbyteorder(">")).tobytes()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


IMAGES = np.arange(5 * 3 * 4, dtype=np.uint8).reshape(5, 3, 4) * 4  # 5 images of 3×4, values 0..236
LABELS = np.array([3, 1, 4, 1, 5], dtype=np.uint8)


def mnist_folder(folder: Path, n_test: int = 2, gz: bool = False) -> Path:
    """The four MNIST files in miniature: 5 training images and ``n_test`` test images of 3×4."""
    suffix = ".gz" if gz else ""
    write(folder / f"train-images-idx3-ubyte{suffix}", idx_bytes(IMAGES))
    write(folder / f"train-labels-idx1-ubyte{suffix}", idx_bytes(LABELS))
    write(folder / "t10k-images-idx3-ubyte.gz", idx_bytes(IMAGES[:n_test]))  # the test pair always gzipped
    write(folder / "t10k-labels-idx1-ubyte.gz", idx_bytes(LABELS[:n_test]))
    return folder


@pytest.mark.parametrize("name", ["images", "images.gz", "images-gzipped-but-not-named-so"])
def test_read_idx_reads_back_what_was_written(tmp_path, name):
    data = idx_bytes(IMAGES)
    path = tmp_path / name
    path.write_bytes(data if name == "images" else gzip.compress(data))
    images = datasets.read_idx(path)
    assert images.dtype == np.uint8 and images.shape == (5, 3, 4)
    np.testing.assert_array_equal(images, IMAGES)


@pytest.mark.parametrize(
    "array", [np.array([[-300, 2], [3, 1000]], np.int16), np.array([1.5, -2.25], np.float32)]
)
def test_read_idx_turns_big_endian_values_into_native_ones(tmp_path, array):
    values = datasets.read_idx(write(tmp_path / "values", idx_bytes(array)))
    np.testing.assert_array_equal(values, array)
    assert values.dtype.isnative and values.dtype == array.dtype


def test_mnist_reads_the_four_files_scaled_to_0_1(tmp_path):
    X_train, y_train, X_test, y_test = datasets.mnist(mnist_folder(tmp_path))
    assert X_train.shape == (5, 12) and X_test.shape == (2, 12)
    assert X_train.dtype == np.float64 and y_train.dtype == np.int64
    np.testing.assert_array_equal(X_train, IMAGES.reshape(5, 12) / 255.0)  # row by row
    np.testing.assert_array_equal(X_test, IMAGES[:2].reshape(2, 12) / 255.0)
    np.testing.assert_array_equal(y_train, [3, 1, 4, 1, 5])
    np.testing.assert_array_equal(y_test, [3, 1])


def test_mnist_reads_gzipped_files_the_same(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "gz").mkdir()
    raw = datasets.mnist(mnist_folder(tmp_path / "raw", gz=False))
    gz = datasets.mnist(mnist_folder(tmp_path / "gz", gz=True))
    assert (tmp_path / "gz" / "train-images-idx3-ubyte.gz").exists()
    for a, b in zip(raw, gz, strict=True):
        np.testing.assert_array_equal(a, b)


def test_truncated_idx_file_says_what_the_header_promised(tmp_path):
    path = write(tmp_path / "train-images-idx3-ubyte", idx_bytes(IMAGES)[:-10])
    message = (
        "train-images-idx3-ubyte is truncated: "
        "the header promises 5×3×4 = 60 bytes of data, the file holds 50"
    )
    with pytest.raises(ValueError, match=message):
        datasets.read_idx(path)


def test_truncated_gzipped_idx_file_is_reported(tmp_path):
    path = tmp_path / "train-labels-idx1-ubyte.gz"
    path.write_bytes(gzip.compress(idx_bytes(LABELS))[:-12])
    with pytest.raises(ValueError, match=r"train-labels-idx1-ubyte\.gz is truncated: its gzip stream ends"):
        datasets.read_idx(path)


def test_idx_file_with_a_cut_header_is_truncated(tmp_path):
    path = write(tmp_path / "images", idx_bytes(IMAGES)[:9])  # magic + 1 of 3 sizes + 1 byte
    message = r"images is truncated: its header should hold 3 dimension sizes \(16 bytes\), the file holds 9"
    with pytest.raises(ValueError, match=message):
        datasets.read_idx(path)


def test_idx_file_with_bytes_left_over_is_rejected(tmp_path):
    path = write(tmp_path / "labels", idx_bytes(LABELS) + b"xyz")
    with pytest.raises(ValueError, match="labels has 3 bytes too many: the header promises 5 bytes of data"):
        datasets.read_idx(path)


@pytest.mark.parametrize("content", [b"PK\x03\x04 a zip file, say", b"\x00\x00\x07\x01abcd", b"\x00"])
def test_a_foreign_file_is_not_an_idx_file(tmp_path, content):
    path = write(tmp_path / "train-images-idx3-ubyte", content)
    with pytest.raises(ValueError, match="train-images-idx3-ubyte is not an IDX file"):
        datasets.read_idx(path)


def test_labels_where_images_belong_give_a_wrong_magic_number(tmp_path):
    folder = mnist_folder(tmp_path)
    write(folder / "train-images-idx3-ubyte", idx_bytes(LABELS))  # a label file under the image name
    message = (
        r"train-images-idx3-ubyte has the magic number 0x00000801 \(a 1-d array of uint8\), "
        r"expected 0x00000803 \(a 3-d array of uint8\)"
    )
    with pytest.raises(ValueError, match=message):
        datasets.mnist(folder)


def test_mnist_with_more_images_than_labels_says_so(tmp_path):
    folder = mnist_folder(tmp_path)
    write(folder / "train-labels-idx1-ubyte", idx_bytes(LABELS[:4]))
    with pytest.raises(ValueError, match=r"holds 5 images but .*train-labels-idx1-ubyte holds 4 labels"):
        datasets.mnist(folder)


def test_mnist_with_test_images_of_another_size_says_so(tmp_path):
    folder = mnist_folder(tmp_path)
    write(folder / "t10k-images-idx3-ubyte.gz", idx_bytes(np.zeros((2, 2, 2), np.uint8)))
    with pytest.raises(ValueError, match="images of 2×2 pixels, but the training images have 12"):
        datasets.mnist(folder)


def test_missing_files_are_named(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"IDX file .*nothing-here not found"):
        datasets.read_idx(tmp_path / "nothing-here")
    with pytest.raises(FileNotFoundError, match=r"MNIST folder .*no-folder not found"):
        datasets.mnist(tmp_path / "no-folder")
    folder = mnist_folder(tmp_path)
    (folder / "t10k-labels-idx1-ubyte.gz").unlink()
    message = r"t10k-labels-idx1-ubyte \(or t10k-labels-idx1-ubyte\.gz\) not found in .*the four MNIST files"
    with pytest.raises(FileNotFoundError, match=message):
        datasets.mnist(folder)


# ---------------------------------------------------------------------------------------------
# load: the registry the CLI uses
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["two-points", "seven_points", "XOR", "and-gate", "or_gate"])
def test_load_a_toy_set_trains_and_tests_on_the_whole_set(name):
    X_train, y_train, X_test, y_test = datasets.load(name)
    X, y = datasets.LOADERS[name.lower().replace("_", "-")]()
    for a, b in ((X_train, X), (X_test, X), (y_train, y), (y_test, y)):
        np.testing.assert_array_equal(a, b)
    assert X_train is not X_test  # changing one must not change the other


@pytest.mark.parametrize("name", ["blobs", "moons", "circles", "spirals", "gaussians", "digits"])
def test_load_splits_the_other_sets_80_20(name):
    X_train, y_train, X_test, y_test = datasets.load(name, seed=0)
    n = len(X_train) + len(X_test)
    assert len(X_test) == math.ceil(0.2 * n) and len(y_train) == len(X_train) and len(y_test) == len(X_test)
    assert X_train.dtype == np.float64 and y_train.dtype == np.int64
    assert X_train.shape[1] == X_test.shape[1] == (64 if name == "digits" else 2)


def test_load_is_seeded_and_passes_options_on():
    first = datasets.load("moons", seed=1, n_samples=50, noise=0.2)
    again = datasets.load("moons", seed=1, n_samples=50, noise=0.2)
    other = datasets.load("moons", seed=2, n_samples=50, noise=0.2)
    assert first[0].shape == (40, 2) and first[2].shape == (10, 2)
    np.testing.assert_array_equal(first[0], again[0])
    assert not np.array_equal(first[0], other[0])


def test_load_mnist1d_uses_its_own_split_and_seed():
    loaded = datasets.load("mnist1d", seed=3, n_samples=100)
    direct = datasets.mnist1d(100, seed=3)
    for a, b in zip(loaded, direct, strict=True):
        np.testing.assert_array_equal(a, b)


def test_load_unknown_name_lists_the_choices():
    with pytest.raises(ValueError, match="Unknown dataset 'foo'; choose one of: and-gate, blobs, circles, "):
        datasets.load("foo")


# ---------------------------------------------------------------------------------------------
# IDX files that promise more than fits
# ---------------------------------------------------------------------------------------------


def test_read_idx_refuses_a_header_that_promises_more_than_max_bytes_naming_the_size(tmp_path):
    path = write(tmp_path / "big.gz", idx_bytes(np.zeros((10, 100, 100), dtype=np.uint8)))  # 100 kB of zeros
    with pytest.raises(ValueError, match=r"big\.gz is too large to load: its header promises 10×100×100 = "
                                         r"100000 bytes of data \(100 kB\), more than the 50 kB allowed"):
        datasets.read_idx(path, max_bytes=50_000)
    assert datasets.read_idx(path, max_bytes=100_000).shape == (10, 100, 100)  # exactly the limit is fine


def test_mnist_refuses_a_small_gzip_file_that_expands_beyond_memory_before_decompressing_it(tmp_path, monkeypatch):
    # A 20 kB gzip file of 20 MB of zero pixels, on a machine said to have 100 MB: each pixel needs
    # 17 bytes once loaded (uint8, float64, the validation copy), so at most 100 MB / 17 = 5.9 MB of
    # pixels fit. The header says so before a byte of data is decompressed (tracemalloc's peak).
    import tracemalloc

    images = np.zeros((20, 1000, 1000), dtype=np.uint8)
    folder = tmp_path / "mnist"
    folder.mkdir()
    for name, array in (("train-images-idx3-ubyte.gz", images), ("train-labels-idx1-ubyte.gz", images[:, 0, 0]),
                        ("t10k-images-idx3-ubyte.gz", images[:1]), ("t10k-labels-idx1-ubyte.gz", images[:1, 0, 0])):
        write(folder / name, idx_bytes(array))
    del images
    assert (folder / "train-images-idx3-ubyte.gz").stat().st_size < 100_000
    monkeypatch.setattr("glassnet.datasets.idx.physical_memory", lambda: 100_000_000)
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match=r"train-images-idx3-ubyte\.gz is too large to load: its header "
                                             r"promises 20×1000×1000 = 20000000 bytes of data \(20 MB\), more "
                                             r"than the 5\.88 MB allowed"):
            datasets.mnist(folder)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000


# ---------------------------------------------------------------------------------------------
# CSV files
# ---------------------------------------------------------------------------------------------


def csv_file(tmp_path: Path, text: str | bytes, name: str = "data.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_read_csv_gives_features_class_indices_and_the_labels_as_given(tmp_path):
    X, y, classes = datasets.read_csv(csv_file(tmp_path, "0.5,1,dog\n2,-3,cat\n4,5e-1,dog\n"))
    np.testing.assert_array_equal(X, [[0.5, 1.0], [2.0, -3.0], [4.0, 0.5]])
    assert X.dtype == np.float64 and y.dtype == np.int64
    assert classes == ["cat", "dog"]  # sorted
    assert [classes[i] for i in y] == ["dog", "cat", "dog"]


def test_read_csv_labels_1_and_2_are_two_classes_not_three(tmp_path):
    _, y, classes = datasets.read_csv(csv_file(tmp_path, "0,0,1\n1,1,2\n2,2,2\n"))
    assert classes == [1, 2]
    assert y.tolist() == [0, 1, 1]


def test_read_csv_a_huge_label_is_just_a_name_for_a_class(tmp_path):
    import tracemalloc

    path = csv_file(tmp_path, "0,0,1e10\n1,1,0\n")
    tracemalloc.start()
    try:
        _, y, classes = datasets.read_csv(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert classes == [0, 10_000_000_000] and y.tolist() == [1, 0]
    assert peak < 1_000_000  # nothing sized by the label's value


def test_read_csv_refuses_a_file_with_one_class(tmp_path):
    with pytest.raises(ValueError, match=r"data\.csv holds one class only \(every label is 'yes'\); a classifier "
                                         r"needs at least two"):
        datasets.read_csv(csv_file(tmp_path, "1,2,yes\n3,4,yes\n"))


def test_read_csv_accepts_a_bom_a_header_quoted_numbers_a_trailing_comma_and_blank_lines(tmp_path):
    text = '\ufeff"x1","x2","label",\n"1.5",2,0,\n\n3,"-4",1,\n'
    X, y, classes = datasets.read_csv(csv_file(tmp_path, text))
    np.testing.assert_array_equal(X, [[1.5, 2.0], [3.0, -4.0]])
    assert y.tolist() == [0, 1] and classes == [0, 1]


def test_read_csv_takes_a_header_of_numbered_columns_as_a_header(tmp_path):
    # pandas writes unnamed columns as 0, 1, ...: the header is told apart by its label column's name
    X, y, _ = datasets.read_csv(csv_file(tmp_path, "0,1,target\n1,2,0\n3,4,1\n"))
    assert X.tolist() == [[1.0, 2.0], [3.0, 4.0]] and y.tolist() == [0, 1]


def test_read_csv_unlabelled_keeps_every_column(tmp_path):
    X, y, classes = datasets.read_csv(csv_file(tmp_path, "a,b\n1,2\n3,4\n"), labelled=False)
    assert X.tolist() == [[1.0, 2.0], [3.0, 4.0]] and y is None and classes is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x,y,label\n1,2,0\n3,abc,1\n", r"data\.csv, row 3, column 2 holds 'abc', not a finite number"),
        ("1,2,0\n3,,1\n", r"data\.csv, row 2, column 2 is empty"),
        ("1,2,0\n3,inf,1\n", r"data\.csv, row 2, column 2 holds 'inf', not a finite number"),
        ("1,2,0\n\n3,1\n", r"data\.csv, row 3: 2 columns, but row 1 has 3"),
        ("1,2,0\n3,4,0.5\n", r"data\.csv, row 2, column 3: the label '0\.5' is not a whole number"),
        ("1\n2\n", r"data\.csv needs at least two columns \(features, then the label\), got 1"),
    ],
)
def test_read_csv_names_the_row_and_column_counted_from_1(tmp_path, text, message):
    with pytest.raises(ValueError, match=message):
        datasets.read_csv(csv_file(tmp_path, text))


def test_read_csv_a_file_not_in_utf8_is_named(tmp_path):
    with pytest.raises(ValueError, match=r"latin\.csv is not UTF-8 text: byte 0xE9 at offset 7"):
        datasets.read_csv(csv_file(tmp_path, "1,2,caf\xe9\n".encode("latin-1"), name="latin.csv"))


@pytest.mark.parametrize("text", ["", "\n\n", "x,y,label\n"])
def test_read_csv_without_rows_is_one_clean_error_and_no_warning(tmp_path, text):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^.*data\.csv holds no rows of data\.$"):
            datasets.read_csv(csv_file(tmp_path, text))


def test_read_csv_a_missing_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"No CSV file at .*nothing\.csv"):
        datasets.read_csv(tmp_path / "nothing.csv")


def test_load_holds_out_the_test_size_asked_for():
    X_train, _, X_test, _ = datasets.load("moons", seed=0, test_size=0.3)
    assert (len(X_train), len(X_test)) == (140, 60)
