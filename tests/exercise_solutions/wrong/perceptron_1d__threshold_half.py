"""Wrong: compares with 0.5, as for a sigmoid's output."""

class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = w, b

    def run(self, x):
        return int(self.weight * x + self.bias > 0.5)
