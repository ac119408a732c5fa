"""The inspector: one neuron at one point, with every number of BP1–BP4; and a weight changed by hand.

``explain`` runs ``net.trace`` on one point (a batch of one, so the batch means of BP3/BP4 are
that point's own values) and returns, for neuron j of layer l:

    z = Σ_i a_in,i w_ij + b_j,   a = φ(z)   (for a softmax output, a_j = e^{z_j} / Σ_k e^{z_k})
    δ = ∂C/∂a · φ'(z)            BP1 at the output (or the loss's shortcut a - y)
    δ = (Σ_k δ_k w_jk) · φ'(z)   BP2 below it
    ∂C/∂b = δ                    BP3
    ∂C/∂w_ij = a_in,i · δ        BP4
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from glassnet.network import NeuralNetwork


def check_neuron(net: NeuralNetwork, layer: int, neuron: int) -> None:
    """Raise a ValueError unless neuron ``neuron`` of layer ``layer`` (both from 1) exists."""
    n_layers = len(net.layers)
    if not 1 <= layer <= n_layers:
        raise ValueError(f"layer must be 1 to {n_layers}, got {layer}.")
    size = net.sizes[layer]
    if not 1 <= neuron <= size:
        raise ValueError(f"neuron must be 1 to {size} in layer {layer}, got {neuron}.")


def explain(net: NeuralNetwork, F: np.ndarray, Y: np.ndarray, layer: int, neuron: int,
            input_names: Sequence[str]) -> dict[str, Any]:
    """The numbers of neuron ``neuron`` of layer ``layer`` (both from 1; the last layer is the
    output) for one point: its inputs ``F`` ``(1, n_in)`` and target ``Y`` ``(1, n_out)``.
    ``input_names`` name the network's inputs (the features)."""
    check_neuron(net, layer, neuron)
    n_layers = len(net.layers)
    trace = net.trace(F, Y)
    l, j = layer - 1, neuron - 1
    t, dense = trace[l], net.layers[l]
    names = list(input_names) if l == 0 else [f"a{layer - 1}.{i + 1}" for i in range(dense.n_in)]
    result: dict[str, Any] = {
        "type": "inspection", "layer": layer, "neuron": neuron, "output": l == n_layers - 1,
        "activation": dense.activation.name, "z": float(t.Z[0, j]), "a": float(t.A[0, j]),
        "delta": float(t.delta[0, j]),
        "incoming": [{"from": name, "a_in": float(t.A_prev[0, i]), "w": float(dense.W[i, j]),
                      "dC_dw": float(t.dC_dW[i, j])} for i, name in enumerate(names)],
        "b": float(dense.b[j]), "dC_db": float(t.dC_db[j]),
    }
    if dense.activation.name == "softmax":  # a_j depends on the z of every neuron of the layer
        result["z_layer"] = [float(z) for z in t.Z[0]]
    if l == n_layers - 1:  # BP1
        y = float(Y[0, j])
        if dense.activation is net.loss.shortcut_activation:
            result["bp"] = {"equation": "BP1", "kind": "shortcut", "loss": net.loss.name, "y": y}
        else:
            dC_da = float(net.loss.derivative(t.A, Y)[0, j])
            result["bp"] = {"equation": "BP1", "kind": "general", "loss": net.loss.name, "y": y,
                            "dC_da": dC_da, "prime": float(dense.activation.prime(t.Z)[0, j])}
    else:  # BP2
        above, W_next = trace[l + 1], net.layers[l + 1].W
        result["bp"] = {"equation": "BP2", "kind": "hidden",
                        "terms": [[float(above.delta[0, k]), float(W_next[j, k])] for k in range(W_next.shape[1])],
                        "sum": float(above.delta[0] @ W_next[j]), "prime": float(dense.activation.prime(t.Z)[0, j])}
    return result


def set_weight(net: NeuralNetwork, layer: int, source: int, neuron: int, value: float) -> None:
    """Set W[source, neuron] of ``layer`` (all from 1; ``source`` 0 means the bias b[neuron]) to ``value``."""
    n_layers = len(net.layers)
    if not 1 <= layer <= n_layers:
        raise ValueError(f"layer must be 1 to {n_layers}, got {layer}.")
    dense = net.layers[layer - 1]
    if not 1 <= neuron <= dense.n_out or not 0 <= source <= dense.n_in:
        raise ValueError(f"Layer {layer} has weights from 1..{dense.n_in} (0: the bias) to "
                         f"1..{dense.n_out}; got {source} -> {neuron}.")
    if source == 0:
        dense.b[neuron - 1] = value
    else:
        dense.W[source - 1, neuron - 1] = value
