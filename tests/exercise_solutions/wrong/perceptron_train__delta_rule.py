"""Wrong: updates with y − (w·x + b) at every point (the delta rule)."""

import numpy as np


def train(X, y, learning_rate=1.0, max_epochs=100):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        errors = 0
        for x_i, y_i in zip(X, y):
            z = x_i @ w + b
            errors += int(z > 0) != y_i
            w = w + learning_rate * (y_i - z) * x_i
            b = b + learning_rate * (y_i - z)
        if errors == 0:
            break
    return w, b
