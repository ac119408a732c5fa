"""Right, another style: a sigmoid that never overflows (np.where on the sign), the count by np.count_nonzero."""

import numpy as np


def saturated_share(Z, threshold):
    Z = np.asarray(Z, dtype=np.float64)
    e = np.exp(-np.abs(Z))
    s = np.where(Z >= 0, 1 / (1 + e), e / (1 + e))
    return np.count_nonzero(s * (1 - s) < 0.25 * threshold) / Z.size
