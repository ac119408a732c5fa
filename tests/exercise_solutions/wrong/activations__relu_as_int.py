"""Wrong: activations__relu_as_int (see the test's table for what is said)."""
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
        return np.tanh(z)

    @staticmethod
    def prime(z):
        return 1 - np.tanh(z) ** 2


class ReLU:
    @staticmethod
    def fn(z):
        return np.maximum(0, z).astype(int)

    @staticmethod
    def prime(z):
        return (z > 0).astype(float)
