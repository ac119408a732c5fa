"""Exercise saturation: the share of a sigmoid layer's z where σ'(z) is below a share of its peak."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from glassnet.checker.compare import compare_number, first_match
from glassnet.checker.spec import Case, call, need, structure, takes

LESSON = "08, when training fails"
ORDER = 11
EXERCISED = ("saturated_share",)
CHECKS_WARNINGS = True  # exp(-z) overflows for very negative z: np.exp warns, and the value is still right


def cases() -> list[Case]:
    from glassnet.activations import Sigmoid

    def check(module: ModuleType) -> None:
        func = need(module, "saturated_share", "function", "def saturated_share(Z, threshold):")
        takes(func, (np.zeros((1, 1)), 0.03), {}, "saturated_share does not take (Z, threshold)",
              "write def saturated_share(Z, threshold):")

    def case(Z: np.ndarray, threshold: float, note: str) -> Case:
        prime = Sigmoid.prime(Z)
        expected = float(np.mean(prime < threshold / 4))
        mistakes = [
            (float(np.sum(prime < threshold / 4)), "return the share of the entries (a number from 0 to 1), "
             "not how many there are: divide by Z.size."),
            (float(np.mean(prime < threshold)), "compare σ'(z) with threshold times the peak 1/4 of σ', "
             "not with threshold itself."),
            (float(np.mean(np.abs(Z) > threshold)), "the test is on the slope σ'(z) = σ(z)(1 − σ(z)), not "
             "on |z|."),
            (float(np.mean(Sigmoid.fn(Z) < threshold / 4)), "the test is on the slope σ'(z) = σ(z)(1 − σ(z)), "
             "not on σ(z)."),
            (float(np.mean(prime > threshold / 4)), "saturated is where the slope is small: σ'(z) below "
             "threshold × 1/4, not above."),
        ]

        def run(module: ModuleType) -> Any:
            return call("saturated_share", module.saturated_share, ("Z", Z.copy()), ("threshold", threshold))

        return Case(call="saturated_share(Z, threshold)", run=run, expected=expected, compare=compare_number,
                    inputs={"Z": Z, "threshold": threshold}, note=note, diagnose=lambda got: first_match(
                        got, [(v, hint) for v, hint in mistakes if not np.isclose(v, expected)]),
                    hint="σ'(z) = σ(z)(1 − σ(z)), at most 1/4 (at z = 0); count where it is below "
                         "threshold × 1/4, and divide by the number of entries.")

    rng = np.random.default_rng(8)
    return [
        structure("saturated_share(Z, threshold)", check),
        case(np.array([[0.0, 5.0], [-6.0, 1.0]]), 0.03, "the exercise's example: z = 5 and −6 are saturated"),
        case(np.array([[4.0, -4.0, 4.9, -4.9, 30.0]]), 0.03,
             "around the edge: σ'(z) < 0.0075 from |z| ≈ 4.87 on, on both sides"),
        case(rng.normal(0.0, 6.0, (40, 12)), 0.03, "a layer started too large: z spread over ±12"),
        case(rng.normal(0.0, 1.0, (50, 30)), 0.03, "a healthy start: almost nothing saturated"),
        case(np.array([[1.0, 2.0, 3.0], [-1.0, -2.0, -3.0]]), 0.5, "another threshold: half the peak, 1/8"),
    ]
