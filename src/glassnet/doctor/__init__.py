"""The doctor: why a network is not learning, in the track's equations. Lesson: 08 when training fails.

``diagnose(net, X, y, learning_rate=, batch_size=, optimizer=, seed=)`` measures a copy of the
network and a few short training runs, and returns a ``Diagnosis``: a list of ``Finding`` (code,
severity, layer, message, equation, lesson, evidence), most serious first. ``print(diagnosis)``
shows them; ``diagnosis.to_html(path)`` writes a page with a figure for each.

The codes (``CODES``): gradient-mismatch, inputs-unscaled, symmetry, dead-units, saturated-units,
loss-at-init, vanishing-gradient, exploding-gradient, learning-rate-too-high, learning-rate-too-low,
cannot-fit-small-batch, underfitting, labels-unlearnable, overfitting, class-imbalance. The parts:

    probe.py         the data and the network as given (Z, δ, loss, gradients against central differences)
    trial.py         short training runs on copies (the recipe, other rates, small and medium batches,
                     a reference network)
    checks.py        the checks of the start;  start_loss.py    the loss before training
    trial_checks.py  the checks of the runs
    findings.py      the codes and Finding;     report.py        Diagnosis, in words and as an HTML page
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from glassnet.activations import describe_activation
from glassnet.doctor.checks import (
    Measurements,
    check_dead,
    check_gradient_flow,
    check_gradients,
    check_inputs,
    check_saturation,
    check_symmetry,
)
from glassnet.doctor.findings import CODES, SEVERITIES, Finding, sort_findings
from glassnet.doctor.probe import check_gradients as compare_gradients
from glassnet.doctor.probe import check_network, check_recipe, copy_network, measure_start, prepare_data
from glassnet.doctor.report import Diagnosis
from glassnet.doctor.start_loss import check_loss_at_init
from glassnet.doctor.trial import TOTAL_SECONDS, recipe_optimizer, run_trials
from glassnet.doctor.trial_checks import (
    check_fit,
    check_imbalance,
    check_labels,
    check_learning_rate,
    check_overfitting,
)
from glassnet.losses import describe_loss

__all__ = ["CODES", "SEVERITIES", "Diagnosis", "Finding", "diagnose"]

#: The checks of the network as given, then those of the training runs (each: Measurements -> findings).
START_CHECKS = (check_gradients, check_inputs, check_symmetry, check_dead, check_saturation, check_loss_at_init,
                check_gradient_flow)
TRIAL_CHECKS = (check_learning_rate, check_overfitting, check_imbalance)


def diagnose(net: Any, X: Any, y: Any, learning_rate: float | None = None, batch_size: int = 32,
             optimizer: Any = None, seed: int | None = 0) -> Diagnosis:
    """Why ``net`` does or does not learn (X, y) with this recipe: a ``Diagnosis``.

    Parameters
    ----------
    net : a ``NeuralNetwork`` (left as it is: the doctor measures and trains copies).
    X : ``(n, n_in)`` inputs; y : ``(n, n_out)`` targets, or 1-d labels, as ``fit`` takes them.
    learning_rate, batch_size, optimizer : the recipe, as ``fit`` takes it (defaults as ``fit``'s).
    seed : seeds the split (20% of the rows held out for validation, stratified by class, when
        there are at least 40 rows) and every run, so a diagnosis repeats exactly.

    About 2 to 8 seconds for data the size of digits or MNIST-1D: the runs stop when the whole
    diagnosis has taken ``trial.TOTAL_SECONDS``.
    """
    started = time.perf_counter()
    check_network(net)
    batch_size, seed = check_recipe(learning_rate, batch_size, seed)
    opt = recipe_optimizer(optimizer, learning_rate)
    data = prepare_data(net, X, y, seed)
    measured = copy_network(net)  # measured, never trained
    start = measure_start(measured, data)
    # central differences need float64 (a float32 network's rounding would look like a wrong gradient)
    gradients = compare_gradients(copy_network(net, np.float64), data, start.kinds, seed)
    trials = run_trials(net, data, opt, batch_size, seed, start.constant, deadline=started + TOTAL_SECONDS)
    recipe = f"{type(opt).__name__} at η = {opt.initial_learning_rate:g}, batch {batch_size}"
    m = Measurements(measured, data, start, gradients, trials, recipe)
    findings: list[Finding] = [f for check in START_CHECKS for f in check(m)]
    findings += check_fit(m, findings) + check_labels(m, findings)
    findings += [f for check in TRIAL_CHECKS for f in check(m)]
    n_val = len(data.val)
    described = {
        "network": (f"{'-'.join(map(str, net.sizes))} network "
                    f"({', '.join(describe_activation(layer.activation) for layer in net.layers)}), "
                    f"loss {describe_loss(net.loss)}"),
        "training": (f"{recipe}; {len(data.train)} training"
                     + (f" and {n_val} validation examples" if n_val else " examples (too few to hold any out)")),
    }
    return Diagnosis(sort_findings(findings), described, m, time.perf_counter() - started)
