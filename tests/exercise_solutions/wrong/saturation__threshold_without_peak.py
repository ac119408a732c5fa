"""Wrong: compares the slope with threshold itself, forgetting the peak 1/4."""

import numpy as np


def saturated_share(Z, threshold):
    s = 1 / (1 + np.exp(-np.clip(Z, -500, 500)))
    return float(np.mean(s * (1 - s) < threshold))
