"""Wrong: the standard deviation where the variance is wanted."""

import numpy as np


def loss_at_init(output, Y):
    k = Y.shape[1]
    if output == "softmax":
        return float(np.log(k))
    if output == "sigmoid":
        return float(k * np.log(2))
    return float(np.sum(np.std(Y, axis=0)) / 2)
