"""The hyperplane f(x) = wᵀx + b, its sign, and the bias trick: the track's two-point exercise."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from glassnet.linear import add_bias_column, decision, fold_bias, hyperplane

# The track's exercise: u = (0, 2) with label 1, v = (1, 0) with label 0, w = (0, 1), b = -1.
U, V = [0.0, 2.0], [1.0, 0.0]
W, B = [0.0, 1.0], -1.0


def test_two_point_exercise_w_dot_x_is_2_and_0():
    # wᵀu = 0·0 + 1·2 = 2;  wᵀv = 0·1 + 1·0 = 0
    np.testing.assert_array_equal(hyperplane([U, V], W), [2.0, 0.0])


def test_two_point_exercise_f_is_1_and_minus_1():
    # f(u) = 2 - 1 = 1;  f(v) = 0 - 1 = -1
    np.testing.assert_array_equal(hyperplane([U, V], W, B), [1.0, -1.0])


def test_two_point_exercise_decision_is_plus_and_minus():
    np.testing.assert_array_equal(decision([U, V], W, B), [1, -1])


def test_one_point_gives_a_float_and_a_batch_an_array():
    f_u = hyperplane(U, W, B)
    assert type(f_u) is float
    assert f_u == 1.0
    f_batch = hyperplane([U, V], W, B)
    assert isinstance(f_batch, np.ndarray)
    assert f_batch.shape == (2,)


def test_decision_of_one_point_is_a_plain_int():
    d = decision(V, W, B)
    assert type(d) is int
    assert d == -1


def test_decision_is_zero_exactly_on_the_hyperplane():
    # (5, 1): wᵀx + b = 1 - 1 = 0
    assert decision([5.0, 1.0], W, B) == 0


def test_scalar_weight_with_a_number_is_the_one_dimensional_case():
    # f(0.75) = 2·0.75 - 1 = 0.5 (exact in binary)
    f = hyperplane(0.75, 2.0, -1.0)
    assert type(f) is float
    assert f == 0.5


def test_scalar_weight_with_a_1d_array_is_a_batch_of_numbers():
    # f(x) = 2x - 1 at x = 0.25, 0.5, 0.75: -0.5, 0, 0.5
    f = hyperplane(np.array([0.25, 0.5, 0.75]), 2.0, -1.0)
    np.testing.assert_array_equal(f, [-0.5, 0.0, 0.5])
    np.testing.assert_array_equal(decision([0.25, 0.5, 0.75], 2.0, -1.0), [-1, 0, 1])


def test_add_bias_column_appends_a_column_of_ones():
    Xb = add_bias_column([U, V])
    np.testing.assert_array_equal(Xb, [[0.0, 2.0, 1.0], [1.0, 0.0, 1.0]])


def test_fold_bias_appends_b_to_w():
    np.testing.assert_array_equal(fold_bias(W, B), [0.0, 1.0, -1.0])
    np.testing.assert_array_equal(fold_bias(2.0, 3.0), [2.0, 3.0])


def test_bias_trick_on_the_two_points():
    # x' = (x, 1), w' = (w, b): ⟨w', x'⟩ = wᵀx + b = 1, -1 as in the track's table
    np.testing.assert_array_equal(add_bias_column([U, V]) @ fold_bias(W, B), [1.0, -1.0])


finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


@st.composite
def batches_and_weights(draw):
    n = draw(st.integers(1, 8))
    d = draw(st.integers(1, 5))
    X = draw(hnp.arrays(np.float64, (n, d), elements=finite))
    w = draw(hnp.arrays(np.float64, (d,), elements=finite))
    return X, w, draw(finite)


@settings(max_examples=60, deadline=None)
@given(batches_and_weights())
def test_bias_trick_equals_the_hyperplane(data):
    X, w, b = data
    folded = add_bias_column(X) @ fold_bias(w, b)
    # Independent reference: a plain-Python sum per row.
    expected = [sum(xi * wi for xi, wi in zip(row, w, strict=True)) + b for row in X]
    # The two sums may add the same terms in a different order: allow rounding relative to their size.
    scale = np.abs(X) @ np.abs(w) + abs(b)
    np.testing.assert_allclose(folded, expected, rtol=0, atol=1e-12 * float(scale.max()) + 1e-300)
    np.testing.assert_allclose(
        hyperplane(X, w, b), expected, rtol=0, atol=1e-12 * float(scale.max()) + 1e-300
    )


def test_wrong_number_of_features_says_what_was_expected():
    with pytest.raises(ValueError, match="Got x with 3 features, but 2 features were expected"):
        hyperplane([[1.0, 2.0, 3.0]], W, B)
    with pytest.raises(ValueError, match="Got a 1-d x of length 3, but 2 features were expected"):
        hyperplane([1.0, 2.0, 3.0], W, B)


def test_nan_input_is_rejected_with_its_index():
    with pytest.raises(ValueError, match=r"x contains NaN or infinite values \(first at index \(1, 0\)"):
        hyperplane([U, [np.nan, 0.0]], W, B)
    with pytest.raises(ValueError, match="w contains NaN"):
        hyperplane(U, [np.nan, 1.0], B)


def test_strings_are_rejected_as_not_numeric():
    with pytest.raises(TypeError, match="x must be numeric, got a string"):
        hyperplane("0, 2", W, B)
    with pytest.raises(TypeError, match="x must contain numbers"):
        hyperplane([["0", "2"]], W, B)
    with pytest.raises(TypeError, match="w must contain numbers"):
        hyperplane(U, ["0", "1"], B)
