"""Wrong: truncates w·x + b before comparing."""

class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = w, b

    def run(self, x):
        return int(int(self.weight * x + self.bias) > 0)
