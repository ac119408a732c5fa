"""Wrong: run compares w * x with 0 and ignores the bias."""


class Perceptron:
    def __init__(self, w, b):
        self.weight = w
        self.bias = b

    def run(self, x):
        return 1 if self.weight * x > 0 else 0
