"""Exercise perceptron_1d: a perceptron with one input. Lesson: 01, linear models.

A perceptron with one weight w and one bias b sorts a number x into class 0 or class 1:

    output(x) = 1 if w * x + b > 0 else 0

A point exactly on the boundary (w * x + b = 0) is class 0: use "> 0", never ">= 0". The
whole track uses this one rule, in training and in prediction.

Write the class ``Perceptron``:

- ``Perceptron(w, b)`` keeps its two numbers as ``self.weight`` and ``self.bias``;
- ``run(self, x)`` takes one number ``x`` and returns its class, the int 0 or 1 (an ``int``:
  not ``True``/``False``, not ``1.0``/``0.0``; ``int(z > 0)`` makes one).

Example: ``Perceptron(2.0, -1.0).run(0.7)`` is 1, because 2 * 0.7 - 1 = 0.4 > 0.

Check your work:

    glassnet check perceptron_1d perceptron_1d.py

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
