"""labels: class labels from outputs, labels from targets, one-hot: the one rule everyone uses."""

import ast
import importlib
import inspect

import numpy as np
import pytest

from glassnet import datasets, labels, network, plotting, training
from glassnet.labels import class_labels, one_hot, target_labels
from glassnet.network import NeuralNetwork


def test_class_labels_take_the_largest_column_or_a_above_one_half():
    A = np.array([[0.1, 0.7, 0.2], [0.5, 0.1, 0.4]])
    np.testing.assert_array_equal(class_labels(A), [1, 0])
    np.testing.assert_array_equal(class_labels(np.array([[0.5], [0.51], [0.2], [0.9]])), [0, 1, 0, 1])


def test_target_labels_read_labels_one_column_and_one_hot_rows():
    np.testing.assert_array_equal(target_labels(np.array([2, 0, 1])), [2, 0, 1])
    np.testing.assert_array_equal(target_labels(np.array([[2], [0]])), [2, 0])  # a column of labels stays labels
    np.testing.assert_array_equal(target_labels(np.eye(3)[[2, 0, 1]]), [2, 0, 1])


def test_one_hot_round_trips_through_class_labels():
    y = np.array([3, 0, 2, 2])
    Y = one_hot(y, 5)
    assert Y.shape == (4, 5) and Y.sum() == 4
    np.testing.assert_array_equal(class_labels(Y), y)


def test_one_hot_refuses_labels_outside_0_to_k_minus_1():
    with pytest.raises(ValueError, match="y contains the label 3, but n_classes=3 allows only the labels 0 to 2"):
        one_hot([0, 3], 3)
    with pytest.raises(ValueError, match="y must hold class labels >= 0, got -1"):
        one_hot([0, -1], 3)


def test_datasets_one_hot_is_the_labels_one():
    assert datasets.one_hot is one_hot


def test_network_and_training_use_the_one_rule():
    """predict, score and the training accuracy agree with class_labels on the same outputs."""
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 3)), rng.integers(0, 4, size=30)
    net = NeuralNetwork([3, 5, 4], activation="tanh", output_activation="softmax",
                        loss="categorical-cross-entropy", seed=0)
    np.testing.assert_array_equal(net.predict(X), class_labels(net.run(X)))
    assert net.score(X, y) == np.mean(class_labels(net.run(X)) == y)
    assert net.score(X, one_hot(y, 4)) == net.score(X, y)


PLOTTING = [importlib.import_module(f"glassnet.plotting.{name}") for name in
            ("figures", "activations", "classification", "curves", "descent", "network", "points")]


@pytest.mark.parametrize("module", [network, training, plotting, *PLOTTING])
def test_no_module_writes_its_own_argmax_rule(module):
    assert ".argmax(axis=1)" not in inspect.getsource(module)


CORE = ["activations", "gradcheck", "labels", "layers", "losses", "network", "optimizers", "training"]


@pytest.mark.parametrize("name", CORE)
def test_the_core_does_not_import_datasets(name):
    source = inspect.getsource(getattr(__import__("glassnet", fromlist=[name]), name))
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
        elif isinstance(node, ast.Import):
            imported |= {a.name for a in node.names}
    assert "glassnet.datasets" not in imported


def test_labels_imports_nothing_but_numpy_and_validation():
    tree = ast.parse(inspect.getsource(labels))
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert modules <= {"__future__", "typing", "glassnet._validation"}


def test_one_hot_of_a_huge_label_is_refused_before_allocating(monkeypatch):
    monkeypatch.setattr("glassnet._validation.physical_memory", lambda: 16 * 2**30)
    with pytest.raises(ValueError, match=r"One-hot rows for 1 label of 1,000,000,000,001 classes \(the largest label "
                                         r"is 1,000,000,000,000\) needs 8 TB of memory, more than this machine's "
                                         r"17.2 GB; nothing was allocated"):
        one_hot([10**12])
