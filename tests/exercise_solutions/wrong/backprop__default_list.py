"""Wrong: backprop__default_list (state kept between calls or objects; see the test's table for its cause)."""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def backprop(weights, biases, X, Y, activations=[]):
    activations.append(X)
    zs = []
    for W, b in zip(weights, biases):
        zs.append(activations[-1] @ W + b)
        activations.append(sigmoid(zs[-1]))
    n = X.shape[0]
    A = activations
    delta = (A[-1] - Y) * A[-1] * (1 - A[-1])
    grads_W, grads_b = [None] * len(weights), [None] * len(weights)
    for l in range(len(weights) - 1, -1, -1):
        grads_W[l] = A[l].T @ delta / n
        grads_b[l] = delta.mean(axis=0)
        if l:
            delta = (delta @ weights[l].T) * A[l] * (1 - A[l])
    return grads_W, grads_b
