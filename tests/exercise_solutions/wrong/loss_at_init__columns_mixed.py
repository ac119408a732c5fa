"""Wrong: the variance of all of Y at once, not of each column."""

import numpy as np


def loss_at_init(output, Y):
    k = Y.shape[1]
    if output == "softmax":
        return float(np.log(k))
    if output == "sigmoid":
        return float(k * np.log(2))
    return float(np.var(Y) / 2)
