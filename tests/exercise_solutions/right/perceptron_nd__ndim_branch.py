"""Right: one branch per number of dimensions."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight = np.array(w, dtype=float)
        self.bias = float(b)

    def run(self, x):
        x = np.asarray(x, dtype=float)
        if x.ndim == 1:
            return int(np.dot(self.weight, x) + self.bias > 0)
        return np.where(x @ self.weight + self.bias > 0, 1, 0)
