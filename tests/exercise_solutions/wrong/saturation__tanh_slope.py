"""Wrong: tanh's slope instead of the sigmoid's."""

import numpy as np


def saturated_share(Z, threshold):
    return float(np.mean(1 - np.tanh(Z) ** 2 < threshold / 4))
