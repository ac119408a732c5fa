"""Check backpropagation against central differences, one weight at a time. Lesson: 06 backpropagation.

The derivative of the loss C with respect to one parameter θ is approximated by nudging it
both ways, the central difference:

    D(ε) = (C(θ + ε) - C(θ - ε)) / (2ε)          error ≈ k ε²

A smaller ε shrinks that error but magnifies float rounding (C's last bits divided by ε), so
the two are balanced by taking D at ε and at 2ε and cancelling the ε² term (Richardson):

    ∂C/∂θ ≈ (4 D(ε) - D(2ε)) / 3                  error O(ε⁴)

That agrees with a correct backprop to about 1e-10 even where gradients are tiny (deep
sigmoid networks). It costs four forward passes per parameter, which is why nobody trains this
way and backpropagation exists; but it is the independent truth backprop is tested against.

The two formulas that need no network (the numerical gradient of any function of an array, and
the relative error between two gradients) live in ``glassnet.differences``, so that what sits
above the network (the doctor) can use them without importing it; they are imported here too.
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass

import numpy as np

from glassnet._validation import check_positive
from glassnet.differences import numerical_gradient, relative_error
from glassnet.network import Gradients, NeuralNetwork

__all__ = ["GradcheckReport", "gradcheck", "numerical_gradient", "numerical_gradients", "relative_error"]


def numerical_gradients(net: NeuralNetwork, X: np.ndarray, Y: np.ndarray, eps: float = 1e-3) -> Gradients:
    """∂C/∂W and ∂C/∂b of every layer by central differences, in the format of ``backprop``."""
    check_network(net, "numerical_gradients")
    check_positive(eps, "eps")
    X, _ = net.as_inputs(X)
    Y = net.as_targets(Y, len(X))

    def cost() -> float:
        return net.loss.fn(net.feedforward(X)[1][-1], Y)

    return [(numerical_gradient(cost, layer.W, eps), numerical_gradient(cost, layer.b, eps))
            for layer in net.layers]


def check_network(net: object, needed_by: str) -> None:
    """Raise a TypeError unless ``net`` is a ``NeuralNetwork`` (a name or anything else is not one)."""
    if not isinstance(net, NeuralNetwork):
        raise TypeError(f"{needed_by} checks a NeuralNetwork, its first argument; got {type(net).__name__}: "
                        f"{reprlib.repr(net)}. Pass the network itself, e.g. gradcheck(net, X, Y).")


@dataclass(frozen=True)
class GradcheckReport:
    """The relative error of ∂C/∂W and ∂C/∂b in each layer, and the worst of them."""

    errors_W: list[float]
    errors_b: list[float]
    eps: float

    @property
    def errors(self) -> list[float]:
        """The maximum relative error of each layer (the worse of W and b)."""
        return [max(w, b) for w, b in zip(self.errors_W, self.errors_b, strict=True)]

    @property
    def max_error(self) -> float:
        return max(self.errors)

    def passed(self, tolerance: float = 1e-7) -> bool:
        """Whether every layer's relative error is below ``tolerance``."""
        return self.max_error < tolerance

    def __str__(self) -> str:
        # layers numbered from 1, as the lessons number W_1, W_2, ... (layer 0 is the input)
        rows = [f"layer {l}: dC/dW {w:.2e}   dC/db {b:.2e}"
                for l, (w, b) in enumerate(zip(self.errors_W, self.errors_b, strict=True), start=1)]
        return "\n".join([f"relative error, backprop vs central differences (eps={self.eps:g}):",
                          *rows, f"worst: {self.max_error:.2e}"])


def gradcheck(
    net: NeuralNetwork, X: np.ndarray, Y: np.ndarray, *, eps: float = 1e-3, grads: Gradients | None = None
) -> GradcheckReport:
    """Compare ``net.backprop(X, Y)`` (or the given ``grads``) with central differences.

    Use float64 and a small batch: the numerical side costs four forward passes per parameter.
    In float64 a correct backprop agrees to a relative error below about 1e-7.
    """
    check_network(net, "gradcheck")
    if grads is None:
        grads = net.backprop(X, Y)
    numeric = numerical_gradients(net, X, Y, eps)
    if len(grads) != len(numeric):
        raise ValueError(f"grads has {len(grads)} layers, the network has {len(numeric)}.")
    errors_W = [relative_error(np.asarray(g[0]), n[0]) for g, n in zip(grads, numeric, strict=True)]
    errors_b = [relative_error(np.asarray(g[1]), n[1]) for g, n in zip(grads, numeric, strict=True)]
    return GradcheckReport(errors_W, errors_b, eps)
