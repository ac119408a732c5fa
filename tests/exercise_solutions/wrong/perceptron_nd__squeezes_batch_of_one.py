"""Wrong: squeezes the labels of a batch of one row into one int."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight = np.asarray(w, dtype=float)
        self.bias = b

    def run(self, x):
        labels = (np.asarray(x) @ self.weight + self.bias > 0).astype(int)
        return labels.item() if labels.size == 1 else labels
