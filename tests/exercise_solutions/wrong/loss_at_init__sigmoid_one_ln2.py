"""Wrong: ln 2 for all the sigmoid outputs together, instead of k ln 2."""

import numpy as np


def loss_at_init(output, Y):
    k = Y.shape[1]
    if output == "softmax":
        return float(np.log(k))
    if output == "sigmoid":
        return float(np.log(2))
    return float(np.sum(np.var(Y, axis=0)) / 2)
