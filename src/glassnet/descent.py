"""Gradient descent on any differentiable function, keeping the path it walked. Lesson: 05 gradient descent.

One step moves x against the gradient, scaled by the learning rate η:

    x ← x - η ∇f(x)

(The track's gradient-descent section writes the learning rate as ε; glassnet uses η
everywhere, as the perceptron section does.)

and the walk stops when a step is shorter than ``precision`` or after ``max_iters`` steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from glassnet._validation import as_array, check_count, check_positive


@dataclass(frozen=True)
class DescentResult:
    """Where gradient descent ended and how it got there.

    x : the last point (a float, or an array shaped like ``x0``).
    path : every point visited, ``x0`` first: shape ``(n_iters + 1,)`` or ``(n_iters + 1, d)``.
    n_iters : the number of steps taken.
    converged : whether the last step was shorter than ``precision``.
    learning_rate : the η of the walk (None for a result made by hand without one).
    """

    x: float | np.ndarray
    path: np.ndarray
    n_iters: int
    converged: bool
    learning_rate: float | None = None


def gradient_descent(
    df: Callable[[float | np.ndarray], float | np.ndarray],
    x0: float | np.ndarray,
    learning_rate: float = 0.01,
    precision: float = 1e-4,
    max_iters: int = 1000,
) -> DescentResult:
    """Minimise a function from its gradient ``df``, starting at ``x0``.

    Parameters
    ----------
    df : the gradient ∇f (the derivative f' for a function of one number); takes and returns
        something shaped like ``x0``.
    x0 : the start, a number or a 1-d array.
    learning_rate : η > 0, the step size factor.
    precision : stop once a step moves x by less than this (Euclidean length), > 0.
    max_iters : the most steps to take, >= 1.

    Examples
    --------
    The track's example, f(x) = (x - 2)², f'(x) = 2(x - 2), from x = 4:

    >>> result = gradient_descent(lambda x: 2 * (x - 2), x0=4, learning_rate=0.01)
    >>> [round(float(x), 6) for x in result.path[:4]]
    [4.0, 3.96, 3.9208, 3.882384]
    """
    x = as_array(x0, "x0", ndim=(0, 1)).copy()
    eta = check_positive(learning_rate, "learning_rate")
    precision = check_positive(precision, "precision")
    max_iters = check_count(max_iters, "max_iters")

    path = [x]
    step_size = np.inf
    while step_size > precision and len(path) <= max_iters:
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is caught just below
            gradient = np.asarray(df(x), dtype=float)
            if gradient.shape != x.shape:
                raise ValueError(f"df must return the shape of x0, {x.shape}, got {gradient.shape}.")
            x_new = x - eta * gradient  # x ← x - η ∇f(x)
            step_size = float(np.hypot.reduce(np.ravel(x_new - x)))  # ‖step‖, without squaring
        if not (np.all(np.isfinite(x_new)) and np.isfinite(step_size)):
            raise FloatingPointError(
                f"Gradient descent diverged at step {len(path)}: x became {x_new}. "
                f"Try a smaller learning_rate than {learning_rate}."
            )
        x = x_new
        path.append(x)
    final = float(x) if x.ndim == 0 else x
    return DescentResult(final, np.array(path), len(path) - 1, step_size <= precision, eta)
