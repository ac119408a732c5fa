"""The playground without a browser: its data, settings, session, frames, inspector, protocol, server and command."""

import re
from pathlib import Path

import numpy as np
import pytest

from glassnet.network import NeuralNetwork
from glassnet.playground import codegen, data
from glassnet.playground.frames import decode as decode_frame
from glassnet.playground.session import Session
from glassnet.playground.settings import Settings, build_network, build_optimizer

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


def test_a_csv_data_set_needs_an_upload_first():
    with pytest.raises(ValueError, match="Upload a CSV file"):
        Session(settings(dataset="csv"))


def test_the_code_for_more_classes_one_hot_encodes_the_targets():
    s = settings(dataset="gaussian", classes=4)
    code = codegen.python_code(s, data.make_data("gaussian", points=500, classes=4), 3)
    assert "one_hot(data.y[train], 4)" in code and "output_activation='softmax'" in code


def test_frames_are_binary_and_compact(trained):
    frame = trained.frame()
    assert len(frame) < 40_000  # 64² output cells × 2 classes, 17 maps of 32², and a JSON header
    assert frame[:4] == b"GNF1"


# ---------------------------------------------------------------- found by a hostile user (issue 16)
@pytest.mark.parametrize(("row", "message"), [
    (b"1e308,0,a\n", r"must lie within ±1,000,000 .* the point \(1e\+308, 0\) of data row 3 does not"),
    (b"0,-2e6,b\n", r"the point \(0, -2e\+06\) of data row 3"),
])
def test_an_upload_with_coordinates_too_large_for_the_features_is_refused(row, message):
    with pytest.raises(ValueError, match=message):
        data.read_upload(b"0,0,a\n1,1,b\n" + row)


def test_numeric_labels_too_large_to_be_targets_are_refused():
    with pytest.raises(ValueError, match=r"numeric labels must lie within ±1,000,000, .*; got 1e\+09"):
        data.read_upload(b"0,0,0\n1,1,1000000000\n")


def test_a_refused_change_keeps_nothing_of_it(monkeypatch):
    session = Session(settings(features=["x1", "x2", "x1sq"]))
    before = (session.settings, session.data, session.net, session.run)
    upload = data.read_upload(b"0,0,a\n1,1,b\n2,0,a\n0,2,b\n", "points.csv")
    monkeypatch.setattr("glassnet.playground.session.measure", lambda *a: 1 / 0)  # fails while building
    with pytest.raises(ZeroDivisionError):
        session.apply(Settings.from_dict({"dataset": "csv", "features": ["x1", "x2", "x1sq"]}), upload=upload)
    assert (session.settings, session.data, session.net, session.run) == before
    assert session.upload is None  # the refused upload was not kept for later


def test_the_seven_points_are_trained_and_tested_on_all_seven():
    seven = data.make_data("seven")
    train, test = data.split(seven, 0.5, seed=0)
    assert sorted(train) == sorted(test) == list(range(7)) and not seven.hold_out
    session = Session(settings(dataset="seven"))
    assert set(session.Y_train[:, 0]) == {0.0, 1.0}  # both classes to learn from
    assert "too few points to hold any out" in session.data_message()["note"]


@pytest.mark.parametrize(("points", "classes", "fraction"), [(10, 3, 0.1), (30, 5, 0.1), (500, 2, 0.5)])
def test_the_split_is_stratified_and_every_class_has_training_points(points, classes, fraction):
    d = data.make_data("gaussian", points=points, classes=classes, seed=2)
    for seed in range(20):
        train, test = data.split(d, fraction, seed)
        assert set(d.y[train]) == set(range(classes))
        assert sorted(np.concatenate([train, test]).tolist()) == list(range(points))


def test_one_largest_number_of_classes_for_generated_sets_and_uploads():
    from glassnet.playground import settings as settings_module

    assert settings_module.MAX_CLASSES is data.MAX_CLASSES == 8
    assert settings(dataset="spiral", classes=8).classes == 8
    assert data.read_upload(b"".join(b"%d,0,%d\n" % (k, k) for k in range(8))).n_classes == 8


def test_every_setting_is_one_control_the_page_builds():
    from dataclasses import fields

    from glassnet.playground.settings import CONTROLS

    assert [f.name for f in fields(Settings)] == sorted((c.name for c in CONTROLS),
                                                        key=[f.name for f in fields(Settings)].index)
    assert {f.name for f in fields(Settings)} == {c.name for c in CONTROLS}
    # the page lists no choice of its own: every value and label reaches it from the server
    page = "".join((STATIC / name).read_text() for name in ("app.js", "controls.js", "index.html"))
    for c in CONTROLS:
        assert c.group not in ("header", "data") or c.label not in page, c.label
        for option in c.options:
            if c.name in ("activation", "optimizer", "regularization", "dataset") and option[0] != "csv":
                assert f'"{option[0]}"' not in page, (c.name, option[0])
            if len(option[1]) > 5 and option[1] != option[0]:
                assert option[1] not in page, (c.name, option[1])
    assert "0.00001" not in page and "x1sq" not in page


@pytest.mark.parametrize(("raw", "message"), [
    ({"learning_rate": None}, r"^learning_rate must be a number, got null\.$"),
    ({"features": [["x1"]]}, r'^features must be distinct names from x1, .*; got a list \[\["x1"\]\]\.$'),
    ({"dataset": ["x"]}, r'^dataset must be one of circle, .*; got a list \["x"\]\.$'),
    ({"layers": [4, None, True]}, r"^layers\[1\] must be an integer, got null\.$"),
    ({"dataset": [None, False, {"a": 1}]}, r'got a list \[null, false, \{"a": 1\}\]\.$'),
    ({"layers": {"a": 1}}, r"^layers must be a list of at most 6 hidden layer sizes, got an object\.$"),
    ({"seed": 1.5}, r"^seed must be a whole number, got 1\.5\.$"),
    ({"activation": "x" * 5000}, r"^activation must be one of .*; got 'x{40}'… \(5,000 characters\)\.$"),
    ({"zero_init": None}, r"^zero_init must be true or false, got null\.$"),
])
def test_a_bad_setting_is_a_sentence_about_the_setting_in_the_words_of_json(raw, message):
    with pytest.raises((ValueError, TypeError)) as err:
        Settings.from_dict(raw)
    assert re.search(message, str(err.value)), str(err.value)


def test_a_link_keeps_every_valid_setting_and_says_which_it_refused():
    s, view, problems = Settings.from_link("?learning_rate=abc&activation=relu&layers=3,9&noise=0.2&bogus=1"
                                           "&hide=learning-rate,a%22%5D&test=1")
    assert (s.activation, s.noise, s.learning_rate, s.layers) == ("relu", 0.2, 0.03, (4, 2))
    assert view == {"test": True, "discretize": False, "hide": ["learning-rate"]}
    assert problems == [
        "The link's learning_rate must be a number, got 'abc'. It was left at 0.03.",
        "The link's layers[1] must be <= 8, got 9. It was left at a list [4, 2].",
        "hide: 'a\"]' is not a part of the page, so nothing was hidden for it (the parts that can be hidden: "
        "learning-rate, activation, optimizer, schedule, regularization, regularization-rate, problem, dataset, "
        "classes, train-fraction, noise, batch-size, zero-init, layers, data, help).",
        "The link's 'bogus' is not a setting of the playground; it was ignored.",
    ]


def test_a_bad_view_flag_in_a_link_is_said_and_left_off():
    _, view, problems = Settings.from_link("test=2&discretize=1")
    assert view["test"] is False and view["discretize"] is True
    assert problems == ["The link's test must be 1 or 0 (true or false), got '2'. It was left off."]


def test_an_upload_too_small_to_hold_any_out_is_trained_and_tested_on_all_of_it():
    session = Session(Settings.from_dict({"dataset": "csv"}), upload=data.read_upload(b"1,2,a\n3,4,b\n"))
    assert session.train_index.tolist() == session.test_index.tolist() == [0, 1]
    assert "too few points to hold any out" in session.data_message()["note"]


def test_a_link_made_with_an_upload_says_that_the_data_did_not_travel():
    s, _, problems = Settings.from_link("dataset=csv&activation=sigmoid")
    assert s.dataset == "circle" and s.activation == "sigmoid"
    assert problems == ["This link was made with an uploaded CSV file, and uploaded data do not travel in a link: "
                        "upload the file again (the link's other settings were kept)."]


@pytest.mark.parametrize("text", ["1e400", "nan", "-inf"])
def test_a_link_with_a_number_that_is_not_finite_is_refused(text):
    s, _, problems = Settings.from_link(f"learning_rate={text}")
    assert s.learning_rate == 0.03 and "learning_rate must be a finite number" in problems[0]


def test_a_weight_edited_by_hand_changes_the_losses_shown():
    session = Session()
    session.train(2)
    before = decode_frame(session.frame())[0]
    session.set_weight(3, 1, 1, 50.0)  # the output's first weight, far from where training left it
    after = decode_frame(session.frame(since=before["curve_length"] - 1))[0]
    assert after["epoch"] == before["epoch"] == 2
    assert after["train_loss"] != before["train_loss"]
    assert after["curve"]["epochs"] == [2] and after["curve"]["train"] == [after["train_loss"]]
    assert after["train_loss"] == pytest.approx(session.net.cost(session.F_train, session.Y_train))


def test_show_code_prints_the_losses_the_page_shows(trained, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    header = decode_frame(trained.frame())[0]
    exec(trained.code(), {})
    printed = capsys.readouterr().out
    assert f"training loss {header['train_loss']:.4f}, test loss {header['test_loss']:.4f}" in printed


def test_the_inspector_of_a_softmax_output_shows_every_z_of_the_layer():
    session = Session(settings(dataset="spiral", classes=3))
    m = session.inspect(layer=3, neuron=2, which="train", index=4)
    z = np.array(m["z_layer"])
    assert len(z) == 3 and z[1] == m["z"]
    assert m["a"] == pytest.approx(np.exp(z[1]) / np.exp(z).sum())


def test_output_maps_stay_drawable_when_the_network_gives_nan():
    from glassnet.playground import frames

    out = frames.output_maps(np.array([[np.nan], [0.25]]), "classification")
    assert out.dtype == np.uint8 and out.tolist() == [[128, 191], [128, 64]]
    assert frames.json_numbers(np.array([np.inf, 1.23456789])) == [None, 1.2346]


def test_a_link_full_of_names_that_are_not_settings_gets_one_sentence():
    _, _, problems = Settings.from_link("&".join(f"k{i}=v" for i in range(300)) + "&activation=relu")
    assert problems == ["The link's 'k0', 'k1', 'k2' and 297 more are not settings of the playground; they were "
                        "ignored."]


def test_many_unknown_hide_names_are_said_once_each_and_briefly():
    _, view, problems = Settings.from_link("hide=" + ",".join(["x"] * 1000) + ",a,b,c,help")
    assert view["hide"] == ["help"]
    assert problems[0].startswith("hide: 'x', 'a', 'b' and 1 more are not parts of the page")
