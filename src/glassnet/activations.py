"""Activation functions φ(z) and their derivatives φ'(z). Lesson: 02 activation functions.

Each activation is a class with two static methods, as the track's exercise writes them:
``fn(z)`` is φ applied to every entry of ``z`` and ``prime(z)`` is its derivative. The classes
are never instantiated; a network holds the class itself (``activation=Sigmoid``).

Anything of that shape is an activation: a learner's own ``class Sigmoid`` with static ``fn``
and ``prime`` works wherever a built-in does (``Dense``, ``NeuralNetwork``, ``gradcheck``,
the plots). Names (``"relu"``) exist for the command line and for saving a model:
``register_activation(cls, name)`` adds one.

``backward(z, dC_da, a)`` turns the gradient with respect to a layer's output into the error
delta = ∂C/∂z: the ⊙ φ'(z) of BP1 and BP2. For the elementwise functions it is
``dC_da * prime(z)``; softmax mixes its inputs, so its ``prime`` is a Jacobian matrix and its
``backward`` a Jacobian-vector product. ``a = fn(z)``, when the caller has it, saves computing it
again for sigmoid and softmax, whose derivatives are written in terms of a.

A learner's own class with only ``fn`` and ``prime`` is wrapped once, when a layer is built, in a
``LearnersActivation`` that adds ``backward``: the network then calls the same three methods on
every activation, with no dispatch by name on the hot path.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from glassnet.registry import display_name, register, registered_name, resolve, unwrap


class Activation:
    """Shared behaviour of the activation classes; see the subclasses for the formulas."""

    name: str = ""

    @staticmethod
    def fn(z: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    @staticmethod
    def prime(z: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    @classmethod
    def backward(cls, z: np.ndarray, dC_da: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
        """Error delta = ∂C/∂z from ∂C/∂a, both of shape ``(n, k)``: ``dC_da ⊙ φ'(z)``.

        ``a`` is fn(z) if the caller already has it; only activations whose φ' is written in
        terms of a use it."""
        return dC_da * cls.prime(z)


class Sigmoid(Activation):
    """Logistic sigmoid: squashes any real z into (0, 1).

    fn(z)    = 1 / (1 + exp(-z))
    prime(z) = fn(z) * (1 - fn(z))

    For z below about -709, exp(-z) overflows to inf and 1 / (1 + inf) = 0, which is the
    right answer to the last bit; the overflow is expected, so its warning is silenced.
    """

    name = "sigmoid"

    @staticmethod
    def fn(z: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore", under="ignore"):  # exp(-z) = inf gives σ(z) = 0, correctly
            return 1 / (1 + np.exp(-np.asarray(z)))

    @staticmethod
    def prime(z: np.ndarray) -> np.ndarray:
        s = Sigmoid.fn(z)
        return s * (1 - s)

    @classmethod
    def backward(cls, z: np.ndarray, dC_da: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
        """dC_da ⊙ σ'(z), with σ'(z) = a (1 - a) from the layer's output a = σ(z) when given."""
        if a is None:
            a = cls.fn(z)
        return dC_da * (a * (1 - a))


class Tanh(Activation):
    """Hyperbolic tangent: squashes z into (-1, 1), centred at 0.

    fn(z)    = (exp(z) - exp(-z)) / (exp(z) + exp(-z)) = 2 σ(2z) - 1
    prime(z) = 1 - fn(z)**2
    """

    name = "tanh"

    @staticmethod
    def fn(z: np.ndarray) -> np.ndarray:
        return np.tanh(z)

    @staticmethod
    def prime(z: np.ndarray) -> np.ndarray:
        return 1 - np.tanh(z) ** 2


class ReLU(Activation):
    """Rectified linear unit: zero for negative z, z itself otherwise.

    fn(z)    = max(0, z)
    prime(z) = 1 if z > 0 else 0   (at z = 0, where ReLU has no derivative, we use 0)
    """

    name = "relu"

    @staticmethod
    def fn(z: np.ndarray) -> np.ndarray:
        return np.maximum(z, 0)

    @staticmethod
    def prime(z: np.ndarray) -> np.ndarray:
        z = np.asarray(z)
        return (z > 0).astype(z.dtype if np.issubdtype(z.dtype, np.floating) else np.float64)


class Identity(Activation):
    """The identity: a linear output, for regression.

    fn(z)    = z
    prime(z) = 1
    """

    name = "identity"

    @staticmethod
    def fn(z: np.ndarray) -> np.ndarray:
        return np.asarray(z)

    @staticmethod
    def prime(z: np.ndarray) -> np.ndarray:
        z = np.asarray(z)
        return np.ones_like(z, dtype=z.dtype if np.issubdtype(z.dtype, np.floating) else np.float64)

    @classmethod
    def backward(cls, z: np.ndarray, dC_da: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
        """delta = dC_da ⊙ 1 = dC_da (skips multiplying by ones)."""
        return dC_da


class Softmax(Activation):
    """Softmax over each row: turns k scores into k probabilities that sum to 1.

    fn(z)_j    = exp(z_j) / Σ_i exp(z_i)          (per row; z shifted by its max first,
                                                  which changes nothing but avoids overflow)
    prime(z)   = the Jacobian ∂a_j/∂z_i = a_j (δ_ij - a_i), shape ``(n, k, k)``

    Unlike the others, each output depends on every input of its row, so the ⊙ φ'(z) of BP1
    becomes a Jacobian-vector product: delta = a ⊙ (dC_da - Σ_j dC_da_j a_j).
    """

    name = "softmax"

    @staticmethod
    def fn(z: np.ndarray) -> np.ndarray:
        z = np.asarray(z)
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    @staticmethod
    def prime(z: np.ndarray) -> np.ndarray:
        a = Softmax.fn(z)
        return a[..., :, None] * (np.eye(a.shape[-1], dtype=a.dtype) - a[..., None, :])

    @classmethod
    def backward(cls, z: np.ndarray, dC_da: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
        """delta = Jᵀ dC_da per row, written without building J: a ⊙ (g - (g·a))."""
        if a is None:
            a = cls.fn(z)
        return a * (dC_da - (dC_da * a).sum(axis=-1, keepdims=True))


class LearnersActivation(Activation):
    """A learner's own activation, any class or object with ``fn(z)`` and ``prime(z)`` (the track's
    exercise shape), made into one with ``backward`` too:

        backward(z, dC_da, a) = dC_da ⊙ prime(z)

    ``wrapped`` is the learner's object itself: names, messages, saving and export see it."""

    def __init__(self, wrapped: Any) -> None:
        self.wrapped = wrapped
        self.fn, self.prime = wrapped.fn, wrapped.prime

    def backward(self, z: np.ndarray, dC_da: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
        return dC_da * self.prime(z)

    def __repr__(self) -> str:
        return f"LearnersActivation({self.wrapped!r})"


ACTIVATIONS: dict[str, type[Activation]] = {
    cls.name: cls for cls in (Sigmoid, Tanh, ReLU, Identity, Softmax)
}
_METHODS = ("fn", "prime")


def get_activation(choice: Any) -> Any:
    """Resolve a name (``"relu"``, any case) to its class. A built-in or a subclass of
    ``Activation`` is returned as it is; any other class or object with callable ``fn(z)`` and
    ``prime(z)`` (a learner's own) is wrapped once in a ``LearnersActivation``, which adds
    ``backward``. Anything else is a TypeError naming what is missing."""
    found = resolve(unwrap(choice), ACTIVATIONS, "activation", _METHODS, placeholders=Activation)
    is_activation = isinstance(found, Activation) or (isinstance(found, type) and issubclass(found, Activation))
    return found if is_activation else LearnersActivation(found)


def register_activation(cls: Any, name: str) -> Any:
    """Name an activation class for the command line and for saving models:
    ``register_activation(LeakyReLU, "leaky-relu")``, then ``activation="leaky-relu"`` works and
    a saved network records that name. Returns ``cls``. A name already taken by another class
    (a built-in's, say) is a ValueError."""
    return register(ACTIVATIONS, cls, name, "activation", _METHODS, placeholders=Activation)


def activation_name(obj: Any) -> str | None:
    """The name ``obj`` is registered under (``activation_name(ReLU) == "relu"``), or None."""
    return registered_name(ACTIVATIONS, obj)


def describe_activation(obj: Any) -> str:
    """How to call an activation in a message or a picture: its registered name, else its class's."""
    return display_name(obj, ACTIVATIONS)


def sample_outputs(activation: Any, n_out: int) -> np.ndarray:
    """What an activation gives for a fixed spread of inputs: ``fn`` on 61 rows of z from -30 to 30
    (each of the ``n_out`` columns in another order), as float64 ``(61, n_out)``. Used to check
    which losses can take its outputs, for any activation, a learner's own included."""
    z = np.linspace(-30.0, 30.0, 61)
    Z = z[(np.arange(61)[:, None] + 7 * np.arange(n_out)) % 61]  # column j: z shifted by 7 j places
    with np.errstate(all="ignore"):
        return np.asarray(activation.fn(Z), dtype=np.float64)

