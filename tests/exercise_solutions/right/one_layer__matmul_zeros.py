"""Right: zeros, np.matmul, np.add."""

import numpy as np


class NeuralNetwork:
    def __init__(self, n_inputs, n_outputs, activation):
        self.W = np.zeros((n_inputs, n_outputs))
        self.b = np.zeros(n_outputs)
        self.act = activation

    def run(self, x):
        return self.act.fn(np.add(np.matmul(x, self.W), self.b))
