"""The planted faults and healthy recipes the doctor is measured on (``benchmarks/doctor.py``).

Each case builds a network, its data and its recipe; a planted fault says which code (and, where
the fault sits in one layer, which layer) the doctor should name. Data come from packages or are
generated (scikit-learn's digits, MNIST-1D's ``make_dataset``), never downloaded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

from glassnet import CrossEntropy, Dense, NeuralNetwork, datasets


@dataclass(frozen=True)
class Case:
    """One network on one data set with one recipe; ``code`` is the fault planted (None: healthy)."""

    name: str
    code: str | None
    layer: int | None
    build: Callable[[], tuple[NeuralNetwork, np.ndarray, np.ndarray]]
    recipe: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- data
@cache
def digits() -> tuple[np.ndarray, np.ndarray]:
    return datasets.digits()


@cache
def mnist1d() -> tuple[np.ndarray, np.ndarray]:
    X, y, _, _ = datasets.mnist1d()
    return X, y


def moons(n: int = 500, noise: float = 0.2, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    return datasets.moons(n, noise=noise, seed=seed)


def sine(n: int = 400, offset: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Regression: y = sin(2x) + noise on x in [-2, 2], plus ``offset``."""
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, (n, 1))
    return x, np.sin(2 * x[:, 0]) + 0.1 * rng.standard_normal(n) + offset


def shuffled(X: np.ndarray, y: np.ndarray, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    return X, np.random.default_rng(seed).permutation(y)


def imbalanced(X: np.ndarray, y: np.ndarray, keep: float, major: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """All of class ``major``, ``keep`` of every other class."""
    rng = np.random.default_rng(0)
    rows = (y == major) | (rng.uniform(size=len(y)) < keep)
    return X[rows], y[rows]


# ---------------------------------------------------------------- networks
def net(sizes: list[int], hidden: Any = "sigmoid", output: Any = "softmax", loss: Any = None,
        seed: int = 0, **kwargs: Any) -> NeuralNetwork:
    loss = loss or ("categorical-cross-entropy" if output == "softmax" else
                    "cross-entropy" if output == "sigmoid" else "mse")
    return NeuralNetwork(sizes, activation=hidden, output_activation=output, loss=loss, seed=seed, **kwargs)


def scaled(network: NeuralNetwork, layers: list[int], factor: float = 1.0, bias: float | None = None) -> NeuralNetwork:
    """Multiply W of the given layers (1-based) by ``factor``; set their biases to ``bias`` if given."""
    for l in layers:
        network.layers[l - 1].W *= factor
        if bias is not None:
            network.layers[l - 1].b[...] = bias
    return network


def constant_start(network: NeuralNetwork, value: float) -> NeuralNetwork:
    for layer in network.layers:
        layer.W[...] = value
        layer.b[...] = value
    return network


class ForgotOneMinus:
    """A learner's sigmoid whose prime forgot the (1 - s) factor."""

    @staticmethod
    def fn(z):
        return 1 / (1 + np.exp(-z))

    @staticmethod
    def prime(z):
        return 1 / (1 + np.exp(-z))


class ForgotSquare:
    """A learner's tanh whose prime forgot to square: 1 - tanh(z)."""

    @staticmethod
    def fn(z):
        return np.tanh(z)

    @staticmethod
    def prime(z):
        return 1 - np.tanh(z)


class WrongSignMSE:
    """A learner's MSE whose derivative has the wrong sign: y - a."""

    @staticmethod
    def fn(a, y):
        return float(np.sum((a - y) ** 2) / (2 * len(a)))

    @staticmethod
    def derivative(a, y):
        return y - a


class HalfReLU:
    """A learner's ReLU whose prime is 0.5 where it should be 1."""

    @staticmethod
    def fn(z):
        return np.maximum(z, 0)

    @staticmethod
    def prime(z):
        return 0.5 * (z > 0)


def layered(specs: list[tuple[int, int, Any]], loss: Any, seed: int = 0) -> NeuralNetwork:
    rng = np.random.default_rng(seed)
    return NeuralNetwork([Dense(n_in, n_out, act, seed=rng) for n_in, n_out, act in specs], loss=loss)


# ---------------------------------------------------------------- the cases
SGD_05 = {"learning_rate": 0.5, "batch_size": 10}
SGD_01 = {"learning_rate": 0.1, "batch_size": 10}
M1D = {"learning_rate": 0.1, "batch_size": 32}


def healthy() -> list[Case]:
    return [
        Case("digits 64-30-10 sigmoid + softmax, η 0.5", None, None,
             lambda: (net([64, 30, 10]), *digits()), SGD_05),
        Case("digits 64-30-10 sigmoid + sigmoid CE, η 0.5 (lesson 7)", None, None,
             lambda: (net([64, 30, 10], output="sigmoid"), *digits()), SGD_05),
        Case("digits 64-30-10 sigmoid, CE, η 0.1 (glassnet train's defaults)", None, None,
             lambda: (net([64, 30, 10], output="sigmoid"), *digits()), SGD_01),
        Case("digits 64-30-30-10 sigmoid + softmax, η 0.5", None, None,
             lambda: (net([64, 30, 30, 10]), *digits()), SGD_05),
        Case("digits 64-64-10 ReLU + softmax, Adam 0.001", None, None,
             lambda: (net([64, 64, 10], "relu"), *digits()), {"optimizer": "adam", "learning_rate": 0.001}),
        Case("moons 2-16-16-1 ReLU, η 0.1", None, None,
             lambda: (net([2, 16, 16, 1], "relu", "sigmoid"), *moons()), SGD_01),
        Case("moons 2-6-1 tanh, η 0.1 (lesson 7)", None, None,
             lambda: (net([2, 6, 1], "tanh", "sigmoid"), *moons(300)), SGD_01),
        Case("MNIST-1D 40-100-100-10 ReLU, default start, η 0.1", None, None,
             lambda: (net([40, 100, 100, 10], "relu"), *mnist1d()), M1D),
        Case("MNIST-1D 40-100-10 ReLU, momentum 0.05", None, None,
             lambda: (net([40, 100, 10], "relu"), *mnist1d()),
             {"optimizer": "momentum", "learning_rate": 0.05, "batch_size": 32}),
        Case("XOR 2-3-1 sigmoid, η 2, batch 4 (lesson 7)", None, None,
             lambda: (net([2, 3, 1], output="sigmoid"), *datasets.xor()), {"learning_rate": 2.0, "batch_size": 4}),
        Case("spirals 2-32-32-3 tanh + softmax, Adam 0.01", None, None,
             lambda: (net([2, 32, 32, 3], "tanh"), *datasets.spirals(600, n_classes=3, noise=0.1, seed=0)),
             {"optimizer": "adam", "learning_rate": 0.01, "batch_size": 32}),
        Case("sine regression 1-32-1 tanh, MSE, η 0.05", None, None,
             lambda: (net([1, 32, 1], "tanh", "identity"), *sine()), {"learning_rate": 0.05, "batch_size": 10}),
        Case("circles 2-8-8-1 ReLU, Adam 0.01", None, None,
             lambda: (net([2, 8, 8, 1], "relu", "sigmoid"), *datasets.circles(400, noise=0.1, seed=0)),
             {"optimizer": "adam", "learning_rate": 0.01, "batch_size": 16}),
    ]


def faults() -> list[Case]:
    return [
        # inputs-unscaled
        Case("digits ×1000, 64-30-10 sigmoid", "inputs-unscaled", None,
             lambda: (net([64, 30, 10]), digits()[0] * 1000, digits()[1]), SGD_05),
        Case("moons + 100, 2-16-16-1 ReLU", "inputs-unscaled", None,
             lambda: (net([2, 16, 16, 1], "relu", "sigmoid"), moons()[0] + 100, moons()[1]), SGD_01),
        Case("MNIST-1D × 0.001, 40-100-100-10 ReLU", "inputs-unscaled", None,
             lambda: (net([40, 100, 100, 10], "relu"), mnist1d()[0] * 0.001, mnist1d()[1]), M1D),
        # saturated-units
        Case("digits 64-30-10 sigmoid, layer 1 ×25", "saturated-units", 1,
             lambda: (scaled(net([64, 30, 10]), [1], 25), *digits()), SGD_05),
        Case("moons 2-16-16-1 tanh, layer 2 ×10", "saturated-units", 2,
             lambda: (scaled(net([2, 16, 16, 1], "tanh", "sigmoid"), [2], 10), *moons()), SGD_01),
        Case("MNIST-1D 40-64-10 sigmoid, layer 1 biases +8", "saturated-units", 1,
             lambda: (scaled(net([40, 64, 10]), [1], bias=8.0), *mnist1d()), M1D),
        # dead-units
        Case("digits 64-32-10 ReLU, layer 1 biases −6", "dead-units", 1,
             lambda: (scaled(net([64, 32, 10], "relu"), [1], bias=-6.0), *digits()), SGD_01),
        Case("MNIST-1D 40-100-100-10 ReLU, layer 2 biases −6", "dead-units", 2,
             lambda: (scaled(net([40, 100, 100, 10], "relu"), [2], bias=-6.0), *mnist1d()), M1D),
        Case("moons 2-16-1 ReLU, layer 1 biases −6", "dead-units", 1,
             lambda: (scaled(net([2, 16, 1], "relu", "sigmoid"), [1], bias=-6.0), *moons()), SGD_01),
        # symmetry
        Case("digits 64-30-10 sigmoid, zero start", "symmetry", 1,
             lambda: (constant_start(net([64, 30, 10]), 0.0), *digits()), SGD_05),
        Case("moons 2-8-8-1 tanh, every weight 0.3", "symmetry", None,
             lambda: (constant_start(net([2, 8, 8, 1], "tanh", "sigmoid"), 0.3), *moons()), SGD_01),
        Case("MNIST-1D 40-50-10 sigmoid, zero start", "symmetry", 1,
             lambda: (constant_start(net([40, 50, 10]), 0.0), *mnist1d()), M1D),
        # vanishing-gradient
        Case("digits eight sigmoid layers (64-30×7-10)", "vanishing-gradient", None,
             lambda: (net([64] + [30] * 7 + [10], output="sigmoid"), *digits()), SGD_05),
        Case("moons ten tanh layers, Glorot × 0.5", "vanishing-gradient", None,
             lambda: (scaled(net([2] + [16] * 9 + [1], "tanh", "sigmoid"), list(range(1, 10)), 0.5), *moons()),
             SGD_01),
        Case("MNIST-1D six sigmoid hidden layers", "vanishing-gradient", None,
             lambda: (net([40] + [64] * 6 + [10]), *mnist1d()), M1D),
        # exploding-gradient
        Case("digits 64-64×5-10 ReLU, every hidden layer ×6", "exploding-gradient", None,
             lambda: (scaled(net([64] + [64] * 5 + [10], "relu"), [1, 2, 3, 4, 5], 6), *digits()), SGD_01),
        Case("moons ten identity layers ×2", "exploding-gradient", None,
             lambda: (scaled(net([2] + [16] * 9 + [1], "identity", "sigmoid"), list(range(1, 10)), 2), *moons()),
             SGD_01),
        # gradient-mismatch
        Case("digits 64-30-10, a sigmoid whose prime forgot (1 − s)", "gradient-mismatch", 1,
             lambda: (net([64, 30, 10], ForgotOneMinus), *digits()), SGD_05),
        Case("moons 2-8-8-1, layer 2 a tanh whose prime forgot the square", "gradient-mismatch", 2,
             lambda: (layered([(2, 8, "tanh"), (8, 8, ForgotSquare), (8, 1, "sigmoid")], CrossEntropy), *moons()),
             SGD_01),
        Case("sine 1-16-1 tanh, an MSE whose derivative has the wrong sign", "gradient-mismatch", 2,
             lambda: (net([1, 16, 1], "tanh", "identity", loss=WrongSignMSE), *sine()),
             {"learning_rate": 0.05, "batch_size": 10}),
        Case("MNIST-1D 40-64-10, a ReLU whose prime is 0.5", "gradient-mismatch", 1,
             lambda: (net([40, 64, 10], HalfReLU), *mnist1d()), M1D),
        # loss-at-init
        Case("digits 64-30-10 sigmoid + softmax, output layer ×25 (W drawn)", "loss-at-init", None,
             lambda: (scaled(net([64, 30, 10], init="glorot"), [2], 25), *digits()), SGD_05),
        Case("digits 64-30-10 sigmoid outputs, output biases +8", "loss-at-init", None,
             lambda: (scaled(net([64, 30, 10], output="sigmoid"), [2], bias=8.0), *digits()), SGD_05),
        Case("sine + 50, 1-32-1 tanh, MSE", "loss-at-init", None,
             lambda: (net([1, 32, 1], "tanh", "identity"), *sine(offset=50.0)),
             {"learning_rate": 0.01, "batch_size": 10}),
        # learning-rate-too-high
        Case("digits 64-30-10 sigmoid, η 200", "learning-rate-too-high", None,
             lambda: (net([64, 30, 10]), *digits()), {"learning_rate": 200.0, "batch_size": 10}),
        Case("MNIST-1D 40-100-100-10 ReLU, Adam 0.5", "learning-rate-too-high", None,
             lambda: (net([40, 100, 100, 10], "relu"), *mnist1d()), {"optimizer": "adam", "learning_rate": 0.5}),
        Case("moons 2-16-16-1 ReLU, η 20", "learning-rate-too-high", None,
             lambda: (net([2, 16, 16, 1], "relu", "sigmoid"), *moons()), {"learning_rate": 20.0, "batch_size": 10}),
        # learning-rate-too-low
        Case("digits 64-30-10 sigmoid, η 0.0001", "learning-rate-too-low", None,
             lambda: (net([64, 30, 10]), *digits()), {"learning_rate": 1e-4, "batch_size": 10}),
        Case("moons 2-16-16-1 ReLU, Adam 1e-6", "learning-rate-too-low", None,
             lambda: (net([2, 16, 16, 1], "relu", "sigmoid"), *moons()), {"optimizer": "adam", "learning_rate": 1e-6}),
        Case("MNIST-1D 40-100-10 ReLU, η 0.0005", "learning-rate-too-low", None,
             lambda: (net([40, 100, 10], "relu"), *mnist1d()), {"learning_rate": 5e-4, "batch_size": 32}),
        # cannot-fit-small-batch
        Case("XOR 2-1-1 sigmoid (one hidden unit)", "cannot-fit-small-batch", None,
             lambda: (net([2, 1, 1], output="sigmoid"), *datasets.xor()), {"learning_rate": 2.0, "batch_size": 4}),
        Case("gaussians-XOR 2-8-1 with identity hidden units", "cannot-fit-small-batch", None,
             lambda: (net([2, 8, 1], "identity", "sigmoid"), *xor_cloud()), SGD_01),
        # underfitting
        Case("digits 64-2-10 sigmoid + softmax", "underfitting", None,
             lambda: (net([64, 2, 10]), *digits()), SGD_05),
        Case("moons 2-1 (a logistic regression)", "underfitting", None,
             lambda: (net([2, 1], output="sigmoid"), *moons()), SGD_05),
        Case("spirals 2-3-3 tanh + softmax", "underfitting", None,
             lambda: (net([2, 3, 3], "tanh"), *datasets.spirals(600, n_classes=3, noise=0.1, seed=0)),
             {"optimizer": "adam", "learning_rate": 0.01, "batch_size": 32}),
        # labels-unlearnable
        Case("digits, shuffled labels, 64-30-10 sigmoid", "labels-unlearnable", None,
             lambda: (net([64, 30, 10]), *shuffled(*digits())), SGD_05),
        Case("moons, shuffled labels, 2-32-32-1 ReLU", "labels-unlearnable", None,
             lambda: (net([2, 32, 32, 1], "relu", "sigmoid"), *shuffled(*moons())), SGD_01),
        Case("MNIST-1D, shuffled labels, 40-100-10 ReLU", "labels-unlearnable", None,
             lambda: (net([40, 100, 10], "relu"), *shuffled(*mnist1d())), M1D),
        # overfitting
        Case("150 digits, 64-256-10 ReLU, Adam 0.01", "overfitting", None,
             lambda: (net([64, 256, 10], "relu"), digits()[0][:150], digits()[1][:150]),
             {"optimizer": "adam", "learning_rate": 0.01, "batch_size": 10}),
        Case("80 noisy moons, 2-64-64-1 ReLU, Adam 0.01", "overfitting", None,
             lambda: (net([2, 64, 64, 1], "relu", "sigmoid"), *moons(80, noise=0.4)),
             {"optimizer": "adam", "learning_rate": 0.01, "batch_size": 8}),
        # class-imbalance
        Case("digits, 0s and 2% of the rest", "class-imbalance", None,
             lambda: (net([64, 30, 10]), *imbalanced(*digits(), keep=0.02)), SGD_05),
        Case("moons, 95% class 0", "class-imbalance", None,
             lambda: (net([2, 16, 16, 1], "relu", "sigmoid"), *imbalanced(*moons(1000), keep=0.05)), SGD_01),
    ]


def xor_cloud(n: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """Points in [-1, 1]², class 1 where x1·x2 > 0."""
    X = np.random.default_rng(0).uniform(-1, 1, (n, 2))
    return X, (X[:, 0] * X[:, 1] > 0).astype(np.int64)


def second_set() -> list[Case]:
    """Built after the thresholds were set, to see how they carry to networks, data and faults they
    were not chosen on (benchmarks/README.md says which rules changed after it was first run)."""
    spirals = datasets.spirals(600, n_classes=3, noise=0.1, seed=0)
    circles = datasets.circles(400, noise=0.1, seed=0)
    adam_01 = {"optimizer": "adam", "learning_rate": 0.01}

    class ReLUPrimeOne:
        """A learner's ReLU whose prime is 1 everywhere."""

        @staticmethod
        def fn(z):
            return np.maximum(z, 0)

        @staticmethod
        def prime(z):
            return np.ones_like(z)

    class SigmoidOnePlus:
        """A learner's sigmoid whose prime is s (1 + s)."""

        @staticmethod
        def fn(z):
            return 1 / (1 + np.exp(-z))

        @staticmethod
        def prime(z):
            s = 1 / (1 + np.exp(-z))
            return s * (1 + s)

    return [
        Case("digits 64-64×5-10 ReLU ×6 (other seed)", "exploding-gradient", None,
             lambda: (scaled(net([64] + [64] * 5 + [10], "relu", seed=1), [1, 2, 3, 4, 5], 6), *digits()), SGD_01),
        Case("MNIST-1D 40-64×6-10 ReLU, He × 3", "exploding-gradient", None,
             lambda: (scaled(net([40] + [64] * 6 + [10], "relu", init="he"), [1, 2, 3, 4, 5, 6], 3), *mnist1d()),
             M1D),
        Case("moons ×1000, 2-16-1 tanh", "inputs-unscaled", None,
             lambda: (net([2, 16, 1], "tanh", "sigmoid"), moons()[0] * 1000, moons()[1]), SGD_01),
        Case("digits ×255, 64-64-10 ReLU", "inputs-unscaled", None,
             lambda: (net([64, 64, 10], "relu"), digits()[0] * 255, digits()[1]), SGD_01),
        Case("spirals + 50, 2-32-3 tanh, Adam", "inputs-unscaled", None,
             lambda: (net([2, 32, 3], "tanh"), spirals[0] + 50, spirals[1]), adam_01),
        Case("digits sigmoid, both layers ×25", "saturated-units", 1,
             lambda: (scaled(net([64, 30, 10]), [1, 2], 25), *digits()), SGD_05),
        Case("digits 64-64-10 ReLU, layer 1 biases −3", "dead-units", 1,
             lambda: (scaled(net([64, 64, 10], "relu"), [1], bias=-3.0), *digits()), SGD_01),
        Case("circles 2-32-32-1 ReLU, layer 2 biases −6", "dead-units", 2,
             lambda: (scaled(net([2, 32, 32, 1], "relu", "sigmoid"), [2], bias=-6.0), *circles), adam_01),
        Case("digits 64-32-10 ReLU, zero start", "symmetry", 1,
             lambda: (constant_start(net([64, 32, 10], "relu"), 0.0), *digits()), SGD_01),
        Case("spirals 2-16-16-3 tanh, every weight 0.5", "symmetry", None,
             lambda: (constant_start(net([2, 16, 16, 3], "tanh"), 0.5), *spirals), adam_01),
        Case("MNIST-1D eight tanh layers × 0.5", "vanishing-gradient", None,
             lambda: (scaled(net([40] + [32] * 8 + [10], "tanh"), list(range(1, 9)), 0.5), *mnist1d()), M1D),
        Case("digits six sigmoid layers, η 3", "vanishing-gradient", None,
             lambda: (net([64] + [30] * 6 + [10]), *digits()), {"learning_rate": 3.0, "batch_size": 10}),
        Case("digits 64-64-10 ReLU, η 5", "learning-rate-too-high", None,
             lambda: (net([64, 64, 10], "relu"), *digits()), {"learning_rate": 5.0, "batch_size": 10}),
        Case("sine 1-32-1 tanh, η 3", "learning-rate-too-high", None,
             lambda: (net([1, 32, 1], "tanh", "identity"), *sine()), {"learning_rate": 3.0, "batch_size": 10}),
        Case("spirals 2-32-32-3 tanh, momentum 3", "learning-rate-too-high", None,
             lambda: (net([2, 32, 32, 3], "tanh"), *spirals), {"optimizer": "momentum", "learning_rate": 3.0}),
        Case("digits 64-64-10 ReLU, Adam 1e-6", "learning-rate-too-low", None,
             lambda: (net([64, 64, 10], "relu"), *digits()), {"optimizer": "adam", "learning_rate": 1e-6}),
        Case("sine 1-32-1 tanh, η 1e-5", "learning-rate-too-low", None,
             lambda: (net([1, 32, 1], "tanh", "identity"), *sine()), {"learning_rate": 1e-5, "batch_size": 10}),
        Case("digits 64-32-10, a ReLU whose prime is 1", "gradient-mismatch", 1,
             lambda: (net([64, 32, 10], ReLUPrimeOne), *digits()), SGD_01),
        Case("moons 2-8-1, a sigmoid whose prime is s(1 + s)", "gradient-mismatch", 1,
             lambda: (net([2, 8, 1], SigmoidOnePlus, "sigmoid"), *moons()), SGD_01),
        Case("MNIST-1D 40-64-10 ReLU, output biases +20 on class 0", "loss-at-init", None,
             lambda: (bias_one_output(net([40, 64, 10], "relu"), 20.0), *mnist1d()), M1D),
        Case("XOR 2-4-1 with identity hidden units", "cannot-fit-small-batch", None,
             lambda: (net([2, 4, 1], "identity", "sigmoid"), *datasets.xor()), {"learning_rate": 1.0, "batch_size": 4}),
        Case("circles 2-1 (a logistic regression)", "underfitting", None,
             lambda: (net([2, 1], output="sigmoid"), *circles), SGD_05),
        Case("digits 64-1-10", "underfitting", None, lambda: (net([64, 1, 10]), *digits()), SGD_05),
        Case("MNIST-1D 40-10 (a linear model)", "underfitting", None, lambda: (net([40, 10]), *mnist1d()), M1D),
        Case("spirals, shuffled labels, 2-32-32-3 tanh", "labels-unlearnable", None,
             lambda: (net([2, 32, 32, 3], "tanh"), *shuffled(*spirals)), adam_01),
        Case("circles, random labels, 2-16-1 ReLU", "labels-unlearnable", None,
             lambda: (net([2, 16, 1], "relu", "sigmoid"), circles[0], np.random.default_rng(5).integers(0, 2, 400)),
             SGD_01),
        Case("60 noisy circles, 2-64-64-1 ReLU, Adam", "overfitting", None,
             lambda: (net([2, 64, 64, 1], "relu", "sigmoid"), *datasets.circles(60, noise=0.3, seed=0)),
             {"optimizer": "adam", "learning_rate": 0.01, "batch_size": 8}),
        Case("MNIST-1D, 90% class 3", "class-imbalance", None,
             lambda: (net([40, 100, 10], "relu"), *imbalanced(*mnist1d(), keep=0.01, major=3)), M1D),
        Case("circles, 85% class 1", "class-imbalance", None,
             lambda: (net([2, 16, 1], "relu", "sigmoid"),
                      *imbalanced(*datasets.circles(600, noise=0.1, seed=0), keep=0.18, major=1)), SGD_01),
        Case("four gaussian clusters 2-16-4 tanh, η 0.1", None, None,
             lambda: (net([2, 16, 4], "tanh"), *datasets.gaussians(600, n_classes=4, noise=0.6, seed=3)), SGD_01),
        Case("digits 64-100-10 ReLU, η 0.05, batch 16", None, None,
             lambda: (net([64, 100, 10], "relu"), *digits()), {"learning_rate": 0.05, "batch_size": 16}),
        Case("MNIST-1D 40-256-256-10 ReLU, Adam 0.001", None, None,
             lambda: (net([40, 256, 256, 10], "relu"), *mnist1d()), {"optimizer": "adam", "learning_rate": 0.001}),
        Case("blobs 2-4-1 sigmoid, η 1", None, None,
             lambda: (net([2, 4, 1], output="sigmoid"), *datasets.blobs(300, seed=0)),
             {"learning_rate": 1.0, "batch_size": 10}),
        Case("digits 64-32-10 tanh, momentum 0.05", None, None,
             lambda: (net([64, 32, 10], "tanh"), *digits()), {"optimizer": "momentum", "learning_rate": 0.05}),
        Case("AND gate 2-1 sigmoid, η 1", None, None,
             lambda: (net([2, 1], output="sigmoid"), *datasets.and_gate()), {"learning_rate": 1.0, "batch_size": 4}),
        Case("sine 1-64-64-1 ReLU, Adam 0.003", None, None,
             lambda: (net([1, 64, 64, 1], "relu", "identity"), *sine()),
             {"optimizer": "adam", "learning_rate": 0.003, "batch_size": 16}),
    ]


def bias_one_output(network: NeuralNetwork, value: float, unit: int = 0) -> NeuralNetwork:
    """Set the output layer's bias of ``unit`` to ``value``: every example starts out called that."""
    network.layers[-1].b[unit] = value
    return network
