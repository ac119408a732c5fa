"""Wrong: clips z to ±10 before the sigmoid."""

import numpy as np


class Sigmoid:
    @staticmethod
    def fn(z):
        z = np.clip(z, -10, 10)
        return 1 / (1 + np.exp(-z))

    @staticmethod
    def prime(z):
        s = Sigmoid.fn(z)
        return s * (1 - s)


class Tanh:
    @staticmethod
    def fn(z):
        return np.tanh(z)

    @staticmethod
    def prime(z):
        return 1 - np.tanh(z) ** 2


class ReLU:
    @staticmethod
    def fn(z):
        return np.maximum(0, z)

    @staticmethod
    def prime(z):
        return np.where(z > 0, 1.0, 0.0)
