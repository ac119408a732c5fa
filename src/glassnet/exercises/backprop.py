"""Exercise backprop: the four equations of backpropagation. Lesson: 06, backpropagation.

Compute the gradient of the loss for every weight and bias of a network, in one pass
forward and one pass backward. The network uses the sigmoid σ in every layer and the mean
squared error C = 1/(2n) Σ ‖Y - A_L‖².

Shapes, batch first (one example per row; this is the track's notation transposed):

    weights[l]  (n_in, n_out)       biases[l]  (n_out,)
    X  (n, n_inputs)                Y  (n, n_outputs)

1) Feedforward, keeping every layer's Z and A (start with A = X):

       Z = A_prev @ W + b            A = σ(Z)

2) Backward, from the last layer to the first:

       BP1  delta_L = (A_L - Y) * σ'(Z_L)                   the output layer's error
       BP2  delta   = (delta_next @ W_next.T) * σ'(Z)       each earlier layer's error
       BP3  dC_db   = delta.mean(axis=0)                    shape (n_out,)
       BP4  dC_dW   = A_prev.T @ delta / n                  shape (n_in, n_out)

   with σ'(z) = σ(z)(1 - σ(z)) and A_prev = X for the first layer. Each delta has one row per
   example; only BP3 and BP4 average over the batch.

Write ``backprop(weights, biases, X, Y)`` returning the pair ``(grads_W, grads_b)``: two lists
with one numpy array per layer, each of exactly the shape of its W or b. Any number of layers
(two or three), any batch size n (n = 1 too), integers or float32 in X and Y. Do not change the arrays or the
lists you are given (no ``Y -= A``, no ``weights.reverse()``, no ``biases[l] = ...``): the
caller keeps using them, and the checker compares each with a copy made before the call.
The checker compares your gradients with central differences,
(C(θ + ε) - C(θ - ε)) / 2ε for each parameter θ, and shows the relative error.

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

    glassnet check backprop backprop.py

or, in a notebook, after ``%load_ext glassnet``: a cell whose first line is
``%%check backprop`` and the rest your code.
"""

import numpy as np


def backprop(weights: list, biases: list, X: np.ndarray, Y: np.ndarray):
    """BP1-BP4 for a sigmoid network with MSE loss; return (grads_W, grads_b), lists per layer."""
    raise NotImplementedError("backprop: write backprop")
