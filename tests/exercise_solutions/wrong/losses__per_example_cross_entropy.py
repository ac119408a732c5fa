"""Wrong: returns one cross-entropy per example."""

import numpy as np


def mse(a, y):
    return float(np.sum((y - a) ** 2) / (2 * a.shape[0]))


def mse_derivative(a, y):
    return a - y


def cross_entropy(a, y):
    a = np.clip(a, 1e-12, 1 - 1e-12)
    return -np.sum(y * np.log(a) + (1 - y) * np.log(1 - a), axis=1)


def cross_entropy_derivative(a, y):
    a = np.clip(a, 1e-12, 1 - 1e-12)
    return (a - y) / (a * (1 - a))
