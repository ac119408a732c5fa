"""Wrong: tells a point from a batch by len(x) == len(w)."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight = np.asarray(w, dtype=float)
        self.bias = b

    def run(self, x):
        x = np.asarray(x)
        if len(x) == len(self.weight):
            return int(np.dot(self.weight, x) + self.bias > 0)
        return (x @ self.weight + self.bias > 0).astype(int)
