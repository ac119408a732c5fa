"""NeuralNetwork.save / load: one .npz of arrays plus JSON metadata, never pickle, written atomically."""

import json
import os
import re
import zipfile

import numpy as np
import pytest

import glassnet
from glassnet import datasets
from glassnet.activations import ReLU, Sigmoid, Softmax, Tanh
from glassnet.layers import Dense
from glassnet.losses import CategoricalCrossEntropy, CrossEntropy
from glassnet.network import NeuralNetwork


def trained(dtype=np.float64):
    X, y = datasets.moons(40, noise=0.2, seed=0)
    net = NeuralNetwork([2, 5, 4, 1], activation=Tanh, output_activation=Sigmoid, loss=CrossEntropy,
                        seed=3, dtype=dtype)
    net.fit(X, y, epochs=3, batch_size=8, learning_rate=0.5, validation_data=(X[:10], y[:10]))
    return net, X


def names(path):
    """re.escape of the file's path, for match=: every load error names the file."""
    return re.escape(str(path))


# ---------------------------------------------------------------- round trip
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_round_trip_gives_bit_identical_outputs_and_the_same_description(tmp_path, dtype):
    net, X = trained(dtype)
    path = net.save(tmp_path / "model.npz")
    assert path == tmp_path / "model.npz"
    loaded = NeuralNetwork.load(path)
    np.testing.assert_array_equal(loaded.run(X), net.run(X))
    np.testing.assert_array_equal(loaded.predict(X), net.predict(X))
    assert loaded.run(X).dtype == np.dtype(dtype) and loaded.dtype == np.dtype(dtype)
    assert loaded.sizes == [2, 5, 4, 1]
    assert [layer.activation for layer in loaded.layers] == [Tanh, Tanh, Sigmoid]
    assert [layer.init for layer in loaded.layers] == [layer.init for layer in net.layers]
    assert loaded.loss is CrossEntropy and loaded.seed == 3
    for a, b in zip(net.layers, loaded.layers, strict=True):
        assert a.W.dtype == b.W.dtype == np.dtype(dtype)
        np.testing.assert_array_equal(a.W, b.W)
        np.testing.assert_array_equal(a.b, b.b)
    assert loaded.history_ == net.history_  # every float of the History survives JSON exactly


def test_round_trip_keeps_each_layers_own_activation_and_init(tmp_path):
    net = NeuralNetwork([Dense(3, 4, ReLU, init="he", seed=0), Dense(4, 4, Tanh, init="normal", seed=1),
                         Dense(4, 2, Softmax, init="scaled", seed=2)], loss=CategoricalCrossEntropy)
    loaded = NeuralNetwork.load(net.save(tmp_path / "mixed.npz"))
    assert [(layer.activation, layer.init) for layer in loaded.layers] == [
        (ReLU, "he"), (Tanh, "normal"), (Softmax, "scaled")]
    assert loaded.loss is CategoricalCrossEntropy
    X = np.random.default_rng(0).normal(size=(6, 3))
    np.testing.assert_array_equal(loaded.predict_proba(X), net.predict_proba(X))


def test_an_untrained_network_round_trips_without_a_history(tmp_path):
    net = NeuralNetwork([2, 3, 1], seed=0)
    loaded = NeuralNetwork.load(net.save(tmp_path / "fresh.npz"))
    assert not hasattr(loaded, "history_")
    np.testing.assert_array_equal(loaded.run([[0.5, -0.5]]), net.run([[0.5, -0.5]]))


def test_a_loaded_network_can_go_on_training(tmp_path):
    net, X = trained()
    y = net.predict(X)
    loaded = NeuralNetwork.load(net.save(tmp_path / "model.npz"))
    history = loaded.fit(X, y, epochs=2, batch_size=8, learning_rate=0.5)
    assert len(history.loss) == 2 and loaded.history_ is history


def test_save_accepts_a_string_path_and_a_name_without_npz(tmp_path):
    net, X = trained()
    path = net.save(str(tmp_path / "model"))  # no suffix added: the file is where it was asked to be
    assert path.name == "model" and path.is_file()
    np.testing.assert_array_equal(NeuralNetwork.load(str(path)).run(X), net.run(X))


# ---------------------------------------------------------------- the file itself
def test_the_file_is_a_zip_of_npy_arrays_and_loads_without_pickle(tmp_path):
    net, _ = trained()
    path = net.save(tmp_path / "model.npz")
    with zipfile.ZipFile(path) as archive:
        members = set(archive.namelist())
    # three layers: W0 b0 W1 b1 W2 b2, plus the metadata string
    assert members == {f"{name}{i}.npy" for i in range(3) for name in "Wb"} | {"metadata.npy"}
    with np.load(path, allow_pickle=False) as arrays:
        for i, layer in enumerate(net.layers):
            np.testing.assert_array_equal(arrays[f"W{i}"], layer.W)
            np.testing.assert_array_equal(arrays[f"b{i}"], layer.b)
        assert arrays["metadata"].dtype.kind == "U"  # a plain string, not a pickled object


def test_the_metadata_is_json_with_what_a_reader_needs(tmp_path):
    net, _ = trained()
    with np.load(net.save(tmp_path / "model.npz"), allow_pickle=False) as arrays:
        metadata = json.loads(str(arrays["metadata"]))
    assert metadata["format"] == "glassnet-model"
    assert metadata["glassnet_version"] == glassnet.__version__
    assert metadata["sizes"] == [2, 5, 4, 1]
    assert metadata["activations"] == ["tanh", "tanh", "sigmoid"]
    assert metadata["loss"] == "cross-entropy" and metadata["dtype"] == "float64"
    assert metadata["inits"] == ["glorot", "glorot", "glorot"]
    assert metadata["history"]["loss"] == net.history_.loss


# ---------------------------------------------------------------- atomic save
def test_saving_over_a_model_replaces_it(tmp_path):
    old, X = trained()
    new = NeuralNetwork([2, 5, 4, 1], activation=Tanh, output_activation=Sigmoid, seed=99)
    old.save(tmp_path / "model.npz")
    new.save(tmp_path / "model.npz")
    np.testing.assert_array_equal(NeuralNetwork.load(tmp_path / "model.npz").run(X), new.run(X))
    assert os.listdir(tmp_path) == ["model.npz"]  # no temporary file left behind


@pytest.mark.parametrize("fail_in", ["savez", "replace"])
def test_a_crash_mid_save_leaves_the_old_model_intact_and_no_temporary_file(tmp_path, monkeypatch, fail_in):
    old, X = trained()
    path = old.save(tmp_path / "model.npz")
    before = path.read_bytes()

    real_savez = np.savez

    def half_written_savez(file, *args, **kwargs):
        file.write(b"PK\x03\x04 half a zip")  # some bytes reach the disk, then the crash
        raise OSError("disk full")

    def crashing_replace(src, dst):
        raise OSError("power cut")

    if fail_in == "savez":
        monkeypatch.setattr(np, "savez", half_written_savez)
    else:
        monkeypatch.setattr(np, "savez", real_savez)
        monkeypatch.setattr(os, "replace", crashing_replace)
    new = NeuralNetwork([2, 5, 4, 1], activation=Tanh, output_activation=Sigmoid, seed=99)
    with pytest.raises(OSError, match=r"disk full|power cut"):
        new.save(path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["model.npz"]
    np.testing.assert_array_equal(NeuralNetwork.load(path).run(X), old.run(X))


# ---------------------------------------------------------------- load errors
def test_a_missing_file_is_a_file_not_found_error_naming_it(tmp_path):
    path = tmp_path / "nowhere.npz"
    with pytest.raises(FileNotFoundError, match=rf"No model file at {names(path)}"):
        NeuralNetwork.load(path)


def test_a_text_file_is_not_a_readable_model(tmp_path):
    path = tmp_path / "notes.npz"
    path.write_text("layers: 2 3 1\n")
    with pytest.raises(ValueError, match=rf"{names(path)} is not a glassnet model: it is not an .npz archive"):
        NeuralNetwork.load(path)


def test_a_truncated_model_is_not_a_readable_model(tmp_path):
    net, _ = trained()
    path = net.save(tmp_path / "model.npz")
    data = path.read_bytes()
    cut = tmp_path / "cut.npz"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match=rf"{names(cut)} is not a readable glassnet model"):
        NeuralNetwork.load(cut)


def test_a_model_with_a_flipped_byte_in_an_array_is_reported(tmp_path):
    # np.savez does not compress, so corrupting the stored bytes makes the zip's CRC check fail.
    net, _ = trained()
    path = net.save(tmp_path / "model.npz")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("W0.npy")
    # A local zip header is 30 bytes, then the name and an extra field whose lengths it stores at 26 and 28.
    start = info.header_offset
    name_length, extra_length = (int.from_bytes(data[start + k:start + k + 2], "little") for k in (26, 28))
    data[start + 30 + name_length + extra_length + info.file_size - 1] ^= 0xFF  # the last byte of W0's values
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError, match=rf"{names(path)} is not a readable glassnet model"):
        NeuralNetwork.load(path)


def test_a_foreign_npz_without_metadata_is_not_a_glassnet_model(tmp_path):
    path = tmp_path / "weights.npz"
    np.savez(path, W0=np.ones((2, 3)))
    with pytest.raises(ValueError, match=rf"{names(path)} is an .npz archive but not a glassnet model"):
        NeuralNetwork.load(path)


def test_an_npz_with_metadata_of_another_format_is_not_a_glassnet_model(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, metadata=np.array(json.dumps({"format": "keras-model", "sizes": [2, 1]})), W0=np.ones((2, 1)))
    with pytest.raises(ValueError, match=rf"{names(path)} is not a glassnet model \(its metadata names no glassnet"):
        NeuralNetwork.load(path)


def test_metadata_that_is_not_json_is_not_a_readable_model(tmp_path):
    path = tmp_path / "odd.npz"
    np.savez(path, metadata=np.array("sizes=2,3,1"))
    with pytest.raises(ValueError, match=rf"{names(path)} is not a readable glassnet model"):
        NeuralNetwork.load(path)


def real_metadata_and_arrays(tmp_path):
    net = NeuralNetwork([2, 3, 1], seed=0)
    with np.load(net.save(tmp_path / "real.npz"), allow_pickle=False) as archive:
        return str(archive["metadata"]), {name: archive[name] for name in archive.files if name != "metadata"}


def test_a_model_whose_weights_have_the_wrong_shape_is_damaged(tmp_path):
    metadata, arrays = real_metadata_and_arrays(tmp_path)
    arrays["W0"] = np.ones((3, 3))  # the metadata says 2 inputs, 3 neurons: W0 must be (2, 3)
    path = tmp_path / "damaged.npz"
    np.savez(path, metadata=np.array(metadata), **arrays)
    with pytest.raises(ValueError, match=rf"{names(path)} is a damaged glassnet model: "
                                         r"W0 has shape \(3, 3\), expected \(2, 3\)"):
        NeuralNetwork.load(path)


def test_a_model_with_an_array_missing_is_damaged(tmp_path):
    metadata, arrays = real_metadata_and_arrays(tmp_path)
    del arrays["b1"]
    path = tmp_path / "missing.npz"
    np.savez(path, metadata=np.array(metadata), **arrays)
    with pytest.raises(ValueError, match=rf"{names(path)} is a damaged glassnet model: .*b1"):
        NeuralNetwork.load(path)


def test_a_model_with_an_unknown_activation_is_damaged(tmp_path):
    metadata, arrays = real_metadata_and_arrays(tmp_path)
    fields = json.loads(metadata)
    fields["activations"] = ["sigmoid", "swish"]
    path = tmp_path / "swish.npz"
    np.savez(path, metadata=np.array(json.dumps(fields)), **arrays)
    with pytest.raises(ValueError, match=rf"{names(path)} is a damaged glassnet model: Unknown activation 'swish'"):
        NeuralNetwork.load(path)


def test_an_npy_file_is_not_a_glassnet_model(tmp_path):
    path = tmp_path / "array.npy"
    np.save(path, np.arange(6.0))
    with pytest.raises(ValueError, match=rf"{names(path)} is not a glassnet model: it is a single .npy array"):
        NeuralNetwork.load(path)
