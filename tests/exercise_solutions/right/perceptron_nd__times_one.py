"""Right: a valid style the checker must accept."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight = np.asarray(w)
        self.bias = b

    def run(self, x):
        return (np.dot(x, self.weight) + self.bias > 0) * 1
