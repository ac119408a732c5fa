"""Exercise perceptron_1d: a perceptron with one weight and one bias. Lesson 01."""

from __future__ import annotations

import numpy as np

from glassnet.checker.perceptrons import (
    BOUNDARY,
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
ORDER = 1
EXERCISED = ("Perceptron",)
NAME_HINT = "store the weight and the bias as self.weight and self.bias in __init__."
MISTAKES = mistakes(vector=False)


def probes(rng: np.random.Generator) -> list[Probe]:
    """Stored numbers, the track's example, the boundary and points a hair's breadth from it,
    w = 0, b = 0, integers, float32, extreme and random inputs."""
    points = [
        (2.0, -1.0, 0.7), (2.0, -1.0, 0.2), (2.0, -1.0, 0.5), (1.0, -2.0, 1.5), (-3.0, 1.0, -1.0),
        (1.0, -1.0, 1 + 2**-52), (1.0, -1.0, 1 + 2**-40), (1.0, -1.0, 1 - 2**-53), (0.5, 0.25, 0),
        (0.0, 0.5, 3.0), (0.0, -0.5, 3.0), (0.0, 0.0, 2.0), (2.0, 0.0, -1.0), (2.0, 0.0, 1.0),
        (3.0, -1.0, 1e200), (3.0, -1.0, -1e200), (2, -1, 1), (2, -1, 0), (-1, 3, 3),
        (2.0**-60, 0.0, 1.0), (1.0, 0.0, 5e-324), (1.0, 0.0, 0.3), (1.0, 0.0, 0.7), (1.0, -1.0, 1.999),
    ]
    found = [class_probe("Perceptron", ("w", "b"), "run", "x"), stored_probe(2.0, -1.0),
             stored_probe(3, -2, tags("int"))]
    w, b, _ = random_points(rng, 1, None)[0]
    found.append(stored_probe(w, b, tags("random")))
    for w, b, x in points:
        hint = "a point on the boundary (w·x + b = 0) is class 0: use > 0." if w * x + b == 0 else ""
        found.append(label_probe(w, b, x, standard_tags(w, b, x), hint or "run returns 1 if w·x + b > 0, else 0."))
    for x in (np.float32(0.7), np.float32(0.2)):
        found.append(label_probe(2.0, -1.0, x, tags("float32")))
    for w, b, x in random_points(rng, 12, None):
        found.append(label_probe(w, b, x, {**tags("random"), **standard_tags(w, b, x)}))
    found.append(left_alone(label_probe(2.0, -1.0, 0.7), "run", ("weight", "bias")))
    return found


__all__ = ["BOUNDARY", "LESSON", "MISTAKES", "ORDER", "probes"]
