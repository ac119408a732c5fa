"""Input checks: every message says what was expected and what was got."""

import re

import numpy as np
import pytest

from glassnet._validation import (
    as_array,
    as_samples,
    check_binary_labels,
    check_count,
    check_number,
    check_positive,
    check_same_length,
)

# --- as_array ------------------------------------------------------------------------------


def test_as_array_converts_numbers_to_float64():
    arr = as_array([[1, 2], [3, 4]], "X")
    assert arr.dtype == np.float64
    np.testing.assert_array_equal(arr, [[1.0, 2.0], [3.0, 4.0]])


def test_as_array_keeps_the_dtype_when_asked():
    assert as_array(np.array([1, 2], dtype=np.int32), "n", dtype=None).dtype == np.int32
    assert as_array(np.array([1.0], dtype=np.float32), "x", dtype=np.float32).dtype == np.float32


def test_as_array_accepts_booleans_as_numbers():
    np.testing.assert_array_equal(as_array([True, False], "mask"), [1.0, 0.0])


def test_as_array_rejects_a_string():
    with pytest.raises(TypeError, match="X must be numeric, got a string: 'abc'"):
        as_array("abc", "X")


def test_as_array_rejects_an_array_of_strings():
    with pytest.raises(TypeError, match="X must contain numbers, got values of type <U1"):
        as_array(["a", "b"], "X")


def test_as_array_rejects_object_arrays_naming_the_first_value():
    with pytest.raises(
        TypeError, match=r"X must contain numbers, got values of type object \(first value: 1\)"
    ):
        as_array([1, None], "X")


def test_as_array_rejects_complex_numbers():
    with pytest.raises(TypeError, match="X must contain real numbers, got complex values"):
        as_array([1 + 2j], "X")


def test_as_array_rejects_ragged_lists():
    with pytest.raises(ValueError, match="X must be a rectangular array of numbers"):
        as_array([[1, 2], [3]], "X")


def test_as_array_rejects_an_empty_array():
    with pytest.raises(ValueError, match=re.escape("X is empty (shape (0,)); it needs at least one value.")):
        as_array([], "X")
    with pytest.raises(ValueError, match=re.escape("X is empty (shape (0, 3))")):
        as_array(np.zeros((0, 3)), "X")


def test_as_array_names_the_index_of_the_first_nan():
    with pytest.raises(
        ValueError, match=re.escape("X contains NaN or infinite values (first at index 2: nan)")
    ):
        as_array([0.0, 1.0, np.nan, np.nan], "X")
    with pytest.raises(
        ValueError, match=re.escape("(first at index (1, 0): inf); clean or impute them first.")
    ):
        as_array([[0.0, 1.0], [np.inf, 2.0]], "X")


def test_as_array_rejects_a_nan_scalar_with_a_value_error():
    # A 0-d array has no index to name; it used to crash with IndexError instead.
    with pytest.raises(ValueError, match="b must be a finite number, got nan"):
        as_array(float("nan"), "b")


def test_as_array_checks_the_number_of_dimensions():
    with pytest.raises(ValueError, match=re.escape("X must be 1-d, got a 2-d array of shape (1, 2).")):
        as_array([[1, 2]], "X", ndim=1)
    with pytest.raises(ValueError, match=re.escape("X must be 1-d or 2-d, got a 0-d array of shape ().")):
        as_array(3.0, "X", ndim=(1, 2))


# --- as_samples ----------------------------------------------------------------------------


def test_as_samples_reads_a_1d_array_as_one_sample():
    X, single = as_samples([1.0, 2.0, 3.0], "X")
    assert single is True
    assert X.shape == (1, 3)
    X, single = as_samples([[1.0, 2.0, 3.0]], "X")
    assert single is False
    assert X.shape == (1, 3)


def test_as_samples_reports_a_feature_count_mismatch():
    with pytest.raises(ValueError, match=re.escape("Got X with 3 features, but 2 features were expected.")):
        as_samples([[1.0, 2.0, 3.0]], "X", n_features=2)
    with pytest.raises(ValueError, match=re.escape("Got a 1-d X of length 3, but 2 features were expected.")):
        as_samples([1.0, 2.0, 3.0], "X", n_features=2)


def test_as_samples_hints_at_reshape_when_one_feature_is_expected():
    message = (
        "Got a 1-d X of length 3, but 1 feature was expected; "
        "if these are 3 samples of one feature, pass X.reshape(-1, 1)."
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        as_samples([1.0, 2.0, 3.0], "X", n_features=1)


def test_as_samples_gives_no_reshape_hint_for_a_2d_array():
    with pytest.raises(ValueError, match=r"Got X with 3 features, but 1 feature was expected\.$"):
        as_samples([[1.0, 2.0, 3.0]], "X", n_features=1)


# --- lengths and labels --------------------------------------------------------------------


def test_check_same_length_names_both_counts():
    message = "X and y must have the same number of samples, got 3 in X and 2 in y."
    with pytest.raises(ValueError, match=re.escape(message)):
        check_same_length(np.zeros((3, 2)), np.zeros(2))
    assert check_same_length(np.zeros((2, 2)), np.zeros(2)) is None


def test_check_binary_labels_names_the_bad_labels():
    with pytest.raises(ValueError, match=re.escape("y must contain only the labels 0 and 1, got 0.5, 2.")):
        check_binary_labels(np.array([0.0, 1.0, 2.0, 0.5, 2.0]))


def test_check_binary_labels_prints_integral_floats_without_the_point_zero():
    with pytest.raises(ValueError, match=r"got -1\.$"):
        check_binary_labels(np.array([1.0, -1.0]))


def test_check_binary_labels_shows_five_bad_labels_then_dots():
    with pytest.raises(ValueError, match=re.escape("got 2, 3, 4, 5, 6, ...")):
        check_binary_labels(np.arange(8))


def test_check_binary_labels_accepts_0_and_1():
    assert check_binary_labels(np.array([0, 1, 1, 0])) is None


# --- numbers -------------------------------------------------------------------------------


def test_check_number_rejects_bool():
    with pytest.raises(TypeError, match=re.escape("learning_rate must be a number, got True (bool).")):
        check_number(True, "learning_rate")


def test_check_number_rejects_strings():
    with pytest.raises(TypeError, match=re.escape("learning_rate must be a number, got '0.1' (str).")):
        check_number("0.1", "learning_rate")


def test_check_number_rejects_non_finite():
    with pytest.raises(ValueError, match="learning_rate must be finite, got nan"):
        check_number(float("nan"), "learning_rate")
    with pytest.raises(ValueError, match="learning_rate must be finite, got inf"):
        check_number(float("inf"), "learning_rate")


def test_check_number_bounds_read_as_mathematics():
    # low=0: value > 0;  low=0, low_inclusive: value >= 0;  high=1: value <= 1;  high_inclusive=False: < 1
    with pytest.raises(ValueError, match="p must be > 0, got 0"):
        check_number(0, "p", low=0)
    assert check_number(0, "p", low=0, low_inclusive=True) == 0
    with pytest.raises(ValueError, match="p must be >= 0, got -1"):
        check_number(-1, "p", low=0, low_inclusive=True)
    assert check_number(1, "p", high=1) == 1
    with pytest.raises(ValueError, match=re.escape("p must be <= 1, got 1.5.")):
        check_number(1.5, "p", high=1)
    with pytest.raises(ValueError, match=re.escape("p must be < 1, got 1.0.")):
        check_number(1.0, "p", high=1, high_inclusive=False)


def test_check_number_accepts_numpy_scalars():
    assert check_number(np.float64(0.5), "p", low=0) == 0.5
    assert check_number(np.int64(3), "n", integer=True) == 3


def test_check_number_integer_rejects_floats():
    with pytest.raises(TypeError, match=re.escape("epochs must be an integer, got 3.0 (float).")):
        check_number(3.0, "epochs", integer=True)


def test_check_positive():
    assert check_positive(0.01, "learning_rate") == 0.01
    with pytest.raises(ValueError, match=re.escape("learning_rate must be > 0, got -0.1.")):
        check_positive(-0.1, "learning_rate")
    with pytest.raises(ValueError, match="learning_rate must be > 0, got 0"):
        check_positive(0, "learning_rate")


def test_check_count():
    n = check_count(np.int64(3), "epochs")
    assert n == 3
    assert type(n) is int
    assert check_count(0, "n", minimum=0) == 0
    with pytest.raises(ValueError, match=re.escape("epochs must be >= 1, got 0.")):
        check_count(0, "epochs")
    with pytest.raises(TypeError, match=re.escape("epochs must be an integer, got True (bool).")):
        check_count(True, "epochs")
    with pytest.raises(TypeError, match=re.escape("epochs must be an integer, got 2.5 (float).")):
        check_count(2.5, "epochs")
