"""Wrong: one_layer__row_bias (one realistic slip; see the test's table for its cause)."""

import numpy as np


class NeuralNetwork:
    def __init__(self, n_inputs, n_outputs, activation):
        self.W = np.zeros((n_inputs, n_outputs))
        self.b = np.zeros((1, n_outputs))
        self.activation = activation

    def run(self, x):
        return self.activation.fn(x @ self.W + self.b)
