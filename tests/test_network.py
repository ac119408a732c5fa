"""NeuralNetwork: construction, feedforward, BP1–BP4 against hand arithmetic and the book's loop."""

import numpy as np
import pytest

from glassnet.activations import Identity, ReLU, Sigmoid, Softmax, Tanh
from glassnet.layers import Dense
from glassnet.losses import MSE, CategoricalCrossEntropy, CrossEntropy
from glassnet.network import NeuralNetwork

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=float)


def test_sizes_build_layers_with_the_documented_shapes():
    net = NeuralNetwork([2, 3, 1], activation=Sigmoid, loss=CrossEntropy, seed=0)
    assert net.sizes == [2, 3, 1]
    assert [layer.W.shape for layer in net.layers] == [(2, 3), (3, 1)]
    assert [layer.b.shape for layer in net.layers] == [(3,), (1,)]
    assert net.n_params == 2 * 3 + 3 + 3 * 1 + 1


def test_output_activation_applies_to_the_last_layer_only():
    net = NeuralNetwork([40, 100, 10], activation=ReLU, output_activation=Softmax,
                        loss=CategoricalCrossEntropy, seed=0)
    assert [layer.activation for layer in net.layers] == [ReLU, Softmax]
    # The default initialiser follows each layer's activation (layers.default_init).
    assert [layer.init for layer in net.layers] == ["uniform", "zeros"]


def test_network_from_layers_keeps_each_layers_activation():
    net = NeuralNetwork([Dense(2, 3, ReLU, seed=0), Dense(3, 1, Sigmoid, seed=1)], loss="cross-entropy")
    assert [layer.activation for layer in net.layers] == [ReLU, Sigmoid]
    assert net.loss is CrossEntropy


def test_names_are_accepted_for_activation_loss_and_init():
    net = NeuralNetwork([2, 2, 1], activation="tanh", loss="MSE", init="normal", seed=0)
    assert net.layers[0].activation is Tanh and net.loss is MSE and net.layers[0].init == "normal"


def test_repr_shows_the_layer_shapes_and_loss():
    text = repr(NeuralNetwork([2, 3, 1], loss=CrossEntropy, seed=0))
    assert "Dense(2 → 3, sigmoid)" in text and "Dense(3 → 1, sigmoid)" in text
    assert "loss=cross-entropy" in text and "params=13" in text


def test_run_is_the_composition_of_the_layer_equations():
    net = NeuralNetwork([3, 4, 2], activation=Tanh, output_activation=Sigmoid, seed=3)
    X = np.random.default_rng(0).normal(size=(5, 3))
    l1, l2 = net.layers
    expected = Sigmoid.fn(np.tanh(X @ l1.W + l1.b) @ l2.W + l2.b)
    np.testing.assert_allclose(net.run(X), expected, rtol=1e-15)


def test_run_reads_a_1d_input_as_one_sample():
    net = NeuralNetwork([3, 4, 2], seed=0)
    x = np.array([0.1, -0.2, 0.3])
    out = net.run(x)
    assert out.shape == (2,)
    np.testing.assert_array_equal(out, net.run(x[None, :])[0])


def test_same_seed_gives_bit_identical_weights_and_other_seeds_do_not():
    a, b, c = (NeuralNetwork([5, 7, 3], seed=s) for s in (42, 42, 43))
    for la, lb in zip(a.layers, b.layers, strict=True):
        assert np.array_equal(la.W, lb.W) and np.array_equal(la.b, lb.b)
    assert not np.array_equal(a.layers[0].W, c.layers[0].W)


def test_hand_worked_two_layer_example():
    # A 2-1-1 network: sigmoid hidden neuron, identity output, MSE.
    #   W1 = [[0.5], [-0.25]], b1 = [0],  W2 = [[2]], b2 = [-1]
    # Example 1: x = (1, 2), y = 1
    #   z1 = 1·0.5 + 2·(-0.25) + 0 = 0      a1 = σ(0) = 0.5,  σ'(0) = 0.25
    #   z2 = 0.5·2 - 1 = 0                  a2 = z2 = 0
    #   C  = ½(0 - 1)² = 0.5
    #   BP1 delta2 = (a2 - y)·1 = -1
    #   BP2 delta1 = (delta2·W2ᵀ)·σ'(z1) = (-1·2)·0.25 = -0.5
    #   BP3 dC/db2 = -1, dC/db1 = -0.5
    #   BP4 dC/dW2 = a1·delta2 = -0.5,  dC/dW1 = xᵀ delta1 = [[-0.5], [-1.0]]
    # Example 2: x = (0, 0), y = 0: z1 = 0, a1 = 0.5, z2 = 0, a2 = 0 = y, so every delta is 0.
    # Over the batch of both, each gradient is the mean: half of example 1's.
    hidden, output = Dense(2, 1, Sigmoid), Dense(1, 1, Identity)
    hidden.W[:], hidden.b[:] = [[0.5], [-0.25]], [0.0]
    output.W[:], output.b[:] = [[2.0]], [-1.0]
    net = NeuralNetwork([hidden, output], loss=MSE)
    X, Y = np.array([[1.0, 2.0], [0.0, 0.0]]), np.array([[1.0], [0.0]])

    assert net.cost(X[:1], Y[:1]) == pytest.approx(0.5)
    (dW1, db1), (dW2, db2) = net.backprop(X[:1], Y[:1])
    np.testing.assert_allclose(dW2, [[-0.5]])
    np.testing.assert_allclose(db2, [-1.0])
    np.testing.assert_allclose(dW1, [[-0.5], [-1.0]])
    np.testing.assert_allclose(db1, [-0.5])

    (dW1, db1), (dW2, db2) = net.backprop(X, Y)
    np.testing.assert_allclose(dW2, [[-0.25]])
    np.testing.assert_allclose(db2, [-0.5])
    np.testing.assert_allclose(dW1, [[-0.25], [-0.5]])
    np.testing.assert_allclose(db1, [-0.25])

    # One gradient-descent step with η = 0.1 on the batch: W ← W - η dC/dW
    #   W1 = [[0.5 + 0.025], [-0.25 + 0.05]] = [[0.525], [-0.2]], b1 = 0.025
    #   W2 = 2 + 0.025 = 2.025, b2 = -1 + 0.05 = -0.95
    for layer, (dW, db) in zip(net.layers, net.backprop(X, Y), strict=True):
        layer.W -= 0.1 * dW
        layer.b -= 0.1 * db
    np.testing.assert_allclose(hidden.W, [[0.525], [-0.2]])
    np.testing.assert_allclose(hidden.b, [0.025])
    np.testing.assert_allclose(output.W, [[2.025]])
    np.testing.assert_allclose(output.b, [-0.95])


def per_example_backprop(net, X, Y):
    """Backprop one example at a time, column vectors and w = Wᵀ, as the track writes it."""
    ws = [layer.W.T for layer in net.layers]  # the track's w^l: (n_out, n_in)
    bs = [layer.b[:, None] for layer in net.layers]
    nabla_w = [np.zeros_like(w) for w in ws]
    nabla_b = [np.zeros_like(b) for b in bs]
    for x, y in zip(X, Y, strict=True):
        activation, activations, zs = x[:, None], [x[:, None]], []
        for w, b, layer in zip(ws, bs, net.layers, strict=True):
            z = w @ activation + b
            zs.append(z)
            activation = layer.activation.fn(z)
            activations.append(activation)
        sp = net.layers[-1].activation.prime(zs[-1])
        delta = net.loss.derivative(activations[-1], y[:, None]) * sp  # BP1
        nabla_b[-1] += delta  # BP3
        nabla_w[-1] += delta @ activations[-2].T  # BP4
        for l in range(2, len(ws) + 1):
            sp = net.layers[-l].activation.prime(zs[-l])
            delta = (ws[-l + 1].T @ delta) * sp  # BP2
            nabla_b[-l] += delta
            nabla_w[-l] += delta @ activations[-l - 1].T
    n = len(X)
    return [(nw.T / n, nb[:, 0] / n) for nw, nb in zip(nabla_w, nabla_b, strict=True)]


@pytest.mark.parametrize("activation", [Sigmoid, Tanh, ReLU])
@pytest.mark.parametrize("loss", [MSE, CrossEntropy])
def test_batched_backprop_equals_the_per_example_loop(activation, loss):
    net = NeuralNetwork([4, 6, 5, 3], activation=activation, output_activation=Sigmoid, loss=loss, seed=1)
    rng = np.random.default_rng(2)
    X, Y = rng.normal(size=(8, 4)), rng.uniform(size=(8, 3))
    for (dW, db), (loop_dW, loop_db) in zip(net.backprop(X, Y), per_example_backprop(net, X, Y),
                                            strict=True):
        np.testing.assert_allclose(dW, loop_dW, rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(db, loop_db, rtol=1e-10, atol=1e-14)


def test_trace_holds_every_layers_equations():
    net = NeuralNetwork([3, 4, 2], activation=Tanh, output_activation=Sigmoid, loss=CrossEntropy, seed=0)
    rng = np.random.default_rng(1)
    X, Y = rng.normal(size=(5, 3)), rng.integers(0, 2, size=(5, 2)).astype(float)
    trace = net.trace(X, Y)
    assert [t.Z.shape for t in trace] == [(5, 4), (5, 2)]
    np.testing.assert_allclose(trace[0].A, np.tanh(trace[0].Z))
    np.testing.assert_allclose(trace[1].delta, trace[1].A - Y)  # BP1, sigmoid + cross-entropy
    expected_delta0 = (trace[1].delta @ net.layers[1].W.T) * Tanh.prime(trace[0].Z)  # BP2
    np.testing.assert_allclose(trace[0].delta, expected_delta0)
    for t, (dW, db) in zip(trace, net.backprop(X, Y), strict=True):
        np.testing.assert_array_equal(t.dC_dW, dW)
        np.testing.assert_array_equal(t.dC_db, db)


def test_integer_labels_are_one_hot_encoded_for_several_outputs():
    net = NeuralNetwork([2, 3], activation=Softmax, loss=CategoricalCrossEntropy, seed=0)
    X = np.array([[0.1, 0.2], [0.3, -0.1]])
    labels = np.array([2, 0])
    one_hot = np.array([[0, 0, 1], [1, 0, 0]], dtype=float)
    for (a_w, a_b), (b_w, b_b) in zip(net.backprop(X, labels), net.backprop(X, one_hot), strict=True):
        np.testing.assert_array_equal(a_w, b_w)
        np.testing.assert_array_equal(a_b, b_b)


def test_a_2_3_1_sigmoid_network_learns_xor_by_plain_gradient_descent():
    net = NeuralNetwork([2, 3, 1], activation=Sigmoid, loss=CrossEntropy, seed=0)
    start = net.cost(XOR_X, XOR_Y)
    for _ in range(3000):
        for layer, (dW, db) in zip(net.layers, net.backprop(XOR_X, XOR_Y), strict=True):
            layer.W -= 2.0 * dW  # w ← w - η ∂C/∂w
            layer.b -= 2.0 * db
    np.testing.assert_array_equal(net.predict(XOR_X), [0, 1, 1, 0])
    assert net.cost(XOR_X, XOR_Y) < 0.1 * start


def test_float32_network_stays_float32():
    net = NeuralNetwork([3, 4, 2], activation=ReLU, output_activation=Softmax,
                        loss=CategoricalCrossEntropy, seed=0, dtype=np.float32)
    X = np.random.default_rng(0).normal(size=(6, 3))
    assert net.run(X).dtype == np.float32
    for dW, db in net.backprop(X, [0, 1, 0, 1, 1, 0]):
        assert dW.dtype == np.float32 and db.dtype == np.float32


def test_predict_and_score_for_classifiers_and_regression():
    binary = NeuralNetwork([Dense(1, 1, Sigmoid)])
    binary.layers[0].W[:], binary.layers[0].b[:] = [[10.0]], [0.0]  # a > 0.5 exactly when x > 0
    X = np.array([[-1.0], [2.0], [0.5], [-0.2]])
    np.testing.assert_array_equal(binary.predict(X), [0, 1, 1, 0])
    assert binary.score(X, [0, 1, 0, 0]) == 0.75
    np.testing.assert_allclose(binary.predict_proba(X).sum(axis=1), 1.0)

    multi = NeuralNetwork([Dense(2, 3, Softmax)], loss=CategoricalCrossEntropy)
    multi.layers[0].W[:] = [[1, 0, -1], [0, 1, 0]]
    multi.layers[0].b[:] = 0
    np.testing.assert_array_equal(multi.predict([[3.0, 0.0], [0.0, 3.0], [-3.0, 0.0]]), [0, 1, 2])

    regression = NeuralNetwork([Dense(1, 1, Identity)])
    regression.layers[0].W[:], regression.layers[0].b[:] = [[2.0]], [1.0]  # a = 2x + 1
    X = np.array([[0.0], [1.0], [2.0]])
    assert regression.score(X, [1.0, 3.0, 5.0]) == 1.0
    # y = (1, 3, 6): residuals (0, 0, -1), Σ = 1; mean 10/3, Σ(y - ȳ)² = 49/9 + 1/9 + 64/9 = 114/9.
    assert regression.score(X, [1.0, 3.0, 6.0]) == pytest.approx(1 - 1 / (114 / 9))


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"layers": [2, 0, 1]}, ValueError, r"layer size 1 must be >= 1, got 0"),
        ({"layers": [2]}, ValueError, r"at least two sizes"),
        ({"layers": [2, 2.5, 1]}, TypeError, r"layer size 1 must be an integer, got 2.5"),
        ({"layers": "2-3-1"}, TypeError, r"layers must be a list"),
        ({"layers": [2, 3, 1], "activation": "relu6"}, ValueError,
         r"Unknown activation 'relu6'; choose one of: identity, relu, sigmoid, softmax, tanh"),
        ({"layers": [2, 3, 1], "loss": "hinge"}, ValueError, r"Unknown loss 'hinge'"),
        ({"layers": [2, 3, 1], "init": "xavier"}, ValueError,
         r"Unknown initialiser 'xavier'; choose one of: glorot, he, normal, scaled, uniform"),
        ({"layers": [2, 3, 1], "dtype": np.int32}, TypeError, r"dtype must be float32 or float64"),
    ],
)
def test_bad_construction_is_rejected_with_a_clear_message(kwargs, error, message):
    with pytest.raises(error, match=message):
        NeuralNetwork(**kwargs)


def test_layers_that_do_not_chain_are_rejected():
    with pytest.raises(ValueError, match="Layer 0 has 3 outputs but layer 1 expects 4 inputs"):
        NeuralNetwork([Dense(2, 3), Dense(4, 1)])


@pytest.mark.parametrize(
    ("X", "Y", "error", "message"),
    [
        (np.ones((4, 3)), np.ones((4, 1)), ValueError, r"X with 3 features, but 2 features were expected"),
        (np.ones((4, 2)), np.ones((3, 1)), ValueError, r"same number of samples, got 4 in X and 3 in Y"),
        (np.ones((4, 2)), np.ones((4, 2)), ValueError, r"Y has 2 columns, but the network has 1 outputs"),
        ([[0.0, np.nan]], [[1.0]], ValueError, r"X contains NaN or infinite values"),
        (np.ones((0, 2)), np.ones((0, 1)), ValueError, r"X is empty"),
        ([["a", "b"]], [[1.0]], TypeError, r"X must contain numbers"),
        (np.ones((2, 2, 2)), np.ones((2, 1)), ValueError, r"X must be 1-d or 2-d, got a 3-d array"),
    ],
)
def test_bad_data_is_rejected_with_a_clear_message(X, Y, error, message):
    net = NeuralNetwork([2, 3, 1], seed=0)
    with pytest.raises(error, match=message):
        net.backprop(X, Y)
