"""Activations: values from the lesson, every derivative against central differences, stability."""

import math
import re
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from glassnet.activations import (
    ACTIVATIONS,
    Activation,
    Identity,
    LearnersActivation,
    ReLU,
    Sigmoid,
    Softmax,
    Tanh,
    activation_name,
    get_activation,
    register_activation,
)
from learners import ExerciseSigmoid, LeakyReLU

ELEMENTWISE = [Sigmoid, Tanh, ReLU, Identity]
ALL = [*ELEMENTWISE, Softmax]

H = 1e-6  # central-difference step (float64)


def central_difference(fn, z, h=H):
    """dφ/dz for an elementwise φ, entry by entry: (φ(z + h) - φ(z - h)) / 2h."""
    return (fn(z + h) - fn(z - h)) / (2 * h)


def central_difference_jacobian(fn, z, h=H):
    """J[r, j, i] = ∂fn(z)[r, j] / ∂z[r, i], one column i at a time."""
    n, k = z.shape
    J = np.empty((n, k, k))
    for i in range(k):
        step = np.zeros_like(z)
        step[:, i] = h
        J[:, :, i] = (fn(z + step) - fn(z - step)) / (2 * h)
    return J


def sample_z(seed=0, shape=(6, 5)):
    """Random z in [-4, 4], kept 1e-3 away from ReLU's kink at 0."""
    z = np.random.default_rng(seed).uniform(-4, 4, size=shape)
    return np.where(np.abs(z) < 1e-3, 0.5, z)


# --- values from the lesson -----------------------------------------------------------------


def test_tanh_is_a_scaled_sigmoid_on_a_grid():
    # The lesson: tanh(x) = 2σ(2x) - 1.
    x = np.linspace(-20, 20, 401)
    np.testing.assert_allclose(Tanh.fn(x), 2 * Sigmoid.fn(2 * x) - 1, rtol=1e-12, atol=1e-15)


@settings(max_examples=50, deadline=None)
@given(st.floats(-300, 300, allow_nan=False))
def test_tanh_is_a_scaled_sigmoid(x):
    assert Tanh.fn(x) == pytest.approx(2 * Sigmoid.fn(2 * x) - 1, rel=1e-12, abs=1e-15)


def test_sigmoid_and_tanh_values_at_zero():
    # σ(0) = 1/(1 + e⁰) = 1/2;  σ'(0) = ½·(1 - ½) = ¼;  tanh'(0) = 1 - tanh(0)² = 1
    assert Sigmoid.fn(0.0) == 0.5
    assert Sigmoid.prime(0.0) == 0.25
    assert Tanh.fn(0.0) == 0.0
    assert Tanh.prime(0.0) == 1.0


def test_sigmoid_matches_the_plain_formula():
    z = np.linspace(-30, 30, 121)
    expected = [1 / (1 + math.exp(-v)) for v in z]
    np.testing.assert_allclose(Sigmoid.fn(z), expected, rtol=1e-14)


def test_relu_values_and_prime():
    z = np.array([-2.0, -0.5, 0.0, 0.5, 3.0])
    np.testing.assert_array_equal(ReLU.fn(z), [0.0, 0.0, 0.0, 0.5, 3.0])
    # prime(0) is 0 by the documented convention (ReLU has no derivative at 0).
    np.testing.assert_array_equal(ReLU.prime(z), [0.0, 0.0, 0.0, 1.0, 1.0])


def test_identity_values_and_prime():
    z = np.array([-2.0, 0.0, 3.5])
    np.testing.assert_array_equal(Identity.fn(z), z)
    np.testing.assert_array_equal(Identity.prime(z), [1.0, 1.0, 1.0])


# --- derivatives against central differences -----------------------------------------------


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.__name__)
def test_prime_matches_central_differences(activation):
    z = sample_z(seed=1)
    np.testing.assert_allclose(
        activation.prime(z), central_difference(activation.fn, z), rtol=1e-7, atol=1e-9
    )


def test_a_wrong_derivative_fails_the_central_difference_check():
    # σ(z) alone (missing the factor 1 - σ(z)) is a plausible slip; the check must catch it.
    z = sample_z(seed=2)
    numeric = central_difference(Sigmoid.fn, z)
    assert not np.allclose(Sigmoid.fn(z), numeric, rtol=1e-7, atol=1e-9)
    # A derivative off by only 0.1% is caught as well.
    assert not np.allclose(1.001 * Sigmoid.prime(z), numeric, rtol=1e-7, atol=1e-9)


def test_softmax_prime_is_the_central_difference_jacobian():
    z = sample_z(seed=3, shape=(4, 5))
    J = Softmax.prime(z)
    assert J.shape == (4, 5, 5)
    np.testing.assert_allclose(J, central_difference_jacobian(Softmax.fn, z), rtol=1e-7, atol=1e-9)


def test_softmax_backward_is_the_jacobian_transpose_times_g_per_row():
    z = sample_z(seed=4, shape=(4, 5))
    g = np.random.default_rng(5).normal(size=(4, 5))
    J = central_difference_jacobian(Softmax.fn, z)
    expected = np.stack([J[i].T @ g[i] for i in range(len(z))])
    np.testing.assert_allclose(Softmax.backward(z, g), expected, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("activation", ELEMENTWISE, ids=lambda a: a.__name__)
def test_elementwise_backward_is_g_times_prime(activation):
    z = sample_z(seed=6)
    g = np.random.default_rng(7).normal(size=z.shape)
    np.testing.assert_array_equal(activation.backward(z, g), g * activation.prime(z))
    # and that is the chain rule: ∂C/∂z = ∂C/∂a · φ'(z), φ' by central differences
    np.testing.assert_allclose(
        activation.backward(z, g), g * central_difference(activation.fn, z), rtol=1e-7, atol=1e-9
    )


# --- numerical stability -------------------------------------------------------------------


def test_sigmoid_saturates_to_exactly_0_and_1_without_warnings():
    z = np.array([-1e4, -1000.0, -800.0, 0.0, 800.0, 1000.0, 1e4])
    # Any floating-point error that escapes Sigmoid raises; σ(-1e4) = 1/(1 + e¹⁰⁰⁰⁰) is 0 to the last bit.
    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        s = Sigmoid.fn(z)
        p = Sigmoid.prime(z)
    assert s[0] == 0.0
    assert s[-1] == 1.0
    assert s[3] == 0.5
    assert np.all(np.isfinite(p))
    assert p[0] == 0.0 and p[-1] == 0.0


@settings(max_examples=60, deadline=None)
@given(st.floats(-1e4, 1e4, allow_nan=False))
def test_sigmoid_is_symmetric(z):
    # σ(-z) = 1/(1 + e^z) = e^{-z}/(e^{-z} + 1) = 1 - σ(z); the sides round differently, hence abs=.
    assert Sigmoid.fn(-z) == pytest.approx(1 - Sigmoid.fn(z), abs=1e-15)


rows = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=6),
    elements=st.floats(-50, 50, allow_nan=False),
)


@settings(max_examples=60, deadline=None)
@given(rows)
def test_softmax_rows_are_probabilities(z):
    a = Softmax.fn(z)
    assert a.shape == z.shape
    assert np.all(a >= 0)
    np.testing.assert_allclose(a.sum(axis=1), 1.0, rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(rows, st.floats(-500, 500, allow_nan=False))
def test_softmax_is_unchanged_by_adding_a_constant_to_a_row(z, c):
    shifted = z.copy()
    shifted[0] += c
    np.testing.assert_allclose(Softmax.fn(shifted), Softmax.fn(z), rtol=1e-9, atol=1e-15)


def test_softmax_does_not_overflow_at_1000():
    z = np.array([[1000.0, 0.0], [1000.0, 1000.0], [1000.0, 999.0]])
    # Overflow, invalid and divide raise; underflow keeps numpy's default "ignore": e⁻¹⁰⁰⁰ rounding
    # to 0 is the exact float64 answer, not an error.
    with np.errstate(all="raise", under="ignore"), warnings.catch_warnings():
        warnings.simplefilter("error")
        a = Softmax.fn(z)
    # exp(1000) overflows, but only differences matter: (e⁰, e⁻¹⁰⁰⁰) / sum = (1, 0);
    # two equal scores share 1/2 each; scores 1000 and 999 give (σ(1), 1 - σ(1)).
    s1 = 1 / (1 + math.exp(-1))
    np.testing.assert_allclose(a, [[1.0, 0.0], [0.5, 0.5], [s1, 1 - s1]], rtol=1e-15)


# --- dtypes and the registry ---------------------------------------------------------------


@pytest.mark.parametrize("activation", ALL, ids=lambda a: a.__name__)
def test_float32_in_gives_float32_out(activation):
    z = np.array([[-1.5, 0.25, 2.0]], dtype=np.float32)
    assert activation.fn(z).dtype == np.float32
    assert activation.prime(z).dtype == np.float32
    assert activation.backward(z, np.ones_like(z)).dtype == np.float32


def test_get_activation_by_name_any_case_and_by_class():
    assert get_activation("ReLU") is ReLU
    assert get_activation("sigmoid") is Sigmoid
    assert get_activation(" Tanh ") is Tanh
    assert get_activation(Softmax) is Softmax


def test_unknown_activation_lists_the_choices():
    message = "Unknown activation 'relu6'; choose one of: identity, relu, sigmoid, softmax, tanh."
    with pytest.raises(ValueError, match=re.escape(message)):
        get_activation("relu6")


def test_activation_of_the_wrong_type_is_a_type_error():
    with pytest.raises(TypeError, match=r"activation must be a name \(identity, relu, sigmoid, softmax, tanh\) "
                                        r"or a class with fn\(...\) and prime\(...\); 3 has no fn and no prime"):
        get_activation(3)


# --- a learner's own activation ------------------------------------------------------------------


class Scaled:
    """An object (not a class) whose fn and prime are bound methods: a · tanh(z)."""

    def __init__(self, scale):
        self.scale = scale

    def fn(self, z):
        return self.scale * np.tanh(z)

    def prime(self, z):
        return self.scale * (1 - np.tanh(z) ** 2)


@pytest.fixture
def registry():
    """Let a test register names, and forget them afterwards."""
    saved = dict(ACTIVATIONS)
    yield ACTIVATIONS
    ACTIVATIONS.clear()
    ACTIVATIONS.update(saved)


def test_an_activation_subclass_is_used_as_it_is():
    assert get_activation(LeakyReLU) is LeakyReLU


@pytest.mark.parametrize("choice", [ExerciseSigmoid, Scaled(2.0)], ids=["plain", "object"])
def test_anything_else_with_fn_and_prime_is_wrapped_once_with_its_own_methods(choice):
    adapted = get_activation(choice)
    assert isinstance(adapted, LearnersActivation) and adapted.wrapped is choice
    assert adapted.fn == choice.fn and adapted.prime == choice.prime  # the learner's own functions, called directly
    assert get_activation(adapted).wrapped is choice  # resolving it again does not wrap twice


def test_a_class_missing_prime_is_refused_naming_it():
    class OnlyFn:
        @staticmethod
        def fn(z):
            return z

    with pytest.raises(TypeError, match="has no prime"):
        get_activation(OnlyFn)


def test_a_subclass_that_does_not_write_prime_is_refused_naming_it():
    class HalfDone(Activation):
        @staticmethod
        def fn(z):
            return z

    with pytest.raises(TypeError, match=r"HalfDone'>? has no prime"):
        get_activation(HalfDone)


def test_backward_is_g_times_prime_for_a_duck_typed_activation_and_the_own_one_otherwise():
    z, g = sample_z(1), np.random.default_rng(2).normal(size=(6, 5))
    np.testing.assert_array_equal(get_activation(ExerciseSigmoid).backward(z, g), g * ExerciseSigmoid.prime(z))
    np.testing.assert_array_equal(get_activation(Scaled(3.0)).backward(z, g), g * Scaled(3.0).prime(z))
    np.testing.assert_array_equal(get_activation(LeakyReLU).backward(z, g), g * LeakyReLU.prime(z))  # Activation's


def test_register_activation_gives_a_name_for_lookup(registry):
    assert activation_name(LeakyReLU) is None
    assert register_activation(LeakyReLU, "Leaky_ReLU") is LeakyReLU
    assert get_activation("leaky-relu") is LeakyReLU and activation_name(LeakyReLU) == "leaky-relu"
    register_activation(LeakyReLU, "leaky-relu")  # again: harmless
    assert activation_name(ReLU) == "relu" and activation_name(Scaled(1.0)) is None


def test_register_activation_refuses_a_taken_name_a_second_name_and_a_bad_one(registry):
    with pytest.raises(ValueError, match=r"The activation name 'relu' is already taken by .*ReLU"):
        register_activation(LeakyReLU, "relu")
    register_activation(LeakyReLU, "leaky")
    with pytest.raises(ValueError, match="already registered as the activation 'leaky'"):
        register_activation(LeakyReLU, "leaky2")
    with pytest.raises(TypeError, match="name must be a non-empty string, got ''"):
        register_activation(ExerciseSigmoid, "")
    with pytest.raises(TypeError, match="has no prime"):
        register_activation(type("NoPrime", (), {"fn": staticmethod(np.tanh)}), "noprime")


def test_a_class_defined_again_under_the_same_name_replaces_the_old_one(registry):
    """A notebook cell run twice defines a new class object with the same module and name."""
    first = type("Mine", (ExerciseSigmoid,), {})
    second = type("Mine", (ExerciseSigmoid,), {})
    register_activation(first, "mine")
    register_activation(second, "mine")
    assert get_activation("mine").wrapped is second
