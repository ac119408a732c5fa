"""Right: a while loop over epochs, a flag for mistakes."""

import numpy as np


def train(X, y, learning_rate=1.0, max_epochs=100):
    X = np.asarray(X, dtype=float)
    w = np.zeros(X.shape[1])
    b = 0.0
    epoch, clean = 0, False
    while epoch < max_epochs and not clean:
        clean = True
        for i in range(len(X)):
            prediction = 1 if np.dot(w, X[i]) + b > 0 else 0
            error = y[i] - prediction
            if error != 0:
                w = w + learning_rate * error * X[i]
                b = b + learning_rate * error
                clean = False
        epoch += 1
    return w, b
