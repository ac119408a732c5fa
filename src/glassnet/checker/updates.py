"""What one update of a training did, read from the recording of the learner's backprop. Lesson 07.

The worker records the weights and biases backprop was called with (first, second and last call)
and the gradients its first call returned, each array exactly as the learner's code held it
(``steps.Recorder``). ``recorded_state`` reads a state back (``chained``: only a network that runs
on XOR's inputs), ``first_step`` compares the first two states with the gradients: which parameter
moved by −η × which gradient, which did not move, which changed shape. Every array here comes from
the learner's code: shapes are compared before any arithmetic.
"""

from __future__ import annotations

from typing import Any

import numpy as np

Layers = list[tuple[np.ndarray, np.ndarray]]


def recorded_state(recorded: Any, index: int, *, chained: bool = True) -> Layers | None:
    """The (W, b) layers backprop was called with (index 1, 2, 3: its first, second, last call), or
    None. ``chained``: only when they make a network from 2 inputs (each W 2-d, each b one entry per
    column of its W, 1-d or a single row); else every array as it was recorded."""
    try:
        weights, biases = recorded[index]
        if len(weights) != len(biases) or not len(weights):
            return None
        layers = [(np.asarray(W, dtype=float), np.asarray(b, dtype=float)) for W, b in zip(weights, biases,
                                                                                           strict=True)]
    except (TypeError, ValueError, IndexError):
        return None
    if not chained:
        return layers
    found, n_in = [], 2
    for W, b in layers:
        if W.ndim != 2 or W.shape[0] != n_in or W.shape[1] == 0 or b.shape not in ((W.shape[1],), (1, W.shape[1])):
            return None
        found.append((W, b.reshape(-1)))
        n_in = W.shape[1]
    return found


def list_sizes(recorded: Any, index: int) -> tuple[int, int] | None:
    """How many arrays the weights and biases lists of a recorded call held."""
    try:
        return len(recorded[index][0]), len(recorded[index][1])
    except (TypeError, IndexError):
        return None


def first_gradients(recorded: Any) -> Layers | None:
    """(dC/dW, dC/db) per layer, as backprop's first call returned them, or None."""
    try:
        grads_W, grads_b = recorded[4]
        if len(grads_W) != len(grads_b):
            return None
        return [(np.asarray(gW, dtype=float), np.asarray(gb, dtype=float)) for gW, gb in zip(grads_W, grads_b,
                                                                                             strict=True)]
    except (TypeError, ValueError, IndexError):
        return None


def _rate(delta: np.ndarray, g: np.ndarray) -> float | None:
    """η when ``delta`` is −η g (g broadcast to delta's shape, when it can be), else None."""
    try:
        g = np.broadcast_to(g, delta.shape)
    except ValueError:
        return None
    if not np.any(g) or not np.all(np.isfinite(g)) or not np.all(np.isfinite(delta)):
        return None
    eta = -float(np.sum(delta * g) / np.sum(g * g))
    return eta if eta and np.allclose(delta, -eta * g, rtol=1e-6, atol=1e-12) else None


def first_rate(recorded: Any) -> float | None:
    """η of the first update, when it moved every parameter by −η × its own gradient, the same η."""
    first, second, grads = recorded_state(recorded, 1), recorded_state(recorded, 2), first_gradients(recorded)
    if first is None or second is None or grads is None or not (len(first) == len(second) == len(grads)):
        return None
    pairs = [(after - before, g) for (W0, b0), (W1, b1), (gW, gb) in zip(first, second, grads, strict=True)
             for before, after, g in ((W0, W1, gW), (b0, b1, gb.reshape(-1)))]
    if any(delta.shape != g.shape for delta, g in pairs):
        return None
    delta, g = (np.concatenate([p[i].ravel() for p in pairs]) for i in (0, 1))
    return _rate(delta, g)


def _moves(first: Layers, second: Layers, grads: Layers) -> list[tuple[str, str, Any]]:
    """For each parameter: (its name, what moved it, η or the shapes): "own", "frozen", "other" (the
    gradient named in the third place moved it), "reshaped" (before, after) or "elsewhere"."""
    names = [(f"W{l + 1}", f"b{l + 1}") for l in range(len(first))]
    gradient = {f"dC/d{kind}{l + 1}": g.reshape(-1) if kind == "b" and g.ndim == 2 and g.shape[0] == 1 else g
                for l, (gW, gb) in enumerate(grads) for kind, g in (("W", gW), ("b", gb))}
    found = []
    for l, ((W0, b0), (W1, b1)) in enumerate(zip(first, second, strict=True)):
        for name, before, after in ((names[l][0], W0, W1), (names[l][1], b0, b1)):
            own = gradient[f"dC/d{name}"]
            if after.shape == before.shape and not np.any(after - before):
                found.append((name, "frozen" if np.any(own) else "still", None))
                continue
            try:
                delta = after - before
            except ValueError:  # shapes numpy cannot pair: the parameter became another array
                found.append((name, "reshaped", (before.shape, after.shape)))
                continue
            if after.shape == before.shape and own.shape == before.shape and (eta := _rate(delta, own)):
                found.append((name, "own", eta))
                continue
            other = next(((key, eta) for key, g in gradient.items() if key != f"dC/d{name}"
                          and (eta := _rate(delta, g)) is not None), None)
            if other is not None:
                found.append((name, "other", other))
            elif after.shape != before.shape:
                found.append((name, "reshaped", (before.shape, after.shape)))
            else:
                found.append((name, "elsewhere", None))
    return found


def first_step(recorded: Any) -> tuple[str, str] | None:
    """What the first update did (a cause and a hint), from the weights before and after it and the
    gradients; None when it was −η × the gradients, or the recording cannot tell."""
    sizes = list_sizes(recorded, 1), list_sizes(recorded, 2)
    if None not in sizes and sizes[0] != sizes[1]:
        return ("between two calls of backprop the weights list went from "
                f"{sizes[0][0]} to {sizes[1][0]} arrays: `weights += [...]` (or .append) adds arrays to the list "
                "instead of updating them.", "update each array: weights[l] = weights[l] - learning_rate * "
                "grads_W[l] (or a new list: [W - lr * g for W, g in zip(weights, grads_W)]).")
    first, second = recorded_state(recorded, 1, chained=False), recorded_state(recorded, 2, chained=False)
    grads = first_gradients(recorded)
    if recorded_state(recorded, 1) is None or first is None or second is None or grads is None \
            or not (len(first) == len(second) == len(grads)):
        return None
    moves = _moves(first, second, grads)
    frozen = [name for name, how, _ in moves if how == "frozen"]
    if frozen:
        return (f"the first update left {', '.join(frozen)} unchanged: those parameters never learn.",
                "update every layer, weights and biases: W[l] ← W[l] − η dC/dW[l] and b[l] ← b[l] − η dC/db[l] "
                "for each l.")
    others = [(name, found) for name, how, found in moves if how == "other"]
    if others:
        shapes = [f"{name} became shape {_part(second, name).shape}" for name, _ in others
                  if _part(second, name).shape != _part(first, name).shape]
        broadcast = f"; numpy broadcast them into the gradients' shapes ({', '.join(shapes)})" if shapes else ""
        return (f"the first update moved {', '.join(n for n, _ in others)} by −η × "
                f"{', '.join(g for _, (g, _) in others)} instead of their own gradients "
                f"({', '.join('dC/d' + n for n, _ in others)}){broadcast}.",
                "each parameter moves by its own gradient: W[l] ← W[l] − η grads_W[l] and b[l] ← b[l] − η grads_b[l] "
                "(the same l, the same kind).")
    reshaped = [(name, shapes) for name, how, shapes in moves if how == "reshaped"]
    if reshaped:
        return ("between the first two calls of backprop "
                + ", ".join(f"{name} changed shape from {before} to {after}" for name, (before, after) in reshaped)
                + ": the update mixes arrays of different shapes, and numpy broadcast them into a new one.",
                "W[l] ← W[l] − η grads_W[l] and b[l] ← b[l] − η grads_b[l]: each gradient has its parameter's shape.")
    rates = [eta for _, how, eta in moves if how == "own"]
    if rates and all(eta < 0 for eta in rates):
        return ("each update adds the gradient (the first step moved the weights by +η dC/dW): that climbs the "
                "loss.", "gradient descent subtracts: W ← W − η dC/dW and b ← b − η dC/db.")
    astray = [name for name, how, _ in moves if how == "elsewhere"]
    if astray:
        return (f"the first update is not −η × your backprop's gradients ({', '.join(astray)} moved, but not along "
                "the gradient).", "W ← W − η dC/dW with the gradients backprop returned for the current weights.")
    return None


def _part(layers: Layers, name: str) -> np.ndarray:
    """The parameter "W2", "b1"... of ``layers``."""
    return layers[int(name[1:]) - 1][0 if name[0] == "W" else 1]
