"""Wrong: run returns True/False (a bool) where the stub asks for the int 0 or 1."""


class Perceptron:
    def __init__(self, w, b):
        self.weight = w
        self.bias = b

    def run(self, x):
        return self.weight * x + self.bias > 0
