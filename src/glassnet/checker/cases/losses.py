"""Exercise losses: the mean squared error, cross-entropy and their derivatives."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from glassnet.checker.compare import compare_array, compare_number, first_match
from glassnet.checker.spec import Case, call, need, structure, takes

LESSON = "04, loss functions"
ORDER = 7
EXERCISED = ("mse", "cross_entropy", "mse_derivative", "cross_entropy_derivative")
CHECKS_WARNINGS = True  # ln 0 is a formula that breaks at outputs of exactly 0 or 1


def cases() -> list[Case]:
    from glassnet.losses import MSE, CrossEntropy

    names = ("mse", "cross_entropy", "mse_derivative", "cross_entropy_derivative")

    def check(module: ModuleType) -> None:
        for name in names:
            func = need(module, name, "function", f"def {name}(a, y):")
            takes(func, (np.zeros((1, 1)), np.zeros((1, 1))), {}, f"{name} does not take (a, y)",
                   f"write def {name}(a, y):")

    A1, Y1 = np.array([[0.8], [0.3], [0.5]]), np.array([[1.0], [0.0], [1.0]])
    A2 = np.array([[0.8, 0.1], [0.3, 0.6], [0.5, 0.9]])
    Y2 = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    A_sure, Y_sure = np.array([[1.0, 0.0], [0.7, 0.2]]), np.array([[1.0, 0.0], [1.0, 0.0]])

    def case(name: str, a: np.ndarray, y: np.ndarray, expected: Any, hint: str,
             mistakes: list[tuple[Any, str]], warning_hint: str = "") -> Case:
        scalar = np.ndim(expected) == 0

        def run(module: ModuleType) -> Any:
            return call(name, getattr(module, name), ("a", a.copy()), ("y", y.copy()))

        def diagnose(got: Any) -> str | None:
            if scalar and np.ndim(got) == 1 and np.shape(got)[0] == a.shape[0]:
                return ("return one number, the loss averaged over the n examples, not one loss per "
                        "example.")
            return first_match(got, mistakes)

        return Case(call=f"{name}(a, y)", run=run, expected=expected,
                     compare=compare_number if scalar else compare_array, inputs={"a": a, "y": y},
                     note=f"n = {a.shape[0]} examples, k = {a.shape[1]} output(s) each", hint=hint,
                     diagnose=diagnose, warning_hint=warning_hint)

    def mse_mistakes(a: np.ndarray, y: np.ndarray) -> list[tuple[Any, str]]:
        n, k = a.shape
        c = MSE.fn(a, y)
        return [(2 * c, "did you forget the 1/2 in 1/(2n)? C = 1/(2n) Σ ‖y − a‖²."),
                (c * 2 * n, "average over the examples: divide the sum by 2n."),
                (c / k, "‖y − a‖² adds up the squares over the k outputs of an example; only the n "
                 "examples are averaged (np.mean over every entry also divides by k)."),
                (2 * c / k, "C = 1/(2n) Σ ‖y − a‖²: sum the squares over each example's outputs, then "
                 "divide by 2n (np.mean over every entry divides by n·k and forgets the 1/2).")]

    def ce_mistakes(a: np.ndarray, y: np.ndarray) -> list[tuple[Any, str]]:
        n, k = a.shape
        c = CrossEntropy.fn(a, y)
        return [(-c, "the sign: C = −1/n Σ [y ln a + (1 − y) ln(1 − a)] is positive (ln of a number "
                 "below 1 is negative)."),
                (-np.sum(y * np.log(a)) / n, "both terms: y ln a + (1 − y) ln(1 − a); the second one "
                 "counts the examples whose label is 0."),
                (c / k, "sum over the k outputs of an example and average over the n examples only "
                 "(np.mean over every entry also divides by k)."),
                (c * n, "average over the examples: divide the sum by n.")]

    def derivative_mistakes(d: np.ndarray, n: int, extra: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
        return [(-d, "the sign: the derivative points toward larger C, so a − y, not y − a."),
                (d / n, "the derivative is per example (∂C_x/∂a): do not divide by n here; averaging "
                 "over the batch happens once, in BP3 and BP4."), *extra]

    d_mse = MSE.derivative(A2, Y2)
    d_ce = CrossEntropy.derivative(A2, Y2)
    ln0 = ("the first example is predicted perfectly (a = y, 0 or 1), so it adds nothing to the loss; "
           "but ln 0 is −inf and 0 · ln 0 is nan: clip a first, a = np.clip(a, 1e-12, 1 - 1e-12).")
    ln0_derivative = ("at a = 0 or 1, (a − y) / (a(1 − a)) is 0/0: clip a first, "
                      "a = np.clip(a, 1e-12, 1 - 1e-12); the limit is ±1.")
    return [
        structure("mse, cross_entropy, mse_derivative and cross_entropy_derivative, each (a, y)", check),
        case("mse", A1, Y1, MSE.fn(A1, Y1), "C = 1/(2n) Σ_x ‖y(x) − a(x)‖², one number.",
             mse_mistakes(A1, Y1)),
        case("mse", A2, Y2, MSE.fn(A2, Y2), "C = 1/(2n) Σ_x ‖y(x) − a(x)‖²: the squares summed over "
             "each example's k outputs, divided by 2n.", mse_mistakes(A2, Y2)),
        case("mse_derivative", A2, Y2, d_mse, "∂C_x/∂a = a − y, one row per example (the 1/2 cancels "
             "the 2 of the square).",
             derivative_mistakes(d_mse, 3, [(2 * d_mse, "the 1/2 in C cancels the 2 of the square: "
                                            "∂C_x/∂a = a − y.")])),
        case("cross_entropy", A1, Y1, CrossEntropy.fn(A1, Y1),
             "C = −1/n Σ_x [y ln a + (1 − y) ln(1 − a)], one number.", ce_mistakes(A1, Y1)),
        case("cross_entropy", A2, Y2, CrossEntropy.fn(A2, Y2), "C = −1/n Σ_x Σ_j [y ln a + (1 − y) "
             "ln(1 − a)]: summed over each example's outputs, averaged over the n examples.",
             ce_mistakes(A2, Y2)),
        case("cross_entropy", A_sure, Y_sure, CrossEntropy.fn(A_sure, Y_sure), ln0, [], warning_hint=ln0),
        case("cross_entropy_derivative", A2, Y2, d_ce, "∂C_x/∂a = (a − y) / (a(1 − a)), one row per example.",
             derivative_mistakes(d_ce, 3, [(A2 - Y2, "that is BP1's shortcut after a sigmoid (delta = "
                                            "a − y); the derivative with respect to a is "
                                            "(a − y) / (a(1 − a)).")])),
        case("cross_entropy_derivative", A_sure, Y_sure, CrossEntropy.derivative(A_sure, Y_sure),
             ln0_derivative, [], warning_hint=ln0_derivative),
    ]
