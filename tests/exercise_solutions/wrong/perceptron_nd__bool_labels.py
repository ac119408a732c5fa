"""Wrong: returns booleans for a batch."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight = np.asarray(w, dtype=float)
        self.bias = b

    def run(self, x):
        z = np.asarray(x) @ self.weight + self.bias
        return int(z > 0) if z.ndim == 0 else z > 0
