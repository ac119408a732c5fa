"""Wrong: k ln 2 for the softmax too."""

import numpy as np


def loss_at_init(output, Y):
    k = Y.shape[1]
    if output in ("softmax", "sigmoid"):
        return float(k * np.log(2))
    return float(np.sum(np.var(Y, axis=0)) / 2)
