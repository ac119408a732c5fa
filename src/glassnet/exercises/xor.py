"""Exercise xor: train a network on XOR with your backprop. Lesson: 07, training.

No perceptron can learn XOR, but a network with one hidden layer can. Train one:

- sizes 2 → 3 → 1 (two inputs, a hidden layer of 3 or 4 neurons, one output), sigmoid in
  every layer, mean squared error, weights as in the backprop exercise (W of shape
  (n_in, n_out), b of shape (n_out,));
- start from random weights: ``rng = np.random.default_rng(seed)`` and
  ``rng.standard_normal(shape)`` for every W and b (with all weights equal, zeros for
  instance, every hidden neuron gets the same gradient and they stay identical);
- gradient descent on all four points at once, with your ``backprop``:

      grads_W, grads_b = backprop(weights, biases, X, Y)
      W ← W - learning_rate * dC_dW   and   b ← b - learning_rate * dC_db   for every layer,
      the hidden layer as well as the output layer

  A learning rate of about 5 and a few thousand epochs are enough.

    X = [[0, 0], [0, 1], [1, 0], [1, 1]]      Y = [[0], [1], [1], [0]]

Write ``train_xor(seed=0)`` returning the trained pair ``(weights, biases)``: two lists of numpy
arrays, each W of shape (n_in, n_out) and each b of shape (n_out,). The checker runs your
network on the four points for seeds 0, 1 and 2 and wants output > 0.5 exactly where XOR is
1; for two seeds drawn at check time it wants a network your training led to (a poor minimum
is allowed there), from a start that depends on the seed. Call your backprop as
``backprop(...)`` from this file, so that the checker can follow the updates and explain a
failure. It has to finish within the time limit (10 s by default).

This file imports your backprop from backprop.py, so keep both files in the same folder
(and check backprop first: ``glassnet check backprop.py``).

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

    glassnet check xor xor.py

or, in a notebook, after ``%load_ext glassnet``: a cell whose first line is
``%%check xor`` and the rest your code.
"""

import numpy as np
from backprop import backprop  # noqa: F401  (your backprop exercise, in this folder; use it below)

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def train_xor(seed=0):
    """Train a 2 → 3 → 1 sigmoid network on XOR by gradient descent; return (weights, biases)."""
    raise NotImplementedError("xor: write train_xor (use backprop)")
