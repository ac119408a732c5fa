"""Naming the cause by evidence: known mistakes as models, and what a failure depends on.

Each exercise keeps a catalogue of ``Mistake``\\ s: a small function computing what the
mistake would output for a probe (``model``), the cause in words, what to do, and the lesson
section that explains it. ``named`` keeps the mistakes whose model reproduces the learner's
outputs on every probe where the learner is wrong, and also gives the right answer wherever
the learner does: only then is a mistake named. When none fits, ``depends`` says which
property of the inputs the failure follows ("every check with a batch of one row, and no
other"; ``patterns`` says how the wrong values relate to the right ones): evidence, never a
guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
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
    mutation: str | None = None  # "`f` changed its argument `x` in place.", whether or not the answer is right

    @property
    def failed(self) -> bool:
        return self.status in ("wrong", "error")


@dataclass
class Mistake:
    """A known mistake: ``model(probe)`` is what it would output (or SAME, SKIP, RAISES);
    ``cause`` names it, ``hint`` says what to do, ``lesson`` is the section that explains it
    ("01, The perceptron"). ``explains(probes, outcomes)`` replaces the model for mistakes
    with a parameter read from the answers (a threshold, a clipping constant). ``needs``:
    "float32" for a mistake named only where float32 is involved (``float32_involved``);
    ``detail(probes, outcomes)``, the parameter ``explains`` read, said after the cause."""

    cause: str
    hint: str
    lesson: str
    model: Callable[[Probe], Any] | None = None
    explains: Callable[[list[Probe], list[Outcome]], bool] | None = None
    needs: str = ""  # evidence the mistake needs besides the answers: "float32" (the file or answers use it)
    detail: Callable[[list[Probe], list[Outcome]], str] | None = None  # the parameter read, said after the cause


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
        precision = "float32" if mistake.needs == "float32" else probe.rule.precision if probe.rule else "float64"
        if not same(outcome.got, predicted, precision):
            return False
        if not same(predicted, probe.expected, precision) and outcome.failed:
            wrong_explained += 1
    return wrong_explained > 0


def named(catalogue: list[Mistake], probes: list[Probe], outcomes: list[Outcome],
          evidence: frozenset[str] = frozenset()) -> list[Mistake]:
    """The mistakes of ``catalogue`` that explain the learner's outputs (a model that fails on a
    strange answer explains nothing), among those whose ``needs`` is in ``evidence``."""
    found = []
    for mistake in catalogue:
        if mistake.needs and mistake.needs not in evidence:
            continue
        try:
            if explained(mistake, probes, outcomes):
                found.append(mistake)
        except Exception:
            continue
    return found


def fixed_size(size: Callable[[Probe], int | None], value: int, lesson: str, what: str = "inputs") -> Mistake:
    """The shared mistake "a size written into the code": every check whose ``size(probe)`` is ``value``
    (the lesson's examples' size) is right (at least one), every check of another size is wrong (at
    least two), and checks without a size (None) are right."""

    def explains(probes: list[Probe], outcomes: list[Outcome]) -> bool:
        others = fitting = 0
        for probe, outcome in zip(probes, outcomes, strict=True):
            if probe.structure or outcome.status == "not run":
                continue
            n = size(probe)
            if (n is None or n == value) == outcome.failed:
                return False
            others += n is not None and n != value
            fitting += n == value
        return others >= 2 and fitting >= 1

    return Mistake(f"your code works only with {value} {what}, the size of the lesson's examples: every check with "
                   f"{value} {what} is right, every check with another number of them is wrong.",
                   f"look for a {value} written into the code where the number of {what} belongs (np.zeros({value}), "
                   f"reshape(-1, {value}), x[0] and x[1] alone): take it from the data instead (X.shape[1], len(w)).",
                   lesson, explains=explains)


#: A float32 (or float16) named in a learner's file: np.float32, dtype="float32", "f4", np.single.
FLOAT32_TEXT = re.compile(r"float32|float16|\bsingle\b|\bhalf\b|['\"]f[24]['\"]")


def _low_precision(value: Any, depth: int = 0) -> bool:
    dtype = getattr(value, "dtype", None)
    if dtype is not None and getattr(dtype, "kind", "") == "f" and dtype.itemsize < 8:
        return True
    return depth < 4 and isinstance(value, list | tuple) and any(_low_precision(v, depth + 1) for v in value[:50])


def float32_involved(outcomes: list[Outcome], source: str) -> bool:
    """Whether float32 is part of the evidence: the learner's file names it, or an answer is float32."""
    return bool(FLOAT32_TEXT.search(source)) or any(o.status == "wrong" and _low_precision(o.got) for o in outcomes)


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
                   lesson, explains=_computes_in_float32, needs="float32")


# ---------------------------------------------------------------------- what a failure depends on


def _listed(phrases: list[str]) -> str:
    return ", ".join(phrases[:-1]) + (" and " if len(phrases) > 1 else "") + phrases[-1]


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

    exact = [c for c in candidates if having(c, wrong) == len(wrong) and not having(c, right)]
    if exact:
        best, also = exact[0], [c for c in exact[1:] if len(c) == 1 and c[0] not in exact[0]]
        same = f" (the same checks are the only ones with {_listed([phrase(c) for c in also])})" if also else ""
        return (f"right on every check except the {len(wrong)} with {phrase(best)}{same}, and on those wrong: the "
                "failure depends on that." if len(wrong) > 1 else
                f"right on every check except the one with {phrase(best)}{same}: the failure depends on that.",
                best[0] if len(best) == 1 and not also else None)
    covering = [c for c in candidates if having(c, wrong) == len(wrong)]
    if covering:
        best = min(covering, key=lambda c: having(c, right))
        total = having(best, [p for p, _ in ran])
        return (f"wrong only on checks with {phrase(best)} ({len(wrong)} of the {total} such checks).",
                best[0] if len(best) == 1 else None)
    others = {key: phrase for p in right for key, phrase in p.tags.items()}
    only = [text for key, text in others.items()
            if all(key in p.tags for p in right) and not any(key in p.tags for p in wrong)]
    if only:
        same = f" (the same checks are the only ones with {_listed(only[1:])})" if len(only) > 1 else ""
        return f"right only on the checks with {only[0]}{same}; wrong on all the others ({len(wrong)}).", None
    return (f"wrong on {len(wrong)} of {len(ran)} checks, with no property of the inputs in common that the checker "
            "knows.", None)
