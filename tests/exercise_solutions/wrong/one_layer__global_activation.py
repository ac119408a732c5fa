"""Wrong: one_layer__global_activation (state kept between calls or objects; see the test's table for its cause)."""

import numpy as np

ACT = None


class NeuralNetwork:
    def __init__(self, n_inputs, n_outputs, activation):
        global ACT
        ACT = activation
        self.W = np.zeros((n_inputs, n_outputs))
        self.b = np.zeros(n_outputs)

    def run(self, x):
        return ACT.fn(x @ self.W + self.b)
