"""Wrong: compares w·x + b with a tolerance, 1e-9, instead of 0."""

class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = w, b

    def run(self, x):
        return int(self.weight * x + self.bias > 1e-9)
