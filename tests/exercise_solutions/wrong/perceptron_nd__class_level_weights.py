"""Wrong: perceptron_nd__class_level_weights (state kept between objects; see the test's table)."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        Perceptron.weight = np.asarray(w, dtype=float)
        Perceptron.bias = b

    def run(self, x):
        z = np.asarray(x) @ self.weight + self.bias
        return int(z > 0) if np.ndim(z) == 0 else (z > 0).astype(int)
