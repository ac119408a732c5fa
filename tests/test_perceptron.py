"""The perceptron: the track's 1-d and n-d exercises, a hand-worked fit, convergence and XOR."""

import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from glassnet.perceptron import ConvergenceWarning, Perceptron

# The track's seven points (lesson 01, "Implementation").
SEVEN_X = np.array([[0.8, 0.4], [0.3, 0.1], [0.8, 0.8], [0.4, 0.6], [0.6, 0.8], [0.4, 0.2], [0.4, 0.5]])
SEVEN_Y = np.array([0, 0, 1, 1, 1, 0, 1])

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0, 1, 1, 0])

# The track's two-point exercise: u = (0, 2) is class 1, v = (1, 0) is class 0.
UV_X = np.array([[0.0, 2.0], [1.0, 0.0]])
UV_Y = np.array([1, 0])


# --- run: the exercise's 1-d and n-d perceptrons -------------------------------------------


def test_1d_perceptron_fires_above_the_threshold():
    # f(0.7) = 2·0.7 - 1 = 0.4 > 0 -> 1
    assert Perceptron(w=2.0, b=-1.0).run(0.7) == 1


def test_1d_perceptron_is_silent_below_the_threshold():
    # f(0.3) = 2·0.3 - 1 = -0.4 < 0 -> 0
    assert Perceptron(w=2.0, b=-1.0).run(0.3) == 0


def test_point_exactly_on_the_hyperplane_is_class_0():
    # f(0.5) = 2·0.5 - 1 = 0 exactly; the documented rule is output 1 only if f(x) > 0.
    assert Perceptron(w=2.0, b=-1.0).run(0.5) == 0


def test_1d_perceptron_runs_a_1d_batch_of_numbers():
    out = Perceptron(w=2.0, b=-1.0).run([0.3, 0.5, 0.7])
    np.testing.assert_array_equal(out, [0, 0, 1])


def test_nd_perceptron_classifies_the_two_points():
    # f(u) = 0·0 + 1·2 - 1 = 1 > 0 -> 1;  f(v) = 0·1 + 1·0 - 1 = -1 -> 0
    out = Perceptron(w=[0, 1], b=-1).run([[0, 2], [1, 0]])
    assert isinstance(out, np.ndarray)
    np.testing.assert_array_equal(out, [1, 0])


def test_single_point_returns_a_plain_int():
    out = Perceptron(w=[0, 1], b=-1).run([0, 2])
    assert type(out) is int
    assert out == 1
    assert type(Perceptron(w=2.0, b=-1.0).run(0.7)) is int


def test_constructor_copies_w_so_the_caller_array_is_untouched():
    w = np.array([0.0, 1.0])
    p = Perceptron(w=w, b=-1.0)
    p.w[0] = 5.0
    assert w[0] == 0.0


# --- fit: the Rosenblatt rule, by hand -----------------------------------------------------


def test_fit_on_the_two_points_by_hand():
    # Start w = (0, 0), b = 0, η = 1.
    # Epoch 1:
    #   u = (0, 2), y = 1: f = 0 -> output 0 ≠ 1, error +1: w = (0, 2), b = 1
    #   v = (1, 0), y = 0: f = 0·1 + 2·0 + 1 = 1 > 0 -> output 1 ≠ 0, error -1: w = (-1, 2), b = 0
    # Epoch 2:
    #   u: f = -1·0 + 2·2 + 0 = 4 > 0 -> 1 ✓;  v: f = -1 + 0 + 0 = -1 -> 0 ✓   no mistakes, stop.
    p = Perceptron(n_inputs=2).fit(UV_X, UV_Y)
    assert p.mistakes_ == [2, 0]
    assert p.n_epochs_ == 2
    assert p.converged_ is True
    np.testing.assert_array_equal(p.w, [-1.0, 2.0])
    assert p.b == 0.0


def test_fit_with_half_the_learning_rate_halves_w_and_b():
    # Same steps with η = 0.5: u: w = (0, 1), b = 0.5;  v: f = 0.5 > 0 -> w = (-0.5, 1), b = 0.
    # Epoch 2: u: f = 2 > 0 ✓;  v: f = -0.5 ✓.
    p = Perceptron(n_inputs=2).fit(UV_X, UV_Y, learning_rate=0.5)
    assert p.mistakes_ == [2, 0]
    np.testing.assert_array_equal(p.w, [-0.5, 1.0])
    assert p.b == 0.0


def test_fit_uses_the_same_on_the_hyperplane_rule_as_run():
    # 1-d, X = (-1, 1), y = (0, 1), from w = 0, b = 0:
    # Epoch 1: x = -1: f = 0 -> 0 ✓;  x = 1: f = 0 -> 0 ≠ 1: w = 1, b = 1.
    # Epoch 2: x = -1: f = -1 + 1 = 0 exactly -> class 0 ✓ (a ">= 0" rule would call it a mistake);
    #          x = 1: f = 2 -> 1 ✓.
    p = Perceptron(w=0.0).fit([-1.0, 1.0], [0, 1])
    assert p.mistakes_ == [1, 0]
    np.testing.assert_array_equal(p.w, [1.0])
    assert p.b == 1.0
    assert p.run(-1.0) == 0


def test_fit_returns_self_and_restarts_from_zero():
    p = Perceptron(w=[5.0, -5.0], b=3.0)
    assert p.fit(UV_X, UV_Y) is p
    np.testing.assert_array_equal(p.w, [-1.0, 2.0])  # as if from zero, see the hand-worked fit
    p.fit(UV_X, UV_Y)
    assert p.mistakes_ == [2, 0]


def test_fit_separates_the_tracks_seven_points():
    p = Perceptron(n_inputs=2).fit(SEVEN_X, SEVEN_Y, max_epochs=100)  # the track trains 100 epochs
    assert p.converged_ is True
    assert p.score(SEVEN_X, SEVEN_Y) == 1.0
    np.testing.assert_array_equal(p.predict(SEVEN_X), SEVEN_Y)
    assert p.mistakes_[-1] == 0
    assert all(m > 0 for m in p.mistakes_[:-1])  # it stops at the first clean epoch
    assert p.n_epochs_ == len(p.mistakes_)


def test_xor_is_reported_as_not_converged():
    with pytest.warns(ConvergenceWarning, match="may not be linearly separable"):
        p = Perceptron(n_inputs=2).fit(XOR_X, XOR_Y, max_epochs=20)
    assert p.converged_ is False
    assert p.n_epochs_ == 20
    assert len(p.mistakes_) == 20
    assert p.mistakes_[-1] > 0
    assert p.score(XOR_X, XOR_Y) < 1.0  # no line gets all four right


def test_separable_data_raises_no_convergence_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Perceptron(n_inputs=2).fit(UV_X, UV_Y)


def test_shuffle_with_the_same_seed_gives_the_same_weights_bit_for_bit():
    a = Perceptron(n_inputs=2).fit(SEVEN_X, SEVEN_Y, shuffle=True, seed=7, max_epochs=1000)
    b = Perceptron(n_inputs=2).fit(SEVEN_X, SEVEN_Y, shuffle=True, seed=7, max_epochs=1000)
    assert a.w.tobytes() == b.w.tobytes()
    assert a.b == b.b
    assert a.mistakes_ == b.mistakes_
    assert a.score(SEVEN_X, SEVEN_Y) == 1.0


@st.composite
def separable_sets(draw):
    """Points in [-1, 1]^d labelled by a random hyperplane, none closer to it than 0.1."""
    seed = draw(st.integers(0, 2**32 - 1))
    d = draw(st.integers(1, 3))
    rng = np.random.default_rng(seed)
    w = rng.normal(size=d)
    w /= np.linalg.norm(w)  # unit normal, so |wᵀx + b| is the distance to the hyperplane
    b = rng.uniform(-0.5, 0.5)
    X = rng.uniform(-1, 1, size=(30, d))
    f = X @ w + b
    keep = np.abs(f) >= 0.1
    assume(keep.sum() >= 2)
    return X[keep], (f[keep] > 0).astype(int)


# Novikoff: with the bias as a weight on a constant input 1, ‖x'‖ ≤ R = √(d + 1) ≤ 2, and the
# separator w' = (w, b) with ‖w'‖ ≤ √(1 + 0.25) has margin γ ≥ 0.1 / √1.25 ≈ 0.089, so the
# perceptron makes at most (R/γ)² ≤ 500 mistakes; every epoch but the last makes one, so
# 600 epochs always suffice.
@settings(max_examples=25, deadline=None)
@given(separable_sets())
def test_fit_converges_on_any_linearly_separable_set(data):
    X, y = data
    p = Perceptron(n_inputs=X.shape[1]).fit(X, y, max_epochs=600)
    assert p.converged_ is True
    assert p.score(X, y) == 1.0
    assert sum(p.mistakes_) <= 500


# --- errors ---------------------------------------------------------------------------------


def test_labels_outside_0_and_1_are_named():
    with pytest.raises(ValueError, match="y must contain only the labels 0 and 1, got 2"):
        Perceptron(n_inputs=2).fit(UV_X, [1, 2])
    with pytest.raises(ValueError, match="got -1"):
        Perceptron(n_inputs=2).fit(UV_X, [1, -1])


@pytest.mark.parametrize("rate", [0, -0.5])
def test_learning_rate_must_be_positive(rate):
    with pytest.raises(ValueError, match=f"learning_rate must be > 0, got {rate}"):
        Perceptron(n_inputs=2).fit(UV_X, UV_Y, learning_rate=rate)


def test_max_epochs_must_be_at_least_1():
    with pytest.raises(ValueError, match="max_epochs must be >= 1, got 0"):
        Perceptron(n_inputs=2).fit(UV_X, UV_Y, max_epochs=0)


def test_x_and_y_lengths_must_match():
    with pytest.raises(ValueError, match="same number of samples, got 2 in X and 3 in y"):
        Perceptron(n_inputs=2).fit(UV_X, [1, 0, 1])


def test_wrong_feature_count_is_reported():
    with pytest.raises(ValueError, match="with 3 features, but 2 features were expected"):
        Perceptron(n_inputs=2).fit([[1.0, 2.0, 3.0]], [1])
    with pytest.raises(ValueError, match="length 3, but 2 features were expected"):
        Perceptron(w=[0, 1], b=-1).run([1.0, 2.0, 3.0])


def test_needs_w_or_n_inputs():
    with pytest.raises(TypeError, match="Perceptron needs either weights w"):
        Perceptron()
    with pytest.raises(TypeError, match="either w or n_inputs, not both"):
        Perceptron(w=[0, 1], n_inputs=2)


def test_nan_in_x_is_rejected():
    with pytest.raises(ValueError, match=r"contains NaN or infinite values \(first at index \(1, 1\)"):
        Perceptron(n_inputs=2).fit([[0.0, 2.0], [1.0, np.nan]], UV_Y)


def test_nan_bias_is_rejected_with_a_value_error():
    with pytest.raises(ValueError, match="b must be a finite number, got nan"):
        Perceptron(w=[0, 1], b=np.nan)


@pytest.mark.parametrize(("seed", "error", "message"), [
    (-1, ValueError, r"^seed must be >= 0, got -1\.$"),
    (1.5, TypeError, r"^seed must be an integer, got 1\.5 \(float\)\.$"),
])
def test_fit_names_a_bad_seed(seed, error, message):
    with pytest.raises(error, match=message):
        Perceptron(n_inputs=2).fit([[0, 0], [1, 1]], [0, 1], shuffle=True, seed=seed)
