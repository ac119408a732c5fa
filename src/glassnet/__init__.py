"""glassnet: a neural network you can see through.

The track, in order: the hyperplane and the perceptron (``linear``, ``perceptron``), activation
functions (``activations``), feedforward networks (``layers``, ``network``), loss functions
(``losses``), gradient descent (``descent``) and backpropagation (``network``, ``gradcheck``).

One batch, from X to the update: ``NeuralNetwork.feedforward`` (each ``Dense.forward``: Z, A),
``NeuralNetwork.backpropagate`` (BP1, BP2), ``Dense.gradients`` (BP3, BP4), and ``training.fit``,
one loop that shuffles, cuts mini-batches, backpropagates and lets the optimizer step. Names
(``"relu"``, ``"cross-entropy"``) live in ``registry``; the version in ``version``.

The exercises: ``glassnet.check("perceptron_1d", "my-work/perceptron_1d.py")`` grades a file
(``glassnet.checker``); in a notebook, ``%load_ext glassnet`` adds the cell magic ``%%check NAME``.
"""

from typing import Any

from glassnet import datasets
from glassnet.activations import Identity, ReLU, Sigmoid, Softmax, Tanh, register_activation
from glassnet.descent import DescentResult, gradient_descent
from glassnet.gradcheck import gradcheck
from glassnet.layers import Dense
from glassnet.losses import MSE, CategoricalCrossEntropy, CrossEntropy, register_loss
from glassnet.network import NeuralNetwork
from glassnet.perceptron import ConvergenceWarning, Perceptron
from glassnet.version import __version__


def check(exercise: str, file: Any, **options: Any) -> Any:
    """Grade ``file`` as the exercise ``exercise``: ``glassnet.checker.check`` (imported only when
    called). Returns a ``CheckResult``, which prints (and shows in a notebook) as the report."""
    from glassnet.checker import check as run_check

    return run_check(exercise, file, **options)


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext glassnet``: adds the cell magic ``%%check NAME`` (IPython is imported only here)."""
    from glassnet.checker.magic import register

    register(ipython)


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
    "check",
    "datasets",
    "gradcheck",
    "gradient_descent",
    "load_ipython_extension",
    "register_activation",
    "register_loss",
]
