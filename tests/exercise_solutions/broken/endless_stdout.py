"""Broken: a perceptron_1d whose run prints without end."""


class Perceptron:
    def __init__(self, w, b):
        self.weight = w
        self.bias = b

    def run(self, x):
        while True:
            print("still thinking about", x)
