"""Exercise perceptron_train: Rosenblatt's learning rule, from zeros, epoch after epoch."""

from __future__ import annotations

import warnings
from types import ModuleType
from typing import Any

import numpy as np

from glassnet.checker.compare import close, compare_array, compare_number
from glassnet.checker.spec import Case, Mismatch, call, need, structure, takes
from glassnet.checker.values import num, show

LESSON = "01, linear models"
ORDER = 3
EXERCISED = ("train",)
TIMEOUT_HINT = ("on data no line separates (XOR) the perceptron never stops making mistakes: stop after "
                "max_epochs epochs, whatever happens.")


def rosenblatt(X: np.ndarray, y: np.ndarray, learning_rate: float, max_epochs: int, *, sign: float = 1.0,
               update_bias: bool = True, at_least: bool = False, use_rate: bool = True,
               ) -> tuple[np.ndarray, float]:
    """The perceptron rule with one typical mistake switched on, to recognise it in an answer."""
    w, b = np.zeros(X.shape[1]), 0.0
    eta = learning_rate if use_rate else 1.0
    for _ in range(max_epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y, strict=True):
            z = x_i @ w + b
            error = y_i - int(z >= 0 if at_least else z > 0)
            if error:
                w = w + sign * eta * error * x_i
                if update_bias:
                    b += sign * eta * error
                mistakes += 1
        if not mistakes:
            break
    return w, b


def train_case(X: np.ndarray, y: np.ndarray, learning_rate: float, max_epochs: int, note: str,
               hint: str) -> Case:
    from glassnet.perceptron import Perceptron

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # XOR: the reference warns that it did not converge
        reference = Perceptron(n_inputs=X.shape[1]).fit(X, y, learning_rate=learning_rate,
                                                         max_epochs=max_epochs)
    expected = (reference.w, reference.b)
    args = (X, y, learning_rate)
    mistakes = [
        (rosenblatt(*args, max_epochs, sign=-1.0), "the update's sign is flipped: w ← w + η (y − f(x)) x "
         "moves the boundary toward a point it got wrong (y − f(x) is +1 when it said 0 for a 1)."),
        (rosenblatt(*args, max_epochs, update_bias=False), "b must learn too: b ← b + η (y − f(x)) (the "
         "bias is the weight of a constant input 1)."),
        (rosenblatt(*args, max_epochs, at_least=True), "training must use run's rule, f(x) = 1 only if "
         "w·x + b > 0: with >= 0, the first point, at w = 0, counts as class 1."),
        (rosenblatt(*args, max_epochs, use_rate=False), "scale each update by the learning rate: "
         "w ← w + η (y − f(x)) x and b ← b + η (y − f(x))."),
        (rosenblatt(*args, max_epochs + 1), f"one epoch too many: this is the result after "
         f"{max_epochs + 1} epochs; stop after max_epochs = {max_epochs} (range(max_epochs) counts them)."),
        (rosenblatt(*args, max_epochs - 1), f"one epoch too few: this is the result after "
         f"{max_epochs - 1} epochs; run max_epochs = {max_epochs} of them (range(max_epochs) counts them)."),
    ]

    def diagnose(got: Any) -> str | None:
        if isinstance(got, np.ndarray) and got.shape == (X.shape[1] + 1,):
            return "return two things, the weights and the bias: `return w, b`."
        for (w, b), text in mistakes:
            if close(got[0], w) and close(got[1], b):
                return text
        return None

    def compare(got: Any, expected: Any) -> None:
        if not isinstance(got, tuple | list) or len(got) != 2:
            raise Mismatch(f"train returned {type(got).__name__} {show(got, 120)}; expected a pair (w, b).")
        compare_array(got[0], expected[0], what="w")
        compare_number(got[1], expected[1], what="b")
        if not isinstance(got[0], np.ndarray):
            raise Mismatch(f"w is a {type(got[0]).__name__}; the stub asks for a numpy array of shape "
                           f"({X.shape[1]},).")

    def run(module: ModuleType) -> Any:
        return call("train", module.train, ("X", X.copy()), ("y", y.copy()), learning_rate=learning_rate,
                    max_epochs=max_epochs)

    return Case(
        call=f"train(X, y, learning_rate={learning_rate!r}, max_epochs={max_epochs})", run=run,
        expected=expected, compare=compare, inputs={"X": X, "y": y}, note=note, hint=hint,
        diagnose=diagnose, show_expected=f"w = {show(expected[0])}, b = {num(expected[1])}",
    )


def cases() -> list[Case]:
    def check(module: ModuleType) -> None:
        train = need(module, "train", "function", "def train(X, y, learning_rate=1.0, max_epochs=100):")
        takes(train, (np.zeros((2, 2)), np.zeros(2)), {"learning_rate": 1.0, "max_epochs": 100},
              "train cannot be called as train(X, y, learning_rate=..., max_epochs=...)",
              "write def train(X, y, learning_rate=1.0, max_epochs=100):")

    rule = ("start from w = 0, b = 0; visit the points in order; when f(x) differs from y, "
            "w ← w + η (y − f(x)) x and b ← b + η (y − f(x)); stop after an epoch with no mistake.")
    seven_X = np.array([[0.8, 0.4], [0.3, 0.1], [0.8, 0.8], [0.4, 0.6], [0.6, 0.8], [0.4, 0.2], [0.4, 0.5]])
    seven_y = np.array([0, 0, 1, 1, 1, 0, 1])
    xor_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    rng = np.random.default_rng(3)
    X3 = np.round(rng.uniform(-1, 1, size=(12, 3)), 2)
    y3 = (X3 @ np.array([1.0, -2.0, 0.5]) + 0.3 > 0).astype(int)
    return [
        structure("train(X, y, learning_rate, max_epochs)", check),
        train_case(np.array([[0.0, 2.0], [1.0, 0.0]]), np.array([1, 0]), 1.0, 100,
                   "the track's two points u = (0, 2), class 1, and v = (1, 0), class 0", rule),
        train_case(seven_X, seven_y, 1.0, 100, "the track's seven points", rule),
        train_case(seven_X, seven_y, 0.5, 100, "the seven points with a learning rate of 0.5",
                   "scale each update by the learning rate η."),
        train_case(seven_X, seven_y, 1.0, 2,
                   "the seven points, stopped after max_epochs = 2 epochs (1, 2 and 3 epochs give three "
                   "different w)", "run exactly max_epochs epochs when mistakes remain: for _ in "
                   "range(max_epochs)."),
        train_case(xor_X, np.array([0, 1, 1, 0]), 1.0, 5,
                   "XOR: no line separates it, so training stops after max_epochs = 5 epochs",
                   "stop after max_epochs epochs even if mistakes remain; return w and b as they are."),
        train_case(X3, y3, 1.0, 100, "twelve separable points in 3-d", rule),
    ]
