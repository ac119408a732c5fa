"""Central differences and the relative error: the arithmetic of a gradient check. Lesson: 06 backpropagation.

``glassnet.gradcheck`` uses these on a network (its docstring derives the formulas); they need
no network themselves, so the doctor, which sits above the network, uses them too.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def numerical_gradient(f: Callable[[], float], theta: np.ndarray, eps: float = 1e-3) -> np.ndarray:
    """Gradient of ``f()`` with respect to every entry of ``theta``, by central differences.

    (4 D(ε) - D(2ε)) / 3 with D(h) = (f(θ + h) - f(θ - h)) / 2h, entry by entry. ``theta``
    is changed in place, one entry at a time, and restored; ``f`` must read it.
    Returns an array shaped like ``theta``.
    """

    def nudged(i: tuple[int, ...], h: float) -> float:
        original = theta[i]
        theta[i] = original + h
        c_plus = f()
        theta[i] = original - h
        c_minus = f()
        theta[i] = original
        return (c_plus - c_minus) / (2 * h)  # D(h), the central difference

    grad = np.zeros_like(theta, dtype=np.float64)
    for i in np.ndindex(theta.shape):
        grad[i] = (4 * nudged(i, eps) - nudged(i, 2 * eps)) / 3  # the ε² errors cancel
    return grad


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """‖analytic - numeric‖ / (‖analytic‖ + ‖numeric‖): 0 for a perfect match, 1 for unrelated.

    Norms of whole arrays, so a tiny gradient entry cannot blow the ratio up. (0 when both are 0.)
    """
    scale = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    return float(np.linalg.norm(analytic - numeric) / scale) if scale > 0 else 0.0
