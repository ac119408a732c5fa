"""Wrong: backprop__bp3_over_n_squared (see the test's table for what is said)."""

import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def backprop(weights, biases, X, Y):
    # 1) feedforward, keeping every Z and A
    A = [X]
    Z = []
    for W, b in zip(weights, biases, strict=True):
        Z.append(A[-1] @ W + b)
        A.append(sigmoid(Z[-1]))
    n = X.shape[0]
    grads_W = [None] * len(weights)
    grads_b = [None] * len(weights)
    # 2) backwards
    s = A[-1]
    delta = (A[-1] - Y) * s * (1 - s)  # BP1
    for l in range(len(weights) - 1, -1, -1):
        grads_b[l] = delta.sum(axis=0) / n ** 2  # BP3
        grads_W[l] = A[l].T @ delta / n  # BP4 (A[l] is this layer's input)
        if l > 0:
            s = A[l]
            delta = (delta @ weights[l].T) * s * (1 - s)  # BP2
    return grads_W, grads_b
