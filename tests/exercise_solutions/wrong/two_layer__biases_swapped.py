"""Wrong: pairs the biases with the layers in the other order."""

import numpy as np


class NeuralNetwork:
    def __init__(self, sizes, activation):
        self.weights = [np.zeros((a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
        self.biases = [np.zeros(b) for b in sizes[1:]]
        self.activation = activation

    def run(self, X):
        a = X
        for W, b in zip(self.weights, self.biases[::-1]):
            a = self.activation.fn(a @ W + b)
        return a
