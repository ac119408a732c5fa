"""Wrong: perceptron_1d__int_bias (one realistic slip; see the test's table for its cause)."""

class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = float(w), int(b)

    def run(self, x):
        return int(self.weight * x + self.bias > 0)
