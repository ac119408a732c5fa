"""Wrong: perceptron_nd__atleast_2d (one realistic slip; see the test's table for its cause)."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight = np.asarray(w)
        self.bias = b

    def run(self, x):
        x = np.atleast_2d(x)
        return (x @ self.weight + self.bias > 0).astype(int)
