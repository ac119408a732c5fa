"""Right: numpy all the way, an np.int64 class."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = w, b

    def run(self, x):
        return (np.multiply(self.weight, x) + self.bias > 0).astype(np.int64)
