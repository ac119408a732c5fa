"""Wrong: each misclassified point is turned into its update in place (x_i *= ...), which rewrites X."""

import numpy as np


def train(X, y, learning_rate=1.0, max_epochs=100):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        clean = True
        for x_i, y_i in zip(X, y):
            error = y_i - (1 if x_i @ w + b > 0 else 0)
            if error:
                x_i *= learning_rate * error  # the update's step, made in the row itself
                w = w + x_i
                b = b + learning_rate * error
                clean = False
        if clean:
            break
    return w, b
