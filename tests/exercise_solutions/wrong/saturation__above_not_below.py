"""Wrong: counts where the slope is large."""

import numpy as np


def saturated_share(Z, threshold):
    s = 1 / (1 + np.exp(-np.clip(Z, -500, 500)))
    return float(np.mean(s * (1 - s) > threshold / 4))
