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
from glassnet.checker.updates import first_rate, first_step, recorded_state
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
    if all(isinstance(W, np.ndarray) and W.ndim == 1 for W in weights) and all(
            isinstance(b, np.ndarray) and b.ndim == 2 for b in biases):
        return None, Problem("type", "train_xor returned (biases, weights), the pair the other way round: its first "
                                     f"list holds 1-d arrays (shapes {', '.join(str(W.shape) for W in weights)}), "
                                     f"its second the matrices (shapes {', '.join(str(b.shape) for b in biases)}).",
                             hint="return weights, biases: the list of matrices first.")
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
    travelled, gap = distance(first, last), distance(layers, last)
    if travelled is None or gap is None:
        return "the weights backprop was called with do not match the network returned"
    if recorded[0] < 2 or gap > 0.1 * travelled + 1e-9:
        return "the network returned is not where the calls of backprop led"
    if xor_loss(last) >= xor_loss(first):
        return "the loss did not fall during training"
    step = first_step(recorded)
    if step is not None and "unchanged" in step[0]:
        return step[0].rstrip(".")
    return None


def distance(one: Layers, other: Layers) -> float | None:
    """Σ ‖W − W'‖ + ‖b − b'‖ over the layers, or None when their shapes differ."""
    if len(one) != len(other) or any(a.shape != b.shape for layer, twin in zip(one, other, strict=True)
                                     for a, b in zip(layer, twin, strict=True)):
        return None
    return float(sum(np.linalg.norm(W1 - W0) + np.linalg.norm(b1 - b0) for (W0, b0), (W1, b1) in zip(one, other,
                                                                                                    strict=True)))


def xor_loss(layers: Layers) -> float:
    return float(np.mean((outputs(layers) - Y[:, 0]) ** 2) / 2)


def weighted_inputs(layers: Layers) -> list[np.ndarray]:
    """Z of every layer on the four points."""
    A, Zs = X, []
    for W, b in layers:
        Zs.append(A @ W + b)
        A = sigma(Zs[-1])
    return Zs


def wrong_data(given_X: np.ndarray, given_Y: np.ndarray) -> dict[str, str] | None:
    """What is wrong with the X and Y backprop was first given, or None. Any of XOR's points, in any
    order or a few at a time (shuffled, mini-batches), is fine; each with XOR's label."""
    where = f"(lesson {LESSON}: \"{SECTION}\")"
    rows = given_X.reshape(len(given_X), -1) if given_X.ndim else given_X.reshape(1, -1)
    known = rows.shape[1] == 2 and all(any(np.array_equal(row, point) for point in X) for row in rows)
    if not known:
        return {"cause": f"train_xor trains on other inputs than XOR's four points: backprop got X = "
                         f"{given_X.tolist()}.", "hint": f"train on X = {X.tolist()} {where}"}
    labels = np.array([[float(row[0] != row[1])] for row in rows])
    if given_Y.shape != labels.shape and given_Y.size == labels.size and np.array_equal(given_Y.ravel(),
                                                                                        labels.ravel()):
        return {"cause": f"train_xor gives backprop Y of shape {given_Y.shape}, where the network's outputs have "
                         f"shape {labels.shape}: A_L − Y then broadcasts into a square.",
                "hint": f"keep Y 2-d, one row per example: Y = np.array({Y.tolist()}) {where}"}
    if given_Y.shape != labels.shape or not np.array_equal(given_Y, labels):
        return {"cause": f"train_xor trains on other targets than XOR's: for X = {given_X.tolist()} backprop got "
                         f"Y = {given_Y.tolist()}, where XOR is {labels.tolist()}.",
                "hint": f"XOR is 1 where exactly one input is 1: Y = {Y.tolist()}, shape (4, 1) {where}"}
    return None


def _unseen(recorded: list, calls: int) -> dict[str, str] | None:
    """XOR's points backprop never got in any of its calls, when the rows it got were all XOR's."""
    try:
        rows = [tuple(float(v) for v in row) for row in recorded[7]]
    except (TypeError, ValueError, IndexError):
        return None
    points = [tuple(point) for point in X.tolist()]
    if not rows or len(rows) >= 16 or not set(rows) < set(points):
        return None
    missing = [list(point) for point in points if point not in rows]
    return {"cause": f"train_xor trains on only {len(set(rows))} of XOR's 4 points: in all {calls} calls, backprop "
                     f"never got x = {', '.join(str(m) for m in missing)}, so nothing teaches the network "
                     f"{'that point' if len(missing) == 1 else 'those points'}.",
            "hint": f"train on all four points, X = {X.tolist()} with Y = {Y.tolist()} (lesson {LESSON}: "
                    f"\"{SECTION}\")"}


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
        found = wrong_data(given_X, given_Y) or _unseen(recorded, calls)
        if found is not None:
            return found
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
        if len(start) == 2 and start[0][0].shape[1] == 1 and misclassified:
            return {"cause": "the hidden layer has a single neuron: its output is one sigmoid of one line through the "
                             "inputs, and no one line separates XOR (it takes at least two).",
                    "hint": f"sizes 2 → 3 → 1: a hidden layer of 3 (or 4) neurons (lesson {LESSON}: \"{SECTION}\")"}
        constant = [f"W{l + 1}" for l, (W, _) in enumerate(start) if W.size > 1 and np.all(W.flat[0] == W)]
        if constant and result.status == "wrong" and misclassified:
            return {"cause": f"the weights start all equal ({', '.join(constant)} all {start[0][0].flat[0]:g}), not "
                             "random: the hidden neurons then differ only by their biases, and from this start "
                             "training does not reach XOR.",
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
            differs = _unlike_the_stub(start, eta, calls)
            return {"depends": f"each update is −η × the right gradient{rate}, and {calls} of them took the loss from "
                               f"{before:.4g} to {after:.4g}, where it stays, short of XOR. "
                               + (f"Your training differs from the stub's (2 → 3 → 1, η = 5, 3000 epochs, a start from "
                                  f"rng.standard_normal) in: {differs}." if differs else
                                  "Your network, rate and start are like the stub's, which reaches XOR from seeds 0, 1 "
                                  "and 2."),
                    "hint": "the stub's setup (a hidden layer of 3, η = 5, 3000 epochs, a standard normal start) "
                            f"reaches XOR from seeds 0, 1 and 2 (lesson {LESSON}: \"{SECTION}\")"}
        large = f"; η = {eta:.3g} is large enough for steps that overshoot" if eta and eta > 20 else ""
        return {"depends": f"the first update is −η × the right gradient{rate}, yet after {calls} updates the loss "
                           f"rose from {before:.4g} to {after:.4g}{large}.",
                "hint": "a learning rate of about 5 works here; if yours is about that, look for what else changes "
                        f"from one epoch to the next (only the weights and biases should) (lesson {LESSON}: "
                        f"\"{SECTION}\")"}
    return None


def _unlike_the_stub(start: Layers | None, eta: float | None, calls: int) -> str:
    """How a training's setup differs from the stub's (2 → 3 → 1, η = 5, 3000 epochs, standard normal)."""
    found = []
    if start is not None:
        sizes = [2, *(W.shape[1] for W, _ in start)]
        if sizes != [2, 3, 1]:
            found.append(f"the sizes {' → '.join(map(str, sizes))}")
        spread = float(np.sqrt(np.mean(np.concatenate([W.ravel() for W, _ in start]) ** 2)))
        if not 0.3 < spread < 2.5:
            found.append(f"a start with a spread of {spread:.3g} (standard normal: about 1)")
    if eta is not None and not 1 <= eta <= 20:
        found.append(f"η = {eta:.3g}")
    if calls < 1000:
        found.append(f"{calls} epochs")
    return "; ".join(found)


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
