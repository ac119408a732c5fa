"""Wrong: losses__cached_by_shape (state kept between calls or objects; see the test's table for its cause)."""

import numpy as np

_seen = {}


def mse(a, y):
    key = a.shape
    if key not in _seen:
        _seen[key] = float(np.sum((a - y) ** 2) / (2 * a.shape[0]))
    return _seen[key]


def mse_derivative(a, y):
    return a - y


def cross_entropy(a, y):
    a = np.clip(a, 1e-12, 1 - 1e-12)
    return float(-np.sum(y * np.log(a) + (1 - y) * np.log(1 - a)) / a.shape[0])


def cross_entropy_derivative(a, y):
    a = np.clip(a, 1e-12, 1 - 1e-12)
    return (a - y) / (a * (1 - a))
