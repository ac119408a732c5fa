"""Wrong: the hidden layer is linear; only the output gets the activation."""

from itertools import pairwise

import numpy as np


class NeuralNetwork:
    def __init__(self, sizes, activation):
        rng = np.random.default_rng()
        self.weights = [rng.standard_normal((n_in, n_out)) for n_in, n_out in pairwise(sizes)]
        self.biases = [rng.standard_normal(n_out) for n_out in sizes[1:]]
        self.activation = activation

    def run(self, X):
        (W1, W2), (b1, b2) = self.weights, self.biases
        hidden = X @ W1 + b1
        return self.activation.fn(hidden @ W2 + b2)
