"""Exercise descent: gradient descent on a function of one variable, keeping its path."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np

from glassnet.checker.compare import as_float_array, compare_array
from glassnet.checker.spec import Case, Mismatch, call, need, structure, takes
from glassnet.checker.values import num

LESSON = "05, gradient descent"
ORDER = 8
EXERCISED = ("gradient_descent",)
TIMEOUT_HINT = "stop after max_iters steps even when the steps never get shorter than precision."


def cases() -> list[Case]:
    from glassnet.descent import gradient_descent as reference

    names = ("df", "x0", "learning_rate", "precision", "max_iters")

    def check(module: ModuleType) -> None:
        func = need(module, "gradient_descent", "function",
                    "def gradient_descent(df, x0, learning_rate, precision, max_iters):")
        takes(func, (abs,), dict(zip(names[1:], (4.0, 0.01, 1e-4, 10), strict=True)),
              "gradient_descent cannot be called with the keywords x0, learning_rate, precision and "
              "max_iters", "write def gradient_descent(df, x0, learning_rate, precision, max_iters):")

    def case(df: Callable[[float], float], df_text: str, x0: float, learning_rate: float, precision: float,
             max_iters: int, note: str) -> Case:
        expected = [float(x) for x in reference(df, x0=x0, learning_rate=learning_rate, precision=precision,
                                                max_iters=max_iters).path]

        def run(module: ModuleType) -> Any:
            return call("gradient_descent", module.gradient_descent, ("df", df), x0=x0,
                        learning_rate=learning_rate, precision=precision, max_iters=max_iters)

        def compare(got: Any, expected: list[float]) -> None:
            if isinstance(got, int | float | np.number) or (isinstance(got, np.ndarray) and got.ndim == 0):
                raise Mismatch("gradient_descent returned one number; expected the whole path, a list "
                               "that starts with x0.")
            path = as_float_array(got, "the path", (len(expected),))
            if path.ndim != 1:
                raise Mismatch(f"the path has shape {path.shape}; expected a flat list of numbers.")
            common = min(len(path), len(expected))
            compare_array(path[:common], expected[:common], rtol=1e-9, what="the path")
            if len(path) != len(expected):
                raise Mismatch(f"the path has {len(path)} points; expected {len(expected)} (x0 and "
                               f"{len(expected) - 1} steps).", index=common - 1)

        def diagnose(got: Any) -> str | None:
            path = np.asarray(got, dtype=float).ravel()
            if path.size == 0:
                return None
            if not np.isclose(path[0], x0) and path.size and np.isclose(path[0], expected[1]):
                return "the path starts with x0 itself, then each new point."
            if path.size > 1 and np.isclose(path[1], x0 + learning_rate * df(x0)):
                return "step downhill: x ← x − ε f'(x); you added the gradient instead of subtracting it."
            if path.size > 1 and np.isclose(path[1], x0 - df(x0)):
                return "scale each step by the learning rate: x ← x − ε f'(x)."
            if path.size == len(expected) + 1:
                return ("one step too many: stop after max_iters steps, or right after the first step "
                        "shorter than precision (the track's loop checks both before each step).")
            if path.size == len(expected) - 1:
                return ("one step too few: the step that is shorter than precision is still taken and "
                        "its point kept; then the loop stops.")
            return None

        shown = [num(x) for x in expected]
        if len(shown) > 8:
            shown = [*shown[:4], "...", *shown[-2:]]
        return Case(
            call=(f"gradient_descent({df_text}, x0={x0!r}, learning_rate={learning_rate!r}, "
                  f"precision={precision!r}, max_iters={max_iters})"),
            run=run, expected=expected, compare=compare, note=note, diagnose=diagnose,
            show_expected=f"{len(expected)} points: [{', '.join(shown)}]",
            hint=("x ← x − ε f'(x), keeping every x in a list that starts with x0; stop when a step "
                  "moves x by less than precision, or after max_iters steps."),
        )

    def slope(x: float) -> float:
        return 2 * (x - 2)

    def slope_square(x: float) -> float:
        return 2 * x

    track = "f(x) = (x − 2)², f'(x) = 2(x − 2): the track's numbers"
    return [
        structure("gradient_descent(df, x0, learning_rate, precision, max_iters)", check),
        case(slope, "lambda x: 2 * (x - 2)", 4.0, 0.01, 1e-4, 3, track + " 3.96, 3.9208, 3.882384"),
        case(slope, "lambda x: 2 * (x - 2)", 0.0, 0.01, 1e-4, 3, "the same f, from the other side"),
        case(slope, "lambda x: 2 * (x - 2)", 4.0, 0.01, 1e-4, 1000,
             "the whole walk: it stops once a step is shorter than precision"),
        case(slope_square, "lambda x: 2 * x", -3.0, 0.1, 1e-3, 100, "f(x) = x², f'(x) = 2x"),
        case(slope, "lambda x: 2 * (x - 2)", 4.0, 0.01, 1e-12, 50,
             "precision is never reached here: it stops after max_iters = 50 steps"),
    ]
