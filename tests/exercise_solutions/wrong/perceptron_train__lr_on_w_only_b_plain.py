"""Wrong: perceptron_train__lr_on_w_only_b_plain (one realistic slip; see the test's table for its cause)."""

import numpy as np


def train(X, y, learning_rate=1.0, max_epochs=100):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        errors = 0
        for x_i, y_i in zip(X, y):
            f = int(x_i @ w + b > 0)
            if f != y_i:
                w += learning_rate * (y_i - f) * x_i
                b += (y_i - f)
                errors += 1
        if not errors:
            break
    return w, b
