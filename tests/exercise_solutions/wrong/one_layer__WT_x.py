"""Wrong: run computes W.T x, for one column vector only."""

import numpy as np


class NeuralNetwork:
    def __init__(self, n_inputs, n_outputs, activation):
        rng = np.random.default_rng()
        self.W = rng.standard_normal((n_inputs, n_outputs))
        self.b = rng.standard_normal(n_outputs)
        self.activation = activation

    def run(self, x):
        return self.activation.fn(np.dot(self.W.T, x) + self.b)
