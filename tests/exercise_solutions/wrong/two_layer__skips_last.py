"""Wrong: two_layer__skips_last (one realistic slip; see the test's table for its cause)."""

import numpy as np


class NeuralNetwork:
    def __init__(self, sizes, activation):
        self.weights = [np.zeros((a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
        self.biases = [np.zeros(b) for b in sizes[1:]]
        self.activation = activation

    def run(self, X):
        a = X
        for i in range(len(self.weights) - 1):
            a = self.activation.fn(a @ self.weights[i] + self.biases[i])
        return a
