"""Forged: glassnet's own Sigmoid, fetched without an import statement, behind a subclass."""

import importlib

import numpy as np

_own = importlib.import_module("glass" + "net.activations")


class Sigmoid(_own.Sigmoid):
    pass


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
