"""Wrong: adds the bias to each product before summing."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight = np.asarray(w, dtype=float)
        self.bias = b

    def run(self, x):
        x = np.asarray(x)
        labels = (np.sum(x * self.weight + self.bias, axis=-1) > 0).astype(int)
        return int(labels) if labels.ndim == 0 else labels
