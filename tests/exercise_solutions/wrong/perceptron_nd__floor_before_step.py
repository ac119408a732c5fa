"""Wrong: perceptron_nd__floor_before_step (see the test's table for its cause)."""

import numpy as np


class Perceptron:
    def __init__(self, w, b):
        self.weight = np.asarray(w, dtype=float)
        self.bias = b

    def run(self, x):
        z = np.asarray(x) @ self.weight + self.bias  # one number, or one per row of a batch
        labels = (np.floor(z).astype(np.int64) > 0).astype(int)
        return int(labels) if labels.ndim == 0 else labels
