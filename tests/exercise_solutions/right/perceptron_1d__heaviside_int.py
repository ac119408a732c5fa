"""Right: a valid style the checker must accept."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = w, b

    def run(self, x):
        return int(np.heaviside(self.weight * x + self.bias, 0))
