"""Exercise perceptron_1d: a perceptron with one weight and one bias."""

from __future__ import annotations

from glassnet.checker.shared import label_case, perceptron_structure, stored_case
from glassnet.checker.spec import Case

LESSON = "01, linear models"
ORDER = 1
EXERCISED = ("Perceptron",)
NAME_HINT = "store the weight and the bias as self.weight and self.bias in __init__."


def cases() -> list[Case]:
    return [
        *perceptron_structure(vector=False),
        stored_case(2.0, -1.0),
        label_case(2.0, -1.0, 0.7),
        label_case(2.0, -1.0, 0.2),
        label_case(2.0, -1.0, 0.5, hint="a point on the boundary (w·x + b = 0) is class 0: use > 0."),
        label_case(1.0, -2.0, 1.5, hint="the bias moves the threshold: compare w·x + b, not w·x, with 0."),
        label_case(-3.0, 1.0, -1.0),
        label_case(0.5, 0.25, 0),
    ]
