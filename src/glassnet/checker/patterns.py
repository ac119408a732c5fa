"""How wrong answers relate to the right ones, said only where the evidence carries it.

``pattern`` looks at every failed check of the same function as the first failure (the same
callee, a wrong value of the right shape) and says what holds on *all* of them: the transpose or
another shape of the right numbers (from the first check alone: a shape is no coincidence), all
zeros, the sign flipped, exactly k× or shifted by d (the same k or d on several checks whose
right values differ, never on one number), values that stop at a bound (a clip), values rounded
to a number of decimals, float32's rounding (only where float32 is involved: the inputs, the
answers or a float32 in the learner's file), or wrong exactly at the entries with a property.
None when nothing holds everywhere: an odd ratio on a single number tells nothing.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from glassnet.checker.compare import close
from glassnet.checker.mistakes import Outcome
from glassnet.checker.probes import Probe


def callee(probe: Probe) -> str:
    """The function the probe's last call runs ("ReLU.fn", "mse", "run"), to group checks by."""
    sent = probe.steps.sent
    return sent[-1][0][0] if sent and sent[-1] else probe.call


def _fraction(r: float) -> str:
    fraction = Fraction(r).limit_denominator(12)
    if abs(float(fraction) - r) <= 1e-9 * max(1.0, abs(r)) and fraction.denominator > 1:
        return f"{fraction.numerator}/{fraction.denominator}"
    return f"{r:.6g}"


def _floats(value: Any) -> np.ndarray | None:
    try:
        found = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return found


def shape_pattern(got: Any, expected: Any) -> str | None:
    """The right numbers in another shape (transposed, reshaped), or a broadcast square."""
    g, e = _floats(got), _floats(expected)
    if g is None or e is None or g.shape == e.shape:
        return None
    with np.errstate(all="ignore"):
        if g.ndim == 2 and g.shape == e.shape[::-1] and np.all(close(g.T, e)):
            return "your answer is the transpose of the right one (rows and columns swapped)."
        if g.size == e.size and g.size > 1 and np.all(close(g.reshape(e.shape), e)):
            return f"the right numbers, in shape {g.shape} instead of {e.shape}."
    if e.ndim == 2 and e.shape[1] == 1 and g.shape == (e.shape[0], e.shape[0]) and e.shape[0] > 1:
        return (f"shape {g.shape} where {e.shape} was expected: numpy broadcast an array of shape "
                f"({e.shape[0]},) against one of shape {e.shape}, which makes a square.")
    return None


def _group(probes: list[Probe], outcomes: list[Outcome], first: int, wrong: bool = True,
           ) -> list[tuple[np.ndarray, np.ndarray, Any]]:
    """(got, right, entries) of every failed check (``wrong``; else every right one) of the first
    failure's function whose answer has the right shape (a path: their common start)."""
    name = callee(probes[first])
    found = []
    for probe, outcome in zip(probes, outcomes, strict=True):
        if probe.structure or callee(probe) != name or (
                (outcome.status != "wrong" or outcome.problem.kind != "value") if wrong else outcome.status != "right"):
            continue
        g, e = _floats(outcome.got), _floats(probe.expected)
        if g is None or e is None:
            continue
        if g.ndim == e.ndim == 1 and probe.rule is not None and probe.rule.kind == "numbers":
            g, e = g[:len(e)], e[:len(g)]
        if g.shape != e.shape or not g.size:
            continue
        found.append((g, e, probe.params.get("entries")))
    return found


def _distinct(pairs: list[tuple[np.ndarray, np.ndarray, Any]]) -> int:
    """How many different nonzero right values the checks hold, all together."""
    values = np.concatenate([e[np.isfinite(e) & (np.abs(e) > 1e-12)].ravel() for _, e, _ in pairs])
    return len(np.unique(np.round(values, 12)))


def _same_factor(pairs: list[tuple[np.ndarray, np.ndarray, Any]]) -> float | None:
    """k when every wrong answer is k × the right one (k ≠ 1), on several checks, else None."""
    ratios = []
    for g, e, _ in pairs:
        mask = np.abs(e) > 1e-12
        if not mask.any() or not np.all(np.isfinite(g[mask])) or not np.all(close(g[~mask], 0.0)):
            return None
        ratios.append(g[mask] / e[mask])
    every = np.concatenate(ratios)
    k = float(np.median(every))
    if abs(k - 1) <= 1e-6 or not np.all(np.abs(every - k) <= 1e-7 * abs(k)):
        return None
    return k


def _same_shift(pairs: list[tuple[np.ndarray, np.ndarray, Any]]) -> float | None:
    diffs = np.concatenate([(g - e).ravel() for g, e, _ in pairs])
    if not np.all(np.isfinite(diffs)):
        return None
    d = float(np.median(diffs))
    return d if abs(d) > 1e-9 and np.all(np.abs(diffs - d) <= 1e-9 * max(1.0, abs(d))) else None


def _bound(pairs: list[tuple[np.ndarray, np.ndarray, Any]]) -> str | None:
    """Wrong values that all sit at one bound c, where the right value lies beyond it: a clip."""
    wrong = [(g[~close(g, e)], e[~close(g, e)]) for g, e, _ in pairs]
    got = np.concatenate([w[0] for w in wrong])
    right = np.concatenate([w[1] for w in wrong])
    if got.size < 2 or not np.all(np.isfinite(got)) or np.ptp(got) > 1e-9 * max(1.0, abs(got[0])):
        return None
    c = float(got[0])
    if len(np.unique(right)) < 2:
        return None
    every_right = np.concatenate([e[close(g, e)] for g, e, _ in pairs])
    if np.all(right > c) and not np.any(every_right > c + 1e-9):
        return (f"your values stop at {c:.6g}: wherever the right value is above {c:.6g} you return {c:.6g} (as a "
                f"clip at {c:.6g} would, np.clip or np.minimum), and below it they are right.")
    if np.all(right < c) and not np.any(every_right < c - 1e-9):
        return (f"your values stop at {c:.6g}: wherever the right value is below {c:.6g} you return {c:.6g} (as a "
                f"clip at {c:.6g} would, np.clip or np.maximum), and above it they are right.")
    return None


def _rounded(pairs: list[tuple[np.ndarray, np.ndarray, Any]]) -> int | None:
    """d (2 to 8) when every answer is rounded to d decimals, within 10^(1 − d) of the right values,
    which are not so rounded."""
    got = np.concatenate([g.ravel() for g, _, _ in pairs])
    right = np.concatenate([e.ravel() for _, e, _ in pairs])
    if not np.all(np.isfinite(got)) or np.max(np.abs(got), initial=0) > 1e6:
        return None
    for d in range(9):
        if np.all(np.abs(got - np.round(got, d)) <= 1e-12 * np.maximum(1.0, np.abs(got))):
            fits = d >= 2 and np.max(np.abs(got - right)) <= 10.0 ** (1 - d)
            return d if fits and not np.all(np.abs(right - np.round(right, d)) <= 1e-12) else None
    return None


def values_pattern(pairs: list[tuple[np.ndarray, np.ndarray, Any]], float32: bool,
                   right: list[tuple[np.ndarray, np.ndarray, Any]] | None = None) -> str | None:
    """What holds on every one of ``pairs`` (got, right value, entries), each wrong somewhere (and, for
    the entries where it is wrong, on the checks of the same function that are ``right``)."""
    g, e, _ = pairs[0]
    with np.errstate(all="ignore"):
        if np.any(~np.isfinite(g) & np.isfinite(e)):
            first = tuple(int(i) for i in np.argwhere(~np.isfinite(g) & np.isfinite(e))[0])
            return f"{g[first]} where the right value, {e[first]:.6g}, is finite."
        several = len(pairs) > 1 and _distinct(pairs) > 1
        entries = sum(e.size for _, e, _ in pairs)
        if entries > 1 and all(not np.any(g) and np.any(e) for g, e, _ in pairs):
            return "all zeros, where the right values are not."
        if several and all(np.all(close(g, -e)) for g, e, _ in pairs):
            return "exactly the right values with the sign flipped, on every check where yours are wrong."
        if several and (k := _same_factor(pairs)) is not None:
            return (f"exactly {_fraction(k)}× the right values, on each of the {len(pairs)} checks where yours are "
                    "wrong.")
        if several and (d := _same_shift(pairs)) is not None:
            return f"the right values shifted by {d:.6g}, on each of the {len(pairs)} checks where yours are wrong."
        if entries > 2 and (text := _bound(pairs)):
            return text
        if (d := _rounded(pairs)) is not None:
            return (f"every value you return is rounded to {d} decimal{'s' if d != 1 else ''} (round(x, {d}) or "
                    f"np.round), where the right values are not: the rounding itself is the difference.")
        if float32:
            worst = max(float(np.max(np.abs(g - e) / np.maximum(np.abs(e), 1e-300))) for g, e, _ in pairs)
            if 1e-9 < worst < 1e-5:
                return (f"close to the right values but off by up to {worst:.0e} (relative): the size of float32 "
                        "rounding, and your code works with float32.")
        for phrase in [p for p in (pairs[0][2] or {}) if all(p in (x or {}) for _, _, x in pairs)]:
            fits = []
            for g, e, entries_ in [*pairs, *(right or [])]:
                if phrase in (entries_ or {}):
                    mask = np.broadcast_to(entries_[phrase], e.shape)
                    fits.append(bool(np.all(close(g, e) != mask)))
            if all(fits):
                return f"wrong exactly at the entries where {phrase}; right everywhere else."
    return None


def pattern(probes: list[Probe], outcomes: list[Outcome], first: int, float32: bool = False) -> str | None:
    """How the wrong answers of the first failure's function relate to the right ones; else None."""
    probe, result = probes[first], outcomes[first]
    if result.status != "wrong":
        return None
    found = shape_pattern(result.got, probe.expected)
    if found or result.problem.kind != "value":
        return found
    if (text := _integers(result.got, probe.expected)) is not None:
        return text
    pairs = _group(probes, outcomes, first)
    if not pairs:
        return None
    return values_pattern(pairs, float32, _group(probes, outcomes, first, wrong=False)) or _per_dimension(
        probes, outcomes, first)


def _integers(got: Any, expected: Any) -> str | None:
    """An answer of an integer dtype whose values are the right ones with their decimals cut."""
    if not isinstance(got, np.ndarray) or got.dtype.kind not in "iu":
        return None
    e = _floats(expected)
    if e is None or e.shape != got.shape or np.all(e == np.round(e)):
        return None
    for how, cut in (("toward 0", np.trunc), ("down", np.floor), ("to the nearest integer", np.round)):
        with np.errstate(all="ignore"):
            if np.all(got == cut(e)):
                return (f"your answer is an array of integers ({got.dtype}): the right values with their decimals cut "
                        f"({how}). An integer array keeps only whole numbers: one made with .astype(int), dtype=int, "
                        "or from an integer input (np.zeros_like, np.empty_like).")
    return None


def _dimensions(probe: Probe) -> dict[str, int]:
    """The sizes of the probe's first 2-d input: {"n, the rows of a": n, "k, the columns of a": k}."""
    for name in ("a", "X", "x", "z"):
        value = probe.params.get(name)
        if isinstance(value, np.ndarray) and value.ndim == 2:
            return {f"n, the number of rows of {name}": value.shape[0], f"k, the number of columns of {name}":
                    value.shape[1]}
    return {}


def _per_dimension(probes: list[Probe], outcomes: list[Outcome], first: int) -> str | None:
    """On every failed check of the function, the wrong value is the right one times or divided by one
    size of the input (checks of several sizes, each wrong value a fixed multiple of the right one)."""
    name = callee(probes[first])
    found: dict[str, set[str]] = {}
    sizes: dict[str, set[int]] = {}
    for probe, outcome in zip(probes, outcomes, strict=True):
        if probe.structure or callee(probe) != name or outcome.status != "wrong" or outcome.problem.kind != "value":
            continue
        g, e = _floats(outcome.got), _floats(probe.expected)
        if g is None or e is None or g.shape != e.shape or not np.any(np.abs(e) > 1e-12):
            return None
        mask = np.abs(e) > 1e-12
        ratios = g[mask] / e[mask]
        if not np.all(np.isfinite(ratios)) or np.ptp(ratios) > 1e-7 * abs(ratios[0]):
            return None
        fits = set()
        for label, size in _dimensions(probe).items():
            for how, factor in (("divided by", 1 / size), ("multiplied by", float(size))):
                if size > 1 and np.isclose(ratios[0], factor, rtol=1e-7):
                    fits.add(f"{how} {label}")
                    sizes.setdefault(f"{how} {label}", set()).add(size)
        found[probe.call + str(len(found))] = fits
    if not found:
        return None
    common = set.intersection(*found.values())
    for text in sorted(common):
        if len(sizes[text]) > 1 or len(found) > 1:
            return (f"on each of the {len(found)} checks where yours are wrong, yours is the right value {text} "
                    f"({', '.join(str(s) for s in sorted(sizes[text]))} on those checks).")
    return None
