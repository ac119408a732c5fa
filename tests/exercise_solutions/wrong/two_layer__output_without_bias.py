"""Wrong: two_layer__output_without_bias (one realistic slip; see the test's table for its cause)."""

import numpy as np


class NeuralNetwork:
    def __init__(self, sizes, activation):
        self.weights = [np.zeros((a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
        self.biases = [np.zeros(b) for b in sizes[1:]]
        self.activation = activation

    def run(self, X):
        W1, W2 = self.weights
        b1, _ = self.biases
        return self.activation.fn(self.activation.fn(X @ W1 + b1) @ W2)
