"""Exercise two_layer: a network with a hidden layer, fed forward layer after layer. Lesson 03."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np

from glassnet.checker import structure
from glassnet.checker.compare import Problem
from glassnet.checker.networks import ACTS, Layers, arrays_judge, mistakes, random_layers, run_probe
from glassnet.checker.probes import Act, Probe, Steps, tags
from glassnet.checker.queries import left_alone
from glassnet.checker.values import show

LESSON = "03, feedforward networks"
SECTION = "A 3-4-5 network"
QUERIES = ("run",)  # only reads its object: the checker also asks it twice (state.interleaved)
ORDER = 6
EXERCISED = ("NeuralNetwork",)
SHAPE_HINT = ("each W has shape (n_in, n_out) and the activations have one row per example: "
              "a = activation.fn(a @ W + b), layer after layer.")
NAME_HINT = "keep the activation in __init__ and the layers' arrays in self.weights and self.biases (lists)."
MISTAKES = mistakes(layered=True)
HINT = "feed forward layer by layer: a = activation.fn(a @ W + b), starting with a = X."


def _arrays(sizes: list[int]) -> Probe:
    steps = Steps()
    net = steps.call("module.NeuralNetwork", ("sizes", list(sizes)), ("activation", Act("tanh")),
                     callee="NeuralNetwork")
    steps.send(steps.get(f"{net}.weights"), steps.get(f"{net}.biases"))
    shapes = list(pairwise(sizes))
    check_W = arrays_judge([(f"weights[{i}]", s) for i, s in enumerate(shapes)])
    check_b = arrays_judge([(f"biases[{i}]", (s[1],)) for i, s in enumerate(shapes)])

    def judge(got: Any) -> Problem | None:
        for name, value, check in (("weights", got[0], check_W), ("biases", got[1], check_b)):
            if not isinstance(value, list) or len(value) != len(shapes):
                return Problem("type", f"net.{name} should be a list of {len(shapes)} arrays, one per layer; got "
                                       f"{show(value, 120)}.",
                               hint=f"__init__ makes self.{name} = [..., ...], a Python list with one array per layer.")
            problem = check(tuple(value))
            if problem is not None:
                return problem
        return None

    text = ", ".join(f"{s}" for s in shapes)
    return Probe(f"net = NeuralNetwork({sizes}, Tanh); net.weights, net.biases", steps, judge=judge, structure=True,
                 show_expected=f"weights of shapes {text}; biases of shapes "
                               f"{', '.join(f'({s[1]},)' for s in shapes)}",
                 hint="__init__ makes self.weights = [W1, W2] and self.biases = [b1, b2] (lists; random numbers or "
                      "zeros: the checker sets them itself).")


def _run(layers: Layers, X: Any, act: Act, tag: dict[str, str], other: Layers | None = None) -> Probe:
    sizes = [layers[0][0].shape[0], *(W.shape[1] for W, _ in layers)]
    steps = Steps()
    net = steps.call("module.NeuralNetwork", ("sizes", list(sizes)), ("activation", act), callee="NeuralNetwork")
    steps.set(f"{net}.weights", [W for W, _ in layers])
    steps.set(f"{net}.biases", [b for _, b in layers])
    symbol = "X" if np.ndim(X) == 2 else "x"
    call = (f"net = NeuralNetwork({sizes}, {act.title}); net.weights = [W1, W2]; net.biases = [b1, b2]; "
            f"net.run({symbol})")
    if other is not None:
        call += f"; net.weights = [W1 + 0.5, W2 + 0.5]; net.run({symbol})"
    probe = run_probe(steps, net, X, layers, act, call, tag, HINT,
                      set_layers=lambda new: steps.set(f"{net}.weights", [W for W, _ in new]), other=other)
    probe.inputs = {"W1": layers[0][0], "b1": layers[0][1], "W2": layers[1][0], "b2": layers[1][1], symbol: X}
    return probe


def probes(rng: np.random.Generator) -> list[Probe]:
    """The lists __init__ makes (shapes exact); run with the checker's weights on a batch, one
    example, a batch of one row, one output, square layers, integers, float32 and random inputs,
    for three activations; other weights on the same batch."""
    fixed = np.random.default_rng(7)
    layers = [(np.round(fixed.normal(size=(3, 4)), 2), np.round(fixed.normal(size=4), 2)),
              (np.round(fixed.normal(size=(4, 2)), 2), np.round(fixed.normal(size=2), 2))]
    X = np.round(fixed.normal(size=(5, 3)), 2)
    one_out = random_layers(fixed, [2, 3, 1])
    square = random_layers(fixed, [3, 3, 3])
    found = [structure.class_probe("NeuralNetwork", ("sizes", "activation"), "run", "X"),
             _arrays([3, 4, 2]), _arrays([2, 3, 1]), _arrays([3, 3, 3])]
    batch = {"batch": "a batch of several rows"}
    for act in ACTS:
        found += [
            _run(layers, X, act, batch),
            _run(layers, X[0], act, tags("single")),
            _run(layers, X[1:2], act, tags("batch1")),
            _run(one_out, np.round(fixed.normal(size=(4, 2)), 2), act, tags("one_output") | batch),
            _run(square, np.round(fixed.normal(size=(3, 3)), 2), act, tags("square")),
            _run(layers, np.array([[1, 0, -2], [3, 1, 0]]), act, tags("int")),
            _run(layers, X.astype(np.float32), act, tags("float32")),
            _run(random_layers(rng, [4, 5, 3]), np.round(rng.normal(0, 2, size=(6, 4)), 3), act, tags("random")),
        ]
    found.append(_run(layers, X, ACTS[0], batch | {"other_W": "new weights for the same network"},
                      other=[(W + 0.5, b) for W, b in layers]))
    found.append(_run(random_layers(fixed, [2, 3, 2]), np.round(fixed.normal(size=(4, 2)), 2), ACTS[1],
                      batch | {"two_in": "two inputs and two outputs"}))
    found.append(left_alone(_run(layers, X, ACTS[0], batch), "run", ("weights", "biases")))
    return found
