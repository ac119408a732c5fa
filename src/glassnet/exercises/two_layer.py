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
  a numpy array of shape (n, n_outputs) for a batch (also when n = 1 or n_outputs = 1), and
  (n_outputs,) for one example of shape (n_inputs,). ``self.weights`` and ``self.biases`` are
  Python lists of numpy arrays, each b of shape (n_out,).

The checker hands your network activations of its own (Tanh, ReLU, Softsign: classes with
static fn(z) and prime(z), like yours), so call ``self.activation.fn``.

A loop over ``zip(self.weights, self.biases)`` makes it work for any number of layers. The
checker sets ``net.weights`` and ``net.biases`` to numbers of its own, so use them in ``run``.

What the checker expects back (the same rule in every exercise):
- the type named here: a numpy array where it says array, a list where it says list, a pair
  (return a, b) where it says pair, one number (a Python or numpy number, never an array,
  not even one of shape () or (1,)) where it says number;
- arrays of exactly the shape stated: nothing squeezed, nothing added (a batch of one row
  gives a result with one row);
- a class label is the int 0 or 1: not True/False, not 1.0, not a 0-d array;
- full precision: float64 or integer inputs give float64 results (never float32); float32
  inputs may give float32 or float64; integer inputs are numbers like any other;
- no argument changed in place.

Check your work:

    glassnet check two_layer two_layer.py

or, in a notebook, after ``%load_ext glassnet``: a cell whose first line is
``%%check two_layer`` and the rest your code.
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
