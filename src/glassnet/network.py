"""The feedforward neural network: run (feedforward) and backprop (BP1–BP4). Lessons: 03 and 06.

A network is a list of Dense layers and a loss. Feedforward applies the layers in order;
backpropagation runs the four equations of the track backwards through them:

    BP1  delta_L = ∂C/∂A_L ⊙ φ'(Z_L)                  the output layer's error
    BP2  delta_l = (delta_l+1 @ W_l+1ᵀ) ⊙ φ'(Z_l)      each earlier layer's error
    BP3  ∂C/∂b_l = delta_l, averaged over the batch
    BP4  ∂C/∂W_l = A_l-1ᵀ @ delta_l / n

in row form (batch first, W of shape (n_in, n_out)); see ``layers.py`` for the notation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from glassnet._validation import as_array, as_samples, check_count, check_same_length
from glassnet.activations import Activation, Sigmoid, Softmax, get_activation
from glassnet.layers import Dense
from glassnet.losses import Loss, get_loss

Gradients = list[tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class LayerTrace:
    """What one layer computed for one batch: the quantities of the four equations.

    Z, A, delta : ``(n, n_out)``; dC_dW : ``(n_in, n_out)``; dC_db : ``(n_out,)``.
    """

    Z: np.ndarray
    A: np.ndarray
    delta: np.ndarray
    dC_dW: np.ndarray
    dC_db: np.ndarray


class NeuralNetwork:
    """A feedforward network of dense layers, trained by backpropagation.

    Parameters
    ----------
    layers : list of int or list of Dense
        Layer sizes, input first (``[2, 3, 1]``: 2 inputs, 3 hidden neurons, 1 output), or
        ready-made ``Dense`` layers, one activation each.
    activation : the activation of every layer built from sizes (class or name).
    output_activation : the last layer's activation, if it differs (``Softmax`` ...).
    loss : the loss class or name (``MSE``, ``"cross-entropy"`` ...).
    init : ``"normal"``, ``"scaled"``, ``"glorot"`` or ``"he"``; by default the one that
        suits each layer's activation (He for ReLU, Glorot otherwise). The track's
        ``"normal"`` saturates sigmoid layers with many inputs.
    seed : the same seed gives the same weights, bit for bit.
    dtype : ``np.float64`` (default) or ``np.float32``, used end to end.

    Examples
    --------
    >>> net = NeuralNetwork([2, 3, 1], activation=Sigmoid, loss=CrossEntropy, seed=0)
    >>> net.run([[0, 1], [1, 1]]).shape
    (2, 1)
    """

    def __init__(
        self,
        layers: Sequence[int] | Sequence[Dense],
        activation: str | type[Activation] = "sigmoid",
        output_activation: str | type[Activation] | None = None,
        loss: str | type[Loss] = "mse",
        *,
        init: str | None = None,
        seed: int | None = None,
        dtype: type | np.dtype = np.float64,
    ) -> None:
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise TypeError(f"dtype must be float32 or float64, got {self.dtype}.")
        self.loss = get_loss(loss)
        self.seed = seed
        if isinstance(layers, str | bytes) or not isinstance(layers, Sequence) or len(layers) == 0:
            raise TypeError(f"layers must be a list of layer sizes or of Dense layers, got {layers!r}.")
        if all(isinstance(layer, Dense) for layer in layers):
            self.layers = list(layers)
            self._check_chain()
            for layer in self.layers:
                layer.W, layer.b = layer.W.astype(self.dtype), layer.b.astype(self.dtype)
        else:
            if len(layers) < 2:
                raise ValueError(
                    f"layers needs at least two sizes (inputs and outputs), got {list(layers)}."
                )
            sizes = [check_count(n, f"layer size {i}") for i, n in enumerate(layers)]
            hidden = get_activation(activation)
            output = get_activation(output_activation) if output_activation is not None else hidden
            rng = np.random.default_rng(seed)
            self.layers = [
                Dense(n_in, n_out, output if i == len(sizes) - 2 else hidden,
                      init=init, seed=rng, dtype=self.dtype)
                for i, (n_in, n_out) in enumerate(pairwise(sizes))
            ]

    def _check_chain(self) -> None:
        for i, (a, b) in enumerate(pairwise(self.layers)):
            if a.n_out != b.n_in:
                raise ValueError(
                    f"Layer {i} has {a.n_out} outputs but layer {i + 1} expects {b.n_in} inputs."
                )

    # ------------------------------------------------------------------ shape facts
    @property
    def sizes(self) -> list[int]:
        """Layer sizes, input first: ``[n_in, hidden..., n_out]``."""
        return [self.layers[0].n_in] + [layer.n_out for layer in self.layers]

    @property
    def n_params(self) -> int:
        """The number of weights and biases."""
        return sum(layer.n_params for layer in self.layers)

    @property
    def is_classifier(self) -> bool:
        """Whether outputs are probabilities (sigmoid or softmax output), so predict gives labels."""
        return self.layers[-1].activation in (Sigmoid, Softmax)

    # ------------------------------------------------------------------ input checks
    def _inputs(self, X: np.ndarray) -> tuple[np.ndarray, bool]:
        return as_samples(X, "X", n_features=self.sizes[0], dtype=self.dtype)

    def _targets(self, Y: np.ndarray, n_samples: int) -> np.ndarray:
        """Targets as ``(n, n_out)``: a 1-d Y is one output per sample, or class labels to one-hot."""
        n_out = self.sizes[-1]
        Y = as_array(Y, "Y", ndim=(1, 2), dtype=None)
        if Y.ndim == 1 and n_out == 1:
            Y = Y.reshape(-1, 1)
        elif Y.ndim == 1:
            from glassnet.datasets import one_hot

            Y = one_hot(Y, n_out)
        elif Y.shape[1] != n_out:
            raise ValueError(
                f"Y has {Y.shape[1]} columns, but the network has {n_out} outputs; give one column "
                "per output, or a 1-d array of class labels."
            )
        check_same_length(np.empty(n_samples), Y, "X", "Y")
        return Y.astype(self.dtype, copy=False)

    # ------------------------------------------------------------------ feedforward
    def _feedforward(self, X: np.ndarray) -> np.ndarray:
        A = X
        for layer in self.layers:
            A = layer.forward(A)  # Z = A_prev @ W + b; A = φ(Z)
        return A

    def run(self, X: np.ndarray) -> np.ndarray:
        """Feedforward: the output activations, ``(n, n_out)`` for ``X`` of shape ``(n, n_in)``.

        A 1-d ``X`` is one sample and gives a 1-d output of shape ``(n_out,)``.
        """
        X, single = self._inputs(X)
        A = self._feedforward(X)
        return A[0] if single else A

    def cost(self, X: np.ndarray, Y: np.ndarray) -> float:
        """C, the loss averaged over the batch ``(X, Y)``."""
        X, _ = self._inputs(X)
        return self.loss.fn(self._feedforward(X), self._targets(Y, len(X)))

    # ------------------------------------------------------------------ backpropagation
    def _backprop(self, X: np.ndarray, Y: np.ndarray) -> list[LayerTrace]:
        """BP1–BP4 on a checked batch; returns every layer's Z, A, delta and gradients."""
        # 1) feedforward, each layer keeping its A_prev, Z and A
        self._feedforward(X)
        # 2) the output error
        out = self.layers[-1]
        delta = self.loss.output_delta(out.Z, out.A, Y, out.activation)  # BP1
        # 3) backwards through the layers
        traces = []
        for l in range(len(self.layers) - 1, -1, -1):
            layer = self.layers[l]
            dC_dW, dC_db = layer.backward(delta)  # BP3, BP4
            traces.append(LayerTrace(layer.Z, layer.A, delta, dC_dW, dC_db))
            if l > 0:
                below = self.layers[l - 1]
                delta = below.activation.backward(below.Z, delta @ layer.W.T)  # BP2
        return traces[::-1]

    def backprop(self, X: np.ndarray, Y: np.ndarray) -> Gradients:
        """Gradients of the batch-mean loss, ``[(dC_dW, dC_db), ...]``, one pair per layer, in order.

        ``dC_dW`` has the shape of that layer's W ``(n_in, n_out)``, ``dC_db`` of its b.
        ``Y`` is ``(n, n_out)``, or a 1-d array: one target per sample for one output, or
        integer class labels (one-hot encoded here) for several.
        """
        X, _ = self._inputs(X)
        Y = self._targets(Y, len(X))
        return [(t.dC_dW, t.dC_db) for t in self._backprop(X, Y)]

    def trace(self, X: np.ndarray, Y: np.ndarray) -> list[LayerTrace]:
        """Backprop on one batch, keeping Z, A, delta, dC_dW and dC_db of every layer, in order."""
        X, _ = self._inputs(X)
        return self._backprop(X, self._targets(Y, len(X)))

    # ------------------------------------------------------------------ predictions
    def predict(self, X: np.ndarray) -> np.ndarray:
        """Class labels ``(n,)`` for a classifier (a > 0.5 for one output, else the largest output),
        or the output values ``(n, n_out)`` for a regression network."""
        A = self._feedforward(self._inputs(X)[0])  # (n, n_out), also for one sample
        if not self.is_classifier:
            return A
        if A.shape[1] == 1:
            return (A[:, 0] > 0.5).astype(np.int64)
        return A.argmax(axis=1)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities: ``(n, 2)`` for one sigmoid output ([1 - a, a]), else the outputs."""
        if not self.is_classifier:
            raise TypeError(
                f"predict_proba needs a sigmoid or softmax output layer, this network's is "
                f"{self.layers[-1].activation.name}."
            )
        A = self._feedforward(self._inputs(X)[0])
        return np.hstack([1 - A, A]) if A.shape[1] == 1 else A

    def score(self, X: np.ndarray, Y: np.ndarray) -> float:
        """Accuracy for a classifier; R² (1 - Σ(y - a)² / Σ(y - ȳ)²) for a regression network.

        ``Y`` may be class labels ``(n,)`` or one-hot / one column per output ``(n, n_out)``.
        """
        predictions = self.predict(X)
        Y = as_array(Y, "Y", ndim=(1, 2), dtype=None)
        check_same_length(predictions, Y, "X", "Y")
        if self.is_classifier:
            labels = Y.argmax(axis=1) if Y.ndim == 2 and Y.shape[1] > 1 else Y.reshape(-1)
            return float(np.mean(predictions == labels))
        Y = Y.reshape(predictions.shape)
        residual = np.sum((Y - predictions) ** 2)
        total = np.sum((Y - Y.mean(axis=0)) ** 2)
        return float(1 - residual / total) if total > 0 else float(residual == 0)

    def __repr__(self) -> str:
        layers = "".join(f"\n  {layer!r}," for layer in self.layers)
        return (
            f"NeuralNetwork({layers}\n  loss={self.loss.name}, params={self.n_params}, "
            f"dtype={self.dtype.name})"
        )
