"""Right: each point through np.float64, then float."""
import numpy as np


def gradient_descent(df, x0, learning_rate, precision, max_iters):
    x = x0
    path = [x]
    step = float("inf")
    iters = 0
    while step > precision and iters < max_iters:
        x_new = float(np.float64(x) - learning_rate * df(x))
        step = abs(x_new - x)
        x = x_new
        path.append(x)
        iters += 1
    return path
