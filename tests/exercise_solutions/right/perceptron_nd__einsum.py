"""Right: einsum over the last axis, int() for one point."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight = w
        self.bias = b

    def run(self, x):
        z = np.einsum("...i,i->...", np.asarray(x, dtype=float), np.asarray(self.weight, dtype=float)) + self.bias
        labels = np.greater(z, 0).astype(int)
        return labels if labels.ndim else int(labels)
