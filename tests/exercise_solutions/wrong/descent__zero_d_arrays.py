"""Wrong: keeps x as a 0-d numpy array, so the path holds arrays."""

import numpy as np


def gradient_descent(df, x0, learning_rate, precision, max_iters):
    path = [np.array(x0, dtype=float)]
    x = np.array(x0, dtype=float)
    for _ in range(max_iters):
        x_new = x - learning_rate * df(x)
        path.append(x_new)
        if abs(x_new - x) <= precision:
            break
        x = x_new
    return path
