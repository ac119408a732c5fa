"""Wrong: tests σ(z) itself, not its slope."""

import numpy as np


def saturated_share(Z, threshold):
    s = 1 / (1 + np.exp(-np.clip(Z, -500, 500)))
    return float(np.mean(s < threshold / 4))
