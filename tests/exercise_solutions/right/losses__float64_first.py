"""Right: every input made float64 first, loops over examples."""

import numpy as np


def mse(a, y):
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    total = 0.0
    for a_x, y_x in zip(a, y):
        total += np.linalg.norm(y_x - a_x) ** 2
    return total / (2 * len(a))


def mse_derivative(a, y):
    return np.asarray(a, dtype=float) - np.asarray(y, dtype=float)


def cross_entropy(a, y):
    a = np.clip(np.asarray(a, dtype=float), 1e-12, 1 - 1e-12)
    y = np.asarray(y, dtype=float)
    return float(-(y * np.log(a) + (1 - y) * np.log1p(-a)).sum() / a.shape[0])


def cross_entropy_derivative(a, y):
    a = np.clip(np.asarray(a, dtype=float), 1e-12, 1 - 1e-12)
    return (a - y) / (a * (1 - a))
