"""Wrong: returns one array with the bias appended (the track's code), not the pair (w, b)."""

import numpy as np


def train(X, y, learning_rate=1.0, max_epochs=100):
    w = np.zeros(X.shape[1] + 1)
    for _ in range(max_epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y, strict=True):
            f = 1 if x_i @ w[:-1] + w[-1] > 0 else 0
            if f != y_i:
                w[:-1] += learning_rate * (y_i - f) * x_i
                w[-1] += learning_rate * (y_i - f)
                mistakes += 1
        if mistakes == 0:
            break
    return w
