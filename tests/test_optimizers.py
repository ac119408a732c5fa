"""Optimizers and learning-rate schedules: every update rule against hand arithmetic on tiny arrays."""

import math
import re

import numpy as np
import pytest

from glassnet.network import NeuralNetwork
from glassnet.optimizers import (
    SGD,
    Adam,
    Momentum,
    Optimizer,
    constant,
    exponential_decay,
    get_optimizer,
    inverse_time_decay,
    step_decay,
)


def one_layer(W, b, dtype=np.float64):
    """The ``params`` list of a one-layer network: [(W, b)], as fresh arrays the optimizer may change."""
    return [(np.array(W, dtype=dtype), np.array(b, dtype=dtype))]


def grads(dW, db, dtype=np.float64):
    return [(np.array(dW, dtype=dtype), np.array(db, dtype=dtype))]


# ---------------------------------------------------------------- SGD
def test_sgd_step_is_theta_minus_eta_times_gradient():
    params = one_layer([[1.0, -2.0]], [0.5])
    SGD(learning_rate=0.1).step(params, grads([[0.5, 1.0]], [-3.0]))
    W, b = params[0]
    # W: 1 - 0.1·0.5 = 0.95;  -2 - 0.1·1 = -2.1.   b: 0.5 - 0.1·(-3) = 0.8
    np.testing.assert_allclose(W, [[0.95, -2.1]], rtol=1e-15)
    np.testing.assert_allclose(b, [0.8], rtol=1e-15)


def test_sgd_updates_the_parameters_in_place():
    params = one_layer([[1.0]], [1.0])
    W_before, b_before = params[0]
    SGD(learning_rate=1.0).step(params, grads([[1.0]], [1.0]))
    assert params[0][0] is W_before and params[0][1] is b_before  # the network's own arrays change
    assert W_before[0, 0] == 0.0 and b_before[0] == 0.0


# ---------------------------------------------------------------- momentum
def test_momentum_two_steps_with_the_velocity_written_out():
    # μ = 0.9, η = 0.1, θ0 = [1, -2], g1 = [0.5, 1], g2 = [1, -1]
    opt = Momentum(learning_rate=0.1, momentum=0.9)
    params = one_layer([[1.0, -2.0]], [0.0])
    opt.step(params, grads([[0.5, 1.0]], [0.0]))
    # v1 = 0.9·0 - 0.1·g1 = [-0.05, -0.1];  θ1 = θ0 + v1 = [0.95, -2.1]
    np.testing.assert_allclose(opt.state[0]["v"], [[-0.05, -0.1]], rtol=1e-14)
    np.testing.assert_allclose(params[0][0], [[0.95, -2.1]], rtol=1e-14)
    opt.step(params, grads([[1.0, -1.0]], [0.0]))
    # v2 = 0.9·v1 - 0.1·g2 = [-0.045 - 0.1, -0.09 + 0.1] = [-0.145, 0.01];  θ2 = θ1 + v2 = [0.805, -2.09]
    np.testing.assert_allclose(opt.state[0]["v"], [[-0.145, 0.01]], rtol=1e-14)
    np.testing.assert_allclose(params[0][0], [[0.805, -2.09]], rtol=1e-14)


def test_nesterov_two_steps_look_one_step_ahead():
    # Same numbers as above. Nesterov: v ← μ v - η g, θ ← θ + μ v - η g
    opt = Momentum(learning_rate=0.1, momentum=0.9, nesterov=True)
    params = one_layer([[1.0, -2.0]], [0.0])
    opt.step(params, grads([[0.5, 1.0]], [0.0]))
    # v1 = [-0.05, -0.1];  θ1 = θ0 + 0.9·v1 - 0.1·g1 = [1 - 0.045 - 0.05, -2 - 0.09 - 0.1] = [0.905, -2.19]
    np.testing.assert_allclose(params[0][0], [[0.905, -2.19]], rtol=1e-14)
    opt.step(params, grads([[1.0, -1.0]], [0.0]))
    # v2 = [-0.145, 0.01];  θ2 = θ1 + 0.9·v2 - 0.1·g2 = [0.905 - 0.1305 - 0.1, -2.19 + 0.009 + 0.1]
    #                                                 = [0.6745, -2.081]
    np.testing.assert_allclose(params[0][0], [[0.6745, -2.081]], rtol=1e-14)


def test_momentum_keeps_one_velocity_per_parameter():
    # W and b of two layers: four velocities, each shaped like its parameter.
    opt = Momentum(learning_rate=0.1)
    params = [(np.zeros((2, 3)), np.zeros(3)), (np.zeros((3, 1)), np.zeros(1))]
    opt.step(params, [(np.ones((2, 3)), np.ones(3)), (np.ones((3, 1)), np.ones(1))])
    assert [opt.state[k]["v"].shape for k in range(4)] == [(2, 3), (3,), (3, 1), (1,)]


def test_momentum_zero_is_exactly_plain_sgd():
    rng = np.random.default_rng(0)
    W0, b0 = rng.normal(size=(3, 4)), rng.normal(size=4)
    sgd_params, momentum_params = one_layer(W0, b0), one_layer(W0, b0)
    sgd, momentum = SGD(learning_rate=0.3), Momentum(learning_rate=0.3, momentum=0.0)
    for _ in range(5):
        g = [(rng.normal(size=(3, 4)), rng.normal(size=4))]
        sgd.step(sgd_params, g)
        momentum.step(momentum_params, g)
    # v = 0·v - η g = -η g, so θ + v is θ - η g to the last bit.
    for a, b in zip(sgd_params[0], momentum_params[0], strict=True):
        np.testing.assert_array_equal(a, b)


# ---------------------------------------------------------------- Adam
def test_adam_first_step_is_eta_times_the_sign_of_the_gradient():
    # After one step m̂ = g and ŝ = g², so the step is η g / (|g| + ε) ≈ η sign(g), whatever |g| is.
    params = one_layer([[1.0, 1.0, 1.0]], [1.0])
    Adam(learning_rate=0.01).step(params, grads([[0.5, -2000.0, 1e-3]], [-7.0]))
    np.testing.assert_allclose(params[0][0], [[0.99, 1.01, 0.99]], atol=1e-7)
    np.testing.assert_allclose(params[0][1], [1.01], atol=1e-9)


def test_adam_second_step_by_hand():
    # β1 = 0.9, β2 = 0.999, η = 0.001, θ0 = 0, g1 = 0.5, g2 = 1.0
    opt = Adam(learning_rate=0.001)
    params = one_layer([[0.0]], [0.0])
    opt.step(params, grads([[0.5]], [0.0]))
    # m1 = 0.1·0.5 = 0.05;  s1 = 0.001·0.25 = 0.00025;  m̂1 = 0.05/0.1 = 0.5;  ŝ1 = 0.00025/0.001 = 0.25
    # θ1 = 0 - 0.001·0.5/(0.5 + 1e-8) ≈ -0.001
    theta1 = -0.001 * 0.5 / (math.sqrt(0.25) + 1e-8)
    np.testing.assert_allclose(params[0][0], [[theta1]], rtol=1e-12)
    opt.step(params, grads([[1.0]], [0.0]))
    m2 = 0.9 * 0.05 + 0.1 * 1.0  # = 0.145
    s2 = 0.999 * 0.00025 + 0.001 * 1.0**2  # = 0.00124975
    m_hat = m2 / (1 - 0.9**2)  # 0.145 / 0.19 ≈ 0.7632
    s_hat = s2 / (1 - 0.999**2)  # 0.00124975 / 0.001999 ≈ 0.6252
    theta2 = theta1 - 0.001 * m_hat / (math.sqrt(s_hat) + 1e-8)  # ≈ -0.001 - 0.000965
    np.testing.assert_allclose(opt.state[0]["m"], [[m2]], rtol=1e-12)
    np.testing.assert_allclose(opt.state[0]["s"], [[s2]], rtol=1e-12)
    np.testing.assert_allclose(params[0][0], [[theta2]], rtol=1e-12)
    assert opt.t == 2


def test_adam_steps_do_not_depend_on_the_scale_of_the_gradient():
    # m̂/√ŝ is unchanged when every gradient is multiplied by the same c > 0 (ε aside).
    rng = np.random.default_rng(1)
    g_list = [rng.normal(size=(2, 3)) for _ in range(4)]
    small, large = one_layer(np.zeros((2, 3)), np.zeros(3)), one_layer(np.zeros((2, 3)), np.zeros(3))
    opt_small, opt_large = Adam(learning_rate=0.1, eps=1e-12), Adam(learning_rate=0.1, eps=1e-12)
    for g in g_list:
        opt_small.step(small, [(g, np.zeros(3))])
        opt_large.step(large, [(1000 * g, np.zeros(3))])
    np.testing.assert_allclose(small[0][0], large[0][0], rtol=1e-9)


def test_adam_minimises_a_quadratic_bowl():
    # C(θ) = ½ Σ a_i (θ_i - c_i)², gradient a ⊙ (θ - c); minimum at c, with very different curvatures.
    a, c = np.array([100.0, 1.0, 0.01]), np.array([3.0, -1.0, 0.5])
    theta = np.zeros(3)
    params = [(theta, np.zeros(1))]
    opt = Adam(learning_rate=0.05)
    cost = lambda: 0.5 * np.sum(a * (theta - c) ** 2)  # noqa: E731
    start = cost()
    for _ in range(3000):
        opt.step(params, [(a * (theta - c), np.zeros(1))])
    assert cost() < 1e-4 * start
    np.testing.assert_allclose(theta, c, atol=0.02)


# ---------------------------------------------------------------- weight decay
def test_weight_decay_adds_lambda_w_to_the_weight_gradient_but_not_to_the_bias():
    params = one_layer([[2.0, -4.0]], [2.0])
    SGD(learning_rate=0.1, weight_decay=0.5).step(params, grads([[1.0, 0.0]], [1.0]))
    # W: g + λW = [1 + 0.5·2, 0 + 0.5·(-4)] = [2, -2];  W - 0.1·[2, -2] = [1.8, -3.8]
    # b: no decay: 2 - 0.1·1 = 1.9
    np.testing.assert_allclose(params[0][0], [[1.8, -3.8]], rtol=1e-14)
    np.testing.assert_allclose(params[0][1], [1.9], rtol=1e-14)


def test_weight_decay_does_not_change_the_callers_gradient():
    dW = np.array([[1.0]])
    SGD(learning_rate=0.1, weight_decay=0.5).step(one_layer([[2.0]], [0.0]), [(dW, np.zeros(1))])
    assert dW[0, 0] == 1.0


def test_weight_decay_alone_shrinks_weights_geometrically():
    # With zero gradient, W ← W - ηλW = (1 - ηλ) W each step: 0.95^10 after ten steps of η = 0.1, λ = 0.5.
    params = one_layer([[1.0]], [1.0])
    opt = Momentum(learning_rate=0.1, momentum=0.0, weight_decay=0.5)
    for _ in range(10):
        opt.step(params, grads([[0.0]], [0.0]))
    assert params[0][0][0, 0] == pytest.approx(0.95**10, rel=1e-12)
    assert params[0][1][0] == 1.0


def test_l1_decay_adds_lambda_sign_w_to_the_weight_gradient_but_not_to_the_bias():
    params = one_layer([[2.0, -4.0, 0.0]], [2.0])
    SGD(learning_rate=0.1, l1_decay=0.5).step(params, grads([[1.0, 0.0, 0.0]], [1.0]))
    # W: g + λ sign(W) = [1 + 0.5, 0 - 0.5, 0 + 0] = [1.5, -0.5, 0];  W - 0.1·that = [1.85, -3.95, 0]
    # b: no decay: 2 - 0.1·1 = 1.9
    np.testing.assert_allclose(params[0][0], [[1.85, -3.95, 0.0]], rtol=1e-14)
    np.testing.assert_allclose(params[0][1], [1.9], rtol=1e-14)


def test_l1_and_l2_decay_add_up_in_every_optimizer():
    # g = 0, W = 2: decayed gradient = λ2·W + λ1·sign(W) = 0.5·2 + 0.25·1 = 1.25; one momentum step
    # with μ = 0 is W - η·1.25 = 2 - 0.125 = 1.875
    params = one_layer([[2.0]], [0.0])
    Momentum(learning_rate=0.1, momentum=0.0, weight_decay=0.5, l1_decay=0.25).step(params, grads([[0.0]], [0.0]))
    assert params[0][0][0, 0] == pytest.approx(1.875, rel=1e-14)


def test_l1_decay_must_not_be_negative():
    with pytest.raises(ValueError, match=r"l1_decay must be >= 0, got -0.5"):
        Adam(0.1, l1_decay=-0.5)


# ---------------------------------------------------------------- schedules
def test_constant_schedule_keeps_the_rate():
    assert [constant(0.3, t) for t in (0, 1, 100)] == [0.3, 0.3, 0.3]


def test_step_decay_halves_every_ten_epochs():
    schedule = step_decay(0.5, every=10)
    # ⌊0/10⌋ = ⌊9/10⌋ = 0, ⌊10/10⌋ = 1, ⌊25/10⌋ = 2
    assert [schedule(1.0, t) for t in (0, 9, 10, 25)] == [1.0, 1.0, 0.5, 0.25]


def test_exponential_decay_is_geometric():
    schedule = exponential_decay(0.9)
    # 2 · 0.9^0 = 2, 2 · 0.9 = 1.8, 2 · 0.9^3 = 1.458
    assert [schedule(2.0, t) for t in (0, 1, 3)] == pytest.approx([2.0, 1.8, 1.458], rel=1e-14)


def test_inverse_time_decay_is_one_over_one_plus_decay_t():
    schedule = inverse_time_decay(0.5)
    # 1/(1 + 0) = 1, 1/(1 + 0.5·2) = 0.5, 1/(1 + 0.5·6) = 0.25
    assert [schedule(1.0, t) for t in (0, 2, 6)] == pytest.approx([1.0, 0.5, 0.25], rel=1e-15)


def test_start_epoch_sets_the_rate_the_next_step_uses():
    opt = SGD(learning_rate=1.0, schedule=step_decay(0.5, every=10))
    opt.start_epoch(25)
    assert opt.learning_rate == 0.25
    params = one_layer([[1.0]], [0.0])
    opt.step(params, grads([[2.0]], [0.0]))
    assert params[0][0][0, 0] == 1.0 - 0.25 * 2.0  # 0.5
    opt.start_epoch(0)  # back to the start: the initial rate, not a compounded one
    assert opt.learning_rate == 1.0 and opt.initial_learning_rate == 1.0


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: step_decay(0.0), r"drop must be > 0, got 0"),
        (lambda: step_decay(1.5), r"drop must be <= 1, got 1.5"),
        (lambda: step_decay(0.5, every=0), r"every must be >= 1, got 0"),
        (lambda: exponential_decay(-0.1), r"rate must be > 0, got -0.1"),
        (lambda: inverse_time_decay(-1.0), r"decay must be >= 0, got -1.0"),
    ],
)
def test_bad_schedule_parameters_are_rejected_by_message(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_step_decay_every_must_be_an_integer():
    with pytest.raises(TypeError, match=r"every must be an integer, got 2.5"):
        step_decay(0.5, every=2.5)


# ---------------------------------------------------------------- float32 stays float32
@pytest.mark.parametrize(
    "opt", [SGD(0.1), Momentum(0.1), Momentum(0.1, nesterov=True), Adam(0.1), SGD(0.1, weight_decay=0.01)],
    ids=["sgd", "momentum", "nesterov", "adam", "weight-decay"],
)
def test_float32_parameters_and_state_stay_float32(opt):
    params = one_layer([[1.0, 2.0]], [3.0], dtype=np.float32)
    for _ in range(3):
        opt.step(params, grads([[0.1, -0.2]], [0.3], dtype=np.float32))
    assert all(p.dtype == np.float32 for p in params[0])
    slots = [array for per_param in opt.state.values() for array in per_param.values()]
    assert all(s.dtype == np.float32 for s in slots)
    if not isinstance(opt, SGD):
        assert slots  # momentum and Adam do keep state


def test_float32_adam_step_matches_the_float64_one_to_float32_precision():
    p32, p64 = one_layer([[1.0, -1.0]], [0.5], np.float32), one_layer([[1.0, -1.0]], [0.5])
    a32, a64 = Adam(0.01), Adam(0.01)
    for g in ([[0.3, -0.7]], [[0.1, 0.2]], [[-0.4, 0.9]]):
        a32.step(p32, grads(g, [0.2], np.float32))
        a64.step(p64, grads(g, [0.2]))
    np.testing.assert_allclose(p32[0][0], p64[0][0], rtol=1e-6)


# ---------------------------------------------------------------- get_optimizer and argument checks
def test_get_optimizer_by_name_uses_each_optimizers_default_rate():
    assert type(get_optimizer("adam")) is Adam and get_optimizer("adam").learning_rate == 0.001
    assert type(get_optimizer(None)) is SGD and get_optimizer(None).learning_rate == 0.1
    assert get_optimizer("Momentum", 0.5).learning_rate == 0.5


def test_get_optimizer_returns_an_instance_as_it_is():
    opt = Momentum(learning_rate=0.2, nesterov=True)
    assert get_optimizer(opt) is opt


def test_get_optimizer_rejects_an_instance_and_a_learning_rate_together():
    with pytest.raises(TypeError, match=r"Give the learning rate to the optimizer .* not both"):
        get_optimizer(Adam(), learning_rate=0.1)


def test_get_optimizer_names_the_choices_for_an_unknown_name():
    with pytest.raises(ValueError, match=r"Unknown optimizer 'rmsprop'; choose one of: adam, momentum, sgd\."):
        get_optimizer("rmsprop")


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: Momentum(momentum=1.0), ValueError, r"momentum must be < 1, got 1.0"),
        (lambda: Momentum(momentum=-0.1), ValueError, r"momentum must be >= 0, got -0.1"),
        (lambda: Adam(beta1=1.0), ValueError, r"beta1 must be < 1, got 1.0"),
        (lambda: Adam(beta2=1.5), ValueError, r"beta2 must be < 1, got 1.5"),
        (lambda: Adam(beta1=-0.5), ValueError, r"beta1 must be >= 0, got -0.5"),
        (lambda: Adam(eps=0.0), ValueError, r"eps must be > 0, got 0.0"),
        (lambda: SGD(learning_rate=-0.1), ValueError, r"learning_rate must be > 0, got -0.1"),
        (lambda: SGD(learning_rate=float("nan")), ValueError, r"learning_rate must be finite, got nan"),
        (lambda: SGD(learning_rate="fast"), TypeError, r"learning_rate must be a number, got 'fast'"),
        (lambda: SGD(0.1, weight_decay=-1e-3), ValueError, r"weight_decay must be >= 0, got -0.001"),
    ],
)
def test_bad_optimizer_arguments_are_rejected_by_message(make, error, message):
    with pytest.raises(error, match=message):
        make()


def test_base_optimizer_has_no_update_rule():
    with pytest.raises(NotImplementedError):
        Optimizer(0.1).step(one_layer([[1.0]], [1.0]), grads([[1.0]], [1.0]))


def test_each_update_rule_is_written_in_its_docstring():
    assert "θ ← θ - η g" in SGD.__doc__
    assert "v ← μ v - η g" in Momentum.__doc__ and "Nesterov" in Momentum.__doc__
    assert "m̂ = m / (1 - β1^t)" in Adam.__doc__ and "θ ← θ - η m̂ / (√ŝ + ε)" in Adam.__doc__
    for schedule in (constant, step_decay, exponential_decay, inverse_time_decay):
        assert "η_t = " in schedule.__doc__


def test_repr_names_the_optimizer_and_its_rate():
    assert repr(Adam(0.01)) == "Adam(learning_rate=0.01)"


# ---------------------------------------------------------------- a fresh start at each fit
def _fitted(optimizer, sizes, seed=0):
    from glassnet import datasets
    from glassnet.network import NeuralNetwork

    X, y = datasets.moons(40, noise=0.2, seed=0)
    net = NeuralNetwork(sizes, activation="tanh", output_activation="sigmoid", loss="cross-entropy", seed=seed)
    net.fit(X, y, epochs=3, batch_size=8, optimizer=optimizer)
    return [(layer.W, layer.b) for layer in net.layers]


@pytest.mark.parametrize("make", [lambda: SGD(0.5, schedule=step_decay(0.5, 1)), lambda: Momentum(0.2),
                                  lambda: Adam(0.05)], ids=["sgd-schedule", "momentum", "adam"])
def test_an_optimizer_reused_for_another_fit_gives_what_a_fresh_one_gives(make):
    used = make()
    _fitted(used, [2, 4, 1])  # leaves velocities, moments, a step count, a decayed rate behind
    for sizes in ([2, 4, 1], [2, 6, 3, 1]):  # the same shape, and another one
        for (W, b), (W_ref, b_ref) in zip(_fitted(used, sizes, seed=1), _fitted(make(), sizes, seed=1), strict=True):
            np.testing.assert_array_equal(W, W_ref)
            np.testing.assert_array_equal(b, b_ref)


def test_reset_forgets_the_state_and_the_decayed_rate():
    opt = Adam(0.1, schedule=step_decay(0.5, 1))
    opt.start_epoch(3)
    opt.step([(np.ones((2, 2)), np.ones(2))], [(np.ones((2, 2)), np.ones(2))])
    assert opt.state and opt.t == 1 and opt.learning_rate == pytest.approx(0.0125)
    opt.reset()
    assert opt.state == {} and opt.t == 0 and opt.learning_rate == 0.1


@pytest.mark.parametrize(("schedule", "shown"), [
    (lambda rate, epoch: -rate, "-0.1"), (lambda rate, epoch: float("nan"), "nan"),
    (lambda rate, epoch: np.float64(rate) / (epoch - 1), "inf"), (lambda rate, epoch: "fast", "'fast'"),
])
def test_a_schedule_giving_a_negative_or_not_finite_rate_is_refused_naming_the_epoch(schedule, shown):
    import warnings

    net = NeuralNetwork([2, 2, 1], seed=0)
    X, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([0, 1])
    optimizer = SGD(0.1, schedule=lambda rate, epoch: rate if epoch < 1 else schedule(rate, epoch))
    before = [layer.W.copy() for layer in net.layers]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # 0.1 / 0 in the schedule itself
        with pytest.raises(ValueError, match=rf"The learning-rate schedule gave {re.escape(shown)} for epoch 1 "
                                             r"\(from the initial rate 0.1\); a learning rate must be a finite number"):
            net.fit(X, y, epochs=3, optimizer=optimizer)
    assert any((b != layer.W).any() for b, layer in zip(before, net.layers, strict=True))  # epoch 0 trained


def test_a_schedule_may_decay_to_zero():
    optimizer = SGD(0.1, schedule=lambda rate, epoch: 0.0)
    optimizer.start_epoch(5)
    assert optimizer.learning_rate == 0.0
