"""Wrong: a fixed edge |z| > 4.87 (right for threshold 0.03 only)."""

import numpy as np


def saturated_share(Z, threshold):
    return float(np.mean(np.abs(Z) > 4.87))
