"""Wrong: returns 1.0 or 0.0."""


class Perceptron:
    def __init__(self, w, b):
        self.weight = w
        self.bias = b

    def run(self, x):
        return 1.0 if self.weight * x + self.bias > 0 else 0.0
