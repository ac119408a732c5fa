"""Wrong: forgets to multiply by x."""


class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = w, b

    def run(self, x):
        return int(self.weight + self.bias > 0)
