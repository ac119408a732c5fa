"""The mini-batch training loop, its History, validation and early stopping. Lesson: 07 training.

One epoch is one pass over the training data in a new random order:

    1) shuffle   2) cut into mini-batches   3) backprop each batch   4) take an optimizer step

The training loss and accuracy of an epoch are the means over its mini-batches, measured as
the batches go by (as Keras and scikit-learn report them), so they cost no extra pass over the
data; the validation ones are measured on the whole validation set after the epoch.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from glassnet._validation import check_count, check_number
from glassnet.optimizers import Optimizer, get_optimizer

if TYPE_CHECKING:
    from glassnet.network import NeuralNetwork

Callback = Callable[[int, dict[str, float]], bool | None]


@dataclass
class History:
    """What happened in each epoch of training (one list entry per epoch).

    loss, accuracy : training loss and accuracy (accuracy only for classifiers), the mean
        over the epoch's mini-batches.
    val_loss, val_accuracy : the same on the validation data, if any was given.
    epoch_time : seconds each epoch took.
    learning_rate : the optimizer's learning rate in each epoch.
    best_epoch : the epoch whose weights the network kept (early stopping), counted from 0.
    stopped_early : whether early stopping ended training before ``epochs``.
    """

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    epoch_time: list[float] = field(default_factory=list)
    learning_rate: list[float] = field(default_factory=list)
    best_epoch: int | None = None
    stopped_early: bool = False

    _SERIES = ("loss", "accuracy", "val_loss", "val_accuracy", "epoch_time", "learning_rate")

    @property
    def epochs(self) -> int:
        return len(self.loss)

    def last(self) -> dict[str, float]:
        """The latest epoch's numbers, by name (the lists that have entries)."""
        return {name: values[-1] for name in self._SERIES if (values := getattr(self, name))}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> History:
        return cls(**data)

    def summary(self, epoch: int = -1) -> str:
        """One line for an epoch: ``epoch 3/30  loss 0.1234  acc 95.10%  val_loss ...``."""
        parts = [f"loss {self.loss[epoch]:.4g}"]
        for name, values, fmt in (("acc", self.accuracy, "{:.2%}"), ("val_loss", self.val_loss, "{:.4g}"),
                                  ("val_acc", self.val_accuracy, "{:.2%}")):
            if values:
                parts.append(f"{name} {fmt.format(values[epoch])}")
        parts.append(f"{self.epoch_time[epoch]:.2f}s")
        return "  ".join(parts)


@dataclass(frozen=True)
class EarlyStopping:
    """Stop when the monitored loss (validation loss if there is validation data, else the
    training loss) has not improved by more than ``min_delta`` for ``patience`` epochs.
    With ``restore_best`` the network ends with the weights of its best epoch."""

    patience: int = 5
    min_delta: float = 0.0
    restore_best: bool = True

    def __post_init__(self) -> None:
        check_count(self.patience, "patience")
        check_number(self.min_delta, "min_delta", low=0, low_inclusive=True)


class TrainingDivergedError(FloatingPointError):
    """The loss or the weights became NaN or infinite; the network was put back to finite weights.

    ``history`` holds the epochs completed before it happened.
    """

    history: History


def class_labels(Y: np.ndarray) -> np.ndarray:
    """Class labels ``(n,)`` from outputs or targets ``(n, k)``: the column with the largest
    value, or y > 0.5 for one column."""
    return (Y[:, 0] > 0.5).astype(np.int64) if Y.shape[1] == 1 else Y.argmax(axis=1)


def _accuracy(A: np.ndarray, labels: np.ndarray) -> float:
    return float(np.mean(class_labels(A) == labels))


def _weights(net: NeuralNetwork) -> list[tuple[np.ndarray, np.ndarray]]:
    return [(layer.W.copy(), layer.b.copy()) for layer in net.layers]


def _set_weights(net: NeuralNetwork, weights: list[tuple[np.ndarray, np.ndarray]]) -> None:
    for layer, (W, b) in zip(net.layers, weights, strict=True):
        layer.W[...], layer.b[...] = W, b


class _Progress:
    """A tqdm bar over the epochs on a terminal (verbose=1), else one line per epoch."""

    def __init__(self, epochs: int, verbose: int) -> None:
        self.verbose, self.bar = verbose, None
        if verbose == 1 and sys.stderr.isatty():
            try:
                from tqdm.auto import tqdm
            except ImportError:
                pass
            else:
                self.bar = tqdm(total=epochs, unit="epoch", leave=True)

    def update(self, epoch: int, epochs: int, history: History) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(history.summary())
            self.bar.update(1)
        elif self.verbose:
            print(f"epoch {epoch + 1}/{epochs}  {history.summary()}", flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def train(
    net: NeuralNetwork,
    X: np.ndarray,
    Y: np.ndarray,
    *,
    epochs: int,
    batch_size: int,
    optimizer: Optimizer,
    validation: tuple[np.ndarray, np.ndarray] | None,
    early_stopping: EarlyStopping | None,
    rng: np.random.Generator,
    verbose: int,
    callbacks: Sequence[Callback],
) -> History:
    """Train ``net`` on checked arrays (``X`` ``(n, n_in)``, ``Y`` ``(n, n_out)``, the network's dtype).

    ``NeuralNetwork.fit`` checks the user's input and calls this; see it for the parameters.
    """
    history = History()
    classifier = net.is_classifier
    labels = class_labels(Y) if classifier else None
    val_labels = class_labels(validation[1]) if classifier and validation is not None else None
    params = [(layer.W, layer.b) for layer in net.layers]
    n = len(X)
    order = np.arange(n)
    A_epoch = np.empty_like(Y)  # (n, n_out): each example's output when its batch was trained
    best_loss, best_weights, waited = np.inf, None, 0
    progress = _Progress(epochs, verbose)
    try:
        for epoch in range(epochs):
            start = time.perf_counter()
            optimizer.start_epoch(epoch)
            epoch_start_weights = _weights(net)
            rng.shuffle(order)  # 1) shuffle
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                for lo in range(0, n, batch_size):  # 2) mini-batches
                    batch = order[lo:lo + batch_size]
                    Xb, Yb = X[batch], Y[batch]
                    traces = net.backpropagate(Xb, Yb)  # 3) backprop (BP1-BP4)
                    A_epoch[lo:lo + batch_size] = traces[-1].A
                    optimizer.step(params, [(t.dC_dW, t.dC_db) for t in traces])  # 4) step
                # the epoch's training loss and accuracy, from the outputs kept batch by batch
                loss_sum = net.loss.fn(A_epoch, Y[order]) * n
                if classifier:
                    correct = np.count_nonzero(class_labels(A_epoch) == labels[order])
                if validation is not None:
                    A_val = net.feedforward(validation[0])[-1].A
                    val_loss = net.loss.fn(A_val, validation[1])
            finite_weights = all(np.isfinite(W).all() and np.isfinite(b).all() for W, b in params)
            problem = ("the loss" if not np.isfinite(loss_sum) else "the weights" if not finite_weights
                       else "the validation loss" if validation is not None and not np.isfinite(val_loss)
                       else None)
            if problem:
                _set_weights(net, epoch_start_weights)
                error = TrainingDivergedError(
                    f"Training diverged in epoch {epoch + 1}: {problem} became NaN or infinite. "
                    f"The network was reset to its weights at the start of that epoch. "
                    f"Try a smaller learning rate than {optimizer.learning_rate:g}."
                )
                error.history = history
                raise error
            history.loss.append(loss_sum / n)
            if classifier:
                history.accuracy.append(correct / n)
            if validation is not None:
                history.val_loss.append(val_loss)
                if classifier:
                    history.val_accuracy.append(_accuracy(A_val, val_labels))
            history.learning_rate.append(optimizer.learning_rate)
            history.epoch_time.append(time.perf_counter() - start)
            progress.update(epoch, epochs, history)

            monitored = history.val_loss[-1] if validation is not None else history.loss[-1]
            if early_stopping is not None:
                if monitored < best_loss - early_stopping.min_delta:
                    best_loss, waited, history.best_epoch = monitored, 0, epoch
                    if early_stopping.restore_best:
                        best_weights = _weights(net)
                else:
                    waited += 1
                    if waited >= early_stopping.patience:
                        history.stopped_early = True
            logs = history.last()
            stop_requested = any([callback(epoch, logs) for callback in callbacks])  # call every one
            if history.stopped_early or stop_requested:
                break
    finally:
        progress.close()
    if best_weights is not None:
        _set_weights(net, best_weights)
    return history


def prepare_fit(
    net: NeuralNetwork,
    X: Any,
    Y: Any,
    *,
    epochs: int,
    batch_size: int,
    learning_rate: float | None,
    optimizer: str | Optimizer | None,
    validation_data: tuple[Any, Any] | None,
    validation_split: float | None,
    early_stopping: int | EarlyStopping | None,
    seed: int | None,
    verbose: int,
    callbacks: Sequence[Callback],
) -> History:
    """Check every argument of ``fit``, split off validation data, and run ``train``."""
    X, _ = net.as_inputs(X)
    Y = net.as_targets(Y, len(X))
    epochs = check_count(epochs, "epochs")
    batch_size = check_count(batch_size, "batch_size")
    verbose = int(verbose) if isinstance(verbose, bool) else verbose
    check_number(verbose, "verbose", low=0, low_inclusive=True, high=2, integer=True)
    opt = get_optimizer(optimizer, learning_rate)
    if isinstance(early_stopping, int) and not isinstance(early_stopping, bool):
        early_stopping = EarlyStopping(patience=early_stopping)
    elif early_stopping is not None and not isinstance(early_stopping, EarlyStopping):
        raise TypeError(
            f"early_stopping must be a patience (int) or an EarlyStopping, got {early_stopping!r}."
        )
    if callable(callbacks):
        callbacks = [callbacks]
    if not all(callable(c) for c in callbacks):
        raise TypeError("callbacks must be callables f(epoch, logs) -> bool | None.")
    rng = np.random.default_rng(seed if seed is not None else net.seed)

    if validation_data is not None and validation_split is not None:
        raise TypeError("Give validation_data or validation_split, not both.")
    validation = None
    if validation_data is not None:
        if not isinstance(validation_data, tuple | list) or len(validation_data) != 2:
            raise TypeError("validation_data must be a pair (X_val, Y_val).")
        X_val, _ = net.as_inputs(validation_data[0])
        validation = (X_val, net.as_targets(validation_data[1], len(X_val)))
    elif validation_split is not None:
        check_number(validation_split, "validation_split", low=0, high=1, high_inclusive=False)
        n_val = round(len(X) * validation_split)
        if not 1 <= n_val < len(X):
            raise ValueError(
                f"validation_split={validation_split} of {len(X)} samples leaves "
                f"{n_val} for validation and {len(X) - n_val} for training; both need at least one."
            )
        perm = rng.permutation(len(X))
        validation = (X[perm[:n_val]], Y[perm[:n_val]])
        X, Y = X[perm[n_val:]], Y[perm[n_val:]]
    return train(net, X, Y, epochs=epochs, batch_size=batch_size, optimizer=opt,
                 validation=validation, early_stopping=early_stopping, rng=rng, verbose=verbose,
                 callbacks=list(callbacks))
