"""Wrong: Sigmoid.prime from exp(-z) / (1 + exp(-z))², which overflows for large negative z."""

import numpy as np


class Sigmoid:
    @staticmethod
    def fn(z):
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

    @staticmethod
    def prime(z):
        return np.exp(-z) / (1 + np.exp(-z)) ** 2


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
