"""Exercise xor: train a 2 → 3 → 1 sigmoid network on XOR with the learner's backprop. Lesson 07.

Seeds 0, 1 and 2 must give networks that classify XOR; two seeds drawn at check time must
give networks that training with the learner's backprop led to; and they must differ. The
worker records the learner's ``backprop`` while ``train_xor`` runs, and a failure is diagnosed
from that evidence (``training_record.diagnose``): wrong data or gradients, the parameters that
moved, the sign and size of the first step, a list that grew, a start too large or all equal.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from glassnet.checker import structure
from glassnet.checker.compare import Problem
from glassnet.checker.mistakes import Outcome
from glassnet.checker.probes import Probe, Steps, tags
from glassnet.checker.training_record import LABELS, X, diagnose, network, outputs, trained_reason
from glassnet.checker.values import num, show

LESSON = "07, training"
ORDER = 10
COST = 10  # the slowest exercise: it starts first in check --all
EXERCISED = ("train_xor",)
SHAPE_HINT = "each W has shape (n_in, n_out) and X has one row per example: Z = A_prev @ W + b."
TIMEOUT_HINT = ("about 3000 epochs with a learning rate of about 5 reach XOR in well under a second: train "
                "with that many, not more; and make each epoch one matrix product per layer for the whole batch, "
                "no Python loop over examples.")
#: No models: xor's causes come from the training the worker records (``explain``).
MISTAKES: list = []


def _probe(seed: int, seen: dict[int, Any], fixed: bool, last: bool) -> Probe:
    steps = Steps()
    steps.record("backprop")
    steps.send(steps.call("module.train_xor", seed=seed)).recorded()

    def judge(got: Any) -> Problem | None:
        layers, problem = network(got[0])
        if problem is not None:
            return problem
        seen[seed] = layers  # by seed: judging an answer twice counts it once
        out = outputs(layers)
        wrong = np.flatnonzero((out > 0.5).astype(int) != LABELS)
        if wrong.size and (fixed or trained_reason(got[1], layers)):
            i = int(wrong[0])
            return Problem("value", f"{wrong.size} of the 4 points are misclassified; the first is x = "
                                    f"{X[i].tolist()}: output {num(out[i])}, so class {int(out[i] > 0.5)}, but XOR "
                                    f"says {LABELS[i]}.")
        if not fixed and (reason := trained_reason(got[1], layers)):
            return Problem("training", f"for a seed drawn now, {reason}.")
        networks = list(seen.values())
        if last and len(networks) > 1 and all(
                len(other) == len(networks[0]) and all(np.array_equal(W, W0) for (W, _), (W0, _) in zip(
                    other, networks[0], strict=True)) for other in networks[1:]):
            return Problem("seed", f"train_xor returned the same network for the seeds "
                                    f"{', '.join(str(s) for s in seen)}: its start does not depend on the seed.",
                           hint="start from rng = np.random.default_rng(seed) and rng.standard_normal(shape) for every "
                                "W and b.")
        return None

    def shown(got: Any) -> str:
        layers, _ = network(got[0])
        if layers:
            return f"outputs {show(outputs(layers))}"
        try:
            return "; ".join(f"{name} of shapes {', '.join(str(np.shape(a)) for a in arrays)}"
                             for name, arrays in zip(("weights", "biases"), got[0], strict=True))
        except (TypeError, ValueError):
            return show(got[0], 300)

    note = ("outputs use the sigmoid in every layer; class 1 where the output is > 0.5" if fixed else
            "a seed drawn now: the network must come from your training (a rare seed may end in a poor minimum; "
            "that is allowed here)")
    return Probe(f"weights, biases = train_xor(seed={seed}); then the network's outputs on X", steps, judge=judge,
                 expected=LABELS, inputs={"X": X}, tags={} if fixed else tags("random"), note=note,
                 show_expected=f"classes {LABELS.tolist()}", show_got=shown, params={"seed": seed},
                 hint="train a sigmoid network with MSE by gradient descent on all four points.")


def _structure() -> Probe:
    steps = Steps()
    steps.send(steps.describe("module.train_xor"))
    how = "write def train_xor(seed=0):"

    def judge(found: Any) -> Any:
        return (structure.need(found, "train_xor", "function", how)
                or structure.need_call(found, "train_xor(seed=...)", 0, ("seed",), how))

    return Probe("train_xor(seed=0)", steps, judge=judge, structure=True, hint=how)


def probes(rng: np.random.Generator) -> list[Probe]:
    """train_xor for the seeds 0, 1 and 2 (each network must classify XOR) and two seeds drawn now
    (each network must come from training with your backprop); and they must differ."""
    fresh = [int(s) for s in rng.choice(np.arange(3, 100_000), size=2, replace=False)]
    seen: dict[int, Any] = {}
    seeds = [(0, True), (1, True), (2, True), *((s, False) for s in fresh)]
    return [_structure(), *(_probe(seed, seen, fixed, i == len(seeds) - 1) for i, (seed, fixed) in enumerate(seeds))]


# ---------------------------------------------------------------------- the diagnosis


def explain(probes: list[Probe], outcomes: list[Outcome], first: int) -> dict[str, str] | None:
    """The cause of a failed training, from what the recording shows, with where it was seen."""
    found = diagnose(probes, outcomes, first)
    if found and "cause" in found and "evidence" not in found:
        result, seed = outcomes[first], probes[first].params["seed"]
        recorded = result.got[1] if result.status == "wrong" and isinstance(result.got, tuple) else result.got
        calls = recorded[0] if isinstance(recorded, list) and recorded else 0
        found["evidence"] = (f"seen in train_xor(seed={seed}): what it returned, and what the checker recorded of its "
                             f"{calls} call(s) of backprop (the weights of the first two, the first gradients)."
                             if calls else f"seen in what train_xor(seed={seed}) returned.")
    return found


