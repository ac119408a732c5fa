"""Wrong: classifies a batch with a Python loop and returns a list, not a numpy array."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight = np.asarray(w, dtype=float)
        self.bias = b

    def run(self, x):
        x = np.asarray(x)
        if x.ndim == 1:
            return 1 if x @ self.weight + self.bias > 0 else 0
        labels = []
        for row in x:
            labels.append(1 if row @ self.weight + self.bias > 0 else 0)
        return labels
