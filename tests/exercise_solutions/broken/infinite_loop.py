"""Broken: run never returns (a perceptron_1d attempt whose while loop never ends)."""


class Perceptron:
    def __init__(self, w, b):
        self.weight = w
        self.bias = b

    def run(self, x):
        z = self.weight * x + self.bias
        steps = 0
        while z != 0.5:  # never becomes false
            steps += 1
        return 1 if z > 0 else 0
