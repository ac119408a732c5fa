"""Wrong: casts x to int."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = np.asarray(w, dtype=float), b

    def run(self, x):
        x = np.asarray(x, dtype=int)
        z = x @ self.weight + self.bias
        return (z > 0).astype(int) if z.ndim else int(z > 0)
