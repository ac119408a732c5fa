"""A perceptron's training, epoch by epoch: where a learner's training leaves the rule. Lesson 01.

perceptron_train's checks train the same points with max_epochs = 1, 2, 3 and then to the end, so
the learner's weights after each of the first epochs are known. ``departure`` finds the first
epoch whose result differs from the rule's, says what the rule does in that epoch (the points it
updates at, in order) and how the learner's epoch relates to it (no change, only its first updates,
the right epoch but stopped too early or too late), without naming a cause it cannot see.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from glassnet.checker.mistakes import Outcome
from glassnet.checker.probes import Probe
from glassnet.checker.values import num, show


@dataclass
class Epoch:
    """One epoch of the rule: the points it updated at (0-based, in order), each update's (w, b)
    after it, and the (w, b) it ends with."""

    updates: list[int]
    states: list[tuple[np.ndarray, float]]
    w: np.ndarray
    b: float


def rule_epochs(X: np.ndarray, y: np.ndarray, learning_rate: float, max_epochs: int) -> list[Epoch]:
    """The rule's epochs (w, b from zeros, an update after each point it gets wrong), until one has
    no mistake (kept, with no updates) or max_epochs."""
    X = np.asarray(X, dtype=float)
    w, b, found = np.zeros(X.shape[1]), 0.0, []
    for _ in range(max_epochs):
        updates, states = [], []
        for i, (x_i, y_i) in enumerate(zip(X, y, strict=True)):
            f = int(x_i @ w + b > 0)
            if f != y_i:
                w, b = w + learning_rate * (y_i - f) * x_i, b + learning_rate * (y_i - f)
                updates.append(i)
                states.append((w, float(b)))
        found.append(Epoch(updates, states, w, float(b)))
        if not updates:
            break
    return found


def _pair(got: Any) -> tuple[np.ndarray, float] | None:
    try:
        w, b = got
        w, b = np.asarray(w, dtype=float), float(b)
    except (TypeError, ValueError):
        return None
    return (w, b) if w.ndim == 1 else None


def _is(state: tuple[np.ndarray, float] | None, w: np.ndarray, b: float) -> bool:
    return state is not None and state[0].shape == w.shape and bool(np.allclose(state[0], w, rtol=1e-9, atol=1e-12)
                                                                       and np.isclose(state[1], b, rtol=1e-9,
                                                                                      atol=1e-12))


def _points(indices: list[int]) -> str:
    return ", ".join(str(i + 1) for i in indices)


def _runs(probes: list[Probe], outcomes: list[Outcome], key: dict[str, Any]) -> dict[int, Any]:
    """The learner's (w, b) by max_epochs, on the checks that train ``key``'s points with its rate."""
    runs = {}
    for probe, outcome in zip(probes, outcomes, strict=True):
        p = probe.params
        if probe.structure or "X" not in p or outcome.status not in ("right", "wrong"):
            continue
        if (np.shape(p["X"]) == np.shape(key["X"]) and np.array_equal(p["X"], key["X"]) and
                np.array_equal(p["y"], key["y"]) and p["learning_rate"] == key["learning_rate"]):
            runs[p["max_epochs"]] = _pair(outcome.got)
    return runs


def departure(probes: list[Probe], outcomes: list[Outcome], first: int) -> str | None:
    """Where the learner's training first leaves the rule, on the data of the first failed check that
    trains the same points for several max_epochs (else of the first failed check)."""
    failed = [first, *(i for i, o in enumerate(outcomes) if o.status == "wrong" and i != first)]
    keyed = [probes[i].params for i in failed if {"X", "y", "learning_rate", "max_epochs"} <= set(probes[i].params)]
    if not keyed:
        return None
    key = next((k for k in keyed if len(_runs(probes, outcomes, k)) > 1), keyed[0])
    runs = _runs(probes, outcomes, key)
    limit = max(runs)
    rule = rule_epochs(key["X"], key["y"], key["learning_rate"], limit)
    stopped = len(rule)  # epochs the rule runs (the last one clean, unless max_epochs came first)

    def right_after(e: int) -> tuple[np.ndarray, float]:
        epoch = rule[min(e, stopped) - 1]
        return epoch.w, epoch.b

    for e in sorted(runs):
        if _is(runs[e], *right_after(e)):
            continue
        mine = runs[e]
        if mine is None:
            return None
        if e < limit or e == 1:
            start = right_after(e - 1) if e > 1 else (np.zeros(len(key["X"][0])), 0.0)
            before = [k for k in sorted(runs) if k < e]
            known = "" if e == 1 else f" (yours is right after {', '.join(map(str, before))})" if before else ""
            epoch = rule[min(e, stopped) - 1]
            points = f"point{'s' if len(epoch.updates) != 1 else ''} {_points(epoch.updates) or 'none'}"
            text = (f"with max_epochs = {e} your training ends at w = {show(mine[0])}, b = {num(mine[1])}; the "
                    f"rule's epoch {e}{known} starts from w = {show(start[0])}, b = {num(start[1])} and updates at "
                    f"{points} (in order), ending at w = {show(epoch.w)}, b = {num(epoch.b)}.")
            if _is(mine, *start):
                return text + f" Your epoch {e} changed nothing."
            later = next((k for k in range(e + 1, stopped + 1) if _is(mine, *right_after(k))), None)
            if later is not None:
                return text + (f" Yours is where the rule is after epoch {later}: your training ran more epochs than "
                               f"max_epochs = {e}.")
            prefix = next((k + 1 for k, state in enumerate(epoch.states) if _is(mine, *state)), None)
            if prefix is not None and prefix < len(epoch.updates):
                return text + (f" Yours is where the rule is after its first {prefix} update"
                               f"{'s' if prefix != 1 else ''} of that epoch (point {_points(epoch.updates[:prefix])}): "
                               "your epoch stopped updating there.")
            moves = corrections(key["X"], key["learning_rate"], mine[0] - start[0], mine[1] - start[1])
            if moves:
                shown = ", ".join(f"{'+' if sign > 0 else '−'}η x{i + 1}" for i, sign in moves)
                return text + (f" Your epoch moved w by exactly {shown} (and b the same way): updates at point"
                               f"{'s' if len(moves) != 1 else ''} {_points([i for i, _ in moves])}, where the rule's "
                               f"are at {_points(epoch.updates) or 'none'}.")
            return text
        matching = [k for k in range(1, stopped + 1) if _is(mine, *right_after(k))]
        if matching:
            k = matching[0]
            mistakes = len(rule[k - 1].updates)
            if k < stopped:
                return (f"your training stops after epoch {k}, where the rule goes on: epoch {k} still made "
                        f"{mistakes} mistake{'s' if mistakes != 1 else ''} (at point{'s' if mistakes != 1 else ''} "
                        f"{_points(rule[k - 1].updates)}); the rule stops after epoch {stopped}, the first with none.")
        if not any(k < e for k in runs):
            return None
        return (f"your training's first {max(k for k in runs if k < e)} epochs are right (max_epochs = "
                f"{', '.join(str(k) for k in sorted(runs) if k < e)}); trained to the end, yours is "
                f"w = {show(mine[0])}, b = {num(mine[1])}, where the rule stops after epoch {stopped} (the first with "
                f"no mistake) at w = {show(rule[stopped - 1].w)}, b = {num(rule[stopped - 1].b)}.")
    return None


def corrections(X: np.ndarray, learning_rate: float, dw: np.ndarray, db: float) -> list[tuple[int, int]] | None:
    """The one set of points i and signs s (±1) with Σ s η x_i = dw and Σ s η = db, each point used at
    most once (up to 10 points), or None when no set, or more than one, fits."""
    X = np.asarray(X, dtype=float)
    if len(X) > 10 or dw.shape != X.shape[1:]:
        return None
    signs = np.array(np.meshgrid(*[[-1, 0, 1]] * len(X), indexing="ij")).reshape(len(X), -1).T
    moved = learning_rate * signs @ np.column_stack([X, np.ones(len(X))])
    fits = np.flatnonzero(np.all(np.isclose(moved, np.append(dw, db), rtol=1e-9, atol=1e-9), axis=1))
    if len(fits) != 1 or not signs[fits[0]].any():
        return None
    return [(int(i), int(signs[fits[0]][i])) for i in np.flatnonzero(signs[fits[0]])]

