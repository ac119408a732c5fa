"""Wrong: returns how many entries are saturated, not their share."""

import numpy as np


def saturated_share(Z, threshold):
    s = 1 / (1 + np.exp(-np.clip(Z, -500, 500)))
    return float(np.sum(s * (1 - s) < threshold / 4))
