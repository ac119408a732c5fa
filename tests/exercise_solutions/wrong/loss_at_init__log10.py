"""Wrong: log10 for the softmax's ln k."""

import numpy as np


def loss_at_init(output, Y):
    k = Y.shape[1]
    if output == "softmax":
        return float(np.log10(k))
    if output == "sigmoid":
        return float(k * np.log(2))
    return float(np.sum(np.var(Y, axis=0)) / 2)
