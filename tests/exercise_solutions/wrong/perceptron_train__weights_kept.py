"""Wrong: perceptron_train__weights_kept (state kept between calls or objects; see the test's table for its cause)."""

import numpy as np

w = None
b = 0.0


def train(X, y, learning_rate=1.0, max_epochs=100):
    global w, b
    if w is None or len(w) != X.shape[1]:
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
