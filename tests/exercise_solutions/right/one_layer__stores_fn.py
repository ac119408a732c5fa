"""Right: a valid style the checker must accept."""

import numpy as np


class NeuralNetwork:
    def __init__(self, n_inputs, n_outputs, activation):
        self.W = np.zeros((n_inputs, n_outputs))
        self.b = np.zeros(n_outputs)
        self.activation = activation.fn

    def run(self, x):
        return self.activation(x @ self.W + self.b)
