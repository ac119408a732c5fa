"""Right: a valid style the checker must accept."""

import numpy as np


def train(X, y, learning_rate=1.0, max_epochs=100):
    w, b = np.zeros(X.shape[1]), 0.0
    t = 2 * np.asarray(y) - 1
    for _ in range(max_epochs):
        clean = True
        for x_i, t_i in zip(X, t):
            f = 1 if x_i @ w + b > 0 else -1
            if f != t_i:
                w = w + learning_rate * t_i * x_i
                b = b + learning_rate * t_i
                clean = False
        if clean:
            break
    return w, b
