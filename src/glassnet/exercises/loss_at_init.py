"""Exercise loss_at_init: the loss an untrained network should start from. Lesson: 08, when training fails.

A network that has learned nothing yet, and knows it, gives the same uninformed output for
every example. Its loss is a yardstick: a start far above it is confidently wrong (lesson 8's
×25 start), and a training loss that never gets below it has learned nothing.

Write ``loss_at_init(output, Y)`` for the targets ``Y``, a numpy array of shape (n, k): n
examples, k outputs each. ``output`` says which output layer and loss the network has:

- ``"softmax"`` (with categorical cross-entropy): uniform probabilities 1/k for each of the k
  classes, so the loss is ln k;
- ``"sigmoid"`` (with cross-entropy): 1/2 for each of the k outputs, so each adds ln 2: k ln 2;
- ``"identity"`` (with the mean squared error, C = 1/(2n) Σ ‖y - a‖²): the best an uninformed
  network can do is answer the mean target of each output, which leaves half the variance of
  each column of Y, added up over the k columns: 1/2 Σ_j var(y_j) (the variance as np.var
  computes it, dividing by n).

It returns one number. For example, with Y of 10 one-hot columns, "softmax" gives ln 10 ≈ 2.303.

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

    glassnet check loss_at_init loss_at_init.py

or, in a notebook, after ``%load_ext glassnet``: a cell whose first line is
``%%check loss_at_init`` and the rest your code.
"""

import numpy as np


def loss_at_init(output: str, Y: np.ndarray) -> float:
    """ln k for "softmax", k ln 2 for "sigmoid", 1/2 Σ_j var(y_j) for "identity": one number."""
    raise NotImplementedError("loss_at_init: write loss_at_init")
