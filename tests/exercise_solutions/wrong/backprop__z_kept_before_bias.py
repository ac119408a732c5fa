"""Wrong: backprop__z_kept_before_bias (see the test's table for its cause)."""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


def backprop(weights, biases, X, Y):
    a, activations, zs = X, [X], []
    for W, b in zip(weights, biases):
        z = np.dot(a, W)
        zs.append(z)
        a = sigmoid(z + b)
        activations.append(a)
    n = X.shape[0]
    grads_W, grads_b = [None] * len(weights), [None] * len(weights)
    delta = (a - Y) * sigmoid_prime(zs[-1])
    for l in range(len(weights) - 1, -1, -1):
        grads_W[l] = activations[l].T @ delta / n
        grads_b[l] = np.mean(delta, axis=0)
        if l > 0:
            delta = (delta @ weights[l].T) * sigmoid_prime(zs[l - 1])
    return grads_W, grads_b
