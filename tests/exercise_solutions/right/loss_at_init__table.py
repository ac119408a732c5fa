"""Right, another style: the three formulas in a dictionary of functions."""

import math

import numpy as np

FORMULAS = {
    "softmax": lambda Y: math.log(Y.shape[1]),
    "sigmoid": lambda Y: Y.shape[1] * math.log(2),
    "identity": lambda Y: 0.5 * float(((Y - Y.mean(axis=0)) ** 2).mean(axis=0).sum()),
}


def loss_at_init(output, Y):
    return FORMULAS[output](np.asarray(Y, dtype=float))
