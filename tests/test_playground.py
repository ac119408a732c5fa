"""The playground without a browser: its data, settings, engine (session), protocol, server and command."""

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from conftest import need
from glassnet.network import NeuralNetwork
from glassnet.playground import codegen, data
from glassnet.playground.engine import Session, decode_frame
from glassnet.playground.protocol import Connection, Limits, Sessions
from glassnet.playground.settings import Settings, build_network, build_optimizer
from glassnet.playground.worker import FitWorker, Pacer

STATIC = Path(__file__).resolve().parents[1] / "src" / "glassnet" / "playground" / "static"


def settings(**changes):
    return Settings.from_dict(changes)


# ---------------------------------------------------------------- data
@pytest.mark.parametrize("name", ["xor", "circle", "gaussian", "spiral", "moons", "plane", "bumps"])
def test_every_generated_set_has_its_points_on_the_plane_and_repeats_with_its_seed(name):
    a = data.make_data(name, points=300, classes=3, noise=0.1, seed=4)
    b = data.make_data(name, points=300, classes=3, noise=0.1, seed=4)
    assert a.X.shape == (300, 2) and np.array_equal(a.X, b.X) and np.array_equal(a.y, b.y)
    assert np.abs(a.X).max() < 9  # about [-6, 6]², noise may push a point a little out
    assert set(np.unique(a.y)) == set(range(a.n_classes))
    assert a.values.min() >= -1 and a.values.max() <= 1.5


def test_xor_labels_are_the_sign_of_x1_times_x2_without_noise():
    d = data.make_data("xor", points=400, noise=0.0, seed=1)
    np.testing.assert_array_equal(d.y, (d.X[:, 0] * d.X[:, 1] > 0).astype(int))


def test_gaussian_and_spiral_take_the_number_of_classes_the_others_have_two():
    assert data.make_data("spiral", points=90, classes=3).n_classes == 3
    assert data.make_data("gaussian", points=90, classes=5).n_classes == 5
    assert data.make_data("circle", points=90, classes=5).n_classes == 2


def test_the_seven_points_are_the_tracks_seven_points_moved_onto_the_plane():
    from glassnet import datasets

    X, y = datasets.seven_points()
    d = data.make_data("seven")
    np.testing.assert_allclose(d.X, 10 * (X - 0.5))
    np.testing.assert_array_equal(d.y, y)


def test_class_targets_for_regression_spread_over_minus_one_to_one():
    d = data.make_data("spiral", points=90, classes=3, seed=0)
    np.testing.assert_allclose(d.values, np.array([-1.0, 0.0, 1.0])[d.y])


def test_split_gives_the_training_fraction_and_every_point_once():
    d = data.make_data("circle", points=200, seed=0)
    train, test = data.split(d, 0.7, seed=3)
    assert len(train) == 140 and len(test) == 60
    assert sorted(np.concatenate([train, test]).tolist()) == list(range(200))


def test_features_are_their_formulas():
    X = np.array([[2.0, -3.0], [0.5, 1.0]])
    F = data.feature_matrix(X, ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"])
    expected = np.array([[2, -3, 4, 9, -6, np.sin(2), np.sin(-3)], [0.5, 1, 0.25, 1, 0.5, np.sin(0.5), np.sin(1)]])
    np.testing.assert_allclose(F, expected)


def test_the_grid_runs_from_the_top_left_corner_row_by_row():
    g = data.grid((-6, 6, -2, 2), 3)
    np.testing.assert_allclose(g[:3], [[-6, 2], [0, 2], [6, 2]])
    np.testing.assert_allclose(g[-1], [6, -2])


def test_an_uploaded_csv_keeps_its_labels_and_frames_its_points():
    d = data.read_upload(b"x1,x2,kind\n0,0,cat\n10,0,dog\n0,5,cat\n", "pets.csv")
    assert d.name == "pets.csv" and d.classes == ("cat", "dog")
    np.testing.assert_array_equal(d.y, [0, 1, 0])
    np.testing.assert_allclose(d.extent, (-1, 11, -0.5, 5.5))  # the box, padded by a tenth
    np.testing.assert_allclose(d.values, [-1, 1, -1])


def test_numeric_labels_of_an_upload_are_its_regression_targets():
    d = data.read_upload(b"0,0,2\n1,0,5\n0,1,2\n")
    np.testing.assert_allclose(d.values, [2, 5, 2])


@pytest.mark.parametrize(("content", "message"), [
    (b"1,2,3,a\n4,5,6,b\n", r"two feature columns and the label last; got 3 feature columns"),
    (b"1,2,a\n4,oops,b\n", r"^mine\.csv.*row 2"),
    (b"1,2,0\n" * 1000 + b"1,3,1\n" * 1001, r"The CSV has 2,001 rows; the playground takes at most 2,000"),
    (b"".join(b"%d,1,%d\n" % (k, k) for k in range(9)), r"The CSV must have 2 to 8 classes, got 9"),
])
def test_a_bad_upload_is_refused_with_a_message_naming_the_users_file(content, message):
    with pytest.raises(ValueError, match=message):
        data.read_upload(content, "mine.csv")


def test_an_upload_cannot_escape_its_folder_by_its_name():
    assert data.read_upload(b"0,0,a\n1,1,b\n", "../../etc/passwd").name == "passwd"
    assert data.read_upload(b"0,0,a\n1,1,b\n", "..").name == "upload.csv"


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read():
    with pytest.raises(ValueError, match=r"at most 200,000"):
        data.read_upload(b"1,2,0\n" * 40_000)


# ---------------------------------------------------------------- settings
def test_settings_default_to_tensorflow_playgrounds_setup():
    s = Settings.from_dict({})
    assert (s.dataset, s.layers, s.activation, s.learning_rate, s.features) == (
        "circle", (4, 2), "tanh", 0.03, ("x1", "x2"))


@pytest.mark.parametrize(("changes", "error", "message"), [
    ({"learning_rate": 50}, ValueError, r"learning_rate must be <= 10, got 50"),
    ({"learning_rate": "fast"}, TypeError, r"learning_rate must be a number, got 'fast'"),
    ({"activation": "relu6"}, ValueError, r"activation must be one of tanh, sigmoid, relu, identity; got 'relu6'"),
    ({"layers": [4] * 7}, ValueError, r"at most 6 hidden layer sizes"),
    ({"layers": [4, 9]}, ValueError, r"layers\[1\] must be <= 8, got 9"),
    ({"features": []}, ValueError, r"features must be a non-empty list"),
    ({"features": ["x1", "x3"]}, ValueError, r"features must be distinct names from x1, x2"),
    ({"batch_size": 0}, ValueError, r"batch_size must be >= 1, got 0"),
    ({"points": 10**6}, ValueError, r"points must be <= 1000"),
    ({"noise": 0.9}, ValueError, r"noise must be <= 0.5"),
    ({"epochs": 3}, ValueError, r"Unknown setting 'epochs'"),
    ({"zero_init": "yes"}, TypeError, r"zero_init must be true or false"),
])
def test_bad_settings_are_refused_with_what_was_expected(changes, error, message):
    with pytest.raises(error, match=message):
        Settings.from_dict(changes)


@pytest.mark.parametrize(("problem", "classes", "n_out", "output", "loss"), [
    ("classification", 2, 1, "sigmoid", "cross-entropy"),
    ("classification", 4, 4, "softmax", "categorical-cross-entropy"),
    ("regression", 2, 1, "identity", "mse"),
])
def test_the_network_has_the_features_the_hidden_layers_and_the_output_of_the_problem(
        problem, classes, n_out, output, loss):
    net = build_network(settings(problem=problem, layers=[5, 3], features=["x1", "x2", "x1x2"]), classes)
    assert net.sizes == [3, 5, 3, n_out]
    assert [layer.activation.name for layer in net.layers] == ["tanh", "tanh", output]
    assert net.loss.name == loss


def test_zero_init_starts_every_weight_and_bias_at_zero():
    net = build_network(settings(zero_init=True), 2)
    assert all(not layer.W.any() and not layer.b.any() for layer in net.layers)


@pytest.mark.parametrize(("regularization", "attribute"), [("l1", "l1_decay"), ("l2", "weight_decay")])
def test_regularization_reaches_the_optimizer(regularization, attribute):
    opt = build_optimizer(settings(optimizer="adam", regularization=regularization, regularization_rate=0.03))
    assert type(opt).__name__ == "Adam" and getattr(opt, attribute) == 0.03


def test_the_schedule_lowers_the_learning_rate_as_epochs_pass():
    opt = build_optimizer(settings(schedule="step", learning_rate=0.1))
    opt.start_epoch(450)  # halved every 200 epochs: twice by epoch 450
    assert opt.learning_rate == pytest.approx(0.025)


# ---------------------------------------------------------------- the session
@pytest.fixture(scope="module")
def trained():
    session = Session(settings(dataset="spiral", layers=[6, 4], optimizer="momentum", learning_rate=0.03,
                               regularization="l2", regularization_rate=0.001, schedule="exponential"))
    session.train(12)
    yield session
    session.close()


def test_training_counts_epochs_and_lowers_the_loss():
    session = Session(settings(dataset="xor", layers=[8], learning_rate=0.1))
    before = session.curve.train[-1]
    session.train(40)
    session.frame()
    assert session.epoch == 40 and session.curve.epochs[-1] == 40
    assert session.curve.train[-1] < 0.5 * before


def test_show_code_rebuilds_the_same_network_to_the_last_bit(trained, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace = {}
    exec(trained.code(), namespace)  # the code the page shows, as a user would run it
    for mine, theirs in zip(trained.net.layers, namespace["net"].layers, strict=True):
        np.testing.assert_array_equal(mine.W, theirs.W)
        np.testing.assert_array_equal(mine.b, theirs.b)
    assert (tmp_path / "playground-model.npz").exists()


def test_show_code_says_when_weights_were_edited_by_hand():
    session = Session()
    session.set_weight(1, 1, 1, 0.5)
    assert "changed weights by hand" in session.code()
    assert session.net.layers[0].W[0, 0] == 0.5


def test_a_weight_out_of_range_is_refused():
    with pytest.raises(ValueError, match=r"Layer 1 has weights from 1..2 \(0: the bias\) to 1..4; got 3 -> 1"):
        Session().set_weight(1, 3, 1, 0.5)


def test_the_downloaded_model_loads_and_predicts_as_the_session_does(trained, tmp_path):
    path = tmp_path / "model.npz"
    path.write_bytes(trained.model_file())
    loaded = NeuralNetwork.load(path)
    np.testing.assert_allclose(loaded.run(trained.F_test), trained.net.run(trained.F_test), rtol=1e-12)
    # what it was trained on travels with it: the data, the features fed in, the classes
    assert loaded.trained_on_["data"] == "spiral" and loaded.trained_on_["features"] == ["x1", "x2"]
    assert loaded.trained_on_["classes"] == ["0", "1"] and loaded.trained_on_["epochs"] == 12


def test_the_frame_carries_the_networks_numbers_and_maps(trained):
    header, output, maps = decode_frame(trained.frame())
    assert header["epoch"] == 12
    np.testing.assert_allclose(header["weights"][1], trained.net.layers[1].W, rtol=1e-4)
    # the output: P(class 0) and P(class 1) for every cell, summing to 255 (up to rounding)
    assert output.shape == (2, 64 * 64)
    assert np.abs(output.astype(int).sum(axis=0) - 255).max() <= 1
    # a hidden neuron's map: tanh(features @ W + b) on the grid, every second cell, × 127
    assert maps.shape == (7 + 6 + 4, 32 * 32)
    g = data.grid(trained.data.extent, 64).reshape(64, 64, 2)[::2, ::2].reshape(-1, 2)
    W, b = trained.net.layers[0].W, trained.net.layers[0].b
    expected = np.tanh(data.feature_matrix(g, ["x1", "x2"]) @ W[:, 2] + b[2]) * 127
    assert np.abs(maps[7 + 2] - expected).max() <= 0.51
    # a feature's map: x1 scaled by its largest |value|
    np.testing.assert_allclose(maps[0] / 127, g[:, 0] / np.abs(g[:, 0]).max(), atol=0.5 / 127)


def test_the_loss_in_the_frame_is_the_networks_loss_on_each_set(trained):
    header, _, _ = decode_frame(trained.frame())
    assert header["train_loss"] == pytest.approx(trained.net.cost(trained.F_train, trained.Y_train))
    assert header["test_loss"] == pytest.approx(trained.net.cost(trained.F_test, trained.Y_test))


def test_frames_send_only_the_curve_points_the_page_does_not_have():
    session = Session()
    session.train(1)
    known = len(decode_frame(session.frame())[0]["curve"]["epochs"])  # epochs 0 and 1
    session.train(2)
    header, _, _ = decode_frame(session.frame(since=known))
    assert known == 2 and header["curve"]["epochs"] == [3] and header["curve_length"] == 3
    assert len(header["curve"]["delta"][0]) == 3  # mean |δ| of the two hidden layers and the output


def test_the_inspector_shows_bp2_bp3_bp4_with_the_numbers_of_trace(trained):
    m = trained.inspect(layer=1, neuron=2, which="train", index=5)
    # z = Σ w a_in + b and a = tanh(z)
    assert m["z"] == pytest.approx(sum(t["w"] * t["a_in"] for t in m["incoming"]) + m["b"])
    assert m["a"] == pytest.approx(np.tanh(m["z"]))
    # BP2: δ = (Σ_k δ_k w_jk) φ'(z), with φ'(z) = 1 - tanh² z
    bp = m["bp"]
    assert bp["equation"] == "BP2"
    assert bp["sum"] == pytest.approx(sum(d * w for d, w in bp["terms"]))
    assert bp["prime"] == pytest.approx(1 - np.tanh(m["z"]) ** 2)
    assert m["delta"] == pytest.approx(bp["sum"] * bp["prime"])
    # BP4 and BP3 for this one point: ∂C/∂w = a_in δ, ∂C/∂b = δ
    for t in m["incoming"]:
        assert t["dC_dw"] == pytest.approx(t["a_in"] * m["delta"])
    assert m["dC_db"] == pytest.approx(m["delta"])
    # and it is glassnet's gradient for that point
    grads = trained.net.backprop(trained.F_train[5:6], trained.Y_train[5:6])
    np.testing.assert_allclose([t["dC_dw"] for t in m["incoming"]], grads[0][0][:, 1])


def test_the_inspector_at_the_output_shows_bp1(trained):
    m = trained.inspect(layer=3, neuron=1, which="test", index=0)
    assert m["output"] and m["bp"]["kind"] == "shortcut"  # cross-entropy after a sigmoid
    assert m["delta"] == pytest.approx(m["a"] - m["bp"]["y"])


def test_the_inspector_of_a_regression_output_shows_the_general_bp1():
    session = Session(settings(dataset="plane", problem="regression", activation="relu"))
    m = session.inspect(layer=3, neuron=1, which="train", index=0)
    assert m["bp"]["kind"] == "general"  # MSE after the identity: ∂C/∂a = a - y, φ' = 1
    assert m["bp"]["dC_da"] == pytest.approx(m["a"] - m["bp"]["y"]) and m["bp"]["prime"] == 1.0
    assert m["delta"] == pytest.approx(m["bp"]["dC_da"])


@pytest.mark.parametrize(("args", "message"), [
    ((4, 1, "train", 0), r"layer must be 1 to 3, got 4"),
    ((1, 5, "train", 0), r"neuron must be 1 to 4 in layer 1, got 5"),
    ((1, 1, "all", 0), r"The point must be in 'train' or 'test', got 'all'"),
    ((1, 1, "test", 250), r"There are 250 test points; got point 250"),
])
def test_the_inspector_refuses_what_does_not_exist(args, message):
    with pytest.raises(ValueError, match=message):
        Session().inspect(*args)


def test_diverging_training_stops_with_a_message_and_finite_weights():
    session = Session(settings(dataset="plane", problem="regression", activation="relu", layers=[8, 8],
                               learning_rate=10, batch_size=1))
    with pytest.raises(FloatingPointError, match=r"Training diverged in epoch \d+: .* smaller learning rate than 10"):
        session.train(50)
    assert all(np.isfinite(layer.W).all() for layer in session.net.layers)


def test_an_upload_through_the_protocol_trains_on_the_users_points(connection):
    csv = "\n".join(f"{x},{y},{'in' if x * x + y * y < 4 else 'out'}" for x in range(-3, 4) for y in range(-3, 4))
    answers = connection.handle(message("upload", name="rings.csv", csv=csv), now=1.0)
    assert answers[0]["type"] == "data" and answers[0]["classes"] == ["in", "out"]
    assert connection.session.settings.dataset == "csv" and len(connection.session.data.X) == 49
    connection.handle(message("step"), now=1.1)
    assert connection.session.epoch == 1
    assert "read_upload(f.read(), 'rings.csv')" in connection.session.code()


def test_a_csv_data_set_needs_an_upload_first():
    with pytest.raises(ValueError, match="Upload a CSV file"):
        Session(settings(dataset="csv"))


def test_the_code_for_more_classes_one_hot_encodes_the_targets():
    s = settings(dataset="gaussian", classes=4)
    code = codegen.python_code(s, data.make_data("gaussian", points=500, classes=4), 3)
    assert "one_hot(data.y[train], 4)" in code and "output_activation='softmax'" in code


# ---------------------------------------------------------------- the protocol
def message(kind, **fields):
    return json.dumps({"type": kind, **fields})


@pytest.fixture
def connection():
    return Connection(Limits(), now=0.0)


@pytest.mark.parametrize(("text", "reply"), [
    ("not json", r"A request must be JSON"),
    ("[1, 2]", r"a JSON object with a 'type'"),
    (message("fly"), r"Unknown request type 'fly'"),
    (message("settings", settings={"learning_rate": -1}), r"learning_rate must be > 0, got -1"),
    (message("inspect", layer="one", neuron=1, set="train", index=0), r"layer must be an integer, got 'one'"),
    (message("set_weight", layer=1, source=1, neuron=1, value=1e9), r"value must be <= 100"),
    (message("upload", name="a.csv"), r"upload needs 'csv'"),
    ("x" * 300_000, r"That request is 300,000 bytes; the limit is 220,000"),
])
def test_a_bad_request_gets_an_error_message_not_an_exception(connection, text, reply):
    (answer,) = connection.handle(text, now=1.0)
    assert answer["type"] == "error" and re.search(reply, answer["message"]), answer


def test_settings_answer_with_the_data_and_a_paused_state(connection):
    answers = connection.handle(message("settings", settings={"dataset": "xor", "points": 100}), now=1.0)
    assert [a["type"] for a in answers] == ["data", "state"]
    assert answers[0]["name"] == "xor" and len(answers[0]["points"]) == 100
    assert answers[1]["playing"] is False


def test_step_trains_one_epoch_and_inspect_answers(connection):
    connection.handle(message("step"), now=1.0)
    assert connection.session.epoch == 1
    (answer,) = connection.handle(message("inspect", layer=1, neuron=1, set="train", index=0), now=1.1)
    assert answer["type"] == "inspection" and answer["layer"] == 1


def test_too_many_commands_at_once_are_refused():
    connection = Connection(Limits(commands_per_second=1, burst=3), now=0.0)
    answers = [connection.handle(message("pause"), now=0.0)[0]["type"] for _ in range(4)]
    assert answers == ["state", "state", "state", "error"]
    assert connection.handle(message("pause"), now=1.5)[0]["type"] == "state"  # a second later: one more


def test_a_flood_of_drawn_messages_is_refused(connection):
    answers = [connection.handle(message("drawn"), now=0.0) for _ in range(241)]
    assert answers[:240] == [[]] * 240 and "Too many 'drawn' messages" in answers[240][0]["message"]


def test_a_new_frame_waits_until_the_page_drew_the_last(connection):
    assert connection.next_frame() is None  # not before the page's settings
    connection.handle(message("settings", settings={}), now=0.0)
    assert connection.next_frame() is not None
    connection.handle(message("play"), now=0.0)
    assert connection.next_frame() is None  # the page has not said "drawn"
    connection.handle(message("drawn"), now=0.1)
    assert connection.next_frame() is not None


def test_the_pacer_keeps_the_rate_and_never_bursts_to_catch_up():
    pacer = Pacer(rate=10)  # an epoch every 0.1 s
    assert pacer.wait(now=5.0) == 0  # the first one at once
    assert pacer.wait(now=5.03) == pytest.approx(0.07)  # the next one 0.1 s after the first
    assert pacer.wait(now=5.2) == 0  # due (at 5.2)
    assert pacer.wait(now=9.0) == 0  # far behind: start again from now...
    assert pacer.wait(now=9.0) == pytest.approx(0.1)  # ...rather than rush the missed ones


class FakeFit:
    """A stand-in for net.fit: epochs that take a moment, a flag saying whether one is under way."""

    def __init__(self, fail_at=None):
        self.epochs, self.inside, self.fail_at = 0, False, fail_at

    def __call__(self, callback):
        for epoch in range(10**6):
            self.inside = True
            time.sleep(0.001)
            if epoch == self.fail_at:
                raise FloatingPointError("diverged")
            self.epochs, self.inside = self.epochs + 1, False
            if callback(epoch, {}):
                return


def test_the_worker_trains_exactly_the_epochs_asked_and_runs_calls_between_epochs():
    fit = FakeFit()
    worker = FitWorker(fit, epochs_per_second=1000)
    worker.train(3)
    assert fit.epochs == 3
    worker.play()
    seen = [worker.call(lambda: fit.inside) for _ in range(20)]
    assert not any(seen) and fit.epochs > 3  # every call ran with no epoch under way
    worker.stop()
    assert not worker.running and not worker.thread


def test_the_worker_keeps_what_ended_training_for_the_caller():
    worker = FitWorker(FakeFit(fail_at=2), epochs_per_second=1000)
    worker.train(10)
    assert isinstance(worker.error, FloatingPointError) and not worker.running
    assert worker.call(lambda: "answered") == "answered"  # no fit running: at once, in this thread


def test_play_trains_in_the_background_until_pause(connection):
    connection.handle(message("play"), now=0.0)
    deadline = time.monotonic() + 30
    while connection.session.epoch < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    connection.handle(message("pause"), now=0.1)
    header, _, _ = decode_frame(connection.session.frame())  # taken between two epochs, after the pause
    time.sleep(0.2)
    assert header["epoch"] >= 3 and connection.session.epoch == header["epoch"]  # nothing trained since
    connection.session.close()


def test_a_tick_after_training_diverged_pauses_and_says_so():
    connection = Connection(Limits(), now=0.0)
    connection.handle(message("settings", settings={"dataset": "plane", "problem": "regression",
                                                    "activation": "relu", "layers": [8, 8],
                                                    "learning_rate": 10, "batch_size": 1}), now=0.0)
    connection.handle(message("play"), now=0.0)
    connection.session.worker.thread.join(timeout=60)  # fit ends when training diverges
    errors = [r for r in connection.tick() if isinstance(r, dict) and r["type"] == "error"]
    assert errors and "diverged" in errors[0]["message"] and not connection.playing


def test_a_page_in_view_says_it_is_alive_and_is_not_idle():
    connection = Connection(Limits(idle_seconds=100), now=0.0)
    assert connection.handle(message("alive"), now=90.0) == []
    assert not connection.idle(150.0) and connection.idle(191.0)


def test_sessions_are_limited_and_idle_ones_make_room():
    sessions = Sessions(Limits(sessions=2, idle_seconds=10))
    first = sessions.connect(now=0.0)
    sessions.connect(now=5.0)
    with pytest.raises(Exception, match=r"already has 2 pages open"):
        sessions.connect(now=6.0)
    third = sessions.connect(now=12.0)  # the first has been idle for 12 s: dropped
    assert sessions.get(first.token) is None and sessions.get(third.token) is third
    assert first.idle(12.0)


# ---------------------------------------------------------------- the server
@pytest.fixture
def client():
    need("starlette", "the playground's server")
    need("httpx2", "Starlette's test client")
    from starlette.testclient import TestClient

    from glassnet.playground.server import create_app

    with TestClient(create_app(Limits(sessions=2))) as client:
        yield client


def receive_until(ws, kind):
    """Messages from the server up to the first of ``kind`` ("frame" for a binary one); returns it."""
    for _ in range(50):
        m = ws.receive()
        if m.get("bytes") is not None:
            header, _, _ = decode_frame(m["bytes"])
            if kind == "frame":
                return header
            ws.send_text(message("drawn"))
        elif (answer := json.loads(m["text"]))["type"] == kind:
            return answer
    raise AssertionError(f"no {kind} message")


def test_the_page_and_its_files_are_served_with_a_strict_content_policy(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for testid in ("dataset", "activation", "learning-rate", "add-layer", "remove-layer", "play", "step", "reset",
                   "epoch", "train-loss", "test-loss", "output", "inspector"):
        assert f'data-testid="{testid}"' in page.text
    for option in ("xor", "circle", "gaussian", "spiral", "tanh", "sigmoid", "relu", "identity"):
        assert f'value="{option}"' in page.text
    for script in ("app.js", "draw.js", "network.js", "inspector.js", "style.css"):
        assert client.get(f"/static/{script}").status_code == 200


def test_the_page_loads_nothing_from_another_site():
    for path in STATIC.iterdir():
        text = path.read_text()
        assert not re.search(r"(src|href)=\"(https?:)?//", text), path.name
        assert "@import" not in text and "fonts.googleapis" not in text and "url(http" not in text


def test_a_page_connects_trains_and_downloads_its_model(client, tmp_path):
    with client.websocket_connect("/ws") as ws:
        hello = ws.receive_json()
        assert hello["type"] == "hello" and "xor" in hello["options"]["datasets"]
        ws.send_text(message("settings", settings={"dataset": "xor", "layers": [3]}))
        assert receive_until(ws, "data")["name"] == "xor"
        ws.send_text(message("step"))
        ws.send_text(message("step"))
        for _ in range(10):
            header = receive_until(ws, "frame")
            if header["epoch"] == 2:
                break
            ws.send_text(message("drawn"))
        assert header["epoch"] == 2 and header["settings"]["layers"] == [3]
        response = client.get(hello["download"])
        assert response.status_code == 200
        (tmp_path / "m.npz").write_bytes(response.content)
        assert NeuralNetwork.load(tmp_path / "m.npz").sizes == [2, 3, 1]
        ws.send_text(message("code"))
        assert "NeuralNetwork([2, 3, 1]" in receive_until(ws, "code")["code"]
    assert client.get(hello["download"]).status_code == 404  # the page is gone


def test_an_error_reaches_the_page_as_a_message(client):
    with client.websocket_connect("/ws") as ws:
        ws.receive_json()
        ws.send_text(message("settings", settings={"layers": [4, 4, 4, 4, 4, 4, 4]}))
        assert "at most 6 hidden layer sizes" in receive_until(ws, "error")["message"]


def test_a_third_page_is_told_the_playground_is_full(client):
    with client.websocket_connect("/ws") as a, client.websocket_connect("/ws") as b:
        a.receive_json(), b.receive_json()
        with client.websocket_connect("/ws") as c:
            assert "already has 2 pages open" in c.receive_json()["message"]


def test_a_local_server_answers_only_to_local_names():
    need("starlette", "the playground's server")
    need("httpx2", "Starlette's test client")
    from starlette.testclient import TestClient

    from glassnet.playground.server import create_app

    client = TestClient(create_app(allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://localhost:8765")
    assert client.get("/").status_code == 200
    rebound = client.get("/", headers={"host": "evil.example:8765"})  # a site that rebound its name to us
    assert rebound.status_code == 400 and rebound.text == "Invalid host header"


def test_an_idle_page_is_told_and_closed():
    need("starlette", "the playground's server")
    need("httpx2", "Starlette's test client")
    from starlette.testclient import TestClient

    from glassnet.playground.server import create_app

    with TestClient(create_app(Limits(idle_seconds=0.3))) as client, client.websocket_connect("/ws") as ws:
        ws.receive_json()
        assert "idle too long" in receive_until(ws, "error")["message"]
        assert client.app.state.sessions.open == {}


def test_another_sites_page_cannot_connect(client):
    from starlette.websockets import WebSocketDisconnect

    with pytest.raises(WebSocketDisconnect), client.websocket_connect(
            "/ws", headers={"origin": "http://evil.example"}) as ws:
        ws.receive_json()


# ---------------------------------------------------------------- the command
def test_a_bad_port_is_one_line(capsys):
    from glassnet.cli import main

    assert main(["playground", "--port", "70000", "--no-browser"]) == 2
    error = capsys.readouterr().err
    assert error == "glassnet: error: --port must be 0 to 65535 (0: any free port), got 70000.\n"


def test_a_port_in_use_is_one_line(capsys):
    import socket

    from glassnet.cli import main

    need("uvicorn", "the playground's server")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["playground", "--port", str(port), "--no-browser"]) == 2
    assert re.fullmatch(rf"glassnet: error: Cannot listen on 127\.0\.0\.1:{port}: .*\.\n", capsys.readouterr().err)


def start(*args):
    """``glassnet playground --port 0 --no-browser ARGS`` in a subprocess: (process, its first line)."""
    need("uvicorn", "the playground's server")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "glassnet.cli", "playground", "--port", "0", "--no-browser", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    return proc, proc.stdout.readline()


def test_the_command_prints_the_address_serves_the_page_and_stops_cleanly_on_ctrl_c():
    proc, line = start()
    try:
        match = re.fullmatch(r"glassnet playground: (http://127\.0\.0\.1:(\d+)/)\n", line)
        assert match and int(match.group(2)) > 0, line
        with urllib.request.urlopen(match.group(1), timeout=10) as page:
            assert b'data-testid="output"' in page.read()
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0
    assert err == "glassnet playground: stopped.\n" and out == ""


def test_another_host_is_served_with_a_warning():
    proc, line = start("--host", "0.0.0.0")
    try:
        assert line.startswith("glassnet playground: http://0.0.0.0:")
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    assert "warning: listening on 0.0.0.0" in err


def test_importing_the_playground_loads_no_web_server():
    code = ("import sys, glassnet.playground.engine, glassnet.playground.protocol; "
            "print(any(m.split('.')[0] in ('starlette', 'uvicorn') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_frames_are_binary_and_compact(trained):
    frame = trained.frame()
    assert len(frame) < 40_000  # 64² output cells × 2 classes, 17 maps of 32², and a JSON header
    assert frame[:4] == b"GNF1"
