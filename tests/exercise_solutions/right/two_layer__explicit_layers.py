"""Right: the two layers written out."""

import numpy as np


class NeuralNetwork:
    def __init__(self, sizes, activation):
        n_in, n_hidden, n_out = sizes
        rng = np.random.default_rng()
        self.weights = [rng.standard_normal((n_in, n_hidden)), rng.standard_normal((n_hidden, n_out))]
        self.biases = [rng.standard_normal(n_hidden), rng.standard_normal(n_out)]
        self.activation = activation

    def run(self, X):
        W1, W2 = self.weights
        b1, b2 = self.biases
        A1 = self.activation.fn(np.dot(X, W1) + b1)
        return self.activation.fn(np.dot(A1, W2) + b2)
