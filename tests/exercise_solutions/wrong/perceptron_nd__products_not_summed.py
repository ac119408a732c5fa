"""Wrong: multiplies w and x entry by entry and never adds the products up."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight = np.asarray(w, dtype=float)
        self.bias = b

    def run(self, x):
        return (self.weight * x + self.bias > 0).astype(int)
