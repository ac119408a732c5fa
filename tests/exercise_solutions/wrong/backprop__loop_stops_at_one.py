"""Wrong: the backward loop stops at layer 1 (while l > 0), so the first layer's gradients stay None."""

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
    l = len(weights) - 1
    while l > 0:
        grads_b[l] = delta.mean(axis=0)  # BP3
        grads_W[l] = A[l].T @ delta / n  # BP4
        s = A[l]
        delta = (delta @ weights[l].T) * s * (1 - s)  # BP2
        l -= 1
    return grads_W, grads_b
