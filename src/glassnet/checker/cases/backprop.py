"""Exercise backprop: BP1-BP4 for a sigmoid network with MSE. Lesson 06.

The right gradients are glassnet's ``NeuralNetwork.backprop``; ``gradients`` below is the same
computation written out with a keyword per known mistake, the models of the catalogue.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np

from glassnet.checker import structure
from glassnet.checker.compare import Problem, Rule, compare
from glassnet.checker.deltas import trace
from glassnet.checker.mistakes import Either, Mistake, Outcome, fixed_size, float32_mistake
from glassnet.checker.probes import Probe, Steps, tags

LESSON = "06, backpropagation"
SECTION = "The four equations"
ORDER = 9
EXERCISED = ("backprop",)
SHAPE_HINT = ("check the shapes: BP2 multiplies delta by Wᵀ, delta = (delta_next @ W_next.T) ⊙ σ'(Z) "
              "with delta_next (n, n_next) and W_next (n_l, n_next); BP4 is dC_dW = A_prev.T @ delta / n.")
EQUATIONS, ALGORITHM = "The four equations", "The algorithm"
HINT = ("BP1 delta_L = (A_L − Y) ⊙ σ'(Z_L); BP2 delta = (delta_next @ W_next.T) ⊙ σ'(Z); BP3 dC_db = "
        "delta.mean(axis=0); BP4 dC_dW = A_prev.T @ delta / n.")


def sigma(z: np.ndarray) -> np.ndarray:
    from glassnet.activations import Sigmoid

    return Sigmoid.fn(z)


def reference(weights: list[np.ndarray], biases: list[np.ndarray], X: np.ndarray, Y: np.ndarray) -> tuple:
    """glassnet's gradients for a sigmoid network with MSE, in float64."""
    from glassnet.activations import Sigmoid
    from glassnet.layers import Dense
    from glassnet.losses import MSE
    from glassnet.network import NeuralNetwork

    layers = []
    for W, b in zip(weights, biases, strict=True):
        layer = Dense(*W.shape, Sigmoid)
        layer.W, layer.b = np.array(W, dtype=float), np.array(b, dtype=float)
        layers.append(layer)
    grads = NeuralNetwork(layers, loss=MSE).backprop(np.asarray(X, dtype=float), np.asarray(Y, dtype=float))
    return [np.asarray(g[0]) for g in grads], [np.asarray(g[1]) for g in grads]


def gradients(weights: list[np.ndarray], biases: list[np.ndarray], X: np.ndarray, Y: np.ndarray, *,
              bp1_prime: bool = True, bp2_prime: bool = True, transpose: bool = True, mean_b: bool = True,
              mean_W: bool = True, sign: float = 1.0, prime: str = "a", ravel_y: bool = False,
              reverse: bool = False, W_transposed: bool = False, keepdims: bool = False, bias: bool = True,
              divisor: float | None = None, twice: bool = False, bp4_input: str = "own", b_over_units: bool = False,
              swap: bool = False, next_slope: bool = False, n_from: int = 0, bp1_slope: str = "output",
              bp2_W: str = "next", bp3_rows: bool = False, input_slope: bool = False, W_over_size: bool = False,
              ) -> tuple[list[Any], list[Any]]:
    """BP1-BP4 in row form, with one known mistake switched on by a keyword. prime: "a" (the
    rule, a(1 − a)), "z" (z(1 − z)), "σ(a)" (σ(a)(1 − σ(a))). bp4_input, the activations BP4
    multiplies delta by: "own" (the layer's input, the rule), "output" (the layer's own output), "X"
    (the network's input for every layer), "last hidden" (the last hidden layer's for every layer
    but the first); "z without b": σ'(Z) at a Z stored without the bias. n_from: the axis of X that n
    is read from (0, the rule; 1: the inputs). bp1_slope: "output" (σ'(Z_L), the rule) or "label"
    (Y (1 − Y)). bp2_W: "next" (the rule, W of the layer after) or "own" (the layer's own W).
    bp3_rows: BP3 is delta.mean(axis=0) whatever n is. input_slope: BP2's slope is A (1 − A) of the
    layer's input, not of its output. W_over_size: BP4 divides by delta.size (n × the layer's units)."""
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    A, Zs, bare = [X], [], []
    for W, b in zip(weights, biases, strict=True):
        bare.append(A[-1] @ W)
        Zs.append(bare[-1] + (b if bias else 0))
        A.append(sigma(Zs[-1]))

    def slope(l: int) -> np.ndarray:
        a, z = A[l + 1], Zs[l]
        if prime == "z without b":
            return sigma(bare[l]) * (1 - sigma(bare[l]))
        return {"a": a * (1 - a), "z": z * (1 - z), "σ(a)": sigma(a) * (1 - sigma(a)), "a only": a,
                "a(1 - z)": a * (1 - z)}[prime]

    n, L = X.shape[n_from], len(weights)
    n_mean = divisor if divisor is not None else n * (n if twice else 1)
    output_slope = Y * (1 - Y) if bp1_slope == "label" else slope(L - 1)
    delta = (A[-1] - (Y.ravel() if ravel_y else Y)) * (output_slope if bp1_prime else 1)
    grads_W, grads_b = [None] * L, [None] * L
    for l in range(L - 1, -1, -1):
        b_over = delta.shape[1] if b_over_units else delta.shape[0] if bp3_rows else n_mean if mean_b else 1
        grads_b[l] = sign * (delta.sum(axis=0, keepdims=keepdims) / b_over)
        A_in = {"own": A[l], "output": A[l + 1], "X": A[0], "last hidden": A[-2] if l else A[0]}[bp4_input]
        gW = sign * (A_in.T @ delta / (delta.size if W_over_size else n_mean if mean_W else 1))
        grads_W[l] = gW.T if W_transposed else gW
        if l:
            slope_here = slope(l) if next_slope else A[l - 1] * (1 - A[l - 1]) if input_slope else slope(l - 1)
            W_back = weights[l] if bp2_W == "next" else weights[l - 1]
            delta = (delta @ (W_back.T if transpose else W_back)) * (slope_here if bp2_prime else 1)
    if reverse:
        return grads_W[::-1], grads_b[::-1]
    return (grads_b, grads_W) if swap else (grads_W, grads_b)


def _model(**mistake: Any) -> Any:
    def model(probe: Probe) -> Any:
        p = probe.params
        return gradients(p["weights"], p["biases"], p["X"], p["Y"], **mistake)

    return model


def _either(*mistakes: dict[str, Any]) -> Any:
    """A model that fits any of the ``gradients`` mistakes given (a slip learners make in several ways)."""

    def model(probe: Probe) -> Any:
        p = probe.params
        return Either(*(gradients(p["weights"], p["biases"], p["X"], p["Y"], **m) for m in mistakes))

    return model


def _fixed_divisor(probes: list[Probe], outcomes: list[Outcome]) -> bool:
    """dC/dW (and dC/db, or only one of them) is n/c times the right one for one fixed c, the
    other part right: BP4 (BP3) divides by c, not by n."""
    divisors, scaled = set(), 0
    for probe, outcome in zip(probes, outcomes, strict=True):
        if probe.structure or outcome.status == "not run":
            continue
        if outcome.status == "error":
            return False
        n = probe.params["X"].shape[0]
        for part in (0, 1):
            try:
                got = np.concatenate([np.ravel(np.asarray(g, dtype=float)) for g in outcome.got[part]])
            except (TypeError, ValueError, IndexError):
                return False
            right = np.concatenate([np.ravel(g) for g in probe.expected[part]])
            if got.shape != right.shape:
                return False
            big = np.abs(right) > 1e-9 * np.max(np.abs(right))
            ratios = got[big] / right[big]
            tolerance = 1e-5 if probe.rule.precision == "float32" else 1e-9
            if not ratios.size or np.ptp(ratios) > tolerance * abs(ratios[0]):
                return False
            if abs(ratios[0] - 1) > tolerance:
                divisors.add(round(float(n / ratios[0]), 4))
                scaled += 1
    return scaled > 0 and len(divisors) == 1 and divisors != {1.0}  # c = 1: no division at all, named apart


MISTAKES = [
    Mistake("every gradient has the wrong sign: BP1 uses Y − A, the derivative of −C.",
            "BP1 is delta_L = (A_L − Y) ⊙ σ'(Z_L).", EQUATIONS, _model(sign=-1.0)),
    Mistake("every gradient is twice the right one: BP1 uses 2 (A_L − Y), the derivative of (A − Y)², but the "
            "track's cost is C = ½ mean‖A − Y‖², whose ½ cancels the 2.", "BP1 is delta_L = (A_L − Y) ⊙ σ'(Z_L), "
            "with no factor 2.", EQUATIONS, _model(sign=2.0)),
    Mistake("BP1 has no σ'(Z_L): delta_L = A_L − Y is cross-entropy's shortcut; with MSE the output layer's slope "
            "stays in.", "BP1: delta_L = (A_L − Y) ⊙ σ'(Z_L), σ'(Z) = A (1 − A).", EQUATIONS, _model(bp1_prime=False)),
    Mistake("BP2 has no σ'(Z): the hidden layers' error is sent back without their own slope.",
            "BP2: delta = (delta_next @ W_next.T) ⊙ σ'(Z), with this layer's A (1 − A).", EQUATIONS,
            _model(bp2_prime=False)),
    Mistake("BP2 multiplies by W_next, not its transpose: delta_next @ W_next only fits, wrongly, when the layers "
            "are square.", "BP2: delta = (delta_next @ W_next.T) ⊙ σ'(Z).", EQUATIONS, _model(transpose=False)),
    Mistake("BP3 sums delta over the batch instead of averaging it: dC/db is n times too large.",
            "BP3: dC_db = delta.mean(axis=0).", EQUATIONS, _model(mean_b=False)),
    Mistake("BP4 does not divide by n: dC/dW is n times too large.", "BP4: dC_dW = A_prev.T @ delta / n.",
            EQUATIONS, _model(mean_W=False)),
    Mistake("neither BP3 nor BP4 averages over the batch: every gradient is n times too large.",
            "BP3 dC_db = delta.mean(axis=0); BP4 dC_dW = A_prev.T @ delta / n.", EQUATIONS,
            _model(mean_W=False, mean_b=False)),
    Mistake("the batch is averaged twice (delta already divided by n, then BP3 and BP4 divide again): every "
            "gradient is n times too small.", "divide by n once, in BP3 and BP4; deltas are per example.",
            EQUATIONS, _model(twice=True)),
    Mistake("σ' is computed as z (1 − z): the formula a (1 − a) needs the activation A = σ(Z), not Z.",
            "σ'(Z) = A (1 − A) with A = σ(Z).", EQUATIONS, _model(prime="z")),
    Mistake("σ' is computed as σ(A)(1 − σ(A)): the sigmoid applied once too often (A is σ(Z) already).",
            "σ'(Z) = σ(Z)(1 − σ(Z)) = A (1 − A).", EQUATIONS, _model(prime="σ(a)")),
    Mistake("BP2 multiplies by the slope of the layer after (σ'(Z_next)), not this layer's own σ'(Z): that only "
            "fits, wrongly, when the two layers are as wide.", "BP2: delta = (delta_next @ W_next.T) ⊙ σ'(Z) with "
            "this layer's Z.", EQUATIONS, _model(next_slope=True)),
    Mistake("BP2 multiplies by the slope of the layer's input, A_prev (1 − A_prev) (X for the first layer), not by "
            "its own σ'(Z) = A (1 − A): that only fits, wrongly, when the two layers are as wide.",
            "BP2: delta = (delta_next @ W_next.T) ⊙ σ'(Z), with A = σ(Z) the layer's own output.", EQUATIONS,
            _model(input_slope=True)),
    Mistake("σ' is computed as A (1 − Z), mixing the activation and the weighted input.", "σ'(Z) = A (1 − A), "
            "with A = σ(Z) both times.", EQUATIONS, _model(prime="a(1 - z)")),
    Mistake("σ' is computed as A alone: the (1 − A) factor of σ'(Z) = A (1 − A) is missing.",
            "σ'(Z) = A (1 − A) with A = σ(Z).", EQUATIONS, _model(prime="a only")),
    Mistake("BP4 multiplies delta by this layer's own activations, not the previous layer's: A_prev is the input "
            "of the layer (X for the first).", "BP4: dC_dW = A_prev.T @ delta / n, with A_prev the layer's input.",
            EQUATIONS, _model(bp4_input="output")),
    Mistake("BP4 multiplies delta by X, the network's input, in every layer: only the first layer's input is X.",
            "BP4: dC_dW = A_prev.T @ delta / n, with A_prev the input of that layer (the previous layer's "
            "activations).", EQUATIONS, _model(bp4_input="X")),
    Mistake("BP4 multiplies delta by the last hidden layer's activations in every layer after the first: each "
            "layer needs its own input.", "BP4: dC_dW = A[l].T @ delta / n, with A[l] the input of layer l (keep "
            "every layer's activations in a list during the feedforward).", EQUATIONS,
            _model(bp4_input="last hidden")),
    Mistake("BP4 divides by delta.size, n times the layer's number of units (np.mean over every entry's count), "
            "not by n alone.", "BP4: dC_dW = A_prev.T @ delta / n, with n = X.shape[0], the number of examples.",
            EQUATIONS, _model(W_over_size=True)),
    Mistake("BP3 divides the sum of delta by the number of output units of the layer (delta.shape[1]), not by n, "
            "the number of examples (delta.shape[0]).", "BP3: dC_db = delta.mean(axis=0): the mean over the "
            "batch's rows.", EQUATIONS, _model(b_over_units=True)),
    Mistake("backprop returns (grads_b, grads_W): the pair is the other way round.", "return grads_W, grads_b.",
            ALGORITHM, _model(swap=True)),
    Mistake("Y is flattened (Y.ravel(), Y.flatten(), Y[:, 0]): A_L − Y then broadcasts (n, 1) against (n,) into an "
            "(n, n) square, and BP1 is wrong from there on.", "keep Y as given, shape (n, n_outputs): A_L − Y.",
            EQUATIONS, _model(ravel_y=True)),
    Mistake("the gradients are returned from the last layer to the first: the lists are reversed.",
            "grads_W[l] and grads_b[l] belong to weights[l] and biases[l]: fill them by index (or reverse the "
            "lists before returning).", ALGORITHM, _model(reverse=True)),
    Mistake("BP4 is transposed: delta.T @ A_prev has shape (n_out, n_in), Nielsen's w, not our W.",
            "BP4: dC_dW = A_prev.T @ delta / n, shape (n_in, n_out) like W.", EQUATIONS, _model(W_transposed=True)),
    Mistake("BP3 keeps the batch axis: dC/db has shape (1, n_out) (keepdims) instead of (n_out,).",
            "dC_db = delta.mean(axis=0), shape (n_out,) like b.", EQUATIONS, _model(keepdims=True)),
    Mistake("the feedforward forgets the biases: Z = A_prev @ W.", "Z = A_prev @ W + b in every layer.",
            ALGORITHM, _model(bias=False)),
    Mistake("n is read from the wrong axis: X.shape[1] (the number of inputs) instead of X.shape[0] (the number of "
            "examples), so the averages that divide by n (BP4, and BP3 where it does) divide by the number of inputs "
            "(right only when the two are equal).", "n = X.shape[0]: X has one row per example.", EQUATIONS,
            _either({"n_from": 1}, {"n_from": 1, "bp3_rows": True})),
    Mistake("the feedforward stores Z without the bias (z = a @ W, the bias added only inside σ): σ'(Z) is then "
            "taken at a point other than the layer's weighted input.", "store the whole weighted input, Z = A_prev @ "
            "W + b, and take σ'(Z) (or A (1 − A)) of that.", ALGORITHM, _model(prime="z without b")),
    Mistake("BP1 multiplies by Y (1 − Y), the labels' slope, instead of σ'(Z_L) = A_L (1 − A_L), the output's.",
            "BP1: delta_L = (A_L − Y) ⊙ σ'(Z_L), with A_L the network's output.", EQUATIONS,
            _model(bp1_slope="label")),
    Mistake("BP2 carries delta back through the wrong matrix: from the delta of weights[l]'s layer it multiplies "
            "by weights[l − 1].T, one layer too far down, where the W that joins the two layers is weights[l]: that "
            "only fits, wrongly, where the shapes happen to agree.", "BP2: delta_below = (delta @ weights[l].T) ⊙ "
            "σ'(Z_below), with weights[l] the same W the feedforward used between the two layers.", EQUATIONS,
            _model(bp2_W="own")),
    Mistake("BP4 (or BP3) divides by a fixed number c, not by n, the size of this batch: those gradients are n/c "
            "times the right ones (right only when n = c).", "divide by n = X.shape[0], the number of examples in "
            "this batch.", EQUATIONS, explains=_fixed_divisor),
    float32_mistake(EQUATIONS),
    fixed_size(lambda probe: probe.params["X"].shape[1], 2, ALGORITHM),
]


def _structure() -> Probe:
    steps = Steps()
    steps.send(steps.describe("module.backprop"))
    how = "write def backprop(weights, biases, X, Y):"

    def judge(found: Any) -> Any:
        return structure.need(found, "backprop", "function", how) or structure.need_call(
            found, "backprop(weights, biases, X, Y)", 4, (), how)

    return Probe("backprop(weights, biases, X, Y)", steps, judge=judge, structure=True, hint=how)


def _table(got: Any, expected: tuple) -> str:
    from glassnet.gradcheck import relative_error

    rows = []
    for l, (gW, gb, eW, eb) in enumerate(zip(got[0], got[1], expected[0], expected[1], strict=True)):
        rows.append(f"layer {l}: dC/dW {relative_error(np.asarray(gW, dtype=float), eW):.1e}   "
                    f"dC/db {relative_error(np.asarray(gb, dtype=float), eb):.1e}")
    return "\n".join(rows)


def backprop_probe(sizes: list[int], n: int, seed: int, tag: dict[str, str], *, scale: float = 1.0,
                   dtype: Any = float, integer: bool = False) -> Probe:
    rng = np.random.default_rng(seed)
    weights = [(scale * rng.standard_normal((a, b))).astype(dtype) for a, b in pairwise(sizes)]
    biases = [rng.standard_normal(b).astype(dtype) for b in sizes[1:]]
    X = rng.standard_normal((n, sizes[0])).astype(dtype)
    Y = rng.uniform(size=(n, sizes[-1])).astype(dtype)
    if integer:
        X, Y = rng.integers(-2, 3, size=(n, sizes[0])), rng.integers(0, 2, size=(n, sizes[-1]))
    steps = Steps()
    steps.send(steps.call("module.backprop", ("weights", weights), ("biases", biases), ("X", X), ("Y", Y)))
    expected = reference(weights, biases, X, Y)
    precision = "float32" if dtype == np.float32 else "float64"
    rule = Rule("pair", "backprop's result", precision=precision, parts=(
        Rule("arrays", "grads_W", precision=precision, relative=True),
                                                      Rule("arrays", "grads_b", precision=precision, relative=True)))

    def judge(got: Any) -> Problem | None:
        problem = compare(rule, got, expected)
        if problem is not None and problem.kind == "value":
            return Problem("value", f"{problem.text}\nrelative error per layer, ‖g − g_right‖ / (‖g‖ + ‖g_right‖):\n"
                                    f"{_table(got, expected)}", problem.index)
        return problem

    sizes_text = " → ".join(map(str, sizes))
    note = (f"a sigmoid network {sizes_text} with MSE, n = {n} examples; to rebuild it:\n"
            f"rng = np.random.default_rng({seed})\nweights = [{'' if scale == 1 else f'{scale} * '}"
            f"rng.standard_normal(s) for s in {list(pairwise(sizes))}]\nbiases = [rng.standard_normal(n) for n in "
            f"{sizes[1:]}]\nX = rng.standard_normal(({n}, {sizes[0]})); Y = rng.uniform(size=({n}, {sizes[-1]}))")
    if integer or dtype is not float:
        kind = "integer" if integer else "float32"
        note = f"a sigmoid network {sizes_text} with MSE, n = {n} examples, {kind} inputs"
    return Probe("grads_W, grads_b = backprop(weights, biases, X, Y)", steps, judge=judge, expected=expected,
                 rule=rule, note=note, tags=tag,
                 inputs={"weights": f"{len(weights)} arrays of shapes {', '.join(str(W.shape) for W in weights)}",
                         "biases": f"{len(biases)} arrays of shapes {', '.join(str(b.shape) for b in biases)}",
                         "X": f"shape {X.shape}", "Y": f"shape {Y.shape}"},
                 show_expected=f"gradients of shapes {', '.join(str(g.shape) for g in expected[0])} and "
                               f"{', '.join(str(g.shape) for g in expected[1])}, agreeing with central differences",
                 params={"weights": weights, "biases": biases, "X": X, "Y": Y}, hint=HINT)


def probes(rng: np.random.Generator) -> list[Probe]:
    """Networks of two and three layers, one output, a batch of one, square layers and batch,
    integers, float32, saturated units (large weights) and a random network."""
    seeds = [int(s) for s in rng.integers(0, 10_000, size=2)]
    deep = {"deep": "three layers"}
    return [
        _structure(),
        backprop_probe([2, 3, 1], 4, 0, tags("one_output")),
        backprop_probe([3, 4, 2], 5, 1, {}),
        backprop_probe([2, 3, 3, 2], 3, 2, deep),
        backprop_probe([3, 4, 2], 1, 3, tags("batch1")),
        backprop_probe([3, 3, 3], 3, 4, tags("square")),
        backprop_probe([2, 4, 3, 1], 6, 5, deep | tags("one_output")),
        backprop_probe([3, 4, 2], 5, 6, tags("int"), integer=True),
        backprop_probe([3, 4, 2], 5, 7, tags("float32"), dtype=np.float32),
        backprop_probe([3, 4, 2], 5, 8, {"saturated": "large weights (saturated units)"}, scale=4.0),
        backprop_probe([4, 5, 3], 7, seeds[0], tags("random")),
        backprop_probe([3, 2, 4, 2], 2, seeds[1], tags("random") | deep),
    ]


def explain(probes: list[Probe], outcomes: list[Outcome], first: int) -> dict[str, str] | None:
    """Which layers' gradients are right, a factor common to the wrong ones, when it is one, and where
    the deltas of the check with one example first differ (``deltas.trace``)."""
    probe, result = probes[first], outcomes[first]
    if result.status != "wrong" or result.problem.kind != "value":
        return None
    got, (right_W, right_b) = result.got, probe.expected
    parts = []
    for l in range(len(right_W) - 1, -1, -1):
        for name, g, e in (("dC/dW", got[0][l], right_W[l]), ("dC/db", got[1][l], right_b[l])):
            g = np.asarray(g, dtype=float)
            if g.shape == e.shape and np.allclose(g, e, rtol=1e-7, atol=1e-10 * np.max(np.abs(e))):
                parts.append(f"layer {l} {name} right")
                continue
            ratio = g / np.where(e == 0, np.nan, e) if g.shape == e.shape else np.array([np.nan])
            finite = ratio[np.isfinite(ratio)]
            distinct = len(np.unique(np.round(e[e != 0], 12))) if g.shape == e.shape else 0
            if distinct > 1 and finite.size == np.count_nonzero(e) and np.ptp(finite) < 1e-7 * abs(finite[0]):
                n = probe.params["X"].shape[0]
                size = next((f" ({text})" for text, value in (("n", n), ("1/n", 1 / n), ("1/n²", 1 / n**2),
                                                              ("n²", n**2)) if n > 1 and np.isclose(finite[0], value)),
                            "")
                parts.append(f"layer {l} {name} exactly {finite[0]:.4g}× the right one{size}")
            else:
                parts.append(f"layer {l} {name} wrong")
    from glassnet.checker.mistakes import depends

    n = probe.params["X"].shape[0]
    traced = trace(probes, outcomes)
    return {"depends": depends(probes, outcomes),
            "pattern": f"on this check (n = {n}): " + "; ".join(parts) + ". BP1 makes the last layer's delta, BP2 "
                       "carries it to the earlier ones: the first layer (from the output) that is wrong is where to "
                       "look." + (f"\n{traced}" if traced else "")}

