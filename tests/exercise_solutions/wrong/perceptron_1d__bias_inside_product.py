"""Wrong: puts the bias inside the product: w (x + b)."""

class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = w, b

    def run(self, x):
        return int(self.weight * (x + self.bias) > 0)
