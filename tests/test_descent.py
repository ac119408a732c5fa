"""Gradient descent: the track's worked iterates on f(x) = (x - 2)², convergence, divergence, errors."""

import re

import numpy as np
import pytest

from glassnet.descent import gradient_descent


def df(x):
    """f(x) = (x - 2)², f'(x) = 2(x - 2): the track's example."""
    return 2 * (x - 2)


def track_loop(x0, learning_rate=0.01, precision=1e-4, max_iters=1000):
    """The track's own loop, in plain Python floats: (last x, number of iterations)."""
    cur_x, previous_step_size, iters = float(x0), 1.0, 0
    while previous_step_size > precision and iters < max_iters:
        prev_x = cur_x
        cur_x -= learning_rate * df(prev_x)
        previous_step_size = abs(cur_x - prev_x)
        iters += 1
    return cur_x, iters


def test_tracks_iterates_from_4():
    # x1 = 4 - 0.01·2(4 - 2)          = 4 - 0.04        = 3.96
    # x2 = 3.96 - 0.01·2(3.96 - 2)    = 3.96 - 0.0392   = 3.9208   (the track rounds to 3.92)
    # x3 = 3.9208 - 0.01·2(1.9208)    = 3.9208 - 0.038416 = 3.882384 (the track rounds to 3.88)
    result = gradient_descent(df, x0=4, learning_rate=0.01)
    assert result.path[0] == 4.0
    np.testing.assert_allclose(result.path[1:4], [3.96, 3.9208, 3.882384], rtol=1e-14)


def test_tracks_iterates_from_0():
    # x1 = 0 - 0.01·2(0 - 2)          = 0.04
    # x2 = 0.04 + 0.02·1.96           = 0.0792          (the track rounds to 0.079)
    # x3 = 0.0792 + 0.02·1.9208       = 0.117616        (the track rounds to 0.117)
    result = gradient_descent(df, x0=0, learning_rate=0.01)
    assert result.path[0] == 0.0
    np.testing.assert_allclose(result.path[1:4], [0.04, 0.0792, 0.117616], rtol=1e-13)


@pytest.mark.parametrize("x0", [4.0, 0.0])
def test_run_converges_near_2(x0):
    result = gradient_descent(df, x0=x0, learning_rate=0.01, precision=1e-4, max_iters=1000)
    assert result.converged is True
    # The last step was 0.01·2|x_prev - 2| ≤ 1e-4, so |x_prev - 2| ≤ 0.005, and x is nearer still.
    assert abs(result.x - 2) < 0.005
    assert isinstance(result.x, float)
    assert result.path.shape == (result.n_iters + 1,)
    assert result.path[0] == x0
    assert result.path[-1] == result.x


@pytest.mark.parametrize("x0", [4.0, 0.0, -3.0])
def test_same_walk_as_the_tracks_loop(x0):
    expected_x, expected_iters = track_loop(x0)
    result = gradient_descent(df, x0=x0, learning_rate=0.01, precision=1e-4, max_iters=1000)
    assert result.n_iters == expected_iters
    assert result.x == pytest.approx(expected_x, rel=1e-12)


def test_vector_start_converges_to_the_vector_minimum():
    # f(x) = ‖x - m‖², ∇f = 2(x - m), minimum at m.
    m = np.array([1.0, -2.0, 3.0])
    result = gradient_descent(lambda x: 2 * (x - m), x0=np.zeros(3), learning_rate=0.1, precision=1e-6)
    assert result.converged is True
    assert isinstance(result.x, np.ndarray)
    assert result.x.shape == (3,)
    # last step: 0.1·2‖x_prev - m‖ ≤ 1e-6  =>  ‖x - m‖ < 5e-6
    assert np.linalg.norm(result.x - m) < 5e-6
    assert result.path.shape == (result.n_iters + 1, 3)
    np.testing.assert_array_equal(result.path[0], np.zeros(3))


def test_x0_array_is_not_modified():
    x0 = np.array([4.0, 0.0])
    gradient_descent(lambda x: 2 * (x - 2), x0=x0)
    np.testing.assert_array_equal(x0, [4.0, 0.0])


def test_stops_at_max_iters_without_converging():
    result = gradient_descent(df, x0=4, learning_rate=0.01, max_iters=5)
    assert result.converged is False
    assert result.n_iters == 5
    assert len(result.path) == 6


def test_divergence_raises_and_suggests_a_smaller_learning_rate():
    # x ← x - 10·2(x - 2) = -19x + 40: |x| grows 19-fold a step until it overflows.
    # Overflow on the way there is expected; the test is about the error at the end.
    with (
        np.errstate(over="ignore", invalid="ignore"),
        pytest.raises(
            FloatingPointError,
            match=re.escape("diverged") + ".*" + re.escape("Try a smaller learning_rate than 10"),
        ),
    ):
        gradient_descent(df, x0=4, learning_rate=10)


def test_divergence_raises_floating_point_error_without_a_runtime_warning_first():
    with pytest.raises(FloatingPointError, match="smaller learning_rate"):
        gradient_descent(df, x0=4, learning_rate=10)


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize("rate", [0, -0.1])
def test_learning_rate_must_be_positive(rate):
    with pytest.raises(ValueError, match=f"learning_rate must be > 0, got {rate}"):
        gradient_descent(df, x0=4, learning_rate=rate)


@pytest.mark.parametrize("precision", [0, -1e-4])
def test_precision_must_be_positive(precision):
    with pytest.raises(ValueError, match=f"precision must be > 0, got {precision}"):
        gradient_descent(df, x0=4, precision=precision)


def test_max_iters_must_be_at_least_1():
    with pytest.raises(ValueError, match="max_iters must be >= 1, got 0"):
        gradient_descent(df, x0=4, max_iters=0)
    with pytest.raises(TypeError, match="max_iters must be an integer"):
        gradient_descent(df, x0=4, max_iters=10.5)


def test_df_returning_the_wrong_shape_is_reported():
    with pytest.raises(ValueError, match=re.escape("df must return the shape of x0, (), got (2,).")):
        gradient_descent(lambda x: np.array([1.0, 2.0]), x0=4)
    with pytest.raises(ValueError, match=re.escape("df must return the shape of x0, (2,), got (3,).")):
        gradient_descent(lambda x: np.ones(3), x0=np.zeros(2))


def test_nan_start_is_rejected():
    with pytest.raises(ValueError, match="x0 must be a finite number, got nan"):
        gradient_descent(df, x0=float("nan"))
