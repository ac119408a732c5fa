"""Wrong: run divides the weights by their norm in place, so the next run sees other weights."""

import numpy as np


class NeuralNetwork:
    def __init__(self, n_inputs, n_outputs, activation):
        self.W = np.random.default_rng(0).standard_normal((n_inputs, n_outputs))
        self.b = np.zeros(n_outputs)
        self.activation = activation

    def run(self, X):
        self.W /= np.linalg.norm(self.W) + 1.0  # keep the weights small
        return self.activation.fn(X @ self.W + self.b)
