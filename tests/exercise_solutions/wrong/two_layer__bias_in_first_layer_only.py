"""Wrong: only the first layer adds its bias."""

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
            a = self.activation.fn(a @ W + (b if W is self.weights[0] else 0))
        return a
