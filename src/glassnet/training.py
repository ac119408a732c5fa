"""The mini-batch training loop, its History, validation and early stopping. Lesson: 07 training.

``fit`` checks its arguments, then runs one loop. One epoch is one pass over the training data
in a new random order:

    1) shuffle   2) cut into mini-batches   3) backprop each batch   4) take an optimizer step

then 5) the epoch's measures, 6) the divergence check, 7) the History and the progress line,
8) early stopping and the callbacks. The training loss and accuracy of an epoch are the means
over its mini-batches, measured as the batches go by (as Keras and scikit-learn report them),
so they cost no extra pass over the data; the validation ones are measured on the whole
validation set after the epoch.

The network is any object with ``layers`` (each with ``W`` and ``b``), ``loss``,
``is_classifier``, ``seed``, ``as_inputs``, ``as_targets``, ``cost``, ``feedforward`` and
``backpropagate``: a ``NeuralNetwork``, which calls ``fit`` from its own ``fit`` (this module
does not import the network, so that the dependencies flow one way).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from glassnet._validation import check_count, check_number, check_seed
from glassnet.labels import class_labels
from glassnet.optimizers import Optimizer, get_optimizer

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

    def record(self, measures: dict[str, float], learning_rate: float, seconds: float) -> None:
        """Append one epoch: its measures by name (accuracy only for classifiers, the validation ones
        only with validation data), the learning rate it used and how long it took."""
        for name, value in measures.items():
            getattr(self, name).append(value)
        self.learning_rate.append(learning_rate)
        self.epoch_time.append(seconds)

    def extended(self, then: History) -> History:
        """One History for two trainings in a row (this one, ``then`` the next): every per-epoch
        list continues, and ``then``'s best epoch is counted from this one's first."""
        earlier, later = self.to_dict(), then.to_dict()
        merged = {name: earlier[name] + value if isinstance(value, list) else value for name, value in later.items()}
        if then.best_epoch is not None:
            merged["best_epoch"] = then.best_epoch + self.epochs
        return History.from_dict(merged)

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


Weights = list[tuple[np.ndarray, np.ndarray]]


def fit(
    net: Any,
    X: Any,
    Y: Any,
    *,
    epochs: int = 30,
    batch_size: int = 32,
    learning_rate: float | None = None,
    optimizer: str | Optimizer | None = None,
    validation_data: tuple[Any, Any] | None = None,
    validation_split: float | None = None,
    early_stopping: int | EarlyStopping | None = None,
    seed: int | None = None,
    verbose: int = 0,
    callbacks: Sequence[Callback] | Callback = (),
) -> History:
    """Train ``net`` by mini-batch gradient descent with backpropagation; returns the ``History``.

    ``NeuralNetwork.fit`` documents the parameters. The arguments are checked first; then one
    loop, its steps numbered as in the lesson.
    """
    X, _ = net.as_inputs(X)
    Y = net.as_targets(Y, len(X))
    optimizer, stopping, callbacks, rng = check_recipe(
        net, epochs=epochs, batch_size=batch_size, learning_rate=learning_rate, optimizer=optimizer,
        early_stopping=early_stopping, seed=seed, verbose=verbose, callbacks=callbacks)
    X, Y, validation = split_validation(net, X, Y, validation_data, validation_split, rng)
    history, progress = History(), Progress(epochs, verbose)
    optimizer.reset()  # every fit starts clean, whatever the optimizer did before
    params = [(layer.W, layer.b) for layer in net.layers]  # the arrays the optimizer updates in place
    start_loss = net.cost(X[:DIVERGENCE_SAMPLE], Y[:DIVERGENCE_SAMPLE])  # for the divergence check
    best_loss, best_weights, waited = np.inf, None, 0
    order, A_epoch = np.arange(len(X)), np.empty_like(Y)  # A_epoch: each example's output as it was trained
    try:
        for epoch in range(epochs):
            started, start_weights = time.perf_counter(), copy_weights(net)
            optimizer.start_epoch(epoch)
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # step 6 judges the numbers
                rng.shuffle(order)  # 1) shuffle (in place: each epoch's order follows from the last)
                for lo in range(0, len(X), batch_size):  # 2) cut into mini-batches
                    batch = order[lo:lo + batch_size]
                    bp = net.backpropagate(X[batch], Y[batch])  # 3) backprop: BP1-BP4
                    optimizer.step(params, bp.gradients)  # 4) step: θ ← θ - η ∂C/∂θ for plain SGD
                    A_epoch[lo:lo + batch_size] = bp.activations[-1]
                # 5) the epoch's measures: training ones from the outputs met on the way, validation after
                measures = measure(net, A_epoch, Y[order], validation)
            # 6) divergence: stop, with the weights of the epoch's start
            problem = divergence(net, measures, start_loss)
            if problem is not None:
                set_weights(net, start_weights)
                error = TrainingDivergedError(
                    f"Training diverged in epoch {epoch + 1}: {problem}. The network was reset to its weights "
                    f"at the start of that epoch. Try a smaller learning rate than {optimizer.learning_rate:g}.")
                error.history = history
                raise error
            # 7) the History and the progress line
            history.record(measures, optimizer.learning_rate, time.perf_counter() - started)
            progress.update(epoch, epochs, history)
            # 8) early stopping (on the validation loss if there is one), then the callbacks
            if stopping is not None:
                monitored = measures.get("val_loss", measures["loss"])
                if monitored < best_loss - stopping.min_delta:
                    best_loss, waited, history.best_epoch = monitored, 0, epoch
                    best_weights = copy_weights(net) if stopping.restore_best else None
                else:
                    waited += 1
                history.stopped_early = waited >= stopping.patience
            stop_requested = any([callback(epoch, history.last()) for callback in callbacks])  # call every one
            if history.stopped_early or stop_requested:
                break
    finally:
        progress.close()
    if best_weights is not None:
        set_weights(net, best_weights)
    return history


# ---------------------------------------------------------------- the steps' helpers
def check_recipe(net: Any, *, epochs: int, batch_size: int, learning_rate: float | None,
                 optimizer: str | Optimizer | None, early_stopping: int | EarlyStopping | None,
                 seed: int | None, verbose: int, callbacks: Any,
                 ) -> tuple[Optimizer, EarlyStopping | None, list[Callback], np.random.Generator]:
    """Check ``fit``'s settings; return the optimizer, the early-stopping settings (or None), the
    callbacks as a list and the random stream that shuffles (seeded by ``seed``, else the network's)."""
    check_count(epochs, "epochs")
    check_count(batch_size, "batch_size")
    verbose = int(verbose) if isinstance(verbose, bool) else verbose
    check_number(verbose, "verbose", low=0, low_inclusive=True, high=2, integer=True)
    optimizer = get_optimizer(optimizer, learning_rate)
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
    return optimizer, early_stopping, list(callbacks), rng


def split_validation(
    net: Any, X: np.ndarray, Y: np.ndarray, validation_data: tuple[Any, Any] | None,
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


def measure(net: Any, A_epoch: np.ndarray, Y_epoch: np.ndarray,
            validation: tuple[np.ndarray, np.ndarray] | None) -> dict[str, float]:
    """An epoch's numbers, by History name: the loss (and accuracy, for a classifier) of the outputs
    ``A_epoch`` met while training against ``Y_epoch``, and the same on the validation set."""
    found = {"loss": net.loss.fn(A_epoch, Y_epoch)}
    if net.is_classifier:
        found["accuracy"] = accuracy(A_epoch, Y_epoch)
    if validation is not None:
        X_val, Y_val = validation
        A_val = np.concatenate([net.feedforward(X_val[lo:lo + 4096])[1][-1]  # 4096 rows at a time
                                for lo in range(0, len(X_val), 4096)])
        found["val_loss"] = net.loss.fn(A_val, Y_val)
        if net.is_classifier:
            found["val_accuracy"] = accuracy(A_val, Y_val)
    return found


def accuracy(A: np.ndarray, Y: np.ndarray) -> float:
    """The fraction of rows whose outputs A give the class of their targets Y."""
    return float(np.mean(class_labels(A) == class_labels(Y)))


def divergence(net: Any, measures: dict[str, float], start_loss: float) -> str | None:
    """What went wrong, in words, if training diverged: the loss or the weights stopped being finite
    numbers, or the loss grew more than ``DIVERGENCE_FACTOR`` times above ``start_loss``, the loss
    before training; else None."""
    loss, val_loss = measures["loss"], measures.get("val_loss")
    if not np.isfinite(loss):
        return "the loss became NaN or infinite"
    if not all(np.isfinite(layer.W).all() and np.isfinite(layer.b).all() for layer in net.layers):
        return "the weights became NaN or infinite"
    if val_loss is not None and not np.isfinite(val_loss):
        return "the validation loss became NaN or infinite"
    if loss > DIVERGENCE_FACTOR * max(start_loss, np.finfo(np.float64).tiny):
        return (f"the loss grew from {start_loss:.3g} before training to {loss:.3g}, more than "
                f"{DIVERGENCE_FACTOR:.0e} times")
    return None


def copy_weights(net: Any) -> Weights:
    """Copies of every layer's ``(W, b)``."""
    return [(layer.W.copy(), layer.b.copy()) for layer in net.layers]


def set_weights(net: Any, weights: Weights) -> None:
    """Put ``weights`` (from ``copy_weights``) back into the network's own arrays."""
    for layer, (W, b) in zip(net.layers, weights, strict=True):
        layer.W[...], layer.b[...] = W, b


class Progress:
    """A tqdm bar over the epochs on a terminal (verbose=1), else one line per epoch (silent at 0)."""

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
