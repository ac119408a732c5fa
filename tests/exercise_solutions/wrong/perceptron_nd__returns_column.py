"""Wrong: perceptron_nd__returns_column (see the test's table for what is said)."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight = np.asarray(w, dtype=float)
        self.bias = b

    def run(self, x):
        z = np.asarray(x) @ self.weight + self.bias  # one number, or one per row of a batch
        labels = (z > 0).astype(int)
        return int(labels) if labels.ndim == 0 else labels[:, None]
