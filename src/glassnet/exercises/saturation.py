"""Exercise saturation: the doctor's saturation check for a sigmoid layer. Lesson: 08, when training fails.

A sigmoid unit is saturated where its slope σ'(z) = σ(z) (1 - σ(z)) is so small that BP2,
δ = (δ_next W_nextᵀ) ⊙ σ'(z), passes back almost no error. The slope is largest at z = 0,
where it is 1/4; call a value of z saturated where σ'(z) is below ``threshold`` times that peak
(the doctor uses threshold = 0.03: then |z| > 4.8).

Write ``saturated_share(Z, threshold)``:

- ``Z`` is a layer's weighted inputs, a numpy array of shape (n, units): n examples, one row each;
- returns one number: the share of the entries of Z that are saturated, from 0.0 to 1.0.

For example, with threshold = 0.03, z = 5 is saturated (σ'(5) = 0.0066 < 0.0075) and z = 1 is
not (σ'(1) = 0.197):

    saturated_share(np.array([[0.0, 5.0], [-6.0, 1.0]]), 0.03)  ->  0.5

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

    glassnet check saturation saturation.py

or, in a notebook, after ``%load_ext glassnet``: a cell whose first line is
``%%check saturation`` and the rest your code.
"""

import numpy as np


def saturated_share(Z: np.ndarray, threshold: float) -> float:
    """The share of the entries z of Z where σ'(z) < threshold × 1/4, one number."""
    raise NotImplementedError("saturation: write saturated_share")
