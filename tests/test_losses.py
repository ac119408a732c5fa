"""Losses: values by hand, derivatives against central differences, and the BP1 shortcuts."""

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glassnet import losses as losses_module
from glassnet.activations import Identity, ReLU, Sigmoid, Softmax, Tanh
from glassnet.layers import Dense
from glassnet.losses import (
    MSE,
    CategoricalCrossEntropy,
    CrossEntropy,
    LearnersLoss,
    Loss,
    check_output_layer,
    check_targets,
    get_loss,
    loss_name,
    register_loss,
)
from glassnet.network import NeuralNetwork
from learners import ExerciseQuadratic

LOSSES = [MSE, CrossEntropy, CategoricalCrossEntropy]
H = 1e-6  # central-difference step (float64)


def numerical_gradient(loss, a, y, h=H):
    """∂ loss.fn(a, y) / ∂a_ij by central differences, one entry at a time."""
    grad = np.empty_like(a)
    for idx in np.ndindex(a.shape):
        up, down = a.copy(), a.copy()
        up[idx] += h
        down[idx] -= h
        grad[idx] = (loss.fn(up, y) - loss.fn(down, y)) / (2 * h)
    return grad


def batch_for(loss, seed=0, n=5, k=3):
    """Outputs a strictly inside (0, 1) and targets y that suit ``loss``."""
    rng = np.random.default_rng(seed)
    if loss is CategoricalCrossEntropy:
        a = Softmax.fn(rng.normal(size=(n, k)))
        y = np.eye(k)[rng.integers(0, k, size=n)]
    elif loss is CrossEntropy:
        a = rng.uniform(0.05, 0.95, size=(n, k))
        y = rng.uniform(0, 1, size=(n, k))  # soft labels are allowed too
    else:
        a = rng.normal(size=(n, k))
        y = rng.normal(size=(n, k))
    return a, y


# --- values by hand ------------------------------------------------------------------------


def test_mse_by_hand():
    # C = 1/(2n) Σ ‖y - a‖² = ((1 - 0.5)² + (0 - 1)²) / (2·2) = (0.25 + 1) / 4 = 0.3125
    a = np.array([[0.5], [1.0]])
    y = np.array([[1.0], [0.0]])
    assert MSE.fn(a, y) == 0.3125


def test_mse_derivative_by_hand():
    # ∂C_x/∂a = a - y, per example (not divided by n)
    a = np.array([[0.5], [1.0]])
    y = np.array([[1.0], [0.0]])
    np.testing.assert_array_equal(MSE.derivative(a, y), [[-0.5], [1.0]])


def test_mse_of_k_outputs_is_the_sum_of_per_output_mses():
    a, y = batch_for(MSE, seed=1, k=4)
    per_output = sum(MSE.fn(a[:, [j]], y[:, [j]]) for j in range(4))
    assert MSE.fn(a, y) == pytest.approx(per_output, rel=1e-14)


@pytest.mark.parametrize("loss", LOSSES, ids=lambda c: c.__name__)
def test_fn_of_a_batch_is_the_mean_over_its_examples(loss):
    a, y = batch_for(loss, seed=2)
    per_example = [loss.fn(a[[i]], y[[i]]) for i in range(len(a))]
    assert loss.fn(a, y) == pytest.approx(sum(per_example) / len(a), rel=1e-14)


def test_cross_entropy_of_0_9_with_label_1_is_minus_ln_0_9():
    # C = -[1·ln 0.9 + 0·ln 0.1] = -ln 0.9 ≈ 0.10536
    assert CrossEntropy.fn(np.array([[0.9]]), np.array([[1.0]])) == pytest.approx(-math.log(0.9), rel=1e-15)
    # with label 0: -ln(1 - 0.9) = -ln 0.1
    assert CrossEntropy.fn(np.array([[0.9]]), np.array([[0.0]])) == pytest.approx(-math.log(0.1), rel=1e-14)


@pytest.mark.parametrize("a_value", [0.0, 1.0])
def test_cross_entropy_is_finite_when_a_is_exactly_0_or_1(a_value):
    a = np.array([[a_value]])
    right = np.array([[a_value]])
    wrong = np.array([[1 - a_value]])
    # Right answer: close to 0 (a is clipped to [ε, 1 - ε], so -ln(1 - ε) ≈ ε, not exactly 0).
    assert 0 <= CrossEntropy.fn(a, right) < 1e-15
    # Wrong answer: large but finite, -ln ε with ε = 2⁻⁵² (float64), i.e. 52·ln 2 ≈ 36.04.
    assert CrossEntropy.fn(a, wrong) == pytest.approx(52 * math.log(2), rel=1e-12)
    assert np.all(np.isfinite(CrossEntropy.derivative(a, right)))
    assert np.all(np.isfinite(CrossEntropy.derivative(a, wrong)))


def test_categorical_cross_entropy_with_one_hot_labels():
    # Only the true class counts: C = -(ln 0.2 + ln 0.6) / 2
    a = np.array([[0.7, 0.2, 0.1], [0.3, 0.6, 0.1]])
    y = np.array([[0, 1, 0], [0, 1, 0]])
    expected = -(math.log(0.2) + math.log(0.6)) / 2
    assert CategoricalCrossEntropy.fn(a, y) == pytest.approx(expected, rel=1e-15)


def test_categorical_cross_entropy_is_finite_when_the_true_class_gets_0():
    a = np.array([[1.0, 0.0]])
    y = np.array([[0.0, 1.0]])
    assert CategoricalCrossEntropy.fn(a, y) == pytest.approx(52 * math.log(2), rel=1e-12)  # -ln ε
    assert np.all(np.isfinite(CategoricalCrossEntropy.derivative(a, y)))


def test_categorical_cross_entropy_of_a_perfect_prediction_is_zero():
    # -Σ y ln a = -(1·ln 1 + 0·ln 0) = 0; the docstring clips a only from below ([ε, 1]).
    y = np.array([[0.0, 1.0, 0.0]])
    assert CategoricalCrossEntropy.fn(y.copy(), y) == 0.0
    np.testing.assert_array_equal(CategoricalCrossEntropy.derivative(y.copy(), y), [[0.0, -1.0, 0.0]])


# --- derivatives against central differences -----------------------------------------------


@pytest.mark.parametrize("loss", LOSSES, ids=lambda c: c.__name__)
def test_derivative_matches_central_differences(loss):
    a, y = batch_for(loss, seed=3)
    n = len(a)
    # fn is the batch mean, so ∂fn/∂a_ij = derivative_ij / n.
    np.testing.assert_allclose(
        loss.derivative(a, y) / n, numerical_gradient(loss, a, y), rtol=1e-7, atol=1e-9
    )


def test_a_wrong_loss_derivative_fails_the_check():
    # Forgetting the 1/n of the batch mean, or a 0.1% error, must not pass.
    a, y = batch_for(CrossEntropy, seed=4)
    numeric = numerical_gradient(CrossEntropy, a, y)
    assert not np.allclose(CrossEntropy.derivative(a, y), numeric, rtol=1e-7, atol=1e-9)
    assert not np.allclose(1.001 * CrossEntropy.derivative(a, y) / len(a), numeric, rtol=1e-7, atol=1e-9)


def test_cross_entropy_derivative_by_formula():
    # ∂C_x/∂a = (a - y) / (a(1 - a)): at a = 0.8, y = 1: -0.2 / 0.16 = -1.25
    np.testing.assert_allclose(
        CrossEntropy.derivative(np.array([[0.8]]), np.array([[1.0]])), [[-1.25]], rtol=1e-14
    )


# --- BP1: the output delta and its shortcuts -----------------------------------------------
def bp1(loss, activation, z, y):
    """BP1 as the network computes it, for output weighted inputs z: a layer with W = I and b = 0
    turns inputs z into Z = z, so its delta is the output error for (z, y)."""
    layer = Dense(z.shape[1], z.shape[1], activation, init="zeros")
    layer.W[...] = np.eye(z.shape[1])
    return NeuralNetwork([layer], loss=loss).trace(z, y)[-1].delta



@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_cross_entropy_after_sigmoid_shortcut_equals_the_general_bp1(seed):
    rng = np.random.default_rng(seed)
    z = rng.uniform(-8, 8, size=(4, 3))
    y = rng.integers(0, 2, size=(4, 3)).astype(float)
    a = Sigmoid.fn(z)
    shortcut = bp1(CrossEntropy, Sigmoid, z, y)
    general = Sigmoid.backward(z, CrossEntropy.derivative(a, y))  # ∂C/∂a ⊙ σ'(z)
    np.testing.assert_allclose(shortcut, general, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(shortcut, a - y, rtol=1e-15)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_categorical_cross_entropy_after_softmax_shortcut_equals_the_general_bp1(seed):
    rng = np.random.default_rng(seed)
    z = rng.uniform(-5, 5, size=(4, 3))
    y = np.eye(3)[rng.integers(0, 3, size=4)]  # one-hot rows, which sum to 1
    a = Softmax.fn(z)
    shortcut = bp1(CategoricalCrossEntropy, Softmax, z, y)
    general = Softmax.backward(z, CategoricalCrossEntropy.derivative(a, y))  # Jᵀ ∂C/∂a
    np.testing.assert_allclose(shortcut, general, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(shortcut, a - y, rtol=1e-15)


def test_mse_after_sigmoid_has_no_shortcut():
    # delta = (a - y) · σ'(z), with σ' written out here: σ(z)(1 - σ(z)).
    rng = np.random.default_rng(5)
    z = rng.uniform(-4, 4, size=(4, 2))
    y = rng.uniform(0, 1, size=(4, 2))
    a = 1 / (1 + np.exp(-z))
    expected = (a - y) * a * (1 - a)
    np.testing.assert_allclose(bp1(MSE, Sigmoid, z, y), expected, rtol=1e-12)
    assert not np.allclose(bp1(MSE, Sigmoid, z, y), a - y)


@pytest.mark.parametrize(("loss", "activation"), [(MSE, Identity), (MSE, Tanh)])
def test_bp1_is_the_chain_rule_for_other_pairs(loss, activation):
    # δ = ∂C/∂a ⊙ φ'(z), with φ' by central differences.
    z = np.random.default_rng(6).uniform(-2, 2, size=(3, 2))
    a = activation.fn(z)
    y = np.random.default_rng(7).uniform(0, 1, size=(3, 2))
    phi_prime = (activation.fn(z + H) - activation.fn(z - H)) / (2 * H)
    np.testing.assert_allclose(
        bp1(loss, activation, z, y), loss.derivative(a, y) * phi_prime, rtol=1e-7, atol=1e-9
    )


# --- registry ------------------------------------------------------------------------------


def test_get_loss_by_name_with_underscores_and_any_case():
    assert get_loss("Cross_Entropy") is CrossEntropy
    assert get_loss("MSE") is MSE
    assert get_loss("categorical_cross_entropy") is CategoricalCrossEntropy
    assert get_loss(MSE) is MSE


def test_unknown_loss_lists_the_choices():
    message = "Unknown loss 'huber'; choose one of: categorical-cross-entropy, cross-entropy, mse."
    with pytest.raises(ValueError, match=re.escape(message)):
        get_loss("huber")


# --- a learner's own loss ---------------------------------------------------------------------


@pytest.fixture
def registry():
    saved = dict(losses_module.LOSSES)
    yield losses_module.LOSSES
    losses_module.LOSSES.clear()
    losses_module.LOSSES.update(saved)


def test_anything_with_fn_and_derivative_is_a_loss_wrapped_once():
    adapted = get_loss(ExerciseQuadratic)
    assert isinstance(adapted, LearnersLoss) and adapted.wrapped is ExerciseQuadratic
    assert adapted.derivative is ExerciseQuadratic.derivative and adapted.shortcut_activation is None
    assert get_loss(adapted).wrapped is ExerciseQuadratic


def test_a_loss_missing_its_derivative_is_refused_naming_it():
    class OnlyFn(Loss):
        @staticmethod
        def fn(a, y):
            return 0.0

    with pytest.raises(TypeError, match="has no derivative"):
        get_loss(OnlyFn)
    with pytest.raises(TypeError, match=r"loss must be a name \(categorical-cross-entropy, cross-entropy, mse\)"):
        get_loss(3)


def test_bp1_of_a_duck_typed_loss_is_its_derivative_times_the_slope():
    rng = np.random.default_rng(0)
    z, y = rng.normal(size=(4, 3)), rng.uniform(size=(4, 3))
    a = Sigmoid.fn(z)
    np.testing.assert_array_equal(bp1(ExerciseQuadratic, Sigmoid, z, y), bp1(MSE, Sigmoid, z, y))
    np.testing.assert_array_equal(bp1(CrossEntropy, Sigmoid, z, y), a - y)  # its own shortcut


def test_register_loss_names_it(registry):
    assert loss_name(ExerciseQuadratic) is None and loss_name(MSE) == "mse"
    register_loss(ExerciseQuadratic, "squared")
    assert get_loss("Squared").wrapped is ExerciseQuadratic and loss_name(ExerciseQuadratic) == "squared"
    with pytest.raises(ValueError, match="The loss name 'mse' is already taken"):
        register_loss(type("Other", (ExerciseQuadratic,), {}), "mse")


# --- which output layer each loss takes: every pair ------------------------------------------------

# The rule, as the lessons state it: MSE takes any output; binary cross-entropy needs each output
# a probability of its own (sigmoid); categorical cross-entropy needs rows that sum to 1 (softmax).
# A softmax over one output is always 1, useless with any loss.
ACCEPTED = {
    (MSE, 1): {Sigmoid, Tanh, ReLU, Identity},
    (MSE, 3): {Sigmoid, Tanh, ReLU, Identity, Softmax},
    (CrossEntropy, 1): {Sigmoid},
    (CrossEntropy, 3): {Sigmoid},
    (CategoricalCrossEntropy, 1): set(),
    (CategoricalCrossEntropy, 3): {Softmax},
}


@pytest.mark.parametrize("n_out", [1, 3])
@pytest.mark.parametrize("activation", [Sigmoid, Tanh, ReLU, Identity, Softmax], ids=lambda a: a.__name__)
@pytest.mark.parametrize("loss", LOSSES, ids=lambda loss: loss.__name__)
def test_every_loss_and_output_pair_is_accepted_or_refused_naming_the_choice(loss, activation, n_out):
    if activation in ACCEPTED[loss, n_out]:
        check_output_layer(loss, activation, n_out)
    elif activation is Softmax and n_out == 1:
        with pytest.raises(ValueError, match=r"gives the same value whatever its input.*for one output use Sigmoid"):
            check_output_layer(loss, activation, n_out)
    else:
        wanted = {CrossEntropy: "as a Sigmoid output layer gives", CategoricalCrossEntropy: "as a Softmax output"}
        with pytest.raises(ValueError, match=f"The loss {loss.name} needs .*{wanted[loss]}.*{activation.name} gives"):
            check_output_layer(loss, activation, n_out)


def test_a_learners_own_output_is_judged_by_what_it_gives():
    class Squash:  # a sigmoid written another way: probabilities of their own
        @staticmethod
        def fn(z):
            return 0.5 * (1 + np.tanh(z / 2))

        @staticmethod
        def prime(z):
            return 0.25 * (1 - np.tanh(z / 2) ** 2)

    check_output_layer(CrossEntropy, Squash, 2)
    with pytest.raises(ValueError, match=r"needs rows of probabilities that sum to 1.*Squash gives values"):
        check_output_layer(CategoricalCrossEntropy, Squash, 2)


@pytest.mark.parametrize(
    ("loss", "Y", "message"),
    [(CrossEntropy, [[0.0], [2.0]], r"Y must hold values in \[0, 1\] .* it holds values from 0 to 2"),
     (CrossEntropy, [[-1.0], [1.0]], r"values from -1 to 1"),
     (CategoricalCrossEntropy, [[1.0, 1.0], [0.0, 1.0]],
      r"rows of probabilities that sum to 1 .* a row that sums to 2"),
     (CategoricalCrossEntropy, [[2.0, -1.0]], r"values from -1 to 2")],
)
def test_targets_outside_the_losss_domain_are_refused(loss, Y, message):
    with pytest.raises(ValueError, match=message):
        check_targets(loss, np.array(Y))
    check_targets(MSE, np.array(Y))  # MSE takes any target
