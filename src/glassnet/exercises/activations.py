"""Exercise activations: sigmoid, tanh and ReLU. Lesson: 02, activation functions.

An activation function takes the weighted input z = w·x + b of a neuron and bends it. Write
three classes; each has two static methods (``@staticmethod``, no ``self``: you call them on
the class, ``Sigmoid.fn(z)``):

- ``fn(z)``: the function, applied to every entry of ``z``;
- ``prime(z)``: its derivative at every entry of ``z``.

``z`` is a numpy array of any shape (1-d, a 2-d batch, 3-d; floats or integers); return a new
numpy array of the same shape and leave ``z`` as it is (no ``z[z < 0] = 0``: the caller still
needs it). Use
numpy's functions (np.exp, np.tanh, np.maximum, np.where), which work on every entry at
once; Python's ``math`` module and ``max`` only take single numbers.

    Sigmoid   fn(z) = 1 / (1 + exp(-z))              prime(z) = fn(z) * (1 - fn(z))
    Tanh      fn(z) = (exp(z) - exp(-z)) / (exp(z) + exp(-z))    prime(z) = 1 - fn(z)**2
    ReLU      fn(z) = max(0, z)                      prime(z) = 1 where z > 0, 0 where z < 0

They must work for any z, including z = -1000 or 1000, without a warning: exp overflows (to
inf) above about 709, so arrange each formula so that exp never gets a large positive
argument (or use a numpy function that already does).

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

    glassnet check activations activations.py

or, in a notebook, after ``%load_ext glassnet``: a cell whose first line is
``%%check activations`` and the rest your code.
"""

import numpy as np


class Sigmoid:
    """The logistic sigmoid: squashes any z into (0, 1)."""

    @staticmethod
    def fn(z: np.ndarray) -> np.ndarray:
        """σ(z) = 1 / (1 + exp(-z)), entry by entry."""
        raise NotImplementedError("activations: write Sigmoid.fn")

    @staticmethod
    def prime(z: np.ndarray) -> np.ndarray:
        """σ'(z) = σ(z) (1 - σ(z)), entry by entry."""
        raise NotImplementedError("activations: write Sigmoid.prime")


class Tanh:
    """The hyperbolic tangent: squashes any z into (-1, 1), centred at 0."""

    @staticmethod
    def fn(z: np.ndarray) -> np.ndarray:
        """tanh(z) = (exp(z) - exp(-z)) / (exp(z) + exp(-z)), entry by entry."""
        raise NotImplementedError("activations: write Tanh.fn")

    @staticmethod
    def prime(z: np.ndarray) -> np.ndarray:
        """tanh'(z) = 1 - tanh(z)**2, entry by entry."""
        raise NotImplementedError("activations: write Tanh.prime")


class ReLU:
    """The rectified linear unit: 0 for negative z, z itself otherwise."""

    @staticmethod
    def fn(z: np.ndarray) -> np.ndarray:
        """max(0, z), entry by entry."""
        raise NotImplementedError("activations: write ReLU.fn")

    @staticmethod
    def prime(z: np.ndarray) -> np.ndarray:
        """1 where z > 0, 0 where z < 0 (at z = 0 there is no derivative; use 0)."""
        raise NotImplementedError("activations: write ReLU.prime")
