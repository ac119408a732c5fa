"""Exercise one_layer: one layer of neurons, activation.fn(x @ W + b)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from glassnet.checker.compare import compare_array, feedforward, first_match
from glassnet.checker.shared import network_mistakes
from glassnet.checker.spec import Case, Fail, call, need, need_method, structure, takes

LESSON = "02, activation functions"
ORDER = 5
EXERCISED = ("NeuralNetwork",)
SHAPE_HINT = ("W has shape (n_inputs, n_outputs) and x has one row per example: compute "
              "x @ self.W + self.b, not self.W @ x.")
NAME_HINT = "keep the activation in __init__ (self.activation = activation) and use self.W, self.b in run."


def cases() -> list[Case]:
    from glassnet.activations import ReLU, Sigmoid, Tanh

    how = "class NeuralNetwork: with __init__(self, n_inputs, n_outputs, activation) and run(self, x)"

    def check(module: ModuleType) -> None:
        cls = need(module, "NeuralNetwork", "class", how)
        takes(cls, (3, 2, Sigmoid), {}, "NeuralNetwork(n_inputs, n_outputs, activation) cannot be created",
              "write def __init__(self, n_inputs, n_outputs, activation):")
        need_method(cls, "run", (np.zeros((1, 3)),), "def run(self, x):")

    def check_arrays(module: ModuleType) -> None:
        net = call("NeuralNetwork", module.NeuralNetwork, ("n_inputs", 3), ("n_outputs", 2),
                   ("activation", Sigmoid))
        W, b = getattr(net, "W", None), getattr(net, "b", None)
        if W is None or b is None:
            raise Fail("the network has no attribute " + " or ".join(
                n for n, v in (("W", W), ("b", b)) if v is None) + ".",
                "__init__ makes self.W, shape (n_inputs, n_outputs), and self.b, shape (n_outputs,) "
                "(random numbers or zeros: the checker sets them itself).")
        if np.shape(W) != (3, 2):
            raise Fail(f"NeuralNetwork(3, 2, Sigmoid).W has shape {np.shape(W)}; expected (3, 2).",
                       "W has one row per input and one column per output, (n_inputs, n_outputs), so "
                       "that x @ W works for a batch x of shape (n, n_inputs).")
        if np.size(b) != 2:
            raise Fail(f"NeuralNetwork(3, 2, Sigmoid).b has {np.size(b)} entries; expected 2.",
                       "b holds one bias per output: shape (n_outputs,).")

    W = np.array([[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0]])
    b = np.array([0.1, -0.2])
    X = np.array([[1.0, 0.0, 2.0], [0.5, -1.0, 0.0], [-2.0, 1.0, 1.0], [0.0, 0.0, 0.0]])

    def case(act: type, x: np.ndarray) -> Case:
        symbol = "X" if x.ndim == 2 else "x"

        def run(module: ModuleType) -> Any:
            net = call("NeuralNetwork", module.NeuralNetwork, ("n_inputs", 3), ("n_outputs", 2),
                       ("activation", act))
            net.W, net.b = W.copy(), b.copy()
            return call("run", net.run, (symbol, x.copy()))

        name = act.__name__
        return Case(
            call=f"net = NeuralNetwork(3, 2, {name}); net.W, net.b = W, b; net.run({symbol})",
            run=run, expected=feedforward([(W, b)], x, act), compare=compare_array,
            inputs={"W": W, "b": b, symbol: x},
            note=f"{name} is glassnet's (fn and prime are static methods, like yours)",
            hint="run computes activation.fn(x @ W + b): x has one row per example (or is one example).",
            diagnose=lambda got: first_match(got, network_mistakes([(W, b)], x, act)),
        )

    return [
        structure("NeuralNetwork(n_inputs, n_outputs, activation) and its run(x) method", check),
        structure("NeuralNetwork(3, 2, Sigmoid) has W of shape (3, 2) and b of shape (2,)", check_arrays),
        case(Sigmoid, X), case(Sigmoid, X[0]), case(Tanh, X), case(ReLU, X),
    ]
