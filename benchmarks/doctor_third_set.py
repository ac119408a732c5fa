"""The doctor's third set of cases (``benchmarks/doctor.py --set third``), built after the lead's held-out
set found three classes of mistakes: a false overfitting alarm on a small standardised table, a
confidently wrong start that the ratio C / ln K missed, and a tiny learning rate that no larger
rate's shorter run rescued. scikit-learn's bundled tables (iris, wine, breast cancer), generated
regressions and clusters, digits and MNIST-1D; K from 1 to 20; SGD, momentum and Adam.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from doctor_cases import M1D, SGD_01, SGD_05, Case, bias_one_output, digits, mnist1d, net, scaled

from glassnet import datasets


@cache
def table(name: str) -> tuple[np.ndarray, np.ndarray]:
    """One of scikit-learn's small bundled tables (iris, wine, breast_cancer), standardised."""
    from sklearn import datasets as sk

    X, y = getattr(sk, f"load_{name}")(return_X_y=True)
    return (X - X.mean(axis=0)) / X.std(axis=0), y


def regression(n: int, features: int, noise: float = 0.5, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Regression on ``features`` standard normal inputs: y = x₁ + sin(2 x₂) + ``noise`` · N(0, 1)."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, features))
    return X, X[:, 0] + np.sin(2 * X[:, 1]) + noise * rng.standard_normal(n)


def first_rows(X: np.ndarray, y: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    return X[:n], y[:n]


def third_set() -> list[Case]:
    """The third set: healthy recipes and planted faults of the three classes (see the module docstring)."""
    adam_01 = {"optimizer": "adam", "learning_rate": 0.01, "batch_size": 10}
    clusters = datasets.gaussians(1000, n_classes=20, noise=0.3, seed=0)
    circles = datasets.circles(400, noise=0.1, seed=0)
    return [
        # healthy: starts drawn for every layer, twenty classes, small steps that still move the loss
        Case("MNIST-1D 40-100-10 ReLU, He start everywhere (output drawn), η 0.05", None, None,
             lambda: (net([40, 100, 10], "relu", init="he"), *mnist1d()), {"learning_rate": 0.05, "batch_size": 32}),
        Case("digits 64-30-10 sigmoid outputs, Nielsen's scaled start, η 0.5", None, None,
             lambda: (net([64, 30, 10], output="sigmoid", init="scaled"), *digits()), SGD_05),
        Case("twenty gaussian clusters 2-32-20 tanh + softmax, Adam 0.01", None, None,
             lambda: (net([2, 32, 20], "tanh"), *clusters), adam_01),
        Case("wine 13-16-3 tanh + softmax, Adam 0.001", None, None,
             lambda: (net([13, 16, 3], "tanh"), *table("wine")), {"optimizer": "adam", "learning_rate": 0.001}),
        Case("digits 64-30-10 sigmoid + softmax, η 0.05, batch 100", None, None,
             lambda: (net([64, 30, 10]), *digits()), {"learning_rate": 0.05, "batch_size": 100}),
        # loss-at-init: confidently wrong starts at K = 1, 3, 10 and 20, softmax and sigmoid outputs
        Case("twenty gaussian clusters 2-32-20 tanh, class 5's bias +8", "loss-at-init", None,
             lambda: (bias_one_output(net([2, 32, 20], "tanh"), 8.0, 5), *clusters), adam_01),
        Case("iris 4-16-3 ReLU + softmax, class 2's bias +10", "loss-at-init", None,
             lambda: (bias_one_output(net([4, 16, 3], "relu"), 10.0, 2), *table("iris")), SGD_01),
        Case("breast cancer 30-16-1 tanh + sigmoid, output bias −10", "loss-at-init", None,
             lambda: (bias_one_output(net([30, 16, 1], "tanh", "sigmoid"), -10.0), *table("breast_cancer")), SGD_01),
        Case("MNIST-1D 40-64-10 tanh, sigmoid outputs, output 2's bias +10", "loss-at-init", None,
             lambda: (bias_one_output(net([40, 64, 10], "tanh", "sigmoid"), 10.0, 2), *mnist1d()), M1D),
        Case("digits 64-50-10 tanh + softmax, output layer ×10 (Glorot-drawn)", "loss-at-init", None,
             lambda: (scaled(net([64, 50, 10], "tanh", init="glorot"), [2], 10), *digits()), SGD_01),
        # learning-rate-too-low: rates the shorter runs at larger rates may not rescue
        Case("circles 2-8-8-1 ReLU, η 1e-6", "learning-rate-too-low", None,
             lambda: (net([2, 8, 8, 1], "relu", "sigmoid"), *circles), {"learning_rate": 1e-6, "batch_size": 10}),
        Case("digits 64-30-10 sigmoid + softmax, momentum 1e-6", "learning-rate-too-low", None,
             lambda: (net([64, 30, 10]), *digits()),
             {"optimizer": "momentum", "learning_rate": 1e-6, "batch_size": 10}),
        Case("MNIST-1D 40-100-10 ReLU, η 1e-7", "learning-rate-too-low", None,
             lambda: (net([40, 100, 10], "relu"), *mnist1d()), {"learning_rate": 1e-7, "batch_size": 32}),
        Case("wine 13-16-3 tanh + softmax, Adam 1e-7", "learning-rate-too-low", None,
             lambda: (net([13, 16, 3], "tanh"), *table("wine")), {"optimizer": "adam", "learning_rate": 1e-7}),
        Case("100-point regression 3-16-1 tanh, η 1e-7", "learning-rate-too-low", None,
             lambda: (net([3, 16, 1], "tanh", "identity"), *regression(100, 3, 0.2)),
             {"learning_rate": 1e-7, "batch_size": 10}),
        # healthy: small standardised tables, where a validation loss of 30 to 114 examples is noisy
        Case("iris 4-16-3 tanh + softmax, η 0.1", None, None,
             lambda: (net([4, 16, 3], "tanh"), *table("iris")), SGD_01),
        Case("wine 13-32-3 ReLU + softmax, Adam 0.01", None, None,
             lambda: (net([13, 32, 3], "relu"), *table("wine")), adam_01),
        Case("wine 13-16-3 tanh + softmax, momentum 0.05", None, None,
             lambda: (net([13, 16, 3], "tanh"), *table("wine")),
             {"optimizer": "momentum", "learning_rate": 0.05, "batch_size": 10}),
        Case("wine 13-8-3 sigmoid + softmax, η 0.5", None, None,
             lambda: (net([13, 8, 3]), *table("wine")), SGD_05),
        Case("breast cancer 30-16-1 tanh + sigmoid, η 0.1", None, None,
             lambda: (net([30, 16, 1], "tanh", "sigmoid"), *table("breast_cancer")), SGD_01),
        Case("100-point regression 3-16-1 tanh, MSE, η 0.05", None, None,
             lambda: (net([3, 16, 1], "tanh", "identity"), *regression(100, 3, 0.2)),
             {"learning_rate": 0.05, "batch_size": 10}),
        # overfitting, several sizes
        Case("100 MNIST-1D, 40-512-10 ReLU, Adam 0.01", "overfitting", None,
             lambda: (net([40, 512, 10], "relu"), *first_rows(*mnist1d(), 100)), adam_01),
        Case("60-point noisy regression, 5-64-64-1 tanh, Adam 0.01", "overfitting", None,
             lambda: (net([5, 64, 64, 1], "tanh", "identity"), *regression(60, 5)), adam_01),
        Case("40-point noisy regression, 3-64-64-1 tanh, Adam 0.01", "overfitting", None,
             lambda: (net([3, 64, 64, 1], "tanh", "identity"), *regression(40, 3, seed=1)), adam_01),
        Case("250 MNIST-1D, 40-512-10 ReLU, Adam 0.01", "overfitting", None,
             lambda: (net([40, 512, 10], "relu"), *first_rows(*mnist1d(), 250)), adam_01),
        Case("100 breast-cancer rows, 30-256-1 ReLU, Adam 0.01", "overfitting", None,
             lambda: (net([30, 256, 1], "relu", "sigmoid"), *first_rows(*table("breast_cancer"), 100)), adam_01),
    ]
