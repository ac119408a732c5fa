"""Wrong: computes each layer from X instead of the previous layer's output."""

import numpy as np


class NeuralNetwork:
    def __init__(self, sizes, activation):
        rng = np.random.default_rng(0)
        self.weights = [rng.standard_normal((a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
        self.biases = [np.zeros(b) for b in sizes[1:]]
        self.activation = activation

    def run(self, X):
        a = X
        for W, b in zip(self.weights, self.biases):
            a = self.activation.fn(X @ W + b)
        return a
