"""Loss functions C(a, y): how far the network's output a is from the label y. Lesson: 04 losses.

Conventions (Nielsen's): ``a`` and ``y`` are ``(n, k)`` batches, one row per example. A loss
sums over the k outputs of an example and averages over the n examples, so ``fn`` returns one
float, the batch mean. ``derivative(a, y)`` is ∂C_x/∂a for each example x, shape ``(n, k)``,
not divided by n: averaging over the batch happens once, in BP3 and BP4.

``output_delta(z, a, y, activation)`` is BP1, the error of the output layer. In general it is
``activation.backward(z, derivative(a, y))`` = ∂C/∂a ⊙ φ'(z). Two pairs simplify: cross-entropy
after a sigmoid and categorical cross-entropy after a softmax both give delta = a - y, because
φ'(z) cancels the denominator of ∂C/∂a. That is why they learn fast even when the output
neuron is saturated, and why the shortcut is used: it is shorter and more accurate.

A learner's own loss plugs in: any class with static ``fn(a, y)`` and ``derivative(a, y)``
(a subclass of ``Loss`` gets ``output_delta`` for free). ``register_loss(cls, name)`` names it
for the command line and for saving.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from glassnet._validation import display_name, register, registered_name, resolve
from glassnet.activations import Sigmoid, Softmax, backward

_EPS = {np.dtype(np.float32): np.finfo(np.float32).eps, np.dtype(np.float64): np.finfo(np.float64).eps}


def _clip(a: np.ndarray, upper: bool = True) -> np.ndarray:
    """Keep probabilities inside [ε, 1 - ε] (or [ε, ∞) with ``upper=False``) so that ln a and
    ln(1 - a) stay finite. ε is the machine epsilon of a's float type (float64's for others).
    """
    eps = _EPS.get(a.dtype, _EPS[np.dtype(np.float64)])
    a = np.maximum(a, eps)
    return np.minimum(a, 1 - eps) if upper else a  # np.clip, but faster on small arrays


class Loss:
    """Shared behaviour of the loss classes; see the subclasses for the formulas."""

    name: str = ""
    #: The output activation for which BP1 simplifies to delta = a - y (None: no shortcut).
    shortcut_activation: Any = None

    @staticmethod
    def fn(a: np.ndarray, y: np.ndarray) -> float:
        raise NotImplementedError

    @staticmethod
    def derivative(a: np.ndarray, y: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    @classmethod
    def output_delta(cls, z: np.ndarray, a: np.ndarray, y: np.ndarray, activation: Any) -> np.ndarray:
        """BP1, the output layer's error delta_L, shape ``(n, k)``.

        delta_L = ∂C/∂a ⊙ φ'(z_L), or a - y where this loss and ``activation`` cancel.
        """
        if activation is cls.shortcut_activation:
            return a - y  # BP1, simplified: φ'(z) cancels the denominator of ∂C/∂a
        return backward(activation, z, cls.derivative(a, y), a)  # BP1


class MSE(Loss):
    """Mean squared error (quadratic cost), exactly the track's:

    C = 1/(2n) Σ_x ‖y(x) - a(x)‖²
    ∂C_x/∂a = a - y

    The ½ makes the derivative come out without a factor 2.
    """

    name = "mse"

    @staticmethod
    def fn(a: np.ndarray, y: np.ndarray) -> float:
        diff = np.asarray(a) - y
        return float(np.sum(diff * diff) / (2 * diff.shape[0]))

    @staticmethod
    def derivative(a: np.ndarray, y: np.ndarray) -> np.ndarray:
        return np.asarray(a) - y


class CrossEntropy(Loss):
    """Binary cross-entropy, for outputs in (0, 1), one independent yes/no per output:

    C = -1/n Σ_x Σ_j [y ln a + (1 - y) ln(1 - a)]
    ∂C_x/∂a = (a - y) / (a (1 - a))

    a is clipped to [ε, 1 - ε] (ε the float's machine epsilon), so C stays finite even when
    a is exactly 0 or 1. After a sigmoid output, BP1 simplifies to delta = a - y.
    """

    name = "cross-entropy"
    shortcut_activation = Sigmoid

    @staticmethod
    def fn(a: np.ndarray, y: np.ndarray) -> float:
        a = _clip(np.asarray(a))
        return float(-np.sum(y * np.log(a) + (1 - y) * np.log(1 - a)) / a.shape[0])

    @staticmethod
    def derivative(a: np.ndarray, y: np.ndarray) -> np.ndarray:
        a = _clip(np.asarray(a))
        return (a - y) / (a * (1 - a))


class CategoricalCrossEntropy(Loss):
    """Categorical cross-entropy, for a softmax output whose rows are probability vectors:

    C = -1/n Σ_x Σ_j y_j ln a_j
    ∂C_x/∂a_j = -y_j / a_j

    a is raised to at least ε so that ln a stays finite (ln 1 = 0 needs no upper clip).
    After a softmax output, and with rows of y that sum to 1 (one-hot labels), BP1
    simplifies to delta = a - y.
    """

    name = "categorical-cross-entropy"
    shortcut_activation = Softmax

    @staticmethod
    def fn(a: np.ndarray, y: np.ndarray) -> float:
        a = _clip(np.asarray(a), upper=False)
        return float(-np.sum(y * np.log(a)) / a.shape[0])

    @staticmethod
    def derivative(a: np.ndarray, y: np.ndarray) -> np.ndarray:
        return -y / _clip(np.asarray(a), upper=False)


LOSSES: dict[str, type[Loss]] = {
    cls.name: cls for cls in (MSE, CrossEntropy, CategoricalCrossEntropy)
}


_METHODS = ("fn", "derivative")


def get_loss(choice: Any) -> Any:
    """Resolve a name (``"cross-entropy"``, any case, ``_`` or ``-``) to its class; any class or
    object with callable ``fn(a, y)`` and ``derivative(a, y)`` is returned as it is. Anything
    else is a TypeError naming what is missing."""
    return resolve(choice, LOSSES, "loss", _METHODS, placeholders=Loss)


def register_loss(cls: Any, name: str) -> Any:
    """Name a loss class for the command line and for saving models (see
    ``register_activation``). Returns ``cls``."""
    return register(LOSSES, cls, name, "loss", _METHODS, placeholders=Loss)


def loss_name(obj: Any) -> str | None:
    """The name ``obj`` is registered under (``loss_name(MSE) == "mse"``), or None."""
    return registered_name(LOSSES, obj)


def describe_loss(obj: Any) -> str:
    """How to call a loss in a message: its registered name, else its class's."""
    return display_name(obj, LOSSES)


def output_delta(loss: Any, z: np.ndarray, a: np.ndarray, y: np.ndarray, activation: Any) -> np.ndarray:
    """BP1 for any loss: its own ``output_delta`` where it has one (subclasses of ``Loss``), else
    the general ∂C/∂a ⊙ φ'(z_L)."""
    own = getattr(loss, "output_delta", None)
    return own(z, a, y, activation) if own is not None else backward(activation, z, loss.derivative(a, y), a)
