"""The one rule for a task's output layer and loss (glassnet.tasks), used by the CLI, the playground
and the scikit-learn estimators."""

import pytest

from glassnet.activations import Softmax, Tanh
from glassnet.losses import MSE, CategoricalCrossEntropy, CrossEntropy
from glassnet.tasks import OutputLayer, output_layer


@pytest.mark.parametrize(("args", "kwargs", "expected"), [
    # the defaults: one sigmoid output for two classes, a softmax for more, identity for regression
    (("classification", 2), {}, (1, "sigmoid", "cross-entropy")),
    (("classification", 5), {}, (5, "softmax", "categorical-cross-entropy")),
    (("regression",), {}, (1, "identity", "mse")),
    (("regression",), {"n_targets": 3}, (3, "identity", "mse")),
    # a chosen loss: the activation follows it; a sigmoid per class for more than two
    (("classification", 10), {"loss": "cross-entropy"}, (10, "sigmoid", "cross-entropy")),
    (("classification", 2), {"loss": "mse"}, (1, "sigmoid", "mse")),
    (("classification", 3), {"loss": "mse"}, (3, "sigmoid", "mse")),
    # categorical cross-entropy needs a softmax, over one output per class even for two
    (("classification", 2), {"loss": "categorical-cross-entropy"}, (2, "softmax", "categorical-cross-entropy")),
    # a chosen activation is kept; a softmax always has one output per class
    (("classification", 2), {"activation": "softmax"}, (2, "softmax", "cross-entropy")),
    (("classification", 2), {"activation": "tanh", "loss": "mse"}, (1, "tanh", "mse")),
])
def test_the_output_layer_of_each_task(args, kwargs, expected):
    assert output_layer(*args, **kwargs) == OutputLayer(*expected)


def test_objects_are_kept_as_given_and_recognised_by_class():
    class MyCCE(CategoricalCrossEntropy):
        pass

    assert output_layer("classification", 2, loss=MyCCE) == (2, "softmax", MyCCE)
    assert output_layer("classification", 2, loss=CategoricalCrossEntropy()).n_outputs == 2
    assert output_layer("classification", 4, loss=CrossEntropy).activation == "sigmoid"
    assert output_layer("classification", 2, activation=Softmax).n_outputs == 2
    assert output_layer("classification", 2, activation=Tanh, loss=MSE) == (1, Tanh, MSE)


def test_an_unknown_task_is_refused():
    with pytest.raises(ValueError, match=r"The task must be one of classification, regression; got 'ranking'"):
        output_layer("ranking", 2)
