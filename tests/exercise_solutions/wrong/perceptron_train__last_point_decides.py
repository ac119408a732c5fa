"""Wrong: resets the mistake count inside the loop over points."""

import numpy as np


def train(X, y, learning_rate=1.0, max_epochs=100):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        for x_i, y_i in zip(X, y):
            mistake = False
            f = int(x_i @ w + b > 0)
            if f != y_i:
                w = w + learning_rate * (y_i - f) * x_i
                b = b + learning_rate * (y_i - f)
                mistake = True
        if not mistake:
            break
    return w, b
