"""Cases and diagnoses that several exercises share: the perceptron's, and the networks'."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from glassnet.checker.compare import compare_array, compare_label, compare_number
from glassnet.checker.spec import Case, Fail, call, need, need_method, structure, takes
from glassnet.checker.values import code, num

PERCEPTRON_RULE = "run returns 1 if w·x + b > 0, else 0"


def _fresh(value: Any) -> Any:
    return np.copy(value) if isinstance(value, np.ndarray) else value


def perceptron_structure(vector: bool) -> list[Case]:
    w, x = (np.array([0.0, 1.0]), np.array([0.0, 2.0])) if vector else (2.0, 0.7)

    def check(module: ModuleType) -> None:
        cls = need(module, "Perceptron", "class", "class Perceptron: with __init__(self, w, b) and run(self, x)")
        takes(cls, (w, -1.0), {}, "Perceptron(w, b) cannot be created with a weight and a bias",
              "write def __init__(self, w, b): and store them as self.weight and self.bias.")
        need_method(cls, "run", (x,), "def run(self, x):")

    return [structure("Perceptron(w, b) and its run(x) method", check)]


def perceptron(module: ModuleType, w: Any, b: float) -> Any:
    """The learner's ``Perceptron(w, b)``, made on copies of ``w`` and ``b``."""
    return call("Perceptron", module.Perceptron, ("w", _fresh(w)), ("b", b))


def stored_case(w: Any, b: float) -> Case:
    expected = (w, b)

    def run(module: ModuleType) -> Any:
        p = perceptron(module, w, b)
        missing = [name for name in ("weight", "bias") if not hasattr(p, name)]
        if missing:
            raise Fail(f"the perceptron has no attribute {' or '.join(missing)}.",
                       "__init__ stores its arguments: self.weight = w and self.bias = b.")
        return p.weight, p.bias

    def compare(got: Any, expected: Any) -> None:
        compare_array(got[0], expected[0], what="p.weight")
        compare_number(got[1], expected[1], what="p.bias")

    return Case(call=f"p = Perceptron({code(w)}, {b!r}); p.weight, p.bias", run=run, expected=expected,
                compare=compare, hint="__init__ stores its arguments: self.weight = w and self.bias = b.")


def perceptron_diagnosis(w: Any, b: float, x: Any, got: Any, expected: Any) -> str | None:
    z_no_bias = float(np.dot(w, x))
    z = z_no_bias + b
    if np.ndim(got) == 1 and np.size(got) == np.size(x) > 1:
        return ("you multiplied w * x entry by entry and did not add the products up: w·x is "
                "np.dot(w, x) (or w @ x), one number.")
    try:
        value = float(np.asarray(got))
    except (TypeError, ValueError):
        return None
    if value not in (0.0, 1.0):
        if np.isclose(value, z):
            return ("run returns the class, not w·x + b itself: return 1 if w·x + b > 0, else 0 "
                    "(int(z > 0) does it).")
        return "run returns the class: 1 if w·x + b > 0, else 0."
    if value == expected:  # right class, wrong type (a bool, a float)
        return "return the int itself: 1 if w·x + b > 0 else 0, or int(w·x + b > 0)."
    if z == 0:
        return ("this point lies exactly on the boundary (w·x + b = 0), which is class 0 in this "
                "track: use > 0, not >= 0.")
    if int(z_no_bias > 0) == value != expected:
        return f"did you forget the bias? Without it w·x = {num(z_no_bias)}; with it w·x + b = {num(z)}."
    return "the output is 1 when w·x + b > 0 and 0 otherwise: check the direction of the comparison."


def label_case(w: Any, b: float, x: Any, hint: str = PERCEPTRON_RULE + ".") -> Case:
    expected = int(float(np.dot(w, x)) + b > 0)

    def run(module: ModuleType) -> Any:
        return call("run", perceptron(module, w, b).run, ("x", _fresh(x)))

    return Case(
        call=f"Perceptron({code(w)}, {b!r}).run({code(x)})", run=run, expected=expected,
        compare=compare_label, inputs={"x": x}, note=f"w·x + b = {num(float(np.dot(w, x)) + b)}",
        hint=hint, diagnose=lambda got: perceptron_diagnosis(w, b, x, got, expected),
    )


def network_mistakes(layers: list[tuple[np.ndarray, np.ndarray]], X: np.ndarray, act: type,
                     ) -> list[tuple[np.ndarray, str]]:
    """Outputs of typical wrong feedforwards, each with its hint."""
    from glassnet.activations import Sigmoid

    def forward(*, bias: bool = True, hidden: bool = True, output: bool = True, inside: bool = True,
                fn: Any = act.fn) -> np.ndarray:
        A = X
        for i, (W, b) in enumerate(layers):
            last = i == len(layers) - 1
            apply = output if last else hidden
            Z = A @ W + (b if bias and inside else 0)
            A = fn(Z) if apply else Z
            if bias and not inside:
                A = A + b
        return A

    name = act.__name__
    candidates = [
        (forward(bias=False), "did you forget the bias? Each layer computes activation.fn(a @ W + b)."),
        (forward(inside=False), "the bias goes inside the activation: activation.fn(a @ W + b), "
         "not activation.fn(a @ W) + b."),
        (forward(hidden=False, output=False), "apply the activation: a = activation.fn(a @ W + b); "
         "without it the network is linear."),
    ]
    if len(layers) > 1:
        candidates += [
            (forward(hidden=False), "the hidden layer needs its activation too: without it two layers "
             "collapse into one linear map."),
            (forward(output=False), "the output layer needs its activation too: a = activation.fn(z) "
             "in every layer."),
        ]
    if act is not Sigmoid:
        candidates.append((forward(fn=Sigmoid.fn), f"use the activation given to __init__ (here {name}), "
                           "not a fixed sigmoid: keep it as self.activation and call self.activation.fn."))
    return candidates
