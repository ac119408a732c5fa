"""Naming the cause by evidence: known mistakes as models, and what a failure depends on.

Each exercise keeps a catalogue of ``Mistake``\\ s: a small function computing what the
mistake would output for a probe (``model``), the cause in words, what to do, and the lesson
section that explains it. ``named`` keeps the mistakes whose model reproduces the learner's
outputs on every probe where the learner is wrong, and also gives the right answer wherever
the learner does: only then is a mistake named. When none fits, ``depends`` says which
property of the inputs the failure follows ("every check with a batch of one row, and no
other") and ``pattern`` how a wrong value relates to the right one ("exactly 2× the right
values", "the transpose of the right answer"): evidence, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from glassnet.checker.compare import Problem, close, same
from glassnet.checker.probes import Probe

#: A model's answer for a probe where the mistake changes nothing (the right answer).
SAME = object()
#: A model's answer for a probe it does not model: not counted for or against.
SKIP = object()
#: A model's answer for a probe where the mistake raises an error.
RAISES = object()
#: A model's answer for a probe where the mistake may give anything (an error with math.exp, a
#: value with np.exp): not counted for or against, whatever the learner's code did there.
ANY = object()


class Either:
    """A model's answer that may be any of several (SAME among them): a prime computed from the
    learner's own fn is wrong when fn is, or right when it is computed apart."""

    def __init__(self, *alternatives: Any) -> None:
        self.alternatives = alternatives


@dataclass
class Outcome:
    """What happened on one probe: "right", "wrong" (a ``problem``), "error" (the learner's
    code raised), or "not run" (the worker stopped before it)."""

    status: str
    got: Any = None
    problem: Problem | None = None
    error: dict[str, Any] | None = None
    warnings: list[dict[str, str]] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status in ("wrong", "error")


@dataclass
class Mistake:
    """A known mistake: ``model(probe)`` is what it would output (or SAME, SKIP, RAISES);
    ``cause`` names it, ``hint`` says what to do, ``lesson`` is the section that explains it
    ("01, The perceptron"). ``explains(probes, outcomes)`` replaces the model for mistakes
    with a parameter read from the answers (a threshold, a clipping constant)."""

    cause: str
    hint: str
    lesson: str
    model: Callable[[Probe], Any] | None = None
    explains: Callable[[list[Probe], list[Outcome]], bool] | None = None


def explained(mistake: Mistake, probes: list[Probe], outcomes: list[Outcome]) -> bool:
    """Whether the model reproduces every wrong answer and every right one it models."""
    if mistake.explains is not None:
        return mistake.explains(probes, outcomes)
    wrong_explained = 0
    for probe, outcome in zip(probes, outcomes, strict=True):
        if probe.structure or outcome.status == "not run":
            continue
        try:
            with np.errstate(all="ignore"):
                predicted = mistake.model(probe)
        except (ValueError, TypeError, IndexError, ZeroDivisionError, FloatingPointError, OverflowError):
            predicted = RAISES
        if predicted is ANY:
            continue
        if isinstance(predicted, Either):
            precision = probe.rule.precision if probe.rule is not None else "float64"
            fits = [a for a in predicted.alternatives if (a is SAME and not outcome.failed) or (
                a is not SAME and outcome.status != "error" and same(outcome.got, a, precision))]
            if not fits:
                return False
            wrong_explained += outcome.failed and outcome.problem.kind in ("value", "shape")
            continue
        if predicted is SKIP:
            if outcome.failed:
                return False
            continue
        if outcome.status == "error":
            if predicted is not RAISES:
                return False
            wrong_explained += 1
            continue
        if predicted is RAISES:
            return False
        if predicted is SAME:
            if outcome.status == "wrong" and outcome.problem.kind in ("value", "shape", "none"):
                return False
            continue
        precision = probe.rule.precision if probe.rule is not None else "float64"
        if not same(outcome.got, predicted, precision):
            return False
        if not same(predicted, probe.expected, precision) and outcome.failed:
            wrong_explained += 1
    return wrong_explained > 0


def named(catalogue: list[Mistake], probes: list[Probe], outcomes: list[Outcome]) -> list[Mistake]:
    """The mistakes of ``catalogue`` that explain the learner's outputs (a model that fails on a
    strange answer explains nothing)."""
    found = []
    for mistake in catalogue:
        try:
            if explained(mistake, probes, outcomes):
                found.append(mistake)
        except Exception:
            continue
    return found


def _computes_in_float32(probes: list[Probe], outcomes: list[Outcome]) -> bool:
    """Every wrong answer is within float32's rounding of the right one, and some is beyond float64's."""
    wrong = 0
    for probe, outcome in zip(probes, outcomes, strict=True):
        if probe.structure or outcome.status == "not run" or not outcome.failed:
            continue
        if outcome.status == "error" or outcome.problem.kind not in ("value", "dtype"):
            return False
        try:
            got = np.asarray(outcome.got, dtype=float)
            right = np.asarray(probe.expected, dtype=float)
        except (TypeError, ValueError):
            return False
        if got.shape != right.shape or not np.all(close(got, right, "float32")):
            return False
        wrong += 1
    return wrong > 0


def float32_mistake(lesson: str) -> Mistake:
    """The shared mistake "computes in float32", for exercises with float answers."""
    return Mistake("your code computes in float32 somewhere (np.float32, dtype=np.float32, astype): every wrong "
                   "answer is off by float32's rounding only (about 1e-7, relative).",
                   "keep numpy's float64: leave out the float32 conversion (float64 inputs give float64 results).",
                   lesson, explains=_computes_in_float32)


def telling(mistake: Mistake, probes: list[Probe], outcomes: list[Outcome]) -> int:
    """The index of the first probe where the mistake shows (the learner is wrong there)."""
    return next(i for i, (probe, outcome) in enumerate(zip(probes, outcomes, strict=True))
                if not probe.structure and outcome.failed)


# ---------------------------------------------------------------------- what a failure depends on


def depends(probes: list[Probe], outcomes: list[Outcome]) -> str | None:
    """Which property of the inputs separates the failing probes from the others, in words."""
    return depends_on(probes, outcomes)[0]


def depends_on(probes: list[Probe], outcomes: list[Outcome]) -> tuple[str | None, str | None]:
    """(``depends``'s sentence, the one tag it names, when it names a single one)."""
    ran = [(p, o) for p, o in zip(probes, outcomes, strict=True) if not p.structure and o.status != "not run"]
    wrong = [p for p, o in ran if o.failed]
    right = [p for p, o in ran if not o.failed]
    if not wrong:
        return None, None
    if not right:
        return f"wrong on all {len(wrong)} checks, even the simplest.", None
    keys = {key: phrase for p in wrong for key, phrase in p.tags.items()}
    candidates = [(key,) for key in keys] + [(a, b) for i, a in enumerate(keys) for b in list(keys)[i + 1:]]

    def having(candidate: tuple[str, ...], probes_: list[Probe]) -> int:
        return sum(all(key in p.tags for key in candidate) for p in probes_)

    def phrase(candidate: tuple[str, ...]) -> str:
        return " and ".join(keys[key] for key in candidate)

    for candidate in candidates:
        if having(candidate, wrong) == len(wrong) and not having(candidate, right):
            return (f"right on every check except the {len(wrong)} with {phrase(candidate)}, and on those wrong: the "
                    "failure depends on that." if len(wrong) > 1 else
                    f"right on every check except the one with {phrase(candidate)}: the failure depends on that.",
                    candidate[0] if len(candidate) == 1 else None)
    covering = [c for c in candidates if having(c, wrong) == len(wrong)]
    if covering:
        best = min(covering, key=lambda c: having(c, right))
        total = having(best, [p for p, _ in ran])
        return (f"wrong only on checks with {phrase(best)} ({len(wrong)} of the {total} such checks).",
                best[0] if len(best) == 1 else None)
    others = {key: phrase for p in right for key, phrase in p.tags.items()}
    for key, text in others.items():
        if all(key in p.tags for p in right) and not any(key in p.tags for p in wrong):
            return f"right only on the checks with {text}; wrong on all the others ({len(wrong)}).", None
    return (f"wrong on {len(wrong)} of {len(ran)} checks, with no property of the inputs in common that the checker "
            "knows.", None)


def _fraction(r: float) -> str:
    fraction = Fraction(r).limit_denominator(12)
    if abs(float(fraction) - r) <= 1e-9 * max(1.0, abs(r)) and fraction.denominator > 1:
        return f"{fraction.numerator}/{fraction.denominator}"
    return f"{r:.6g}"


def pattern(got: Any, expected: Any, entries: dict[str, np.ndarray] | None = None) -> str | None:
    """How a wrong answer relates to the right one, when it does simply; else None."""
    try:
        g, e = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return None
    if g.shape != e.shape:
        if g.ndim == 2 and g.shape == e.shape[::-1] and np.all(close(g.T, e)):
            return "your answer is the transpose of the right one (rows and columns swapped)."
        if g.size == e.size and np.all(close(g.reshape(e.shape), e)):
            return f"the right numbers, in shape {g.shape} instead of {e.shape}."
        if e.ndim == 2 and e.shape[1] == 1 and g.shape == (e.shape[0], e.shape[0]):
            return (f"shape {g.shape} where {e.shape} was expected: numpy broadcast an array of shape "
                    f"({e.shape[0]},) against one of shape {e.shape}, which makes a square.")
        return None
    with np.errstate(all="ignore"):
        ok = close(g, e)
        if ok.all():
            return None
        if np.any(~np.isfinite(g) & np.isfinite(e)):
            first = tuple(int(i) for i in np.argwhere(~np.isfinite(g) & np.isfinite(e))[0])
            return f"{g[first]} where the right value, {e[first]:.6g}, is finite."
        mask = np.abs(e) > 1e-12
        if not np.any(g) and np.any(e):
            return "all zeros, where the right values are not."
        if mask.any() and np.all(close(g, -e)):
            return "exactly the right values with the sign flipped."
        if mask.any():
            ratios = g[mask] / e[mask]
            r = float(np.median(ratios))
            if abs(r - 1) > 1e-6 and np.all(np.abs(ratios - r) <= 1e-7 * abs(r)) and np.all(close(g, r * e)):
                return f"exactly {_fraction(r)}× the right values, everywhere."
        diff = g - e
        d = float(np.median(diff))
        if abs(d) > 1e-9 and np.all(np.abs(diff - d) <= 1e-9 * max(1.0, abs(d))):
            return f"the right values shifted by {d:.6g}, everywhere."
        relative = np.abs(diff) / np.maximum(np.abs(e), 1e-300)
        worst = float(np.max(relative))
        if 1e-9 < worst < 1e-5:
            return (f"close to the right values but off by up to {worst:.0e} (relative): the size of float32 "
                    "rounding, far above float64's.")
    for phrase, mask in (entries or {}).items():
        mask = np.broadcast_to(mask, e.shape)
        if mask.any() and (~mask).any() and np.all(~ok == mask):
            return f"wrong exactly at the entries where {phrase}; right everywhere else."
    return None
