"""Wrong: stores b as the weight and w as the bias."""

class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = b, w

    def run(self, x):
        return int(self.weight * x + self.bias > 0)
