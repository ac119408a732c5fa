"""Short training runs on copies of the network: the recipe as given, the same at other learning
rates, a small and a medium batch fitted with a robust optimizer, and a reference network.
Lesson: 08 when training fails.

Every run trains a copy with ``fit`` (exactly the loop of lesson 7) and records the loss on the
rows it watches before training and after each epoch, ``fit``'s validation numbers, and whether
training diverged. The user's network and optimizer are never touched.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from glassnet import datasets
from glassnet.doctor.probe import Data, copy_network, example_losses
from glassnet.optimizers import Adam, Optimizer, get_optimizer
from glassnet.training import TrainingDivergedError

#: The trial of the recipe runs about this many optimizer steps (at least ``MIN_EPOCHS`` epochs):
#: enough for every healthy recipe measured to take the loss well below its start (benchmarks/doctor.py),
#: and for a small data set to show overfitting.
TRIAL_STEPS, MIN_EPOCHS = 1000, 3
#: The runs at other learning rates take this share of the trial's epochs and are compared with the
#: trial at that epoch.
PROBE_SHARE = 1 / 3
#: No run trains longer than this many seconds, and no run goes on once the diagnosis as a whole has
#: taken ``TOTAL_SECONDS`` (a run stops after the epoch that passes either; the checks that need a
#: complete run then say they could not judge).
RUN_SECONDS, TOTAL_SECONDS = 2.0, 8.0
#: The reference network trains with Adam at this rate.
ROBUST_RATE = 0.01
#: The small batch the network must fit (Karpathy's "overfit one batch"): this many rows, this many
#: full-batch steps, with the recipe's optimizer and with Adam at ``SMALL_RATE``.
SMALL_BATCH, SMALL_STEPS, SMALL_RATE = 16, 300, 0.02
#: The medium set on which the network's capacity is compared with the reference network's: this
#: many rows, fitted by Adam at ``MEDIUM_RATE`` in mini-batches of ``MEDIUM_BATCH`` for about
#: ``MEDIUM_STEPS`` steps (enough for the healthy networks measured to get within 0.07 of the reference).
MEDIUM_ROWS, MEDIUM_STEPS, MEDIUM_RATE, MEDIUM_BATCH = 200, 1200, 0.02, 50
#: The runs of the recipe measure the loss after each epoch on at most this many of the probe rows.
WATCHED_ROWS = 256
#: The reference network: ``REFERENCE_LAYERS`` ReLU hidden layers, the network's own output layer
#: and loss, trained with Adam on mini-batches of ``REFERENCE_BATCH``, on standardised inputs.
REFERENCE_LAYERS, REFERENCE_BATCH, REFERENCE_STEPS = [64, 64], 32, 400


@dataclass
class Run:
    """One short training run on a copy of a network.

    loss : C on the rows it watches, before training (entry 0) and after each epoch (or only at the
        end, for a run that does not watch each epoch).
    val_loss, val_accuracy : ``fit``'s validation numbers per epoch (accuracy for classifiers).
    epochs : the epochs it trained; complete : whether it trained all it was asked to (or diverged),
        rather than being stopped by the clock.
    diverged : the epoch (from 1) in which training diverged, or None.
    ratios : each layer's update/weight ratio ‖ΔW‖ / ‖W‖ for one more step (None where W is 0).
    val_best, val_last : each validation example's own loss at the epoch of the lowest validation
        loss and at the end (for a paired comparison of the two; empty without validation).
    """

    name: str
    learning_rate: float
    loss: list[float] = field(default_factory=list)
    epochs: int = 0
    complete: bool = True
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    diverged: int | None = None
    ratios: list[float | None] = field(default_factory=list)
    val_best: np.ndarray = field(default_factory=lambda: np.zeros(0))
    val_last: np.ndarray = field(default_factory=lambda: np.zeros(0))
    seconds: float = 0.0
    trainee: Any = field(default=None, repr=False)  # the trained copy

    @property
    def final_loss(self) -> float:
        """C after the run (inf if training diverged)."""
        return self.loss[-1] if self.diverged is None else np.inf

    def loss_at(self, epoch: int) -> float:
        """C after ``epoch`` epochs of a watched run (the last epoch reached if it stopped earlier; inf
        if it diverged)."""
        return self.loss[min(epoch, len(self.loss) - 1)] if self.diverged is None else np.inf

    def progress(self, baseline: float, epoch: int | None = None) -> float:
        """How much of the way to 0 the loss went below ``baseline`` (the loss of the best constant
        output, or the start if that is lower): 1 − C / baseline, after ``epoch`` epochs (default: the end)."""
        end = self.final_loss if epoch is None else self.loss_at(epoch)
        base = min(baseline, self.loss[0])
        return float(1 - end / base) if base > 0 and np.isfinite(end) else -np.inf


def recipe_optimizer(optimizer: Any, learning_rate: float | None) -> Optimizer:
    """A fresh optimizer of the recipe: ``get_optimizer`` as ``fit`` calls it, or a copy of the
    user's instance (``fit`` resets an optimizer, and the user's must stay as it was)."""
    if isinstance(optimizer, Optimizer):
        if learning_rate is not None:
            raise TypeError("Give the learning rate to the optimizer instance, not as learning_rate too.")
        return copy.deepcopy(optimizer)
    return get_optimizer(optimizer, learning_rate)


def at_rate(optimizer: Optimizer, learning_rate: float) -> Optimizer:
    """A copy of ``optimizer`` (its kind, momentum, decay, schedule) starting at another learning rate."""
    other = copy.deepcopy(optimizer)
    other.initial_learning_rate = other.learning_rate = float(learning_rate)
    return other


def train_copy(net: Any, data: Data, name: str, optimizer: Optimizer, *, batch_size: int, epochs: int, seed: int,
               deadline: float, rows: np.ndarray | None = None, X: np.ndarray | None = None,
               validate: bool = True, watch: bool = True) -> Run:
    """Train a copy of ``net`` with ``fit`` for ``epochs`` epochs, or until ``RUN_SECONDS`` pass or the
    clock passes ``deadline`` (a ``time.perf_counter()`` value).

    By default on the training rows, watching the probe rows after each epoch; with ``rows``, on
    those rows only, watching them. With ``watch=False`` the loss is measured only before and after
    (for runs of many short epochs). ``X`` replaces the data's inputs (the reference's are standardised).
    """
    X = data.X if X is None else X
    watched = data.probe[:WATCHED_ROWS] if rows is None else rows
    rows = data.train if rows is None else rows
    trainee = copy_network(net)
    X_watch, Y_watch = X[watched], data.Y[watched]
    run = Run(name, optimizer.initial_learning_rate, loss=[cost(trainee, X_watch, Y_watch)], trainee=trainee)
    start = time.perf_counter()
    if start > deadline:  # no time left: the run is recorded as not done
        run.complete = False
        return run
    stop_at = min(start + RUN_SECONDS, deadline)
    validation = (X[data.val], data.Y[data.val]) if validate and data.has_validation else None
    best: dict[str, Any] = {"loss": np.inf, "outputs": None}  # the validation outputs at the lowest loss

    def record(epoch: int, logs: dict[str, float]) -> bool:
        if watch:
            run.loss.append(cost(trainee, X_watch, Y_watch))
        if validation is not None and logs["val_loss"] < best["loss"]:
            best["loss"], best["outputs"] = logs["val_loss"], outputs(trainee, validation[0])
        return time.perf_counter() > stop_at

    try:
        with np.errstate(all="ignore"):  # a diverging run is judged by its numbers, not by numpy's warnings
            history = trainee.fit(X[rows], data.Y[rows], epochs=epochs, batch_size=batch_size, optimizer=optimizer,
                                  validation_data=validation, seed=seed, callbacks=[record])
    except TrainingDivergedError as err:
        history = err.history
        run.diverged = history.epochs + 1
    if not watch:
        run.loss.append(cost(trainee, X_watch, Y_watch))
    run.epochs = history.epochs
    run.complete = run.diverged is not None or history.epochs == epochs
    run.val_loss, run.val_accuracy = history.val_loss, history.val_accuracy
    run.seconds = time.perf_counter() - start
    if validation is not None and run.diverged is None and best["outputs"] is not None:
        run.val_best = example_losses(trainee.loss, best["outputs"], validation[1])
        run.val_last = example_losses(trainee.loss, outputs(trainee, validation[0]), validation[1])
    if run.diverged is None:
        run.ratios = update_ratios(copy_network(trainee), optimizer, X[rows[:batch_size]], data.Y[rows[:batch_size]])
    return run


def outputs(net: Any, X: np.ndarray) -> np.ndarray:
    """The network's outputs for X, ``(n, n_out)``."""
    with np.errstate(all="ignore"):
        return net.feedforward(X)[1][-1]


def cost(net: Any, X: np.ndarray, Y: np.ndarray) -> float:
    """C on (X, Y); inf where the outputs are no longer finite numbers."""
    A = outputs(net, X)
    with np.errstate(all="ignore"):
        value = float(net.loss.fn(A, Y)) if np.all(np.isfinite(A)) else np.inf
    return value if np.isfinite(value) else np.inf


def update_ratios(net: Any, optimizer: Optimizer, X: np.ndarray, Y: np.ndarray) -> list[float | None]:
    """Each layer's update/weight ratio ‖ΔW‖ / ‖W‖ for one more step of a copy of ``optimizer`` (its
    state kept) on the batch (X, Y); None for a layer whose W is all zero. ``net`` takes the step."""
    step = copy.deepcopy(optimizer)
    before = [layer.W.copy() for layer in net.layers]
    with np.errstate(all="ignore"):
        gradients = net.backpropagate(X, Y).gradients
        step.step([(layer.W, layer.b) for layer in net.layers], gradients)
    ratios: list[float | None] = []
    for layer, W in zip(net.layers, before, strict=True):
        norm = float(np.linalg.norm(W))
        ratios.append(float(np.linalg.norm(layer.W - W) / norm) if norm > 0 else None)
    return ratios


def epochs_for(steps: int, rows: int, batch_size: int) -> int:
    """Epochs that make about ``steps`` optimizer steps over ``rows`` rows (at least ``MIN_EPOCHS``)."""
    return max(MIN_EPOCHS, int(np.ceil(steps / np.ceil(rows / batch_size))))


# ---------------------------------------------------------------- all the runs
@dataclass
class Trials:
    """Every run of a diagnosis.

    recipe : the recipe as given, on the training rows, validated each epoch.
    rates : the recipe at other learning rates (``rate_search``), for ``probe_epochs`` epochs.
    small : the best of the recipe's optimizer and Adam fitting ``small_rows`` (full batch).
    medium, medium_reference : the network and the reference network fitting ``medium_rows`` with Adam.
    reference : the reference network on the training rows with Adam, validated each epoch.
    start_ratios : each layer's update/weight ratio for the recipe's first step.
    baseline : C of the best constant output on the probe rows (what learning nothing reaches).
    """

    recipe: Run
    rates: list[Run]
    probe_epochs: int
    small: Run
    medium: Run
    medium_reference: Run
    reference: Run
    start_ratios: list[float | None]
    small_rows: np.ndarray
    medium_rows: np.ndarray
    baseline: float


def run_trials(net: Any, data: Data, optimizer: Optimizer, batch_size: int, seed: int, baseline: float,
               deadline: float) -> Trials:
    """All the runs of a diagnosis (see ``Trials``), each stopping at ``deadline`` at the latest: the
    recipe first, then the reference network, the small and medium sets, and last the other rates
    (the runs most checks need go first, in case the clock runs out)."""
    epochs = epochs_for(TRIAL_STEPS, len(data.train), batch_size)
    start_ratios = update_ratios(copy_network(net), optimizer, *data.part(data.train[:batch_size]))
    recipe = train_copy(net, data, "the recipe", optimizer, batch_size=batch_size, epochs=epochs, seed=seed,
                        deadline=deadline)
    X_scaled = datasets.standardize(data.X[data.train], data.X)[1]
    reference_net = type(net)([net.sizes[0], *REFERENCE_LAYERS, net.sizes[-1]], activation="relu",
                              output_activation=net.layers[-1].activation, loss=net.loss, seed=seed, dtype=net.dtype)
    reference = train_copy(reference_net, data, "the reference", Adam(ROBUST_RATE), batch_size=REFERENCE_BATCH,
                           epochs=epochs_for(REFERENCE_STEPS, len(data.train), REFERENCE_BATCH), seed=seed,
                           deadline=deadline, X=X_scaled)
    small_rows, medium_rows = spread_rows(data, SMALL_BATCH, seed), spread_rows(data, MEDIUM_ROWS, seed)
    small = min((train_copy(net, data, name, opt, batch_size=len(small_rows), epochs=SMALL_STEPS, seed=seed,
                            deadline=deadline, rows=small_rows, validate=False, watch=False)
                 for name, opt in (("the recipe", optimizer), ("Adam", Adam(SMALL_RATE)))),
                key=lambda run: run.final_loss)
    medium_epochs = epochs_for(MEDIUM_STEPS, len(medium_rows), MEDIUM_BATCH)
    medium, medium_reference = (
        train_copy(network, data, name, Adam(MEDIUM_RATE), batch_size=MEDIUM_BATCH, epochs=medium_epochs,
                   seed=seed, deadline=deadline, rows=medium_rows, X=X_in, validate=False, watch=False)
        for network, name, X_in in ((net, "the network", None), (reference_net, "the reference", X_scaled)))
    probe_epochs = max(1, round(recipe.epochs * PROBE_SHARE))
    rates = rate_search(net, data, optimizer, batch_size, seed, probe_epochs, recipe, start_ratios, baseline,
                        deadline)
    return Trials(recipe, rates, probe_epochs, small, medium, medium_reference, reference, start_ratios,
                  small_rows, medium_rows, baseline)


#: A run "makes progress" when its loss falls at least this share of the way from the best constant
#: output's loss to 0 (see ``Run.progress``).
MADE_PROGRESS = 0.1

#: The recipe's steps are far too short when its loss did not move (less than ``MADE_PROGRESS``) and no
#: step moved any layer's weights by more than this share of their size (``largest_ratio``), two
#: orders of magnitude below the ``HEALTHY_RATIO`` of 1e-3: then no other rate needs to be tried to
#: know. Measured (benchmarks/README.md, "The doctor"): healthy recipes at least 7.7e-5 (one that had
#: converged, at the end of its trial), Adam at 0.001 at least 2.7e-4 (its steps are about η whatever
#: the gradient); rates of 1e-5 to 1e-7 with SGD, momentum and Adam on five data sets (45 recipes):
#: 1.9e-14 to 9.5e-5, and at most 1.5e-6 in each of the 14 that the larger rates' shorter runs did
#: not rescue (then the search goes on to η × 10⁶, for a rate to suggest).
RATIO_TOO_LOW, HEALTHY_RATIO = 1e-5, 1e-3


def largest_ratio(run: Run, start: list[float | None]) -> float | None:
    """The largest update/weight ratio of the recipe's steps over the layers whose W was not 0 at the
    start, at the first step or after the trial (whichever is larger); None if there is no such layer.
    (A layer started at W = 0 is left out: after a few steps its W is only the sum of those steps, so
    its ratio says how many there were, not how large.)"""
    values = [max(first, after or 0.0) for first, after in zip(start, run.ratios or [None] * len(start), strict=True)
              if first is not None]
    return max(values, default=None)


def too_short(run: Run, start: list[float | None], baseline: float) -> bool:
    """Whether a run's loss stayed flat (less than ``MADE_PROGRESS``, not diverged) while its steps moved
    no layer's weights by ``RATIO_TOO_LOW`` of their size (``largest_ratio``, above 0: a network whose
    gradients are all 0 is not helped by any rate)."""
    steps = largest_ratio(run, start)
    flat = run.diverged is None and run.progress(baseline) < MADE_PROGRESS
    return flat and steps is not None and 0 < steps < RATIO_TOO_LOW


def rate_search(net: Any, data: Data, optimizer: Optimizer, batch_size: int, seed: int, epochs: int,
                recipe: Run, start_ratios: list[float | None], baseline: float, deadline: float) -> list[Run]:
    """The recipe at other learning rates, ``epochs`` epochs each: η/10 and η × 10 always; down to
    η/1000 when the recipe diverged or made no progress; up by tens while each larger rate does
    better than the last (to η × 10⁴, or η × 10⁶ when the recipe made no progress with steps below
    ``RATIO_TOO_LOW`` of the weights)."""
    eta = optimizer.initial_learning_rate

    def run(factor: float) -> Run:
        return train_copy(net, data, f"η × {factor:g}", at_rate(optimizer, eta * factor), batch_size=batch_size,
                          epochs=epochs, seed=seed, deadline=deadline, validate=False)

    failed = recipe.diverged is not None or recipe.progress(baseline) < MADE_PROGRESS
    runs = [run(factor) for factor in ((0.1, 0.01, 0.001) if failed else (0.1,))]
    last = recipe.loss_at(epochs)
    further = (100_000, 1_000_000) if too_short(recipe, start_ratios, baseline) else ()
    for factor in (10, 100, 1000, 10_000, *further):
        runs.append(run(factor))
        if not runs[-1].loss_at(epochs) < last:
            break
        last = runs[-1].loss_at(epochs)
    return runs


def spread_rows(data: Data, count: int, seed: int) -> np.ndarray:
    """``count`` training rows in a seeded random order, taking the classes in turn (so that every
    class is in a small batch, as far as ``count`` allows)."""
    rows = data.train[np.random.default_rng(seed).permutation(len(data.train))]
    if data.labels is None:
        return rows[:count]
    labels = data.labels[rows]
    turn = np.zeros(len(rows), dtype=np.int64)  # how many earlier rows have the same class
    for label in np.unique(labels):
        same = labels == label
        turn[same] = np.arange(same.sum())
    return rows[np.argsort(turn, kind="stable")][:count]
