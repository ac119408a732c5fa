"""Wrong: perceptron_1d__two_mistakes (one realistic slip; see the test's table for its cause)."""

class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = w, b

    def run(self, x):
        return int(x * self.weight - self.bias >= 0)
