"""Right: stable one-liners."""

import numpy as np


class Sigmoid:
    @staticmethod
    def fn(z):
        return 0.5 * (1 + np.tanh(0.5 * np.asarray(z, dtype=float)))

    @staticmethod
    def prime(z):
        s = Sigmoid.fn(z)
        return s - s * s


class Tanh:
    @staticmethod
    def fn(z):
        return 2 * Sigmoid.fn(2 * np.asarray(z, dtype=float)) - 1

    @staticmethod
    def prime(z):
        return 1 / np.cosh(np.clip(z, -300, 300)) ** 2


class ReLU:
    @staticmethod
    def fn(z):
        return z * (z > 0)

    @staticmethod
    def prime(z):
        return np.heaviside(z, 0.0)
