"""NeuralNetwork: construction, feedforward, BP1–BP4 against hand arithmetic and the book's loop."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glassnet.activations import Identity, ReLU, Sigmoid, Softmax, Tanh
from glassnet.layers import Dense
from glassnet.losses import MSE, CategoricalCrossEntropy, CrossEntropy
from glassnet.network import NeuralNetwork
from learners import ExerciseQuadratic, ExerciseSigmoid

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
    hidden, output = net.layers  # the network's own copies
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


def test_ready_made_layers_are_copied_and_the_callers_stay_as_they_were():
    mine = [Dense(2, 3, ReLU, seed=0, dtype=np.float32), Dense(3, 1, Sigmoid, seed=1, dtype=np.float32)]
    before = [(layer.W.copy(), layer.b.copy()) for layer in mine]
    net = NeuralNetwork(mine, loss=CrossEntropy, dtype=np.float64)
    net.fit(XOR_X, XOR_Y, epochs=3, batch_size=2, learning_rate=1.0, seed=0)
    for layer, (W, b) in zip(mine, before, strict=True):
        assert layer.W.dtype == layer.b.dtype == np.float32  # not cast to the network's float64
        np.testing.assert_array_equal(layer.W, W)  # not trained either
        np.testing.assert_array_equal(layer.b, b)
    assert all(a is not b for a, b in zip(net.layers, mine, strict=True))
    assert all(layer.W.dtype == np.float64 for layer in net.layers)
    assert [layer.activation for layer in net.layers] == [ReLU, Sigmoid]


@pytest.mark.parametrize(
    ("extra", "named"),
    [({"activation": Tanh}, "activation"), ({"output_activation": Softmax}, "output_activation"),
     ({"init": "he"}, "init"), ({"seed": 3}, "seed"), ({"seed": 0, "init": "normal"}, "init and seed")],
)
def test_settings_beside_ready_made_layers_are_refused(extra, named):
    with pytest.raises(TypeError, match=f"^{named} cannot be given with ready-made Dense layers"):
        NeuralNetwork([Dense(2, 3), Dense(3, 1)], **extra)


def test_sizes_and_layers_mixed_are_refused():
    with pytest.raises(TypeError, match="layers must be all sizes or all Dense layers"):
        NeuralNetwork([2, Dense(2, 1)])


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


# ------------------------------------------------------------------ no hidden state
def assert_same_traces(a, b):
    for ta, tb in zip(a, b, strict=True):
        for field, va, vb in zip(ta._fields, ta, tb, strict=True):
            if va is None:
                assert vb is None, field
            else:
                np.testing.assert_array_equal(va, vb, err_msg=field)


TRACED_X = np.random.default_rng(5).normal(size=(6, 3))
TRACED_Y = np.random.default_rng(6).integers(0, 2, size=(6, 2)).astype(float)
OTHER_X = np.random.default_rng(7).normal(size=(4, 3))
OTHER_Y = np.random.default_rng(8).integers(0, 2, size=(4, 2)).astype(float)
CALLS = {
    "run": lambda net, X, Y: net.run(X),
    "run one sample": lambda net, X, Y: net.run(X[0]),
    "predict": lambda net, X, Y: net.predict(X),
    "predict_proba": lambda net, X, Y: net.predict_proba(X),
    "cost": lambda net, X, Y: net.cost(X, Y),
    "score": lambda net, X, Y: net.score(X, Y),
    "forward trace": lambda net, X, Y: net.trace(X),
}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(CALLS)), st.booleans()), max_size=8))
def test_run_predict_and_cost_leave_the_trace_unchanged(calls):
    net = NeuralNetwork([3, 4, 2], activation=Tanh, output_activation=Sigmoid, loss=CrossEntropy, seed=0)
    before, state = net.trace(TRACED_X, TRACED_Y), {k: repr(v) for k, v in vars(net).items()}
    layer_state = [dict(vars(layer)) for layer in net.layers]
    for name, other_batch in calls:
        CALLS[name](net, *((OTHER_X, OTHER_Y) if other_batch else (TRACED_X, TRACED_Y)))
    assert_same_traces(before, net.trace(TRACED_X, TRACED_Y))
    assert {k: repr(v) for k, v in vars(net).items()} == state  # nothing added to the network
    for layer, old in zip(net.layers, layer_state, strict=True):  # no Z or A left on a layer
        assert vars(layer).keys() == old.keys()
        assert all(vars(layer)[key] is value for key, value in old.items())


def test_forward_trace_is_the_forward_half_of_the_full_trace():
    net = NeuralNetwork([3, 4, 2], activation=ReLU, output_activation=Softmax,
                        loss=CategoricalCrossEntropy, seed=1)
    forward, full = net.trace(TRACED_X), net.trace(TRACED_X, [0, 1, 1, 0, 1, 0])
    assert all(t.delta is None and t.dC_dW is None and t.dC_db is None for t in forward)
    for f, t in zip(forward, full, strict=True):
        np.testing.assert_array_equal(f.A_prev, t.A_prev)
        np.testing.assert_array_equal(f.Z, t.Z)
        np.testing.assert_array_equal(f.A, t.A)
    np.testing.assert_array_equal(forward[0].A_prev, TRACED_X)
    np.testing.assert_array_equal(forward[1].A_prev, forward[0].A)  # each layer feeds the next
    np.testing.assert_array_equal(forward[-1].A, net.run(TRACED_X))


def test_backprop_is_the_gradients_of_the_trace():
    net = NeuralNetwork([3, 4, 2], activation=Tanh, output_activation=Sigmoid, loss=CrossEntropy, seed=0)
    for (dW, db), t in zip(net.backprop(TRACED_X, TRACED_Y), net.trace(TRACED_X, TRACED_Y), strict=True):
        np.testing.assert_array_equal(dW, t.dC_dW)
        np.testing.assert_array_equal(db, t.dC_db)


# ------------------------------------------------------------------ a learner's own pieces
def trained_xor_weights(activation, loss, **fit):
    net = NeuralNetwork([2, 3, 1], activation=activation, loss=loss, seed=0)
    net.fit(XOR_X, XOR_Y, epochs=200, batch_size=4, learning_rate=2.0, **fit)
    return net, [(layer.W, layer.b) for layer in net.layers]


def test_the_exercise_shaped_sigmoid_trains_xor_to_the_same_weights_as_glassnets():
    _, mine = trained_xor_weights(ExerciseSigmoid, MSE)
    _, ours = trained_xor_weights(Sigmoid, MSE)
    for (W, b), (W_ref, b_ref) in zip(mine, ours, strict=True):
        np.testing.assert_allclose(W, W_ref, rtol=1e-12)
        np.testing.assert_allclose(b, b_ref, rtol=1e-12)
    # With cross-entropy glassnet's Sigmoid takes the a - y shortcut, the learner's the general
    # BP1 (same value, other rounding): the weights agree to rounding.
    _, mine = trained_xor_weights(ExerciseSigmoid, CrossEntropy)
    _, ours = trained_xor_weights(Sigmoid, CrossEntropy)
    for (W, b), (W_ref, b_ref) in zip(mine, ours, strict=True):
        np.testing.assert_allclose(W, W_ref, rtol=1e-9)
        np.testing.assert_allclose(b, b_ref, rtol=1e-9)


def test_a_duck_typed_loss_trains_like_the_built_in_one():
    net, mine = trained_xor_weights(Sigmoid, ExerciseQuadratic)
    _, ours = trained_xor_weights(Sigmoid, MSE)
    for (W, b), (W_ref, b_ref) in zip(mine, ours, strict=True):
        np.testing.assert_array_equal(W, W_ref)
        np.testing.assert_array_equal(b, b_ref)
    assert "loss=ExerciseQuadratic" in repr(net)


def test_an_unregistered_activation_is_shown_by_its_class_name():
    net = NeuralNetwork([2, 3, 1], activation=ExerciseSigmoid, seed=0)
    assert "Dense(2 → 3, ExerciseSigmoid)" in repr(net)


# ------------------------------------------------------------------ bad setups refused
def test_categorical_cross_entropy_after_a_sigmoid_output_is_refused_naming_softmax():
    with pytest.raises(ValueError, match="needs rows of probabilities that sum to 1, as a Softmax output layer"):
        NeuralNetwork([2, 3, 4], activation=Sigmoid, loss=CategoricalCrossEntropy)
    with pytest.raises(ValueError, match="as a Sigmoid output layer gives; the output layer's relu"):
        NeuralNetwork([2, 3, 1], activation=ReLU, loss=CrossEntropy)
    with pytest.raises(ValueError, match="the output layer's identity gives"):
        NeuralNetwork([Dense(2, 3), Dense(3, 2, Identity)], loss="cross-entropy")


ONE_OUTPUT = {"layers": [2, 3, 1], "activation": Sigmoid, "loss": CrossEntropy, "seed": 0}
X4 = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
TARGET_CALLS = {
    "fit": lambda net, Y: net.fit(X4, Y, epochs=1, batch_size=2),
    "cost": lambda net, Y: net.cost(X4, Y),
    "backprop": lambda net, Y: net.backprop(X4, Y),
    "trace": lambda net, Y: net.trace(X4, Y),
    "score": lambda net, Y: net.score(X4, Y),
}


@pytest.mark.parametrize("call", sorted(TARGET_CALLS))
@pytest.mark.parametrize("labels", [[0, 1, 2, 1], [-1, 1, 1, -1]], ids=["0-1-2", "plus-minus-1"])
def test_a_one_output_classifier_refuses_labels_other_than_0_and_1(call, labels):
    net = NeuralNetwork(**ONE_OUTPUT)
    with pytest.raises(ValueError, match=r"Y (must hold values in \[0, 1\]|holds the label -?[12], but only the labels "
                                         r"0 and 1 can be predicted)"):
        TARGET_CALLS[call](net, np.array(labels, dtype=float))


@pytest.mark.parametrize("call", sorted(TARGET_CALLS))
def test_labels_outside_0_to_k_minus_1_are_refused(call):
    net = NeuralNetwork([2, 3, 3], activation=Tanh, output_activation=Softmax, loss=CategoricalCrossEntropy, seed=0)
    with pytest.raises(ValueError, match=r"label 3, but (n_classes=3 allows )?only the labels 0 to 2"):
        TARGET_CALLS[call](net, [0, 1, 3, 2])


def test_an_mse_network_with_a_sigmoid_output_refuses_targets_it_cannot_reach():
    net = NeuralNetwork([2, 3, 1], activation=Sigmoid, loss=MSE, seed=0)
    with pytest.raises(ValueError, match=r"Y must hold values in \[0, 1\] .* the output layer's sigmoid gives only"):
        net.cost(X4, [0.0, 1.0, 2.0, 1.0])
    assert np.isfinite(NeuralNetwork([2, 3, 1], activation=Tanh, output_activation=Identity, loss=MSE,
                                     seed=0).cost(X4, [0.0, 5.0, -2.0, 1.0]))  # a linear output takes any


def test_score_with_a_label_the_network_cannot_produce_is_refused():
    net = NeuralNetwork([2, 3, 2], activation=Tanh, output_activation=Softmax, loss=CategoricalCrossEntropy, seed=0)
    with pytest.raises(ValueError, match="Y holds the label 7, but only the labels 0 and 1 can be predicted here"):
        net.score(X4, [0, 1, 7, 1])
    with pytest.raises(ValueError, match=r"Y holds the label 0\.5"):
        net.score(X4, [0, 1, 0.5, 1])


def test_a_numpy_integer_seed_is_kept_as_an_int():
    net = NeuralNetwork([2, 3, 1], seed=np.int64(5))
    assert net.seed == 5 and type(net.seed) is int
    assert np.array_equal(net.layers[0].W, NeuralNetwork([2, 3, 1], seed=5).layers[0].W)


@pytest.mark.parametrize(
    ("seed", "error", "message"),
    [(np.random.default_rng(0), TypeError, "seed must be an int >= 0 or None, got a numpy Generator"),
     (-1, ValueError, "seed must be >= 0, got -1"), (1.5, TypeError, "seed must be an integer, got 1.5"),
     (True, TypeError, "seed must be an integer, got True")],
)
def test_bad_seeds_are_refused_by_the_network_and_by_fit(seed, error, message):
    with pytest.raises(error, match=message):
        NeuralNetwork([2, 3, 1], seed=seed)
    with pytest.raises(error, match=message):
        NeuralNetwork([2, 3, 1], seed=0).fit(X4, [0, 1, 1, 0], epochs=1, seed=seed)


# ------------------------------------------------------------------ numbers that never lie
def test_predict_proba_of_k_sigmoids_that_all_underflow_is_their_true_ratio():
    net = NeuralNetwork([2, 3], activation=Sigmoid, loss=CrossEntropy, seed=0)
    out = net.layers[0]
    out.W[:], out.b[:] = 0.0, [-1000.0, -1001.0, -1002.0]  # σ(z) = 0.0 in float64 for all three
    assert not net.run([[0.0, 0.0]]).any()
    # σ(z) ≈ e^z down there, so the ratios are e^0 : e^-1 : e^-2
    expected = np.exp([0.0, -1.0, -2.0]) / np.exp([0.0, -1.0, -2.0]).sum()
    np.testing.assert_allclose(net.predict_proba([[0.0, 0.0]]), [expected], rtol=1e-12)


def test_predict_proba_of_k_sigmoids_is_each_row_divided_by_its_sum():
    net = NeuralNetwork([2, 4, 3], activation=Tanh, output_activation=Sigmoid, loss=CrossEntropy, seed=0)
    A = net.run(X4)
    np.testing.assert_allclose(net.predict_proba(X4), A / A.sum(axis=1, keepdims=True), rtol=1e-13)


def huge_input_net():
    net = NeuralNetwork([2, 1], activation=Sigmoid, loss=CrossEntropy, seed=0)
    net.layers[0].W[:], net.layers[0].b[:] = [[2.0], [-2.0]], 0.0
    return net


OVERFLOW_CALLS = {
    "run": lambda net, X: net.run(X),
    "predict": lambda net, X: net.predict(X),
    "predict_proba": lambda net, X: net.predict_proba(X),
    "cost": lambda net, X: net.cost(X, [1.0]),
    "trace": lambda net, X: net.trace(X),
    "backprop": lambda net, X: net.backprop(X, [1.0]),
    "score": lambda net, X: net.score(X, [1]),
    "fit": lambda net, X: net.fit(X, [1.0], epochs=1),
}


@pytest.mark.parametrize("call", sorted(OVERFLOW_CALLS))
def test_inputs_so_large_that_z_overflows_are_refused_not_answered_wrongly(call):
    # z = 2·1e308 - 2·1e308: σ(0) = 0.5 in exact arithmetic, but 2e308 overflows to inf in float64.
    with pytest.raises(ValueError, match=r"Z = A_prev @ W \+ b of layer 0 overflowed .*largest \|x\| = 1e\+308"):
        OVERFLOW_CALLS[call](huge_input_net(), [[1e308, 1e308]])


def test_large_inputs_that_do_not_overflow_get_the_right_answer():
    np.testing.assert_array_equal(huge_input_net().run([[1e300, 1e300]]), [[0.5]])  # σ(2e300 - 2e300)


@pytest.mark.parametrize(("sizes", "columns"), [([2, 3, 1], 2), ([2, 3, 3], 2), ([2, 3, 2], 3)])
def test_score_refuses_targets_with_another_number_of_columns_than_outputs(sizes, columns):
    net = NeuralNetwork(sizes, output_activation="softmax" if sizes[-1] > 1 else "sigmoid",
                        loss="categorical-cross-entropy" if sizes[-1] > 1 else "cross-entropy", seed=0)
    X = np.zeros((4, 2))
    with pytest.raises(ValueError, match=rf"Y has {columns} columns, but the network has {sizes[-1]} outputs"):
        net.score(X, np.eye(columns)[[0, 1, 0, 1]])
