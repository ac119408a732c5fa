"""Wrong: adds the point on every mistake, whichever way it went."""

import numpy as np


def train(X, y, learning_rate=1.0, max_epochs=100):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        errors = 0
        for x_i, y_i in zip(X, y):
            if int(x_i @ w + b > 0) != y_i:
                w = w + learning_rate * x_i
                b = b + learning_rate
                errors += 1
        if not errors:
            break
    return w, b
