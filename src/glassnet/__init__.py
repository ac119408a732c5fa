"""glassnet: a neural network you can see through.

The track, in order: the hyperplane and the perceptron (``linear``, ``perceptron``), activation
functions (``activations``), feedforward networks (``layers``, ``network``), loss functions
(``losses``), gradient descent (``descent``) and backpropagation (``network``, ``gradcheck``).

One batch, from X to the update: ``NeuralNetwork.feedforward`` (each ``Dense.forward``: Z, A),
``NeuralNetwork.backpropagate`` (BP1, BP2), ``Dense.gradients`` (BP3, BP4), and ``training.fit``,
one loop that shuffles, cuts mini-batches, backpropagates and lets the optimizer step. Names
(``"relu"``, ``"cross-entropy"``) live in ``registry``; the version in ``version``.
"""

from glassnet import datasets
from glassnet.activations import Identity, ReLU, Sigmoid, Softmax, Tanh, register_activation
from glassnet.descent import DescentResult, gradient_descent
from glassnet.gradcheck import gradcheck
from glassnet.layers import Dense
from glassnet.losses import MSE, CategoricalCrossEntropy, CrossEntropy, register_loss
from glassnet.network import NeuralNetwork
from glassnet.perceptron import ConvergenceWarning, Perceptron
from glassnet.version import __version__

__all__ = [
    "MSE",
    "CategoricalCrossEntropy",
    "ConvergenceWarning",
    "CrossEntropy",
    "Dense",
    "DescentResult",
    "Identity",
    "NeuralNetwork",
    "Perceptron",
    "ReLU",
    "Sigmoid",
    "Softmax",
    "Tanh",
    "__version__",
    "datasets",
    "gradcheck",
    "gradient_descent",
    "register_activation",
    "register_loss",
]
