"""Wrong: losses__derivative_one_mean (see the test's table for what is said)."""

import numpy as np

EPS = 1e-12


def mse(a, y):
    n = a.shape[0]
    return float(np.sum((y - a) ** 2) / (2 * n))


def mse_derivative(a, y):
    return float(np.mean(a - y))


def cross_entropy(a, y):
    a = np.clip(a, EPS, 1 - EPS)
    n = a.shape[0]
    return float(-np.sum(y * np.log(a) + (1 - y) * np.log(1 - a)) / n)


def cross_entropy_derivative(a, y):
    a = np.clip(a, EPS, 1 - EPS)
    return (a - y) / (a * (1 - a))
