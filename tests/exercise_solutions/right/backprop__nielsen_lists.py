"""Right: Nielsen's lists, deltas averaged once at the start."""

import numpy as np


def backprop(weights, biases, X, Y):
    n = len(X)
    activation, activations, zs = X, [X], []
    for W, b in zip(weights, biases):
        z = activation @ W + b
        zs.append(z)
        activation = 1.0 / (1.0 + np.exp(-z))
        activations.append(activation)
    nabla_w = [np.zeros(W.shape) for W in weights]
    nabla_b = [np.zeros(b.shape) for b in biases]
    delta = (activations[-1] - Y) * activations[-1] * (1 - activations[-1]) / n
    nabla_b[-1] = delta.sum(axis=0)
    nabla_w[-1] = activations[-2].T @ delta
    for l in range(2, len(weights) + 1):
        sp = activations[-l] * (1 - activations[-l])
        delta = (delta @ weights[-l + 1].T) * sp
        nabla_b[-l] = delta.sum(axis=0)
        nabla_w[-l] = activations[-l - 1].T @ delta
    return nabla_w, nabla_b
