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

import os
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from glassnet import saving
from glassnet._validation import as_array, as_samples, check_count, check_same_length
from glassnet.activations import Activation, Sigmoid, Softmax, get_activation
from glassnet.datasets import one_hot
from glassnet.layers import Dense
from glassnet.losses import Loss, get_loss
from glassnet.optimizers import Optimizer
from glassnet.training import (
    Callback,
    EarlyStopping,
    History,
    TrainingDivergedError,
    class_labels,
    prepare_fit,
)

Gradients = list[tuple[np.ndarray, np.ndarray]]

class LayerTrace(NamedTuple):
    """What one layer computed for one batch: the quantities of the four equations.

    A_prev : ``(n, n_in)``, the layer's input; Z, A : ``(n, n_out)``. From ``trace(X, Y)``
    also delta : ``(n, n_out)``, dC_dW : ``(n_in, n_out)`` and dC_db : ``(n_out,)``; a
    forward-only ``trace(X)`` leaves those three None.
    """

    A_prev: np.ndarray
    Z: np.ndarray
    A: np.ndarray
    delta: np.ndarray | None = None
    dC_dW: np.ndarray | None = None
    dC_db: np.ndarray | None = None


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
    init : ``"normal"``, ``"scaled"``, ``"glorot"``, ``"he"`` or ``"uniform"``; by default the one that
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
        self.trained_on_: dict | None = None  # what it was trained on (a JSON object), kept by save/load
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
    def as_inputs(self, X: Any) -> tuple[np.ndarray, bool]:
        """``X`` as every method reads it: a finite ``(n, n_in)`` array of the network's dtype,
        and whether ``X`` was one sample (a 1-d array, read as one row)."""
        return as_samples(X, "X", n_features=self.sizes[0], dtype=self.dtype)

    def as_targets(self, Y: Any, n_samples: int) -> np.ndarray:
        """Targets as ``(n, n_out)`` of the network's dtype: a 1-d Y is one output per sample, or,
        for several outputs, class labels 0 … n_out-1, one-hot encoded."""
        n_out = self.sizes[-1]
        Y = as_array(Y, "Y", ndim=(1, 2), dtype=None)
        if Y.ndim == 1 and n_out == 1:
            Y = Y.reshape(-1, 1)
        elif Y.ndim == 1:
            Y = one_hot(Y, n_out)
        elif Y.shape[1] != n_out:
            raise ValueError(
                f"Y has {Y.shape[1]} columns, but the network has {n_out} outputs; give one column "
                "per output, or a 1-d array of class labels."
            )
        check_same_length(range(n_samples), Y, "X", "Y")
        return Y.astype(self.dtype, copy=False)

    # ------------------------------------------------------------------ feedforward and backprop
    # ``feedforward`` and ``backpropagate`` are the equations themselves, on arrays already
    # checked by ``as_inputs`` / ``as_targets`` (the training loop's hot path); ``run``,
    # ``cost``, ``backprop`` and ``trace`` check their input, then call them. Nothing is kept
    # on the network or its layers: every value lives in the returned traces, as Nielsen's
    # ``backprop`` keeps its ``zs`` and ``activations`` in local lists.
    def feedforward(self, X: np.ndarray) -> list[LayerTrace]:
        """Every layer's ``(A_prev, Z, A)`` for a checked batch ``X`` ``(n, n_in)``, in order."""
        traces = []
        for layer in self.layers:
            Z, A = layer.forward(X)  # Z = A_prev @ W + b; A = φ(Z)
            traces.append(LayerTrace(X, Z, A))
            X = A
        return traces

    def backpropagate(self, X: np.ndarray, Y: np.ndarray) -> list[LayerTrace]:
        """BP1–BP4 on a checked batch ``X`` ``(n, n_in)``, ``Y`` ``(n, n_out)``: every layer's
        ``LayerTrace`` with its delta and gradients, in order."""
        # 1) feedforward: every layer's A_prev, Z and A (Nielsen's activations and zs)
        forward = self.feedforward(X)
        # 2) the output error
        out = forward[-1]
        delta = self.loss.output_delta(out.Z, out.A, Y, self.layers[-1].activation)  # BP1
        # 3) backwards through the layers
        traces = forward.copy()
        for l in range(len(self.layers) - 1, -1, -1):
            A_prev, Z, A = forward[l][:3]
            dC_dW, dC_db = self.layers[l].backward(A_prev, delta)  # BP3, BP4
            traces[l] = LayerTrace(A_prev, Z, A, delta, dC_dW, dC_db)
            if l > 0:  # (the inputs need no delta)
                below = self.layers[l - 1].activation
                delta = below.backward(forward[l - 1].Z, delta @ self.layers[l].W.T, A_prev)  # BP2
        return traces

    def run(self, X: Any) -> np.ndarray:
        """Feedforward: the output activations, ``(n, n_out)`` for ``X`` of shape ``(n, n_in)``.

        A 1-d ``X`` is one sample and gives a 1-d output of shape ``(n_out,)``.
        """
        X, single = self.as_inputs(X)
        A = self.feedforward(X)[-1].A
        return A[0] if single else A

    def cost(self, X: Any, Y: Any) -> float:
        """C, the loss averaged over the batch ``(X, Y)``."""
        X, _ = self.as_inputs(X)
        return float(self.loss.fn(self.feedforward(X)[-1].A, self.as_targets(Y, len(X))))

    def backprop(self, X: Any, Y: Any) -> Gradients:
        """Gradients of the batch-mean loss, ``[(dC_dW, dC_db), ...]``, one pair per layer, in order.

        ``dC_dW`` has the shape of that layer's W ``(n_in, n_out)``, ``dC_db`` of its b.
        ``Y`` is ``(n, n_out)``, or a 1-d array: one target per sample for one output, or
        integer class labels (one-hot encoded here) for several.
        """
        return [(t.dC_dW, t.dC_db) for t in self.trace(X, Y)]

    def trace(self, X: Any, Y: Any = None) -> list[LayerTrace]:
        """Every layer's ``LayerTrace`` for one batch, in order: its A_prev, Z and A, and with
        targets ``Y`` also its delta, dC_dW and dC_db (BP1–BP4). ``trace(X)`` is feedforward
        only: delta and the gradients are None. The network is left as it was."""
        X, _ = self.as_inputs(X)
        if Y is None:
            return self.feedforward(X)
        return self.backpropagate(X, self.as_targets(Y, len(X)))

    # ------------------------------------------------------------------ predictions
    def predict(self, X: np.ndarray) -> np.ndarray:
        """Class labels ``(n,)`` for a classifier (a > 0.5 for one output, else the largest output),
        or the output values ``(n, n_out)`` for a regression network."""
        A = self.feedforward(self.as_inputs(X)[0])[-1].A  # (n, n_out), also for one sample
        return class_labels(A) if self.is_classifier else A

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities, rows summing to 1: ``(n, 2)`` ([1 - a, a]) for one sigmoid output,
        the softmax outputs ``(n, k)``, or for k independent sigmoid outputs each row divided by its sum
        (each sigmoid says "this class or not" on its own, so their raw values need not sum to 1)."""
        if not self.is_classifier:
            raise TypeError(
                f"predict_proba needs a sigmoid or softmax output layer, this network's is "
                f"{self.layers[-1].activation.name}."
            )
        A = self.feedforward(self.as_inputs(X)[0])[-1].A
        if A.shape[1] == 1:
            return np.hstack([1 - A, A])
        return A if self.layers[-1].activation is Softmax else A / A.sum(axis=1, keepdims=True)

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
        Y = self.as_targets(Y, len(predictions))  # as fit reads it: (n, n_out), 1-d labels one-hot
        residual = np.sum((Y - predictions) ** 2)
        total = np.sum((Y - Y.mean(axis=0)) ** 2)
        return float(1 - residual / total) if total > 0 else float(residual == 0)

    # ------------------------------------------------------------------ training
    def fit(
        self,
        X: np.ndarray,
        Y: np.ndarray,
        epochs: int = 30,
        batch_size: int = 32,
        learning_rate: float | None = None,
        optimizer: str | Optimizer | None = None,
        *,
        validation_data: tuple[np.ndarray, np.ndarray] | None = None,
        validation_split: float | None = None,
        early_stopping: int | EarlyStopping | None = None,
        seed: int | None = None,
        verbose: int = 0,
        callbacks: Sequence[Callback] = (),
    ) -> History:
        """Train by mini-batch gradient descent with backpropagation; returns the ``History``.

        Each epoch: 1) shuffle, 2) cut into batches of ``batch_size``, 3) backprop each batch,
        4) let the optimizer step: for plain SGD, W ← W - η ∂C/∂W and b ← b - η ∂C/∂b.

        Parameters
        ----------
        X : ``(n, n_in)`` inputs.
        Y : ``(n, n_out)`` targets, or 1-d: class labels (one-hot encoded here) or one target
            per sample for a one-output network.
        epochs, batch_size : passes over the data, and examples per gradient step.
        learning_rate : η; by default the optimizer's (0.1 for SGD and momentum, 0.001 for Adam).
        optimizer : ``"sgd"`` (default), ``"momentum"``, ``"adam"`` or an ``Optimizer``
            instance (then give the learning rate to it).
        validation_data : ``(X_val, Y_val)`` measured after every epoch, or
        validation_split : the fraction of ``X`` held out for that (a seeded random subset).
        early_stopping : a patience (int) or an ``EarlyStopping``; watches the validation
            loss, or the training loss if there is no validation data.
        seed : seeds the shuffling (default: the network's seed), so runs repeat exactly.
        verbose : 0 silent, 1 a progress bar on a terminal (one line per epoch elsewhere),
            2 one line per epoch.
        callbacks : functions ``f(epoch, logs)`` called after each epoch with that epoch's
            numbers; one that returns True stops training.

        Raises ``TrainingDivergedError`` (a ``FloatingPointError``) if the loss becomes NaN or
        infinite; the weights are then those at the start of the failing epoch.
        """
        try:
            self.history_ = prepare_fit(
                self, X, Y, epochs=epochs, batch_size=batch_size, learning_rate=learning_rate,
                optimizer=optimizer, validation_data=validation_data, validation_split=validation_split,
                early_stopping=early_stopping, seed=seed, verbose=verbose, callbacks=callbacks,
            )
        except TrainingDivergedError as err:
            self.history_ = err.history  # the epochs before it went wrong, to look at
            raise
        return self.history_

    # ------------------------------------------------------------------ saving
    def save(self, path: str | os.PathLike) -> Path:
        """Write the network to one ``.npz`` file: its arrays plus JSON metadata, no pickle.

        The file is written to a temporary name in the same folder and then renamed, so a
        crash never leaves a half-written model behind. Returns the path written.
        See ``glassnet.saving`` for the format and what is checked.
        """
        return saving.save(self, path)

    @classmethod
    def load(cls, path: str | os.PathLike) -> NeuralNetwork:
        """Read a network written by ``save`` (with ``allow_pickle=False``).

        Raises ``FileNotFoundError`` for a missing file and ``ValueError`` naming the file and
        the problem for a corrupt, truncated or foreign one.
        """
        return saving.load(path, network_class=cls)

    def __repr__(self) -> str:
        layers = "".join(f"\n  {layer!r}," for layer in self.layers)
        return (
            f"NeuralNetwork({layers}\n  loss={self.loss.name}, params={self.n_params}, "
            f"dtype={self.dtype.name})"
        )
