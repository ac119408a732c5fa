"""A network trained one example at a time, the way the track's own code does it.

This is the reference point for "what you would write after the lessons": weights act on
column vectors (``w`` has shape ``(n_out, n_in)``, ``a`` is ``(n, 1)``), and each mini-batch is
a Python loop that backpropagates its examples one by one, adds up their gradients and then
takes one step. It is written for these benchmarks (it is not glassnet's code and not copied
from the book), and is deliberately plain: no vectorisation over the batch.
"""

from __future__ import annotations

import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


def _sigmoid_prime(z: np.ndarray) -> np.ndarray:
    s = _sigmoid(z)
    return s * (1.0 - s)


def _relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0)


def _relu_prime(z: np.ndarray) -> np.ndarray:
    return (z > 0).astype(z.dtype)


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


HIDDEN = {"sigmoid": (_sigmoid, _sigmoid_prime), "relu": (_relu, _relu_prime)}
OUTPUT = {"sigmoid": _sigmoid, "softmax": _softmax}


class PerExampleNetwork:
    """Layers of sizes ``sizes``; ``hidden`` activation inside, ``output`` at the top.

    The output pairs are sigmoid + binary cross-entropy and softmax + categorical
    cross-entropy; both give the output error delta = a - y for one example.
    Weights start as N(0, 1/n_in) ("scaled"), biases at 0.
    """

    def __init__(self, sizes, hidden="sigmoid", output="sigmoid", *, seed=0, dtype=np.float64):
        rng = np.random.default_rng(seed)
        self.sizes = list(sizes)
        self.dtype = np.dtype(dtype)
        self.hidden, self.hidden_prime = HIDDEN[hidden]
        self.output = OUTPUT[output]
        self.rng = rng
        self.weights = [(rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)).astype(self.dtype)
                        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:], strict=True)]
        self.biases = [np.zeros((n_out, 1), self.dtype) for n_out in self.sizes[1:]]

    def feedforward(self, a: np.ndarray) -> np.ndarray:
        """Output column for one input column ``a`` of shape ``(n_in, 1)``."""
        last = len(self.weights) - 1
        for l, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            z = w @ a + b
            a = self.output(z) if l == last else self.hidden(z)
        return a

    def train(self, X: np.ndarray, Y: np.ndarray, epochs: int, batch_size: int, eta: float) -> None:
        """Mini-batch SGD. ``X`` is ``(n, n_in)``, ``Y`` one-hot ``(n, n_out)``; rows become columns."""
        examples = [(x.reshape(-1, 1), y.reshape(-1, 1))
                    for x, y in zip(X.astype(self.dtype, copy=False), Y.astype(self.dtype), strict=True)]
        order = np.arange(len(examples))
        for _ in range(epochs):
            self.rng.shuffle(order)
            for start in range(0, len(order), batch_size):
                self.step([examples[i] for i in order[start:start + batch_size]], eta)

    def step(self, batch, eta: float) -> None:
        """One gradient step from a list of (x, y) columns: sum each example's gradient, then move."""
        sum_w = [np.zeros_like(w) for w in self.weights]
        sum_b = [np.zeros_like(b) for b in self.biases]
        for x, y in batch:  # the per-example loop
            grad_w, grad_b = self.backprop(x, y)
            sum_w = [s + g for s, g in zip(sum_w, grad_w, strict=True)]
            sum_b = [s + g for s, g in zip(sum_b, grad_b, strict=True)]
        rate = eta / len(batch)
        self.weights = [w - rate * g for w, g in zip(self.weights, sum_w, strict=True)]
        self.biases = [b - rate * g for b, g in zip(self.biases, sum_b, strict=True)]

    def backprop(self, x: np.ndarray, y: np.ndarray):
        """The gradient of one example's cost, layer by layer, as column-vector equations."""
        zs, activations = [], [x]
        a, last = x, len(self.weights) - 1
        for l, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            z = w @ a + b
            zs.append(z)
            a = self.output(z) if l == last else self.hidden(z)
            activations.append(a)
        grad_w = [None] * len(self.weights)
        grad_b = [None] * len(self.biases)
        delta = activations[-1] - y  # output error for both output/cost pairs
        grad_w[-1], grad_b[-1] = delta @ activations[-2].T, delta
        for l in range(len(self.weights) - 2, -1, -1):  # back through the hidden layers
            delta = (self.weights[l + 1].T @ delta) * self.hidden_prime(zs[l])
            grad_w[l], grad_b[l] = delta @ activations[l].T, delta
        return grad_w, grad_b

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Labels for the rows of ``X``, one example at a time."""
        return np.array([int(np.argmax(self.feedforward(x.reshape(-1, 1))))
                         for x in X.astype(self.dtype, copy=False)])
