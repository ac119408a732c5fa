"""Where a learner's backprop first goes wrong, read from a check with one example. Lesson 06.

With n = 1, BP3 makes dC/db of a layer its delta itself, so the learner's deltas can be read from
their dC/db: ``trace`` walks from the output layer back and says at which equation the learner's
delta first differs from the right one, with the numbers that equation combines (A_L − Y and
σ'(Z_L) for BP1; delta_next @ W_nextᵀ and σ'(Z) for BP2), or, when every delta is right, which
layer's dC/dW (BP4) is wrong.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from glassnet.checker.mistakes import Outcome
from glassnet.checker.probes import Probe
from glassnet.checker.values import show


def _sigma(z: np.ndarray) -> np.ndarray:
    from glassnet.activations import Sigmoid

    return Sigmoid.fn(z)


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-7, atol=1e-12 + 1e-9 * np.max(np.abs(b))))


def _rows(values: Any) -> list[np.ndarray] | None:
    try:
        return [np.asarray(v, dtype=float).reshape(-1) for v in values]
    except (TypeError, ValueError):
        return None


def trace(probes: list[Probe], outcomes: list[Outcome]) -> str | None:
    """What the check with one example shows of the learner's deltas, or None when there is none to read."""
    found = next(((p, o) for p, o in zip(probes, outcomes, strict=True) if not p.structure and "X" in p.params
                  and np.shape(p.params["X"])[0] == 1 and o.status == "wrong"), None)
    if found is None:
        return None
    probe, outcome = found
    try:
        got_W, got_b = outcome.got
    except (TypeError, ValueError):
        return None
    p = probe.params
    weights, biases = [np.asarray(W, dtype=float) for W in p["weights"]], [np.asarray(b, dtype=float)
                                                                            for b in p["biases"]]
    X, Y = np.asarray(p["X"], dtype=float), np.asarray(p["Y"], dtype=float)
    mine = _rows(got_b)
    if mine is None or len(mine) != len(weights):
        return None
    A, Zs = [X], []
    for W, b in zip(weights, biases, strict=True):
        Zs.append(A[-1] @ W + b)
        A.append(_sigma(Zs[-1]))
    L = len(weights)
    slope = [(a * (1 - a))[0] for a in A[1:]]
    delta = [np.zeros(0)] * L
    delta[L - 1] = (A[-1] - Y)[0] * slope[L - 1]
    for l in range(L - 2, -1, -1):
        delta[l] = (delta[l + 1] @ weights[l + 1].T) * slope[l]
    where = "on the check with one example (n = 1), where BP3 makes each layer's dC/db its delta"
    for l in range(L - 1, -1, -1):
        if _close(mine[l], delta[l]):
            continue
        if l == L - 1:
            error = (A[-1] - Y)[0]
            extra = ""
            if _close(mine[l], error):
                extra = " Yours equals A_L − Y alone: the factor σ'(Z_L) is missing."
            elif mine[l].shape == error.shape and _close(mine[l], error * delta[l]):
                extra = " Yours is the right delta times A_L − Y once more."
            return (f"{where}: the output layer's delta (BP1) is already wrong: yours {show(mine[l])}, the right one "
                    f"(A_L − Y) ⊙ σ'(Z_L) = {show(error)} ⊙ {show(slope[l])} = {show(delta[l])}.{extra}")
        back = delta[l + 1] @ weights[l + 1].T
        return (f"{where}: the deltas of the layers after layer {l} are right, layer {l}'s (BP2) is not: yours "
                f"{show(mine[l])}, the right one (delta_next @ W_nextᵀ) ⊙ σ'(Z) = {show(back)} ⊙ {show(slope[l])} = "
                f"{show(delta[l])}, with W_next = weights[{l + 1}] and Z layer {l}'s own weighted input.")
    grads = _rows(got_W)
    if grads is None or len(grads) != L:
        return None
    for l in range(L - 1, -1, -1):
        right = (A[l].T @ delta[l][None, :]).reshape(-1)
        if not _close(grads[l], right):
            return (f"{where}: every delta is right, but layer {l}'s dC/dW is not: BP4 is A_prev.T @ delta / n, with "
                    f"A_prev = {show(A[l][0])} the input of layer {l}.")
    return None
