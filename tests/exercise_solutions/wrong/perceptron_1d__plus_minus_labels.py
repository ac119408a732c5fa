"""Wrong: answers 1 or -1, the ±1 convention."""


class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = w, b

    def run(self, x):
        return 1 if self.weight * x + self.bias > 0 else -1
