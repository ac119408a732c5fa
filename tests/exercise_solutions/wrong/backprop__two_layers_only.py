"""Wrong: written for exactly two layers."""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def backprop(weights, biases, X, Y):
    W1, W2 = weights
    b1, b2 = biases
    A1 = sigmoid(X @ W1 + b1)
    A2 = sigmoid(A1 @ W2 + b2)
    n = X.shape[0]
    d2 = (A2 - Y) * A2 * (1 - A2)
    d1 = (d2 @ W2.T) * A1 * (1 - A1)
    return [X.T @ d1 / n, A1.T @ d2 / n], [d1.mean(axis=0), d2.mean(axis=0)]
