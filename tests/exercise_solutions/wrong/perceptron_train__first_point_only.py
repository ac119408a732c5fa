"""Wrong: every update adds X[0]."""

import numpy as np


def train(X, y, learning_rate=1.0, max_epochs=100):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        errors = 0
        for i in range(len(X)):
            f = int(X[i] @ w + b > 0)
            if f != y[i]:
                w = w + learning_rate * (y[i] - f) * X[0]
                b = b + learning_rate * (y[i] - f)
                errors += 1
        if not errors:
            break
    return w, b
