"""Broken: raises while the file is imported (a perceptron_1d attempt)."""

WEIGHTS = {"w": 2.0}
BIAS = WEIGHTS["b"]


class Perceptron:
    def __init__(self, w, b):
        self.weight = w
        self.bias = b

    def run(self, x):
        return 1 if self.weight * x + self.bias > 0 else 0
