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

Check your work:

    glassnet check loss_at_init loss_at_init.py
"""

import numpy as np


def loss_at_init(output: str, Y: np.ndarray) -> float:
    """ln k for "softmax", k ln 2 for "sigmoid", 1/2 Σ_j var(y_j) for "identity"."""
    raise NotImplementedError("loss_at_init: write loss_at_init")
