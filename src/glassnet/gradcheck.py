"""Check backpropagation against central differences, one weight at a time. Lesson: 06 backpropagation.

The derivative of the loss C with respect to one parameter θ is approximated by nudging it
both ways:

    ∂C/∂θ ≈ (C(θ + ε) - C(θ - ε)) / (2ε)          error O(ε²)

This needs two forward passes per parameter, so it is slow (which is the whole reason
backpropagation exists) but it is the independent truth backprop is tested against.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from glassnet._validation import check_positive
from glassnet.network import Gradients, NeuralNetwork


def numerical_gradient(f: Callable[[], float], theta: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of ``f()`` with respect to every entry of ``theta``.

    ``theta`` is changed in place, one entry at a time, and restored; ``f`` must read it.
    Returns an array shaped like ``theta``.
    """
    grad = np.zeros_like(theta, dtype=np.float64)
    for i in np.ndindex(theta.shape):
        original = theta[i]
        theta[i] = original + eps
        c_plus = f()
        theta[i] = original - eps
        c_minus = f()
        theta[i] = original
        grad[i] = (c_plus - c_minus) / (2 * eps)
    return grad


def numerical_gradients(net: NeuralNetwork, X: np.ndarray, Y: np.ndarray, eps: float = 1e-5) -> Gradients:
    """∂C/∂W and ∂C/∂b of every layer by central differences, in the format of ``backprop``."""
    check_positive(eps, "eps")
    X, _ = net._inputs(X)
    Y = net._targets(Y, len(X))

    def cost() -> float:
        return net.loss.fn(net._feedforward(X), Y)

    return [(numerical_gradient(cost, layer.W, eps), numerical_gradient(cost, layer.b, eps))
            for layer in net.layers]


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """‖analytic - numeric‖ / (‖analytic‖ + ‖numeric‖): 0 for a perfect match, 1 for unrelated.

    Norms of whole arrays, so a tiny gradient entry cannot blow the ratio up. (0 when both are 0.)
    """
    scale = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    return float(np.linalg.norm(analytic - numeric) / scale) if scale > 0 else 0.0


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
        rows = [f"layer {i}: dC/dW {w:.2e}   dC/db {b:.2e}"
                for i, (w, b) in enumerate(zip(self.errors_W, self.errors_b, strict=True))]
        return "\n".join([f"relative error, backprop vs central differences (eps={self.eps:g}):",
                          *rows, f"worst: {self.max_error:.2e}"])


def gradcheck(
    net: NeuralNetwork, X: np.ndarray, Y: np.ndarray, *, eps: float = 1e-5, grads: Gradients | None = None
) -> GradcheckReport:
    """Compare ``net.backprop(X, Y)`` (or the given ``grads``) with central differences.

    Use float64 and a small batch: the numerical side costs two forward passes per parameter.
    In float64 a correct backprop agrees to a relative error below about 1e-7.
    """
    if grads is None:
        grads = net.backprop(X, Y)
    numeric = numerical_gradients(net, X, Y, eps)
    if len(grads) != len(numeric):
        raise ValueError(f"grads has {len(grads)} layers, the network has {len(numeric)}.")
    errors_W = [relative_error(np.asarray(g[0]), n[0]) for g, n in zip(grads, numeric, strict=True)]
    errors_b = [relative_error(np.asarray(g[1]), n[1]) for g, n in zip(grads, numeric, strict=True)]
    return GradcheckReport(errors_W, errors_b, eps)
