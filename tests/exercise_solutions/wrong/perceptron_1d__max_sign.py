"""Wrong: perceptron_1d__max_sign (one realistic slip; see the test's table for its cause)."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = w, b

    def run(self, x):
        return max(0, np.sign(self.weight * x + self.bias))
