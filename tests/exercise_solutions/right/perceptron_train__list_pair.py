"""Right: in-place updates on float arrays, the pair returned as a list."""

import numpy as np


def train(X, y, learning_rate=1.0, max_epochs=100):
    w = np.zeros(np.shape(X)[1], dtype=float)
    b = 0.0
    for _ in range(max_epochs):
        errors = 0
        for x_i, y_i in zip(X, y):
            f = int(np.dot(x_i, w) + b > 0)
            w += learning_rate * (y_i - f) * np.asarray(x_i, dtype=float)
            b += learning_rate * (y_i - f)
            errors += f != y_i
        if not errors:
            break
    return [w, b]
