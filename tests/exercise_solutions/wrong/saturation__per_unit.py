"""Wrong: one share per unit (column), not one number."""

import numpy as np


def saturated_share(Z, threshold):
    s = 1 / (1 + np.exp(-np.clip(Z, -500, 500)))
    return np.mean(s * (1 - s) < threshold / 4, axis=0)
