"""Exercise loss_at_init: ln k for a softmax, k ln 2 for sigmoid outputs, ½ Σ var(y) for MSE. Lesson 08."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from glassnet.checker import structure
from glassnet.checker.compare import Rule
from glassnet.checker.mistakes import SAME, Mistake, float32_mistake
from glassnet.checker.probes import Probe, Steps, tags

LESSON = "08, when training fails"
SECTION = "A ×25 start"
ORDER = 12
EXERCISED = ("loss_at_init",)
START = "A ×25 start"
OUTPUTS = ("softmax", "sigmoid", "identity")


def right(output: str, Y: Any) -> float:
    """ln k, k ln 2, or ½ Σ_j var(y_j) (glassnet's losses at the uninformed outputs give the same)."""
    Y = np.asarray(Y, dtype=float)
    k = Y.shape[1]
    if output == "softmax":
        return math.log(k)
    if output == "sigmoid":
        return k * math.log(2)
    return float(np.sum(np.var(Y, axis=0)) / 2)


def only(output: str, f: Any) -> Any:
    """A model: ``f(Y)`` on probes of ``output``, the right answer on the others."""

    def model(probe: Probe) -> Any:
        p = probe.params
        return f(np.asarray(p["Y"], dtype=float)) if p["output"] == output else SAME

    return model


MISTAKES = [
    Mistake("loss_at_init uses log10 for the softmax's ln k.", "np.log is the natural logarithm ln; np.log10 is "
            "2.3 times smaller.", START, only("softmax", lambda Y: math.log10(Y.shape[1]))),
    Mistake("loss_at_init uses log2 for the softmax's ln k.", "np.log is the natural logarithm ln.", START,
            only("softmax", lambda Y: math.log2(Y.shape[1]))),
    Mistake("loss_at_init gives the softmax k ln 2, the loss of k sigmoid outputs.", "a softmax spreads 1/k over the "
            "k classes: ln k.", START, only("softmax", lambda Y: Y.shape[1] * math.log(2))),
    Mistake("loss_at_init counts the examples (Y.shape[0]) where it should count the classes (Y.shape[1]).",
            "k is the number of columns of Y, Y.shape[1].", START,
            only("softmax", lambda Y: math.log(Y.shape[0]))),
    Mistake("loss_at_init gives k sigmoid outputs ln 2 in all: each of the k outputs adds ln 2.",
            "cross-entropy adds up the k outputs of an example: k ln 2.", START,
            only("sigmoid", lambda Y: math.log(2))),
    Mistake("loss_at_init gives the sigmoid outputs ln k, a softmax's loss.", "each sigmoid output says 1/2 on its "
            "own, so each adds ln 2: k ln 2.", START, only("sigmoid", lambda Y: math.log(Y.shape[1]))),
    Mistake("loss_at_init leaves out the mean squared error's 1/2.", "the track's MSE is 1/(2n) Σ ‖y − a‖²: "
            "1/2 Σ var(y_j).", START, only("identity", lambda Y: float(np.sum(np.var(Y, axis=0))))),
    Mistake("loss_at_init uses the sample variance (ddof=1, dividing by n − 1).", "np.var divides by n (ddof=0), as "
            "the loss averages over the n examples.", START,
            only("identity", lambda Y: float(np.sum(np.var(Y, axis=0, ddof=1)) / 2) if len(Y) > 1 else math.nan)),
    Mistake("loss_at_init takes the standard deviation where the variance is wanted.", "np.var, not np.std.", START,
            only("identity", lambda Y: float(np.sum(np.std(Y, axis=0)) / 2))),
    Mistake("loss_at_init gives the mean square of y, what an output of 0 would leave, not its variance.",
            "an uninformed network answers the mean target: subtract each column's mean first (np.var does).",
            START, only("identity", lambda Y: float(np.sum(Y**2) / (2 * len(Y))))),
    Mistake("loss_at_init takes the variance of all of Y at once, mixing the columns.", "the variance of each "
            "column, np.var(Y, axis=0), added up over the k columns.", START,
            only("identity", lambda Y: float(np.var(Y) / 2))),
    float32_mistake(START),
]


def _structure() -> Probe:
    steps = Steps()
    steps.send(steps.describe("module.loss_at_init"))
    how = "write def loss_at_init(output, Y):"

    def judge(found: Any) -> Any:
        return (structure.need(found, "loss_at_init", "function", how)
                or structure.need_call(found, "loss_at_init(output, Y)", 2, (), how))

    return Probe("loss_at_init(output, Y)", steps, judge=judge, structure=True, hint=how)


def start_probe(output: str, Y: np.ndarray, note: str, tag: dict[str, str]) -> Probe:
    steps = Steps()
    steps.send(steps.call("module.loss_at_init", ("output", output), ("Y", Y)))
    n, k = Y.shape
    precision = "float32" if Y.dtype == np.float32 else "float64"
    return Probe(f"loss_at_init({output!r}, Y)", steps, Rule("number", f"loss_at_init({output!r}, Y)",
                                                             precision=precision),
                 right(output, Y), inputs={"output": output, "Y": Y}, note=f"{note}; n = {n}, k = {k}",
                 tags={output: f"a {output} output", **tag}, params={"output": output, "Y": Y},
                 hint="softmax: ln k; sigmoid: k ln 2; identity (MSE): 1/2 Σ_j var(y_j), np.var of each column of Y.")


def probes(rng: np.random.Generator) -> list[Probe]:
    """Each output kind on one-hot and other targets: ten classes, three, two, one output, one
    example, regression targets far from 0, integers, float32, random ones."""
    ten = np.eye(10)[rng.integers(0, 10, 40)]
    three = np.eye(3)[[0, 1, 2, 2, 1]]
    targets = np.round(rng.normal([50.0, -1.0], [2.0, 0.5], (30, 2)), 3)
    found = [_structure()]
    for output in ("softmax", "sigmoid"):
        found += [start_probe(output, ten, "ten one-hot classes, as the digits", {}),
                  start_probe(output, three, "three classes", tags("square")),
                  start_probe(output, three[:1], "one example", tags("batch1")),
                  start_probe(output, three.astype(int), "integer one-hot rows", tags("int"))]
    found += [start_probe("sigmoid", np.array([[1.0], [0.0], [1.0], [1.0]]), "one sigmoid output",
                          tags("one_output")),
              start_probe("identity", np.array([[1.0], [2.0], [3.0], [6.0]]), "one target, mean 3",
                          tags("one_output")),
              start_probe("identity", targets, "two targets far from 0: only their spread counts", tags("random")),
              start_probe("identity", np.array([[1, 4], [3, 0], [5, 2]]), "integer targets", tags("int")),
              start_probe("identity", targets.astype(np.float32), "float32 targets", tags("float32")),
              start_probe("identity", ten, "one-hot targets with the mean squared error", {})]
    return found
