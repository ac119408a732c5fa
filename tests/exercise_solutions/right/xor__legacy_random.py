"""Right: numpy's legacy seeding, an alias for backprop, W then b per layer."""

import numpy as np
from backprop import backprop as gradients

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def train_xor(seed=0):
    np.random.seed(seed)
    weights, biases = [], []
    for n_in, n_out in ((2, 3), (3, 1)):
        weights.append(np.random.randn(n_in, n_out))
        biases.append(np.random.randn(n_out))
    for _ in range(5000):
        gW, gb = gradients(weights, biases, X, Y)
        weights = [W - 5 * g for W, g in zip(weights, gW)]
        biases = [b - 5 * g for b, g in zip(biases, gb)]
    return weights, biases
