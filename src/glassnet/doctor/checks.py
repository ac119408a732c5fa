"""The checks of the network as it is given, before any training. Lesson: 08 when training fails.

Each check is one small function of the ``Measurements`` that returns its findings (none, usually).
Its threshold is a named constant, chosen by measurement over planted faults and healthy recipes:
``benchmarks/doctor.py`` prints, for every case, the number each check judges, and
``benchmarks/README.md`` ("The doctor") holds that table. The docstrings quote its ranges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from glassnet.doctor.findings import Finding, finding
from glassnet.doctor.probe import Data, Gradients, Start, peak_slope, slope
from glassnet.doctor.trial import MADE_PROGRESS, Trials
from glassnet.registry import unwrap


@dataclass
class Measurements:
    """Everything the checks read: the copy of the network that was measured (never trained), the
    data and split, the start, the gradient check, the training runs, and the recipe in words."""

    net: Any
    data: Data
    start: Start
    gradients: Gradients
    trials: Trials
    recipe: str
    not_judged: dict[str, str] = field(default_factory=dict)  # code -> why a check could not judge

    def cannot_judge(self, code: str, why: str) -> list[Finding]:
        """Record that the check of ``code`` could not judge, and why; returns no finding."""
        self.not_judged[code] = why
        return []

    @property
    def recipe_failed(self) -> bool:
        """Whether the trial of the recipe diverged or made no progress (see ``MADE_PROGRESS``)."""
        run = self.trials.recipe
        return run.diverged is not None or run.progress(self.start.constant) < MADE_PROGRESS

    def severity(self, *, problem: bool = False) -> str:
        """"problem" when ``problem`` or when the recipe's trial failed, else "warning"."""
        return "problem" if problem or self.recipe_failed else "warning"

    @property
    def constant_words(self) -> str:
        """What "learning nothing" answers, in words: the class frequencies, or the mean target."""
        return "the class frequencies" if self.data.labels is not None else "the mean target"

    @property
    def trial_result(self) -> str:
        """What the trial of the recipe did, in words."""
        run = self.trials.recipe
        if run.diverged is not None:
            return f"In the trial ({self.recipe}) training diverged in epoch {run.diverged}."
        return (f"In the trial ({self.recipe}, {run.epochs} epochs) the loss went from {run.loss[0]:.3g} to "
                f"{run.final_loss:.3g}; always answering {self.constant_words} gives {self.start.constant:.3g}.")


def g(value: float) -> str:
    """A number in a message: three significant digits."""
    return f"{value:.3g}"


def share(value: float) -> str:
    """A fraction as a percentage in a message."""
    return f"{100 * value:.0f}%"


# ---------------------------------------------------------------- inputs-unscaled
#: A feature is far too large when its root mean square √mean(x²) (its spread and its distance from
#: 0 together) is above this; healthy data measured: at most 1.2; MNIST-1D × 10 (RMS 10) stopped
#: SGD at η = 0.1 from learning at all, digits × 30 (RMS 24) halved its progress.
INPUT_RMS_HIGH = 5.0
#: The inputs are far too small when the median RMS of the features that vary is below this; healthy
#: data measured: at least 0.4; digits × 0.1 (median RMS 0.047) learned almost nothing at η = 0.5.
INPUT_RMS_LOW = 0.1


def check_inputs(m: Measurements) -> list[Finding]:
    """inputs-unscaled: a feature's RMS above ``INPUT_RMS_HIGH``, or a median RMS below ``INPUT_RMS_LOW``.

    The first layer's z = x·W₁ + b₁ grows with the inputs, so large inputs saturate sigmoid and tanh
    units and make BP4's ∂C/∂W₁ = Xᵀδ₁/n huge; tiny inputs leave z to the biases and W₁ without a gradient.
    """
    s = m.start
    varying = s.input_std > 0
    if not varying.any():
        return []
    median = float(np.median(s.input_rms[varying]))
    large = np.flatnonzero(s.input_rms > INPUT_RMS_HIGH)
    z_part = (f"the inputs' part of the first layer's z, x·W₁, has a standard deviation of {g(s.z_inputs)} "
              f"(with standardised inputs: {g(s.z_inputs_scaled)})")
    advice = ("Standardise every feature with the training rows' mean and standard deviation "
              "(glassnet.datasets.standardize), and use the same numbers on new data.")
    if len(large):
        worst = large[np.argsort(-s.input_rms[large])][:3]
        listed = "; ".join(f"feature {j} around {g(s.input_rms[j])} (mean {g(s.input_mean[j])}, standard "
                           f"deviation {g(s.input_std[j])})" for j in worst)
        message = (f"{len(large)} of the {len(s.input_rms)} features are far from unit scale (root mean square "
                   f"above {INPUT_RMS_HIGH:g}): {listed}. So {z_part}: sigmoid and tanh units saturate, and "
                   f"BP4's ∂C/∂W₁ = Xᵀδ₁/n is as large as the inputs. {m.trial_result} {advice}")
        return [finding("inputs-unscaled", m.severity(), None, message, features=large.tolist(),
                        rms=s.input_rms[large].tolist(), z_inputs=s.z_inputs, z_inputs_scaled=s.z_inputs_scaled)]
    if median < INPUT_RMS_LOW:
        message = (f"The features are far below unit scale: their median root mean square is {g(median)} "
                   f"(below {INPUT_RMS_LOW:g}). So {z_part}: z is left to the biases, and BP4's "
                   f"∂C/∂W₁ = Xᵀδ₁/n is tiny, so W₁ barely learns. {m.trial_result} {advice}")
        return [finding("inputs-unscaled", m.severity(), None, message, median_rms=median,
                        z_inputs=s.z_inputs, z_inputs_scaled=s.z_inputs_scaled)]
    return []


# ---------------------------------------------------------------- saturated-units
#: A unit is saturated on an example when φ′(z) is below this share of the activation's peak slope:
#: |z| > 4.8 for the sigmoid (σ′ < 0.0075), |z| > 2.4 for tanh.
SATURATED_SLOPE = 0.03
#: A layer is reported when this share of its (unit, example) pairs is saturated; a problem from
#: ``SATURATED_PROBLEM``. Healthy recipes measured: 0% in every layer; planted faults: 52% (tanh
#: layer ×10), 74% (sigmoid layer ×25), 100% (biases at +8).
SATURATED_SHARE, SATURATED_PROBLEM = 0.5, 0.9


def check_saturation(m: Measurements) -> list[Finding]:
    """saturated-units: sigmoid/tanh layers (and an output layer whose loss does not cancel φ′) with
    at least ``SATURATED_SHARE`` of their φ′(z) below ``SATURATED_SLOPE`` of the peak (BP2's ⊙ φ′(Z))."""
    found = []
    shortcut = getattr(m.net.loss, "shortcut_activation", None)
    for l, (layer, ratio) in enumerate(zip(m.net.layers, m.start.slope_ratio, strict=True), start=1):
        if ratio is None or (l == len(m.net.layers) and layer.activation is shortcut):
            continue
        saturated = ratio < SATURATED_SLOPE
        pairs = float(saturated.mean())
        if pairs < SATURATED_SHARE:
            continue
        mostly = int(np.sum(saturated.mean(axis=0) >= 0.9))
        name, peak = m.start.names[l - 1], peak_slope(layer.activation)
        edge = saturation_edge(layer.activation)
        Z = m.start.Z[l - 1]
        message = (f"In layer {l}, {share(pairs)} of the values of z (its {layer.n_out} {name} units on "
                   f"{len(Z)} examples) lie where the slope φ′(z) is below {SATURATED_SLOPE:g} of its peak "
                   f"{g(peak)} (|z| > {g(edge)}); {mostly} of the units are saturated on at least 90% of the "
                   f"examples. BP2, δ = (δ_next W_nextᵀ) ⊙ φ′(z), passes back almost no error through them, "
                   f"so their weights barely learn (BP4). Their z are large: mean |z| = {g(np.abs(Z).mean())}, "
                   f"mean |b| = {g(np.abs(layer.b).mean())}. Start with smaller weights and biases (a Glorot "
                   f"start keeps |z| near 1), or scale the inputs. {m.trial_result}")
        found.append(finding("saturated-units", m.severity(problem=pairs >= SATURATED_PROBLEM), l, message,
                             saturated_share=pairs, units_mostly_saturated=mostly, mean_abs_z=float(np.abs(Z).mean())))
    return found


def saturation_edge(activation: Any) -> float:
    """The |z| beyond which φ′(z) stays below ``SATURATED_SLOPE`` of its peak (read on a fine grid)."""
    z = np.linspace(0.0, 20.0, 2001)
    ratio = np.minimum(np.abs(slope(activation, z)), np.abs(slope(activation, -z))) / peak_slope(activation)
    above = np.flatnonzero(ratio >= SATURATED_SLOPE)
    return float(z[above[-1]]) if len(above) else 0.0


# ---------------------------------------------------------------- dead-units
#: A ReLU-like layer is reported when at least this share of its units (and at least ``DEAD_MIN``
#: of them) give 0 for every training example; a problem when all do. Healthy recipes measured: at
#: most 25% (2 of 8 units of a small layer, at random); planted biases at −6: 100%.
DEAD_SHARE, DEAD_MIN = 0.5, 2


def check_dead(m: Measurements) -> list[Finding]:
    """dead-units: ReLU units that give 0 for every training example (BP4: a_in = 0; BP2: φ′ = 0)."""
    found = []
    n_rows = len(m.data.train)
    for l, (layer, silent) in enumerate(zip(m.net.layers, m.start.silent, strict=True), start=1):
        if silent is None or silent.sum() < DEAD_MIN or silent.mean() < DEAD_SHARE:
            continue
        dead = int(silent.sum())
        Z = m.start.Z[l - 1][:, silent]
        everyone = "all" if dead == layer.n_out else f"{dead} of the"
        message = (f"In layer {l}, {everyone} {layer.n_out} {m.start.names[l - 1]} units give 0 for every one of "
                   f"the {n_rows} training examples: their z never rises above 0 (the largest is {g(Z.max())}; "
                   f"their biases average {g(layer.b[silent].mean())}). φ′(z) = 0 there, so BP2 passes no "
                   f"error back through them and BP4 gives their weights no gradient: they never learn again, "
                   f"and the next layer's weights from them get none either (a_in = 0). Start the biases at 0 "
                   f"or a little above, and keep the learning rate small enough not to push z below 0 for good. "
                   f"{m.trial_result}")
        found.append(finding("dead-units", m.severity(problem=dead == layer.n_out), l, message, dead_units=dead,
                             units=layer.n_out, dead_share=dead / layer.n_out, largest_z=float(Z.max())))
    return found


# ---------------------------------------------------------------- symmetry
#: Two units are copies when their incoming weights and bias agree to this share of the layer's
#: largest weight: only a start that sets them equal does that (random starts differ in every digit).
SAME_WEIGHTS = 1e-9


def check_symmetry(m: Measurements) -> list[Finding]:
    """symmetry: hidden units with the same incoming weights and bias. With the same outgoing weights
    too, BP2 gives them the same δ and BP4 the same step, so they stay copies forever (a problem);
    with different outgoing weights they only drift apart slowly (a warning)."""
    found = []
    layers = m.net.layers
    for l in range(1, len(layers)):
        layer, after = layers[l - 1], layers[l]
        incoming = np.vstack([layer.W, layer.b]).T  # (n_out, n_in + 1): one row per unit
        both = np.hstack([incoming, after.W])  # and its outgoing weights
        groups_in, groups_both = _copies(incoming), _copies(both)
        if max(groups_in, default=1) < 2:
            continue
        forever = max(groups_both, default=1) >= 2
        distinct = layer.n_out - sum(n - 1 for n in (groups_both if forever else groups_in))
        biggest = max(groups_both if forever else groups_in)
        what = ("the same incoming weights and bias and the same outgoing weights, so BP2 gives them the same "
                "δ and BP4 the same step: they stay copies forever" if forever else
                "the same incoming weights and bias; only their outgoing weights differ, so BP2 gives them "
                "different errors and they drift apart, slowly")
        message = (f"In layer {l}, {biggest} of the {layer.n_out} units have {what}. The layer works like "
                   f"{distinct} unit{'s' if distinct != 1 else ''}. Start from random weights (any init but a "
                   f"constant; a zero start suits only an output layer). {m.trial_result}")
        found.append(finding("symmetry", "problem" if forever else "warning", l, message, copies=biggest,
                             units=layer.n_out, works_like=distinct, forever=forever))
    return found


def _copies(rows: np.ndarray) -> list[int]:
    """The sizes of the groups of identical rows (to ``SAME_WEIGHTS`` of the largest entry), groups of 2 or more."""
    scale = max(float(np.abs(rows).max()), 1e-300)
    _, counts = np.unique(np.round(rows / (scale * SAME_WEIGHTS)), axis=0, return_counts=True)
    return [int(c) for c in counts if c > 1]


# ---------------------------------------------------------------- vanishing-gradient / exploding-gradient
#: The mean |δ| of the first layer against the output layer's (the product of BP2's factors, layer by
#: layer) is reported below ``VANISHING`` or above ``EXPLODING``. Healthy recipes measured: 0.07 to 1
#: (the sigmoid's φ′ ≤ ¼ makes a fall of 4 to 10 per sigmoid layer normal); planted eight sigmoid
#: layers: 2e-5; ten tanh layers at half the Glorot start: 4e-4; ten linear layers × 2: 24.
VANISHING, EXPLODING = 1e-2, 10.0


def check_gradient_flow(m: Measurements) -> list[Finding]:
    """vanishing-gradient / exploding-gradient: mean |δ| from the output back to the first layer,
    split into BP2's two factors, Wᵀ (|δ W_nextᵀ| / |δ|) and φ′ (|δ_l| / |δ W_nextᵀ|)."""
    steps = [(l + 1, f) for l, f in enumerate(m.start.bp2) if f is not None]  # (layer, factors), 1-based
    if not steps:
        return []
    w_gain = float(np.prod([f[0] for _, f in steps]))
    phi_gain = float(np.prod([f[1] for _, f in steps]))
    gain = w_gain * phi_gain
    if gain == 0 or not np.isfinite(gain) or VANISHING <= gain <= EXPLODING:
        return []  # (0: a layer passes nothing back at all, which dead-units or symmetry reports)
    code = "vanishing-gradient" if gain < VANISHING else "exploding-gradient"
    n = len(steps)
    culprit = ("φ′" if abs(np.log(phi_gain)) >= abs(np.log(w_gain)) else "Wᵀ")
    sizes = ", ".join(f"{size:.1e}" for size in m.start.delta_sizes)
    message = ("The error shrinks" if gain < VANISHING else "The error grows") + (
        f" by a factor of {g(1 / gain if gain < VANISHING else gain)} on its way back from layer {steps[-1][0] + 1} "
        f"to layer 1 (mean |δ| per layer, layer 1 first: {sizes}). BP2 multiplies it by two factors at each of "
        f"the {n} layers it passes: Wᵀ ({g(w_gain ** (1 / n))} per layer on average) and φ′(z) "
        f"({g(phi_gain ** (1 / n))} per layer); here {culprit} does it. The first layers' gradients (BP3, BP4) "
        f"are that much {'smaller' if gain < VANISHING else 'larger'} than the last ones': they "
        f"{'barely learn' if gain < VANISHING else 'take steps far too large for the learning rate'}. ")
    zero = [l + 2 for l, f in enumerate(m.start.bp2) if f is None]  # layers whose W is all 0
    if zero:
        message += (f"(Layer {', '.join(map(str, zero))} starts at W = 0, so before the first step no error reaches "
                    f"the layers below it; their factors were measured from a unit error in its place.) ")
    advice = ("Use fewer layers, or ReLU hidden layers (φ′ = 1 where they are active), and a start that keeps "
              "|z| near 1 (Glorot for sigmoid and tanh, He or uniform for ReLU)." if gain < VANISHING else
              "Start with smaller weights (Glorot, He or uniform keep |Wᵀδ| about |δ|), or use fewer layers.")
    return [finding(code, m.severity(), None, message + advice + f" {m.trial_result}", gain=gain,
                    w_factor=w_gain, phi_factor=phi_gain, delta_sizes=list(m.start.delta_sizes))]


# ---------------------------------------------------------------- gradient-mismatch
#: Backprop disagrees with central differences when a relative error is above this. Measured: a
#: correct backprop at most 5e-7 (the deep sigmoid network's tiny first-layer gradients), a
#: learner's wrong derivative at least 0.06.
GRADIENT_TOLERANCE = 1e-4


def check_gradients(m: Measurements) -> list[Finding]:
    """gradient-mismatch: backprop against central differences (``glassnet.gradcheck``), layer by
    layer, and each activation's prime and the loss's derivative against the slope of their fn."""
    gr = m.gradients
    wrong_layers = [l for l, e in enumerate(gr.errors, start=1) if e is not None and e > GRADIENT_TOLERANCE]
    wrong_primes = {l: e for l, e in gr.activation_errors.items() if e is not None and e > GRADIENT_TOLERANCE}
    wrong_loss = gr.loss_error is not None and gr.loss_error > GRADIENT_TOLERANCE
    if not (wrong_layers or wrong_primes or wrong_loss):
        return []
    layers = m.net.layers
    culprits, layer = [], None
    for first, error in wrong_primes.items():
        activation = layers[first - 1].activation
        used = [l for l, x in enumerate(layers, start=1) if unwrap(x.activation) is unwrap(activation)]
        layer = max(layer or 0, max(used))
        culprits.append(f"the activation {m.start.names[first - 1]} (layer{'s' if len(used) > 1 else ''} "
                        f"{', '.join(map(str, used))}): its "
                        f"prime(z) is not the slope of its fn(z) ({_prime_example(activation)}; relative error "
                        f"{g(error)} over z from −4 to 4), and BP1/BP2 multiply δ by prime(z)")
    if wrong_loss:
        layer = len(layers)
        culprits.append(f"the loss's derivative(a, y) is not the slope of its fn (relative error "
                        f"{g(gr.loss_error)}), and BP1 starts from it: δ_L = derivative(a, y) ⊙ φ′(z_L)")
    if layer is None:
        layer = max(wrong_layers)
    errors = ", ".join(f"{'not measured' if e is None else f'{e:.1e}'} in layer {l}"
                       for l, e in enumerate(gr.errors, start=1))
    where = "; and ".join(culprits) if culprits else (
        "no activation or loss is at fault on its own, so look at how the layers are combined")
    message = (f"Backprop's gradients disagree with central differences, (C(θ + ε) − C(θ − ε)) / 2ε: relative "
               f"error {errors} (a correct backprop agrees to about 1e-9). The cause: {where}. "
               f"{'Every δ from layer ' + str(layer) + ' back to layer 1' if layer > 1 else 'The δ of layer 1'} "
               f"is wrong, so gradient descent walks in a wrong direction. Fix the derivative, and check it "
               f"with glassnet.gradcheck.")
    return [finding("gradient-mismatch", "problem", layer, message, layer_errors=list(gr.errors),
                    activation_errors=dict(gr.activation_errors), loss_error=gr.loss_error)]


def _prime_example(activation: Any) -> str:
    """Where prime(z) and the slope of fn(z) differ most, in words."""
    z = np.linspace(-4.0, 4.0, 17) + 0.137
    with np.errstate(all="ignore"):
        prime, true = np.asarray(activation.prime(z), dtype=np.float64), slope(activation, z)
    i = int(np.argmax(np.abs(prime - true)))
    return f"at z = {z[i]:.2f}, prime gives {g(prime[i])} where the slope is {g(true[i])}"
