"""Wrong: writes tanh's formula with exp, which overflows for |z| near 1000."""

import numpy as np


class Sigmoid:
    @staticmethod
    def fn(z):
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

    @staticmethod
    def prime(z):
        s = Sigmoid.fn(z)
        return s * (1 - s)


class Tanh:
    @staticmethod
    def fn(z):
        return (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))

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
