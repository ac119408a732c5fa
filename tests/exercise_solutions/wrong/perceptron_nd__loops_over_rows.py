"""Wrong: loops over the rows of a batch in Python, where the stub asks for numpy only."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight = np.asarray(w, dtype=float)
        self.bias = b

    def run(self, x):
        x = np.asarray(x)
        if x.ndim == 1:
            return int(x @ self.weight + self.bias > 0)
        return np.array([int(row @ self.weight + self.bias > 0) for row in x])
