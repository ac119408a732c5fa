"""Probes and mistakes shared by the two perceptron exercises (1-d and n-d). Lesson 01.

The right answer is the track's one rule, 1 if w·x + b > 0 else 0, computed here in float64.
Each mistake is a small function of a probe's (w, b, x) giving what that mistake returns.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from glassnet.checker.compare import Rule
from glassnet.checker.mistakes import ANY, SAME, SKIP, Mistake, Outcome
from glassnet.checker.probes import Probe, Steps, tags
from glassnet.checker.values import code, num

PERCEPTRON = "The perceptron"
BOUNDARY = "`>` or `>=`: the track's own code"
RULE = "run returns 1 if w·x + b > 0, else 0."


def stored_probe(w: Any, b: Any, tag: dict[str, str] | None = None) -> Probe:
    """``p = Perceptron(w, b); p.weight, p.bias``: the numbers kept as they were given."""
    steps = Steps()
    p = steps.call("module.Perceptron", ("w", w), ("b", b), callee="Perceptron")
    steps.send(steps.get(f"{p}.weight"), steps.get(f"{p}.bias"))
    vector = np.ndim(w) > 0
    precision = "float32" if getattr(w, "dtype", None) == np.float32 else "float64"
    rule = Rule("pair", "p.weight, p.bias", precision=precision, parts=(
        Rule("array" if vector else "number", "p.weight", precision=precision), Rule("number", "p.bias")))
    return Probe(f"p = Perceptron({code(w)}, {code(b)}); p.weight, p.bias", steps, rule, (w, b),
                 tags={"stored": "the attributes p.weight and p.bias read back", **(tag or {})},
                 params={"kind": "stored", "w": w, "b": b},
                 hint="__init__ keeps its arguments as they are: self.weight = w and self.bias = b.")


def label_probe(w: Any, b: Any, x: Any, tag: dict[str, str] | None = None, hint: str = RULE) -> Probe:
    """``Perceptron(w, b).run(x)`` for one point: the int 0 or 1."""
    steps = Steps()
    p = steps.call("module.Perceptron", ("w", w), ("b", b), callee="Perceptron")
    steps.send(steps.call(f"{p}.run", ("x", x)))
    symbol = "X" if np.ndim(x) == 2 else "x"
    batch = np.ndim(x) == 2
    z = None if batch else float(np.dot(w, x)) + float(b)
    expected = (np.asarray(x, dtype=float) @ np.asarray(w, dtype=float) + b > 0).astype(int) if batch else int(z > 0)
    note = f"w·x + b = {num(z)}" if not batch else "a batch: one point per row; run returns an int array, one per row"
    precision = "float32" if np.float32 in (np.asarray(w).dtype, np.asarray(x).dtype) else "float64"
    rule = Rule("labels", "run(X)", shape=np.shape(expected), precision=precision) if batch else \
        Rule("label", "run", precision=precision)
    tag = ({"batch": "a batch (X, one point per row)"} if batch else {}) | (tag or {})
    return Probe(f"Perceptron({code(w)}, {code(b)}).run({code(x) if not batch else symbol})", steps, rule, expected,
                 inputs={symbol: x} if batch or np.ndim(x) else {}, note=note, tags=tag,
                 params={"kind": "run", "w": w, "b": b, "x": x}, hint=hint)


def _z(probe: Probe) -> Any:
    p = probe.params
    return np.asarray(p["x"], dtype=float) @ np.asarray(p["w"], dtype=float) + p["b"] if np.ndim(p["x"]) \
        else float(p["w"]) * float(p["x"]) + float(p["b"])


def _labels(values: Any) -> Any:
    """Class labels from a model's condition, one number or one per row."""
    return np.asarray(values).astype(int) if np.ndim(values) else int(values)


def runs(decide: Any, stored: Any = SAME) -> Any:
    """A model from ``decide(w, b, x) -> condition`` (for run probes) and ``stored(w, b)``."""

    def model(probe: Probe) -> Any:
        p = probe.params
        if p["kind"] == "stored":
            return stored if stored is SAME or stored is SKIP else stored(p["w"], p["b"])
        w, b, x = np.asarray(p["w"], dtype=float), float(p["b"]), np.asarray(p["x"], dtype=float)
        return _labels(decide(w, b, x))

    return model


def _through_sigmoid(vector: bool) -> Any:
    """σ(w·x + b) > 0.5; for |z| > 700 anything (math.exp raises there, np.exp does not)."""
    decide = runs(lambda w, b, x: 1 / (1 + np.exp(-((x @ w if vector else w * x) + b))) > 0.5)

    def model(probe: Probe) -> Any:
        if probe.params["kind"] == "run" and np.max(np.abs(_z(probe))) > 700:
            return ANY
        return decide(probe)

    return model


def _beyond_int64(model: Any) -> Any:
    """``model``, but anything where w·x + b is beyond int64 (a cast to int is undefined there)."""

    def wrapped(probe: Probe) -> Any:
        if probe.params["kind"] == "run" and np.max(np.abs(_z(probe))) >= 2.0**63:
            return ANY
        return model(probe)

    return wrapped


def _truncated(vector: bool) -> Any:
    """x cut to integers; anything where x is beyond int64 (the cast's result is undefined there)."""
    decide = runs(lambda w, b, x: (np.trunc(x) @ w if vector else w * np.trunc(x)) + b > 0)

    def model(probe: Probe) -> Any:
        if probe.params["kind"] == "run" and np.max(np.abs(probe.params["x"])) >= 2.0**63:
            return ANY
        return decide(probe)

    return model


def _threshold(probes: list[Probe], outcomes: list[Outcome]) -> bool:
    """run compares w·x + b with some t > 0 (z > 1e-9, z > 0.5): every answer fits one such t.
    (int(z) > 0, which is z >= 1, fits a t just below 1 as well: both are then named.)"""
    low, high, wrong = -np.inf, np.inf, 0
    for probe, outcome in zip(probes, outcomes, strict=True):
        if probe.structure or outcome.status == "not run" or probe.params.get("kind") != "run":
            if outcome.failed and not probe.structure:
                return False
            continue
        if outcome.status == "error":
            return False
        z = np.atleast_1d(_z(probe))
        got = np.atleast_1d(np.asarray(outcome.got, dtype=float)) if not isinstance(outcome.got, list | str) else None
        if got is None or got.shape != z.shape or not np.isin(got, (0.0, 1.0)).all():
            return False
        low = max(low, float(np.max(z[got == 0], initial=-np.inf)))
        high = min(high, float(np.min(z[got == 1], initial=np.inf)))
        wrong += outcome.failed and outcome.problem.kind == "value"
    return bool(wrong) and low < high and low > 0


def mistakes(vector: bool) -> list[Mistake]:
    """The perceptron's catalogue (``vector``: the n-d exercise, with batches)."""
    dot = "w·x" if vector else "w * x"
    items = [
        Mistake(f"the bias is missing: run compares {dot} with 0, not {dot} + b.",
                f"add the bias before comparing: {dot} + b > 0.", PERCEPTRON,
                runs(lambda w, b, x: x @ w > 0 if vector else w * x > 0)),
        Mistake("the comparison points the wrong way: run gives 1 where w·x + b < 0.",
                "class 1 is the side where w·x + b > 0.", PERCEPTRON,
                runs(lambda w, b, x: (x @ w if vector else w * x) + b < 0)),
        Mistake("run uses >= 0: a point exactly on the boundary (w·x + b = 0) gets class 1.",
                "the boundary is class 0 in this track: use > 0, never >= 0.", BOUNDARY,
                runs(lambda w, b, x: (x @ w if vector else w * x) + b >= 0)),
        Mistake("the bias has the wrong sign: run computes w·x − b (or compares w·x > b).",
                "the perceptron computes w·x + b and compares it with 0.", PERCEPTRON,
                runs(lambda w, b, x: (x @ w if vector else w * x) - b > 0)),
        Mistake("run goes through the sigmoid (σ(z) > 0.5 or round(σ(z))): for a tiny positive z, σ(z) rounds to "
                "exactly 0.5 and the class comes out 0.",
                "compare w·x + b with 0 directly: int(w·x + b > 0).", PERCEPTRON, _through_sigmoid(vector)),
        Mistake("run cuts w·x + b to an integer (int(...), .astype(int), np.floor) before comparing: every 0 < z < 1 "
                "becomes 0.",
                "compare first, then convert: int(w·x + b > 0), not int(w·x + b) > 0.", PERCEPTRON,
                _beyond_int64(runs(lambda w, b, x: np.trunc((x @ w if vector else w * x) + b) > 0))),
        Mistake("run returns np.sign(w·x + b): −1, 0 or 1, not a class.",
                "a class is 0 or 1: 1 where w·x + b > 0, else 0.", PERCEPTRON,
                lambda probe: SAME if probe.params["kind"] == "stored" else np.sign(_z(probe))),
        Mistake("run answers 1 or −1 (the ±1 convention): a point of class 0 gets −1.",
                "the classes here are 0 and 1: 1 if w·x + b > 0 else 0.", PERCEPTRON,
                lambda probe: SAME if probe.params["kind"] == "stored" else np.where(_z(probe) > 0, 1, -1)
                if np.ndim(probe.params["x"]) == 2 else (1 if _z(probe) > 0 else -1)),
        Mistake("run leaves x out: it compares w + b with 0, whatever the point.",
                "multiply the weight by the input: w·x + b.", PERCEPTRON,
                runs(lambda w, b, x: np.full(x.shape[:-1], np.sum(w) + b) > 0 if vector else w + b > 0)),
        Mistake("run returns w·x + b itself, not the class it decides.",
                "return the class: 1 if w·x + b > 0 else 0 (int(z > 0) does it).", PERCEPTRON,
                lambda probe: SAME if probe.params["kind"] == "stored" else _z(probe)),
        Mistake("the bias is inside the product: run computes w·(x + b), not w·x + b.",
                "the bias is added after the product: w·x + b.", PERCEPTRON,
                runs(lambda w, b, x: (x + b) @ w > 0 if vector else w * (x + b) > 0)),
        Mistake("the weights and bias are kept as float32 and lose digits: a point just above the boundary "
                "rounds onto it.", "keep the numbers as given (self.weight = w), in float64.", PERCEPTRON,
                runs(lambda w, b, x: np.float32(0) + (x.astype(np.float32) @ w.astype(np.float32) if vector else
                                                      np.float32(w) * np.float32(x)) + np.float32(b) > 0,
                     stored=lambda w, b: (np.asarray(w, np.float32) if vector else np.float32(w), np.float32(b))),
                needs="float32"),
        Mistake("run compares w·x + b with a number above 0 (such as z > 1e-9 or z > 0.5), not with 0 itself.",
                "compare with 0 exactly: w·x + b > 0. A tolerance turns points just above the boundary into "
                "class 0.", PERCEPTRON, explains=_threshold),
        Mistake("run compares |w·x + b| with 0 (or z != 0): every point off the boundary gets class 1, whichever "
                "side it is on.", "the sign matters: 1 if w·x + b > 0, else 0.", PERCEPTRON,
                runs(lambda w, b, x: np.abs((x @ w if vector else w * x) + b) > 0)),
        Mistake("run turns the input into integers (int(x), dtype=int): decimals of x are cut off before w·x + b.",
                "use x as given: no int(), no dtype=int.", PERCEPTRON,
                _truncated(vector)),
    ]
    if not vector:
        items.append(Mistake("the bias is multiplied by x too: run computes (w + b)·x, not w·x + b.",
                             "the bias is added on its own: w * x + b.", PERCEPTRON,
                             runs(lambda w, b, x: (w + b) * x > 0)))
        items.append(Mistake("run answers 0 for every negative x, whatever w·x + b is.",
                             "the class depends only on w·x + b > 0, for negative x too.", PERCEPTRON,
                             runs(lambda w, b, x: (w * x + b > 0) & (x >= 0))))
        items.append(Mistake("__init__ keeps int(b): the bias loses its decimals.", "keep the numbers as given: "
                             "self.bias = b.", PERCEPTRON, runs(lambda w, b, x: w * x + int(b) > 0,
                                                                   stored=lambda w, b: (w, int(b)))))
        items.append(Mistake("__init__ keeps int(w): the weight loses its decimals.", "keep the numbers as given: "
                             "self.weight = w.", PERCEPTRON, runs(lambda w, b, x: int(w) * x + b > 0,
                                                                    stored=lambda w, b: (int(w), b))))
        items.insert(4, Mistake("w and b are swapped: __init__ keeps b as the weight and w as the bias.",
                                "Perceptron(w, b): the first argument is the weight, the second the bias.",
                                PERCEPTRON, runs(lambda w, b, x: b * x + w > 0, stored=lambda w, b: (b, w))))
        items.insert(5, Mistake("w and b are swapped in run: it computes b·x + w (bias times x, plus the weight); "
                                "__init__ keeps them right.", "run computes self.weight * x + self.bias.",
                                PERCEPTRON, runs(lambda w, b, x: b * x + w > 0)))
    if vector:
        items.insert(4, Mistake("the bias is added to every product: run computes Σ (w_i x_i + b) = w·x + d·b.",
                                "add b once, after the sum: w·x + b.", PERCEPTRON,
                                runs(lambda w, b, x: x @ w + len(w) * b > 0)))
    return items


def random_points(rng: np.random.Generator, n: int, d: int | None) -> list[tuple[Any, float, Any]]:
    """``n`` random (w, b, x): one-input when ``d`` is None, else d inputs."""
    out = []
    for _ in range(n):
        shape = () if d is None else (d,)
        w, b, x = rng.normal(0, 2, size=shape), float(rng.normal(0, 2)), rng.normal(0, 2, size=shape)
        out.append((float(w) if d is None else w, b, float(x) if d is None else x))
    return out


def standard_tags(w: Any, b: Any, x: Any) -> dict[str, str]:
    """The tags a single point's probe earns from its numbers."""
    z = float(np.dot(w, x)) + float(b)
    found = {}
    if z == 0:
        found.update(tags("boundary"))
    elif 0 < abs(z) < 1e-8:
        found.update(tags("tiny") if z > 0 else {"below": "w·x + b tiny and negative, just below the boundary"})
    if not np.any(w):
        found["w0"] = "w = 0"
    if b == 0:
        found["b0"] = "b = 0"
    if any(isinstance(v, int | np.integer) or getattr(v, "dtype", np.dtype(float)).kind == "i" for v in (w, b, x)):
        found.update(tags("int"))
    if np.max(np.abs(x)) > 1e100:
        found.update(tags("extreme"))
    return found
