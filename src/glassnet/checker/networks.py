"""Probes and mistakes shared by the network exercises (one_layer, two_layer). Lessons 02 and 03.

The checker hands the learner's network one of its own activations (``probes.Act``: Tanh,
ReLU, Softsign), sets the weights itself and runs a batch, one example, a batch of one row,
one output, a square layer, integers, float32 and random inputs. The right answer is
``a = act.fn(a @ W + b)`` layer after layer, computed here; each mistake is the same
feedforward with one thing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

import numpy as np

from glassnet.checker.compare import Problem, Rule
from glassnet.checker.mistakes import RAISES, SAME, Either, Mistake, Outcome, fixed_size, float32_mistake
from glassnet.checker.probes import Act, Probe, Steps
from glassnet.checker.values import show

Layers = list[tuple[np.ndarray, np.ndarray]]
ACTS = (Act("tanh"), Act("relu"), Act("softsign"))


def sigmoid(z: np.ndarray) -> np.ndarray:
    from glassnet.activations import Sigmoid

    return Sigmoid.fn(z)


def forward(layers: Layers, X: Any, fn: Callable[[np.ndarray], np.ndarray], *, bias: bool = True,
            hidden: bool = True, output: bool = True, outside: bool = False, twice: bool = False,
            transpose: bool = False, reverse: bool = False, from_x: bool = False, act_input: bool = False,
            left: bool = False, first_only: bool = False, same_W: bool = False, biases_reversed: bool = False,
            no_bias_at: int | None = None, act_before: bool = False, axis0: bool = False,
            output_sigmoid: bool = False, hidden_fn: Callable[[np.ndarray], np.ndarray] | None = None) -> Any:
    """``a = fn(a @ W + b)`` layer after layer, with one known mistake switched on by a keyword."""
    A = np.asarray(X, dtype=float)
    if act_input:
        A = fn(A)
    if same_W:
        layers = [(layers[0][0], b) for _, b in layers]
    if biases_reversed:
        layers = [(W, b) for (W, _), (_, b) in zip(layers, layers[::-1], strict=True)]
    order = layers[:1] if first_only else layers[::-1] if reverse else layers
    for i, (W, b) in enumerate(order):
        W = W.T if transpose else W
        source = np.asarray(X, dtype=float) if from_x and i else A
        if (W.shape[-1] != source.shape[0]) if left else (source.shape[-1] != W.shape[0]):
            return RAISES
        if act_before:  # z = fn(a) @ W + b: the activation before the product, none after the last layer
            A = fn(source) @ W + b
            continue
        has_bias = bias and not outside and i != (no_bias_at if no_bias_at is None or no_bias_at >= 0
                                                   else len(order) + no_bias_at)
        product = (source[..., :, None] * W).sum(axis=0) if axis0 else W @ source if left else source @ W
        Z = product + (b if has_bias else 0)
        apply = output if i == len(order) - 1 else hidden
        last_fn = sigmoid if output_sigmoid and i == len(order) - 1 else hidden_fn if hidden_fn is not None and \
            i < len(order) - 1 else fn
        A = (last_fn(last_fn(Z)) if twice else last_fn(Z)) if apply else Z
        if bias and outside:
            A = A + b
    return A


def network_model(**mistake: Any) -> Callable[[Probe], Any]:
    """A model: the feedforward of a run probe with one mistake (both runs of a "twice" probe;
    stored-array probes: SAME)."""

    def one(probe: Probe, layers: Layers) -> Any:
        p = probe.params
        fn = mistake.get("fixed") or p["act"].cls.fn
        options = {k: v for k, v in mistake.items() if k != "fixed"}
        return forward(layers, p["X"], fn, **options)

    def model(probe: Probe) -> Any:
        kind = probe.params.get("kind")
        if kind == "twice":
            outs = (one(probe, probe.params["layers"]), one(probe, probe.params["other"]))
            return RAISES if any(o is RAISES for o in outs) else outs
        return one(probe, probe.params["layers"]) if kind == "run" else SAME

    return model


def shaped(change: Callable[[Probe, np.ndarray], Any]) -> Callable[[Probe], Any]:
    """A model that reshapes the right answer (``change(probe, expected)``); stored probes SAME."""

    def model(probe: Probe) -> Any:
        kind = probe.params.get("kind")
        if kind == "twice":
            outs = [change(probe, np.asarray(e)) for e in probe.expected]
            return SAME if all(o is SAME for o in outs) else tuple(
                e if o is SAME else o for o, e in zip(outs, probe.expected, strict=True))
        if kind != "run":
            return SAME
        return change(probe, np.asarray(probe.expected))

    return model


def _ignores_weights(probes: list[Probe], outcomes: list[Outcome]) -> bool:
    """run gave the same output before and after the checker changed the weights (a "twice" probe)."""
    for probe, outcome in zip(probes, outcomes, strict=True):
        if probe.params.get("kind") == "twice" and outcome.status == "wrong" and isinstance(outcome.got, tuple):
            first, second = (np.asarray(g, dtype=float) for g in outcome.got)
            return first.shape == second.shape and bool(np.array_equal(first, second))
    return False


def mistakes(layered: bool) -> list[Mistake]:
    """The network exercises' catalogue (``layered``: two_layer's, with a hidden layer)."""
    section = "A 3-4-5 network" if layered else "One neuron: a perceptron with a smooth output"
    items = [
        ("the bias is missing: run computes fn(a @ W), not fn(a @ W + b).", "add b inside the activation: "
         "activation.fn(a @ W + b).", network_model(bias=False)),
        ("the bias is added after the activation: fn(a @ W) + b instead of fn(a @ W + b).",
         "the bias goes inside: activation.fn(a @ W + b).", network_model(outside=True)),
        ("no activation is applied: run returns a @ W + b.", "apply the activation: a = activation.fn(a @ W + b).",
         network_model(hidden=False, output=False)),
        ("run uses its own sigmoid, not the activation it was given.", "keep the activation given to __init__ "
         "(self.activation = activation) and call self.activation.fn.", network_model(fixed=sigmoid)),
        ("run uses np.tanh, not the activation it was given.", "call self.activation.fn: the network takes any "
         "activation.", network_model(fixed=np.tanh)),
        ("run uses ReLU (np.maximum), not the activation it was given.", "call self.activation.fn: the network takes "
         "any activation.", network_model(fixed=lambda z: np.maximum(z, 0))),
        ("run applies the activation twice: fn(fn(a @ W + b)).", "apply it once per layer.",
         network_model(twice=True)),
        ("run applies the activation to the input first, then computes fn(fn(x) @ W + b): the activation goes "
         "after the product and the bias only.", "a = activation.fn(a @ W + b): the product and the bias first, then "
         "the activation.", network_model(act_input=True)),
        ("run applies the activation before the product, fn(a) @ W + b, in every layer: the output is never "
         "activated and the input is.", "a = activation.fn(a @ W + b): product and bias first, then the "
         "activation.", network_model(act_before=True)),
        ("run calls the activation's prime (its derivative) instead of fn.", "the forward pass uses "
         "activation.fn; prime is for backpropagation.", lambda probe: network_model(
             fixed=probe.params["act"].cls.prime)(probe) if "act" in probe.params else SAME),
        ("run computes W @ x, the weights on the left: with W of shape (n_in, n_out) and one example per row "
         "of x that only works, wrongly, when the shapes happen to fit.", "x has one row per example: "
         "x @ W + b (the track's w·x, written for a batch).", network_model(left=True)),
        ("run uses W transposed (a @ W.T): with W of shape (n_in, n_out) that works only when n_in = n_out.",
         "W has shape (n_in, n_out): a @ W + b, no transpose.", network_model(transpose=True)),
        ("run multiplies each input by its row of W and sums over axis 0, the examples' axis ((x[..., :, None] * "
         "W).sum(axis=0)): right for one example, but for a batch it adds up the examples and gives one row per "
         "input.", "sum over the inputs, one row per example: x @ W + b (or (x[..., :, None] * W).sum(axis=-2)).",
         network_model(axis0=True)),
        ("run squeezes the result: one output (or a batch of one row) loses an axis.",
         "return activation.fn(a @ W + b) as it is: shape (n, n_outputs) for a batch.",
         shaped(lambda probe, e: np.squeeze(e) if e.ndim == 2 and 1 in e.shape else SAME)),
        ("run turns one example (shape (n_inputs,)) into a batch of one row and returns shape (1, k) instead "
         "of (k,).", "for a 1-d x, x @ W + b is already 1-d: no reshape, no np.atleast_2d.",
         shaped(lambda probe, e: e[None, :] if e.ndim == 1 else SAME)),
    ]
    if layered:
        items += [
            ("run goes through the first layer only: it returns the hidden layer's activations.",
             "feed the hidden layer's output into the output layer: loop over every (W, b).",
             network_model(first_only=True)),
            ("the hidden layer has no activation: two layers without it collapse into one linear map.",
             "a = activation.fn(a @ W + b) in every layer, the hidden one included.", network_model(hidden=False)),
            ("the output layer has no activation.", "a = activation.fn(a @ W + b) in every layer, the last one "
             "included.", network_model(output=False)),
            ("the output layer uses a sigmoid of its own, not the activation the network was given (the hidden "
             "layers use it).", "every layer calls self.activation.fn, the output layer too.",
             network_model(output_sigmoid=True)),
            ("the hidden layer uses a function of its own (np.maximum, np.tanh or a sigmoid), not the activation the "
             "network was given (the output layer uses it).", "every layer calls self.activation.fn, the hidden "
             "ones too.", lambda probe: Either(*(network_model(hidden_fn=f)(probe) for f in (
                 lambda z: np.maximum(z, 0), np.tanh, sigmoid)))),
            ("run takes the layers in reverse order (W2 first).", "start from the input: weights[0] first.",
             network_model(reverse=True)),
            ("every layer reads X instead of the previous layer's output.", "feed forward: a = X, then "
             "a = activation.fn(a @ W + b) for each layer, so each layer reads the last a.",
             network_model(from_x=True)),
            ("run uses the first layer's weights in every layer.", "each layer has its own W: weights[l] for "
             "layer l.", network_model(same_W=True)),
            ("run pairs the biases with the wrong layers (the last layer's b with the first layer).",
             "biases[l] goes with weights[l]: zip(self.weights, self.biases).", network_model(biases_reversed=True)),
            ("the output layer has no bias: its b is never added.", "add each layer's b: fn(a @ W + b) in every "
             "layer.", network_model(no_bias_at=-1)),
            ("the hidden layer has no bias: its b is never added.", "add each layer's b: fn(a @ W + b) in every "
             "layer.", network_model(no_bias_at=0)),
        ]
    found = [Mistake(cause, hint, section, model) for cause, hint, model in items]
    found.append(float32_mistake(section))
    found.append(fixed_size(lambda probe: probe.params["layers"][0][0].shape[0] if probe.params.get("kind") in (
        "run", "twice") else None, 2, section))
    found.append(Mistake("run does not use the weights it was given: changing net.W (or net.weights) does not "
                         "change its output, so it keeps arrays of its own.",
                         "use self.W and self.b (self.weights and self.biases) in run: the checker sets them, as "
                         "training will.", section, explains=_ignores_weights))
    return found


def run_probe(make: Steps, net: str, X: Any, layers: Layers, act: Act, call: str, tag: dict[str, str],
              hint: str, set_layers: Callable[[Layers], None] | None = None, other: Layers | None = None) -> Probe:
    """The run step after ``make`` built the network ``net`` and set its arrays; with ``other``,
    ``set_layers(other)`` then a second run on the same network (a "twice" probe)."""
    symbol = "X" if np.ndim(X) == 2 else "x"
    first = make.call(f"{net}.run", (symbol, X))
    expected: Any = forward(layers, X, act.cls.fn)
    precision = "float32" if np.asarray(X).dtype == np.float32 else "float64"
    rule = Rule("array", "run's result", precision=precision)
    params = {"kind": "run", "layers": layers, "X": X, "act": act}
    if other is None:
        make.send(first)
    else:
        set_layers(other)
        make.send(first, make.call(f"{net}.run", (symbol, X)))
        expected = (expected, forward(other, X, act.cls.fn))
        rule = Rule("pair", "run's results before and after the weights change", precision=precision, parts=(
            Rule("array", "the first run's result", precision=precision),
            Rule("array", "the second run's result (new weights)", precision=precision)))
        params.update(kind="twice", other=other)
    return Probe(call, make, rule, expected,
                 note=f"{act.title} is the checker's activation: a class with static fn(z) and prime(z), like yours",
                 tags=tag, params=params, hint=hint)


def arrays_judge(expected: list[tuple[str, tuple[int, ...]]]) -> Callable[[Any], Problem | None]:
    """A judge for arrays read back after __init__: each a numpy array of exactly its shape."""

    def judge(got: Any) -> Problem | None:
        values = got if isinstance(got, tuple) else (got,)
        for (name, shape), value in zip(expected, values, strict=True):
            if not isinstance(value, np.ndarray):
                return Problem("type", f"{name} is {show(value, 120)}; expected a numpy array of shape {shape}.",
                               hint="make it with numpy: np.zeros(shape) or rng.standard_normal(shape).")
            if value.shape != shape:
                kind = " (transposed?)" if value.shape == shape[::-1] else ""
                return Problem("shape", f"{name} has shape {value.shape}; expected {shape}{kind}.",
                               hint="W has shape (n_in, n_out), one column per neuron, so that a @ W works for a "
                                    "batch a of shape (n, n_in); b has shape (n_out,), one entry per neuron.")
            if value.dtype.kind not in "iuf":
                return Problem("type", f"{name} is an array of {value.dtype}; expected numbers.")
        return None

    return judge


def random_layers(rng: np.random.Generator, sizes: list[int]) -> Layers:
    """Random (W, b) for the layer sizes ``sizes``, rounded to 3 decimals (easy to read back)."""
    return [(np.round(rng.normal(size=(n_in, n_out)), 3), np.round(rng.normal(size=n_out), 3))
            for n_in, n_out in pairwise(sizes)]

