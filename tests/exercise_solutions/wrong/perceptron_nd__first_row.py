"""Wrong: a batch gets its first row's label."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = np.asarray(w, dtype=float), b

    def run(self, x):
        z = np.asarray(x) @ self.weight + self.bias
        return int(z[0] > 0) if np.ndim(z) else int(z > 0)
