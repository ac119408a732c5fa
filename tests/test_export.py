"""glassnet.export and ``glassnet export``: to PyTorch and back, and to ONNX, checked by each side's own tools.

PyTorch is never a dependency: these tests get it through ``need("torch")`` (CI installs it with
``pip install torch==2.13.0``), and onnx/onnxruntime through the ``onnx`` extra.
"""

import json
import subprocess
import sys

import numpy as np
import pytest

import glassnet
from conftest import need
from glassnet.activations import Identity, ReLU, Sigmoid, Softmax, Tanh
from glassnet.cli import main
from glassnet.layers import Dense
from glassnet.losses import MSE, CategoricalCrossEntropy, CrossEntropy
from glassnet.network import NeuralNetwork
from learners import ExerciseQuadratic, ExerciseSigmoid, LeakyReLU

ACTIVATIONS = [Sigmoid, Tanh, ReLU, Identity, Softmax]
DTYPES = [np.float32, np.float64]
#: How far another implementation of the same arithmetic may land: a few units in the last place.
TOLERANCE = {np.float32: 1e-6, np.float64: 1e-12}


@pytest.fixture
def torch():
    return need("torch", "to_torch / from_torch")


@pytest.fixture
def onnxruntime():
    need("onnx", "to_onnx")
    return need("onnxruntime", "running the exported ONNX model")


def network(activation, dtype=np.float64, sizes=(4, 6, 5, 3), loss=MSE, output=None, seed=0):
    """A network whose every layer uses ``activation`` (the output one ``output``, if given)."""
    return NeuralNetwork(list(sizes), activation=activation, output_activation=output or activation, loss=loss,
                         seed=seed, dtype=dtype)


def batch(n, n_features, dtype=np.float64, seed=1):
    return np.random.default_rng(seed).normal(scale=2.0, size=(n, n_features)).astype(dtype)


def with_own_activation(activation=ExerciseSigmoid):
    """A network whose hidden layer has a learner's activation class (anything with fn and prime is one)."""
    return NeuralNetwork([3, 4, 2], activation=activation, output_activation=Tanh, seed=0)


# ---------------------------------------------------------------- to PyTorch
@pytest.mark.parametrize("dtype", DTYPES, ids=["float32", "float64"])
@pytest.mark.parametrize("activation", ACTIVATIONS, ids=lambda a: a.name)
def test_to_torch_computes_what_run_computes(torch, activation, dtype):
    net = network(activation, dtype)
    module = net.to_torch()
    assert [type(m).__name__ for m in module] == ["Linear", activation.__name__] * 3
    for layer, linear in zip(net.layers, module[::2], strict=True):
        np.testing.assert_array_equal(linear.weight.detach().numpy(), layer.W.T)  # weight = Wᵀ
        np.testing.assert_array_equal(linear.bias.detach().numpy(), layer.b)
        assert linear.weight.dtype == (torch.float64 if dtype is np.float64 else torch.float32)
    X = batch(50, 4, dtype)
    out = module(torch.from_numpy(X)).detach().numpy()
    assert out.dtype == dtype
    np.testing.assert_allclose(out, net.run(X), rtol=0, atol=TOLERANCE[dtype])


@pytest.mark.parametrize(("hidden", "output", "loss"), [
    (Sigmoid, Sigmoid, MSE), (Tanh, Identity, MSE), (ReLU, Softmax, MSE), (Identity, Tanh, MSE),
    (Softmax, ReLU, MSE), (Tanh, Sigmoid, CrossEntropy), (ReLU, Softmax, CategoricalCrossEntropy),
    (Sigmoid, Softmax, CategoricalCrossEntropy), (Softmax, Sigmoid, CrossEntropy),
], ids=lambda x: x.name)
def test_autograd_of_the_same_loss_gives_backprops_gradients(torch, hidden, output, loss):
    from glassnet.export import to_torch_loss

    net = network(hidden, loss=loss, output=output)
    X = batch(20, 4)
    Y = np.eye(3)[np.random.default_rng(2).integers(0, 3, size=20)]  # one-hot: a target for every loss
    module = net.to_torch()
    A = module(torch.from_numpy(X))
    C = to_torch_loss(loss)(A, torch.from_numpy(Y))
    assert abs(C.item() - net.cost(X, Y)) <= 1e-12
    C.backward()
    for (dC_dW, dC_db), linear in zip(net.backprop(X, Y), module[::2], strict=True):
        np.testing.assert_allclose(linear.weight.grad.numpy().T, dC_dW, rtol=0, atol=1e-10)
        np.testing.assert_allclose(linear.bias.grad.numpy(), dC_db, rtol=0, atol=1e-10)


def test_torch_mse_is_the_tracks_half_mean_of_squares(torch):
    from glassnet.export import to_torch_loss

    a, y = torch.tensor([[1.0, 2.0, 0.0], [0.0, 0.0, 0.0]]), torch.tensor([[0.0, 0.0, 0.0], [3.0, 0.0, 0.0]])
    # 1/(2n) Σ‖y - a‖² = (1 + 4 + 9) / (2·2) = 3.5, where torch's MSELoss takes the mean over
    # all n·k = 6 entries, without the ½: 14 / 6.
    assert to_torch_loss("mse")(a, y).item() == 3.5
    assert torch.nn.MSELoss()(a, y).item() == pytest.approx(14 / 6)


def test_torch_cross_entropy_clips_as_glassnet_does(torch):
    from glassnet.export import to_torch_loss

    a, y = np.array([[0.0, 1.0, 0.3]]), np.array([[1.0, 0.0, 1.0]])  # two outputs certain and wrong
    for loss in (CrossEntropy, CategoricalCrossEntropy):
        ours = to_torch_loss(loss)(torch.from_numpy(a), torch.from_numpy(y)).item()
        assert np.isfinite(ours) and ours == pytest.approx(loss.fn(a, y), rel=1e-15)


@pytest.mark.parametrize("activation", [ExerciseSigmoid, LeakyReLU], ids=["plain-class", "Activation-subclass"])
def test_to_torch_refuses_an_activation_of_ones_own_by_name(torch, activation):
    # mapped by class: even a class that computes the sigmoid exactly is not glassnet's Sigmoid
    with pytest.raises(TypeError, match=rf"to_torch cannot export layer 0's activation {activation.__name__}"):
        with_own_activation(activation).to_torch()


def test_to_torch_loss_refuses_a_loss_it_does_not_know(torch):
    from glassnet.export import to_torch_loss

    with pytest.raises(ValueError, match="Unknown loss 'hinge'"):
        to_torch_loss("hinge")
    with pytest.raises(TypeError, match=r"to_torch_loss knows glassnet's built-in losses .*not ExerciseQuadratic"):
        to_torch_loss(ExerciseQuadratic)


# ---------------------------------------------------------------- from PyTorch
@pytest.mark.parametrize("dtype", DTYPES, ids=["float32", "float64"])
@pytest.mark.parametrize("activation", ACTIVATIONS, ids=lambda a: a.name)
def test_from_torch_reads_back_what_to_torch_wrote(torch, activation, dtype):
    loss = {Sigmoid: CrossEntropy, Softmax: CategoricalCrossEntropy}.get(activation, MSE)  # one that suits
    net = network(activation, dtype, loss=loss)
    back = NeuralNetwork.from_torch(net.to_torch(), loss=loss.name)
    assert back.dtype == dtype and back.loss is loss and back.sizes == net.sizes
    for ours, theirs in zip(back.layers, net.layers, strict=True):
        assert ours.activation is theirs.activation
        np.testing.assert_array_equal(ours.W, theirs.W)
        np.testing.assert_array_equal(ours.b, theirs.b)
        assert ours.W.dtype == ours.b.dtype == dtype


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_from_torch_computes_what_the_torch_module_computes(torch, dtype):
    torch.manual_seed(0)
    kind = getattr(torch, dtype)
    module = torch.nn.Sequential(
        torch.nn.Linear(5, 8, dtype=kind), torch.nn.ReLU(),
        torch.nn.Linear(8, 6, dtype=kind), torch.nn.Tanh(),
        torch.nn.Linear(6, 6, dtype=kind), torch.nn.Sigmoid(),
        torch.nn.Linear(6, 4, dtype=kind, bias=False), torch.nn.Identity(),
        torch.nn.Linear(4, 3, dtype=kind),  # a Linear followed by a Linear: that one's φ is the identity
        torch.nn.Linear(3, 3, dtype=kind), torch.nn.Softmax(dim=1),
    )
    net = NeuralNetwork.from_torch(module, loss=CategoricalCrossEntropy)
    assert [layer.activation for layer in net.layers] == [ReLU, Tanh, Sigmoid, Identity, Identity, Softmax]
    np.testing.assert_array_equal(net.layers[3].b, np.zeros(4))  # bias=False: b = 0
    X = batch(30, 5, dtype)
    expected = module(torch.from_numpy(X)).detach().numpy()
    np.testing.assert_allclose(net.run(X), expected, rtol=0, atol=TOLERANCE[np.dtype(dtype).type])
    # the network it made trains like any other
    net.fit(X, np.arange(30) % 3, epochs=2, batch_size=10, learning_rate=0.1)
    assert net.history_.epochs == 2


def test_from_torch_copies_so_the_two_models_do_not_share_weights(torch):
    module = torch.nn.Sequential(torch.nn.Linear(2, 2, dtype=torch.float64), torch.nn.Sigmoid())
    net = NeuralNetwork.from_torch(module)
    with torch.no_grad():
        module[0].weight.zero_()
    assert np.abs(net.layers[0].W).sum() > 0


@pytest.mark.parametrize(("build", "error", "message"), [
    (lambda nn: nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU()), TypeError,
     r"from_torch cannot convert Conv2d \(position 0 of the Sequential\)"),
    (lambda nn: nn.Sequential(nn.Linear(3, 4), nn.Dropout(0.5), nn.Linear(4, 1)), TypeError,
     r"from_torch cannot convert Dropout \(position 1"),
    (lambda nn: nn.Sequential(nn.Linear(3, 4), nn.Sequential(nn.Linear(4, 1))), TypeError,
     r"from_torch cannot convert Sequential \(position 1"),
    (lambda nn: nn.Sequential(nn.Linear(3, 4), nn.GELU()), TypeError, r"cannot convert GELU .*Linear layers, "
     r"each followed by at most one of Sigmoid, Tanh, ReLU, Identity, Softmax"),
    (lambda nn: nn.Linear(3, 4), TypeError, r"from_torch reads a torch.nn.Sequential .*got Linear"),
    (lambda nn: nn.Sequential(nn.ReLU(), nn.Linear(3, 4)), ValueError,
     r"needs a Linear before each activation; the ReLU at position 0 follows nothing"),
    (lambda nn: nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Tanh()), ValueError,
     r"the Tanh at position 2 follows another activation"),
    (lambda nn: nn.Sequential(nn.Linear(3, 4), nn.Softmax(dim=0)), ValueError,
     r"Softmax over each row .*has dim=0"),
    (lambda nn: nn.Sequential(), ValueError, "without any Linear layer"),
    (lambda nn: nn.Sequential(nn.Linear(3, 4), nn.Linear(4, 2).double()), TypeError,
     "every Linear in float32 or every one in float64"),
    (lambda nn: nn.Sequential(nn.Linear(3, 4).half()), TypeError, r"float32 or .*float64, got \['torch.float16'\]"),
], ids=["conv2d", "dropout", "nested", "gelu", "not-sequential", "activation-first", "two-activations",
        "softmax-dim-0", "empty", "mixed-dtypes", "float16"])
def test_from_torch_names_what_it_cannot_read(torch, build, error, message):
    with pytest.raises(error, match=message):
        NeuralNetwork.from_torch(build(torch.nn))


def test_from_torch_names_a_module_of_ones_own(torch):
    class Square(torch.nn.Module):
        def forward(self, x):
            return x * x

    with pytest.raises(TypeError, match=r"cannot convert Square \(position 1 of the Sequential\)"):
        NeuralNetwork.from_torch(torch.nn.Sequential(torch.nn.Linear(2, 2), Square()))
    with pytest.raises(TypeError, match=r"reads a torch.nn.Sequential .*got Square"):
        NeuralNetwork.from_torch(Square())


# ---------------------------------------------------------------- ONNX
def export_onnx(net, tmp_path):
    import onnx

    path = net.to_onnx(tmp_path / "model.onnx")
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)  # raises if the model is not valid ONNX
    return path, model


@pytest.mark.parametrize("dtype", DTYPES, ids=["float32", "float64"])
@pytest.mark.parametrize("activation", ACTIVATIONS, ids=lambda a: a.name)
def test_onnxruntime_computes_what_run_computes(onnxruntime, tmp_path, activation, dtype):
    net = network(activation, dtype)
    path, _ = export_onnx(net, tmp_path)
    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    for n, seed in ((1, 1), (7, 2), (256, 3)):  # any batch size: the batch dimension is symbolic
        X = batch(n, 4, dtype, seed)
        (A,) = session.run(["A"], {"X": X})
        assert A.shape == (n, 3) and A.dtype == dtype
        np.testing.assert_allclose(A, net.run(X), rtol=0, atol=TOLERANCE[dtype])


def test_onnx_graph_states_its_opset_batch_dimension_and_metadata(onnxruntime, tmp_path):
    from glassnet.export import ONNX_OPSET

    net = NeuralNetwork([Dense(4, 6, ReLU, seed=0), Dense(6, 5, Tanh, seed=1), Dense(5, 3, Softmax, seed=2)],
                        loss="categorical-cross-entropy")
    _, model = export_onnx(net, tmp_path)
    assert [(o.domain, o.version) for o in model.opset_import] == [("", ONNX_OPSET)]
    (x,) = model.graph.input
    assert x.name == "X" and [d.dim_param or d.dim_value for d in x.type.tensor_type.shape.dim] == ["batch", 4]
    (a,) = model.graph.output
    assert a.name == "A" and [d.dim_param or d.dim_value for d in a.type.tensor_type.shape.dim] == ["batch", 3]
    assert [node.op_type for node in model.graph.node] == ["MatMul", "Add", "Relu", "MatMul", "Add", "Tanh",
                                                           "MatMul", "Add", "Softmax"]
    meta = {p.key: p.value for p in model.metadata_props}
    assert meta["glassnet_version"] == glassnet.__version__
    assert json.loads(meta["layers"]) == [
        {"n_in": 4, "n_out": 6, "activation": "relu"}, {"n_in": 6, "n_out": 5, "activation": "tanh"},
        {"n_in": 5, "n_out": 3, "activation": "softmax"}]
    assert meta["loss"] == "categorical-cross-entropy" and meta["dtype"] == "float64"
    assert model.producer_name == "glassnet" and model.producer_version == glassnet.__version__
    assert "trained_on" not in meta  # this network was not trained on anything


def test_onnx_metadata_says_what_data_the_model_learned_from(onnxruntime, tmp_path):
    net = network(Sigmoid)
    net.trained_on_ = {"data": "digits", "n_features": 4, "classes": [0, 1, 2]}
    _, model = export_onnx(net, tmp_path)
    meta = {p.key: p.value for p in model.metadata_props}
    assert json.loads(meta["trained_on"]) == net.trained_on_


def test_to_onnx_refuses_an_activation_of_ones_own_and_writes_nothing(onnxruntime, tmp_path):
    with pytest.raises(TypeError, match=r"to_onnx cannot export layer 0's activation ExerciseSigmoid"):
        with_own_activation().to_onnx(tmp_path / "model.onnx")
    assert list(tmp_path.iterdir()) == []


def test_to_onnx_into_a_missing_folder_or_onto_a_folder_says_so(onnxruntime, tmp_path):
    with pytest.raises(FileNotFoundError, match=r"the folder .*nowhere does not exist"):
        network(Sigmoid).to_onnx(tmp_path / "nowhere" / "model.onnx")
    with pytest.raises(ValueError, match=r"it is a directory, not a regular file"):
        network(Sigmoid).to_onnx(tmp_path)


# ---------------------------------------------------------------- glassnet export
def test_glassnet_export_writes_an_onnx_model_of_the_saved_network(onnxruntime, tmp_path, capsys):
    net = network(ReLU, output=Softmax, loss=CategoricalCrossEntropy)
    net.save(tmp_path / "model.npz")
    code = main(["export", str(tmp_path / "model.npz"), "--onnx", str(tmp_path / "model.onnx")])
    out = capsys.readouterr().out
    assert code == 0
    assert f"ONNX model written to {tmp_path / 'model.onnx'} (opset 17)" in out
    session = onnxruntime.InferenceSession(tmp_path / "model.onnx", providers=["CPUExecutionProvider"])
    X = batch(10, 4)
    np.testing.assert_allclose(session.run(None, {"X": X})[0], net.run(X), rtol=0, atol=1e-12)


def test_glassnet_export_errors_are_one_line(tmp_path, capsys):
    code = main(["export", str(tmp_path / "missing.npz"), "--onnx", str(tmp_path / "model.onnx")])
    err = capsys.readouterr().err
    assert code == 2 and err == f"glassnet: error: No model file at {tmp_path / 'missing.npz'}.\n"
    code = main(["export", str(tmp_path / "missing.npz"), "--onnx", str(tmp_path / "no" / "model.onnx")])
    err = capsys.readouterr().err  # the output path first, before any work
    assert code == 2 and err.startswith(f"glassnet: error: --onnx {tmp_path / 'no' / 'model.onnx'}: Cannot save to "
                                        f"{tmp_path / 'no' / 'model.onnx'}: the folder")
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(tmp_path / "missing.npz")])
    assert exit_info.value.code == 2
    assert "the following arguments are required: --onnx" in capsys.readouterr().err


@pytest.mark.parametrize("onnx", ["model.npz", "./model.npz", "sub/../model.npz", "link.npz", "hard.npz"])
def test_glassnet_export_refuses_to_write_over_the_model_it_reads(tmp_path, capsys, monkeypatch, onnx):
    monkeypatch.chdir(tmp_path)
    network(Sigmoid).save("model.npz")
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.npz").symlink_to("model.npz")
    (tmp_path / "hard.npz").hardlink_to("model.npz")
    before = (tmp_path / "model.npz").read_bytes()
    code = main(["export", "model.npz", "--onnx", onnx])
    err = capsys.readouterr().err
    assert code == 2 and err == (f"glassnet: error: --onnx {onnx} is the model glassnet export reads (model.npz): "
                                 "writing there would replace it, and it would be lost. Give another file name, such "
                                 "as model.onnx.\n")
    assert (tmp_path / "model.npz").read_bytes() == before


@pytest.mark.parametrize("onnx", [" ", "   ", ""])
def test_glassnet_export_refuses_a_name_of_only_spaces(tmp_path, capsys, monkeypatch, onnx):
    monkeypatch.chdir(tmp_path)
    network(Sigmoid).save("model.npz")
    code = main(["export", "model.npz", "--onnx", onnx])
    assert code == 2 and capsys.readouterr().err == (f"glassnet: error: --onnx '{onnx}' names no file; give a file "
                                                     "name such as model.onnx.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.npz"]


# ---------------------------------------------------------------- optional stays optional
def test_without_torch_to_torch_says_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)  # import torch now raises ImportError
    with pytest.raises(ImportError, match=r"to_torch needs PyTorch.*glassnet never installs it itself; "
                                          r"install it with: pip install torch"):
        network(Sigmoid).to_torch()
    with pytest.raises(ImportError, match="from_torch needs PyTorch"):
        NeuralNetwork.from_torch(object())


def test_without_onnx_export_names_the_extra_in_one_line(monkeypatch, tmp_path, capsys):
    network(Sigmoid).save(tmp_path / "model.npz")
    monkeypatch.setitem(sys.modules, "onnx", None)
    code = main(["export", str(tmp_path / "model.npz"), "--onnx", str(tmp_path / "model.onnx")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("glassnet: error: to_onnx needs the optional package onnx")
    assert 'pip install "glassnet[onnx]"' in err
    assert not (tmp_path / "model.onnx").exists()


def test_import_glassnet_loads_no_optional_package():
    code = ("import sys, glassnet, glassnet.export, glassnet.cli; "
            "print(sorted({'sklearn', 'torch', 'onnx', 'onnxruntime'} & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# ---------------------------------------------------------------- found by a hostile user (issue 16)
@pytest.mark.parametrize(("loss", "output"), [(MSE(), Softmax), (CrossEntropy(), Sigmoid),
                                               (CategoricalCrossEntropy(), Softmax)], ids=["mse", "ce", "cce"])
def test_to_torch_loss_takes_the_loss_of_a_network_built_with_a_loss_instance(torch, loss, output):
    from glassnet.export import to_torch_loss

    net = NeuralNetwork([2, 3], activation=output, loss=loss, seed=0)
    A, Y = net.run(batch(4, 2)), np.eye(3)[[0, 1, 2, 0]]
    assert to_torch_loss(net.loss)(torch.from_numpy(A), torch.from_numpy(Y)).item() == pytest.approx(net.loss.fn(A, Y))


@pytest.mark.parametrize(("where", "value", "message"), [
    ("weight", float("nan"), r"the Linear at position 2 holds nan in its weight\[1, 0\] \(1 values that are NaN"),
    ("bias", float("inf"), r"the Linear at position 2 holds inf in its bias\[1\] \(1 values"),
])
def test_from_torch_refuses_weights_that_are_not_finite(torch, where, value, message):
    module = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 2))
    with torch.no_grad():
        if where == "weight":
            module[2].weight[1, 0] = value
        else:
            module[2].bias[1] = value
    with pytest.raises(ValueError, match=message):
        NeuralNetwork.from_torch(module)


def test_from_torch_builds_the_class_it_is_given(torch):
    from glassnet.export import from_torch

    class MyNetwork(NeuralNetwork):
        pass

    module = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Sigmoid())
    assert type(MyNetwork.from_torch(module)) is MyNetwork
    assert type(from_torch(module, network_class=NeuralNetwork)) is NeuralNetwork


def test_export_imports_no_network_even_inside_a_function():
    import ast

    import glassnet.export as export

    with open(export.__file__) as source:
        tree = ast.parse(source.read())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert "glassnet.network" not in imported and "glassnet" not in imported


def test_a_network_over_two_gigabytes_is_refused_before_any_work(tmp_path):
    net = NeuralNetwork([2, 3, 1], seed=0)
    net.layers[0].W = np.broadcast_to(np.zeros(1), (70_000, 4_000))  # 2.24 GB that take no memory
    with pytest.raises(ValueError, match=r"its weights and biases take 2.24 GB, and an ONNX model is one protobuf "
                                         r"message of at most 2 GB \(2,147,483,647 bytes\)\. Save it with net\.save"):
        net.to_onnx(tmp_path / "big.onnx")
    assert list(tmp_path.iterdir()) == []
