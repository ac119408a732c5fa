"""Wrong: one_layer__single_branch (one realistic slip; see the test's table for its cause)."""

import numpy as np


class NeuralNetwork:
    def __init__(self, n_inputs, n_outputs, activation):
        self.W = np.zeros((n_inputs, n_outputs))
        self.b = np.zeros(n_outputs)
        self.activation = activation

    def run(self, x):
        if x.ndim == 1:
            return self.activation.fn(self.W @ x + self.b)
        return self.activation.fn(x @ self.W + self.b)
