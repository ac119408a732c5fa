"""The glassnet command: train, evaluate, predict, gradcheck, tour; help everywhere; one-line user errors."""

import contextlib
import gzip
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
from glassnet.cli import main
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


# ---------------------------------------------------------------- train
def test_train_prints_each_epoch_the_test_accuracy_and_where_the_model_went(moons_model):
    code, out, path = moons_model
    assert code == 0
    assert [line.split("  ")[0] for line in out.splitlines() if line.startswith("epoch ")] == [
        "epoch 1/3", "epoch 2/3", "epoch 3/3"]
    assert re.search(r"^moons: 160 training and 40 test samples, 2 classes$", out, re.M)  # 200 split 80/20
    assert re.search(r"^test accuracy \d+\.\d\d% \(\d+/40\)$", out, re.M)
    assert f"model saved to {path}" in out
    assert path.is_file()


def test_the_trained_model_loads_and_scores_what_train_printed(moons_model):
    _, out, path = moons_model
    net = NeuralNetwork.load(path)
    assert net.sizes == [2, 5, 2] and len(net.history_.loss) == 3
    _, _, X_test, y_test = datasets.load("moons", seed=0)
    accuracy = net.score(X_test, y_test)
    assert f"test accuracy {accuracy:.2%} ({round(accuracy * 40)}/40)" in out


def test_evaluate_prints_the_accuracy_train_printed(moons_model, capsys):
    _, train_out, path = moons_model
    code, out, _ = run(capsys, "evaluate", path, "--data", "moons")
    assert code == 0
    printed_by_train = re.search(r"^test accuracy (.*)$", train_out, re.M).group(1)
    assert re.search(r"^test accuracy (.*)$", out, re.M).group(1) == printed_by_train
    net = NeuralNetwork.load(path)
    _, _, X_test, y_test = datasets.load("moons", seed=0)
    assert f"loss {net.cost(X_test, y_test):.4f}" in out


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
    rows = np.array([[float(v) for v in line.split(",")] for line in out.splitlines()])
    assert rows.shape == (5, 3)
    np.testing.assert_allclose(rows.sum(axis=1), 1.0, atol=1e-5)  # printed to 6 significant digits
    np.testing.assert_allclose(rows, NeuralNetwork.load(model).predict_proba(X), rtol=1e-5)


def test_predict_proba_rows_of_the_default_model_are_probabilities(moons_model, capsys, tmp_path):
    _, _, path = moons_model  # sigmoid outputs, one per class: independent yes/no, not a distribution
    X = np.random.default_rng(6).uniform(-1, 2, size=(5, 2))
    code, out, _ = run(capsys, "predict", path, write_csv(tmp_path / "inputs.csv", X), "--proba")
    assert code == 0
    rows = np.array([[float(v) for v in line.split(",")] for line in out.splitlines()])
    np.testing.assert_allclose(rows.sum(axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("header", [None, "feature_a,feature_b,label"])
def test_train_on_a_csv_file_with_or_without_a_header(capsys, tmp_path, header):
    X, y = datasets.blobs(50, noise=0.3, seed=1)
    csv = write_csv(tmp_path / "points.csv", np.column_stack([X, y]), header=header)
    out_path = tmp_path / "csv-model.npz"
    code, out, _ = run(capsys, "train", "--data", "csv", "--csv", csv, "--epochs", "20", "--layers", "3",
                       "--learning-rate", "1.0", "--out", out_path)
    assert code == 0
    assert "csv: 40 training and 10 test samples, 2 classes" in out  # 50 rows, test_size 0.2
    assert re.search(r"^test accuracy 100.00% \(10/10\)$", out, re.M)  # blobs are linearly separable
    assert NeuralNetwork.load(out_path).sizes == [2, 3, 2]


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
    assert "mnist: 8 training and 3 test samples, 3 classes" in out
    assert re.search(r"^test accuracy .* \(\d/3\)$", out, re.M)
    assert NeuralNetwork.load(out_path).sizes == [12, 4, 3]  # 4×3 pixels in, 3 classes out


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


def test_tour_quick_prints_every_section_in_order_and_says_where_the_report_is(capsys, tmp_path):
    code, out, _ = run(capsys, "tour", "--quick", "--out", tmp_path / "report")
    assert code == 0
    titles = [line for line in out.splitlines() if re.match(r"^\d\. ", line)]
    assert [t.split(".")[0] for t in titles] == [str(i) for i in range(1, 9)]
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


def test_a_csv_with_text_values_is_a_user_error(moons_model, capsys, tmp_path):
    _, _, model = moons_model
    csv = tmp_path / "bad.csv"
    csv.write_text("1.0,2.0\n3.0,abc\n")
    code, out, err = run(capsys, "predict", model, csv)
    assert_one_line_user_error(code, out, err, rf"{re.escape(str(csv))} is not a CSV file of numbers")


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
    assert_one_line_user_error(code, out, err, r"The last column of .*reg\.csv must hold class labels 0, 1, 2")


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--learning-rate", "-1"], r"learning_rate must be > 0, got -1.0"),
        (["--epochs", "0"], r"epochs must be >= 1, got 0"),
        (["--batch-size", "0"], r"batch_size must be >= 1, got 0"),
        (["--patience", "0"], r"patience must be >= 1, got 0"),
    ],
)
def test_bad_training_numbers_are_user_errors(capsys, option, message):
    code, out, err = run(capsys, "train", "--data", "xor", *option)
    assert_one_line_user_error(code, out, err, message)


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
