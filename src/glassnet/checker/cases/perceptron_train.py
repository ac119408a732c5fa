"""Exercise perceptron_train: Rosenblatt's learning rule, from zeros, epoch after epoch. Lesson 01."""

from __future__ import annotations

from typing import Any

import numpy as np

from glassnet.checker import structure
from glassnet.checker.compare import Rule
from glassnet.checker.epochs import departure
from glassnet.checker.mistakes import RAISES, SAME, Either, Mistake, Outcome, depends, fixed_size
from glassnet.checker.probes import Probe, Steps, tags
from glassnet.checker.values import num, show

LESSON = "01, linear models"
SECTION = "How a perceptron learns"
ORDER = 3
EXERCISED = ("train",)
TIMEOUT_HINT = ("on data no line separates (XOR) the perceptron never stops making mistakes: stop after "
                "max_epochs epochs, whatever happens.")
LEARNS = "How a perceptron learns"
BOUNDARY = "`>` or `>=`: the track's own code"
RATE = "The learning rate, honestly"


def rosenblatt(X: np.ndarray, y: np.ndarray, learning_rate: float = 1.0, max_epochs: int = 100, *,
               sign: float = 1.0, bias: bool = True, at_least: bool = False, rate_w: bool = True,
               rate_b: bool = True, stop: str = "clean epoch", update: str = "rule", sign_f: bool = False,
               point: str = "own", start: float = 0.0, start_b: float = 0.0) -> tuple[np.ndarray, float]:
    """The perceptron rule, from zeros, with one known mistake switched on by a keyword.

    stop: "clean epoch" (the rule), "last point right" (the epoch's last point decides),
    "first right point" (leaves the epoch at the first point it gets right).
    update: "rule" (η (y − f)), "y only" (η y), "raw" (η (y − w·x − b) at every point), "plus"
    (+η on every mistake, whichever way it went), "batch" (every point judged with the weights the
    epoch started with, their corrections added together at its end).
    point: which x moves w: "own" (the point got wrong), "first" (X[0] every time), "last" (X[-1]),
    "none" (η (y − f) added to every weight, x left out). start, start_b: the first w (every entry) and b.
    """
    X = np.asarray(X, dtype=float)
    w, b = np.full(X.shape[1], start), start_b
    for _ in range(max_epochs):
        if update == "batch":  # every point judged with the epoch's start, the corrections added at its end
            errors = np.asarray(y, dtype=float) - (X @ w + b > 0)
            if not errors.any():
                break
            w, b = w + learning_rate * errors @ X, b + learning_rate * float(errors.sum())
            continue
        mistakes, last_right = 0, False
        for x_i, y_i in zip(X, y, strict=True):
            z = x_i @ w + b
            f = float(np.sign(z)) if sign_f else int(z >= 0 if at_least else z > 0)
            error = {"rule": y_i - f, "y only": y_i if f != y_i else 0, "raw": y_i - z,
                     "plus": 1 if f != y_i else 0}[update]
            if error:
                moved = {"own": x_i, "first": X[0], "last": X[-1], "none": 1.0}[point]
                w = w + sign * (learning_rate if rate_w else 1.0) * error * moved
                if bias:
                    b += sign * (learning_rate if rate_b else 1.0) * error
            mistakes += f != y_i
            last_right = f == y_i
            if (stop == "first right point" and f == y_i) or (stop == "first mistake" and f != y_i):
                break
        if not mistakes or (stop == "last point right" and last_right) or (stop == "one mistake" and mistakes == 1):
            break
    return w, float(b)


def _reference(X: np.ndarray, y: np.ndarray, learning_rate: float, max_epochs: int) -> tuple[np.ndarray, float]:
    """The right (w, b): the stub's rule, ``rosenblatt`` with no mistake switched on (a test keeps it
    equal to glassnet's Perceptron.fit, which warns on XOR, a warning threads cannot silence)."""
    return rosenblatt(X, y, learning_rate, max_epochs)


def _model(**mistake: Any) -> Any:
    def model(probe: Probe) -> Any:
        p = probe.params
        return rosenblatt(p["X"], p["y"], p["learning_rate"], p["max_epochs"], **mistake)

    return model


def _epochs(shift: int) -> Any:
    def model(probe: Probe) -> Any:
        p = probe.params
        return rosenblatt(p["X"], p["y"], p["learning_rate"], max(p["max_epochs"] + shift, 0))

    return model


MISTAKES = [
    Mistake("the update has the wrong sign: it moves the boundary away from the point it got wrong.",
            "w ← w + η (y − f(x)) x: y − f(x) is +1 when the perceptron said 0 for a 1.", LEARNS, _model(sign=-1.0)),
    Mistake("training starts from w = 1 (np.ones), not from zeros.", "start from w = np.zeros(d) and b = 0: the rule "
            "begins with no opinion.", LEARNS, lambda probe: Either(_model(start=1.0)(probe),
                                                                     _model(start=1.0, start_b=1.0)(probe))),
    Mistake("the bias never learns: b stays 0.", "update it too: b ← b + η (y − f(x)) (the bias is the weight of a "
            "constant input 1).", LEARNS, _model(bias=False)),
    Mistake("training decides with >= 0: at the start (w = 0, b = 0) every point is called class 1.",
            "use run's rule in training too: f(x) = 1 only if w·x + b > 0.", BOUNDARY, _model(at_least=True)),
    Mistake("the learning rate is not used: every update is as if η = 1.",
            "scale each update by η: w ← w + η (y − f(x)) x and b ← b + η (y − f(x)).", RATE,
            _model(rate_w=False, rate_b=False)),
    Mistake("the learning rate scales w's update but not b's.", "b ← b + η (y − f(x)): the same η as for w.", RATE,
            _model(rate_b=False)),
    Mistake("the learning rate scales b's update but not w's.", "w ← w + η (y − f(x)) x: the same η as for b.", RATE,
            _model(rate_w=False)),
    Mistake("one epoch too many: when mistakes remain, training runs max_epochs + 1 epochs.",
            "for epoch in range(max_epochs): exactly max_epochs epochs at most.", LEARNS, _epochs(1)),
    Mistake("one epoch too few: when mistakes remain, training stops after max_epochs − 1 epochs.",
            "for epoch in range(max_epochs): exactly max_epochs epochs at most.", LEARNS, _epochs(-1)),
    Mistake("train's result is always that of one epoch: training stops after the first epoch, or starts every "
            "epoch afresh from w = 0, b = 0.",
            "loop over epochs until one has no mistake (or max_epochs): the stop belongs after the inner loop, "
            "and only when that epoch made no mistake.", LEARNS,
            lambda probe: rosenblatt(probe.params["X"], probe.params["y"], probe.params["learning_rate"],
                                     min(1, probe.params["max_epochs"]))),
    Mistake("training stops as soon as the last point of an epoch is right: the count of mistakes is reset "
            "inside the loop over points, or only the last point is looked at.",
            "count every mistake of the epoch (mistakes = 0 before the loop over points, += 1 inside it) and stop "
            "after an epoch that made none.", LEARNS, _model(stop="last point right")),
    Mistake("the epoch ends at its first mistake (a break after the update): the points after it are not visited "
            "in that epoch.", "go through every point in each epoch; decide whether to stop only after the loop over "
            "points.", LEARNS, _model(stop="first mistake")),
    Mistake("training also stops after an epoch with a single mistake (mistakes <= 1, or < 2): only an epoch with "
            "none means every point is right.", "stop when an epoch made no mistake at all: if mistakes == 0.",
            LEARNS, _model(stop="one mistake")),
    Mistake("the epoch ends at the first point the perceptron gets right (a break inside the loop over points).",
            "go through every point in each epoch; decide whether to stop only after the loop over points.",
            LEARNS, _model(stop="first right point")),
    Mistake("the update uses y instead of (y − f(x)): for a point of class 0 it never moves.",
            "the update is η (y − f(x)): +1 when it said 0 for a 1, −1 when it said 1 for a 0.", LEARNS,
            _model(update="y only")),
    Mistake("training predicts with np.sign(w·x + b): −1 (or 0) is never a label here, so points of class 0 count "
            "as mistakes and move w the wrong way.", "predict as run does: f = 1 if w·x + b > 0 else 0.", LEARNS,
            _model(sign_f=True)),
    Mistake("every mistake adds η x to w (and η to b), whichever way the mistake went: y − f(x) is −1 when the "
            "perceptron said 1 for a 0.", "w ← w + η (y − f(x)) x: the sign of y − f(x) says which way to move.",
            LEARNS, _model(update="plus")),
    Mistake("the update uses y − (w·x + b), the raw value, at every point (the delta rule), not y − f(x).",
            "use the class: f(x) = 1 if w·x + b > 0 else 0, then w ← w + η (y − f(x)) x.", LEARNS,
            _model(update="raw")),
    Mistake("the updates are made once per epoch, all together (a batch): every point is judged with the w and b "
            "the epoch started with and the corrections are added at its end, where the rule updates right after "
            "each point it gets wrong, so the next point already sees the new w.",
            "update inside the loop over points: for each x, y in order, f = 1 if w·x + b > 0 else 0, and if f != y "
            "then w ← w + η (y − f) x, b ← b + η (y − f) at once.", LEARNS, _model(update="batch")),
    Mistake("every update adds the same point to w (X[0] or X[-1]), whichever point was got wrong.",
            "move w along the point that was got wrong: w ← w + η (y − f(x_i)) x_i, with x_i the current row.",
            LEARNS, lambda probe: Either(_model(point="first")(probe), _model(point="last")(probe))),
    Mistake("the update leaves x out: every weight moves by η (y − f(x)), the same for all of them.",
            "w ← w + η (y − f(x)) x: each weight moves by its own input's value.", LEARNS, _model(point="none")),
    Mistake("w starts with one entry per point (np.zeros(len(X))), not one per input: it only works when "
            "n = d.", "w has one weight per input, a column of X: np.zeros(X.shape[1]).", LEARNS,
            lambda probe: SAME if len(probe.params["X"]) == np.shape(probe.params["X"])[1] else RAISES),
    fixed_size(lambda probe: np.shape(probe.params["X"])[1], 2, LEARNS),
    Mistake("train returns (b, w): the pair is the other way round.", "return w, b: the weights first.", LEARNS,
            lambda probe: tuple(reversed(probe.expected))),
    Mistake("the bias is folded into w: train returns one array of d + 1 numbers instead of the pair (w, b).",
            "keep them apart and return both: return w, b.", "The bias trick",
            lambda probe: np.append(*probe.expected)),
]


def _structure() -> Probe:
    steps = Steps()
    steps.send(steps.describe("module.train"))
    how = "write def train(X, y, learning_rate=1.0, max_epochs=100):"

    def judge(found: Any) -> Any:
        return (structure.need(found, "train", "function", how)
                or structure.need_call(found, "train(X, y, learning_rate=..., max_epochs=...)", 2,
                                       ("learning_rate", "max_epochs"), how)
                or structure.defaults_differ(found, "train", {"learning_rate": 1.0, "max_epochs": 100}))

    return Probe("train(X, y, learning_rate=1.0, max_epochs=100)", steps, judge=judge, structure=True, hint=how)


def train_probe(X: np.ndarray, y: np.ndarray, learning_rate: float | None, max_epochs: int | None, note: str,
                tag: dict[str, str]) -> Probe:
    """``train(X, y, ...)``; None leaves that argument out (the stub's default)."""
    kwargs = {k: v for k, v in (("learning_rate", learning_rate), ("max_epochs", max_epochs)) if v is not None}
    lr, epochs = kwargs.get("learning_rate", 1.0), kwargs.get("max_epochs", 100)
    steps = Steps()
    steps.send(steps.call("module.train", ("X", X), ("y", y), **kwargs))
    expected = _reference(X, y, lr, epochs)
    precision = "float32" if X.dtype == np.float32 else "float64"
    rule = Rule("pair", "train's result", precision=precision, parts=(Rule("array", "w", precision=precision),
                                                  Rule("number", "b", precision=precision)))
    shown = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
    return Probe(f"train(X, y{', ' + shown if shown else ''})", steps, rule, expected, inputs={"X": X, "y": y},
                 note=note, tags=tag, show_expected=f"w = {show(expected[0])}, b = {num(expected[1])}",
                 params={"X": X, "y": y, "learning_rate": lr, "max_epochs": epochs},
                 hint="start from w = 0, b = 0; visit the points in order; when f(x) differs from y, "
                      "w ← w + η (y − f(x)) x and b ← b + η (y − f(x)); stop after an epoch with no mistake, or "
                      "after max_epochs epochs.")


def _separable(rng: np.random.Generator, n: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    w, b = rng.normal(size=d), float(rng.normal())
    X = np.round(rng.uniform(-1, 1, size=(n, d)), 2)
    margin = X @ w + b
    X = X[np.abs(margin) > 0.1][:n]
    return X, (X @ w + b > 0).astype(int)


def probes(rng: np.random.Generator) -> list[Probe]:
    """The track's points, learning rates, every epoch limit, integers, float32, one point,
    d = 1, defaults left out, random separable sets, and XOR (last: only max_epochs stops it)."""
    two_X, two_y = np.array([[0.0, 2.0], [1.0, 0.0]]), np.array([1, 0])
    seven_X = np.array([[0.8, 0.4], [0.3, 0.1], [0.8, 0.8], [0.4, 0.6], [0.6, 0.8], [0.4, 0.2], [0.4, 0.5]])
    seven_y = np.array([0, 0, 1, 1, 1, 0, 1])
    xor_X, xor_y = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]), np.array([0, 1, 1, 0])
    limit = {"limit": "training stopped by max_epochs while mistakes remain"}
    rate = {"rate": "a learning rate other than 1"}
    six_X = np.array([[-0.7, 0.2], [0.1, 0.3], [0.5, -0.8], [0.2, -0.2], [0.2, 0.4], [0.2, 0.5]])
    six_y = np.array([0, 0, 1, 0, 0, 0])
    X3, y3 = _separable(rng, 12, 3)
    Xr, yr = _separable(rng, 20, 4)
    eta = float(rng.choice([0.1, 0.25, 0.5, 2.0]))
    return [
        _structure(),
        train_probe(two_X, two_y, None, None, "the track's two points, the defaults left out", tags("defaults")),
        train_probe(two_X, two_y, 1.0, 100, "the track's two points u = (0, 2), class 1, and v = (1, 0), class 0", {}),
        train_probe(seven_X, seven_y, 1.0, 100, "the track's seven points", {}),
        train_probe(seven_X, seven_y, 0.5, 100, "the seven points with η = 0.5", rate),
        train_probe(seven_X, seven_y, 0.1, 100, "the seven points with η = 0.1", rate),
        train_probe(seven_X, seven_y, 1.0, 1, "the seven points, stopped after max_epochs = 1", limit),
        train_probe(seven_X, seven_y, 1.0, 2, "the seven points, stopped after max_epochs = 2", limit),
        train_probe(seven_X, seven_y, 1.0, 3, "the seven points, stopped after max_epochs = 3", limit),
        train_probe(seven_X, seven_y, 0.5, None, "the seven points with η = 0.5, max_epochs left out", rate
                    | tags("defaults")),
        train_probe(six_X, six_y, 1.0, 100, "six points whose epochs make 2, 1, 2, then 0 mistakes: only a clean "
                    "epoch ends training", {"one_mistake": "an epoch with a single mistake that is not the last"}),
        train_probe((seven_X * 10).astype(int), seven_y, 1.0, 100, "the seven points × 10, as integers", tags("int")),
        train_probe((seven_X * 10).astype(int), seven_y, 0.5, 100, "the seven points × 10, as integers, η = 0.5",
                    tags("int") | rate),
        train_probe(seven_X.astype(np.float32), seven_y, 1.0, 100, "the seven points in float32", tags("float32")),
        train_probe(seven_X, seven_y.astype(float), 1.0, 100, "the seven points, labels as floats 0.0 and 1.0",
                    {"float_labels": "labels given as floats"}),
        train_probe(np.array([[1.0, 2.0]]), np.array([1]), 1.0, 100, "one point", {"one": "a single point"}),
        train_probe(np.array([[0.5], [-1.0], [2.0], [-0.3]]), np.array([1, 0, 1, 0]), 1.0, 100, "four points in 1-d",
                    {"d1": "one input (d = 1)"}),
        train_probe(X3, y3, 1.0, 100, "separable random points in 3-d", tags("random")),
        train_probe(Xr, yr, eta, 100, f"separable random points in 4-d, η = {eta:g}", tags("random") | rate),
        train_probe(xor_X, xor_y, 1.0, 5, "XOR: no line separates it, so only max_epochs = 5 stops training",
                    limit | {"xor": "XOR, where mistakes never end"}),
    ]


def explain(probes: list[Probe], outcomes: list[Outcome], first: int) -> dict[str, str] | None:
    """Where the training first leaves the rule's, epoch by epoch (``epochs.departure``)."""
    result = outcomes[first]
    if result.status != "wrong" or result.problem.kind != "value":
        return None
    found = departure(probes, outcomes, first)
    return {"depends": depends(probes, outcomes), "pattern": found} if found else None

