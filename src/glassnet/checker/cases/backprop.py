"""Exercise backprop: BP1-BP4 for a sigmoid network with MSE, graded by central differences."""

from __future__ import annotations

from itertools import pairwise
from types import ModuleType
from typing import Any

import numpy as np

from glassnet.checker.compare import as_float_array, feedforward
from glassnet.checker.spec import Case, Mismatch, call, need, structure, takes
from glassnet.checker.values import show

LESSON = "06, backpropagation"
ORDER = 9
EXERCISED = ("backprop",)
SHAPE_HINT = ("check the shapes: BP2 multiplies delta by Wᵀ, delta = (delta_next @ W_next.T) ⊙ σ'(Z) "
              "with delta_next (n, n_next) and W_next (n_l, n_next); BP4 is dC_dW = A_prev.T @ delta / n.")

TOLERANCE = 1e-6


def problem_for(sizes: list[int], n: int, seed: int) -> dict[str, Any]:
    """A random sigmoid network with MSE loss, its gradients by central differences and by glassnet."""
    from glassnet.activations import Sigmoid
    from glassnet.gradcheck import numerical_gradient
    from glassnet.layers import Dense
    from glassnet.losses import MSE
    from glassnet.network import NeuralNetwork

    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((n_in, n_out)) for n_in, n_out in pairwise(sizes)]
    biases = [rng.standard_normal(n_out) for n_out in sizes[1:]]
    X = rng.standard_normal((n, sizes[0]))
    Y = rng.uniform(size=(n, sizes[-1]))

    def cost() -> float:
        return MSE.fn(feedforward(list(zip(weights, biases, strict=True)), X, Sigmoid), Y)

    numeric_W = [numerical_gradient(cost, W) for W in weights]
    numeric_b = [numerical_gradient(cost, b) for b in biases]
    layers = []
    for W, b in zip(weights, biases, strict=True):
        layer = Dense(*W.shape, Sigmoid)
        layer.W, layer.b = W.copy(), b.copy()
        layers.append(layer)
    reference = NeuralNetwork(layers, loss=MSE).backprop(X, Y)
    return {"weights": weights, "biases": biases, "X": X, "Y": Y, "numeric": (numeric_W, numeric_b),
            "reference": ([g[0] for g in reference], [g[1] for g in reference])}


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """glassnet.gradcheck's ‖a − b‖ / (‖a‖ + ‖b‖), on float arrays."""
    from glassnet.gradcheck import relative_error as error

    return error(np.asarray(a, dtype=float), np.asarray(b, dtype=float))


def backprop_case(sizes: list[int], n: int, seed: int) -> Case:
    problem = problem_for(sizes, n, seed)
    weights, biases, X, Y = (problem[k] for k in ("weights", "biases", "X", "Y"))
    numeric_W, numeric_b = problem["numeric"]
    reference_W, reference_b = problem["reference"]
    L = len(weights)

    def run(module: ModuleType) -> Any:
        return call("backprop", module.backprop, ("weights", [W.copy() for W in weights]),
                    ("biases", [b.copy() for b in biases]), ("X", X.copy()), ("Y", Y.copy()))

    def table(grads_W: list[np.ndarray], grads_b: list[np.ndarray]) -> tuple[str, float, str, int]:
        rows, worst, worst_name, worst_layer = [], -1.0, "", 0
        for l in range(L):
            e_W, e_b = relative_error(grads_W[l], numeric_W[l]), relative_error(grads_b[l], numeric_b[l])
            rows.append(f"layer {l}: dC/dW {e_W:.1e}   dC/db {e_b:.1e}")
            for e, name in ((e_W, "W"), (e_b, "b")):
                if e > worst:
                    worst, worst_name, worst_layer = e, name, l
        return "\n".join(rows), worst, worst_name, worst_layer

    def shapes(got: Any) -> tuple[list[np.ndarray], list[np.ndarray]]:
        if not isinstance(got, tuple | list) or len(got) != 2:
            raise Mismatch(f"backprop returned {show(got, 120)}; expected a pair (grads_W, grads_b).")
        grads = []
        for name, given, params in (("grads_W", got[0], weights), ("grads_b", got[1], biases)):
            if not isinstance(given, list | tuple) or len(given) != L:
                raise Mismatch(f"{name} should be a list of {L} arrays, one per layer; got {show(given, 120)}.")
            arrays = []
            for l, (g, p) in enumerate(zip(given, params, strict=True)):
                arr = as_float_array(g, f"{name}[{l}]", p.shape)
                if arr.shape != p.shape:
                    raise Mismatch(f"{name}[{l}] has shape {arr.shape}, but the parameter has shape "
                                    f"{p.shape}: each gradient has its parameter's shape.")
                arrays.append(arr)
            grads.append(arrays)
        return grads[0], grads[1]

    def compare(got: Any, expected: Any) -> None:
        grads_W, grads_b = shapes(got)
        text, worst, name, l = table(grads_W, grads_b)
        if worst > TOLERANCE:
            numeric = (numeric_W if name == "W" else numeric_b)[l]
            mine = (grads_W if name == "W" else grads_b)[l]
            raise Mismatch(
                f"relative error against central differences, ‖g − g_num‖ / (‖g‖ + ‖g_num‖), must be "
                f"below {TOLERANCE:g}:\n{text}\nworst: dC/d{name}[{l}], central differences "
                f"give\n{show(numeric)}\nyour backprop gives\n{show(mine)}")

    def diagnose(got: Any) -> str | None:
        try:
            grads_W, grads_b = shapes(got)
        except Mismatch as err:
            if "shape" in str(err) and any(np.shape(g) == W.T.shape != W.shape
                                           for g, W in zip(got[0], weights, strict=False)):
                return ("dC_dW has W's shape (n_in, n_out): BP4 is A_prev.T @ delta / n (Nielsen's "
                        "δ aᵀ is for his transposed w).")
            if "grads_b" in str(err):
                return "BP3 averages delta over the batch: dC_db = delta.mean(axis=0), shape (n_out,)."
            return None

        def ok(g: np.ndarray, ref: np.ndarray, factor: float = 1.0) -> bool:
            return relative_error(g, factor * ref) < TOLERANCE

        pairs = list(zip(grads_W, reference_W, strict=True)) + list(zip(grads_b, reference_b, strict=True))
        if all(ok(g, r, -1.0) for g, r in pairs):
            return ("every gradient has the wrong sign: BP1 is delta_L = (A_L − Y) ⊙ σ'(Z_L), the "
                    "derivative of C, not of −C.")
        if n > 1 and all(ok(g, r, float(n)) for g, r in zip(grads_W, reference_W, strict=True)):
            return "BP4 averages over the batch: dC_dW = A_prev.T @ delta / n (divide by n)."
        if n > 1 and all(ok(g, r, float(n)) for g, r in zip(grads_b, reference_b, strict=True)):
            return "BP3 averages over the batch: dC_db = delta.mean(axis=0), not the sum."
        out_W, out_b = ok(grads_W[-1], reference_W[-1]), ok(grads_b[-1], reference_b[-1])
        if out_W and out_b:
            return ("the output layer is right but an earlier one is not: check BP2, "
                    "delta = (delta_next @ W_next.T) ⊙ σ'(Z) with this layer's Z, going backwards.")
        if out_W != out_b:
            return ("dC/dW and dC/db disagree in the output layer: BP3 is dC_db = delta.mean(axis=0) "
                    "and BP4 is dC_dW = A_prev.T @ delta / n, with A_prev the previous layer's "
                    "activations (X for the first layer).")
        return ("the output layer's gradients are already wrong: check the feedforward (keep every Z "
                "and A) and BP1, delta_L = (A_L − Y) ⊙ σ'(Z_L) with σ'(z) = σ(z)(1 − σ(z)).")

    sizes_text = " → ".join(map(str, sizes))
    setup = (f"rng = np.random.default_rng({seed})\n"
             f"weights = [rng.standard_normal((n_in, n_out)) for n_in, n_out in {list(pairwise(sizes))}]\n"
             f"biases = [rng.standard_normal(n_out) for n_out in {sizes[1:]}]\n"
             f"X = rng.standard_normal(({n}, {sizes[0]})); Y = rng.uniform(size=({n}, {sizes[-1]}))")
    def show_got(got: Any) -> str:
        try:
            return "shapes: " + "; ".join(f"{name} " + ", ".join(str(np.shape(g)) for g in grads)
                                          for name, grads in zip(("grads_W", "grads_b"), got, strict=True))
        except (TypeError, ValueError):
            return show(got, 300)

    return Case(
        call="grads_W, grads_b = backprop(weights, biases, X, Y)", run=run, expected=problem["numeric"],
        compare=compare, diagnose=diagnose, show_got=show_got,
        inputs={"weights": f"{L} arrays of shapes {', '.join(str(W.shape) for W in weights)}",
                "biases": f"{L} arrays of shapes {', '.join(str(b.shape) for b in biases)}",
                "X": f"shape {X.shape}", "Y": f"shape {Y.shape}"},
        note=f"a sigmoid network {sizes_text} with MSE loss, {n} examples; to rebuild it:\n{setup}",
        show_expected=f"gradients agreeing with central differences to a relative error below "
                      f"{TOLERANCE:g}",
        hint=("BP1 delta_L = (A_L − Y) ⊙ σ'(Z_L); BP2 delta = (delta_next @ W_next.T) ⊙ σ'(Z); "
              "BP3 dC_db = delta.mean(axis=0); BP4 dC_dW = A_prev.T @ delta / n."),
    )


def cases() -> list[Case]:
    def check(module: ModuleType) -> None:
        func = need(module, "backprop", "function", "def backprop(weights, biases, X, Y):")
        takes(func, ([], [], np.zeros((1, 1)), np.zeros((1, 1))), {}, "backprop does not take "
              "(weights, biases, X, Y)", "write def backprop(weights, biases, X, Y):")

    return [
        structure("backprop(weights, biases, X, Y)", check),
        backprop_case([2, 3, 1], 4, 0),
        backprop_case([3, 4, 2], 5, 1),
        backprop_case([2, 3, 3, 2], 3, 2),
    ]
