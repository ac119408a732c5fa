"""Wrong: two_layer__hidden_relu (see the test's table for what is said)."""

from itertools import pairwise

import numpy as np


class NeuralNetwork:
    def __init__(self, sizes, activation):
        rng = np.random.default_rng()
        self.weights = [rng.standard_normal((n_in, n_out)) for n_in, n_out in pairwise(sizes)]
        self.biases = [rng.standard_normal(n_out) for n_out in sizes[1:]]
        self.activation = activation

    def run(self, X):
        a = X
        for W, b in zip(self.weights, self.biases, strict=True):
            a = np.maximum(0, a @ W + b) if W is not self.weights[-1] else self.activation.fn(a @ W + b)
        return a
