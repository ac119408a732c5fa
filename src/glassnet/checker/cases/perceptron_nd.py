"""Exercise perceptron_nd: a perceptron with d inputs, on one point or a batch. Lesson 01."""

from __future__ import annotations

from typing import Any

import numpy as np

from glassnet.checker.mistakes import RAISES, SAME, Mistake, fixed_size
from glassnet.checker.perceptrons import (
    PERCEPTRON,
    label_probe,
    mistakes,
    random_points,
    standard_tags,
    stored_probe,
)
from glassnet.checker.probes import Probe, tags
from glassnet.checker.queries import left_alone
from glassnet.checker.structure import class_probe

LESSON = "01, linear models"
SECTION = "The perceptron"
QUERIES = ("run",)  # only reads its object: the checker also asks it twice (state.interleaved)
ORDER = 2
EXERCISED = ("Perceptron",)
NO_LOOPS = ("Perceptron",)
NAME_HINT = "store the weight vector and the bias as self.weight and self.bias in __init__."
SHAPE_HINT = ("for a batch X of shape (n, d), one point per row, compute X @ self.weight + self.bias (one "
              "number per row); np.dot(self.weight, X) pairs the weights with X's columns instead.")


def _batch(decide: Any, single: Any = SAME, stored: Any = None) -> Any:
    """A model for batch probes (``decide(w, b, X)``), SAME (or ``single``) for one point,
    SAME (or ``stored(w, b)``) for the attributes read back."""

    def model(probe: Probe) -> Any:
        p = probe.params
        if p["kind"] == "stored":
            return SAME if stored is None else stored(np.asarray(p["w"], dtype=float), p["b"])
        w, b, x = np.asarray(p["w"], dtype=float), float(p["b"]), np.asarray(p["x"], dtype=float)
        if x.ndim == 1:
            return single if single is SAME else single(w, b, x)
        return decide(w, b, x)

    return model


def _square_raises(w: np.ndarray, b: float, X: np.ndarray) -> Any:
    return RAISES if X.shape[0] == len(w) and X.shape[0] > 1 else SAME


def _w_at_X(w: np.ndarray, b: float, X: np.ndarray) -> Any:
    return (w @ X + b > 0).astype(int) if X.shape[0] == len(w) else RAISES


def _one_point_only(w: np.ndarray, b: float, X: np.ndarray) -> Any:
    return int(X[0] @ w + b > 0) if X.shape[0] == 1 else RAISES


def _squeezed(w: np.ndarray, b: float, X: np.ndarray) -> Any:
    return int(X[0] @ w + b > 0) if X.shape[0] == 1 else SAME


def _two_coordinates(w: np.ndarray, b: float, X: np.ndarray) -> Any:
    if len(w) < 2:
        return RAISES
    z = w[0] * X[..., 0] + w[1] * X[..., 1] + b
    return (z > 0).astype(int) if np.ndim(z) else int(z > 0)


MISTAKES = [*mistakes(vector=True), *[
    Mistake("run pairs the weights with X's columns (w @ X, np.dot(w, X)) instead of its rows: for a batch "
            "that is only possible, and wrong, when n = d.",
            "for a batch X (n, d) compute X @ self.weight + self.bias: one number per row.", PERCEPTRON,
            _batch(_w_at_X)),
    Mistake("run multiplies w * x entry by entry and never adds the products up: w·x is one number per point.",
            "w·x is np.dot(w, x), or x @ w: the products summed.", PERCEPTRON,
            _batch(lambda w, b, X: (X * w + b > 0).astype(int), lambda w, b, x: (w * x + b > 0).astype(int))),
    Mistake("run adds up the products of the whole batch into one number (np.sum(X * w)) instead of one per row.",
            "sum over each row only: X @ self.weight, or np.sum(X * w, axis=1).", PERCEPTRON,
            _batch(lambda w, b, X: int(np.sum(X * w) + b > 0))),
    Mistake("run gives a whole batch one label, 1 only if every row has w·x + b > 0 (np.all, or all(...)).",
            "one label per row: (X @ self.weight + self.bias > 0).astype(int), an array of n labels.", PERCEPTRON,
            _batch(lambda w, b, X: int(np.all(X @ w + b > 0)))),
    Mistake("run gives a whole batch one label, 1 if any row has w·x + b > 0 (np.any, or any(...)).",
            "one label per row: (X @ self.weight + self.bias > 0).astype(int), an array of n labels.", PERCEPTRON,
            _batch(lambda w, b, X: int(np.any(X @ w + b > 0)))),
    Mistake("run gives a whole batch the label of its first row (z[0], X[0]): one label, not one per row.",
            "one label per row: (X @ self.weight + self.bias > 0).astype(int), an array of n labels.", PERCEPTRON,
            _batch(lambda w, b, X: int(X[0] @ w + b > 0))),
    Mistake("run sums the products over the batch's rows (axis=0) instead of within each row: the result has d "
            "entries, not n.", "sum within each row: np.sum(X * w, axis=1), or X @ w.", PERCEPTRON,
            _batch(lambda w, b, X: (np.sum(X * w, axis=0) + b > 0).astype(int))),
    Mistake("the batch's labels use >= 0 (one point's use > 0): a row exactly on the boundary gets class 1.",
            "the same rule for a batch as for one point: > 0.", PERCEPTRON,
            _batch(lambda w, b, X: (X @ w + b >= 0).astype(int))),
    Mistake("run handles one point only: for a batch, int(...) (or if z > 0) gets a whole array and fails, "
            "except on a batch of one row.", "let numpy decide entry by entry: (z > 0).astype(int) works for one "
            "number and for an array (int(...) only on a single point).", PERCEPTRON, _batch(_one_point_only)),
    Mistake("run squeezes a batch of one row into a single label: a batch of shape (1, d) must give an array of "
            "shape (1,).", "return one label per row for a batch, even a batch of one row: do not squeeze, "
            "do not index [0].", PERCEPTRON, _batch(_squeezed)),
    Mistake("the weights are kept as a column, shape (d, 1): a batch's labels come out with shape (n, 1), one "
            "point's as an array of shape (1,).", "keep w as given, shape (d,): np.asarray(w) without a reshape.",
            PERCEPTRON, _batch(lambda w, b, X: (X @ w[:, None] + b > 0).astype(int),
                               lambda w, b, x: (x @ w[:, None] + b > 0).astype(int),
                               stored=lambda w, b: (w[:, None], b))),
    Mistake("run uses only the first two coordinates (w[0] x[0] + w[1] x[1], the size of the lesson's examples): "
            "with more inputs the others are left out, with one input it fails.", "w·x adds up every coordinate: "
            "x @ self.weight (np.dot), whatever the number of inputs.", PERCEPTRON,
            _batch(_two_coordinates, lambda w, b, x: _two_coordinates(w, b, x))),
    fixed_size(lambda probe: len(probe.params["w"]) if probe.params["kind"] == "run" else None, 2, PERCEPTRON),
    Mistake("run tells a point from a batch by its length (len(x) == len(w)): a square batch (n = d) is taken "
            "for one point.", "tell them apart by the number of dimensions: x.ndim == 1 is one point, 2 a batch "
            "(or use one expression, x @ self.weight + self.bias, for both).", PERCEPTRON, _batch(_square_raises)),
]]


def probes(rng: np.random.Generator) -> list[Probe]:
    """Stored numbers; single points (the track's u and v, the boundary, a hair above it, w = 0,
    d = 1, d = 3, integers, float32, extremes); batches (the track's, one row, square, d = 1,
    integers, float32, random)."""
    w, b = np.array([0.0, 1.0]), -1.0
    w3, b3 = np.array([1.0, -2.0, 0.5]), 0.25
    found = [class_probe("Perceptron", ("w", "b"), "run", "x"), stored_probe(w, b),
             stored_probe(np.array([2, -1]), 3, tags("int"))]
    rw, rb, _ = random_points(rng, 1, 3)[0]
    found.append(stored_probe(rw, rb, tags("random")))
    singles = [
        (w, b, np.array([0.0, 2.0])), (w, b, np.array([1.0, 0.0])), (np.array([1.0, 1.0]), -3.0, np.array([1.0, 1.0])),
        (w, b, np.array([5.0, 1.0])), (w3, b3, np.array([0.5, 0.5, 1.0])), (w3, b3, np.array([2.0, 1.0, -1.0])),
        (np.array([1.0, 1.0]), -1.0, np.array([1.0, 2**-52])), (np.array([1.0, 1.0]), -1.0, np.array([1.0, -2**-52])),
        (np.zeros(2), 0.5, np.array([3.0, -4.0])), (np.zeros(2), 0.0, np.array([3.0, -4.0])),
        (np.array([2.0]), -1.0, np.array([0.7])), (np.array([2.0]), -1.0, np.array([0.2])),
        (np.array([1, 2]), -2, np.array([1, 1])), (np.array([1, 2]), -3, np.array([1, 1])),
        (np.array([3.0, 1.0]), -1.0, np.array([1e200, -1e199])), (np.array([2.0**-60, 0.0]), 0.0, np.array([1.0, 5.0])),
        (np.array([1.0, 1.0]), 0.0, np.array([0.3, 0.4])),
    ]
    for pw, pb, x in singles:
        extra = tags("single") | ({"d1": "one input (d = 1)"} if len(pw) == 1 else {})
        found.append(label_probe(pw, pb, x, {**extra, **standard_tags(pw, pb, x)}))
    found.append(label_probe(w, b, np.array([0.0, 2.0], dtype=np.float32), tags("single", "float32")))
    X = np.array([[0.0, 2.0], [1.0, 0.0], [5.0, 1.0], [3.0, 4.0], [2.0, 0.5]])
    batch = {"batch": "a batch of several rows"}
    batches = [
        (w, b, X, batch), (w, b, X[::-1], batch | {"first0": "a batch whose first row is class 0"}),
        (w, b, X[:1], tags("batch1")), (w, b, X[3:4], tags("batch1")),
        (w, b, np.array([[0.0, 2.0], [1.0, 0.0]]), batch | tags("square")),
        (w3, b3, np.array([[0.5, 0.5, 1.0], [2.0, 1.0, -1.0], [0.0, 0.0, 0.0]]), batch | tags("square")),
        (np.array([2.0]), -1.0, np.array([[0.7], [0.2], [0.5]]), batch | {"d1": "one input (d = 1)"}),
        (np.array([1, 2]), -2, np.array([[1, 1], [0, 1], [2, 0], [1, 0]]), batch | tags("int")),
        (w, b, X.astype(np.float32), batch | tags("float32")),
        (np.array([1.0, 1.0]), -1.0, np.array([[1.0, 2**-52], [1.0, 0.0], [1.0, -2**-52]]),
         batch | tags("tiny", "boundary")),
    ]
    for pw, pb, x, tag in batches:
        found.append(label_probe(pw, pb, x, tag))
    for pw, pb, x in random_points(rng, 6, 4):
        found.append(label_probe(pw, pb, x, tags("single", "random")))
    rw, rb, _ = random_points(rng, 1, 4)[0]
    found.append(label_probe(rw, rb, rng.normal(0, 2, size=(7, 4)), batch | tags("random")))
    found.append(left_alone(label_probe(w, b, X, batch), "run", ("weight", "bias")))
    return found
