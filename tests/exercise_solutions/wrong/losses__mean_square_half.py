"""Wrong: losses__mean_square_half (one realistic slip; see the test's table for its cause)."""

import numpy as np

EPS = 1e-12


def mse(a, y):
    return np.mean(np.square(y - a)) / 2


def mse_derivative(a, y):
    return a - y


def cross_entropy(a, y):
    a = np.clip(a, EPS, 1 - EPS)
    n = a.shape[0]
    return float(-np.sum(y * np.log(a) + (1 - y) * np.log(1 - a)) / n)


def cross_entropy_derivative(a, y):
    a = np.clip(a, EPS, 1 - EPS)
    return (a - y) / (a * (1 - a))
