"""Dense: shapes, the forward equation, BP3/BP4, and how the weights start."""

import numpy as np
import pytest

from glassnet.activations import Identity, ReLU, Sigmoid, Softmax, Tanh
from glassnet.layers import Dense
from glassnet.network import NeuralNetwork


def test_shapes_follow_the_batch_first_convention():
    layer = Dense(4, 3, Sigmoid, seed=0)
    assert layer.W.shape == (4, 3) and layer.b.shape == (3,)
    Z, A = layer.forward(np.ones((5, 4)))
    assert A.shape == (5, 3) and Z.shape == (5, 3)
    assert layer.n_params == 15


def test_forward_computes_z_then_a():
    layer = Dense(2, 2, Tanh)
    layer.W[:] = [[1.0, -1.0], [2.0, 0.5]]
    layer.b[:] = [0.5, -0.5]
    Z, A = layer.forward(np.array([[1.0, 1.0]]))
    # z = (1·1 + 1·2 + 0.5, 1·(-1) + 1·0.5 - 0.5) = (3.5, -1.0)
    np.testing.assert_allclose(Z, [[3.5, -1.0]])
    np.testing.assert_allclose(A, np.tanh([[3.5, -1.0]]))


def test_gradients_average_bp3_and_bp4_over_the_batch():
    layer = Dense(2, 1, Sigmoid)
    dC_dW, dC_db = layer.gradients(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0], [-1.0]]))
    # BP3: mean(1, -1) = 0; BP4: (1·(1, 2) + (-1)·(3, 4)) / 2 = (-1, -1)
    np.testing.assert_allclose(dC_db, [0.0])
    np.testing.assert_allclose(dC_dW, [[-1.0], [-1.0]])


@pytest.mark.parametrize(
    ("init", "w_std", "b_std"),
    [("normal", 1.0, 1.0), ("scaled", 1 / np.sqrt(400), 1.0),
     ("glorot", np.sqrt(2 / (400 + 300)), 0.0), ("he", np.sqrt(2 / 400), 0.0)],
)
def test_initialisers_have_their_documented_spread(init, w_std, b_std):
    layer = Dense(400, 300, Sigmoid, init=init, seed=0)
    # 120000 draws: the sample std is within 1% of the true one.
    assert layer.W.std() == pytest.approx(w_std, rel=0.01)
    assert abs(layer.W.mean()) < 0.01 * w_std
    assert layer.b.std() == pytest.approx(b_std, rel=0.2, abs=1e-12)


def test_uniform_draws_weights_and_biases_within_one_over_root_n_in():
    layer = Dense(400, 300, ReLU, init="uniform", seed=0)
    # U(±1/√400) = U(±0.05): variance 0.05²/3, so the std is 0.05/√3.
    assert np.abs(layer.W).max() <= 0.05 and np.abs(layer.b).max() <= 0.05
    assert layer.W.std() == pytest.approx(0.05 / np.sqrt(3), rel=0.01)
    assert np.abs(layer.b).max() > 0.04  # the biases are drawn too, not zero


def test_glorot_is_bounded_by_its_limit():
    layer = Dense(10, 20, Tanh, init="glorot", seed=1)
    assert np.abs(layer.W).max() <= np.sqrt(6 / 30)


@pytest.mark.parametrize(
    ("activation", "init"),
    # the defaults documented in default_init and benchmarks/README.md (chosen there by measurement)
    [(ReLU, "uniform"), (Softmax, "zeros"), (Sigmoid, "glorot"), (Tanh, "glorot"), (Identity, "glorot")],
)
def test_default_init_is_the_documented_one_for_each_activation(activation, init):
    assert Dense(3, 3, activation).init == init
    # and it is that initialiser's draw, not another of the same name
    np.testing.assert_array_equal(Dense(6, 4, activation, seed=3).W, Dense(6, 4, activation, init=init, seed=3).W)


def test_a_relu_network_with_a_seed_starts_as_init_uniform():
    default = NeuralNetwork([40, 100, 100, 10], activation=ReLU, seed=5)
    uniform = NeuralNetwork([40, 100, 100, 10], activation=ReLU, init="uniform", seed=5)
    for a, b in zip(default.layers, uniform.layers, strict=True):
        np.testing.assert_array_equal(a.W, b.W)
        np.testing.assert_array_equal(a.b, b.b)
    assert np.abs(default.layers[0].W).max() <= 1 / np.sqrt(40)  # U(±1/√n_in), not He's N(0, 2/n_in)


def test_a_softmax_output_layer_starts_at_zero_behind_uniform_relu_layers():
    net = NeuralNetwork([40, 100, 100, 10], activation=ReLU, output_activation=Softmax,
                        loss="categorical-cross-entropy", seed=5)
    uniform = NeuralNetwork([40, 100, 100, 10], activation=ReLU, init="uniform", seed=5)
    for a, b in zip(net.layers[:-1], uniform.layers[:-1], strict=True):
        np.testing.assert_array_equal(a.W, b.W)
    assert not net.layers[-1].W.any() and not net.layers[-1].b.any()
    # so every example starts at the uniform probabilities 1/10 (and the hidden layers still differ)
    np.testing.assert_allclose(net.run(np.random.default_rng(0).normal(size=(4, 40))), 0.1)


def test_zeros_is_refused_for_a_network_with_hidden_layers():
    with pytest.raises(ValueError, match="init='zeros' is for an output layer only"):
        NeuralNetwork([4, 3, 2], activation=ReLU, init="zeros")
    assert not NeuralNetwork([4, 2], init="zeros").layers[0].W.any()  # no hidden layer: allowed


def test_a_sigmoid_network_with_a_seed_starts_as_init_glorot():
    default = NeuralNetwork([64, 30, 10], activation=Sigmoid, seed=2)
    glorot = NeuralNetwork([64, 30, 10], activation=Sigmoid, init="glorot", seed=2)
    for a, b in zip(default.layers, glorot.layers, strict=True):
        np.testing.assert_array_equal(a.W, b.W)


def test_seed_makes_weights_reproducible():
    a, b = Dense(5, 4, seed=7), Dense(5, 4, seed=7)
    assert np.array_equal(a.W, b.W) and np.array_equal(a.b, b.b)
    assert not np.array_equal(a.W, Dense(5, 4, seed=8).W)


def test_dtype_float32_is_kept():
    layer = Dense(3, 2, dtype=np.float32, seed=0)
    assert layer.W.dtype == np.float32 and layer.b.dtype == np.float32
    assert all(out.dtype == np.float32 for out in layer.forward(np.ones((2, 3), dtype=np.float32)))


@pytest.mark.parametrize("dtype", [int, np.int32, np.float16, "complex128", "banana"])
def test_dtype_must_be_float32_or_float64(dtype):
    with pytest.raises(TypeError, match="dtype must be float32 or float64, got"):
        Dense(3, 2, dtype=dtype)


def test_a_generator_seed_draws_from_the_generator():
    a = Dense(3, 2, seed=np.random.default_rng(4))
    np.testing.assert_array_equal(a.W, Dense(3, 2, seed=4).W)
    with pytest.raises(ValueError, match="seed must be >= 0, got -2"):
        Dense(3, 2, seed=-2)


def test_bad_sizes_and_names_are_rejected():
    with pytest.raises(ValueError, match="n_out must be >= 1, got 0"):
        Dense(3, 0)
    with pytest.raises(ValueError, match="Unknown initialiser 'ones'"):
        Dense(3, 2, init="ones")
    with pytest.raises(ValueError, match="Unknown activation 'swish'"):
        Dense(3, 2, "swish")


def test_forward_and_gradients_keep_nothing_on_the_layer():
    layer = Dense(3, 2, Tanh, seed=0)
    before = dict(vars(layer))
    A_prev = np.ones((4, 3))
    Z, _ = layer.forward(A_prev)
    layer.gradients(A_prev, np.ones_like(Z))
    assert vars(layer).keys() == before.keys()  # no A_prev, Z or A left behind
    assert all(vars(layer)[key] is value for key, value in before.items())


def test_repr_names_shape_and_activation():
    assert repr(Dense(3, 2, ReLU)) == "Dense(3 → 2, relu)"


def test_count_params_counts_a_weight_per_input_and_a_bias_per_neuron():
    from glassnet.layers import count_params

    # 64-30-10: 64·30 + 30 weights and biases, then 30·10 + 10
    assert count_params([64, 30, 10]) == 64 * 30 + 30 + 30 * 10 + 10 == 2260
    assert count_params([3]) == 0
    assert Dense(4, 2).n_params == 10
