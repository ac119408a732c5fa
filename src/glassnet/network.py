"""The feedforward neural network: run (feedforward) and backprop (BP1–BP4). Lessons: 03 and 06.

A network is a list of Dense layers and a loss. ``feedforward`` applies the layers in order;
``backpropagate`` runs the four equations of the track backwards through them, in row form
(batch first, W of shape (n_in, n_out); ``layers.py`` states the notation): BP1 and BP2 are
written there, BP3 and BP4 in ``Dense.gradients``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from glassnet import saving, training
from glassnet._validation import as_array, as_samples, check_float_dtype, check_labels, check_same_length, check_seed
from glassnet.activations import describe_activation, sample_outputs
from glassnet.labels import class_labels, one_hot, target_labels
from glassnet.layers import Dense, build_layers, copy_layers
from glassnet.losses import (
    check_output_layer,
    check_targets,
    class_probabilities,
    describe_loss,
    get_loss,
    in_unit_interval,
)
from glassnet.optimizers import Optimizer
from glassnet.training import Callback, EarlyStopping, History, TrainingDivergedError

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


class Backprop(NamedTuple):
    """One batch through ``backpropagate``, as Nielsen's lists, indexed by layer l = 0 … L-1:
    ``zs[l]`` and ``deltas[l]`` ``(n, n_out)``, ``gradients[l]`` = ``(dC_dW, dC_db)``; layer l's
    input is ``activations[l]`` and its output ``activations[l + 1]`` (``activations[0]`` is X)."""

    zs: list[np.ndarray]
    activations: list[np.ndarray]
    deltas: list[np.ndarray]
    gradients: Gradients


class NeuralNetwork:
    """A feedforward network of dense layers, trained by backpropagation.

    Parameters
    ----------
    layers : list of int or list of Dense
        Layer sizes, input first (``[2, 3, 1]``: 2 inputs, 3 hidden neurons, 1 output), or
        ready-made ``Dense`` layers, one activation each. The network works on copies of
        them: the caller's layers are left as they were. With ready-made layers, giving
        ``activation``, ``output_activation``, ``init`` or ``seed`` is a TypeError.
    activation : the activation of every layer built from sizes (class or name; default sigmoid).
    output_activation : the last layer's activation, if it differs (``Softmax`` ...).
    loss : the loss class or name (``MSE``, ``"cross-entropy"`` ...).
    init : ``"normal"``, ``"scaled"``, ``"glorot"``, ``"he"``, ``"uniform"`` or (no hidden layers)
        ``"zeros"``; by default ``layers.default_init`` of each layer's activation, chosen by
        measurement: uniform U(±1/√n_in) for ReLU, zeros for a softmax output, Glorot otherwise.
        The track's ``"normal"`` saturates sigmoid layers with many inputs.
    seed : an int >= 0 (or a numpy integer; kept as an int) or None: the same seed gives the same
        weights, bit for bit. A ``numpy.random.Generator`` is refused: a network keeps its seed,
        so that a saved model says how it was made.
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
        activation: Any = None,
        output_activation: Any = None,
        loss: Any = "mse",
        *,
        init: str | None = None,
        seed: int | None = None,
        dtype: type | np.dtype = np.float64,
    ) -> None:
        self.dtype = check_float_dtype(dtype)
        self.loss = get_loss(loss)
        self.seed = check_seed(seed)
        self.trained_on_: dict | None = None  # what it was trained on (a JSON object), kept by save/load
        if isinstance(layers, str | bytes) or not isinstance(layers, Sequence) or len(layers) == 0:
            raise TypeError(f"layers must be a list of layer sizes or of Dense layers, got {layers!r}.")
        if any(isinstance(layer, Dense) for layer in layers):
            options = {"activation": activation, "output_activation": output_activation, "init": init, "seed": seed}
            self.layers = copy_layers(layers, [name for name, value in options.items() if value is not None],
                                      self.dtype)
        else:
            self.layers = build_layers(layers, activation, output_activation, init=init, seed=self.seed,
                                       dtype=self.dtype)
        check_output_layer(self.loss, self.layers[-1].activation, self.sizes[-1])

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
        """Whether the outputs are probabilities, each in [0, 1] (a sigmoid or softmax output layer,
        or a learner's own of that kind), so that ``predict`` gives class labels."""
        return in_unit_interval(sample_outputs(self.layers[-1].activation, self.sizes[-1]))

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
        check_targets(self.loss, Y)
        if self.is_classifier and not in_unit_interval(Y):
            raise ValueError(
                f"Y must hold values in [0, 1] (class labels, or probabilities): the output layer's "
                f"{describe_activation(self.layers[-1].activation)} gives only those; Y holds values from "
                f"{Y.min():g} to {Y.max():g}."
            )
        return Y.astype(self.dtype, copy=False)

    # ------------------------------------------------------------------ feedforward and backprop
    # The equations, on arrays already checked (the training loop's hot path); ``run``, ``cost``,
    # ``backprop`` and ``trace`` check their input, then call them. As in Nielsen's ``backprop``,
    # a batch's ``zs`` and ``activations`` live in local lists, returned: nothing is kept.
    def feedforward(self, X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Nielsen's ``zs`` and ``activations`` for a checked batch ``X`` ``(n, n_in)``: layer l
        takes ``activations[l]`` (``activations[0]`` is X), computes ``zs[l]`` and gives
        ``activations[l + 1]``, each ``(n, n_out)`` of that layer."""
        zs, activations = [], [X]
        for layer in self.layers:
            Z, A = layer.forward(activations[-1])  # Z = A_prev @ W + b; A = φ(Z)
            zs.append(Z)
            activations.append(A)
        return zs, activations

    def backpropagate(self, X: np.ndarray, Y: np.ndarray) -> Backprop:
        """BP1–BP4 on a checked batch ``X`` ``(n, n_in)``, ``Y`` ``(n, n_out)``: every layer's Z, A,
        delta and gradients, in lists indexed by layer l = 0 … L-1 (``Backprop``).

            BP1  delta_L = ∂C/∂A_L ⊙ φ'(Z_L)                 (a - y where loss and φ cancel)
            BP2  delta_l = (delta_l+1 @ W_l+1ᵀ) ⊙ φ'(Z_l)
            BP3  ∂C/∂b_l = delta_l averaged over the batch     (``Dense.gradients``)
            BP4  ∂C/∂W_l = A_l-1ᵀ @ delta_l / n                (``Dense.gradients``)
        """
        # 1) feedforward, keeping every layer's Z and A
        zs, activations = self.feedforward(X)
        # 2) the output layer's error
        output, Z, A = self.layers[-1], zs[-1], activations[-1]
        if self.loss.shortcut_activation is output.activation:
            delta = A - Y  # BP1, where φ'(z) cancels the denominator of ∂C/∂a (see losses.py)
        else:
            delta = output.activation.backward(Z, self.loss.derivative(A, Y), A)  # BP1: ∂C/∂a ⊙ φ'(z)
        # 3) backwards through the layers: each layer's gradients, then the error of the one below
        L = len(self.layers)
        deltas, gradients = [None] * L, [None] * L  # one entry per layer, filled from the last
        for l in range(L - 1, -1, -1):
            layer, A_prev = self.layers[l], activations[l]
            deltas[l] = delta
            gradients[l] = layer.gradients(A_prev, delta)  # BP3, BP4: (dC_dW, dC_db)
            if l > 0:  # (the inputs need no delta)
                below = self.layers[l - 1]
                delta = below.activation.backward(zs[l - 1], delta @ layer.W.T, A_prev)  # BP2: (δ Wᵀ) ⊙ φ'(z)
        return Backprop(zs, activations, deltas, gradients)

    def run(self, X: Any) -> np.ndarray:
        """Feedforward: the output activations, ``(n, n_out)`` for ``X`` of shape ``(n, n_in)``.

        A 1-d ``X`` is one sample and gives a 1-d output of shape ``(n_out,)``.
        """
        _, activations, single, _ = self._checked(X)
        return activations[-1][0] if single else activations[-1]

    def cost(self, X: Any, Y: Any) -> float:
        """C, the loss averaged over the batch ``(X, Y)``."""
        _, activations, _, _ = self._checked(X)
        return float(self.loss.fn(activations[-1], self.as_targets(Y, len(activations[0]))))

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
        if Y is None:
            zs, activations, _, _ = self._checked(X)
            return [LayerTrace(*forward) for forward in zip(activations, zs, activations[1:], strict=False)]
        zs, activations, _, (deltas, gradients) = self._checked(X, Y)
        return [LayerTrace(A_prev, Z, A, delta, dC_dW, dC_db) for A_prev, Z, A, delta, (dC_dW, dC_db)
                in zip(activations, zs, activations[1:], deltas, gradients, strict=False)]

    def _checked(self, X: Any, Y: Any = None) -> tuple[list[np.ndarray], list[np.ndarray], bool, Any]:
        """``as_inputs``, ``feedforward`` (with ``Y``: ``as_targets``, ``backpropagate``, whose deltas and
        gradients come last); whether X was 1-d. Refuses inputs or weights that overflow some Z."""
        X, single = self.as_inputs(X)
        with np.errstate(over="ignore", invalid="ignore"):  # the overflow is reported below, in words
            if Y is None:
                (zs, activations), backward = self.feedforward(X), None
            else:
                zs, activations, *backward = self.backpropagate(X, self.as_targets(Y, len(X)))
        for l, Z in enumerate(zs):
            if not np.isfinite(Z).all():
                raise ValueError(
                    f"Z = A_prev @ W + b of layer {l} overflowed (beyond ±{np.finfo(self.dtype).max:.2g}, the "
                    f"{self.dtype.name} limit): the inputs (largest |x| = {np.abs(X).max():.3g}) or the weights "
                    "are too large. Scale the inputs, e.g. standardise them."
                )
        return zs, activations, single, backward

    # ------------------------------------------------------------------ predictions
    def predict(self, X: np.ndarray) -> np.ndarray:
        """Class labels ``(n,)`` for a classifier (a > 0.5 for one output, else the largest output),
        or the output values ``(n, n_out)`` for a regression network."""
        A = self._checked(X)[1][-1]  # (n, n_out), also for one sample
        return class_labels(A) if self.is_classifier else A

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities, rows summing to 1: ``(n, 2)`` ([1 - a, a]) for one sigmoid output,
        the softmax outputs ``(n, k)``, or for k independent sigmoid outputs each row divided by its
        sum (``labels.class_probabilities`` says how, finite even when every output underflows)."""
        if not self.is_classifier:
            raise TypeError(
                f"predict_proba needs a sigmoid or softmax output layer, this network's is "
                f"{describe_activation(self.layers[-1].activation)}."
            )
        zs, activations, _, _ = self._checked(X)
        return class_probabilities(activations[-1], zs[-1], self.layers[-1].activation)

    def score(self, X: np.ndarray, Y: np.ndarray) -> float:
        """Accuracy for a classifier; R² (1 - Σ(y - a)² / Σ(y - ȳ)²) for a regression network.

        ``Y`` may be class labels ``(n,)`` or one-hot / one column per output ``(n, n_out)``.
        """
        predictions = self.predict(X)
        Y = as_array(Y, "Y", ndim=(1, 2), dtype=None)
        check_same_length(predictions, Y, "X", "Y")
        if self.is_classifier:
            if Y.ndim == 2 and Y.shape[1] != self.sizes[-1]:
                self.as_targets(Y, len(predictions))  # raises: one column per output, as fit and cost say
            labels = target_labels(Y)
            check_labels(labels, max(self.sizes[-1], 2), "Y")  # one sigmoid output predicts 0 or 1
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

        Raises ``TrainingDivergedError`` (a ``FloatingPointError``) if the loss or the weights become
        NaN or infinite, or an epoch's loss exceeds ``training.DIVERGENCE_FACTOR`` (10⁶) times the loss
        before training (on the first 256 examples); the weights are put back to the failing epoch's
        start, and the message names it.
        """
        try:
            self.history_ = training.fit(
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
        """Write the network to one ``.npz`` file (its arrays and JSON metadata, no pickle), through a
        temporary file renamed at the end: a crash never leaves half a model. See ``glassnet.saving``."""
        return saving.save(self, path)

    @classmethod
    def load(cls, path: str | os.PathLike) -> NeuralNetwork:
        """Read a network written by ``save`` (``allow_pickle=False``): ``FileNotFoundError`` for a missing
        file, ``ValueError`` naming the file and the problem for a corrupt, truncated or foreign one."""
        return saving.load(path, network_class=cls)

    # ------------------------------------------------------------------ graduating (export.py)
    def to_torch(self) -> Any:
        """This network as a ``torch.nn.Sequential`` (``Linear.weight`` = ``W.T``): ``export.to_torch``."""
        from glassnet.export import to_torch

        return to_torch(self)

    @classmethod
    def from_torch(cls, module: Any, loss: Any = "mse") -> NeuralNetwork:
        """A network from a ``torch.nn.Sequential`` (``W`` = ``Linear.weight.T``): ``export.from_torch``."""
        from glassnet.export import from_torch

        return from_torch(module, loss=loss, network_class=cls)

    def to_onnx(self, path: str | os.PathLike) -> Path:
        """Write this network as an ONNX model (input ``X``, output ``A``); see ``glassnet.export.to_onnx``."""
        from glassnet.export import to_onnx

        return to_onnx(self, path)

    def diagnose(self, X: Any, Y: Any, **recipe: Any) -> Any:
        """Why it learns (X, Y) or not with ``recipe`` (as ``fit``'s): see ``glassnet.doctor.diagnose``."""
        from glassnet.doctor import diagnose  # (inside: the doctor sits above the network)

        return diagnose(self, X, Y, **recipe)

    def __repr__(self) -> str:
        layers = "".join(f"\n  {layer!r}," for layer in self.layers)
        return (
            f"NeuralNetwork({layers}\n  loss={describe_loss(self.loss)}, params={self.n_params}, "
            f"dtype={self.dtype.name})"
        )
