"""Right: matplotlib and tqdm imported at the top, used only under __main__."""

import matplotlib.pyplot as plt
import numpy as np
from tqdm import tqdm


class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = w, b

    def run(self, x):
        return int(self.weight * x + self.bias > 0)


if __name__ == "__main__":
    xs = np.linspace(-1, 1, 50)
    plt.plot(xs, [Perceptron(2, -1).run(x) for x in tqdm(xs)])
    plt.show()
