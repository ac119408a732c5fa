"""Wrong: keeps w and b as float32."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = np.float32(w), np.float32(b)

    def run(self, x):
        return int(self.weight * x + self.bias > 0)
