"""Right: einsum for BP4, tuples returned."""

import numpy as np


def backprop(weights, biases, X, Y):
    A = [np.asarray(X, dtype=float)]
    for W, b in zip(weights, biases):
        A.append(1 / (1 + np.exp(-(A[-1] @ W + b))))
    n = A[0].shape[0]
    delta = (A[-1] - Y) * A[-1] * (1 - A[-1])
    gW, gb = [], []
    for l in reversed(range(len(weights))):
        gW.insert(0, np.einsum("ni,nj->ij", A[l], delta) / n)
        gb.insert(0, np.mean(delta, axis=0))
        delta = np.einsum("nj,ij->ni", delta, weights[l]) * A[l] * (1 - A[l])
    return tuple(gW), tuple(gb)
