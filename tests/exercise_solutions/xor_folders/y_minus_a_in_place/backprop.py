"""Wrong: `Y -= A[-1]` changes the caller's Y; the gradients are right."""

import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def backprop(weights, biases, X, Y):
    A = [X]
    for W, b in zip(weights, biases, strict=True):
        A.append(sigmoid(A[-1] @ W + b))
    n = X.shape[0]
    grads_W = [None] * len(weights)
    grads_b = [None] * len(weights)
    s = A[-1]
    Y -= A[-1]  # now Y holds y - a
    delta = -Y * s * (1 - s)
    for l in range(len(weights) - 1, -1, -1):
        grads_b[l] = delta.mean(axis=0)
        grads_W[l] = A[l].T @ delta / n
        if l > 0:
            s = A[l]
            delta = (delta @ weights[l].T) * s * (1 - s)
    return grads_W, grads_b
