"""Right: four hidden neurons, another rate, backprop imported as a module."""

import backprop as bp
import numpy as np

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def train_xor(seed=0):
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((2, 4)), rng.standard_normal((4, 1))]
    biases = [rng.standard_normal(4), rng.standard_normal(1)]
    for _ in range(4000):
        grads_W, grads_b = bp.backprop(weights, biases, X, Y)
        for l in range(2):
            weights[l] = weights[l] - 4.0 * grads_W[l]
            biases[l] = biases[l] - 4.0 * grads_b[l]
    return weights, biases
