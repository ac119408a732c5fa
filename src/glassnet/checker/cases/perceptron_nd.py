"""Exercise perceptron_nd: a perceptron with d inputs, on one point or a batch."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from glassnet.checker.compare import compare_labels
from glassnet.checker.shared import label_case, perceptron, perceptron_structure, stored_case
from glassnet.checker.spec import Case, call
from glassnet.checker.values import code

LESSON = "01, linear models"
ORDER = 2
EXERCISED = ("Perceptron",)
NAME_HINT = "store the weight vector and the bias as self.weight and self.bias in __init__."
SHAPE_HINT = ("for a batch X of shape (n, d), one point per row, compute X @ self.weight + self.bias (one "
              "number per row); np.dot(self.weight, X) pairs the weights with X's columns instead.")


def cases() -> list[Case]:
    w, b = np.array([0.0, 1.0]), -1.0
    X = np.array([[0.0, 2.0], [1.0, 0.0], [5.0, 1.0], [3.0, 4.0], [2.0, 0.5]])
    batch_expected = (X @ w + b > 0).astype(int)

    def run_batch(module: ModuleType) -> Any:
        return call("run", perceptron(module, w, b).run, ("X", X.copy()))

    def diagnose_batch(got: Any) -> str | None:
        if np.ndim(got) == 0:
            return ("for a batch X of shape (n, d), run returns one label per row: compute "
                    "X @ self.weight + self.bias (shape (n,)) and compare it with 0.")
        if isinstance(got, list | tuple) or (isinstance(got, np.ndarray) and got.dtype.kind not in "iu"):
            return ("return a numpy array of ints: (X @ self.weight + self.bias > 0).astype(int) labels "
                    "the whole batch in one line, no loop.")
        return None

    w3, b3 = np.array([1.0, -2.0, 0.5]), 0.25
    return [
        *perceptron_structure(vector=True),
        stored_case(w, b),
        label_case(w, b, np.array([0.0, 2.0])),  # the track's u: class 1
        label_case(w, b, np.array([1.0, 0.0])),  # the track's v: class 0
        label_case(np.array([1.0, 1.0]), -3.0, np.array([1.0, 1.0]),
                   hint="the bias moves the boundary: compare w·x + b, not w·x, with 0."),
        label_case(w, b, np.array([5.0, 1.0]), hint="a point on the boundary (w·x + b = 0) is class 0: use > 0."),
        label_case(w3, b3, np.array([0.5, 0.5, 1.0]), hint="use every weight: w·x = Σ w_i x_i."),
        label_case(w3, b3, np.array([2.0, 1.0, -1.0]), hint="use every weight: w·x = Σ w_i x_i."),
        Case(
            call=f"Perceptron({code(w)}, {b!r}).run(X)", run=run_batch, expected=batch_expected,
            compare=compare_labels, inputs={"X": X},
            note="a batch: one point per row; run returns a numpy array of int labels, one per row",
            hint=("for a batch X of shape (n, d), compute X @ self.weight + self.bias, one number per "
                  "row, and compare it with 0 (np.where or (z > 0).astype(int)); the same line works "
                  "for a single point."),
            diagnose=diagnose_batch,
        ),
    ]
