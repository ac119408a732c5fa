"""Wrong: keeps the weight rounded to 2 decimals."""


class Perceptron:
    def __init__(self, w, b):
        self.weight = round(w, 2)
        self.bias = b

    def run(self, x):
        return 1 if self.weight * x + self.bias > 0 else 0
