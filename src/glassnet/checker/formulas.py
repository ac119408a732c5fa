"""What formula a learner's function computes, found by trying the small ones. Lessons 02 and 04.

When no known mistake reproduces an elementwise function's answers (an activation's fn or prime,
a loss's derivative), ``search`` builds formulas from the inputs (z, or a and y), the right
function of them (σ(z), tanh(z)...) and the constants 1 and 2, smallest first (+, −, ×, /, a
square, ln), and returns the smallest that gives the learner's answers on every check: "your
Tanh.prime(z) computes 1 − 2·tanh(z)". Formulas that give the same values on the checks count as
one (the first, smallest, is kept), so the search stays small; a formula is said only when it fits
every answer, right and wrong, and is not the right formula itself.
"""

from __future__ import annotations

from itertools import product
from typing import Any

import numpy as np

#: How many formulas of each size are kept at most (the smallest first), and tried in all.
KEEP = 3000
BUDGET = 60_000


def _key(values: np.ndarray) -> bytes | None:
    if not np.all(np.isfinite(values)):
        return None
    return np.round(values, 9).tobytes()


def _wrap(text: str, kind: str, allowed: tuple[str, ...]) -> str:
    """``text`` in parentheses unless its top operation (``kind``) binds as tightly as ``allowed``."""
    return text if kind in allowed else f"({text})"


def fitted(probes: list, outcomes: list, keep: Any, inputs: Any) -> tuple[dict[str, np.ndarray], np.ndarray,
                                                                        np.ndarray] | None:
    """(atoms, the learner's answers, the right ones) over the float64 checks ``keep(probe)`` selects,
    each an array answer of the right shape: ``inputs(probe)`` gives that check's atoms (name to values)."""
    atoms: dict[str, list[np.ndarray]] = {}
    got, right = [], []
    for probe, outcome in zip(probes, outcomes, strict=True):
        if probe.structure or not keep(probe) or outcome.status not in ("right", "wrong") or (
                probe.rule is not None and probe.rule.precision != "float64"):
            continue
        if not isinstance(outcome.got, np.ndarray) or outcome.got.shape != np.shape(probe.expected):
            return None
        for name, values in inputs(probe).items():
            shaped = np.broadcast_to(np.asarray(values, dtype=float), outcome.got.shape)
            atoms.setdefault(name, []).append(shaped.ravel())
        got.append(outcome.got.astype(float).ravel())
        right.append(np.asarray(probe.expected, dtype=float).ravel())
    if not got:
        return None
    return {name: np.concatenate(parts) for name, parts in atoms.items()}, np.concatenate(got), np.concatenate(right)


def search(atoms: dict[str, np.ndarray], target: np.ndarray, right: np.ndarray, max_size: int = 6,
           reduce: Any = None) -> str | None:
    """The smallest formula of ``atoms`` (names to values, each of one shape) whose values are ``target``
    (within 1e-7, relative; after ``reduce``, when given: a sum per check), or None; never one whose
    values are ``right``'s."""
    target, right = np.asarray(target, dtype=float), np.asarray(right, dtype=float)
    reduce = reduce or (lambda values: values)
    if not np.all(np.isfinite(target)) or np.allclose(target, right, rtol=1e-9, atol=1e-12):
        return None
    by_size: dict[int, list[tuple[str, str, np.ndarray]]] = {1: []}  # (text, kind of its top operation, values)
    seen: set[bytes] = set()
    tried = [0]

    def add(size: int, text: str, kind: str, values: np.ndarray) -> str | None:
        tried[0] += 1
        key = _key(values)
        if key is None or key in seen or len(by_size.setdefault(size, [])) >= KEEP:
            return None
        seen.add(key)
        by_size[size].append((text, kind, values))
        reduced = reduce(values)
        if np.allclose(reduced, target, rtol=1e-7, atol=1e-12) and not np.allclose(reduced, right, rtol=1e-9,
                                                                                     atol=1e-12):
            return text
        return None

    shape = np.shape(next(iter(atoms.values())))
    constants = {"1": np.ones(shape), "2": np.full(shape, 2.0)}
    for text, values in [*constants.items(), *atoms.items()]:  # constants first: 2·t before t + t
        if (found := add(1, text, "atom", np.asarray(values, dtype=float))) is not None:
            return found
    with np.errstate(all="ignore"):
        for size in range(2, max_size + 1):
            for text, kind, values in by_size.get(size - 1, []):  # one operand: square, ln
                for made, out in ((f"{_wrap(text, kind, ('atom',))}²", values**2),
                                  (f"ln {_wrap(text, kind, ('atom',))}", np.log(values))):
                    if (found := add(size, made, "unary", out)) is not None:
                        return found
            for left_size in range(1, size - 1):
                for (lt, lk, lv), (rt, rk, rv) in product(by_size.get(left_size, []),
                                                          by_size.get(size - 1 - left_size, [])):
                    if tried[0] > BUDGET:
                        return None
                    tight = ("atom", "unary", "mul")
                    for made, kind, out in (
                            (f"{_wrap(lt, lk, tight)}·{_wrap(rt, rk, tight)}", "mul", lv * rv),
                            (f"{_wrap(lt, lk, tight)} / {_wrap(rt, rk, ('atom', 'unary'))}", "mul", lv / rv),
                            (f"{lt} + {rt}", "add", lv + rv),
                            (f"{lt} − {_wrap(rt, rk, tight)}", "add", lv - rv)):
                        if (found := add(size, made, kind, out)) is not None:
                            return found
    return None
