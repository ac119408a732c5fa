"""Wrong: perceptron_train__update_uses_last_point (see the test's table for what is said)."""

import numpy as np


def train(X, y, learning_rate=1.0, max_epochs=100):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(max_epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y, strict=True):
            f = 1 if x_i @ w + b > 0 else 0
            if f != y_i:
                w = w + learning_rate * (y_i - f) * X[-1]
                b = b + learning_rate * (y_i - f)
                mistakes += 1
        if mistakes == 0:
            break
    return w, b
