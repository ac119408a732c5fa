"""Wrong: perceptron_1d__run_swaps_roles (see the test's table for what is said)."""
class Perceptron:
    def __init__(self, w, b):
        self.weight = w
        self.bias = b

    def run(self, x):
        return int(self.bias * x + self.weight > 0)
