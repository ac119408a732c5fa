"""The output layer and the loss that suit a task: the one rule every part of glassnet uses. Lesson: 04 losses.

The command line, the playground and the scikit-learn estimators all build their output layer
here:

- regression: one identity output per target, the mean squared error C = 1/(2n) Σ‖y - a‖²;
- classification, by default: two classes need one sigmoid output a = P(class 1) with binary
  cross-entropy; more classes a softmax over one output per class with categorical
  cross-entropy;
- classification with a chosen loss: the output activation follows the loss (softmax for
  categorical cross-entropy, which needs outputs that sum to 1; sigmoid otherwise), and a
  softmax always has one output per class (a softmax over one output is the constant 1).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from glassnet.activations import Softmax, get_activation
from glassnet.losses import CategoricalCrossEntropy, get_loss

TASKS = ("classification", "regression")


class OutputLayer(NamedTuple):
    """What a task's network ends with: ``n_outputs`` neurons, their ``activation``, the ``loss``
    (each as it was given, a name or an object, or the default name)."""

    n_outputs: int
    activation: Any
    loss: Any


def _is(choice: Any, cls: type, resolve: Any) -> bool:
    """Whether ``choice`` (a name, a class or an instance) is ``cls`` or one of its subclasses."""
    found = resolve(choice)
    return isinstance(found, cls) or (isinstance(found, type) and issubclass(found, cls))


def output_layer(task: str, n_classes: int = 2, *, n_targets: int = 1, loss: Any = None,
                 activation: Any = None) -> OutputLayer:
    """The output layer and loss for ``task`` (``"classification"`` of ``n_classes`` classes, or
    ``"regression"`` of ``n_targets`` targets); ``loss`` and ``activation`` keep a choice the user
    made, and the rest follows from it (see the module).

    >>> output_layer("classification", 2)
    OutputLayer(n_outputs=1, activation='sigmoid', loss='cross-entropy')
    >>> output_layer("classification", 10, loss="cross-entropy")
    OutputLayer(n_outputs=10, activation='sigmoid', loss='cross-entropy')
    """
    if task == "regression":
        return OutputLayer(n_targets, "identity" if activation is None else activation,
                           "mse" if loss is None else loss)
    if task != "classification":
        raise ValueError(f"The task must be one of {', '.join(TASKS)}; got {task!r}.")
    if loss is None:
        loss = "cross-entropy" if n_classes == 2 else "categorical-cross-entropy"
    if activation is None:
        activation = "softmax" if _is(loss, CategoricalCrossEntropy, get_loss) else "sigmoid"
    softmax = _is(activation, Softmax, get_activation)
    return OutputLayer(n_classes if softmax or n_classes > 2 else 1, activation, loss)
