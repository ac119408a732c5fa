"""Wrong: activations__relu_capped_at_five (see the test's table for its cause)."""

import numpy as np


class Sigmoid:
    @staticmethod
    def fn(z):
        z = np.asarray(z, dtype=float)
        e = np.exp(-np.abs(z))  # at most 1: exp never sees a large positive number
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
        return np.minimum(np.maximum(z, 0.0), 5.0)

    @staticmethod
    def prime(z):
        return (np.asarray(z) > 0).astype(float)
