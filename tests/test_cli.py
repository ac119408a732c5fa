"""The glassnet command: train, evaluate, predict, gradcheck, tour; help everywhere; one-line user errors."""

import argparse
import contextlib
import errno
import gzip
import hashlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import glassnet
from glassnet import datasets
from glassnet.cli import build_parser, main
from glassnet.layers import INITS
from glassnet.network import NeuralNetwork

SRC = Path(glassnet.__file__).resolve().parents[1]


def run(capsys, *argv):
    """``glassnet ARGV`` in this process: (exit status, stdout, stderr)."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def write_csv(path, rows, header=None):
    """Rows of numbers, written exactly (repr of each float), optionally under a header line."""
    lines = [header] if header else []
    lines += [",".join(repr(float(v)) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n")
    return path


def assert_one_line_user_error(code, out, err, message):
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("glassnet"), err
    assert "Traceback" not in err
    assert re.search(message, err), err


@pytest.fixture(scope="module")
def moons_model(tmp_path_factory):
    """A model trained by ``glassnet train --data moons``, and what train printed."""
    path = tmp_path_factory.mktemp("moons") / "model.npz"
    with contextlib.redirect_stdout(io.StringIO()) as out:  # (capsys is for one test only)
        code = main(["train", "--data", "moons", "--epochs", "3", "--layers", "5", "--learning-rate", "0.5",
                     "--seed", "0", "--out", str(path)])
    return code, out.getvalue(), path


# ---------------------------------------------------------------- train: one protocol
def test_train_holds_out_the_test_set_then_carves_validation_out_of_the_training_part(moons_model):
    code, out, path = moons_model
    assert code == 0
    assert [line.split("  ")[0] for line in out.splitlines() if line.startswith("epoch ")] == [
        "epoch 1/3", "epoch 2/3", "epoch 3/3"]
    # 200 points: 40 (20%) held out for the test, then 16 (10% of 160) for validation
    assert re.search(r"^moons: 144 training, 16 validation and 40 test samples, 2 classes$", out, re.M)
    assert re.search(r"^test accuracy \d+\.\d\d% \(\d+/40\)$", out, re.M)
    assert f"model saved to {path}" in out
    assert path.is_file()


def test_the_validation_line_is_not_measured_on_the_test_set(moons_model):
    _, out, path = moons_model
    net = NeuralNetwork.load(path)
    _, _, X_test, y_test = datasets.load("moons", seed=0)
    last_epoch = next(line for line in out.splitlines() if line.startswith("epoch 3/3"))
    assert f"val_loss {net.history_.val_loss[-1]:.4g}" in last_epoch
    assert abs(net.history_.val_loss[-1] - net.cost(X_test, y_test)) > 1e-3  # other rows, another loss


def test_the_trained_model_loads_and_scores_what_train_printed(moons_model):
    _, out, path = moons_model
    net = NeuralNetwork.load(path)
    assert net.sizes == [2, 5, 1] and len(net.history_.loss) == 3  # two classes: one sigmoid output (glassnet.tasks)
    _, _, X_test, y_test = datasets.load("moons", seed=0)
    accuracy = net.score(X_test, y_test)
    assert f"test accuracy {accuracy:.2%} ({round(accuracy * 40)}/40)" in out


def test_the_model_records_the_data_set_and_its_split(moons_model):
    _, _, path = moons_model
    record = NeuralNetwork.load(path).trained_on_
    arrays = datasets.load("moons", seed=0)
    digest = hashlib.sha256()
    for array in arrays:
        digest.update(np.ascontiguousarray(array))
    assert record == {"data": "moons", "sha256": digest.hexdigest(), "n_features": 2, "classes": [0, 1],
                      "split": {"seed": 0, "test_size": 0.2, "validation_size": 0.1}}


def test_with_patience_train_says_where_it_stopped_and_which_weights_it_kept(capsys, tmp_path):
    out_path = tmp_path / "patience.npz"
    code, out, _ = run(capsys, "train", "--data", "moons", "--layers", "5", "--epochs", "200",
                       "--learning-rate", "2", "--patience", "2", "--out", out_path)
    assert code == 0
    history = NeuralNetwork.load(out_path).history_
    assert history.stopped_early and history.epochs == history.best_epoch + 3 < 200
    assert (f"early stopping: the validation loss did not improve for 2 epochs, so training stopped after "
            f"epoch {history.epochs} and restored the weights of epoch {history.best_epoch + 1} "
            f"(validation loss {history.val_loss[history.best_epoch]:.4g})") in out


def test_with_patience_that_never_runs_out_train_says_which_epoch_it_kept(capsys):
    code, out, _ = run(capsys, "train", "--data", "moons", "--layers", "5", "--epochs", "3",
                       "--learning-rate", "0.5", "--patience", "50")
    assert code == 0
    assert re.search(r"^early stopping did not stop training; the weights of epoch [123], the best validation "
                     r"loss \(\S+\), were kept$", out, re.M)


def test_a_toy_set_is_trained_and_scored_on_all_its_points_and_says_so(capsys):
    code, out, _ = run(capsys, "train", "--data", "xor", "--layers", "3", "--epochs", "2")
    assert code == 0
    assert "xor: 4 samples, too few to hold any out: trained and scored on all of them, 2 classes" in out
    assert re.search(r"^training accuracy .* \(xor is too small to hold out a test set", out, re.M)
    assert "test accuracy" not in out


@pytest.mark.parametrize(("option", "message"), [
    (["--test-size", "0.3"], r"--test-size does not apply to --data xor: it is too small"),
    (["--validation-size", "0.5"], r"--validation-size does not apply to --data xor"),
])
def test_a_toy_set_refuses_to_be_split(capsys, option, message):
    code, out, err = run(capsys, "train", "--data", "xor", *option)
    assert_one_line_user_error(code, out, err, message)


# ---------------------------------------------------------------- evaluate: exactly the held-out rows
def test_evaluate_needs_no_data_and_prints_the_test_score_train_printed(moons_model, capsys):
    _, train_out, path = moons_model
    code, out, _ = run(capsys, "evaluate", path)
    assert code == 0
    printed_by_train = re.search(r"^test accuracy (.*)$", train_out, re.M).group(1)
    assert re.search(r"^test accuracy (.*)$", out, re.M).group(1) == printed_by_train
    assert "moons test set: 40 samples (held out with seed 0, test size 0.2)" in out
    net = NeuralNetwork.load(path)
    _, _, X_test, y_test = datasets.load("moons", seed=0)
    assert f"loss {net.cost(X_test, y_test):.4f}" in out


@pytest.mark.parametrize(("option", "message"), [
    (["--seed", "1"], r"was trained with --seed 0; --seed 1 would split the data differently and score rows "
                      r"the model trained on"),
    (["--test-size", "0.5"], r"was trained with --test-size 0.2; --test-size 0.5 would split"),
    (["--data", "circles"], r"was trained on --data moons; .* --data circles does not apply"),
])
def test_evaluate_refuses_options_that_would_score_rows_the_model_trained_on(moons_model, capsys, option, message):
    _, _, path = moons_model
    code, out, err = run(capsys, "evaluate", path, *option)
    assert_one_line_user_error(code, out, err, message)


def test_evaluate_accepts_the_options_train_was_given(moons_model, capsys):
    _, train_out, path = moons_model
    code, out, _ = run(capsys, "evaluate", path, "--data", "moons", "--seed", "0", "--test-size", "0.2")
    assert code == 0
    assert re.search(r"^test accuracy (.*)$", out, re.M).group(0) in train_out


@pytest.fixture
def animals(tmp_path):
    """A CSV file of two blobs labelled cat and dog, with a header, and a model trained on it."""
    X, y = datasets.blobs(60, noise=0.3, seed=1)
    names = np.array(["cat", "dog"])[y]
    csv = tmp_path / "animals.csv"
    rows = [f"{a!r},{b!r},{n}\n" for (a, b), n in zip(X.tolist(), names, strict=True)]
    csv.write_text("width,height,kind\n" + "".join(rows))
    model = tmp_path / "animals.npz"
    with contextlib.redirect_stdout(io.StringIO()) as out:
        code = main(["train", "--csv", str(csv), "--layers", "3", "--epochs", "20", "--learning-rate", "1",
                     "--out", str(model)])
    assert code == 0
    return csv, model, X, out.getvalue()


def test_a_csv_model_records_the_file_its_hash_and_its_class_names(animals):
    csv, model, _, out = animals
    assert "csv: 43 training, 5 validation and 12 test samples, 2 classes" in out  # 60: 12 test, 5 validation
    assert NeuralNetwork.load(model).trained_on_ == {
        "data": "csv", "file": str(csv), "sha256": hashlib.sha256(csv.read_bytes()).hexdigest(), "n_features": 2,
        "classes": ["cat", "dog"], "split": {"seed": 0, "test_size": 0.2, "validation_size": 0.1}}


def test_evaluate_a_csv_model_without_data_options(animals, capsys):
    _, model, _, train_out = animals
    code, out, _ = run(capsys, "evaluate", model)
    assert code == 0
    assert re.search(r"^test accuracy (.*)$", out, re.M).group(0) in train_out


def test_evaluate_refuses_a_csv_file_that_changed_since_training(animals, capsys):
    csv, model, _, _ = animals
    csv.write_text(csv.read_text().replace("dog", "cat", 1))
    code, out, err = run(capsys, "evaluate", model)
    assert_one_line_user_error(code, out, err, rf"{re.escape(str(csv))} has changed since {re.escape(str(model))} "
                                               r"was trained \(sha256 \w+…, the model records \w+…\), so its "
                                               r"held-out test rows cannot be found again")


def test_predict_prints_the_class_names_of_a_csv_model(animals, capsys, tmp_path):
    _, model, X, _ = animals
    code, out, _ = run(capsys, "predict", model, write_csv(tmp_path / "inputs.csv", X[:6]))
    assert code == 0
    expected = np.array(["cat", "dog"])[NeuralNetwork.load(model).predict(X[:6])]
    assert out.splitlines() == expected.tolist()


def test_predict_proba_prints_a_header_naming_the_classes(animals, capsys, tmp_path):
    _, model, X, _ = animals
    code, out, _ = run(capsys, "predict", model, write_csv(tmp_path / "inputs.csv", X[:3]), "--proba")
    assert code == 0
    assert out.splitlines()[0] == "cat,dog"
    rows = np.array([[float(v) for v in line.split(",")] for line in out.splitlines()[1:]])
    np.testing.assert_allclose(rows, NeuralNetwork.load(model).predict_proba(X[:3]), rtol=1e-5)


def test_evaluate_a_model_without_a_record_needs_data(moons_model, capsys, tmp_path):
    _, _, path = moons_model
    net = NeuralNetwork.load(path)
    net.trained_on_ = None
    bare = net.save(tmp_path / "bare.npz")
    code, out, err = run(capsys, "evaluate", bare)
    assert_one_line_user_error(code, out, err, r"This model keeps no record of the data it was trained on; give "
                                               r"--data")
    code, out, _ = run(capsys, "evaluate", bare, "--data", "moons")
    assert code == 0
    assert "moons test set: 40 samples; the model keeps no record of its training data" in out


def test_evaluate_a_model_whose_record_another_tool_wrote(moons_model, capsys, tmp_path):
    _, _, path = moons_model
    net = NeuralNetwork.load(path)
    net.trained_on_ = {"source": "playground upload", "rows": 200}
    other = net.save(tmp_path / "other.npz")
    code, out, err = run(capsys, "evaluate", other)
    assert_one_line_user_error(code, out, err, r"other\.npz describes its training data in a form glassnet "
                                               r"evaluate does not know \(a record with source, rows\); give --data")
    code, out, _ = run(capsys, "evaluate", other, "--data", "moons")
    assert code == 0 and "moons test set: 40 samples; the model keeps a record of its training data that " in out
    code, out, _ = run(capsys, "predict", other, write_csv(tmp_path / "x.csv", [[0.0, 0.0]]), "--proba")
    assert code == 0 and out.splitlines()[0] == "0,1"



# ---------------------------------------------------------------- models downloaded from the playground
def playground_model(tmp_path, epochs=20, upload=None, **settings):
    """A model downloaded from a playground session trained ``epochs`` epochs: (path, the session)."""
    from glassnet.playground.data import read_upload
    from glassnet.playground.session import Session
    from glassnet.playground.settings import Settings

    session = Session(Settings.from_dict(settings), upload=read_upload(upload, "mine.csv") if upload else None)
    session.train(epochs)
    path = tmp_path / "playground.npz"
    path.write_bytes(session.model_file())
    session.close()
    return path, session


def test_evaluate_scores_a_playground_model_on_its_own_test_points(capsys, tmp_path):
    path, session = playground_model(tmp_path, dataset="spiral", classes=3, layers=[8, 8],
                                     features=["x1", "x2", "sinx1"])
    code, out, _ = run(capsys, "evaluate", path)
    assert code == 0
    n = len(session.test_index)
    assert f"spiral (playground) test set: {n} points, the playground's own test points (it trained on 50%" in out
    assert f"loss {session.net.cost(session.F_test, session.Y_test):.4f}" in out
    score = session.net.score(session.F_test, session.data.y[session.test_index])
    assert f"test accuracy {score:.2%} ({round(score * n)}/{n})" in out


@pytest.mark.parametrize("option", [["--data", "spirals"], ["--seed", "3"], ["--test-size", "0.5"]])
def test_evaluate_refuses_other_data_for_a_playground_model(capsys, tmp_path, option):
    path, _ = playground_model(tmp_path, epochs=1, dataset="xor")
    code, out, err = run(capsys, "evaluate", path, *option)
    assert_one_line_user_error(code, out, err, rf"trained in the playground on 'xor'; evaluate scores it on its own "
                                               rf"test points, found again from its record, so {option[0]} does not")


def test_evaluate_a_playground_regression_and_the_seven_points(capsys, tmp_path):
    path, session = playground_model(tmp_path, dataset="plane", problem="regression")
    code, out, _ = run(capsys, "evaluate", path)
    assert code == 0 and f"test R² {session.net.score(session.F_test, session.Y_test):.4f}" in out
    path, _ = playground_model(tmp_path, dataset="seven")
    code, out, _ = run(capsys, "evaluate", path)
    assert code == 0 and "seven (playground) test set: 7 points, the ones it trained on" in out
    assert re.search(r"^training accuracy .*/7\)", out, re.M)


def test_evaluate_a_playground_model_of_an_upload_needs_the_same_file(capsys, tmp_path):
    rows = "".join(f"{x},{y},{'a' if x * y > 0 else 'b'}\n" for x in range(-4, 5) for y in range(-4, 5) if x * y)
    path, session = playground_model(tmp_path, upload=rows.encode(), dataset="csv")
    code, out, err = run(capsys, "evaluate", path)
    assert_one_line_user_error(code, out, err, r"trained on the uploaded file mine\.csv; give that file again "
                                               r"with --csv FILE\.$")
    same = tmp_path / "again.csv"
    same.write_text(rows)
    code, out, _ = run(capsys, "evaluate", path, "--csv", same)
    assert code == 0 and f"mine.csv (playground) test set: {len(session.test_index)} points" in out
    same.write_text(rows.replace("4,4,a", "4,4,b"))
    code, out, err = run(capsys, "evaluate", path, "--csv", same)
    assert_one_line_user_error(code, out, err, r"That file's points differ from those the model was trained on")


def test_predict_feeds_a_playground_model_the_features_of_2d_points(capsys, tmp_path):
    path, session = playground_model(tmp_path, dataset="circle", features=["x1", "x2", "x1sq", "x2sq"])
    points = write_csv(tmp_path / "points.csv", [[0.0, 0.0], [5.0, 0.0]])
    code, out, _ = run(capsys, "predict", path, points, "--proba")
    from glassnet.playground.data import feature_matrix

    expected = session.net.predict_proba(feature_matrix(np.array([[0.0, 0.0], [5.0, 0.0]]), session.settings.features))
    assert code == 0 and out.splitlines() == ["0,1", *(",".join(f"{p:.6g}" for p in row) for row in expected)]
    three = write_csv(tmp_path / "three.csv", [[0.0, 0.0, 1.0]])
    code, out, err = run(capsys, "predict", path, three)
    assert_one_line_user_error(code, out, err, r"has 3 columns; a model from the playground takes 2-D points")


def test_an_older_playground_record_is_refused_in_a_whole_sentence(capsys, tmp_path):
    path, _ = playground_model(tmp_path, epochs=1)
    net = NeuralNetwork.load(path)
    del net.trained_on_["split"]
    old = net.save(tmp_path / "old.npz")
    code, out, err = run(capsys, "evaluate", old)
    assert_one_line_user_error(code, out, err, r"has no split: it was saved by an older playground, whose split cannot "
                                               r"be found again\. Download it again from the playground\.$")


def test_evaluate_a_csv_model_whose_file_moved(animals, capsys, tmp_path):
    csv, model, _, train_out = animals
    moved = csv.rename(tmp_path / "moved.csv")
    code, out, err = run(capsys, "evaluate", model)
    assert_one_line_user_error(code, out, err, rf"was trained on {re.escape(str(csv))}, which is not there any "
                                               r"more; give --csv FILE where it is now")
    code, out, _ = run(capsys, "evaluate", model, "--csv", moved)
    assert code == 0
    assert re.search(r"^test accuracy (.*)$", out, re.M).group(0) in train_out


# ---------------------------------------------------------------- predict
def test_predict_prints_one_label_per_row(moons_model, capsys, tmp_path):
    _, _, path = moons_model
    X = np.random.default_rng(5).uniform(-1, 2, size=(7, 2))
    code, out, _ = run(capsys, "predict", path, write_csv(tmp_path / "inputs.csv", X))
    assert code == 0
    expected = NeuralNetwork.load(path).predict(X)
    assert out.splitlines() == [str(label) for label in expected]


def test_predict_skips_a_header_row(moons_model, capsys, tmp_path):
    _, _, path = moons_model
    X = np.array([[0.0, 0.5], [1.5, -0.3]])
    code, out, _ = run(capsys, "predict", path, write_csv(tmp_path / "inputs.csv", X, header="x1,x2"))
    assert code == 0
    assert out.splitlines() == [str(label) for label in NeuralNetwork.load(path).predict(X)]


def test_predict_proba_rows_of_a_softmax_model_are_probabilities(capsys, tmp_path):
    model = tmp_path / "softmax.npz"
    code, _, _ = run(capsys, "train", "--data", "gaussians", "--loss", "categorical-cross-entropy",
                     "--layers", "4", "--epochs", "2", "--out", model)
    assert code == 0
    X = np.random.default_rng(6).uniform(-2, 2, size=(5, 2))
    code, out, _ = run(capsys, "predict", model, write_csv(tmp_path / "inputs.csv", X), "--proba")
    assert code == 0
    header, *lines = out.splitlines()
    assert header == "0,1,2"  # the classes of gaussians
    rows = np.array([[float(v) for v in line.split(",")] for line in lines])
    assert rows.shape == (5, 3)
    np.testing.assert_allclose(rows.sum(axis=1), 1.0, atol=1e-5)  # printed to 6 significant digits
    np.testing.assert_allclose(rows, NeuralNetwork.load(model).predict_proba(X), rtol=1e-5)


def test_predict_proba_rows_of_the_default_model_are_probabilities(moons_model, capsys, tmp_path):
    _, _, path = moons_model  # sigmoid outputs, one per class: independent yes/no, not a distribution
    X = np.random.default_rng(6).uniform(-1, 2, size=(5, 2))
    code, out, _ = run(capsys, "predict", path, write_csv(tmp_path / "inputs.csv", X), "--proba")
    assert code == 0
    rows = np.array([[float(v) for v in line.split(",")] for line in out.splitlines()[1:]])
    np.testing.assert_allclose(rows.sum(axis=1), 1.0, atol=1e-5)


# ---------------------------------------------------------------- CSV files
@pytest.mark.parametrize("header", [None, "feature_a,feature_b,label"])
def test_train_on_a_csv_file_with_or_without_a_header(capsys, tmp_path, header):
    X, y = datasets.blobs(50, noise=0.3, seed=1)
    csv = write_csv(tmp_path / "points.csv", np.column_stack([X, y]), header=header)
    out_path = tmp_path / "csv-model.npz"
    code, out, _ = run(capsys, "train", "--data", "csv", "--csv", csv, "--epochs", "20", "--layers", "3",
                       "--learning-rate", "1.0", "--out", out_path)
    assert code == 0
    assert "csv: 36 training, 4 validation and 10 test samples, 2 classes" in out  # 50 rows: 10 test, 4 validation
    assert re.search(r"^test accuracy 100.00% \(10/10\)$", out, re.M)  # blobs are linearly separable
    assert NeuralNetwork.load(out_path).sizes == [2, 3, 1]  # two classes: one sigmoid output (glassnet.tasks)


@pytest.mark.parametrize("out", ["points.csv", "./points.csv", "link.csv"])
def test_train_refuses_to_write_its_model_over_the_data_it_reads(capsys, tmp_path, monkeypatch, out):
    monkeypatch.chdir(tmp_path)
    X, y = datasets.blobs(20, noise=0.3, seed=1)
    write_csv(tmp_path / "points.csv", np.column_stack([X, y]))
    (tmp_path / "link.csv").symlink_to("points.csv")
    before = (tmp_path / "points.csv").read_bytes()
    code, out_text, err = run(capsys, "train", "--csv", "points.csv", "--epochs", "1", "--out", out)
    assert_one_line_user_error(code, out_text, err, rf"--out {re.escape(out)} is the data --csv reads \(points\.csv\): "
                                                    r"writing there would replace it")
    assert out_text == "" and (tmp_path / "points.csv").read_bytes() == before  # refused before any work


def test_train_refuses_to_write_over_a_file_of_the_mnist_folder(capsys, tmp_path):
    folder = tmp_path / "mnist"
    folder.mkdir()
    (folder / "train-images-idx3-ubyte").write_bytes(b"\x00" * 16)
    code, out, err = run(capsys, "train", "--mnist-dir", folder, "--out", folder / "train-images-idx3-ubyte")
    assert_one_line_user_error(code, out, err, r"is a file of --mnist-dir \(train-images-idx3-ubyte\)")
    assert (folder / "train-images-idx3-ubyte").read_bytes() == b"\x00" * 16


def test_csv_alone_implies_data_csv(capsys, tmp_path):
    X, y = datasets.blobs(20, noise=0.3, seed=1)
    csv = write_csv(tmp_path / "points.csv", np.column_stack([X, y]))
    code, out, _ = run(capsys, "train", "--csv", csv, "--epochs", "1", "--layers", "2")
    assert code == 0
    assert out.startswith("csv: 14 training, 2 validation and 4 test samples, 2 classes")


def test_csv_with_another_data_set_is_refused(capsys, tmp_path):
    csv = write_csv(tmp_path / "points.csv", [[0, 0, 0], [1, 1, 1]])
    code, out, err = run(capsys, "train", "--data", "moons", "--csv", csv)
    assert_one_line_user_error(code, out, err, r"--csv FILE goes with --data csv, not --data moons")


@pytest.mark.parametrize(("labels", "classes"), [([1, 2], [1, 2]), ([0, 1e10], [0, 10_000_000_000])])
def test_csv_labels_are_the_classes_as_given(capsys, tmp_path, labels, classes):
    X, y = datasets.blobs(20, noise=0.3, seed=1)
    csv = write_csv(tmp_path / "points.csv", np.column_stack([X, np.array(labels)[y]]))
    model = tmp_path / "m.npz"
    code, out, _ = run(capsys, "train", "--csv", csv, "--epochs", "1", "--layers", "2", "--out", model)
    assert code == 0
    assert "2 classes" in out.splitlines()[0]
    net = NeuralNetwork.load(model)
    assert net.sizes[-1] == 1 and net.trained_on_["classes"] == classes


def test_a_one_class_csv_is_refused(capsys, tmp_path):
    csv = write_csv(tmp_path / "one.csv", [[0, 0, 1], [1, 1, 1], [2, 2, 1]])
    code, out, err = run(capsys, "train", "--csv", csv)
    assert_one_line_user_error(code, out, err, r"one\.csv holds one class only \(every label is 1\)")


def test_an_empty_csv_is_one_line_in_a_real_process(tmp_path):
    (tmp_path / "empty.csv").write_text("")
    result = subprocess_glassnet("train", "--csv", "empty.csv", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "glassnet: error: empty.csv holds no rows of data.\n"


def idx_bytes(array):
    """The IDX encoding of a uint8 array: 00 00 08 ndim, big-endian sizes, then the bytes."""
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(n.to_bytes(4, "big") for n in array.shape)
    return header + array.astype(np.uint8).tobytes()


def test_train_on_mnist_idx_files(capsys, tmp_path):
    rng = np.random.default_rng(0)
    labels = np.array([0, 1, 2, 0, 1, 2, 0, 1], dtype=np.uint8)
    images = (rng.uniform(size=(8, 4, 3)) * 60).astype(np.uint8) + (labels * 60)[:, None, None]  # 0..179
    folder = tmp_path / "mnist"
    folder.mkdir()
    (folder / "train-images-idx3-ubyte").write_bytes(idx_bytes(images))
    (folder / "train-labels-idx1-ubyte").write_bytes(idx_bytes(labels))
    (folder / "t10k-images-idx3-ubyte.gz").write_bytes(gzip.compress(idx_bytes(images[:3])))
    (folder / "t10k-labels-idx1-ubyte.gz").write_bytes(gzip.compress(idx_bytes(labels[:3])))
    out_path = tmp_path / "mnist.npz"
    code, out, _ = run(capsys, "train", "--data", "mnist", "--mnist-dir", folder, "--epochs", "2",
                       "--layers", "4", "--batch-size", "4", "--out", out_path)
    assert code == 0
    assert "mnist: 7 training, 1 validation and 3 test samples, 3 classes" in out  # its own 3 test images
    assert re.search(r"^test accuracy .* \(\d/3\)$", out, re.M)
    net = NeuralNetwork.load(out_path)
    assert net.sizes == [12, 4, 3]  # 4×3 pixels in, 3 classes out
    assert net.trained_on_["folder"] == str(folder) and net.trained_on_["split"]["test_size"] is None
    code, evaluated, _ = run(capsys, "evaluate", out_path)  # the folder comes from the record
    assert code == 0
    assert re.search(r"^test accuracy (.*)$", evaluated, re.M).group(0) in out


def test_train_options_reach_the_network(capsys, tmp_path):
    out_path = tmp_path / "opts.npz"
    code, out, _ = run(capsys, "train", "--data", "gaussians", "--layers", "6", "4", "--activation", "relu",
                       "--loss", "categorical-cross-entropy", "--optimizer", "adam", "--learning-rate", "0.01",
                       "--dtype", "float32", "--epochs", "2", "--out", out_path)
    assert code == 0
    assert "Dense(2 → 6, relu)" in out and "dtype=float32" in out  # train shows the network it built
    net = NeuralNetwork.load(out_path)
    assert net.sizes == [2, 6, 4, 3] and net.dtype == np.float32
    assert [layer.activation.name for layer in net.layers] == ["relu", "relu", "softmax"]
    assert net.loss.name == "categorical-cross-entropy"
    assert net.history_.learning_rate == [0.01, 0.01]


def test_train_with_patience_stops_early(capsys, tmp_path):
    # η = 50 on XOR (validated on the training set itself): the loss soon stops improving, and
    # --patience 2 ends training two epochs after the best one; the saved History shows it.
    out_path = tmp_path / "patience.npz"
    code, _, _ = run(capsys, "train", "--data", "xor", "--layers", "2", "--epochs", "400", "--batch-size", "4",
                     "--learning-rate", "50", "--patience", "2", "--out", out_path)
    assert code == 0
    history = NeuralNetwork.load(out_path).history_
    assert history.stopped_early and len(history.loss) == history.best_epoch + 3 < 400


# ---------------------------------------------------------------- gradcheck and tour
def test_gradcheck_passes_and_says_so(capsys):
    code, out, _ = run(capsys, "gradcheck")
    assert code == 0
    assert re.search(r"^PASS: worst relative error \S+ < 1e-07$", out, re.M)


def test_gradcheck_fails_when_the_tolerance_cannot_be_met(capsys):
    code, out, _ = run(capsys, "gradcheck", "--tolerance", "1e-30")
    assert code == 1
    assert re.search(r"^FAIL: worst relative error \S+ >= 1e-30$", out, re.M)


def test_gradcheck_layers_are_hidden_sizes_as_in_train(capsys):
    code, out, _ = run(capsys, "gradcheck", "--inputs", "3", "--layers", "4", "6", "--outputs", "2")
    assert code == 0
    assert "Dense(3 → 4, sigmoid),\n  Dense(4 → 6, sigmoid),\n  Dense(6 → 2, sigmoid)" in out


@pytest.mark.parametrize(("loss", "output"), [("cross-entropy", "sigmoid"), ("mse", "sigmoid"),
                                              ("categorical-cross-entropy", "softmax")])
def test_gradcheck_gives_the_output_layer_the_default_train_gives_it(capsys, loss, output):
    code, out, _ = run(capsys, "gradcheck", "--activation", "relu", "--loss", loss)
    assert code == 0
    assert f"Dense(5 → 3, {output})" in out


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("loss", ["mse", "cross-entropy"])
def test_gradcheck_with_relu_never_fails_a_correct_backprop_and_says_how(capsys, seed, loss):
    # Without care, seed 0 puts a ReLU input within the ±2ε nudge of its kink at z = 0: FAIL at 2e-5.
    code, out, _ = run(capsys, "gradcheck", "--activation", "relu", "--layers", "8", "8", "--samples", "10",
                       "--loss", loss, "--seed", seed)
    assert code == 0, out
    assert re.search(r"^PASS: worst relative error \S+ < 1e-07$", out, re.M)
    assert re.search(r"^ReLU has a kink at z = 0, .* inputs were drawn with every ReLU input z farther from 0 "
                     r"than a nudge of ±0.002 to any one weight can move it \(\d+ inputs drawn nearer were "
                     r"skipped\)\.$", out, re.M)


def test_gradcheck_without_relu_draws_no_special_batch(capsys):
    code, out, _ = run(capsys, "gradcheck", "--activation", "tanh")
    assert code == 0
    assert "kink" not in out


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--samples", "-1", r"argument --samples: must be >= 1, got -1"),
    ("--samples", "0", r"argument --samples: must be >= 1, got 0"),
    ("--tolerance", "nan", r"argument --tolerance: must be a finite number, got nan"),
    ("--tolerance", "-1", r"argument --tolerance: must be > 0, got -1"),
    ("--seed", "-1", r"argument --seed: must be >= 0, got -1"),
    ("--inputs", "2.5", r"argument --inputs: expected a whole number >= 1, got '2.5'"),
    ("--activation", "relu6", r"argument --activation: invalid choice: 'relu6'"),
])
def test_gradcheck_refuses_bad_numbers_before_anything_runs(capsys, option, value, message):
    with pytest.raises(SystemExit) as exit_:
        main(["gradcheck", option, value])
    assert exit_.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert re.search(message, err), err


def test_tour_quick_prints_every_section_in_order_and_says_where_the_report_is(capsys, tmp_path):
    code, out, _ = run(capsys, "tour", "--quick", "--out", tmp_path / "report")
    assert code == 0
    titles = [line for line in out.splitlines() if re.match(r"^\d\. ", line)]
    assert [t.split(".")[0] for t in titles] == [str(i) for i in range(1, 10)]
    assert re.search(r"^The tour took \d+\.\d s\.$", out, re.M)
    report = (tmp_path / "report" / "index.html").resolve()
    assert f"figures: {report} (open it in a browser)" in out
    assert report.is_file()


def test_tour_without_matplotlib_is_text_only_and_says_how_to_get_figures(capsys, tmp_path, monkeypatch):
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == "matplotlib" else real_find_spec(name, *args))
    code, out, _ = run(capsys, "tour", "--quick", "--out", tmp_path / "report")
    assert code == 0
    assert 'pip install "glassnet[plot]"' in out
    assert "8. Training" in out
    assert not (tmp_path / "report").exists()


# ---------------------------------------------------------------- help
@pytest.mark.parametrize("command", ["tour", "train", "evaluate", "predict", "gradcheck", "exercises", "check"])
def test_help_on_every_command(capsys, command):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: glassnet {command}")


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for command in ("tour", "train", "evaluate", "predict", "gradcheck"):
        assert command in out


def help_text(capsys, *argv):
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", ["tour", "train", "evaluate", "predict", "gradcheck"])
def test_every_option_has_a_help_text(command):
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    options = subparsers.choices[command]._actions
    assert [a.option_strings or a.dest for a in options if not a.help] == []


def test_train_help_explains_every_data_set_and_every_init(capsys):
    out = help_text(capsys, "train")
    for name in [*datasets.LOADERS, "mnist", "csv"]:
        assert re.search(rf"^  {name} +\S", out, re.M), name  # the name, then what it is
    for name in INITS:
        assert re.search(rf"^  {name} +\S", out, re.M), name


def test_gradcheck_help_says_layers_are_hidden_sizes(capsys):
    out = " ".join(help_text(capsys, "gradcheck").split())
    assert "--layers [N ...] hidden layer sizes, as in train" in out
    assert "--inputs N input size" in out and "--outputs N output size" in out


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"glassnet {glassnet.__version__}\n"


def subprocess_glassnet(*argv, cwd):
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run([sys.executable, "-m", "glassnet.cli", *argv], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=60)


def test_the_module_runs_as_a_program_with_help(tmp_path):
    result = subprocess_glassnet("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: glassnet")


def test_a_user_error_in_a_real_process_is_one_line_and_status_2(tmp_path):
    result = subprocess_glassnet("evaluate", "missing.npz", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "glassnet: error: No model file at missing.npz.\n"


# ---------------------------------------------------------------- user errors
def test_an_unknown_data_set_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["train", "--data", "cifar"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("glassnet train: error: argument --data: invalid choice: 'cifar'")


def test_mnist_without_its_folder_is_a_user_error(capsys):
    code, out, err = run(capsys, "train", "--data", "mnist")
    assert_one_line_user_error(code, out, err, r"^glassnet: error: --data mnist needs --mnist-dir DIR")


def test_mnist_folder_that_does_not_exist_is_a_user_error(capsys, tmp_path):
    code, out, err = run(capsys, "train", "--data", "mnist", "--mnist-dir", tmp_path / "nope")
    assert_one_line_user_error(code, out, err, r"MNIST folder .*nope not found")


def test_csv_without_its_file_is_a_user_error(capsys):
    code, out, err = run(capsys, "train", "--data", "csv")
    assert_one_line_user_error(code, out, err, r"--data csv needs --csv FILE")


def test_a_missing_model_file_is_a_user_error(capsys, tmp_path):
    path = tmp_path / "gone.npz"
    code, out, err = run(capsys, "evaluate", path, "--data", "moons")
    assert_one_line_user_error(code, out, err, rf"No model file at {re.escape(str(path))}")


def test_a_file_that_is_not_a_model_is_a_user_error(capsys, tmp_path):
    path = tmp_path / "notes.npz"
    path.write_text("not a model\n")
    code, out, err = run(capsys, "predict", path, write_csv(tmp_path / "x.csv", [[1.0, 2.0]]))
    expected = rf"{re.escape(str(path))} is not a glassnet model: it is not an .npz archive"
    assert_one_line_user_error(code, out, err, expected)


def test_a_csv_with_text_values_is_a_user_error_naming_row_and_column(moons_model, capsys, tmp_path):
    _, _, model = moons_model
    csv = tmp_path / "bad.csv"
    csv.write_text("1.0,2.0\n3.0,abc\n")
    code, out, err = run(capsys, "predict", model, csv)
    assert_one_line_user_error(code, out, err, rf"{re.escape(str(csv))}, row 2, column 2 holds 'abc', not a "
                                               r"finite number")


def test_a_csv_with_the_wrong_number_of_features_is_a_user_error(moons_model, capsys, tmp_path):
    _, _, model = moons_model
    code, out, err = run(capsys, "predict", model, write_csv(tmp_path / "x.csv", [[1.0, 2.0, 3.0]]))
    assert_one_line_user_error(code, out, err, r"Got X with 3 features, but 2 features were expected")
    assert out == ""


def test_a_missing_csv_of_inputs_is_a_user_error(moons_model, capsys, tmp_path):
    _, _, model = moons_model
    code, out, err = run(capsys, "predict", model, tmp_path / "nothing.csv")
    assert_one_line_user_error(code, out, err, r"No CSV file at .*nothing\.csv")


def test_a_training_csv_whose_last_column_is_not_labels_is_a_user_error(capsys, tmp_path):
    csv = write_csv(tmp_path / "reg.csv", [[0.1, 0.25], [0.2, 0.5], [0.3, 0.75]])
    code, out, err = run(capsys, "train", "--data", "csv", "--csv", csv)
    assert_one_line_user_error(code, out, err, r"reg\.csv, row 1, column 2: the label '0\.25' is not a whole number")


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--learning-rate", "-1"], r"argument --learning-rate: must be > 0, got -1"),
        (["--learning-rate", "inf"], r"argument --learning-rate: must be a finite number, got inf"),
        (["--epochs", "0"], r"argument --epochs: must be >= 1, got 0"),
        (["--epochs", "ten"], r"argument --epochs: expected a whole number >= 1, got 'ten'"),
        (["--batch-size", "0"], r"argument --batch-size: must be >= 1, got 0"),
        (["--patience", "0"], r"argument --patience: must be >= 1, got 0"),
        (["--layers", "30", "0"], r"argument --layers: must be >= 1, got 0"),
        (["--test-size", "1"], r"argument --test-size: must be < 1, got 1"),
        (["--validation-size", "-0.1"], r"argument --validation-size: must be >= 0, got -0.1"),
    ],
)
def test_bad_training_numbers_are_refused_before_anything_is_printed(capsys, option, message):
    with pytest.raises(SystemExit) as exit_:
        main(["train", *option])
    assert exit_.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""  # not even the data set line or the network
    assert err.count("\n") == 1 and err.startswith("glassnet train: error:")
    assert re.search(message, err), err


def test_layers_that_cannot_fit_are_refused_before_allocating_naming_the_size(capsys, monkeypatch):
    monkeypatch.setattr("glassnet._validation.physical_memory", lambda: 24 * 2**30)
    code, out, err = run(capsys, "train", "--layers", "60000", "60000")
    # 64·60000 + 60000 + 60000·60000 + 60000 + 60000·10 + 10 weights and biases, 8 bytes, 4 copies, and
    # the 360 test rows scored at once: 3 arrays of 360 values per neuron
    n_params = 65 * 60000 + 60001 * 60000 + 60001 * 10
    assert 8 * (4 * n_params + 3 * 360 * 120010) == 116_382_806_720
    assert_one_line_user_error(code, out, err, rf"A network of sizes \[64, 60000, 60000, 10\] \({n_params:,} weights "
                                               rf"and biases in float64, trained by sgd, with 360 rows at once\) needs "
                                               rf"116 GB of memory, more than 80% of this machine's 25.8 GB")


def test_one_huge_layer_is_refused_up_front_as_its_activations_count_too(capsys, monkeypatch):
    monkeypatch.setattr("glassnet._validation.physical_memory", lambda: 24 * 2**30)
    code, out, err = run(capsys, "train", "--data", "xor", "--layers", "100000000")
    # 4·10⁸ weights in 4 copies are 12.8 GB, and xor's mini-batch of its 4 rows 4 · 4 · 10⁸ values more:
    # 25.6 GB (the old estimate, the weights alone, said 12.8 GB and let it start and be killed)
    assert_one_line_user_error(code, out, err, r"A network of sizes \[2, 100000000, 1\] \(400,000,001 weights and "
                                               r"biases in float64, trained by sgd, with 4 rows at once\) needs "
                                               r"25.6 GB")


def test_divergence_is_a_one_line_user_error_that_suggests_a_smaller_learning_rate(tmp_path):
    # MSE with a linear output can grow without bound: η = 1e6 overflows within a few dozen epochs.
    # A real process, so that a stray numpy warning shows up on stderr as the user would see it.
    result = subprocess_glassnet("train", "--data", "xor", "--layers", "3", "--output-activation", "identity",
                                 "--loss", "mse", "--learning-rate", "1e6", "--epochs", "100", "--out", "never.npz",
                                 cwd=tmp_path)
    assert result.returncode == 2
    assert re.fullmatch(r"glassnet: error: Training diverged in epoch \d+: .*smaller learning rate than 1e\+06\.\n",
                        result.stderr), result.stderr
    assert not (tmp_path / "never.npz").exists()


# ---------------------------------------------------------------- files: checked first, errors in one line
@pytest.fixture
def read_only(monkeypatch, tmp_path):
    """A folder where nothing can be created, whoever runs the tests (root ignores permission bits,
    so the refusal is simulated at os.open and os.mkdir, where the system would refuse)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    real_open, real_mkdir = os.open, os.mkdir

    def refuse(path):
        raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))

    def fake_open(path, flags, *args, **kwargs):
        inside = folder in (Path(path), Path(path).parent)  # (O_TMPFILE opens the folder itself)
        if inside and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    def fake_mkdir(path, *args, **kwargs):
        if Path(path).parent == folder:
            refuse(path)
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "mkdir", fake_mkdir)
    return folder


@pytest.mark.parametrize(("out", "message"), [
    ("{tmp}", r"--out {tmp} is a folder; give a file name, such as {tmp}/model\.npz"),
    ("", r"--out '' names no file; give a file name such as model\.npz"),
    ("{tmp}/no-such-folder/m.npz", r"--out {tmp}/no-such-folder/m.npz: Cannot save to .*: the folder "
                                   r"{tmp}/no-such-folder does not exist"),
    ("{tmp}/a-file/m.npz", r"{tmp}/a-file is a file, not a folder"),
    ("{tmp}/a-pipe", r"--out {tmp}/a-pipe: Cannot save to .*: it is a FIFO, not a regular file"),
])
def test_train_out_is_checked_before_any_work(capsys, tmp_path, out, message):
    (tmp_path / "a-file").write_text("")
    os.mkfifo(tmp_path / "a-pipe")  # (never a real device: saving over /dev/null as root would replace it)
    out = out.format(tmp=tmp_path)
    code, stdout, err = run(capsys, "train", "--data", "xor", "--out", out)
    assert_one_line_user_error(code, stdout, err, message.format(tmp=re.escape(str(tmp_path))))
    assert stdout == ""  # not a line of training


def test_train_out_in_a_read_only_folder_is_refused_before_training(capsys, read_only):
    code, out, err = run(capsys, "train", "--data", "xor", "--out", read_only / "m.npz")
    assert_one_line_user_error(code, out, err, rf"--out .*m\.npz: cannot write in the folder "
                                               rf"{re.escape(str(read_only))} \(Permission denied\)")
    assert out == ""


def test_a_full_disk_while_saving_is_one_line_and_leaves_no_file(capsys, tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    model = tmp_path / "m.npz"
    code, out, err = run(capsys, "train", "--data", "xor", "--epochs", "1", "--out", model)
    assert_one_line_user_error(code, out, err, rf"^glassnet: error: Could not save the model to "
                                               rf"{re.escape(str(model))}: No space left on device; nothing "
                                               rf"was written\.$")
    assert list(tmp_path.iterdir()) == []  # no model, no temporary file


def test_evaluate_an_unreadable_model_is_one_line(capsys, moons_model, monkeypatch):
    _, _, path = moons_model
    real_open = io.open

    def fake_open(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", fake_open)
    code, out, err = run(capsys, "evaluate", path)
    assert_one_line_user_error(code, out, err, rf"^glassnet: error: {re.escape(str(path))}: Permission denied$")


def test_tour_out_an_existing_file_is_refused(capsys, tmp_path):
    (tmp_path / "report").write_text("")
    code, out, err = run(capsys, "tour", "--quick", "--out", tmp_path / "report")
    assert_one_line_user_error(code, out, err, r"--out .*report is a file; give the name of a folder to write into")
    assert out == ""


def test_tour_out_in_a_read_only_folder_is_refused_before_the_tour(capsys, read_only):
    code, out, err = run(capsys, "tour", "--quick", "--out", read_only / "report")
    assert_one_line_user_error(code, out, err, rf"cannot write in the folder {re.escape(str(read_only))} "
                                               r"\(Permission denied\)")
    assert out == ""


def test_exercises_into_a_read_only_folder_is_one_line(capsys, read_only):
    code, out, err = run(capsys, "exercises", read_only / "work")
    assert_one_line_user_error(code, out, err, r"Permission denied")
    assert not (read_only / "work").exists()


def test_exercises_into_an_empty_name_is_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "exercises", "")
    assert_one_line_user_error(code, out, err, r"exercises '' names no folder")
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_while_training_says_no_model_was_saved(capsys, tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(NeuralNetwork, "fit", interrupted)
    code, _, err = run(capsys, "train", "--data", "xor", "--out", tmp_path / "m.npz")
    assert code == 130
    assert err == "glassnet: interrupted; no model was saved\n"
    assert not (tmp_path / "m.npz").exists()


def read_one_line_then_close(*argv, cwd):
    """Run glassnet, read one line of its output and close the pipe, as ``glassnet ... | head -1`` does."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    with subprocess.Popen([sys.executable, "-m", "glassnet.cli", *argv], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env, cwd=cwd) as process:
        first = process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read().decode()
        return first.decode(), process.wait(timeout=60), err


def test_predict_into_a_closed_pipe_ends_quietly(moons_model, tmp_path):
    _, _, model = moons_model
    write_csv(tmp_path / "many.csv", np.random.default_rng(0).uniform(-1, 2, size=(20000, 2)))
    first, code, err = read_one_line_then_close("predict", model, "many.csv", "--proba", cwd=tmp_path)
    assert first == "0,1\n"  # the header; 20000 more lines (> 64 kB) cannot all fit in the pipe
    assert err == "" and code == 1


def test_train_into_a_closed_pipe_ends_quietly(tmp_path):
    first, code, err = read_one_line_then_close("train", "--data", "xor", "--epochs", "3000", "--batch-size", "4",
                                                "--layers", "2", cwd=tmp_path)
    assert first.startswith("xor: 4 samples")
    assert err == "" and code == 1


def test_a_validation_part_that_leaves_too_little_to_train_on_is_refused(capsys, tmp_path):
    csv = write_csv(tmp_path / "five.csv", [[0, 0, 0], [1, 1, 1], [2, 2, 0], [3, 3, 1], [4, 4, 0]])
    code, out, err = run(capsys, "train", "--csv", csv, "--validation-size", "0.6")  # 4 training rows, 3 to validate
    assert_one_line_user_error(code, out, err, r"--validation-size 0.6 of the 4 training samples leaves too few to "
                                               r"train on")


def test_an_output_path_the_system_cannot_take_is_one_line_before_any_work(capsys, tmp_path):
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    for out, reason in ((tmp_path / "loop1", "Too many levels of symbolic links"),
                        (tmp_path / ("x" * 300 + ".npz"), "File name too long")):
        code, stdout, err = run(capsys, "train", "--data", "xor", "--out", out)
        assert_one_line_user_error(code, stdout, err, rf"^glassnet: error: --out .*: {reason}; choose another path\.$")
        assert stdout == ""  # before any work


# ---------------------------------------------------------------- doctor
def test_doctor_on_a_healthy_recipe_exits_0_and_says_so(capsys):
    code, out, _ = run(capsys, "doctor", "--data", "moons", "--layers", "16", "16", "--activation", "relu")
    assert code == 0
    assert "diagnosing on 144 examples of moons" in out
    assert "2-16-16-1 network (relu, relu, sigmoid)" in out and "SGD at η = 0.1, batch 10" in out  # train's defaults
    assert "no problem found" in out and "PROBLEM" not in out and "WARNING" not in out


def test_doctor_on_a_rate_of_200_exits_1_naming_the_code_and_writes_the_page(capsys, tmp_path):
    code, out, _ = run(capsys, "doctor", "--data", "digits", "--learning-rate", "200", "--html", tmp_path / "d.html")
    assert code == 1
    assert "PROBLEM: learning-rate-too-high" in out
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "<code>learning-rate-too-high</code>" in page and f"page written to {tmp_path / 'd.html'}" in out


def test_doctor_on_a_model_from_train_uses_the_rows_it_was_trained_on(capsys, tmp_path):
    model = tmp_path / "m.npz"
    assert run(capsys, "train", "--data", "digits", "--epochs", "2", "--seed", "3", "--out", model)[0] == 0
    code, out, _ = run(capsys, "doctor", model)
    assert code in (0, 1)
    X_train, _, _, _ = datasets.load("digits", seed=3)  # train's split: the test part held out first
    assert f"diagnosing on {len(X_train)} examples of digits, the part {model} was trained on" in out
    assert "64-30-10 network" in out


def test_doctor_on_a_playground_download_regenerates_its_points_and_uses_its_recipe(capsys, tmp_path):
    from glassnet.playground.session import Session
    from glassnet.playground.settings import Settings

    session = Session(Settings.from_dict({"dataset": "spiral", "layers": [8, 8], "learning_rate": 0.3,
                                          "batch_size": 5}))
    try:
        session.train(3)
        (tmp_path / "playground.npz").write_bytes(session.model_file())
    finally:
        session.close()
    code, out, _ = run(capsys, "doctor", tmp_path / "playground.npz")
    assert code in (0, 1)
    assert "examples of the playground's spiral data" in out
    assert "SGD at η = 0.3, batch 5" in out  # the recipe the page used, as the model records it
    code, out, _ = run(capsys, "doctor", tmp_path / "playground.npz", "--learning-rate", "0.01")
    assert "SGD at η = 0.01, batch 5" in out  # an option given wins over the record


@pytest.mark.parametrize(("argv", "message"), [
    (["doctor", "missing.npz"], "No model file at missing.npz"),
    (["doctor", "--data", "moons", "--html", "/nonexistent/d.html"], "--html /nonexistent/d.html: .*does not exist"),
])
def test_doctor_usage_and_file_errors_are_one_line_and_exit_2(capsys, tmp_path, argv, message):
    code, out, err = run(capsys, *argv)
    assert_one_line_user_error(code, out, err, message)


def test_doctor_usage_mistakes_are_argparse_one_liners(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["doctor", "--data", "moons", "--batch-size", "0"])
    _, err = capsys.readouterr()
    assert exit_.value.code == 2 and err.count("\n") == 1
    assert "glassnet doctor: error: argument --batch-size: must be >= 1, got 0" in err


def test_doctor_refuses_network_options_with_a_saved_model_and_needs_data_without_a_record(capsys, tmp_path):
    net = NeuralNetwork([2, 3, 1], loss="cross-entropy", seed=0)
    net.save(tmp_path / "bare.npz")
    assert_one_line_user_error(*run(capsys, "doctor", tmp_path / "bare.npz", "--layers", "5"),
                               "--layers describes a network to build; .* has its own")
    assert_one_line_user_error(*run(capsys, "doctor", tmp_path / "bare.npz"),
                               "keeps no record of the data it was trained on; give --data")
    code, out, _ = run(capsys, "doctor", tmp_path / "bare.npz", "--data", "moons")
    assert code in (0, 1) and "moons (the model keeps no record of its own data)" in out


def test_doctor_takes_trains_command_line_as_it_is_but_out(capsys, tmp_path):
    """train's options all work after ``glassnet doctor`` (a recipe is diagnosed by changing one word)
    but --out, which the doctor refuses: it saves no model."""
    train_options = ["--data", "xor", "--layers", "3", "--epochs", "100", "--patience", "3", "--verbose",
                     "--batch-size", "4", "--optimizer", "sgd", "--learning-rate", "2", "--seed", "0"]
    code, out, _ = run(capsys, "doctor", *train_options)
    assert code in (0, 1) and "glassnet doctor: 2-3-1 network" in out
    with pytest.raises(SystemExit) as stop:
        main(["doctor", *train_options, "--out", str(tmp_path / "m.npz")])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "--out" in err and "saves no model" in err and "--html FILE" in err
    assert not (tmp_path / "m.npz").exists()
