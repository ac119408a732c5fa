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

Write ``backprop(weights, biases, X, Y)`` returning ``(grads_W, grads_b)``: two lists with
one array per layer, each of the same shape as its W or b. Do not change the arrays or the
lists you are given (no ``Y -= A``, no ``weights.reverse()``, no ``biases[l] = ...``): the
caller keeps using them, and the checker compares each with a copy made before the call.
The checker compares your gradients with central differences,
(C(θ + ε) - C(θ - ε)) / 2ε for each parameter θ, and shows the relative error.

Check your work:

    glassnet check backprop backprop.py
"""

import numpy as np


def backprop(weights: list, biases: list, X: np.ndarray, Y: np.ndarray):
    """BP1-BP4 for a sigmoid network with MSE loss; return (grads_W, grads_b), lists per layer."""
    raise NotImplementedError("backprop: write backprop")
