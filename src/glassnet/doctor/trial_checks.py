"""The checks read from the short training runs, and from the labels. Lesson: 08 when training fails.

As in ``checks``: one small function per check, thresholds named and chosen by measurement
(``benchmarks/doctor.py``). "Progress" is ``Run.progress``: how much of the way to 0 a run took
the loss below what always answering the mean target gives.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from glassnet.doctor.checks import Measurements, g, share
from glassnet.doctor.findings import Finding, finding
from glassnet.doctor.probe import MIN_ROWS_TO_SPLIT
from glassnet.doctor.trial import HEALTHY_RATIO, MADE_PROGRESS, Run, largest_ratio, too_short

# ---------------------------------------------------------------- learning-rate-too-high / too-low
#: A smaller learning rate is "better" when its progress after the probe epochs exceeds the recipe's
#: by this much. Healthy recipes measured: a smaller rate never did better than the recipe; η = 200,
#: η = 20 and Adam at 0.5: a rate 100 times smaller did better by 0.57 to 13.
RATE_MARGIN = 0.3
#: The learning rate is too large when the trial's loss ends this many times above where it started
#: (it climbs instead of falling). Healthy recipes measured: every one ended below its start.
LOSS_ROSE = 1.5


def check_learning_rate(m: Measurements) -> list[Finding]:
    """learning-rate-too-high: the trial diverged, or its loss ended ``LOSS_ROSE`` times above its start,
    or a smaller rate made ``RATE_MARGIN`` more progress (and some progress itself).
    learning-rate-too-low: the trial made less than ``MADE_PROGRESS`` (healthy recipes: at least 0.27)
    and a larger rate made ``RATE_MARGIN`` more, or its steps were below ``RATIO_TOO_LOW`` of the weights
    (``largest_ratio``); a note when a larger rate reached in a third of the
    epochs more than the recipe reached in all of them. The update/weight ratio ‖ΔW‖ / ‖W‖ of each
    layer (about 1e-3 is healthy) is reported with them."""
    t, baseline = m.trials, m.start.constant
    recipe, epochs = t.recipe, t.probe_epochs
    eta = recipe.learning_rate
    at_probe = recipe.progress(baseline, epochs)
    rates = [r for r in t.rates if r.complete]

    def progress(run: Run) -> float:
        return run.progress(baseline, epochs)

    best_smaller = max((r for r in rates if r.learning_rate < eta), key=progress, default=None)
    best_larger = max((r for r in rates if r.learning_rate > eta), key=progress, default=None)
    ratios = _ratios(recipe, t.start_ratios)
    rose = recipe.diverged is None and recipe.final_loss > LOSS_ROSE * recipe.loss[0]
    smaller_better = (best_smaller is not None and progress(best_smaller) >= MADE_PROGRESS
                      and progress(best_smaller) - at_probe >= RATE_MARGIN)
    if recipe.diverged is not None or rose or smaller_better:
        what = (f"training diverged in epoch {recipe.diverged} (the loss or the weights ran off to infinity)"
                if recipe.diverged is not None else
                f"the loss went from {g(recipe.loss[0])} to {g(recipe.final_loss)} (after {epochs} epochs: "
                f"{g(recipe.loss_at(epochs))})")
        message = (f"The learning rate η = {g(eta)} is too large: in the trial {what}. Each step "
                   f"θ ← θ − η ∂C/∂θ overshoots the valley it should walk down, as lesson 5's walks do when "
                   f"η is too large. {ratios}{_suggestion(best_smaller, baseline, epochs)}")
        return [finding("learning-rate-too-high", "problem", None, message, learning_rate=eta,
                        diverged=recipe.diverged, progress=recipe.progress(baseline),
                        suggested=None if best_smaller is None else best_smaller.learning_rate)]
    flat = recipe.progress(baseline) < MADE_PROGRESS
    steps = largest_ratio(recipe, t.start_ratios)
    tiny = too_short(recipe, t.start_ratios, baseline)
    larger_helps = best_larger is not None and progress(best_larger) >= MADE_PROGRESS
    if not tiny and len(rates) < len(t.rates) and flat:
        return m.cannot_judge("learning-rate-too-low", "the runs at other learning rates were cut short")
    slow = tiny or (flat and larger_helps and progress(best_larger) - at_probe >= RATE_MARGIN)
    faster = larger_helps and progress(best_larger) > recipe.progress(baseline) + 0.05
    if not (slow or faster):
        return []
    trial = f"in the trial the loss went from {g(recipe.loss[0])} to {g(recipe.final_loss)} in {recipe.epochs} epochs"
    if larger_helps:
        trial += f", while η = {g(best_larger.learning_rate)} took it to {g(best_larger.loss_at(epochs))} in {epochs}"
    if tiny:
        trial += (f". No step moved a layer's weights by more than {steps:.0e} of their size, "
                  f"{_times(HEALTHY_RATIO / steps)} times less than the 1e-3 of a healthy recipe")
    advice = _suggestion(best_larger, baseline, epochs) if larger_helps or not tiny else (
        f"No rate tried, up to η = {g(max(r.learning_rate for r in t.rates))}, made progress in runs a third as long: "
        f"try larger ones still, and look at the other findings.")
    message = (f"The learning rate η = {g(eta)} is {'too small' if slow else 'smaller than it could be'}: "
               f"{trial}. Each step θ ← θ − η ∂C/∂θ is {'too short to get anywhere' if slow else 'short'}. "
               f"{ratios}{advice}")
    suggested = best_larger.learning_rate if larger_helps else None
    return [finding("learning-rate-too-low", "problem" if slow else "note", None, message, learning_rate=eta,
                    progress=recipe.progress(baseline), largest_ratio=steps, suggested=suggested)]


def _ratios(run: Run, start: list[float | None]) -> str:
    """The update/weight ratios of the recipe, at its first step and after the trial, in words."""
    def listed(values: list[float | None]) -> str:
        return ", ".join("W = 0" if v is None else f"{v:.0e}" for v in values)
    after = f"; after the trial: {listed(run.ratios)}" if run.ratios else ""
    return (f"The update/weight ratio ‖ΔW‖ / ‖W‖ of one step, layer by layer (about 1e-3 is healthy): at the "
            f"start {listed(start)}{after}. ")


def _times(factor: float) -> str:
    """A large factor in words: 9,480 or 3e+08."""
    return f"{factor:,.0f}" if factor < 1e6 else f"{factor:.0e}"


def _suggestion(run: Run | None, baseline: float, epochs: int) -> str:
    if run is None or run.progress(baseline, epochs) < MADE_PROGRESS:
        return "No other rate tried did much better, so look at the other findings first."
    return (f"Try η = {g(run.learning_rate)}: in the same {epochs} epochs it took the loss from "
            f"{g(run.loss[0])} to {g(run.loss_at(epochs))}.")


# ---------------------------------------------------------------- cannot-fit-small-batch / underfitting
#: A small batch counts as fitted when, after the small-batch runs, its loss is below this share of
#: the loss of answering its mean target. Healthy recipes measured: at most 0.054; planted too-small
#: or linear networks: 0.19 to 0.92.
SMALL_FIT = 0.15
#: The network underfits when, fitting the same medium set the same way, its loss ends this much
#: higher than the reference network's (both as a share of the mean target's loss). Healthy recipes
#: measured: at most 0.063; planted too-small networks: 0.34 to 0.59.
UNDERFIT_GAP = 0.2
#: The findings whose presence explains a failure to fit (then it is not reported on its own).
CAUSES = ("gradient-mismatch", "inputs-unscaled", "symmetry", "dead-units", "saturated-units",
          "loss-at-init", "vanishing-gradient", "exploding-gradient")


def check_fit(m: Measurements, found: list[Finding]) -> list[Finding]:
    """cannot-fit-small-batch: the best of the recipe's optimizer and Adam leaves a loss above ``SMALL_FIT``
    of the mean target's on a few examples. underfitting: on a medium set, the network ends
    ``UNDERFIT_GAP`` above a reference network. Only when no finding in ``found`` explains it."""
    if any(f.code in CAUSES and f.severity != "note" for f in found):
        return []
    t, data = m.trials, m.data
    out = []
    small_base = constant_loss(m, t.small_rows)
    small = t.small.final_loss / small_base if small_base > 0 else 0.0
    if small > SMALL_FIT and not t.small.complete:  # (a fit reached early needs no complete run)
        m.cannot_judge("cannot-fit-small-batch", "the small-batch run was cut short")
    elif small > SMALL_FIT:
        message = (f"The network cannot fit {len(t.small_rows)} training examples: after {t.small.epochs} "
                   f"full-batch steps ({t.small.name}) their loss is {g(t.small.final_loss)}, {share(small)} of "
                   f"what always answering their {m.constant_words.removeprefix('the ')} gives ({g(small_base)}); "
                   f"a network that can learn "
                   f"the data drives it near 0. Nothing above explains it; what it depends on: {_capacity(m)}.")
        out.append(finding("cannot-fit-small-batch", "problem", None, message, loss=t.small.final_loss,
                           share_of_constant=small, rows=len(t.small_rows)))
    medium_base = constant_loss(m, t.medium_rows)
    if medium_base > 0:
        net_share = t.medium.final_loss / medium_base
        ref_share = t.medium_reference.final_loss / medium_base
        complete = t.medium.complete and t.medium_reference.complete
        if net_share - ref_share >= UNDERFIT_GAP and not complete:
            m.cannot_judge("underfitting", "the runs on the medium set were cut short")
        elif net_share - ref_share >= UNDERFIT_GAP:
            message = (f"The network underfits: fitting the same {len(t.medium_rows)} training examples with "
                       f"Adam, it kept {share(net_share)} of the loss of always answering {m.constant_words}, "
                       f"where a reference network ({'-'.join(map(str, t.reference.trainee.sizes))}, ReLU, "
                       f"standardised inputs) kept {share(ref_share)}. {m.trial_result} What it depends on: "
                       f"{_capacity(m)}.")
            out.append(finding("underfitting", "warning" if small <= SMALL_FIT else "problem", None, message,
                               share_of_constant=net_share, reference_share=ref_share, rows=len(data.train)))
    return out


def constant_loss(m: Measurements, rows: np.ndarray) -> float:
    """C of always answering the mean target of ``rows``, on those rows."""
    Y = m.data.Y[rows]
    return float(m.net.loss.fn(np.broadcast_to(Y.mean(axis=0), Y.shape), Y))


def _capacity(m: Measurements) -> str:
    """What a network's capacity to fit depends on, as measured here, in words."""
    sizes = m.net.sizes
    parts = [f"the narrowest hidden layer has {min(sizes[1:-1])} units" if len(sizes) > 2 else
             "the network has no hidden layer: it is a linear model"]
    linear = [l for l, kind in enumerate(m.start.kinds[:-1], start=1) if kind == "linear"]
    if linear:
        parts.append(f"layers {', '.join(map(str, linear))} are linear, and linear layers in a row add up "
                     "to one linear map")
    parts.append(f"{m.net.n_params} weights and biases for {len(m.data.train)} training examples")
    fitted = m.trials.medium.trainee
    with np.errstate(all="ignore"):
        activations = fitted.feedforward(m.data.X[m.trials.medium_rows])[1][1:]
    for l, (A, kind) in enumerate(zip(activations[:-1], m.start.kinds, strict=False), start=1):
        silent = int(np.all(A == 0, axis=0).sum()) if kind == "one-sided" else 0
        if silent:
            parts.append(f"after fitting, {silent} of the {A.shape[1]} units of layer {l} give 0 on every "
                         "example (another start may do better)")
    X = m.data.X[m.data.train]
    _, counts = np.unique(X, axis=0, return_counts=True)
    if (counts > 1).any():
        parts.append(f"{int(counts[counts > 1].sum())} training examples share their inputs with another")
    return "; ".join(parts)


# ---------------------------------------------------------------- labels-unlearnable
#: The labels look unrelated to the inputs when the best validation loss of both the recipe and the
#: reference network stays above this share of the loss of answering the mean target. Healthy
#: recipes measured: at most 0.59; shuffled labels: 0.99 to 1.004.
UNLEARNABLE = 0.9


def check_labels(m: Measurements, found: list[Finding]) -> list[Finding]:
    """labels-unlearnable: neither the recipe nor a reference network gets its validation loss below
    ``UNLEARNABLE`` of chance (the mean target's), whatever the training loss does."""
    t, data = m.trials, m.data
    if not data.has_validation or any(f.code == "gradient-mismatch" for f in found):
        return []
    Y_train, Y_val = data.Y[data.train], data.Y[data.val]
    chance = float(m.net.loss.fn(np.broadcast_to(Y_train.mean(axis=0), Y_val.shape), Y_val))
    best = [min(run.val_loss, default=np.inf) / chance for run in (t.recipe, t.reference)]
    if chance <= 0 or min(best) < UNLEARNABLE:
        return []  # (a run that beat chance, cut short or not, shows the labels can be learned)
    if not t.reference.complete:
        return m.cannot_judge("labels-unlearnable", "the reference network's run was cut short")
    accuracy = (f" (validation accuracy {share(max(t.reference.val_accuracy))}; always answering the most "
                f"frequent class gives {share(np.bincount(data.labels[data.val]).max() / len(data.val))})"
                if data.labels is not None and t.reference.val_accuracy else "")
    message = (f"The labels look unrelated to the inputs: on the {len(data.val)} validation examples, neither the "
               f"recipe (best validation loss {share(best[0])} of chance) nor a reference network "
               f"({share(best[1])}) did better than always answering {m.constant_words}, a loss of "
               f"{g(chance)}{accuracy}, "
               f"while their training loss fell to {g(t.recipe.final_loss)} and {g(t.reference.final_loss)}: "
               f"they can only memorise. Check that the labels belong to their rows (a shuffle applied to "
               f"X but not y, a wrong column, an off-by-one).")
    return [finding("labels-unlearnable", "problem", None, message, validation_share=best, chance=chance)]


# ---------------------------------------------------------------- overfitting
#: Overfitting is a warning when, within the trial, the validation loss ends this share above its
#: best epoch (``OVERFIT_RISE``) and this share of the loss of knowing nothing above it
#: (``OVERFIT_SHARE``; the loss of answering the class frequencies or the mean target), the rise is
#: at least ``OVERFIT_Z`` standard errors (see ``Rise.z``), and the training loss ends ``OVERFIT_GAP``
#: times below the validation loss. Measured (benchmarks/README.md, "The doctor"): 18 healthy recipes
#: on the standardised wine table (36 validation examples) rise up to 0.044 of chance, each rise
#: carried by one example that grows more confident while wrong (the lead's held-out wine recipe:
#: 0.009); the planted overfitting cases rise 0.078 to 2.3 of chance.
OVERFIT_RISE, OVERFIT_SHARE, OVERFIT_Z, OVERFIT_GAP = 0.2, 0.05, 1.0, 5.0
#: A note ("begins to overfit") from this relative rise and gap, when the rise is significant too.
OVERFIT_NOTE = (0.1, 2.0)


@dataclass
class Rise:
    """How the recipe's validation loss rose after its best epoch, compared example by example.

    best_epoch : the epoch (from 1) of the lowest validation loss; best, last : that loss and the last.
    relative : last / best − 1; share : (last − best) / chance, where chance is the validation loss
        of answering the training rows' mean target (the class frequencies).
    z : the rise in standard errors, (last − best) / SE, with the more precise of two: the standard
        error of the mean per-example loss at the best epoch (how well n examples pin the lowest
        point down), or that of the paired differences ℓᵢ(last) − ℓᵢ(best) (how consistently the
        examples moved). A rise carried by one example of n gives a paired z of about 1.
    gap : the validation loss at the end over the training loss at the end.
    carried : how many validation examples carry half the rise (the largest increases first).
    accuracy : the validation accuracy at the best epoch and at the end (classifiers), else None.
    """

    best_epoch: int
    best: float
    last: float
    relative: float
    share: float
    z: float
    gap: float
    carried: int
    accuracy: tuple[float, float] | None


def validation_rise(m: Measurements) -> Rise | None:
    """The recipe's validation rise (``Rise``), or None without validation or for a diverged trial."""
    run, data = m.trials.recipe, m.data
    if not run.val_loss or run.diverged is not None or not len(run.val_last):
        return None
    val = np.asarray(run.val_loss)
    best = int(np.argmin(val))
    Y_train, Y_val = data.Y[data.train], data.Y[data.val]
    chance = float(m.net.loss.fn(np.broadcast_to(Y_train.mean(axis=0), Y_val.shape), Y_val))
    rise = float(np.mean(run.val_last) - np.mean(run.val_best))
    n = len(run.val_last)
    errors = [float(np.std(v, ddof=1) / np.sqrt(n)) if n > 1 else np.inf
              for v in (run.val_best, run.val_last - run.val_best)]
    error = min(errors)
    z = rise / error if error > 0 else (np.inf if rise > 0 else 0.0)
    increases = np.sort(run.val_last - run.val_best)[::-1]
    carried = int(np.searchsorted(np.cumsum(increases), increases.sum() / 2) + 1) if rise > 0 else 0
    accuracy = (run.val_accuracy[best], run.val_accuracy[-1]) if run.val_accuracy else None
    return Rise(best + 1, float(val[best]), float(val[-1]), float(val[-1] / val[best] - 1) if val[best] > 0 else 0.0,
                rise / chance if chance > 0 else 0.0, float(z),
                float(val[-1] / run.final_loss) if run.final_loss > 0 else np.inf, carried, accuracy)


def check_overfitting(m: Measurements) -> list[Finding]:
    """overfitting: the validation loss rises ``OVERFIT_RISE`` above its minimum and ``OVERFIT_SHARE`` of
    chance above it, ``OVERFIT_Z`` standard errors, while the training loss ends ``OVERFIT_GAP`` times
    below it. The validation accuracy is reported with it: measured, it does not tell the two apart
    (overfitting networks mostly keep their accuracy and grow confident on the examples they get wrong)."""
    r = validation_rise(m)
    if r is None or r.z < OVERFIT_Z:
        return []
    warning = r.relative >= OVERFIT_RISE and r.share >= OVERFIT_SHARE and r.gap >= OVERFIT_GAP
    if not warning and (r.relative < OVERFIT_NOTE[0] or r.gap < OVERFIT_NOTE[1]):
        return []
    n_val = len(m.data.val)
    accuracy = ""
    if r.accuracy is not None:
        before, after = (share(a) for a in r.accuracy)
        accuracy = (f" The validation accuracy fell from {before} to {after}." if r.accuracy[1] < r.accuracy[0] else
                    f" The validation accuracy went from {before} to {after}: the network grew more confident on "
                    f"the examples it gets wrong, which the loss counts and the accuracy does not.")
    message = (f"The network {'overfits' if warning else 'begins to overfit'}: in the trial the validation "
               f"loss was lowest after epoch {r.best_epoch} ({g(r.best)}) and rose to {g(r.last)} by epoch "
               f"{len(m.trials.recipe.val_loss)}, {g(r.last - r.best)} higher: {share(r.share)} of the loss of "
               f"answering {m.constant_words}, and {g(r.z)} standard errors of a loss measured on {n_val} "
               f"examples (half of the rise comes from {r.carried} of them). The training loss fell to "
               f"{g(m.trials.recipe.final_loss)}, {g(r.gap)} times lower.{accuracy} It is learning its "
               f"{len(m.data.train)} training examples rather than the pattern. Stop at the best validation "
               f"epoch (early_stopping), use more data, a smaller network, or weight decay.")
    return [finding("overfitting", "warning" if warning else "note", None, message, best_epoch=r.best_epoch,
                    rise=r.relative, share_of_chance=r.share, z=r.z, gap=r.gap, carried=r.carried,
                    accuracy=r.accuracy)]


# ---------------------------------------------------------------- class-imbalance
#: One class holds "most" examples from this share on: then a network that always answers it already
#: scores that accuracy. Healthy data sets measured: at most 50%; planted: 85% and 95%.
IMBALANCE_SHARE = 2 / 3


def check_imbalance(m: Measurements) -> list[Finding]:
    """class-imbalance: the largest class holds at least ``IMBALANCE_SHARE`` of the examples."""
    labels = m.data.labels
    if labels is None:
        return []
    counts = np.bincount(labels, minlength=max(2, m.net.sizes[-1]))
    largest = int(np.argmax(counts))
    baseline = float(counts[largest] / counts.sum())
    if baseline < IMBALANCE_SHARE:
        return []
    smallest = int(counts.min())
    message = (f"Class {largest} holds {share(baseline)} of the {counts.sum()} examples (the smallest class has "
               f"{smallest}): a network that always answers {largest} scores {share(baseline)} accuracy "
               f"without learning anything, so accuracy misleads. Judge it by the loss, or by the accuracy on "
               f"each class (a confusion matrix), and consider weighting or resampling the classes.")
    few = len(labels) < MIN_ROWS_TO_SPLIT  # a toy set: worth knowing, not a fault
    return [finding("class-imbalance", "note" if few else "warning", None, message, baseline=baseline,
                    counts=counts.tolist())]
