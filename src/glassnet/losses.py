"""Loss functions C(a, y): how far the network's output a is from the label y. Lesson: 04 losses.

Conventions (Nielsen's): ``a`` and ``y`` are ``(n, k)`` batches, one row per example. A loss
sums over the k outputs of an example and averages over the n examples, so ``fn`` returns one
float, the batch mean. ``derivative(a, y)`` is ∂C_x/∂a for each example x, shape ``(n, k)``,
not divided by n: averaging over the batch happens once, in BP3 and BP4.

BP1, the error of the output layer, is written in ``NeuralNetwork.backpropagate``: in general
∂C/∂a ⊙ φ'(z) = ``activation.backward(z, derivative(a, y))``. Two pairs simplify: cross-entropy
after a sigmoid and categorical cross-entropy after a softmax both give delta = a - y, because
φ'(z) cancels the denominator of ∂C/∂a. That is why they learn fast even when the output
neuron is saturated, and why the shortcut is used: it is shorter and more accurate. Each loss
names the output activation it cancels with in ``shortcut_activation``.

A learner's own loss plugs in: any class with static ``fn(a, y)`` and ``derivative(a, y)`` is
wrapped once, when the network is built, in a ``LearnersLoss`` (no shortcut, any output and
target). ``register_loss(cls, name)`` names it for the command line and for saving.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from glassnet.activations import Sigmoid, Softmax, describe_activation, sample_outputs
from glassnet.registry import display_name, register, registered_name, resolve, unwrap

_EPS = {np.dtype(np.float32): np.finfo(np.float32).eps, np.dtype(np.float64): np.finfo(np.float64).eps}


def _clip(a: np.ndarray, upper: bool = True) -> np.ndarray:
    """Keep probabilities inside [ε, 1 - ε] (or [ε, ∞) with ``upper=False``) so that ln a and
    ln(1 - a) stay finite. ε is the machine epsilon of a's float type (float64's for others).
    """
    eps = _EPS.get(a.dtype, _EPS[np.dtype(np.float64)])
    a = np.maximum(a, eps)
    return np.minimum(a, 1 - eps) if upper else a  # np.clip, but faster on small arrays


def in_unit_interval(V: np.ndarray) -> bool:
    """Whether every value lies in [0, 1]."""
    return bool(np.all((V >= 0) & (V <= 1)))


def rows_sum_to_one(V: np.ndarray) -> bool:
    """Whether every row sums to 1 (to float32 rounding)."""
    return bool(np.allclose(V.sum(axis=1), 1, rtol=0, atol=1e-5))


def class_probabilities(A: np.ndarray, Z: np.ndarray, activation: Any) -> np.ndarray:
    """Class probabilities, rows summing to 1, from a classifier's outputs ``A`` ``(n, k)`` and its
    output layer's ``Z``: ``[1 - a, a]`` for one output ``(n, 2)``; a softmax's outputs as they are;
    k independent sigmoids each row divided by its sum (each says "this class or not" on its own,
    so their values need not sum to 1). For sigmoids that ratio σ(z_j) / Σ_i σ(z_i) is computed
    from ln σ(z) = -ln(1 + e^-z), so a row whose outputs all underflow to 0 (z = -800) still gets
    its true, finite probabilities. Another activation's row of zeros gets equal probabilities."""
    if A.shape[1] == 1:
        return np.hstack([1 - A, A])
    if rows_sum_to_one(sample_outputs(activation, A.shape[1])):  # a softmax: probabilities already
        return A
    if activation is Sigmoid:
        return Softmax.fn(-np.logaddexp(0, -Z))  # e^{ln σ(z_j)} / Σ e^{ln σ(z_i)} = σ(z_j) / Σ σ(z_i)
    total = A.sum(axis=1, keepdims=True)
    return np.divide(A, total, out=np.full_like(A, 1 / A.shape[1]), where=total > 0)



class Loss:
    """Shared behaviour of the loss classes; see the subclasses for the formulas.

    Each loss states, in words and as a test, what outputs a and targets y it is defined for;
    ``check_output_layer`` and ``check_targets`` below apply that, and nothing else does.
    """

    name: str = ""
    #: The output activation for which BP1 simplifies to delta = a - y (None: no shortcut).
    shortcut_activation: Any = None
    #: The outputs and targets this loss takes, in words (MSE: any).
    outputs: str = "any real numbers"
    targets: str = "any real numbers"

    @staticmethod
    def accepts_outputs(A: np.ndarray) -> bool:
        """Whether outputs ``(n, k)`` of this kind can be scored by this loss."""
        return True

    @staticmethod
    def accepts_targets(Y: np.ndarray) -> bool:
        """Whether targets ``(n, k)`` lie where this loss is defined."""
        return True

    @staticmethod
    def fn(a: np.ndarray, y: np.ndarray) -> float:
        raise NotImplementedError

    @staticmethod
    def derivative(a: np.ndarray, y: np.ndarray) -> np.ndarray:
        raise NotImplementedError


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
    outputs = "each output a probability of its own, in [0, 1], as a Sigmoid output layer gives"
    targets = "values in [0, 1] (labels 0 and 1, or probabilities)"

    @staticmethod
    def accepts_outputs(A: np.ndarray) -> bool:
        """In [0, 1], and not tied into rows that sum to 1 (that is a softmax: use categorical CE)."""
        return in_unit_interval(A) and not (A.shape[1] > 1 and rows_sum_to_one(A))

    @staticmethod
    def accepts_targets(Y: np.ndarray) -> bool:
        return in_unit_interval(Y)

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
    outputs = "rows of probabilities that sum to 1, as a Softmax output layer gives"
    targets = "rows of probabilities that sum to 1 (one-hot rows, or class labels 0 … k-1)"

    @staticmethod
    def accepts_outputs(A: np.ndarray) -> bool:
        return in_unit_interval(A) and rows_sum_to_one(A)

    @staticmethod
    def accepts_targets(Y: np.ndarray) -> bool:
        return in_unit_interval(Y) and rows_sum_to_one(Y)

    @staticmethod
    def fn(a: np.ndarray, y: np.ndarray) -> float:
        a = _clip(np.asarray(a), upper=False)
        return float(-np.sum(y * np.log(a)) / a.shape[0])

    @staticmethod
    def derivative(a: np.ndarray, y: np.ndarray) -> np.ndarray:
        return -y / _clip(np.asarray(a), upper=False)


class LearnersLoss(Loss):
    """A learner's own loss, any class or object with ``fn(a, y)`` and ``derivative(a, y)``, made
    into a ``Loss``: no BP1 shortcut, any outputs and targets. ``wrapped`` is the learner's object
    itself: names, messages, saving and export see it."""

    def __init__(self, wrapped: Any) -> None:
        self.wrapped = wrapped
        self.fn, self.derivative = wrapped.fn, wrapped.derivative

    def __repr__(self) -> str:
        return f"LearnersLoss({self.wrapped!r})"


LOSSES: dict[str, type[Loss]] = {
    cls.name: cls for cls in (MSE, CrossEntropy, CategoricalCrossEntropy)
}


_METHODS = ("fn", "derivative")


def get_loss(choice: Any) -> Any:
    """Resolve a name (``"cross-entropy"``, any case, ``_`` or ``-``) to its class. A built-in or a
    subclass of ``Loss`` is returned as it is; any other class or object with callable ``fn(a, y)``
    and ``derivative(a, y)`` is wrapped once in a ``LearnersLoss``. Anything else is a TypeError
    naming what is missing."""
    found = resolve(unwrap(choice), LOSSES, "loss", _METHODS, placeholders=Loss)
    is_loss = isinstance(found, Loss) or (isinstance(found, type) and issubclass(found, Loss))
    return found if is_loss else LearnersLoss(found)


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


# ---------------------------------------------------------------- which outputs and targets a loss takes
def check_output_layer(loss: Any, activation: Any, n_out: int) -> None:
    """Refuse an output layer whose outputs ``loss`` cannot take: the one rule, read from the loss's
    ``accepts_outputs`` on what the activation gives for z across [-30, 30] (a learner's own
    loss, a ``LearnersLoss``, takes any output). Also refuses an output layer that gives the same
    value whatever its input (a softmax over one output always gives 1)."""
    A = sample_outputs(activation, n_out)
    shown = describe_activation(activation)
    if np.all(np.ptp(A, axis=0) == 0):
        raise ValueError(
            f"The output layer's {shown} gives the same value whatever its input (a softmax over one output "
            "is always 1), so the network cannot learn; for one output use Sigmoid."
        )
    if loss.accepts_outputs(A):
        return
    sums = " in rows that sum to 1" if A.shape[1] > 1 and rows_sum_to_one(A) else ""
    raise ValueError(
        f"The loss {describe_loss(loss)} needs {loss.outputs}; the output layer's {shown} gives values "
        f"from {A.min():.3g} to {A.max():.3g}{sums}. Choose that output activation, or another loss "
        f"(MSE takes any output)."
    )


def check_targets(loss: Any, Y: np.ndarray, name: str = "Y") -> None:
    """Refuse targets ``(n, k)`` outside the domain of ``loss`` (its ``accepts_targets``)."""
    if loss.accepts_targets(Y):
        return
    found = f"values from {Y.min():g} to {Y.max():g}"
    if in_unit_interval(Y):
        sums = Y.sum(axis=1)
        found = f"a row that sums to {sums[np.abs(sums - 1) > 1e-5][0]:g}"
    raise ValueError(f"{name} must hold {loss.targets} for the loss {describe_loss(loss)}; it holds {found}.")
