"""Wrong: leaves the output layer without its activation."""

import numpy as np


class NeuralNetwork:
    def __init__(self, sizes, activation):
        rng = np.random.default_rng(0)
        self.weights = [rng.standard_normal((a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
        self.biases = [np.zeros(b) for b in sizes[1:]]
        self.activation = activation

    def run(self, X):
        a = X
        for i, (W, b) in enumerate(zip(self.weights, self.biases)):
            z = a @ W + b
            a = z if i == len(self.weights) - 1 else self.activation.fn(z)
        return a
