"""Wrong: tests |z| against the threshold instead of the slope."""

import numpy as np


def saturated_share(Z, threshold):
    return float(np.mean(np.abs(Z) > threshold))
