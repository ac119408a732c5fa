"""Right: a conditional expression."""


class Perceptron:
    def __init__(self, w, b):
        self.weight = w
        self.bias = b

    def run(self, x):
        return 1 if self.weight * x + self.bias > 0 else 0
