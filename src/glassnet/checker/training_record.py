"""Reading a training run: the network it returned and what the worker recorded of it. Lesson 07.

While ``train_xor`` runs, the worker wraps the learner's ``backprop`` (``steps.Recorder``) and
sends back how often it was called, the weights and biases of its first, second and last calls,
the gradients of the first, the arguments it changed in place and the X and Y it was given.
``diagnose`` turns that evidence into a cause: wrong data, a backprop with wrong gradients or
one that changes its arguments, a list that grew, parameters that never moved, a step with the
wrong sign, one gradient for every step, a start too large or all equal, a training too short,
or the weights it started from returned.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from glassnet.checker.compare import Problem
from glassnet.checker.mistakes import Outcome
from glassnet.checker.probes import Probe
from glassnet.checker.values import show

LESSON = "07, training"
SECTION = "XOR, at last"
X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([[0.0], [1.0], [1.0], [0.0]])
LABELS = np.array([0, 1, 1, 0])
Layers = list[tuple[np.ndarray, np.ndarray]]


def sigma(z: np.ndarray) -> np.ndarray:
    from glassnet.activations import Sigmoid

    return Sigmoid.fn(z)


def network(trained: Any) -> tuple[Layers | None, Problem | None]:
    """The trained (W, b) list, checked to chain 2 inputs → ... → 1 output with exact shapes."""
    if not isinstance(trained, tuple | list) or len(trained) != 2:
        return None, Problem("type", f"train_xor returned {show(trained, 120)}; expected (weights, biases).",
                             hint="return the trained network's lists: `return weights, biases`.")
    weights, biases = trained
    if not isinstance(weights, list | tuple) or not isinstance(biases, list | tuple) or len(weights) != len(biases) \
            or not weights:
        return None, Problem("type", "weights and biases should be two lists of the same length, one array per layer.",
                             hint="return weights, biases as lists: [W1, W2], [b1, b2].")
    if len(weights) < 2:
        return None, Problem("shape", "the network has no hidden layer.",
                             hint="XOR needs a hidden layer: no single line separates it (lesson 01). Use sizes like "
                                  "2 → 3 → 1.")
    layers, n_in = [], 2
    for i, (W, b) in enumerate(zip(weights, biases, strict=True)):
        if not isinstance(W, np.ndarray) or not isinstance(b, np.ndarray):
            return None, Problem("type", f"weights[{i}] and biases[{i}] should be numpy arrays; got "
                                         f"{type(W).__name__} and {type(b).__name__}.")
        if W.ndim != 2 or W.shape[0] != n_in:
            transposed = " (transposed? W is (n_in, n_out))" if W.ndim == 2 and W.shape[1] == n_in else ""
            return None, Problem("shape", f"weights[{i}] has shape {W.shape}; it should have {n_in} rows, one per "
                                          f"input of the layer{transposed}.",
                                 hint="each W has shape (n_in, n_out), so that Z = A_prev @ W + b for a batch.")
        if b.shape != (W.shape[1],):
            return None, Problem("shape", f"biases[{i}] has shape {b.shape}; expected ({W.shape[1]},), one entry per "
                                          "neuron of its layer.", hint="each b has shape (n_out,): a 1-d array.")
        layers.append((W.astype(float), b.astype(float)))
        n_in = W.shape[1]
    if n_in != 1:
        return None, Problem("shape", f"the last layer has {n_in} outputs; XOR needs 1.",
                             hint="end with one output neuron.")
    return layers, None


def outputs(layers: Layers) -> np.ndarray:
    A = X
    for W, b in layers:
        A = sigma(A @ W + b)
    return A[:, 0]


def trained_reason(recorded: Any, layers: Layers) -> str | None:
    """Why the recording does not show a training that ends at ``layers``, or None when it does."""
    if not isinstance(recorded, list) or len(recorded) < 5 or not recorded[0]:
        return ("train_xor never called backprop(...), so nothing shows that the network came from training (call "
                "your backprop by that name in train_xor, as the stub does)")
    first, last = recorded_state(recorded, 1), recorded_state(recorded, 3)
    if first is None or last is None or len(first) != len(layers) or len(last) != len(layers):
        return "the weights backprop was called with do not match the network returned"
    travelled = sum(np.linalg.norm(W1 - W0) + np.linalg.norm(b1 - b0) for (W0, b0), (W1, b1) in zip(first, last,
                                                                                                   strict=True))
    try:
        gap = sum(np.linalg.norm(W - W1) + np.linalg.norm(b - b1) for (W, b), (W1, b1) in zip(layers, last,
                                                                                            strict=True))
    except ValueError:
        return "the weights backprop was called with do not match the network returned"
    if recorded[0] < 2 or gap > 0.1 * travelled + 1e-9:
        return "the network returned is not where the calls of backprop led"
    if xor_loss(last) >= xor_loss(first):
        return "the loss did not fall during training"
    return None


def recorded_state(recorded: Any, index: int) -> Layers | None:
    """The (W, b) layers backprop was called with (first, second, last call), or None."""
    try:
        weights, biases = recorded[index]
        if len(weights) != len(biases):
            return None
        return [(np.asarray(W, dtype=float), np.asarray(b, dtype=float).reshape(-1))
                for W, b in zip(weights, biases, strict=True)]
    except (TypeError, ValueError, IndexError):
        return None


def list_sizes(recorded: Any, index: int) -> tuple[int, int] | None:
    try:
        return len(recorded[index][0]), len(recorded[index][1])
    except (TypeError, IndexError):
        return None


def xor_loss(layers: Layers) -> float:
    return float(np.mean((outputs(layers) - Y[:, 0]) ** 2) / 2)


def weighted_inputs(layers: Layers) -> list[np.ndarray]:
    """Z of every layer on the four points."""
    A, Zs = X, []
    for W, b in layers:
        Zs.append(A @ W + b)
        A = sigma(Zs[-1])
    return Zs


def first_rate(recorded: Any) -> float | None:
    """η of the first update, when it was −η × the gradient for every parameter."""
    first, second = recorded_state(recorded, 1), recorded_state(recorded, 2)
    try:
        grads = [np.asarray(g, dtype=float).ravel() for pair in zip(*recorded[4], strict=True) for g in pair]
        before = np.concatenate([a.ravel() for layer in first for a in layer])
        after = np.concatenate([a.ravel() for layer in second for a in layer])
        g = np.concatenate(grads)
    except (TypeError, ValueError, IndexError):
        return None
    if g.shape != before.shape or not np.any(g):
        return None
    eta = -float(np.sum((after - before) * g) / np.sum(g * g))
    return eta if np.allclose(after - before, -eta * g, rtol=1e-6, atol=1e-12) else None


def first_step(recorded: Any) -> tuple[str, str] | None:
    """What the first update did, from the weights before and after it and the gradients."""
    first, second = recorded_state(recorded, 1), recorded_state(recorded, 2)
    sizes = list_sizes(recorded, 1), list_sizes(recorded, 2)
    if None not in sizes and sizes[0] != sizes[1]:
        return ("between two calls of backprop the weights list went from "
                f"{sizes[0][0]} to {sizes[1][0]} arrays: `weights += [...]` (or .append) adds arrays to the list "
                "instead of updating them.", "update each array: weights[l] = weights[l] - learning_rate * "
                "grads_W[l] (or a new list: [W - lr * g for W, g in zip(weights, grads_W)]).")
    try:
        grads = [(np.asarray(gW, dtype=float), np.asarray(gb, dtype=float).reshape(-1))
                 for gW, gb in zip(*recorded[4], strict=True)]
    except (TypeError, ValueError, IndexError):
        return None
    if first is None or second is None:
        return None
    moves, rates = [], []
    for l, ((W0, b0), (W1, b1), (gW, gb)) in enumerate(zip(first, second, grads, strict=True)):
        for name, before, after, g in (("W", W0, W1, gW), ("b", b0, b1, gb)):
            delta = after - before
            if not np.any(delta):
                if np.any(g):
                    moves.append(f"{name}{l + 1} did not move")
                continue
            if g.shape == delta.shape and np.any(g):
                eta = -float(np.sum(delta * g) / np.sum(g * g))
                if np.allclose(delta, -eta * g, rtol=1e-6, atol=1e-12):
                    rates.append((f"{name}{l + 1}", eta))
                    continue
            moves.append(f"{name}{l + 1} moved, but not along the gradient")
    if any("did not move" in m for m in moves):
        frozen = [m.split()[0] for m in moves if "did not move" in m]
        return (f"the first update left {', '.join(frozen)} unchanged: those parameters never learn.",
                "update every layer, weights and biases: W[l] ← W[l] − η dC/dW[l] and b[l] ← b[l] − η dC/db[l] "
                "for each l.")
    if rates and all(eta < 0 for _, eta in rates):
        return ("each update adds the gradient (the first step moved the weights by +η dC/dW): that climbs the "
                "loss.", "gradient descent subtracts: W ← W − η dC/dW and b ← b − η dC/db.")
    if moves:
        return (f"the first update is not −η × your backprop's gradients ({'; '.join(moves)}).",
                "W ← W − η dC/dW with the gradients backprop returned for the current weights.")
    return None


def diagnose(probes: list[Probe], outcomes: list[Outcome], first: int) -> dict[str, str] | None:
    """The cause of a failed training, from what the recording shows, in order of evidence."""
    result = outcomes[first]
    recorded = result.got[1] if result.status == "wrong" and isinstance(result.got, tuple) else result.got
    if result.status == "wrong" and result.problem.kind in ("type", "shape"):
        return None
    if result.status == "wrong" and result.problem.kind in ("seed", "training"):
        return {"cause": result.problem.text, "hint": f"{result.problem.hint} (lesson {LESSON}: \"{SECTION}\")"}
    misclassified = result.status == "wrong" and "misclassified" in result.problem.text
    if not isinstance(recorded, list) or len(recorded) < 5 or not recorded[0]:
        return without_recording(result)
    from glassnet.checker.cases.backprop import reference

    calls, start = int(recorded[0]), recorded_state(recorded, 1)
    data = recorded[6] if len(recorded) > 6 else None
    given_X, given_Y = X, Y
    if isinstance(data, tuple | list) and len(data) == 2:
        given_X, given_Y = (np.asarray(d, dtype=float) for d in data)
        if given_X.shape != X.shape or not np.array_equal(given_X, X):
            return {"cause": f"train_xor trains on other inputs than XOR's four points: backprop got X = "
                             f"{given_X.tolist()}.", "hint": f"train on X = {X.tolist()} (lesson {LESSON}: "
                                                             f"\"{SECTION}\")"}
        if given_Y.shape != Y.shape and given_Y.size == Y.size and np.array_equal(given_Y.ravel(), Y.ravel()):
            return {"cause": f"train_xor gives backprop Y of shape {given_Y.shape}, where the network's outputs "
                             f"have shape {Y.shape}: A_L − Y then broadcasts into a square.",
                    "hint": f"keep Y 2-d, one row per example: Y = np.array({Y.tolist()}) (lesson {LESSON}: "
                            f"\"{SECTION}\")"}
        if given_Y.shape != Y.shape or not np.array_equal(given_Y, Y):
            return {"cause": f"train_xor trains on other targets than XOR's: backprop got Y = {given_Y.tolist()}, "
                             f"where XOR is {Y.tolist()}.",
                    "hint": f"XOR is 1 where exactly one input is 1: Y = {Y.tolist()}, shape (4, 1) (lesson "
                            f"{LESSON}: \"{SECTION}\")"}
    if start is not None and recorded[4] is not None:
        try:
            right = reference([W for W, _ in start], [b for _, b in start], given_X, given_Y)
            mine = recorded[4]
            from glassnet.gradcheck import relative_error

            error = max(relative_error(np.asarray(g, dtype=float).reshape(r.shape), r)
                        for g, r in zip([*mine[0], *mine[1]], [*right[0], *right[1]], strict=True))
        except (TypeError, ValueError):
            error = np.inf
        if error > 1e-6:
            return {"cause": "the backprop train_xor trains with gives wrong gradients: at the start of training "
                             f"they differ from the right ones by a relative error of {error:.1e}.",
                    "hint": f"first run `glassnet check backprop backprop.py` and fix what it finds; then xor "
                            f"(lesson {LESSON}: \"{SECTION}\")"}
    changed = recorded[5] if len(recorded) > 5 else []
    if changed:
        return {"cause": f"your backprop changes its argument{'s' if len(changed) > 1 else ''} "
                         f"{', '.join(changed)} in place, so every epoch trains on data the last one altered.",
                "hint": f"first run `glassnet check backprop backprop.py`: backprop must leave its arguments as they "
                        f"are (Y - A makes a new array; Y -= A overwrites the caller's) (lesson {LESSON}: "
                        f"\"{SECTION}\")"}
    step = first_step(recorded)
    if step is not None:
        return {"cause": step[0], "hint": f"{step[1]} (lesson {LESSON}: \"{SECTION}\")"}
    if result.status == "error":
        return None  # training stopped at an error: the error and its line are the report
    if calls == 1:
        return {"cause": "backprop is called only once: the gradient of the start is reused for every update, "
                         "though the weights move.",
                "hint": f"call backprop inside the loop, on the current weights, every epoch (lesson {LESSON}: "
                        f"\"{SECTION}\")"}
    if start is not None:
        if start[0][0].shape[1] > 1 and np.allclose(start[0][0], start[0][0][:, :1]) \
                and np.allclose(start[0][1], start[0][1][0]):
            return {"cause": "every hidden neuron starts with the same weights (all zeros?): each gets the same "
                             "gradient and they stay identical forever, so the network acts as if it had one.",
                    "hint": f"start from random weights: rng.standard_normal(shape) for every W and b (lesson "
                            f"{LESSON}: \"{SECTION}\")"}
        spread = float(np.sqrt(np.mean(np.concatenate([W.ravel() for W, _ in start]) ** 2)))
        if spread > 3:
            Zs = np.concatenate([np.abs(z).ravel() for z in weighted_inputs(start)])
            return {"cause": f"the start is too large: the weights start with a spread (root mean square) of "
                             f"{spread:.3g}, where rng.standard_normal gives about 1; {int((Zs > 4).sum())} of the "
                             f"{Zs.size} weighted inputs are then beyond |z| = 4, where the sigmoid is flat "
                             "(σ' < 0.018), so their gradients are almost 0 and training stalls.",
                    "hint": "start from rng.standard_normal(shape), scale 1 (a larger start saturates the sigmoids) "
                            "(lesson 03, feedforward networks: \"How the weights start\")"}
    last = recorded_state(recorded, 3)
    trained = network(result.got[0])[0] if result.status == "wrong" else None
    if trained is not None and start is not None and len(trained) == len(start) and calls > 1 and all(
            np.array_equal(W, W0) and np.array_equal(b, b0) for (W, b), (W0, b0) in zip(trained, start, strict=True)):
        return {"cause": f"train_xor returns the weights it started from: backprop was called {calls} times, but the "
                         "network returned is the start, not the trained one.",
                "hint": f"return the lists you updated in the loop (lesson {LESSON}: \"{SECTION}\")"}
    if last is not None and start is not None:
        before, after = xor_loss(start), xor_loss(last)
        eta = first_rate(recorded)
        rate = f" with η = {eta:.3g}" if eta else ""
        if after < before and misclassified and eta and eta * calls < 2000:
            return {"cause": f"not enough training: each update is −η × the right gradient{rate}, but {calls} updates "
                             f"of that size (η × updates = {eta * calls:.3g}; about 15000 work here) took the loss "
                             f"only from {before:.4g} to {after:.4g}.",
                    "hint": "train longer or with a larger learning rate (about 3000 epochs with η = 5 work) (lesson "
                            f"{LESSON}: \"{SECTION}\")"}
        if after < before and misclassified:
            return {"depends": f"each update is −η × the right gradient{rate}, and {calls} of them took the loss from "
                               f"{before:.4g} to {after:.4g}, where it stays: this start ends in a poor minimum.",
                    "hint": "a wider hidden layer (3 or 4 neurons), or the stub's start and rate, reach XOR from "
                            f"seeds 0, 1 and 2 (lesson {LESSON}: \"{SECTION}\")"}
        large = f"; η = {eta:.3g} is large enough for steps that overshoot" if eta and eta > 20 else ""
        return {"depends": f"the first update is −η × the right gradient{rate}, yet after {calls} updates the loss "
                           f"rose from {before:.4g} to {after:.4g}{large}.",
                "hint": "a learning rate of about 5 works here; if yours is about that, look for what else changes "
                        f"from one epoch to the next (only the weights and biases should) (lesson {LESSON}: "
                        f"\"{SECTION}\")"}
    return None


def without_recording(result: Outcome) -> dict[str, str] | None:
    """What the trained network alone shows, when train_xor did not call backprop from its module."""
    if result.status != "wrong":
        return None
    layers, _ = network(result.got[0])
    if layers is None:
        return None
    W1, b1 = layers[0]
    if W1.shape[1] > 1 and np.allclose(W1, W1[:, :1]) and np.allclose(b1, b1[0]):
        return {"cause": "every hidden neuron ended with the same weights: they started equal (all zeros?), got the "
                         "same gradients and stayed identical, so the network acts as if it had one.",
                "hint": f"start from random weights: rng.standard_normal(shape) for every W and b (lesson {LESSON}: "
                        f"\"{SECTION}\")"}
    Z = weighted_inputs(layers)[0]
    saturated = np.mean(np.abs(Z) > 8)
    return {"depends": f"the trained network's loss is {xor_loss(layers):.4g} (answering 0.5 everywhere gives 0.125); "
                       f"{saturated:.0%} of its hidden units' weighted inputs are beyond |z| = 8 (saturated).",
            "hint": "train with your backprop (called as backprop(...) from this file, so the checker can follow the "
                    f"updates) on all four points, W ← W − η dC/dW (lesson {LESSON}: \"{SECTION}\")"}
