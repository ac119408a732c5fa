"""Wrong: compares with 1e-300."""


class Perceptron:
    def __init__(self, w, b):
        self.weight = w
        self.bias = b

    def run(self, x):
        return int(self.weight * x + self.bias >= 1e-300)
