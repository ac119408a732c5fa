"""Wrong: backprop__slope_of_targets (see the test's table for its cause)."""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def backprop(weights, biases, X, Y):
    activations, zs = [X], []
    for W, b in zip(weights, biases):
        zs.append(activations[-1] @ W + b)
        activations.append(sigmoid(zs[-1]))
    n = X.shape[0]
    grads_W, grads_b = [], []
    delta = (activations[-1] - Y) * (Y * (1 - Y))
    for l in reversed(range(len(weights))):
        grads_W.insert(0, activations[l].T @ delta / n)
        grads_b.insert(0, delta.sum(axis=0) / n)
        if l:
            delta = delta @ weights[l].T * activations[l] * (1 - activations[l])
    return grads_W, grads_b
