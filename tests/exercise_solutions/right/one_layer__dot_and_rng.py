"""Right: np.dot, a seeded generator, the activation kept as given."""

import numpy as np


class NeuralNetwork:
    def __init__(self, n_inputs, n_outputs, activation):
        rng = np.random.default_rng(42)
        self.W = rng.normal(size=(n_inputs, n_outputs))
        self.b = rng.normal(size=n_outputs)
        self.activation = activation

    def run(self, x):
        return self.activation.fn(np.dot(x, self.W) + self.b)
