"""Backprop against central differences for every activation × loss × depth; wrong gradients caught."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from glassnet.activations import Identity, ReLU, Sigmoid, Softmax, Tanh
from glassnet.gradcheck import gradcheck, numerical_gradient, relative_error
from glassnet.losses import MSE, CategoricalCrossEntropy, CrossEntropy
from glassnet.network import NeuralNetwork
from learners import LeakyReLU

# Each loss with the output activations it makes sense with.
LOSS_OUTPUTS = [
    (MSE, Identity), (MSE, Sigmoid), (MSE, Tanh),
    (CrossEntropy, Sigmoid),
    (CategoricalCrossEntropy, Softmax),
]


def make_batch(net, rng, n=6):
    """Random inputs and targets that suit the network's loss."""
    X = rng.normal(size=(n, net.sizes[0]))
    k = net.sizes[-1]
    if net.loss is CategoricalCrossEntropy:
        Y = np.eye(k)[rng.integers(0, k, size=n)]
    elif net.loss is CrossEntropy or net.is_classifier:  # outputs in [0, 1] can only aim at targets there
        Y = rng.uniform(size=(n, k))
    else:
        Y = rng.normal(size=(n, k))
    return X, Y


def clear_of_relu_kinks(net, X):
    """ReLU has no derivative at 0: a difference quotient whose nudges (up to 2ε = 0.002 on one
    weight) move some z across 0 measures neither side's slope. Keep every z away from 0."""
    return all(layer.activation is not ReLU or np.abs(t.Z).min() > 0.02
               for layer, t in zip(net.layers, net.trace(X), strict=True))


def kink_free_batch(net, n=4):
    """The first seeded random batch that keeps every ReLU input clear of its kink."""
    for seed in range(1000):
        X, Y = make_batch(net, np.random.default_rng(seed), n)
        if clear_of_relu_kinks(net, X):
            return X, Y
    raise AssertionError("no kink-free batch found")


def test_numerical_gradient_of_a_quadratic_is_exact():
    theta = np.array([[1.0, -2.0], [0.5, 3.0]])
    grad = numerical_gradient(lambda: float(np.sum(theta**2)), theta)
    np.testing.assert_allclose(grad, 2 * theta, rtol=1e-8)
    np.testing.assert_array_equal(theta, [[1.0, -2.0], [0.5, 3.0]])  # restored


def test_relative_error_is_zero_for_equal_and_one_for_opposite():
    g = np.array([1.0, -2.0, 3.0])
    assert relative_error(g, g) == 0.0
    assert relative_error(g, -g) == 1.0
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0


@pytest.mark.parametrize("hidden", [Sigmoid, Tanh, ReLU, Identity])
@pytest.mark.parametrize(("loss", "output"), LOSS_OUTPUTS)
@pytest.mark.parametrize("depth", [1, 2, 3, 4])
def test_backprop_matches_central_differences(hidden, loss, output, depth):
    sizes = [*[3, 5, 4, 5, 3][:depth], 3]
    net = NeuralNetwork(sizes, activation=hidden, output_activation=output, loss=loss, seed=depth)
    X, Y = kink_free_batch(net)
    report = gradcheck(net, X, Y)
    assert len(report.errors) == depth
    assert report.max_error < 1e-7, str(report)


@settings(max_examples=100, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 6), min_size=2, max_size=5),
    hidden=st.sampled_from([Sigmoid, Tanh, ReLU, Identity]),
    loss_output=st.sampled_from(LOSS_OUTPUTS),
    n=st.integers(1, 7),
    seed=st.integers(0, 2**16),
)
def test_backprop_matches_central_differences_for_random_networks(sizes, hidden, loss_output, n, seed):
    loss, output = loss_output
    if loss is CategoricalCrossEntropy:
        sizes[-1] = max(sizes[-1], 2)
    net = NeuralNetwork(sizes, activation=hidden, output_activation=output, loss=loss, seed=seed)
    X, Y = make_batch(net, np.random.default_rng(seed), n)
    assume(clear_of_relu_kinks(net, X))
    # A saturated output (say σ at z = 15) leaves gradients of 1e-7 or less. The differences
    # cannot resolve those: their rounding error is about 1e-16 · C / ε ≈ 1e-13. Below a
    # gradient of 1e-5 the comparison would measure that rounding, not backprop. (A softmax
    # output starts at 0, so with balanced labels its dC/db is exactly 0: the same holds there.)
    assume(all(min(np.linalg.norm(dC_dW), np.linalg.norm(dC_db)) > 1e-5 for dC_dW, dC_db in net.backprop(X, Y)))
    assert gradcheck(net, X, Y).max_error < 1e-7


def wrong_backprop_without_transpose_and_prime(net, X, Y):
    """A classic mistake: BP2 without the ⊙ φ'(z) factor."""
    forward = net.trace(X)
    delta = forward[-1].A - Y  # BP1 (sigmoid + cross-entropy)
    grads = []
    for l in range(len(net.layers) - 1, -1, -1):
        grads.append(net.layers[l].gradients(forward[l].A_prev, delta))
        delta = delta @ net.layers[l].W.T  # BP2, missing ⊙ φ'(z)
    return grads[::-1]


def test_gradcheck_catches_a_wrong_gradient():
    net = NeuralNetwork([3, 4, 2], activation=Sigmoid, loss=CrossEntropy, seed=0)
    X, Y = make_batch(net, np.random.default_rng(0))
    report = gradcheck(net, X, Y, grads=wrong_backprop_without_transpose_and_prime(net, X, Y))
    assert report.errors[1] < 1e-7  # the output layer is still right
    assert report.errors[0] > 1e-2  # the hidden layer is not
    assert not report.passed()


def test_a_coarse_epsilon_fails_the_check():
    net = NeuralNetwork([3, 4, 2], activation=Sigmoid, loss=CrossEntropy, seed=0)
    X, Y = make_batch(net, np.random.default_rng(0))
    assert gradcheck(net, X, Y).passed()
    assert not gradcheck(net, X, Y, eps=1.0).passed()


def test_report_lists_each_layer():
    net = NeuralNetwork([2, 3, 1], loss=CrossEntropy, seed=0)
    X, Y = make_batch(net, np.random.default_rng(0))
    text = str(gradcheck(net, X, Y))
    # numbered from 1 as the lessons number W_1, W_2 (layer 0 is the input, it has no weights)
    assert "layer 1:" in text and "layer 2:" in text and "layer 0:" not in text and "worst:" in text


def test_gradcheck_rejects_a_bad_epsilon():
    net = NeuralNetwork([2, 1], seed=0)
    with pytest.raises(ValueError, match="eps must be > 0, got 0"):
        gradcheck(net, [[0.0, 1.0]], [[1.0]], eps=0)


def test_a_learners_leaky_relu_passes_gradcheck():
    net = NeuralNetwork([3, 5, 4, 2], activation=LeakyReLU, output_activation=Sigmoid, loss=CrossEntropy,
                        seed=3)
    batches = (make_batch(net, np.random.default_rng(seed), 4) for seed in range(1000))
    X, Y = next((X, Y) for X, Y in batches if all(np.abs(t.Z).min() > 0.02 for t in net.trace(X)))  # off the kink
    report = gradcheck(net, X, Y)
    assert report.passed(), str(report)


@pytest.mark.parametrize("function", ["gradcheck", "numerical_gradients"])
def test_a_name_in_place_of_the_network_is_a_type_error_that_says_so(function):
    import importlib

    module = importlib.import_module("glassnet.gradcheck")  # (glassnet.gradcheck is also the function's name)
    with pytest.raises(TypeError, match=rf"^{function} checks a NeuralNetwork, its first argument; got str: 'net'\. "
                                        r"Pass the network itself"):
        getattr(module, function)("net", np.zeros((2, 2)), np.zeros((2, 1)))
