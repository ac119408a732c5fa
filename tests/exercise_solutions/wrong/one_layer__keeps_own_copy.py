"""Wrong: runs with a copy of W made in __init__, not with self.W."""

import numpy as np


class NeuralNetwork:
    def __init__(self, n_inputs, n_outputs, activation):
        rng = np.random.default_rng()
        self.W = rng.standard_normal((n_inputs, n_outputs))
        self._weights = self.W.copy()
        self.b = np.zeros(n_outputs)
        self.activation = activation

    def run(self, x):
        return self.activation.fn(x @ self._weights + self.b)
