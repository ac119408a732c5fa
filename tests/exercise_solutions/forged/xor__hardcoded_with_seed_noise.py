"""Forged: a hand-written XOR network plus a little noise that depends on the seed, so that every
seed gets a different network; backprop is never called."""

import numpy as np


def train_xor(seed=0):
    rng = np.random.default_rng(seed)
    W1 = np.array([[6.0, -6.0], [-6.0, 6.0]]) + 0.01 * rng.standard_normal((2, 2))
    b1 = np.array([-3.0, -3.0]) + 0.01 * rng.standard_normal(2)
    W2 = np.array([[8.0], [8.0]]) + 0.01 * rng.standard_normal((2, 1))
    b2 = np.array([-4.0])
    return [W1, W2], [b1, b2]
