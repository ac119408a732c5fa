"""Wrong: perceptron_nd__sum_axis0 (one realistic slip; see the test's table for its cause)."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight = np.asarray(w)
        self.bias = b

    def run(self, x):
        z = np.sum(np.asarray(x) * self.weight, axis=0) + self.bias
        return (z > 0).astype(int) if np.ndim(z) else int(z > 0)
