"""Wrong: visits the points in a random order each epoch."""

import numpy as np


def train(X, y, learning_rate=1.0, max_epochs=100):
    rng = np.random.default_rng(0)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        errors = 0
        for i in rng.permutation(len(X)):
            f = int(X[i] @ w + b > 0)
            if f != y[i]:
                w = w + learning_rate * (y[i] - f) * X[i]
                b = b + learning_rate * (y[i] - f)
                errors += 1
        if errors == 0:
            break
    return w, b
