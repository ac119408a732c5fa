"""Wrong: returns the pair as (b, w)."""

import numpy as np


def train(X, y, learning_rate=1.0, max_epochs=100):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        errors = 0
        for x_i, y_i in zip(X, y):
            f = 1 if x_i @ w + b > 0 else 0
            if f != y_i:
                w = w + learning_rate * (y_i - f) * x_i
                b = b + learning_rate * (y_i - f)
                errors += 1
        if errors == 0:
            break
    return b, w
