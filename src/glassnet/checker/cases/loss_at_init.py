"""Exercise loss_at_init: ln k for a softmax, k ln 2 for sigmoid outputs, ½ Σ var(y) for MSE."""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

import numpy as np

from glassnet.checker.compare import compare_number, first_match
from glassnet.checker.spec import Case, call, need, structure, takes

LESSON = "08, when training fails"
ORDER = 12
EXERCISED = ("loss_at_init",)


def cases() -> list[Case]:
    from glassnet.losses import MSE, CategoricalCrossEntropy, CrossEntropy

    def check(module: ModuleType) -> None:
        func = need(module, "loss_at_init", "function", "def loss_at_init(output, Y):")
        takes(func, ("softmax", np.zeros((1, 2))), {}, "loss_at_init does not take (output, Y)",
              "write def loss_at_init(output, Y):")

    def expected_loss(output: str, Y: np.ndarray) -> float:
        """What glassnet's own losses give for the uninformed outputs (the doctor's measure)."""
        n, k = Y.shape
        if output == "softmax":
            return CategoricalCrossEntropy.fn(np.full((n, k), 1 / k), Y)
        if output == "sigmoid":
            return CrossEntropy.fn(np.full((n, k), 0.5), Y)
        return MSE.fn(np.broadcast_to(Y.mean(axis=0), Y.shape), Y)

    def case(output: str, Y: np.ndarray, note: str) -> Case:
        n, k = Y.shape
        expected = expected_loss(output, Y)
        mistakes = {
            "softmax": [(math.log10(k), "the natural logarithm: np.log, not np.log10."),
                        (math.log2(k), "the natural logarithm: np.log, not np.log2."),
                        (k * math.log(2), "that is the sigmoid outputs' k ln 2; a softmax spreads 1/k over "
                         "the k classes: ln k."),
                        (math.log(n), "k is the number of classes, Y.shape[1], not the number of examples.")],
            "sigmoid": [(math.log(2), "each of the k outputs adds ln 2 (cross-entropy adds up the outputs of "
                         "an example): k ln 2."),
                        (math.log(k), "that is a softmax's ln k; each sigmoid output says 1/2 on its own, "
                         "so each adds ln 2."),
                        (n * math.log(2), "k is the number of outputs, Y.shape[1], not the number of examples.")],
            "identity": [(2 * expected, "the track's MSE has a 1/2 in front: 1/2 Σ var(y_j)."),
                         (float(np.sum(np.var(Y, axis=0, ddof=1)) / 2), "np.var divides by n (ddof=0), as the "
                          "loss averages over the n examples; ddof=1 divides by n − 1."),
                         (float(np.var(Y) / 2), "the variance of each column (np.var(Y, axis=0)), added up "
                          "over the k columns: np.var(Y) mixes the columns together."),
                         (float(np.sum(np.std(Y, axis=0)) / 2), "the variance, not the standard deviation."),
                         (float(np.sum(Y**2) / (2 * n)), "answering the mean target leaves the variance: "
                          "subtract each column's mean first (that is what an output of 0 would give).")],
        }[output]

        def run(module: ModuleType) -> Any:
            return call("loss_at_init", module.loss_at_init, ("output", output), ("Y", Y.copy()))

        return Case(call=f"loss_at_init({output!r}, Y)", run=run, expected=expected, compare=compare_number,
                    inputs={"Y": Y}, note=f"{note}; n = {n} examples, k = {k} outputs",
                    diagnose=lambda got: first_match(got, [(v, h) for v, h in mistakes
                                                           if not np.isclose(v, expected)]),
                    hint="softmax: ln k; sigmoid: k ln 2; identity (MSE): 1/2 Σ_j var(y_j), np.var of each "
                         "column of Y.")

    rng = np.random.default_rng(8)
    digits_like = np.eye(10)[rng.integers(0, 10, 50)]
    return [
        structure("loss_at_init(output, Y)", check),
        case("softmax", digits_like, "ten one-hot classes, as the digits: ln 10"),
        case("softmax", np.eye(3)[[0, 1, 2, 2]], "three classes"),
        case("sigmoid", digits_like, "ten sigmoid outputs: 10 ln 2"),
        case("sigmoid", np.array([[1.0], [0.0], [1.0], [1.0]]), "one sigmoid output: ln 2"),
        case("identity", np.array([[1.0], [2.0], [3.0], [6.0]]), "one target, mean 3: 1/2 var(y)"),
        case("identity", rng.normal([50.0, -1.0], [2.0, 0.5], (30, 2)), "two targets far from 0: only their "
             "spread counts"),
    ]
