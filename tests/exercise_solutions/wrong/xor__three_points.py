"""Wrong: xor__three_points (see the test's table for what is said)."""

from itertools import pairwise

import numpy as np
from backprop import backprop

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def train_xor(seed=0, sizes=(2, 3, 1), learning_rate=5.0, epochs=3000):
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((n_in, n_out)) for n_in, n_out in pairwise(sizes)]
    biases = [rng.standard_normal(n_out) for n_out in sizes[1:]]
    for _ in range(epochs):
        grads_W, grads_b = backprop(weights, biases, X[:3], Y[:3])
        weights = [W - learning_rate * g for W, g in zip(weights, grads_W, strict=True)]
        biases = [b - learning_rate * g for b, g in zip(biases, grads_b, strict=True)]
    return weights, biases
