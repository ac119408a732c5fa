"""Wrong: keeps the weights as a column, shape (d, 1)."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight = np.asarray(w, dtype=float).reshape(-1, 1)
        self.bias = b

    def run(self, x):
        return (np.asarray(x) @ self.weight + self.bias > 0).astype(int)
