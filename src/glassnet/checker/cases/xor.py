"""Exercise xor: train a 2 → 3 → 1 sigmoid network on XOR with the learner's own backprop."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np

from glassnet.checker.compare import feedforward
from glassnet.checker.spec import Case, Fail, Mismatch, call, need, structure, takes
from glassnet.checker.values import num, show

LESSON = "07, training"
ORDER = 10
EXERCISED = ("train_xor",)
#: The exercise this one builds on: when xor fails and that file fails its own check, say so.
BUILDS_ON = "backprop"
SHAPE_HINT = "each W has shape (n_in, n_out) and X has one row per example: Z = A_prev @ W + b."
TIMEOUT_HINT = ("train with fewer epochs, or make each epoch faster: one matrix product per layer for "
                "the whole batch, no Python loop over examples.")

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
LABELS = np.array([0, 1, 1, 0])


def _recording(func: Callable[..., Any], start: list[Any]) -> Callable[..., Any]:
    """``func`` (the learner's backprop), keeping a copy of the weights it is first called with."""

    def backprop(*args: Any, **kwargs: Any) -> Any:
        if not start:
            weights = args[0] if args else kwargs.get("weights")
            biases = args[1] if len(args) > 1 else kwargs.get("biases")
            try:
                start.append(([np.array(W, dtype=float) for W in weights],
                              [np.array(b, dtype=float) for b in biases]))
            except (TypeError, ValueError):
                start.append(None)
        return func(*args, **kwargs)

    return backprop


def network(got: Any) -> list[tuple[np.ndarray, np.ndarray]]:
    """The trained (weights, biases), checked to chain 2 inputs → ... → 1 output."""
    if not isinstance(got, tuple | list) or len(got) != 2:
        raise Fail(f"train_xor returned {show(got, 120)}; expected (weights, biases).",
                   "return the trained network's lists: `return weights, biases`.", got=got)
    weights, biases = got
    if not isinstance(weights, list | tuple) or not isinstance(biases, list | tuple) \
            or len(weights) != len(biases) or not weights:
        raise Fail("weights and biases should be two lists of the same length, one array per layer.",
                   "return weights, biases as lists: [W1, W2], [b1, b2].", got=got)
    if len(weights) < 2:
        raise Fail("the network has no hidden layer.", "XOR needs a hidden layer: no single line "
                   "separates it (lesson 01). Use sizes like 2 → 3 → 1.", got=[np.shape(w) for w in weights])
    try:
        arrays = [(np.asarray(W, dtype=float), np.asarray(b, dtype=float).reshape(-1))
                  for W, b in zip(weights, biases, strict=True)]
    except (TypeError, ValueError):
        raise Fail("weights and biases should hold arrays of numbers.", "return weights, biases as lists "
                   "of numpy arrays.", got=got) from None
    n_in = 2
    for i, (W, b) in enumerate(arrays):
        if W.ndim != 2 or W.shape[0] != n_in:
            transposed = " (transposed? W is (n_in, n_out))" if W.ndim == 2 and W.shape[1] == n_in else ""
            raise Fail(f"weights[{i}] has shape {W.shape}; it should have {n_in} rows, one per input "
                       f"of the layer{transposed}.",
                       "each W has shape (n_in, n_out), so that Z = A_prev @ W + b for a batch.",
                       got=[np.shape(w) for w in weights])
        if b.size != W.shape[1]:
            raise Fail(f"biases[{i}] has {b.size} entries; its layer has {W.shape[1]} neurons.",
                       "each b has shape (n_out,).", got=[np.shape(v) for v in biases])
        n_in = W.shape[1]
    if n_in != 1:
        raise Fail(f"the last layer has {n_in} outputs; XOR needs 1.", "end with one output neuron.",
                   got=[np.shape(w) for w in weights])
    return arrays


def _random_starts(layers: list[tuple[np.ndarray, np.ndarray]], seed: int) -> list[list[np.ndarray]]:
    """The stub's start, ``rng.standard_normal`` for every W then every b (or W, b layer by layer)."""
    shapes = [W.shape for W, _ in layers], [b.shape for _, b in layers]
    rng = np.random.default_rng(seed)
    weights_first = [rng.standard_normal(s) for s in shapes[0]]
    rng = np.random.default_rng(seed)
    interleaved = [rng.standard_normal(s) for W_shape, b_shape in zip(*shapes, strict=True)
                   for s in (W_shape, b_shape)][::2]
    return [weights_first, interleaved]


def _hidden_never_moved(layers: list[tuple[np.ndarray, np.ndarray]], start: Any, seed: int) -> bool:
    hidden = [W for W, _ in layers[:-1]]
    starts = [start[0][:-1]] if start else [s[:-1] for s in _random_starts(layers, seed)]
    return any(len(s) == len(hidden) and all(np.shape(a) == b.shape and np.allclose(a, b) for a, b in
                                             zip(s, hidden, strict=True)) for s in starts)


def _case(seed: int) -> Case:
    from glassnet.activations import Sigmoid

    def run(module: ModuleType) -> Any:
        start: list[Any] = []
        learner = getattr(module, "backprop", None)
        if callable(learner):
            module.backprop = _recording(learner, start)
        try:
            trained = call("train_xor", module.train_xor, seed=seed)
        finally:
            if callable(learner):
                module.backprop = learner
        return trained, (start[0] if start else None)

    def compare(got: Any, expected: Any) -> None:
        outputs = feedforward(network(got[0]), X, Sigmoid)[:, 0]
        labels = (outputs > 0.5).astype(int)
        wrong = np.flatnonzero(labels != expected)
        if wrong.size:
            i = int(wrong[0])
            raise Mismatch(f"{wrong.size} of the 4 points are misclassified; the first is x = {X[i].tolist()}: "
                           f"output {num(outputs[i])}, so class {labels[i]}, but XOR says {expected[i]}.")

    def diagnose(got: Any) -> str | None:
        layers = network(got[0])
        W1, b1 = layers[0]
        if W1.shape[1] > 1 and np.allclose(W1, W1[:, :1]) and np.allclose(b1, b1[0]):
            return ("every hidden neuron has the same weights: they started equal (all zeros?), so each "
                    "gets the same gradient and they stay identical forever; this symmetry is never "
                    "broken. Start from random weights: rng.standard_normal(shape) for every W and b.")
        if _hidden_never_moved(layers, got[1], seed):
            return ("the hidden layer's weights never moved from their start: only the output layer "
                    "learned. Update every layer: W[l] ← W[l] − η dC/dW[l] and b[l] ← b[l] − η dC/db[l] "
                    "for each l.")
        outputs = feedforward(layers, X, Sigmoid)[:, 0]
        if np.all(np.abs(outputs - 0.5) < 0.1):
            return ("the outputs are all near 0.5: the network has not learned yet. Train longer or "
                    "with a larger learning rate (for example 3000 epochs with η = 5).")
        if float(np.mean((outputs - LABELS) ** 2) / 2) > 0.125:  # worse than answering 0.5 everywhere
            return ("the loss got worse than answering 0.5 everywhere: gradient descent moves "
                    "against the gradient, W ← W − η dC/dW and b ← b − η dC/db.")
        return ("train longer, with a larger learning rate, or with a few more hidden neurons; a "
                "start from another seed can also escape a poor local minimum.")

    return Case(
        call=f"weights, biases = train_xor(seed={seed}); then the network's outputs on X",
        run=run, expected=LABELS, compare=compare, inputs={"X": X},
        note="outputs use the sigmoid in every layer; class 1 where the output is > 0.5",
        show_expected=f"classes {LABELS.tolist()}", diagnose=diagnose,
        show_got=lambda got: f"outputs {show(feedforward(network(got[0]), X, Sigmoid)[:, 0])}",
        hint="train a sigmoid network with MSE by gradient descent on all four points.",
    )


def cases() -> list[Case]:
    def check(module: ModuleType) -> None:
        func = need(module, "train_xor", "function", "def train_xor(seed=0):")
        takes(func, (), {"seed": 0}, "train_xor cannot be called as train_xor(seed=0)",
              "write def train_xor(seed=0):")

    return [structure("train_xor(seed)", check), _case(0), _case(1), _case(2)]


