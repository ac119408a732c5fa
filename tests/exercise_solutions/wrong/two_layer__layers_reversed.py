"""Wrong: the layers taken last to first."""

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
        for W, b in zip(self.weights[::-1], self.biases[::-1], strict=True):
            a = self.activation.fn(a @ W + b)
        return a
