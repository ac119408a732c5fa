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
- ``run(self, x)`` returns ``activation.fn(x @ self.W + self.b)``: a numpy array of shape
  (n, n_outputs) for a batch, also when n = 1 or n_outputs = 1, and (n_outputs,) for one example.

The checker hands your network activations of its own (Tanh, ReLU, Softsign: classes with
static fn(z) and prime(z), like yours), so call ``self.activation.fn``.

The checker creates your network, then sets ``net.W`` and ``net.b`` to numbers of its own so
it knows the right answer: use ``self.W`` and ``self.b`` in ``run``.

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

    glassnet check one_layer one_layer.py

or, in a notebook, after ``%load_ext glassnet``: a cell whose first line is
``%%check one_layer`` and the rest your code.
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
