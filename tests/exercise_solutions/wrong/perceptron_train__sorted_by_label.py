"""Wrong: visits the points sorted by label."""

import numpy as np


def train(X, y, learning_rate=1.0, max_epochs=100):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(max_epochs):
        mistakes = 0
        for x_i, y_i in sorted(zip(X.tolist(), y.tolist()), key=lambda p: p[1]):
            x_i = np.asarray(x_i)
            f = 1 if x_i @ w + b > 0 else 0
            if f != y_i:
                w = w + learning_rate * (y_i - f) * x_i
                b = b + learning_rate * (y_i - f)
                mistakes += 1
        if mistakes == 0:
            break
    return w, b
