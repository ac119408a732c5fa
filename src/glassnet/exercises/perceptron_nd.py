"""Exercise perceptron_nd: a perceptron with d inputs, numpy only. Lesson: 01, linear models.

Now the input is a point x with d coordinates and the weights are a vector w of the same
length. The perceptron computes the dot product w·x = w_1 x_1 + ... + w_d x_d, adds the bias
and applies the step:

    output(x) = 1 if w·x + b > 0 else 0      (a point on the hyperplane is class 0)

Write the class ``Perceptron`` with numpy, no Python loop:

- ``Perceptron(w, b)`` keeps the weight vector (a numpy array of shape (d,)) as
  ``self.weight`` and the bias (a number) as ``self.bias``;
- ``run(self, x)`` classifies
    * one point, ``x`` of shape (d,): it returns the int 0 or 1;
    * a batch of points, ``x`` of shape (n, d), one point per row: it returns a numpy array
      of n int labels, shape (n,) (a numpy array of ints, not a Python list, not bools).

Hint: ``x @ self.weight + self.bias`` is one number for one point and n numbers for a batch,
so one line serves both.

Example, the track's two points with w = (0, 1) and b = -1:
``Perceptron(np.array([0.0, 1.0]), -1.0).run(np.array([0.0, 2.0]))`` is 1 and
``.run(np.array([[0.0, 2.0], [1.0, 0.0]]))`` is ``array([1, 0])``.

Check your work:

    glassnet check perceptron_nd perceptron_nd.py
"""

import numpy as np


class Perceptron:
    """A hyperplane w·x + b = 0 and a step: class 1 on the side where w·x + b > 0."""

    def __init__(self, w: np.ndarray, b: float):
        """Store the weights ``w``, shape (d,), as ``self.weight`` and the bias as ``self.bias``."""
        raise NotImplementedError("perceptron_nd: write Perceptron.__init__")

    def run(self, x: np.ndarray):
        """The class of one point (shape (d,)): 0 or 1; or of each row of a batch (n, d): shape (n,)."""
        raise NotImplementedError("perceptron_nd: write Perceptron.run")
