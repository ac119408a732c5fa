"""A learner's own pieces, written as the track's exercises write them, shared by the tests that
check they plug in wherever glassnet's built-ins do (``from learners import ...``)."""

import numpy as np

from glassnet.activations import Activation


class ExerciseSigmoid:
    """The track's exercise: a plain class with two static methods."""

    @staticmethod
    def fn(z):
        return 1.0 / (1.0 + np.exp(-z))

    @staticmethod
    def prime(z):
        return ExerciseSigmoid.fn(z) * (1 - ExerciseSigmoid.fn(z))


class LeakyReLU(Activation):
    """A learner's activation, a subclass of Activation: max(0.01 z, z)."""

    @staticmethod
    def fn(z):
        return np.where(z > 0, z, 0.01 * z)

    @staticmethod
    def prime(z):
        return np.where(z > 0, 1.0, 0.01)


class ExerciseQuadratic:
    """The track's quadratic cost as a plain class: C = 1/(2n) Σ (a - y)²."""

    @staticmethod
    def fn(a, y):
        return float(np.sum((a - y) ** 2) / (2 * len(a)))

    @staticmethod
    def derivative(a, y):
        return a - y


class SigmoidForgotOneMinus:
    """A learner's sigmoid whose prime forgot the (1 - s): lesson 8's wrong derivative."""

    @staticmethod
    def fn(z):
        return 1.0 / (1.0 + np.exp(-z))

    @staticmethod
    def prime(z):
        return SigmoidForgotOneMinus.fn(z)


class TanhForgotSquare:
    """A learner's tanh whose prime forgot to square: 1 - tanh(z)."""

    @staticmethod
    def fn(z):
        return np.tanh(z)

    @staticmethod
    def prime(z):
        return 1 - np.tanh(z)
