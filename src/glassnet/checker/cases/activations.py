"""Exercise activations: Sigmoid, Tanh and ReLU, each with static fn(z) and prime(z)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np

from glassnet.checker.compare import compare_array, first_match
from glassnet.checker.spec import Case, call, need, need_static, structure
from glassnet.checker.values import code

LESSON = "02, activation functions"
ORDER = 4
EXERCISED = ("Sigmoid", "Tanh", "ReLU")
CHECKS_WARNINGS = True  # an overflow in exp is a formula that breaks for large inputs
NAME_HINT = "Sigmoid, Tanh and ReLU each need static methods fn(z) and prime(z)."

Mistakes = Callable[[np.ndarray], list[tuple[np.ndarray, str]]]


def _structure(name: str) -> Case:
    def check(module: ModuleType) -> None:
        cls = need(module, name, "class", f"class {name}: with static methods fn(z) and prime(z)")
        need_static(cls, "fn")
        need_static(cls, "prime")

    return structure(f"{name}.fn(z) and {name}.prime(z), static methods", check)


def _case(name: str, method: str, z: np.ndarray, expected: np.ndarray, hint: str,
          mistakes: Mistakes | None = None, warning_hint: str = "") -> Case:
    def run(module: ModuleType) -> Any:
        return call(f"{name}.{method}", getattr(getattr(module, name), method), ("z", z.copy()))

    def diagnose(got: Any) -> str | None:
        return first_match(got, mistakes(z)) if mistakes else None

    return Case(call=f"{name}.{method}({code(z)})", run=run, expected=expected, compare=compare_array,
                inputs={"z": z}, hint=hint, diagnose=diagnose, warning_hint=warning_hint)


def _sigma(z: np.ndarray) -> np.ndarray:
    from glassnet.activations import Sigmoid

    return Sigmoid.fn(z)


def _sigmoid_mistakes(z: np.ndarray) -> list[tuple[np.ndarray, str]]:
    return [(1 - _sigma(z), "that is σ(−z): the sigmoid is 1 / (1 + exp(−z)), with a minus sign."),
            (np.exp(-z), "divide: σ(z) = 1 / (1 + exp(−z)).")]


def _sigmoid_prime_mistakes(z: np.ndarray) -> list[tuple[np.ndarray, str]]:
    s = _sigma(z)
    return [(z * (1 - z), "that is the derivative of the wrong function: σ'(z) = σ(z)(1 − σ(z)) "
             "uses σ(z), not z."),
            (s, "that is σ(z) itself; its derivative is σ(z)(1 − σ(z))."),
            (-s * (1 - s), "the sign: σ'(z) = σ(z)(1 − σ(z)) is positive.")]


def _tanh_mistakes(z: np.ndarray) -> list[tuple[np.ndarray, str]]:
    return [(_sigma(z), "that is the sigmoid; tanh(z) = (e^z − e^−z) / (e^z + e^−z) = 2σ(2z) − 1."),
            (2 * _sigma(z) - 1, "tanh(z) = 2σ(2z) − 1: the 2 goes inside σ as well.")]


def _tanh_prime_mistakes(z: np.ndarray) -> list[tuple[np.ndarray, str]]:
    t = np.tanh(z)
    return [(1 - t, "square it: tanh'(z) = 1 − tanh(z)²."),
            (1 - z**2, "that is the derivative of the wrong function: tanh'(z) = 1 − tanh(z)², "
             "with tanh(z), not z."),
            (t * (1 - t), "that is the sigmoid's pattern; tanh'(z) = 1 − tanh(z)².")]


def _relu_mistakes(z: np.ndarray) -> list[tuple[np.ndarray, str]]:
    return [(np.abs(z), "ReLU keeps positive z and gives 0 for negative z: max(0, z), not |z|."),
            (np.minimum(z, 0), "ReLU keeps the positive part: np.maximum(0, z).")]


def _relu_prime_mistakes(z: np.ndarray) -> list[tuple[np.ndarray, str]]:
    return [(np.maximum(z, 0), "prime is the slope, not ReLU itself: 0 for z < 0 and 1 for z > 0."),
            (z < 0, "the slope is 1 where z > 0 and 0 where z < 0."),
            ((z >= 0).astype(float), "at z = 0 ReLU has no derivative, and the exercise uses 0 there "
             "(as glassnet does): 1 only where z > 0, np.where(z > 0, 1.0, 0.0); with >= 0 you get 1.")]


def cases() -> list[Case]:
    from glassnet.activations import ReLU, Sigmoid, Tanh

    z = np.array([-2.0, 0.0, 3.0])
    Z = np.array([[-1.0, 0.5], [2.0, -3.0]])
    big = np.array([-1000.0, 0.0, 1000.0])
    relu_z = np.array([-2.0, -0.5, 0.0, 0.5, 3.0])
    relu_p = np.array([-2.0, -0.5, 0.5, 3.0])
    tanh_z = np.array([-2.0, 0.0, 0.5])
    overflow = ("sigmoid of a large negative number overflowed: rewrite it so exp never sees a large "
                "positive argument. For z < 0 use σ(z) = exp(z) / (1 + exp(z)); for z >= 0 use "
                "1 / (1 + exp(−z)). np.exp(-np.abs(z)) is never above 1.")
    relu_rule = "ReLU(z) = max(0, z) entry by entry: np.maximum(0, z), which makes a new array."
    return [
        _structure("Sigmoid"), _structure("Tanh"), _structure("ReLU"),
        _case("Sigmoid", "fn", z, Sigmoid.fn(z), "σ(z) = 1 / (1 + exp(−z)), for every entry of z.",
              _sigmoid_mistakes),
        _case("Sigmoid", "fn", Z, Sigmoid.fn(Z), "fn works entry by entry on an array of any shape (a "
              "batch is 2-d): use numpy operations, no loop over a single axis.", _sigmoid_mistakes),
        _case("Sigmoid", "fn", big, Sigmoid.fn(big), overflow, _sigmoid_mistakes, warning_hint=overflow),
        _case("Sigmoid", "prime", z, Sigmoid.prime(z), "σ'(z) = σ(z)(1 − σ(z)).", _sigmoid_prime_mistakes,
              warning_hint=overflow),
        _case("Tanh", "fn", tanh_z, Tanh.fn(tanh_z), "tanh(z) = (e^z − e^−z) / (e^z + e^−z); np.tanh "
              "computes it.", _tanh_mistakes),
        _case("Tanh", "fn", np.array([-1000.0, 1000.0]), np.array([-1.0, 1.0]),
              "tanh of a large |z| is ±1: (e^z − e^−z) / (e^z + e^−z) turns into inf / inf = nan there; "
              "np.tanh (or 2σ(2z) − 1 with a stable σ) does not.", _tanh_mistakes,
              warning_hint="tanh of a large |z| overflowed: e^1000 is too large for a float; np.tanh "
                           "(or 2σ(2z) − 1 with a stable σ) stays finite."),
        _case("Tanh", "prime", tanh_z, Tanh.prime(tanh_z), "tanh'(z) = 1 − tanh(z)².", _tanh_prime_mistakes),
        _case("ReLU", "fn", relu_z, ReLU.fn(relu_z), relu_rule, _relu_mistakes),
        _case("ReLU", "fn", Z, ReLU.fn(Z), relu_rule, _relu_mistakes),
        _case("ReLU", "prime", relu_p, ReLU.prime(relu_p), "ReLU'(z) is 1 where z > 0 and 0 where z < 0.",
              _relu_prime_mistakes),
        _case("ReLU", "prime", relu_z, ReLU.prime(relu_z), "ReLU'(z) is 1 where z > 0 and 0 where z <= 0: "
              "at z = 0, where ReLU has no derivative, the exercise (like glassnet) uses 0.",
              _relu_prime_mistakes),
    ]
