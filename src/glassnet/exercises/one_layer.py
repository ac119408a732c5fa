"""Exercise one_layer: a one-layer neural network. Lesson: 02, activation functions.

Put several neurons side by side and pass their weighted inputs through an activation:
that is one layer. With n_inputs inputs and n_outputs neurons, the weights form a matrix W of
shape (n_inputs, n_outputs), one column per neuron, and the biases a vector b of shape
(n_outputs,). For a batch X of shape (n, n_inputs), one example per row:

    run(X) = activation.fn(X @ W + b)        shape (n, n_outputs)

and for one example x of shape (n_inputs,) the same line gives shape (n_outputs,).

Write the class ``NeuralNetwork``:

- ``NeuralNetwork(n_inputs, n_outputs, activation)`` makes ``self.W``, shape
  (n_inputs, n_outputs), and ``self.b``, shape (n_outputs,) (random numbers, e.g. from
  ``np.random.default_rng().standard_normal``, or zeros), and keeps ``activation``: a class
  with a static ``fn(z)``, such as your ``Sigmoid`` from the activations exercise;
- ``run(self, x)`` returns ``activation.fn(x @ self.W + self.b)``.

The checker creates your network, then sets ``net.W`` and ``net.b`` to numbers of its own so
it knows the right answer: use ``self.W`` and ``self.b`` in ``run``.

Check your work:

    glassnet check one_layer one_layer.py
"""

import numpy as np


class NeuralNetwork:
    """One layer of neurons: a weight matrix, a bias vector and an activation."""

    def __init__(self, n_inputs: int, n_outputs: int, activation):
        """Make self.W (n_inputs, n_outputs) and self.b (n_outputs,); keep the activation."""
        raise NotImplementedError("one_layer: write NeuralNetwork.__init__")

    def run(self, x: np.ndarray) -> np.ndarray:
        """activation.fn(x @ W + b): shape (n, n_outputs) for x of shape (n, n_inputs)."""
        raise NotImplementedError("one_layer: write NeuralNetwork.run")
