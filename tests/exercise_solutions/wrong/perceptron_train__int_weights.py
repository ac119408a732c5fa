"""Wrong: starts w as zeros of X's dtype and updates in place: integer X breaks it."""

import numpy as np


def train(X, y, learning_rate=1.0, max_epochs=100):
    w, b = np.zeros_like(X[0]), 0.0
    for _ in range(max_epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            f = int(x_i @ w + b > 0)
            if f != y_i:
                w += learning_rate * (y_i - f) * x_i
                b += learning_rate * (y_i - f)
                mistakes += 1
        if mistakes == 0:
            break
    return w, b
