"""Broken: a right perceptron_1d whose run first fills 2 GiB of memory."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight = w
        self.bias = b

    def run(self, x):
        scratch = np.ones(2**28)  # 2 GiB of float64
        return int(self.weight * x + self.bias > scratch[0] - 1)
