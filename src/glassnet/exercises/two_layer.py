"""Exercise two_layer: a network with a hidden layer. Lesson: 03, feedforward networks.

Stack two layers: the inputs feed a hidden layer, whose outputs feed the output layer. With
``sizes = [n_inputs, n_hidden, n_outputs]`` there are two weight matrices and two bias
vectors:

    W1 (n_inputs, n_hidden),  b1 (n_hidden,)      W2 (n_hidden, n_outputs),  b2 (n_outputs,)

and feeding a batch X (n, n_inputs) forward means, layer after layer:

    A1 = activation.fn(X @ W1 + b1)          shape (n, n_hidden)
    A2 = activation.fn(A1 @ W2 + b2)         shape (n, n_outputs): the network's output

Write the class ``NeuralNetwork``:

- ``NeuralNetwork(sizes, activation)`` makes ``self.weights = [W1, W2]`` and
  ``self.biases = [b1, b2]`` (lists, random numbers or zeros) and keeps ``activation``, a class
  with a static ``fn(z)`` such as your ``Sigmoid``;
- ``run(self, X)`` feeds X forward through every layer and returns the last activations:
  shape (n, n_outputs) for a batch, (n_outputs,) for one example of shape (n_inputs,).

A loop over ``zip(self.weights, self.biases)`` makes it work for any number of layers. The
checker sets ``net.weights`` and ``net.biases`` to numbers of its own, so use them in ``run``.

Check your work:

    glassnet check two_layer two_layer.py
"""

import numpy as np


class NeuralNetwork:
    """A feedforward network: inputs -> hidden layer -> outputs."""

    def __init__(self, sizes: list, activation):
        """Make self.weights = [W1, W2] and self.biases = [b1, b2] for sizes [n_in, n_hidden, n_out]."""
        raise NotImplementedError("two_layer: write NeuralNetwork.__init__")

    def run(self, X: np.ndarray) -> np.ndarray:
        """Feed X forward, a = activation.fn(a @ W + b) layer by layer; return the output."""
        raise NotImplementedError("two_layer: write NeuralNetwork.run")
