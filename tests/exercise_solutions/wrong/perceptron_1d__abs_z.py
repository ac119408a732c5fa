"""Wrong: compares |w x + b| with 0."""



class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = w, b

    def run(self, x):
        return int(abs(self.weight * x + self.bias) > 0)
