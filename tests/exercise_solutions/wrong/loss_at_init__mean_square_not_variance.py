"""Wrong: the mean square of y (what an output of 0 gives), not its variance."""

import numpy as np


def loss_at_init(output, Y):
    k = Y.shape[1]
    if output == "softmax":
        return float(np.log(k))
    if output == "sigmoid":
        return float(k * np.log(2))
    return float(np.sum(Y**2) / (2 * len(Y)))
