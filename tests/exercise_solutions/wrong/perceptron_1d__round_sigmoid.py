"""Wrong: rounds the sigmoid of w·x + b."""

import math


class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = w, b

    def run(self, x):
        return round(1 / (1 + math.exp(-(self.weight * x + self.bias))))
