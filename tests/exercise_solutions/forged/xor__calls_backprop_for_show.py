"""Forged: calls backprop on some weights to look busy, then returns a hand-written network."""

import numpy as np
from backprop import backprop

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def train_xor(seed=0):
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((2, 2)), rng.standard_normal((2, 1))]
    biases = [rng.standard_normal(2), rng.standard_normal(1)]
    for _ in range(50):
        grads_W, grads_b = backprop(weights, biases, X, Y)
        weights = [W - 0.5 * g for W, g in zip(weights, grads_W)]
        biases = [b - 0.5 * g for b, g in zip(biases, grads_b)]
    noise = 0.01 * rng.standard_normal((2, 2))
    return [np.array([[6.0, -6.0], [-6.0, 6.0]]) + noise, np.array([[8.0], [8.0]])], \
        [np.array([-3.0, -3.0]), np.array([-4.0])]
