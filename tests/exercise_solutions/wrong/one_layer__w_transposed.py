"""Wrong: W stored as (n_outputs, n_inputs), the track's w, instead of (n_inputs, n_outputs)."""

import numpy as np


class NeuralNetwork:
    def __init__(self, n_inputs, n_outputs, activation):
        rng = np.random.default_rng()
        self.W = rng.standard_normal((n_outputs, n_inputs))
        self.b = rng.standard_normal(n_outputs)
        self.activation = activation

    def run(self, x):
        return self.activation.fn(x @ self.W.T + self.b)
