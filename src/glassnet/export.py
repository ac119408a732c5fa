"""glassnet out to PyTorch and ONNX: ``to_torch``, ``from_torch``, ``to_torch_loss``, ``to_onnx``.

The same network in three notations. glassnet's layer computes ``Z = A_prev @ W + b`` with ``W``
of shape ``(n_in, n_out)``; ``torch.nn.Linear`` computes ``x @ weight.T + bias`` with ``weight`` of
shape ``(n_out, n_in)``, so ``weight = W.T``; ONNX's ``MatMul`` takes ``W`` as it is. Each
built-in activation class has one counterpart on each side (mapped by class, so a learner's own
activation class, which could compute anything, is refused by name):

    glassnet   Sigmoid   Tanh   ReLU   Identity   Softmax (per row)
    PyTorch    Sigmoid   Tanh   ReLU   Identity   Softmax(dim=-1)
    ONNX       Sigmoid   Tanh   Relu   Identity   Softmax(axis=-1)

torch, onnx and onnxruntime are never dependencies of glassnet: each function imports what it
needs when called (``pip install torch``; ``pip install "glassnet[onnx]"``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from glassnet._validation import format_bytes, import_optional
from glassnet.activations import Activation, Identity, ReLU, Sigmoid, Softmax, Tanh, describe_activation
from glassnet.atomic import check_save_path, write_atomically
from glassnet.layers import Dense
from glassnet.losses import MSE, CategoricalCrossEntropy, CrossEntropy, describe_loss, get_loss

__all__ = ["ONNX_IR_VERSION", "ONNX_MAX_BYTES", "ONNX_OPSET", "from_torch", "to_onnx", "to_torch", "to_torch_loss"]

#: The ONNX operator set the exported graphs use (ai.onnx, version 17), and the matching IR version:
#: every operator here is unchanged since opset 14, and runtimes from 2022 on read version 8 files.
ONNX_OPSET = 17
ONNX_IR_VERSION = 8
#: An ONNX model is one protobuf message, which cannot exceed 2 GB (2³¹ - 1 bytes), weights included.
ONNX_MAX_BYTES = 2**31 - 1

#: glassnet's built-in activation class -> (torch.nn module name, ONNX operator).
_COUNTERPARTS: dict[type[Activation], tuple[str, str]] = {
    Sigmoid: ("Sigmoid", "Sigmoid"),
    Tanh: ("Tanh", "Tanh"),
    ReLU: ("ReLU", "Relu"),
    Identity: ("Identity", "Identity"),
    Softmax: ("Softmax", "Softmax"),
}


def _counterpart(activation: type, layer: int, needed_by: str) -> tuple[str, str]:
    """The torch module name and ONNX operator of a built-in activation, or a TypeError naming it."""
    if activation in _COUNTERPARTS:
        return _COUNTERPARTS[activation]
    name = describe_activation(activation)
    raise TypeError(
        f"{needed_by} cannot export layer {layer}'s activation {name}: only glassnet's built-in "
        f"activations have a counterpart there ({', '.join(cls.__name__ for cls in _COUNTERPARTS)}), "
        f"and {name} is not one of them (a class of your own can compute anything)."
    )


def _import_torch(needed_by: str) -> Any:
    try:
        import torch
    except ImportError as err:
        raise ImportError(
            f"{needed_by} needs PyTorch, which could not be imported ({err}). glassnet never installs "
            "it itself; install it with: pip install torch"
        ) from err
    return torch


def _torch_dtype(torch: Any, dtype: np.dtype) -> Any:
    return torch.float64 if dtype == np.float64 else torch.float32


# ---------------------------------------------------------------- PyTorch
def to_torch(net: Any) -> Any:
    """The network as a ``torch.nn.Sequential``: per layer a ``Linear`` and its activation module.

    ``Linear(n_in, n_out).weight`` is ``W.T`` ``(n_out, n_in)`` and ``.bias`` is ``b`` ``(n_out,)``,
    copied (the two models do not share memory) in the network's dtype, so that for ``X``
    ``(n, n_in)`` the module's output ``(n, n_out)`` equals ``net.run(X)``. Train it further with
    the loss ``to_torch_loss(net.loss)``. ``net`` is any network with ``layers`` (Dense) and
    ``dtype``: a ``NeuralNetwork``.
    """
    torch = _import_torch("to_torch")
    dtype = _torch_dtype(torch, net.dtype)
    modules = []
    for i, layer in enumerate(net.layers):
        module_name, _ = _counterpart(layer.activation, i, "to_torch")
        linear = torch.nn.Linear(layer.n_in, layer.n_out, dtype=dtype)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(np.ascontiguousarray(layer.W.T)))  # (n_out, n_in)
            linear.bias.copy_(torch.from_numpy(layer.b))  # (n_out,)
        options = {"dim": -1} if layer.activation is Softmax else {}  # softmax over each row
        modules += [linear, getattr(torch.nn, module_name)(**options)]
    return torch.nn.Sequential(*modules)


def from_torch(module: Any, loss: Any = "mse", *, network_class: type) -> Any:
    """A network of ``network_class`` (``NeuralNetwork.from_torch`` passes ``NeuralNetwork``) from a
    ``torch.nn.Sequential`` of ``Linear`` layers, each followed by at most one activation module
    (``Sigmoid``, ``Tanh``, ``ReLU``, ``Identity``, ``Softmax(dim=-1)``; none means identity), with
    ``loss`` as the network's loss (torch modules carry none).

    ``W = weight.T`` ``(n_in, n_out)`` and ``b = bias`` ``(n_out,)`` are copied in the weights'
    dtype (float32 or float64); a ``Linear`` without bias gets ``b = 0``. Any other module (a
    convolution, dropout, a module of your own...) raises a TypeError naming it, and a weight or
    bias that is NaN or infinite a ValueError naming where.
    """
    torch = _import_torch("from_torch")

    if type(module) is not torch.nn.Sequential:
        raise TypeError(
            f"from_torch reads a torch.nn.Sequential of Linear and activation modules, got "
            f"{type(module).__name__}."
        )
    by_module = {getattr(torch.nn, name): cls for cls, (name, _) in _COUNTERPARTS.items()}
    pairs: list[tuple[Any, type[Activation]]] = []  # (Linear, its activation)
    waiting = None  # a Linear whose activation is not known yet
    for position, child in enumerate(module):
        kind = type(child)
        if kind is torch.nn.Linear:
            if waiting is not None:
                pairs.append((waiting, Identity))  # two Linear in a row: the first is linear
            waiting = child
        elif kind in by_module and waiting is not None:
            if kind is torch.nn.Softmax and child.dim not in (-1, 1):
                raise ValueError(
                    f"from_torch reads Softmax over each row (dim=-1 or 1); the Softmax at position "
                    f"{position} has dim={child.dim}."
                )
            pairs.append((waiting, by_module[kind]))
            waiting = None
        elif kind in by_module:
            raise ValueError(
                f"from_torch needs a Linear before each activation; the {kind.__name__} at position "
                f"{position} follows {'nothing' if position == 0 else 'another activation'}."
            )
        else:
            raise TypeError(
                f"from_torch cannot convert {kind.__name__} (position {position} of the Sequential): a glassnet "
                "network is Linear layers, each followed by at most one of "
                f"{', '.join(m.__name__ for m in by_module)}."
            )
    if waiting is not None:
        pairs.append((waiting, Identity))
    if not pairs:
        raise ValueError("from_torch got a Sequential without any Linear layer.")
    dtypes = {linear.weight.dtype for linear, _ in pairs}
    if len(dtypes) > 1 or not dtypes <= {torch.float32, torch.float64}:
        raise TypeError(
            f"from_torch needs every Linear in float32 or every one in float64, got {sorted(map(str, dtypes))}."
        )
    dtype = np.float64 if dtypes == {torch.float64} else np.float32
    layers = []
    for linear, activation in pairs:
        layer = Dense(linear.in_features, linear.out_features, activation, seed=0, dtype=dtype)
        layer.W = linear.weight.detach().cpu().numpy().T.copy()  # (n_in, n_out)
        layer.b = (linear.bias.detach().cpu().numpy().copy() if linear.bias is not None
                   else np.zeros(linear.out_features, dtype=dtype))  # (n_out,)
        for values, torch_name in ((layer.W, "weight"), (layer.b, "bias")):
            bad = np.argwhere(~np.isfinite(values))
            if bad.size:
                where = tuple(int(i) for i in bad[0])
                index = where[::-1] if torch_name == "weight" else where  # weight = W.T
                raise ValueError(
                    f"from_torch: the Linear at position {list(module).index(linear)} holds {values[where]} in its "
                    f"{torch_name}{list(index)} ({bad.shape[0]} values that are NaN or infinite in all); a network "
                    "needs finite weights. Train or initialise the torch module again."
                )
        layers.append(layer)
    return network_class(layers, loss=loss, dtype=dtype)


def to_torch_loss(loss: Any) -> Callable[[Any, Any], Any]:
    """glassnet's loss as a function ``f(a, y)`` of torch tensors ``(n, k)``, to one scalar tensor,
    equal to ``loss.fn(a, y)`` (so its autograd gradients are glassnet's ``backprop``):

        MSE                         C = 1/(2n) Σ ‖y - a‖²       (note the ½: torch's MSELoss has none)
        CrossEntropy                C = -1/n Σ [y ln a + (1 - y) ln(1 - a)],  a clipped to [ε, 1 - ε]
        CategoricalCrossEntropy     C = -1/n Σ y ln a,                        a clipped to [ε, ∞)

    ε is the machine epsilon of a's dtype, as glassnet clips. Where a clip bites (a saturated
    output) autograd's gradient is 0 while glassnet's BP1 shortcut a - y is not; everywhere else
    the gradients agree.
    """
    torch = _import_torch("to_torch_loss")
    found = get_loss(loss)
    cls = found if isinstance(found, type) else type(found)  # a loss instance (``loss=MSE()``) is its class

    def mse(a: Any, y: Any) -> Any:
        return ((y - a) ** 2).sum() / (2 * a.shape[0])

    def cross_entropy(a: Any, y: Any) -> Any:
        eps = torch.finfo(a.dtype).eps
        a = a.clamp(eps, 1 - eps)
        return -(y * a.log() + (1 - y) * (1 - a).log()).sum() / a.shape[0]

    def categorical_cross_entropy(a: Any, y: Any) -> Any:
        a = a.clamp(min=torch.finfo(a.dtype).eps)
        return -(y * a.log()).sum() / a.shape[0]

    losses = {MSE: mse, CrossEntropy: cross_entropy, CategoricalCrossEntropy: categorical_cross_entropy}
    if cls not in losses:
        raise TypeError(
            f"to_torch_loss knows glassnet's built-in losses ({', '.join(c.__name__ for c in losses)}), "
            f"not {describe_loss(loss)}."
        )
    return losses[cls]


# ---------------------------------------------------------------- ONNX
def to_onnx(net: Any, path: str | os.PathLike) -> Path:
    """Write the network as an ONNX model file; returns the path written.

    The graph: input ``X`` ``(batch, n_in)`` (a symbolic batch dimension), then per layer ``l``
    ``Z_l = MatMul(A_l-1, W_l) + b_l`` and ``A_l = activation(Z_l)``, output ``A`` ``(batch, n_out)``,
    all in the network's dtype (float32 or float64), opset ``ONNX_OPSET``. The model's metadata
    holds ``glassnet_version``, ``layers`` (JSON: n_in, n_out and activation of each layer),
    ``loss``, ``dtype`` and, if the network has one, ``trained_on`` (JSON: its ``trained_on_``).
    The model passes ``onnx.checker.check_model(full_check=True)`` before it is written, to a
    temporary file renamed into place (``glassnet.atomic.write_atomically``: never half-written). A
    network whose weights alone exceed ONNX's 2 GB (``ONNX_MAX_BYTES``) is refused before any work.
    """
    check_save_path(path)  # a directory, a missing folder...: said before any work
    path = Path(path)
    size = sum(layer.W.nbytes + layer.b.nbytes for layer in net.layers)
    if size > ONNX_MAX_BYTES:
        raise ValueError(
            f"to_onnx cannot write this network: its weights and biases take {format_bytes(size)}, and an ONNX "
            f"model is one protobuf message of at most 2 GB ({ONNX_MAX_BYTES:,} bytes). Save it with net.save "
            "(a .npz file has no such limit), or export a smaller network."
        )
    onnx = import_optional("onnx", "onnx", "onnx", "to_onnx")
    from onnx import TensorProto, helper, numpy_helper

    from glassnet.version import __version__

    element = TensorProto.DOUBLE if net.dtype == np.float64 else TensorProto.FLOAT
    nodes, weights, layers = [], [], []
    A = "X"
    for l, layer in enumerate(net.layers):
        _, operator = _counterpart(layer.activation, l, "to_onnx")
        weights += [numpy_helper.from_array(layer.W, f"W{l}"), numpy_helper.from_array(layer.b, f"b{l}")]
        out = "A" if l == len(net.layers) - 1 else f"A{l}"
        options = {"axis": -1} if layer.activation is Softmax else {}
        nodes += [
            helper.make_node("MatMul", [A, f"W{l}"], [f"AW{l}"], name=f"layer{l}_matmul"),  # A_l-1 @ W_l
            helper.make_node("Add", [f"AW{l}", f"b{l}"], [f"Z{l}"], name=f"layer{l}_add"),  # Z_l = ... + b_l
            helper.make_node(operator, [f"Z{l}"], [out], name=f"layer{l}_{layer.activation.name}", **options),
        ]
        layers.append({"n_in": layer.n_in, "n_out": layer.n_out, "activation": layer.activation.name})
        A = out
    graph = helper.make_graph(
        nodes, "glassnet", [helper.make_tensor_value_info("X", element, ["batch", net.sizes[0]])],
        [helper.make_tensor_value_info("A", element, ["batch", net.sizes[-1]])], initializer=weights,
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", ONNX_OPSET)], ir_version=ONNX_IR_VERSION,
        producer_name="glassnet", producer_version=__version__, doc_string=repr(net),
    )
    metadata = {"glassnet_version": __version__, "layers": json.dumps(layers), "loss": net.loss.name,
                "dtype": net.dtype.name}
    if getattr(net, "trained_on_", None):  # the data the model learned from, as the .npz records it
        metadata["trained_on"] = json.dumps(net.trained_on_)
    helper.set_model_props(model, metadata)
    onnx.checker.check_model(model, full_check=True)
    write_atomically(path, lambda f: f.write(model.SerializeToString()))
    return path
