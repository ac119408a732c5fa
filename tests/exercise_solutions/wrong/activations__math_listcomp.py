"""Wrong: activations__math_listcomp (one realistic slip; see the test's table for its cause)."""

import math

import numpy as np


class Sigmoid:
    @staticmethod
    def fn(z):
        z = np.asarray(z, dtype=float)
        return np.array([1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v)) for v in z])

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
        return (np.asarray(z) > 0).astype(float)
