"""Wrong: np.where gives a 0-d array, returned as it is."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = w, b

    def run(self, x):
        return np.where(self.weight * x + self.bias > 0, 1, 0)
