"""Exercise one_layer: one layer of neurons, activation.fn(x @ W + b). Lesson 02."""

from __future__ import annotations

from typing import Any

import numpy as np

from glassnet.checker import structure
from glassnet.checker.networks import ACTS, arrays_judge, mistakes, random_layers, run_probe
from glassnet.checker.probes import Act, Probe, Steps, tags
from glassnet.checker.queries import left_alone

LESSON = "02, activation functions"
SECTION = "One neuron: a perceptron with a smooth output"
QUERIES = ("run",)  # only reads its object: the checker also asks it twice (state.interleaved)
ORDER = 5
EXERCISED = ("NeuralNetwork",)
SHAPE_HINT = ("W has shape (n_inputs, n_outputs) and x has one row per example: compute "
              "x @ self.W + self.b, not self.W @ x.")
NAME_HINT = "keep the activation in __init__ (self.activation = activation) and use self.W, self.b in run."
MISTAKES = mistakes(layered=False)
HINT = "run computes activation.fn(x @ W + b): x has one row per example (or is one example)."


def _arrays(n_in: int, n_out: int) -> Probe:
    steps = Steps()
    net = steps.call("module.NeuralNetwork", ("n_inputs", n_in), ("n_outputs", n_out), ("activation", Act("tanh")),
                     callee="NeuralNetwork")
    steps.send(steps.get(f"{net}.W"), steps.get(f"{net}.b"))
    return Probe(f"net = NeuralNetwork({n_in}, {n_out}, Tanh); net.W, net.b", steps,
                 judge=arrays_judge([("net.W", (n_in, n_out)), ("net.b", (n_out,))]),
                 structure=True, show_expected=f"W of shape ({n_in}, {n_out}), b of shape ({n_out},)",
                 hint="__init__ makes self.W, shape (n_inputs, n_outputs), and self.b, shape (n_outputs,) (random "
                      "numbers or zeros: the checker sets them itself).")


def _run(W: np.ndarray, b: np.ndarray, X: Any, act: Act, tag: dict[str, str], other_W: np.ndarray | None = None,
         ) -> Probe:
    steps = Steps()
    n_in, n_out = W.shape
    net = steps.call("module.NeuralNetwork", ("n_inputs", n_in), ("n_outputs", n_out), ("activation", act),
                     callee="NeuralNetwork")
    steps.set(f"{net}.W", W)
    steps.set(f"{net}.b", b)
    symbol = "X" if np.ndim(X) == 2 else "x"
    call = f"net = NeuralNetwork({n_in}, {n_out}, {act.title}); net.W, net.b = W, b; net.run({symbol})"
    if other_W is not None:
        call += f"; net.W = W_new; net.run({symbol})"
    probe = run_probe(steps, net, X, [(W, b)], act, call, tag, HINT,
                      set_layers=lambda layers: steps.set(f"{net}.W", layers[0][0]),
                      other=None if other_W is None else [(other_W, b)])
    probe.inputs = {"W": W, "b": b, symbol: X, **({} if other_W is None else {"W_new": other_W})}
    return probe


def probes(rng: np.random.Generator) -> list[Probe]:
    """The arrays __init__ makes; run with the checker's W and b on a batch, one example, a batch of
    one row, one output, a square W, integers, float32, large and random inputs, for three
    activations; and the same batch with other weights (run must use net.W)."""
    W = np.array([[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0]])
    b = np.array([0.1, -0.2])
    X = np.array([[1.0, 0.0, 2.0], [0.5, -1.0, 0.0], [-2.0, 1.0, 1.0], [0.0, 0.0, 0.0]])
    W1, b1 = np.array([[0.5], [-1.5], [2.0]]), np.array([0.3])
    Wsq, bsq = np.array([[0.5, -1.0, 0.2], [1.5, 0.25, -0.6], [-0.75, 2.0, 1.0]]), np.array([0.1, -0.2, 0.3])
    (Wr, br), = random_layers(rng, [4, 3])
    found = [structure.class_probe("NeuralNetwork", ("n_inputs", "n_outputs", "activation"), "run", "x"),
             _arrays(3, 2), _arrays(4, 1), _arrays(1, 3)]
    batch = {"batch": "a batch of several rows"}
    for act in ACTS:
        found += [
            _run(W, b, X, act, batch),
            _run(W, b, X[0], act, tags("single")),
            _run(W, b, X[2:3], act, tags("batch1")),
            _run(W1, b1, X, act, tags("one_output") | batch),
            _run(Wsq, bsq, np.array([[1.0, 0.0, 2.0], [0.5, -1.0, 0.0], [-2.0, 1.0, 1.0]]), act, tags("square")),
            _run(W, b, np.array([[1, 0, 2], [3, -1, 0]]), act, tags("int")),
            _run(W, b, X.astype(np.float32), act, tags("float32")),
            _run(Wr, br, np.round(rng.normal(0, 2, size=(5, 4)), 3), act, tags("random")),
        ]
    found.append(_run(W, b, X, ACTS[0], batch | {"other_W": "new weights for the same network"}, other_W=W + 0.5))
    found.append(_run(W, b, 50 * X, ACTS[2], tags("extreme")))
    found.append(_run(W[:2], b, X[:, :2], ACTS[1], {"batch": "a batch of several rows", "two_in": "two inputs"}))
    found.append(left_alone(_run(W, b, X, ACTS[0], batch), "run", ("W", "b")))
    return found
