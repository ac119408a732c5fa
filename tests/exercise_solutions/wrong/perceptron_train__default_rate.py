"""Wrong: its default learning rate is 0.1, not the stub's 1.0."""

import numpy as np


def train(X, y, learning_rate=0.1, max_epochs=100):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            f = int(x_i @ w + b > 0)
            if f != y_i:
                w = w + learning_rate * (y_i - f) * x_i
                b = b + learning_rate * (y_i - f)
                mistakes += 1
        if mistakes == 0:
            break
    return w, b
