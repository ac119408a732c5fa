"""Wrong: makes each bias a column, shape (n, 1)."""

import numpy as np


class NeuralNetwork:
    def __init__(self, sizes, activation):
        rng = np.random.default_rng(0)
        self.weights = [rng.standard_normal((a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
        self.biases = [np.zeros((b, 1)) for b in sizes[1:]]
        self.activation = activation

    def run(self, X):
        a = X
        for W, b in zip(self.weights, self.biases):
            a = self.activation.fn(a @ W + b.ravel())
        return a
