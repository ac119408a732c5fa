"""Wrong: two_layer__output_always_sigmoid (see the test's table for what is said)."""
import numpy as np


class NeuralNetwork:
    def __init__(self, sizes, activation):
        rng = np.random.default_rng(0)
        self.weights = [rng.standard_normal((m, k)) for m, k in zip(sizes[:-1], sizes[1:])]
        self.biases = [rng.standard_normal(k) for k in sizes[1:]]
        self.activation = activation

    def run(self, X):
        a = X
        for W, b in zip(self.weights[:-1], self.biases[:-1]):
            a = self.activation.fn(a @ W + b)
        return 1 / (1 + np.exp(-(a @ self.weights[-1] + self.biases[-1])))
