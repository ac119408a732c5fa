"""Exercise perceptron_1d: a perceptron with one input. Lesson: 01, linear models.

A perceptron with one weight w and one bias b sorts a number x into class 0 or class 1:

    output(x) = 1 if w * x + b > 0 else 0

A point exactly on the boundary (w * x + b = 0) is class 0: use "> 0", never ">= 0". The
whole track uses this one rule, in training and in prediction.

Write the class ``Perceptron``:

- ``Perceptron(w, b)`` keeps its two numbers as ``self.weight`` and ``self.bias``;
- ``run(self, x)`` takes one number ``x`` (a Python or numpy number, an int or a float) and
  returns its class, the int 0 or 1 (``int(z > 0)`` makes one).

The checker also tries points a hair's breadth from the boundary (w * x + b = 2⁻⁵²), w = 0,
huge and integer inputs: compare with 0 exactly, and keep the numbers as they are given.

Example: ``Perceptron(2.0, -1.0).run(0.7)`` is 1, because 2 * 0.7 - 1 = 0.4 > 0.

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

    glassnet check perceptron_1d perceptron_1d.py

or, in a notebook, after ``%load_ext glassnet``: a cell whose first line is
``%%check perceptron_1d`` and the rest your code.

(Code you add to try things out belongs under ``if __name__ == "__main__":`` at the bottom,
so that it does not run when the file is checked.)
"""


class Perceptron:
    """One weight, one bias and a step: the smallest classifier there is."""

    def __init__(self, w, b):
        """Store the weight ``w`` as ``self.weight`` and the bias ``b`` as ``self.bias``."""
        raise NotImplementedError("perceptron_1d: write Perceptron.__init__")

    def run(self, x):
        """Return 1 if ``self.weight * x + self.bias > 0``, else 0."""
        raise NotImplementedError("perceptron_1d: write Perceptron.run")
