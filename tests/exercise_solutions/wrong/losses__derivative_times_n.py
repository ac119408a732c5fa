"""Wrong: losses__derivative_times_n (see the test's table for what is said)."""
import numpy as np


def mse(a, y):
    return float(np.sum((a - y) ** 2) / (2 * a.shape[0]))


def mse_derivative(a, y):
    return (a - y) * len(a)


def cross_entropy(a, y):
    a = np.clip(a, 1e-12, 1 - 1e-12)
    return float(-np.sum(y * np.log(a) + (1 - y) * np.log(1 - a)) / a.shape[0])


def cross_entropy_derivative(a, y):
    a = np.clip(a, 1e-12, 1 - 1e-12)
    return (a - y) / (a * (1 - a))
