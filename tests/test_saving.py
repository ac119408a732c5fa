"""saving: one .npz of arrays plus JSON metadata, never pickle, written atomically, read distrustfully."""

import io
import json
import os
import pickle
import re
import tracemalloc
import zipfile

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import glassnet
from glassnet import datasets
from glassnet.activations import ACTIVATIONS, ReLU, Sigmoid, Softmax, Tanh
from glassnet.layers import Dense
from glassnet.losses import LOSSES, CategoricalCrossEntropy, CrossEntropy, Loss
from glassnet.network import NeuralNetwork
from learners import LeakyReLU


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
    with pytest.raises(ValueError, match=rf"{names(path)} is not a glassnet model: it is an .npz archive "
                                         r"without a 'metadata' entry"):
        NeuralNetwork.load(path)


def test_an_npz_with_metadata_of_another_format_is_not_a_glassnet_model(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, metadata=np.array(json.dumps({"format": "keras-model", "sizes": [2, 1]})), W0=np.ones((2, 1)))
    with pytest.raises(ValueError, match=rf"{names(path)} is not a glassnet model: its metadata names no glassnet"):
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
    with pytest.raises(ValueError, match=rf"{names(path)} is a damaged glassnet model: unknown activation 'swish' "
                                         rf"for layer 1; registered: {', '.join(sorted(ACTIVATIONS))}"):
        NeuralNetwork.load(path)


def test_an_npy_file_is_not_a_glassnet_model(tmp_path):
    path = tmp_path / "array.npy"
    np.save(path, np.arange(6.0))
    with pytest.raises(ValueError, match=rf"{names(path)} is not a glassnet model: it is a single .npy array"):
        NeuralNetwork.load(path)


# ---------------------------------------------------------------- damaged files, built here byte by byte
def real_file(tmp_path, name="real.npz"):
    return NeuralNetwork([2, 3, 1], seed=0).save(tmp_path / name)


def npy_bytes(array, allow_pickle=False):
    """What np.save writes for ``array``: one .npy member of an .npz archive."""
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=allow_pickle)
    return buffer.getvalue()


def rewrite(src, dst, *, replace=None, drop=(), add=None, compression=zipfile.ZIP_STORED):
    """Copy the zip archive ``src`` to ``dst`` member by member: some members' bytes replaced,
    some dropped, some added."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", compression=compression) as new:
        for info in old.infolist():
            if info.filename not in drop:
                new.writestr(info.filename, replace.get(info.filename, old.read(info.filename)))
        for name, data in add.items():
            new.writestr(name, data)
    return dst


def with_metadata(tmp_path, edit, name="edited.npz"):
    """A real model file whose metadata went through ``edit(dict)``, which changes it in place."""
    real = real_file(tmp_path)
    with np.load(real, allow_pickle=False) as archive:
        metadata = json.loads(str(archive["metadata"]))
    edit(metadata)
    text = npy_bytes(np.array(json.dumps(metadata)))
    return rewrite(real, tmp_path / name, replace={"metadata.npy": text})


def central_entry(data, member):
    """Offset of ``member``'s record in the zip's central directory (signature PK\\1\\2, name at +46)."""
    start = 0
    while (start := data.find(b"PK\x01\x02", start + 1)) != -1:
        name_length = int.from_bytes(data[start + 28:start + 30], "little")
        if data[start + 46:start + 46 + name_length] == member.encode():
            return start
    raise AssertionError(f"{member} not in the central directory")


def test_a_member_that_is_raw_bytes_not_npy_is_damaged(tmp_path):
    path = rewrite(real_file(tmp_path), tmp_path / "raw.npz", replace={"W0.npy": b"these are not .npy bytes"})
    with pytest.raises(ValueError, match=rf"{names(path)} is a damaged glassnet model: its entry W0.npy is not "
                                         r"a \.npy array"):
        NeuralNetwork.load(path)


@pytest.mark.parametrize(("field", "offset", "value", "message"), [
    ("flags", 8, 0x0001, r"its entry metadata\.npy is encrypted"),  # the 'encrypted' bit
    ("method", 10, 8, r"is not a readable glassnet model"),  # says deflated, but the bytes are stored
    ("method", 10, 99, r"its entry metadata\.npy uses compression method 99"),  # AES: not a zip glassnet reads
])
def test_a_flipped_zip_field_is_a_value_error_naming_the_file(tmp_path, field, offset, value, message):
    data = bytearray(real_file(tmp_path).read_bytes())
    entry = central_entry(data, "metadata.npy")
    old = int.from_bytes(data[entry + offset:entry + offset + 2], "little")
    data[entry + offset:entry + offset + 2] = (old | value if field == "flags" else value).to_bytes(2, "little")
    path = tmp_path / "flipped.npz"
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError, match=rf"{names(path)} .*{message}"):
        NeuralNetwork.load(path)


def test_a_pickled_object_member_is_refused_and_never_unpickled(tmp_path):
    unpickled = []

    class Marker:
        def __reduce__(self):
            return unpickled.append, (True,)

    data = npy_bytes(np.array([Marker()], dtype=object), allow_pickle=True)
    assert b"append" in data  # the payload really is a pickle that would call unpickled.append
    path = rewrite(real_file(tmp_path), tmp_path / "pickle.npz", replace={"b0.npy": data})
    with pytest.raises(ValueError, match=rf"{names(path)} is a damaged glassnet model: b0 is stored as object"):
        NeuralNetwork.load(path)
    assert unpickled == []
    pickle.dumps(Marker())  # (the class is picklable: the refusal above is the loader's doing)


def test_a_member_glassnet_never_writes_is_refused(tmp_path):
    path = rewrite(real_file(tmp_path), tmp_path / "extra.npz", add={"W7.npy": npy_bytes(np.ones(2))})
    with pytest.raises(ValueError, match=rf"{names(path)} is a damaged glassnet model: .*W7\.npy"):
        NeuralNetwork.load(path)


def test_a_member_with_more_data_than_its_header_announces_is_damaged(tmp_path):
    path = rewrite(real_file(tmp_path), tmp_path / "long.npz",
                   replace={"b0.npy": npy_bytes(np.zeros(3)) + b"\0" * 8})
    with pytest.raises(ValueError, match=rf"{names(path)} is a damaged glassnet model: its entry b0\.npy holds"):
        NeuralNetwork.load(path)


def test_metadata_claiming_a_big_layer_allocates_nothing_before_the_shapes_are_checked(tmp_path):
    # A 2-3-1 file whose metadata claims 6000 inputs and 6000 outputs: the W0 it holds is (2, 3).
    def big(m):
        m.update(sizes=[6000, 6000], activations=["sigmoid"], inits=["glorot"])

    path = rewrite(with_metadata(tmp_path, big), tmp_path / "big.npz", drop=("W1.npy", "b1.npy"))
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match=rf"{names(path)} is a damaged glassnet model: "
                                             r"W0 has shape \(2, 3\), expected \(6000, 6000\)"):
            NeuralNetwork.load(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 * 2**20  # bytes; one 6000×6000 float64 array alone would be 288 MB


def test_metadata_claiming_more_weights_than_glassnet_loads_is_refused_by_the_count(tmp_path):
    def huge(m):
        m.update(sizes=[10**6, 10**6], activations=["sigmoid"], inits=["glorot"])

    path = with_metadata(tmp_path, huge)
    with pytest.raises(ValueError, match=rf"{names(path)} is a damaged glassnet model: 'sizes' \[1000000, 1000000\] "
                                         r"claims 1,000,001,000,000 weights and biases, more than glassnet loads"):
        NeuralNetwork.load(path)


@pytest.mark.parametrize(("bad", "message"), [
    (np.nan, r"W0 holds NaN or infinite values"),
    (np.inf, r"W0 holds NaN or infinite values"),
    (1j, r"W0 is stored as complex128, but the metadata says float64"),
])
def test_non_finite_or_complex_weights_are_refused(tmp_path, bad, message):
    real = real_file(tmp_path)
    with np.load(real) as archive:
        W0 = archive["W0"] + 0 * bad  # complex stays complex, NaN and inf stay real
    W0[0, 0] = bad
    path = rewrite(real, tmp_path / "bad.npz", replace={"W0.npy": npy_bytes(W0)})
    with pytest.raises(ValueError, match=rf"{names(path)} is a damaged glassnet model: {message}"):
        NeuralNetwork.load(path)


def test_a_file_from_a_newer_format_is_refused_with_what_to_do(tmp_path):
    path = with_metadata(tmp_path, lambda m: m.update(format_version=99))
    with pytest.raises(ValueError, match=rf"{names(path)} was written by a newer glassnet \(format_version 99\); "
                                         r"this glassnet reads format_version 1: upgrade glassnet"):
        NeuralNetwork.load(path)


@pytest.mark.parametrize(("key", "value", "message"), [
    ("format_version", "1", r"'format_version' must be an int"),
    ("format_version", True, r"'format_version' must be an int"),
    ("format_version", 0, r"'format_version' must be 1"),
    ("glassnet_version", 1, r"'glassnet_version' must be a string"),
    ("sizes", "2,3,1", r"'sizes' must be a list of 2 to \d+ layer sizes, each an int >= 1, got '2,3,1'"),
    ("sizes", [2, 3.5, 1], r"'sizes' must be a list"),
    ("sizes", [2, 0, 1], r"'sizes' must be a list"),
    ("sizes", [2, True, 1], r"'sizes' must be a list"),
    ("sizes", [2], r"'sizes' must be a list"),
    ("activations", "sigmoid", r"'activations' must be a list of 2 names, one per layer, got 'sigmoid'"),
    ("activations", ["sigmoid"], r"'activations' must be a list of 2 names"),
    ("activations", [1, 2], r"'activations' must be a list of 2 names"),
    ("activations", ["sigmoid", "glassnet.activations:ReLU"], r"unknown activation 'glassnet\.activations:ReLU'"),
    ("inits", ["glorot", "ones"], r"unknown initialiser 'ones' for layer 1; registered: "),
    ("loss", 3, r"'loss' must be a string"),
    ("loss", "hinge", r"unknown loss 'hinge'; registered: .*glassnet\.register_loss"),
    ("dtype", "int64", r"'dtype' must be 'float32' or 'float64', got 'int64'"),
    ("seed", "zero", r"'seed' must be an int >= 0 or null, got 'zero'"),
    ("seed", -1, r"'seed' must be an int >= 0 or null, got -1"),
    ("seed", 1.5, r"'seed' must be an int >= 0 or null"),
    ("trained_on", ["digits"], r"trained_on must be a dict \(a JSON object\), got list"),
    ("trained_on", {"rows": float("nan")}, r"trained_on\['rows'\] must be finite"),
    ("shape", [2, 3, 1], r"its metadata has entries no glassnet model has: 'shape'"),
])
def test_metadata_of_the_wrong_type_is_a_value_error_naming_the_file(tmp_path, key, value, message):
    path = with_metadata(tmp_path, lambda m: m.update({key: value}))
    with pytest.raises(ValueError, match=rf"{names(path)} is a damaged glassnet model: {message}"):
        NeuralNetwork.load(path)


@pytest.mark.parametrize("key", ["sizes", "activations", "inits", "loss", "dtype", "glassnet_version"])
def test_metadata_missing_an_entry_is_damaged(tmp_path, key):
    path = with_metadata(tmp_path, lambda m: m.pop(key))
    with pytest.raises(ValueError, match=rf"{names(path)} is a damaged glassnet model: its metadata has no '{key}'"):
        NeuralNetwork.load(path)


def test_metadata_that_is_a_list_or_not_a_string_array_is_not_a_glassnet_model(tmp_path):
    listed = rewrite(real_file(tmp_path), tmp_path / "list.npz",
                     replace={"metadata.npy": npy_bytes(np.array(json.dumps([1, 2])))})
    with pytest.raises(ValueError, match=rf"{names(listed)} is not a glassnet model"):
        NeuralNetwork.load(listed)
    numbers = rewrite(real_file(tmp_path), tmp_path / "numbers.npz", replace={"metadata.npy": npy_bytes(np.ones(3))})
    with pytest.raises(ValueError, match=rf"{names(numbers)} is a damaged glassnet model: its metadata is stored as "
                                         r"float64 of shape \(3,\), expected one string"):
        NeuralNetwork.load(numbers)


def test_metadata_nested_beyond_reason_is_a_value_error(tmp_path):
    # json.loads raises RecursionError on this (not a ValueError): the loader must still say ValueError.
    deep = '{"format": "glassnet-model", "trained_on": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}"
    path = rewrite(real_file(tmp_path), tmp_path / "deep.npz", replace={"metadata.npy": npy_bytes(np.array(deep))})
    with pytest.raises(ValueError, match=rf"{names(path)} is not a readable glassnet model"):
        NeuralNetwork.load(path)


@pytest.mark.parametrize(("history", "message"), [
    ({"loss": [0.5], "bogus": [1]}, r"'history' has entries no History has: 'bogus'"),
    ([0.5, 0.4], r"'history' must be an object"),
    ({"loss": "0.5"}, r"'history' entry 'loss' must be a list of numbers"),
    ({"loss": [0.5, None]}, r"'history' entry 'loss' must be a list of numbers"),
    ({"loss": [0.5], "best_epoch": "0"}, r"'history' entry 'best_epoch' must be an int >= 0 or null"),
    ({"loss": [0.5], "stopped_early": 1}, r"'history' entry 'stopped_early' must be true or false"),
])
def test_a_tampered_history_is_a_value_error_naming_the_file(tmp_path, history, message):
    path = with_metadata(tmp_path, lambda m: m.update(history=history))
    with pytest.raises(ValueError, match=rf"{names(path)} is a damaged glassnet model: {message}"):
        NeuralNetwork.load(path)


def test_a_directory_is_not_a_model_file(tmp_path):
    with pytest.raises(ValueError, match=rf"{names(tmp_path)} is not a glassnet model: it is a directory"):
        NeuralNetwork.load(tmp_path)


# Property: whatever a flipped byte does to a model file, load gives a network or a ValueError
# naming the file, never another exception.
FUZZED = {}


def fuzz_original(tmp_path_factory, compression):
    if compression not in FUZZED:
        folder = tmp_path_factory.mktemp(f"fuzz{compression}")
        net, _ = trained()
        path = rewrite(net.save(folder / "model.npz"), folder / "packed.npz", compression=compression)
        FUZZED[compression] = (folder, path.read_bytes())
    return FUZZED[compression]


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_flipped_byte_loads_or_is_a_value_error_naming_the_file(tmp_path_factory, compression, data):
    folder, original = fuzz_original(tmp_path_factory, compression)
    position = data.draw(st.integers(0, len(original) - 1), label="position")
    mask = data.draw(st.integers(1, 255), label="xor")
    damaged = bytearray(original)
    damaged[position] ^= mask
    path = folder / "damaged.npz"
    path.write_bytes(bytes(damaged))
    try:
        net = NeuralNetwork.load(path)
    except ValueError as err:
        assert str(err).startswith(str(path)), err
    else:
        assert all(np.isfinite(layer.W).all() and np.isfinite(layer.b).all() for layer in net.layers)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(["format_version", "glassnet_version", "sizes", "activations", "inits", "loss",
                            "dtype", "seed", "history", "trained_on"]), value=json_values)
def test_any_metadata_value_loads_or_is_a_value_error_naming_the_file(tmp_path_factory, key, value):
    folder = tmp_path_factory.mktemp("meta")
    path = with_metadata(folder, lambda m: m.update({key: value}))
    try:
        NeuralNetwork.load(path)
    except ValueError as err:
        assert str(err).startswith(str(path)), err


# ---------------------------------------------------------------- names, never code
class Huber(Loss):
    """A learner's loss (its formulas do not matter here)."""

    @staticmethod
    def fn(a, y):
        return float(np.mean(np.abs(a - y)))

    @staticmethod
    def derivative(a, y):
        return np.sign(a - y)


@pytest.fixture
def registered():
    """LeakyReLU and Huber registered as a learner would, and unregistered after the test."""
    glassnet.register_activation(LeakyReLU, "leaky-relu")
    glassnet.register_loss(Huber, "huber")
    yield
    for registry, name in ((ACTIVATIONS, "leaky-relu"), (LOSSES, "huber")):
        registry.pop(name, None)


def test_a_registered_custom_activation_and_loss_round_trip_by_name(tmp_path, registered):
    net = NeuralNetwork([2, 4, 1], activation=LeakyReLU, output_activation=Sigmoid, loss=Huber, seed=0)
    path = net.save(tmp_path / "model.npz")
    with np.load(path, allow_pickle=False) as archive:
        metadata = json.loads(str(archive["metadata"]))
    assert metadata["activations"] == ["leaky-relu", "sigmoid"] and metadata["loss"] == "huber"
    loaded = NeuralNetwork.load(path)
    assert [layer.activation for layer in loaded.layers] == [LeakyReLU, Sigmoid] and loaded.loss is Huber
    X = np.random.default_rng(0).normal(size=(5, 2))
    np.testing.assert_array_equal(loaded.run(X), net.run(X))
    del ACTIVATIONS["leaky-relu"]  # a session where LeakyReLU was never registered: the file names what is missing
    with pytest.raises(ValueError, match=r"unknown activation 'leaky-relu' for layer 0; .*"
                                         r"glassnet\.register_activation\(cls, 'leaky-relu'\)"):
        NeuralNetwork.load(path)


def test_an_unregistered_activation_trains_but_cannot_be_saved(tmp_path):
    net = NeuralNetwork([2, 4, 1], activation=LeakyReLU, output_activation=Sigmoid, seed=0)
    net.fit([[0.0, 1.0], [1.0, 0.0]], [1, 0], epochs=1, batch_size=2, learning_rate=0.1)
    with pytest.raises(ValueError, match=r"layer 0's activation LeakyReLU has no registered name"):
        net.save(tmp_path / "model.npz")
    assert os.listdir(tmp_path) == []


# ---------------------------------------------------------------- what the metadata holds
def saved_metadata(net, tmp_path):
    with np.load(net.save(tmp_path / "model.npz"), allow_pickle=False) as archive:
        return json.loads(str(archive["metadata"]))


def test_a_numpy_integer_seed_is_saved_as_a_plain_int(tmp_path):
    net = NeuralNetwork([2, 3, 1], seed=0)
    net.seed = np.int64(5)
    assert saved_metadata(net, tmp_path)["seed"] == 5
    loaded = NeuralNetwork.load(tmp_path / "model.npz")
    assert loaded.seed == 5 and type(loaded.seed) is int


def test_a_generator_seed_is_saved_as_null(tmp_path):
    net = NeuralNetwork([2, 3, 1], seed=0)
    net.seed = np.random.default_rng(0)  # its state is not kept: the weights are what the file holds
    assert saved_metadata(net, tmp_path)["seed"] is None
    assert NeuralNetwork.load(tmp_path / "model.npz").seed is None


def test_a_fresh_network_was_trained_on_nothing_and_says_so_in_the_file(tmp_path):
    net = NeuralNetwork([2, 3, 1], seed=0)
    assert net.trained_on_ is None
    assert saved_metadata(net, tmp_path)["trained_on"] is None
    assert NeuralNetwork.load(tmp_path / "model.npz").trained_on_ is None


def test_trained_on_round_trips_as_plain_json(tmp_path):
    net = NeuralNetwork([2, 3, 1], seed=0)
    net.trained_on_ = {
        "data": "pets.csv", "sha256": "ab" * 32, "n_features": np.int64(2), "classes": np.array(["cat", "dog"]),
        "split": {"seed": 0, "fractions": (0.6, 0.2, 0.2)}, "note": None,
    }
    expected = {  # numpy values become their Python values, the tuple a list, as JSON has them
        "data": "pets.csv", "sha256": "ab" * 32, "n_features": 2, "classes": ["cat", "dog"],
        "split": {"seed": 0, "fractions": [0.6, 0.2, 0.2]}, "note": None,
    }
    assert saved_metadata(net, tmp_path)["trained_on"] == expected
    loaded = NeuralNetwork.load(tmp_path / "model.npz")
    assert loaded.trained_on_ == expected
    assert type(loaded.trained_on_["n_features"]) is int


def set_attribute(name, value):
    def spoil(net):
        setattr(net, name, value)
    return spoil


def unregistered_activation(net):
    net.layers[0].activation = LeakyReLU


def nan_weight(net):
    net.layers[1].W[0, 0] = np.nan


@pytest.mark.parametrize(("spoil", "error", "message"), [
    (unregistered_activation, ValueError, r"layer 0's activation LeakyReLU has no registered name.*"
                                          r'glassnet\.register_activation\(LeakyReLU, "leaky-relu"\)'),
    (set_attribute("loss", Huber), ValueError,
     r'the loss Huber has no registered name.*glassnet\.register_loss\(Huber, "huber"\)'),
    (nan_weight, ValueError, r"Cannot save to .*model\.npz: W1 holds NaN or infinite values .*Nothing was written"),
    *[(set_attribute("seed", seed), ValueError, r"the seed must be an int >= 0, a numpy Generator or None")
      for seed in ("zero", -1, 1.5, True)],
    (set_attribute("trained_on_", ["digits"]), TypeError, r"trained_on_ must be a dict \(a JSON object\), got list"),
    (set_attribute("trained_on_", {1: "digits"}), TypeError, r"trained_on_ must have str keys, got 1"),
    (set_attribute("trained_on_", {"split": {"seeds": {0, 1}}}), TypeError,
     r"trained_on_\['split'\]\['seeds'\] must hold only JSON values"),
    (set_attribute("trained_on_", {"rows": float("inf")}), ValueError, r"trained_on_\['rows'\] must be finite"),
])
def test_a_network_that_cannot_be_saved_is_refused_before_anything_is_written(tmp_path, spoil, error, message):
    net = NeuralNetwork([2, 3, 1], seed=0)
    spoil(net)
    with pytest.raises(error, match=message):
        net.save(tmp_path / "model.npz")
    assert os.listdir(tmp_path) == []


# ---------------------------------------------------------------- what save may replace (glassnet.atomic's rules)
def test_save_refuses_to_replace_a_directory_and_writes_nothing(tmp_path):
    target = tmp_path / "model.npz"
    target.mkdir()
    with pytest.raises(ValueError, match=rf"Cannot save to {names(target)}: it is a directory, not a regular file"):
        NeuralNetwork([2, 3, 1], seed=0).save(target)
    assert os.listdir(tmp_path) == ["model.npz"] and os.listdir(target) == []


def test_saving_through_a_symbolic_link_replaces_the_file_it_points_to(tmp_path):
    (tmp_path / "models").mkdir()
    real = NeuralNetwork([2, 3, 1], seed=0).save(tmp_path / "models" / "v1.npz")
    link = tmp_path / "model.npz"
    link.symlink_to(real)
    new = NeuralNetwork([2, 3, 1], seed=1)
    assert new.save(link) == link
    assert link.is_symlink()
    np.testing.assert_array_equal(NeuralNetwork.load(real).layers[0].W, new.layers[0].W)
    assert os.listdir(tmp_path / "models") == ["v1.npz"]


def test_a_model_bigger_than_this_machines_memory_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = NeuralNetwork([2, 300, 1], seed=0).save(tmp_path / "model.npz")  # 1201 weights and biases
    monkeypatch.setattr(glassnet._validation, "physical_memory", lambda: 10_000)  # bytes: a very small machine
    with pytest.raises(ValueError, match=rf"{names(path)} cannot be loaded on this machine: a model of "
                                         r"1,201 weights and biases needs 19.2 kB of memory"):  # 2 copies × 8 bytes
        NeuralNetwork.load(path)
