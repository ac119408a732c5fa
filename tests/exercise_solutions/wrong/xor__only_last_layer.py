"""Wrong: updates only the last layer; the hidden weights never leave their start.

(A copy of a correct backprop is inlined: this folder has no backprop.py to import.)"""


from itertools import pairwise

import numpy as np

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([[0.0], [1.0], [1.0], [0.0]])


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
    delta = (A[-1] - Y) * A[-1] * (1 - A[-1])
    for l in range(len(weights) - 1, -1, -1):
        grads_b[l] = delta.mean(axis=0)
        grads_W[l] = A[l].T @ delta / n
        if l > 0:
            delta = (delta @ weights[l].T) * A[l] * (1 - A[l])
    return grads_W, grads_b


def train_xor(seed=0):
    rng = np.random.default_rng(seed)
    sizes, epochs = (2, 3, 1), 3000
    weights = [rng.standard_normal((n_in, n_out)) for n_in, n_out in pairwise(sizes)]
    biases = [rng.standard_normal(n_out) for n_out in sizes[1:]]
    for _ in range(epochs):
        grads_W, grads_b = backprop(weights, biases, X, Y)
        weights[-1] = weights[-1] - 5.0 * grads_W[-1]  # only the output layer learns
        biases[-1] = biases[-1] - 5.0 * grads_b[-1]
    return weights, biases
