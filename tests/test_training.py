"""NeuralNetwork.fit and the training loop: History, validation, early stopping, divergence, dtype, output."""

import importlib
import io
import itertools
import re
import sys

import numpy as np
import pytest

from glassnet import datasets
from glassnet.activations import Identity, ReLU, Sigmoid, Softmax, Tanh
from glassnet.losses import MSE, CategoricalCrossEntropy, CrossEntropy
from glassnet.network import NeuralNetwork
from glassnet.optimizers import SGD, Adam, Momentum, step_decay
from glassnet.training import EarlyStopping, History, TrainingDivergedError

SERIES = ("loss", "accuracy", "val_loss", "val_accuracy", "epoch_time", "learning_rate")


def moons(n=60, seed=0):
    return datasets.moons(n, noise=0.2, seed=seed)


def weights(net):
    return [(layer.W.copy(), layer.b.copy()) for layer in net.layers]


def assert_same_weights(a, b):
    for (Wa, ba), (Wb, bb) in zip(a, b, strict=True):
        np.testing.assert_array_equal(Wa, Wb)
        np.testing.assert_array_equal(ba, bb)


def recorder(log):
    """A callback that keeps a copy of the network's weights after every epoch."""

    def record(epoch, logs):
        log.append((epoch, dict(logs), weights(record.net)))

    return record


# ---------------------------------------------------------------- History
def test_fit_returns_a_history_kept_on_the_network_with_one_entry_per_epoch():
    X, y = moons()
    net = NeuralNetwork([2, 4, 1], loss=CrossEntropy, seed=0)
    history = net.fit(X, y, epochs=4, batch_size=16, learning_rate=0.5, validation_data=(X[:10], y[:10]))
    assert isinstance(history, History) and net.history_ is history
    assert {name: len(getattr(history, name)) for name in SERIES} == dict.fromkeys(SERIES, 4)
    assert history.epochs == 4 and history.best_epoch is None and history.stopped_early is False
    assert all(t > 0 for t in history.epoch_time)
    assert history.learning_rate == [0.5] * 4
    assert all(0 <= a <= 1 for a in history.accuracy + history.val_accuracy)


def test_regression_history_has_no_accuracy():
    X = np.linspace(-1, 1, 8).reshape(-1, 1)
    net = NeuralNetwork([1, 1], activation=Identity, loss=MSE, seed=0)
    history = net.fit(X, 2 * X, epochs=3, batch_size=8, validation_data=(X, 2 * X))
    assert len(history.loss) == len(history.val_loss) == 3
    assert history.accuracy == [] and history.val_accuracy == []


def test_with_one_batch_per_epoch_the_epoch_loss_is_the_cost_before_that_epochs_step():
    # batch_size >= n: one gradient step per epoch, so the loss measured on the batch as it goes by
    # is C at the weights the epoch started with.
    X, y = moons(20)
    net = NeuralNetwork([2, 3, 1], loss=CrossEntropy, seed=1)
    c0 = net.cost(X, y)
    after_epoch = []
    history = net.fit(X, y, epochs=3, batch_size=50, learning_rate=1.0,
                      callbacks=[lambda epoch, logs: after_epoch.append(net.cost(X, y))])
    assert history.loss[0] == pytest.approx(c0, rel=1e-12)
    assert history.loss[1:] == pytest.approx(after_epoch[:2], rel=1e-12)
    assert history.loss[2] < history.loss[0]  # and training does go downhill


def test_epoch_loss_is_the_batch_size_weighted_mean_of_the_batch_losses():
    # Five copies of one example, batches of 3 then 2: the order of the shuffle cannot matter.
    # Batch 1 is measured at w0, batch 2 at w1 = w0 - η ∂C/∂w(w0); the epoch's loss is
    # (3 C(w0) + 2 C(w1)) / 5, not the plain mean (C(w0) + C(w1)) / 2.
    X, Y = np.tile([[0.3, -0.8]], (5, 1)), np.tile([[1.0]], (5, 1))
    net = NeuralNetwork([2, 2, 1], loss=MSE, seed=2)
    twin = NeuralNetwork([2, 2, 1], loss=MSE, seed=2)  # the same weights, stepped by hand
    c0 = twin.cost(X[:3], Y[:3])
    for layer, (dC_dW, dC_db) in zip(twin.layers, twin.backprop(X[:3], Y[:3]), strict=True):
        layer.W -= 2.0 * dC_dW
        layer.b -= 2.0 * dC_db
    c1 = twin.cost(X[:2], Y[:2])
    assert c1 < c0  # the check below tells the two means apart
    history = net.fit(X, Y, epochs=1, batch_size=3, learning_rate=2.0)
    assert history.loss[0] == pytest.approx((3 * c0 + 2 * c1) / 5, rel=1e-12)


def test_epoch_accuracy_counts_the_batches_as_they_go_by():
    X, y = moons(20)
    net = NeuralNetwork([2, 3, 1], loss=CrossEntropy, seed=1)
    expected = np.mean(net.predict(X) == y)  # with one batch per epoch: the accuracy before the step
    history = net.fit(X, y, epochs=1, batch_size=20, learning_rate=1.0)
    assert history.accuracy[0] == expected


def test_validation_numbers_are_measured_after_the_epoch_on_the_whole_validation_set():
    X, y = moons(40)
    X_val, y_val = moons(15, seed=1)
    net = NeuralNetwork([2, 3, 1], loss=CrossEntropy, seed=0)
    seen = []
    history = net.fit(X, y, epochs=2, batch_size=8, learning_rate=0.5, validation_data=(X_val, y_val),
                      callbacks=[lambda e, logs: seen.append((net.cost(X_val, y_val), net.score(X_val, y_val)))])
    assert history.val_loss == pytest.approx([c for c, _ in seen], rel=1e-12)
    assert history.val_accuracy == [a for _, a in seen]


def test_a_schedule_sets_each_epochs_learning_rate():
    X, y = moons(20)
    net = NeuralNetwork([2, 3, 1], loss=CrossEntropy, seed=0)
    history = net.fit(X, y, epochs=5, batch_size=20, optimizer=SGD(1.0, schedule=step_decay(0.5, every=2)))
    assert history.learning_rate == [1.0, 1.0, 0.5, 0.5, 0.25]


# ---------------------------------------------------------------- reproducibility and labels
def test_the_same_seed_gives_the_same_history_and_weights_and_another_seed_does_not():
    X, y = moons()

    def train(seed):
        net = NeuralNetwork([2, 5, 1], loss=CrossEntropy, seed=0)
        history = net.fit(X, y, epochs=3, batch_size=7, learning_rate=0.5, validation_split=0.2, seed=seed)
        return history, weights(net)

    (h1, w1), (h2, w2), (h3, w3) = train(1), train(1), train(2)
    for name in ("loss", "accuracy", "val_loss", "val_accuracy", "learning_rate"):
        assert getattr(h1, name) == getattr(h2, name)
    assert_same_weights(w1, w2)
    assert h1.loss != h3.loss
    assert not np.array_equal(w1[0][0], w3[0][0])


def test_without_a_seed_fit_shuffles_with_the_networks_seed():
    X, y = moons()
    a, b = (NeuralNetwork([2, 5, 1], loss=CrossEntropy, seed=4) for _ in range(2))
    ha = a.fit(X, y, epochs=2, batch_size=7)
    hb = b.fit(X, y, epochs=2, batch_size=7)
    assert ha.loss == hb.loss
    assert_same_weights(weights(a), weights(b))


def test_integer_labels_and_one_hot_targets_train_identically():
    X, y = datasets.gaussians(45, n_classes=3, seed=0)
    Y = np.eye(3)[y]  # one-hot by hand
    a = NeuralNetwork([2, 4, 3], output_activation=Softmax, loss=CategoricalCrossEntropy, seed=0)
    b = NeuralNetwork([2, 4, 3], output_activation=Softmax, loss=CategoricalCrossEntropy, seed=0)
    ha = a.fit(X, y, epochs=3, batch_size=10, learning_rate=0.3, validation_data=(X, y))
    hb = b.fit(X, Y, epochs=3, batch_size=10, learning_rate=0.3, validation_data=(X, Y))
    assert ha.loss == hb.loss and ha.val_accuracy == hb.val_accuracy
    assert_same_weights(weights(a), weights(b))


def test_regression_learns_a_line():
    # y = 2x + 1 with one identity neuron and MSE: gradient descent finds w = 2, b = 1.
    X = np.linspace(-1, 1, 40).reshape(-1, 1)
    y = 2 * X[:, 0] + 1  # 1-d targets for a one-output network
    net = NeuralNetwork([1, 1], activation=Identity, loss=MSE, seed=0)
    net.fit(X, y, epochs=300, batch_size=40, learning_rate=0.5)
    assert net.layers[0].W[0, 0] == pytest.approx(2.0, abs=1e-4)
    assert net.layers[0].b[0] == pytest.approx(1.0, abs=1e-4)
    assert net.score(X, y) > 0.9999
    np.testing.assert_allclose(net.predict([[0.25]]), [[1.5]], atol=1e-3)  # 2·0.25 + 1


def test_a_hidden_layer_regression_fits_a_curve():
    X = np.linspace(-2, 2, 80).reshape(-1, 1)
    y = np.sin(X)
    net = NeuralNetwork([1, 16, 1], activation=Tanh, output_activation=Identity, loss=MSE, seed=0)
    net.fit(X, y, epochs=400, batch_size=16, optimizer=Adam(0.01))
    assert net.score(X, y) > 0.98


# ---------------------------------------------------------------- validation data
def test_validation_split_holds_out_the_right_count(monkeypatch):
    from glassnet import training

    seen = {}
    real_split = training.split_validation

    def spy(*args):
        X, Y, validation = real_split(*args)
        seen.update(X=X, validation=validation)
        return X, Y, validation

    monkeypatch.setattr(training, "split_validation", spy)
    X = np.arange(40, dtype=float).reshape(20, 2)  # every row different
    y = np.arange(20) % 2
    net = NeuralNetwork([2, 3, 1], loss=CrossEntropy, seed=0)
    history = net.fit(X, y, epochs=1, validation_split=0.25, seed=0)
    X_val, Y_val = seen["validation"]
    assert len(seen["X"]) == 15 and len(X_val) == 5 == len(Y_val)  # 0.25 · 20 = 5
    rows = {tuple(r) for r in np.vstack([seen["X"], X_val])}
    assert rows == {tuple(r) for r in X}  # every sample in exactly one of the two sets
    assert len(history.val_loss) == 1


@pytest.mark.parametrize(
    ("split", "message"),
    [
        (0.01, r"validation_split=0.01 of 20 samples leaves 0 for validation and 20 for training"),
        (0.99, r"validation_split=0.99 of 20 samples leaves 20 for validation and 0 for training"),
    ],
)
def test_validation_split_that_leaves_a_set_empty_is_rejected(split, message):
    X, y = moons(20)
    with pytest.raises(ValueError, match=message):
        NeuralNetwork([2, 3, 1], seed=0).fit(X, y, epochs=1, validation_split=split)


def test_validation_data_and_split_together_are_rejected():
    X, y = moons(20)
    with pytest.raises(TypeError, match="Give validation_data or validation_split, not both"):
        NeuralNetwork([2, 3, 1], seed=0).fit(X, y, validation_data=(X, y), validation_split=0.2)


def test_validation_data_must_be_a_pair():
    X, y = moons(20)
    with pytest.raises(TypeError, match=r"validation_data must be a pair \(X_val, Y_val\)"):
        NeuralNetwork([2, 3, 1], seed=0).fit(X, y, validation_data=X)


def test_validation_data_is_checked_like_the_training_data():
    X, y = moons(20)
    with pytest.raises(ValueError, match="Got X with 3 features, but 2 features were expected"):
        NeuralNetwork([2, 3, 1], seed=0).fit(X, y, validation_data=(np.ones((4, 3)), y[:4]))


# ---------------------------------------------------------------- early stopping
def test_early_stopping_stops_when_the_validation_loss_rises_and_restores_the_best_weights():
    # Validate on the training points with every label flipped: the better the network fits the
    # training set, the worse its validation loss, so the best epoch comes early.
    X, y = moons(40)
    net = NeuralNetwork([2, 6, 1], loss=CrossEntropy, seed=0)
    log = []
    record = recorder(log)
    record.net = net
    history = net.fit(X, y, epochs=200, batch_size=40, learning_rate=1.0, validation_data=(X, 1 - y),
                      early_stopping=3, callbacks=[record])
    assert history.stopped_early is True
    assert history.best_epoch == int(np.argmin(history.val_loss))
    assert len(history.loss) == history.best_epoch + 3 + 1 < 200  # 3 epochs without improvement
    assert history.val_loss[-1] > history.val_loss[history.best_epoch]
    assert_same_weights(weights(net), log[history.best_epoch][2])


def test_early_stopping_without_restore_best_keeps_the_last_weights():
    X, y = moons(40)
    net = NeuralNetwork([2, 6, 1], loss=CrossEntropy, seed=0)
    log = []
    record = recorder(log)
    record.net = net
    history = net.fit(X, y, epochs=200, batch_size=40, learning_rate=1.0, validation_data=(X, 1 - y),
                      early_stopping=EarlyStopping(patience=3, restore_best=False), callbacks=[record])
    assert history.stopped_early and len(log) == len(history.loss)
    assert_same_weights(weights(net), log[-1][2])
    assert not np.array_equal(net.layers[0].W, log[history.best_epoch][2][0][0])


def test_early_stopping_watches_the_training_loss_without_validation_data():
    # min_delta so large that no epoch after the first counts as an improvement:
    # the best epoch is 0 and training stops after `patience` more.
    X, y = moons(30)
    net = NeuralNetwork([2, 3, 1], loss=CrossEntropy, seed=0)
    history = net.fit(X, y, epochs=50, batch_size=10, learning_rate=0.5,
                      early_stopping=EarlyStopping(patience=4, min_delta=1e6))
    assert history.val_loss == []
    assert history.best_epoch == 0 and history.stopped_early
    assert len(history.loss) == 5


def test_training_that_keeps_improving_is_not_stopped_early():
    X, y = moons(30)
    net = NeuralNetwork([2, 3, 1], loss=CrossEntropy, seed=0)
    history = net.fit(X, y, epochs=6, batch_size=30, learning_rate=0.1, early_stopping=2)
    assert all(b < a for a, b in zip(history.loss, history.loss[1:], strict=False))  # small steps: downhill
    assert not history.stopped_early and len(history.loss) == 6 and history.best_epoch == 5


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"patience": 0}, ValueError, r"patience must be >= 1, got 0"),
        ({"patience": 2.5}, TypeError, r"patience must be an integer, got 2.5"),
        ({"min_delta": -0.1}, ValueError, r"min_delta must be >= 0, got -0.1"),
    ],
)
def test_bad_early_stopping_settings_are_rejected_by_message(kwargs, error, message):
    with pytest.raises(error, match=message):
        EarlyStopping(**kwargs)


# ---------------------------------------------------------------- callbacks
def test_callbacks_receive_the_epoch_and_its_numbers():
    X, y = moons(30)
    calls = []
    net = NeuralNetwork([2, 3, 1], loss=CrossEntropy, seed=0)
    history = net.fit(X, y, epochs=3, batch_size=10, validation_data=(X, y),
                      callbacks=[lambda epoch, logs: calls.append((epoch, dict(logs)))])
    assert [epoch for epoch, _ in calls] == [0, 1, 2]
    for epoch, logs in calls:
        assert set(logs) == set(SERIES)
        assert {name: logs[name] for name in SERIES} == {name: getattr(history, name)[epoch] for name in SERIES}


def test_a_callback_that_returns_true_stops_training():
    X, y = moons(30)
    net = NeuralNetwork([2, 3, 1], loss=CrossEntropy, seed=0)
    history = net.fit(X, y, epochs=10, callbacks=[lambda epoch, logs: epoch == 2])
    assert len(history.loss) == 3
    assert history.stopped_early is False  # stopped by the callback, not by early stopping


def test_every_callback_sees_every_epoch_even_when_an_earlier_one_stops_training():
    X, y = moons(30)
    seen = []
    net = NeuralNetwork([2, 3, 1], loss=CrossEntropy, seed=0)
    net.fit(X, y, epochs=10, callbacks=[lambda epoch, logs: epoch == 1, lambda epoch, logs: seen.append(epoch)])
    assert seen == [0, 1]


# ---------------------------------------------------------------- divergence
def diverging_run(epochs=50, learning_rate=1e6):
    """A one-neuron linear regression with a learning rate far too large: |w| grows each step."""
    X, Y = np.array([[1.0], [2.0]]), np.array([[1.0], [3.0]])
    net = NeuralNetwork([1, 1], activation=Identity, loss=MSE, seed=0)
    log = []
    record = recorder(log)
    record.net = net
    with pytest.raises(TrainingDivergedError) as caught:
        net.fit(X, Y, epochs=epochs, batch_size=2, learning_rate=learning_rate, callbacks=[record])
    return net, log, caught.value


def test_divergence_stops_training_with_a_message_that_names_the_epoch_and_a_remedy():
    _, log, error = diverging_run()
    assert isinstance(error, FloatingPointError)
    message = str(error)
    epoch = int(re.search(r"Training diverged in epoch (\d+)", message).group(1))  # counted from 1
    assert epoch == len(log) + 1 > 1  # the epoch after the last one that finished
    assert re.search(r"the loss grew from [\d.]+ before training to [\d.e+]+, more than 1e\+06 times", message)
    assert "smaller learning rate than 1e+06" in message


def test_after_divergence_the_weights_are_finite_and_those_at_the_start_of_the_failing_epoch():
    net, log, _ = diverging_run()
    assert log  # at least one epoch finished before the failing one
    assert all(np.isfinite(W).all() and np.isfinite(b).all() for W, b in weights(net))
    assert_same_weights(weights(net), log[-1][2])  # where the last finished epoch left them


def test_a_loss_that_explodes_while_finite_is_reported_as_divergence():
    """tanh regression at learning rate 1e3: the loss goes 0.39, 2e4, 1e12, ... 1e35, finite all along."""
    X = np.linspace(-1, 1, 40).reshape(-1, 1)
    net = NeuralNetwork([1, 8, 1], activation=Tanh, output_activation=Identity, loss=MSE, seed=0)
    start = net.cost(X, np.sin(3 * X))
    log = []
    record = recorder(log)
    record.net = net
    with pytest.raises(TrainingDivergedError, match=r"Training diverged in epoch (\d+): the loss grew from") as caught:
        net.fit(X, np.sin(3 * X), epochs=6, batch_size=40, learning_rate=1e3, callbacks=[record])
    epoch = int(re.search(r"epoch (\d+)", str(caught.value)).group(1))
    assert epoch == len(log) + 1 and f"grew from {start:.3g} before training" in str(caught.value)
    assert all(loss <= 1e6 * start for loss in net.history_.loss)  # the epochs kept are below the limit
    assert_same_weights(weights(net), log[-1][2])  # the weights at the start of the failing epoch
    assert np.isfinite(net.cost(X, np.sin(3 * X)))


def test_a_loss_that_rises_a_little_is_not_divergence():
    X, y = moons()
    net = NeuralNetwork([2, 8, 1], activation=Tanh, output_activation=Sigmoid, loss=CrossEntropy, seed=0)
    history = net.fit(X, y, epochs=20, batch_size=4, learning_rate=3.0)  # too large: it jumps about
    assert len(history.loss) == 20
    assert any(b > a for a, b in itertools.pairwise(history.loss))  # it did rise


def test_a_step_that_overflows_the_weights_is_caught_as_divergence():
    # η = 1e308: the loss at the starting weights is finite, but the first step sends w to ±inf.
    # The network must not be left with infinite weights, and training must not report success.
    X, Y = np.array([[1.0], [2.0]]), np.array([[1.0], [3.0]])
    net = NeuralNetwork([1, 1], activation=Identity, loss=MSE, seed=0)
    with pytest.raises(TrainingDivergedError, match="epoch 1"):
        net.fit(X, Y, epochs=1, batch_size=2, learning_rate=1e308)
    assert all(np.isfinite(W).all() and np.isfinite(b).all() for W, b in weights(net))


def test_divergence_with_validation_data_raises_the_divergence_error_not_a_numpy_warning():
    # pytest turns RuntimeWarning into an error, so a numpy overflow warning would surface here instead.
    X, Y = np.array([[1.0], [2.0]]), np.array([[1.0], [3.0]])
    net = NeuralNetwork([1, 1], activation=Identity, loss=MSE, seed=0)
    with pytest.raises(TrainingDivergedError, match="smaller learning rate"):
        net.fit(X, Y, epochs=50, batch_size=2, learning_rate=1e6, validation_data=(X, Y))


# ---------------------------------------------------------------- float32 end to end
@pytest.mark.parametrize(
    ("hidden", "output", "loss"),
    [(Sigmoid, Sigmoid, CrossEntropy), (ReLU, Softmax, CategoricalCrossEntropy), (Tanh, Identity, MSE)],
    ids=["sigmoid-ce", "relu-softmax", "tanh-mse"],
)
@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_a_float32_network_trains_in_float32_end_to_end(hidden, output, loss, optimizer):
    X, y = datasets.gaussians(40, n_classes=3, seed=0)  # float64 data
    Y = np.eye(3)[y]
    net = NeuralNetwork([2, 5, 3], activation=hidden, output_activation=output, loss=loss, seed=0,
                        dtype=np.float32)
    opt = {"sgd": SGD(0.1), "momentum": Momentum(0.1), "adam": Adam(0.01)}[optimizer]
    history = net.fit(X, Y, epochs=2, batch_size=8, optimizer=opt, validation_data=(X, Y))
    for layer in net.layers:
        assert layer.W.dtype == layer.b.dtype == np.float32
    assert all(value.dtype == np.float32 for t in net.trace(X, Y) for value in t)  # float64 X, Y cast
    assert all(s.dtype == np.float32 for slots in opt.state.values() for s in slots.values())
    assert net.run(X).dtype == np.float32
    assert all(np.isfinite(history.loss))


def test_float32_and_float64_networks_learn_the_same_thing():
    X, y = moons(40)
    nets = [NeuralNetwork([2, 4, 1], loss=CrossEntropy, seed=0, dtype=d) for d in (np.float64, np.float32)]
    histories = [net.fit(X, y, epochs=5, batch_size=10, learning_rate=0.5, seed=0) for net in nets]
    np.testing.assert_allclose(histories[1].loss, histories[0].loss, rtol=1e-4)


# ---------------------------------------------------------------- printing
def test_verbose_0_prints_nothing(capsys):
    X, y = moons(20)
    NeuralNetwork([2, 3, 1], seed=0).fit(X, y, epochs=3, verbose=0)
    assert capsys.readouterr() == ("", "")


def test_verbose_2_prints_one_line_per_epoch(capsys):
    X, y = moons(20)
    history = NeuralNetwork([2, 3, 1], loss=CrossEntropy, seed=0).fit(
        X, y, epochs=3, verbose=2, validation_data=(X, y))
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    for e, line in enumerate(lines):
        assert line.startswith(f"epoch {e + 1}/3  loss {history.loss[e]:.4f}  acc ")
        assert f"val_loss {history.val_loss[e]:.4f}" in line


def test_verbose_1_off_a_terminal_prints_one_line_per_epoch(capsys):
    # pytest's captured stderr is not a terminal, so there is no progress bar.
    X, y = moons(20)
    NeuralNetwork([2, 3, 1], seed=0).fit(X, y, epochs=2, verbose=1)
    captured = capsys.readouterr()
    assert [line.split("  ")[0] for line in captured.out.splitlines()] == ["epoch 1/2", "epoch 2/2"]
    assert captured.err == ""


def test_verbose_1_on_a_terminal_draws_a_progress_bar_instead(monkeypatch, capsys):
    importlib.import_module("tqdm")  # the dev extra installs it: missing, this test fails rather than skips

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    X, y = moons(20)
    NeuralNetwork([2, 3, 1], seed=0).fit(X, y, epochs=3, verbose=1)
    assert capsys.readouterr().out == ""  # no per-epoch lines
    assert "3/3" in terminal.getvalue() and "epoch" in terminal.getvalue()


# ---------------------------------------------------------------- argument errors
@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"epochs": 0}, ValueError, r"epochs must be >= 1, got 0"),
        ({"batch_size": 0}, ValueError, r"batch_size must be >= 1, got 0"),
        ({"epochs": 2.5}, TypeError, r"epochs must be an integer, got 2.5"),
        ({"verbose": 3}, ValueError, r"verbose must be <= 2, got 3"),
        ({"learning_rate": 0.0}, ValueError, r"learning_rate must be > 0, got 0.0"),
        ({"optimizer": "lbfgs"}, ValueError, r"Unknown optimizer 'lbfgs'; choose one of: adam, momentum, sgd"),
        ({"optimizer": Adam(), "learning_rate": 0.1}, TypeError, r"Give the learning rate to the optimizer"),
        ({"early_stopping": "x"}, TypeError, r"early_stopping must be a patience \(int\) or an EarlyStopping, got 'x'"),
        ({"early_stopping": 0}, ValueError, r"patience must be >= 1, got 0"),
        ({"callbacks": [print, 3]}, TypeError, r"callbacks must be callables f\(epoch, logs\)"),
        ({"validation_split": 1.0}, ValueError, r"validation_split must be < 1, got 1.0"),
    ],
)
def test_bad_fit_arguments_are_rejected_by_message(kwargs, error, message):
    X, y = moons(20)
    net = NeuralNetwork([2, 3, 1], seed=0)
    before = weights(net)
    with pytest.raises(error, match=message):
        net.fit(X, y, **kwargs)
    assert_same_weights(weights(net), before)  # nothing trained


@pytest.mark.parametrize(
    ("Y", "error", "message"),
    [
        (np.zeros((20, 3)), ValueError, r"Y has 3 columns, but the network has 2 outputs"),
        (np.zeros(19, dtype=int), ValueError, r"X and Y must have the same number of samples, got 20 in X and 19"),
        (np.array([0, 1, 2] + [0] * 17), ValueError, r"y contains the label 2, but n_classes=2 allows only"),
        (np.zeros((20, 2, 1)), ValueError, r"Y must be 1-d or 2-d, got a 3-d array"),
    ],
)
def test_targets_of_the_wrong_shape_are_rejected_by_message(Y, error, message):
    X, _ = moons(20)
    net = NeuralNetwork([2, 3, 2], output_activation=Softmax, loss=CategoricalCrossEntropy, seed=0)
    with pytest.raises(error, match=message):
        net.fit(X, Y, epochs=1)


def test_inputs_with_the_wrong_number_of_features_are_rejected_by_message():
    with pytest.raises(ValueError, match="Got X with 3 features, but 2 features were expected"):
        NeuralNetwork([2, 3, 1], seed=0).fit(np.ones((5, 3)), np.ones(5), epochs=1)


# ---------------------------------------------------------------- what training achieves
def test_the_digits_network_reaches_95_percent_test_accuracy():
    X_train, y_train, X_test, y_test = datasets.load("digits", seed=0)
    net = NeuralNetwork([64, 30, 10], activation=Sigmoid, loss=CrossEntropy, seed=0)
    history = net.fit(X_train, y_train, epochs=30, batch_size=10, learning_rate=0.5,
                      validation_data=(X_test, y_test))
    assert net.score(X_test, y_test) >= 0.95
    assert history.val_accuracy[-1] == net.score(X_test, y_test)
    assert history.loss[-1] < history.loss[0] / 5


def test_a_2_3_1_network_learns_xor_with_fit():
    X, y = datasets.xor()
    net = NeuralNetwork([2, 3, 1], activation=Sigmoid, loss=CrossEntropy, seed=0)
    history = net.fit(X, y, epochs=2000, batch_size=4, learning_rate=2.0)
    assert net.predict(X).tolist() == [0, 1, 1, 0]
    assert history.loss[-1] < 0.05 < history.loss[0]


def test_softmax_classifier_predict_proba_and_score_agree():
    X, y = datasets.gaussians(90, n_classes=3, seed=0)
    net = NeuralNetwork([2, 6, 3], activation=Tanh, output_activation=Softmax, loss=CategoricalCrossEntropy,
                        seed=0)
    net.fit(X, y, epochs=20, batch_size=10, learning_rate=0.3)
    proba = net.predict_proba(X)
    assert proba.shape == (90, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-12)
    predictions = net.predict(X)
    np.testing.assert_array_equal(predictions, proba.argmax(axis=1))
    assert net.score(X, y) == np.mean(predictions == y) == net.score(X, np.eye(3)[y])
    assert net.score(X, y) > 0.9


def test_one_sigmoid_output_gives_two_probability_columns():
    X, y = moons(30)
    net = NeuralNetwork([2, 4, 1], loss=CrossEntropy, seed=0)
    net.fit(X, y, epochs=5, batch_size=10, learning_rate=0.5)
    a = net.run(X)[:, 0]
    proba = net.predict_proba(X)
    np.testing.assert_array_equal(proba[:, 1], a)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_array_equal(net.predict(X), (a > 0.5).astype(int))


def test_regression_score_is_r_squared_over_every_output():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(12, 3))
    net = NeuralNetwork([3, 2], activation=Identity, loss=MSE, seed=0)
    Y = rng.normal(size=(12, 2))
    P = X @ net.layers[0].W + net.layers[0].b  # the network's outputs, computed here
    r2 = 1 - np.sum((Y - P) ** 2) / np.sum((Y - Y.mean(axis=0)) ** 2)
    assert net.score(X, Y) == pytest.approx(r2, rel=1e-12)


def test_regression_score_reads_1d_labels_as_fit_does():
    # fit one-hot encodes 1-d labels for a network with several outputs; score must read them the same way.
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(10, 3)), np.array([0, 1] * 5)
    net = NeuralNetwork([3, 2], activation=Identity, loss=MSE, seed=0)
    assert net.score(X, y) == net.score(X, np.eye(2)[y])


def test_regression_score_with_the_wrong_number_of_columns_says_so():
    net = NeuralNetwork([3, 2], activation=Identity, loss=MSE, seed=0)
    with pytest.raises(ValueError, match="Y has 3 columns, but the network has 2 outputs"):
        net.score(np.ones((4, 3)), np.ones((4, 3)))


def test_predict_proba_is_refused_for_a_regression_network():
    net = NeuralNetwork([1, 1], activation=Identity, loss=MSE, seed=0)
    with pytest.raises(TypeError, match=r"predict_proba needs a sigmoid or softmax output layer, .* identity"):
        net.predict_proba([[1.0]])


def test_the_training_loop_is_one_function_with_the_lessons_numbered_steps():
    import inspect

    from glassnet import training

    source = inspect.getsource(training.fit)
    steps = ["# 1) shuffle", "# 2) cut into mini-batches", "# 3) backprop", "# 4) step", "# 5) the epoch's measures",
             "# 6) divergence", "# 7) the History", "# 8) early stopping"]
    positions = [source.find(step) for step in steps]
    assert -1 not in positions and positions == sorted(positions)  # every step, in the lesson's order
    assert "for epoch in range(epochs):" in source and "net.backpropagate(" in source and "optimizer.step(" in source
