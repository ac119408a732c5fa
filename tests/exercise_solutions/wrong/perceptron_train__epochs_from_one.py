"""Wrong: counts epochs from 1 with range(1, max_epochs)."""

import numpy as np


def train(X, y, learning_rate=1.0, max_epochs=100):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(1, max_epochs):
        errors = 0
        for x_i, y_i in zip(X, y):
            f = int(x_i @ w + b > 0)
            if f != y_i:
                w = w + learning_rate * (y_i - f) * x_i
                b = b + learning_rate * (y_i - f)
                errors += 1
        if errors == 0:
            break
    return w, b
