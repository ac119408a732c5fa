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

Leave Z as it is (no changes in place). Check your work:

    glassnet check saturation saturation.py
"""

import numpy as np


def saturated_share(Z: np.ndarray, threshold: float) -> float:
    """The share of the entries z of Z where σ'(z) < threshold × 1/4."""
    raise NotImplementedError("saturation: write saturated_share")
