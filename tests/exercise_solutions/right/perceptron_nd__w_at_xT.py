"""Right: a valid style the checker must accept."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight = np.asarray(w)
        self.bias = b

    def run(self, x):
        z = self.weight @ np.asarray(x).T + self.bias
        return (z > 0).astype(int) if np.ndim(z) else int(z > 0)
