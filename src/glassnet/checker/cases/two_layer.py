"""Exercise two_layer: a network with a hidden layer, fed forward layer after layer."""

from __future__ import annotations

from itertools import pairwise
from types import ModuleType
from typing import Any

import numpy as np

from glassnet.checker.compare import compare_array, feedforward, first_match
from glassnet.checker.shared import network_mistakes
from glassnet.checker.spec import Case, Fail, call, need, need_method, structure, takes
from glassnet.checker.values import show

LESSON = "03, feedforward networks"
ORDER = 6
EXERCISED = ("NeuralNetwork",)
SHAPE_HINT = ("each W has shape (n_in, n_out) and the activations have one row per example: "
              "a = activation.fn(a @ W + b), layer after layer.")
NAME_HINT = "keep the activation in __init__ and the layers' arrays in self.weights and self.biases (lists)."


def cases() -> list[Case]:
    from glassnet.activations import ReLU, Sigmoid, Tanh

    sizes = [3, 4, 2]
    how = "class NeuralNetwork: with __init__(self, sizes, activation) and run(self, X)"

    def make(module: ModuleType, act: type) -> Any:
        return call("NeuralNetwork", module.NeuralNetwork, ("sizes", list(sizes)), ("activation", act))

    def check(module: ModuleType) -> None:
        cls = need(module, "NeuralNetwork", "class", how)
        takes(cls, (sizes, Sigmoid), {}, "NeuralNetwork(sizes, activation) cannot be created",
              "write def __init__(self, sizes, activation):")
        need_method(cls, "run", (np.zeros((1, 3)),), "def run(self, X):")

    def check_arrays(module: ModuleType) -> None:
        net = make(module, Sigmoid)
        for attribute in ("weights", "biases"):
            value = getattr(net, attribute, None)
            if not isinstance(value, list | tuple) or len(value) != 2:
                raise Fail(f"NeuralNetwork([3, 4, 2], Sigmoid).{attribute} should be a list of 2 arrays, one "
                           f"per layer; got {show(value, 120)}.",
                           "__init__ makes self.weights = [W1, W2] and self.biases = [b1, b2].")
        for i, (n_in, n_out) in enumerate(pairwise(sizes)):
            if np.shape(net.weights[i]) != (n_in, n_out):
                raise Fail(f"weights[{i}] has shape {np.shape(net.weights[i])}; expected ({n_in}, {n_out}).",
                           "each W has shape (n_in, n_out): one row per input of the layer, one column "
                           "per neuron, so that a @ W works for a batch a of shape (n, n_in).")
            if np.size(net.biases[i]) != n_out:
                raise Fail(f"biases[{i}] has {np.size(net.biases[i])} entries; expected {n_out}.",
                           "each b has one entry per neuron of its layer: shape (n_out,).")

    rng = np.random.default_rng(7)
    layers = [(np.round(rng.normal(size=(n_in, n_out)), 2), np.round(rng.normal(size=n_out), 2))
              for n_in, n_out in pairwise(sizes)]
    X = np.round(rng.normal(size=(5, 3)), 2)

    def case(act: type, x: np.ndarray) -> Case:
        symbol = "X" if x.ndim == 2 else "x"

        def run(module: ModuleType) -> Any:
            net = make(module, act)
            net.weights = [W.copy() for W, _ in layers]
            net.biases = [b.copy() for _, b in layers]
            return call("run", net.run, (symbol, x.copy()))

        def diagnose(got: Any) -> str | None:
            if np.shape(got)[-1:] == (sizes[1],):
                return "run must go through both layers: the output has n_outputs = 2 columns."
            return first_match(got, network_mistakes(layers, x, act))

        name = act.__name__
        return Case(
            call=(f"net = NeuralNetwork([3, 4, 2], {name}); net.weights = [W1, W2]; "
                  f"net.biases = [b1, b2]; net.run({symbol})"),
            run=run, expected=feedforward(layers, x, act), compare=compare_array,
            inputs={"W1": layers[0][0], "b1": layers[0][1], "W2": layers[1][0], "b2": layers[1][1], symbol: x},
            note=f"{name} is glassnet's (fn and prime are static methods, like yours)",
            hint="feed forward layer by layer: a = activation.fn(a @ W + b), starting with a = X.",
            diagnose=diagnose,
        )

    return [
        structure("NeuralNetwork(sizes, activation) and its run(X) method", check),
        structure("NeuralNetwork([3, 4, 2], Sigmoid) has weights of shapes (3, 4), (4, 2) and biases "
                  "(4,), (2,)", check_arrays),
        case(Sigmoid, X), case(Sigmoid, X[0]), case(Tanh, X), case(ReLU, X),
    ]
