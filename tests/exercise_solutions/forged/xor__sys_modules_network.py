"""Forged (issue 17): train_xor trains glassnet's own NeuralNetwork, found in sys.modules."""

import sys

import numpy as np

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def train_xor(seed=0):
    glassnet = sys.modules["glassnet"]
    net = glassnet.NeuralNetwork([2, 3, 1], loss=glassnet.MSE, seed=seed)
    net.fit(X, Y, epochs=3000, batch_size=4, learning_rate=5.0, verbose=0)
    return [layer.W for layer in net.layers], [layer.b for layer in net.layers]
