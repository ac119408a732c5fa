"""Wrong: run stacks each bias under its weights on self (the bias trick), so a second run fails."""

import numpy as np


class NeuralNetwork:
    def __init__(self, sizes, activation):
        rng = np.random.default_rng(0)
        self.weights = [rng.standard_normal((m, n)) for m, n in zip(sizes[:-1], sizes[1:], strict=True)]
        self.biases = [np.zeros(n) for n in sizes[1:]]
        self.activation = activation

    def run(self, X):
        a = np.asarray(X, dtype=float)
        for i, b in enumerate(self.biases):
            self.weights[i] = np.vstack([self.weights[i], b])
            ones = np.ones(a.shape[:-1] + (1,))
            a = self.activation.fn(np.concatenate([a, ones], axis=-1) @ self.weights[i])
        return a
