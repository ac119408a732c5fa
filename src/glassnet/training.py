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

from glassnet._validation import check_count, check_number, check_seed
from glassnet.labels import class_labels
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


#: Training has diverged when an epoch's loss is more than this many times the loss the network
#: started from (on the first training examples, before the first step): a loss that explodes
#: while still finite (4e9, then 1e298) is reported as surely as one that becomes NaN or infinite.
DIVERGENCE_FACTOR = 1e6
#: The starting loss is measured on the first this-many training examples: a stable average that
#: costs a small fraction of an epoch.
DIVERGENCE_SAMPLE = 256


class TrainingDivergedError(FloatingPointError):
    """The loss exploded (more than ``DIVERGENCE_FACTOR`` times its starting value) or the loss or
    the weights became NaN or infinite; the network was put back to its weights at the start of
    the failing epoch. ``history`` holds the epochs completed before it happened.
    """

    history: History


def _accuracy(A: np.ndarray, Y: np.ndarray) -> float:
    """The fraction of rows whose outputs A give the class of their targets Y."""
    return float(np.mean(class_labels(A) == class_labels(Y)))


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


@dataclass
class _Epoch:
    """One epoch's numbers, before they go into the History."""

    loss: float
    accuracy: float | None = None
    val_loss: float | None = None
    val_accuracy: float | None = None


def _outputs(net: NeuralNetwork, X: np.ndarray, rows: int = 4096) -> np.ndarray:
    """The network's outputs for checked X ``(n, n_in)``, fed forward ``rows`` at a time so that
    memory stays bounded on large data sets."""
    return np.concatenate([net.feedforward(X[lo:lo + rows])[1][-1] for lo in range(0, len(X), rows)])


def _train_batches(net: NeuralNetwork, X: np.ndarray, Y: np.ndarray, order: np.ndarray, batch_size: int,
                   optimizer: Optimizer) -> np.ndarray:
    """One pass over the data in the given order, one optimizer step per mini-batch. Returns each
    example's output as its batch was trained (before that batch's step), in ``order``."""
    params = [(layer.W, layer.b) for layer in net.layers]
    A_epoch = np.empty_like(Y)  # (n, n_out)
    for lo in range(0, len(X), batch_size):  # 2) mini-batches
        batch = order[lo:lo + batch_size]
        _, activations, _, gradients = net.backpropagate(X[batch], Y[batch])  # 3) backprop (BP1-BP4)
        A_epoch[lo:lo + batch_size] = activations[-1]
        optimizer.step(params, gradients)  # 4) step
    return A_epoch


def _run_epoch(net: NeuralNetwork, X: np.ndarray, Y: np.ndarray, order: np.ndarray, *, batch_size: int,
               optimizer: Optimizer, validation: tuple[np.ndarray, np.ndarray] | None,
               rng: np.random.Generator, classifier: bool) -> _Epoch:
    """Train one epoch and measure it: the training loss and accuracy from the outputs met along
    the way, the validation ones on the whole validation set afterwards. ``order`` is shuffled
    in place, so that each epoch's order follows from the last one's."""
    rng.shuffle(order)  # 1) shuffle
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # _check_divergence judges
        A_epoch, Y_epoch = _train_batches(net, X, Y, order, batch_size, optimizer), Y[order]
        numbers = _Epoch(loss=net.loss.fn(A_epoch, Y_epoch))
        if validation is not None:
            A_val = _outputs(net, validation[0])
            numbers.val_loss = net.loss.fn(A_val, validation[1])
    if classifier:
        numbers.accuracy = _accuracy(A_epoch, Y_epoch)
        if validation is not None:
            numbers.val_accuracy = _accuracy(A_val, validation[1])
    return numbers


def _check_divergence(net: NeuralNetwork, epoch: int, numbers: _Epoch, optimizer: Optimizer,
                      start_weights: list[tuple[np.ndarray, np.ndarray]], history: History,
                      start_loss: float) -> None:
    """Raise ``TrainingDivergedError`` (after putting back the epoch's starting weights) if the loss
    or the weights stopped being finite numbers, or the loss grew more than ``DIVERGENCE_FACTOR``
    times above ``start_loss``, the loss before training."""
    finite_weights = all(np.isfinite(layer.W).all() and np.isfinite(layer.b).all() for layer in net.layers)
    limit = DIVERGENCE_FACTOR * max(start_loss, np.finfo(np.float64).tiny)
    problem = ("the loss became NaN or infinite" if not np.isfinite(numbers.loss)
               else "the weights became NaN or infinite" if not finite_weights
               else "the validation loss became NaN or infinite"
               if numbers.val_loss is not None and not np.isfinite(numbers.val_loss)
               else f"the loss grew from {start_loss:.3g} before training to {numbers.loss:.3g}, more than "
                    f"{DIVERGENCE_FACTOR:.0e} times" if numbers.loss > limit else None)
    if problem:
        _set_weights(net, start_weights)
        error = TrainingDivergedError(
            f"Training diverged in epoch {epoch + 1}: {problem}. The network was reset to its weights at "
            f"the start of that epoch. Try a smaller learning rate than {optimizer.learning_rate:g}."
        )
        error.history = history
        raise error


def _record(history: History, numbers: _Epoch, learning_rate: float, seconds: float) -> None:
    """Append one epoch's numbers to the History (accuracy only for classifiers, validation if any)."""
    history.loss.append(numbers.loss)
    for name in ("accuracy", "val_loss", "val_accuracy"):
        if (value := getattr(numbers, name)) is not None:
            getattr(history, name).append(value)
    history.learning_rate.append(learning_rate)
    history.epoch_time.append(seconds)


class _EarlyStopper:
    """Keeps the best monitored loss (the validation loss if there is one, else the training loss)
    and its weights; says when patience has run out. Without settings it never stops."""

    def __init__(self, settings: EarlyStopping | None) -> None:
        self.settings, self.best_loss, self.best_weights, self.waited = settings, np.inf, None, 0

    def should_stop(self, net: NeuralNetwork, epoch: int, numbers: _Epoch, history: History) -> bool:
        if self.settings is None:
            return False
        monitored = numbers.val_loss if numbers.val_loss is not None else numbers.loss
        if monitored < self.best_loss - self.settings.min_delta:
            self.best_loss, self.waited, history.best_epoch = monitored, 0, epoch
            if self.settings.restore_best:
                self.best_weights = _weights(net)
        else:
            self.waited += 1
        return self.waited >= self.settings.patience

    def restore_best(self, net: NeuralNetwork) -> None:
        if self.best_weights is not None:
            _set_weights(net, self.best_weights)


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
    Each epoch: train it, check it did not diverge, record it, then ask early stopping and the
    callbacks whether to go on.
    """
    history = History()
    optimizer.reset()  # every fit starts clean, whatever the optimizer did before
    start_loss = net.cost(X[:DIVERGENCE_SAMPLE], Y[:DIVERGENCE_SAMPLE])  # for _check_divergence
    stopper = _EarlyStopper(early_stopping)
    order, classifier = np.arange(len(X)), net.is_classifier
    progress = _Progress(epochs, verbose)
    try:
        for epoch in range(epochs):
            start, start_weights = time.perf_counter(), _weights(net)
            optimizer.start_epoch(epoch)
            numbers = _run_epoch(net, X, Y, order, batch_size=batch_size, optimizer=optimizer,
                                 validation=validation, rng=rng, classifier=classifier)
            _check_divergence(net, epoch, numbers, optimizer, start_weights, history, start_loss)
            _record(history, numbers, optimizer.learning_rate, time.perf_counter() - start)
            progress.update(epoch, epochs, history)
            history.stopped_early = stopper.should_stop(net, epoch, numbers, history)
            stop_requested = any([callback(epoch, history.last()) for callback in callbacks])  # call every one
            if history.stopped_early or stop_requested:
                break
    finally:
        progress.close()
    stopper.restore_best(net)
    return history


def _split_validation(
    net: NeuralNetwork, X: np.ndarray, Y: np.ndarray, validation_data: tuple[Any, Any] | None,
    validation_split: float | None, rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
    """The training data and the checked validation set: ``validation_data`` as given, or a
    seeded random ``validation_split`` of the rows carved from X and Y, or None."""
    if validation_data is not None and validation_split is not None:
        raise TypeError("Give validation_data or validation_split, not both.")
    if validation_data is not None:
        if not isinstance(validation_data, tuple | list) or len(validation_data) != 2:
            raise TypeError("validation_data must be a pair (X_val, Y_val).")
        X_val, _ = net.as_inputs(validation_data[0])
        return X, Y, (X_val, net.as_targets(validation_data[1], len(X_val)))
    if validation_split is None:
        return X, Y, None
    check_number(validation_split, "validation_split", low=0, high=1, high_inclusive=False)
    n_val = round(len(X) * validation_split)
    if not 1 <= n_val < len(X):
        raise ValueError(
            f"validation_split={validation_split} of {len(X)} samples leaves "
            f"{n_val} for validation and {len(X) - n_val} for training; both need at least one."
        )
    perm = rng.permutation(len(X))
    return X[perm[n_val:]], Y[perm[n_val:]], (X[perm[:n_val]], Y[perm[:n_val]])


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
    rng = np.random.default_rng(check_seed(seed) if seed is not None else net.seed)
    X, Y, validation = _split_validation(net, X, Y, validation_data, validation_split, rng)
    return train(net, X, Y, epochs=epochs, batch_size=batch_size, optimizer=opt,
                 validation=validation, early_stopping=early_stopping, rng=rng, verbose=verbose,
                 callbacks=list(callbacks))
