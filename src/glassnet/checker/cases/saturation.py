"""Exercise saturation: the share of a sigmoid layer's z where σ'(z) is below a share of its peak. Lesson 08."""

from __future__ import annotations

from typing import Any

import numpy as np

from glassnet.checker import structure
from glassnet.checker.compare import Rule
from glassnet.checker.mistakes import Mistake, float32_mistake
from glassnet.checker.probes import Probe, Steps, tags

LESSON = "08, when training fails"
SECTION = "A ×25 start"
ORDER = 11
EXERCISED = ("saturated_share",)
CHECKS_WARNINGS = True  # exp(-z) overflows for very negative z; a stable sigmoid does not
SAT = "A ×25 start"


def sigmoid(Z: Any) -> np.ndarray:
    """σ(z), computed without overflow."""
    Z = np.asarray(Z, dtype=float)
    return np.exp(-np.logaddexp(0.0, -Z))


def share(Z: Any, threshold: float, *, peak: float = 0.25, slope: bool = True, below: bool = True) -> float:
    """The stub's share (σ'(z) < threshold × 1/4), or a mistake switched on by a keyword."""
    s = sigmoid(Z)
    measured = s * (1 - s) if slope else s
    hit = measured < threshold * peak if below else measured > threshold * peak
    return float(np.mean(hit))


def _model(f: Any) -> Any:
    def model(probe: Probe) -> Any:
        p = probe.params
        return f(np.asarray(p["Z"], dtype=float), p["threshold"])

    return model


MISTAKES = [
    Mistake("saturated_share returns how many entries are saturated, not their share.",
            "divide the count by the number of entries, Z.size: a share from 0 to 1.", SAT,
            _model(lambda Z, t: float(np.sum(sigmoid(Z) * (1 - sigmoid(Z)) < t / 4)))),
    Mistake("saturated_share compares σ'(z) with threshold itself, not with threshold times the peak 1/4.",
            "σ'(z) is at most 1/4: compare it with threshold × 1/4.", SAT,
            _model(lambda Z, t: share(Z, t, peak=1.0))),
    Mistake("saturated_share tests |z| > threshold: the test is on the slope σ'(z), not on z.",
            "compute σ'(z) = σ(z)(1 − σ(z)) and compare it with threshold × 1/4.", SAT,
            _model(lambda Z, t: float(np.mean(np.abs(Z) > t)))),
    Mistake("saturated_share tests σ(z), not its slope σ'(z) = σ(z)(1 − σ(z)).",
            "σ'(z) = σ(z)(1 − σ(z)); compare that with threshold × 1/4.", SAT,
            _model(lambda Z, t: share(Z, t, slope=False))),
    Mistake("saturated_share counts where the slope is large (above threshold × 1/4): saturated is where it is "
            "small.", "σ'(z) < threshold × 1/4.", SAT, _model(lambda Z, t: share(Z, t, below=False))),
    Mistake("saturated_share uses a fixed edge, |z| > 4.87 (where σ'(z) = 0.03 × 1/4), whatever the threshold.",
            "compute σ'(z) and compare it with threshold × 1/4: the edge moves with the threshold.", SAT,
            _model(lambda Z, t: float(np.mean(np.abs(Z) > 4.87)))),
    Mistake("saturated_share returns one share per unit (per column), not one number for the whole layer.",
            "np.mean over every entry of Z: one number.", SAT,
            _model(lambda Z, t: np.mean(sigmoid(Z) * (1 - sigmoid(Z)) < t / 4, axis=0))),
    Mistake("saturated_share uses tanh's slope 1 − tanh²(z), not the sigmoid's.",
            "σ'(z) = σ(z)(1 − σ(z)), with σ(z) = 1 / (1 + e^(−z)).", SAT,
            _model(lambda Z, t: float(np.mean(1 - np.tanh(Z) ** 2 < t / 4)))),
    float32_mistake(SAT),
]


def _structure() -> Probe:
    steps = Steps()
    steps.send(steps.describe("module.saturated_share"))
    how = "write def saturated_share(Z, threshold):"

    def judge(found: Any) -> Any:
        return (structure.need(found, "saturated_share", "function", how)
                or structure.need_call(found, "saturated_share(Z, threshold)", 2, (), how))

    return Probe("saturated_share(Z, threshold)", steps, judge=judge, structure=True, hint=how)


def share_probe(Z: np.ndarray, threshold: float, note: str, tag: dict[str, str]) -> Probe:
    steps = Steps()
    steps.send(steps.call("module.saturated_share", ("Z", Z), ("threshold", threshold)))
    precision = "float32" if np.asarray(Z).dtype == np.float32 else "float64"
    return Probe("saturated_share(Z, threshold)", steps, Rule("number", "saturated_share(Z, threshold)",
                                                              precision=precision),
                 share(Z, threshold), inputs={"Z": Z, "threshold": threshold}, note=note, tags=tag,
                 params={"Z": Z, "threshold": threshold},
                 hint="σ'(z) = σ(z)(1 − σ(z)), at most 1/4 (at z = 0): the share of the entries of Z where it is "
                      "below threshold × 1/4, one number from 0 to 1.")


def probes(rng: np.random.Generator) -> list[Probe]:
    """The stub's example, both sides of the edge, a layer started too large, a healthy one, other
    thresholds, one example, one unit, integers, float32, extreme z, random layers."""
    big = np.round(rng.normal(0.0, 6.0, (40, 12)), 3)
    calm = np.round(rng.normal(0.0, 1.0, (30, 8)), 3)
    return [
        _structure(),
        share_probe(np.array([[0.0, 5.0], [-6.0, 1.0]]), 0.03, "the stub's example: z = 5 and −6 are saturated", {}),
        share_probe(np.array([[4.0, -4.0, 4.9, -4.9, 30.0]]), 0.03,
                    "around the edge, |z| ≈ 4.87, on both sides", tags("batch1", edge="both sides of the edge")),
        share_probe(big, 0.03, "a layer started too large: z spread over ±12", tags("random")),
        share_probe(calm, 0.03, "a healthy start: almost nothing saturated", tags("random")),
        share_probe(np.array([[1.0, 2.0, 3.0], [-1.0, -2.0, -3.0]]), 0.5,
                    "threshold 0.5: half the peak, where |z| > 1.76", {"threshold": "another threshold"}),
        share_probe(np.array([[0.5, -2.5, 3.5, -7.0]]), 0.2, "threshold 0.2, one example",
                    tags("batch1", threshold="another threshold")),
        share_probe(np.array([[6.0], [0.0], [-8.0], [2.0]]), 0.03, "one unit, four examples",
                    tags("one_output")),
        share_probe(np.array([[0, 5], [-6, 1]]), 0.03, "integer z", tags("int")),
        share_probe(np.array([[-800.0, 800.0, 0.0]]), 0.03, "z of ±800: σ must not overflow", tags("extreme")),
        share_probe(big.astype(np.float32), 0.03, "float32 z", tags("float32")),
    ]
