"""The network as it is given, measured before any training: its data, each layer's Z and δ, the
loss it starts from, and its gradients against central differences. Lesson: 08 when training fails.

Nothing here changes the user's network: every measurement that trains or nudges a weight works
on a copy (``copy_network``), built with the network's own class from its layers, so the doctor
needs nothing from ``glassnet.network`` itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from glassnet import datasets
from glassnet._validation import check_count, check_seed
from glassnet.activations import describe_activation
from glassnet.differences import numerical_gradient, relative_error
from glassnet.labels import class_labels
from glassnet.registry import unwrap

#: What ``diagnose`` reads of a network: its layers, loss and the public methods below.
NETWORK_API = ("layers", "loss", "dtype", "sizes", "is_classifier", "as_inputs", "as_targets", "feedforward",
               "backpropagate", "trace", "fit")
#: The examples the measurements of the start look at (a seeded random subset of the training rows).
PROBE_ROWS = 512
#: The share of the rows held out as validation data for the trial training, and the fewest
#: rows a data set needs for that (smaller sets are trained and judged on all their rows).
VALIDATION_SHARE, MIN_ROWS_TO_SPLIT = 0.2, 40
#: At most this many training and validation rows take part in the trials (a seeded subset of larger
#: data): enough to see a curve, few enough to stay within seconds.
MAX_TRAIN_ROWS, MAX_VAL_ROWS = 3000, 1000
#: z from -8 to 8, where an activation's kind is read from the slope of its fn.
SLOPE_GRID = np.linspace(-8.0, 8.0, 65)
#: The step of the central differences that measure an activation's slope.
SLOPE_STEP = 1e-4


def check_network(net: Any) -> None:
    """TypeError unless ``net`` offers what the doctor reads (a glassnet NeuralNetwork does)."""
    missing = [name for name in NETWORK_API if not hasattr(net, name)]
    if missing:
        raise TypeError(f"net must be a glassnet NeuralNetwork, got {type(net).__name__} "
                        f"(it has no {', '.join(missing)}).")


def copy_network(net: Any, dtype: Any = None) -> Any:
    """A new network of the same class from copies of ``net``'s layers, with its loss and its dtype
    (or ``dtype``): what the doctor trains and nudges, leaving ``net`` as it was."""
    return type(net)([layer.copy() for layer in net.layers], loss=net.loss,
                     dtype=net.dtype if dtype is None else dtype)


# ---------------------------------------------------------------- the data
@dataclass
class Data:
    """The checked data and the split the doctor makes of it.

    X, Y : every row, as ``fit`` reads them (``(n, n_in)``, ``(n, n_out)``).
    train, val : row indices of the trial's training and validation parts (val empty for small sets).
    probe : row indices (of the training part) the measurements of the start look at.
    labels : each row's class for a classifier, else None.
    """

    X: np.ndarray
    Y: np.ndarray
    train: np.ndarray
    val: np.ndarray
    probe: np.ndarray
    labels: np.ndarray | None

    @property
    def has_validation(self) -> bool:
        return len(self.val) > 0

    def part(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.X[rows], self.Y[rows]


def prepare_data(net: Any, X: Any, y: Any, seed: int) -> Data:
    """Check X and y as ``fit`` does, then split off validation rows (stratified for a classifier)."""
    X, single = net.as_inputs(X)
    if single:
        raise ValueError("X must hold several examples, one per row (a 2-d array), got a 1-d array.")
    Y = net.as_targets(y, len(X))
    labels = class_labels(Y) if net.is_classifier else None
    rng = np.random.default_rng(seed)
    rows = np.arange(len(X))
    if len(X) >= MIN_ROWS_TO_SPLIT:
        groups = labels if labels is not None and np.bincount(labels).min(initial=2) >= 2 else np.zeros(len(X))
        train, _, val, _ = datasets.train_test_split(rows, groups, VALIDATION_SHARE, seed=rng,
                                                     stratify=labels is not None)
        train, val = train[:MAX_TRAIN_ROWS], val[:MAX_VAL_ROWS]
    else:
        train, val = rows, rows[:0]
    probe = train[rng.permutation(len(train))[:PROBE_ROWS]]
    return Data(X, Y, train, val, probe, labels)


def check_recipe(learning_rate: Any, batch_size: Any, seed: Any) -> tuple[int, int]:
    """The batch size and seed, checked (the learning rate and optimizer are checked by
    ``get_optimizer``, as ``fit`` checks them)."""
    if learning_rate is not None and (isinstance(learning_rate, bool) or not isinstance(learning_rate, int | float)):
        raise TypeError(f"learning_rate must be a number, got {learning_rate!r}.")
    return check_count(batch_size, "batch_size"), check_seed(seed if seed is not None else 0)


def example_losses(loss: Any, A: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Each example's own loss, ``(n,)``: ``loss.fn`` on one row at a time (any loss, a learner's
    too, whose fn averages over the rows it is given); their mean is C."""
    with np.errstate(all="ignore"):
        return np.array([float(loss.fn(A[i:i + 1], Y[i:i + 1])) for i in range(len(A))])


# ---------------------------------------------------------------- what kind of activation
def slope(activation: Any, Z: np.ndarray) -> np.ndarray:
    """φ′(Z) measured from ``fn`` by central differences, (φ(Z + h) − φ(Z − h)) / 2h: the true
    slope, whatever a learner's ``prime`` says."""
    with np.errstate(all="ignore"):
        return (activation.fn(Z + SLOPE_STEP) - activation.fn(Z - SLOPE_STEP)) / (2 * SLOPE_STEP)


def activation_kind(activation: Any) -> str:
    """What an activation does to the error passing back through it (BP2's ⊙ φ′(Z)), read from the
    slope of its fn on z in [-8, 8]:

    - ``"saturating"``: the slope falls to under 5% of its peak at both ends (sigmoid, tanh);
    - ``"one-sided"``: slope 0 for negative z, not for positive z (ReLU): a unit can die;
    - ``"linear"``: the same slope everywhere (identity);
    - ``"mixing"``: each output depends on the whole row (softmax), so it has no slope of its own;
    - ``"other"``: anything else.
    """
    row = np.array([[0.0, 0.5, -0.5, 1.0]])
    with np.errstate(all="ignore"):
        A = np.asarray(activation.fn(row))
        B = np.asarray(activation.fn(row + np.eye(1, 4)))  # only the first z moves by 1
        if not np.allclose(A[:, 1:], B[:, 1:], rtol=1e-12, atol=0):
            return "mixing"
    s = slope(activation, SLOPE_GRID)
    if not np.all(np.isfinite(s)):
        return "other"
    peak = np.abs(s).max()
    if peak == 0:
        return "other"
    if np.allclose(s, s[0], rtol=1e-3):
        return "linear"
    if abs(s[0]) < 0.05 * peak and abs(s[-1]) < 0.05 * peak:
        return "saturating"
    if np.all(np.abs(s[SLOPE_GRID < -SLOPE_STEP]) == 0) and s[-1] > 0.5 * peak:
        return "one-sided"
    return "other"


def peak_slope(activation: Any) -> float:
    """The largest |φ′(z)| on z in [-8, 8] (σ: 0.25, tanh: 1): the slope a unit has when it is not saturated."""
    return float(np.abs(slope(activation, SLOPE_GRID)).max())


# ---------------------------------------------------------------- the start
@dataclass
class Start:
    """The network as given, on the probe rows (one entry per layer, layer 1 first).

    kinds : each layer's ``activation_kind``; names : its activation as the messages name it.
    Z : each layer's weighted inputs ``(n_probe, n_out)``.
    slope_ratio : φ′(Z) / the activation's peak slope, ``(n_probe, n_out)``, for saturating layers (else None).
    silent : for one-sided layers, whether each unit gave 0 for every training row ``(n_out,)`` (else None).
    delta_sizes : mean |δ| per layer; bp2 : for each layer but the last, BP2's two factors that
        take layer l+1's mean |δ| to layer l's: (|δ_l+1 W_l+1ᵀ| / |δ_l+1|, |δ_l| / |δ_l+1 W_l+1ᵀ|),
        None where W_l+1 is all zero (a zero start, which passes nothing back before its first step).
    loss : C before training; uninformed : C of the outputs the activation gives at z = 0 (uniform
        softmax, sigmoid 0.5, identity 0), what an untrained network should give; constant : C of
        the best constant output (the mean target).
    input_mean, input_std, input_rms : each feature's mean, standard deviation and root mean square
        √mean(x²) over the training rows; z_inputs, z_inputs_scaled : the standard deviation of the
        inputs' part of the first layer's z, x·W₁, as the inputs are and standardised.
    """

    kinds: list[str]
    names: list[str]
    Z: list[np.ndarray]
    slope_ratio: list[np.ndarray | None]
    silent: list[np.ndarray | None]
    delta_sizes: list[float]
    bp2: list[tuple[float, float] | None]
    loss: float
    uninformed: float
    constant: float
    input_mean: np.ndarray
    input_std: np.ndarray
    input_rms: np.ndarray
    z_inputs: float
    z_inputs_scaled: float


def measure_start(net: Any, data: Data) -> Start:
    """Measure the network as given on the probe rows (and, for dead units, every training row)."""
    X, Y = data.part(data.probe)
    with np.errstate(all="ignore"):
        traces = net.trace(X, Y)
    kinds = [activation_kind(layer.activation) for layer in net.layers]
    slope_ratio = [slope(layer.activation, t.Z) / peak_slope(layer.activation) if kind == "saturating" else None
                   for layer, t, kind in zip(net.layers, traces, kinds, strict=True)]
    silent = _silent_units(net, data.X[data.train], kinds)
    n_out = net.sizes[-1]
    A0 = np.asarray(net.layers[-1].activation.fn(np.zeros((len(Y), n_out), dtype=net.dtype)))
    X_train = data.X[data.train]
    X_scaled = datasets.standardize(X_train, X)[1]
    return Start(
        kinds=kinds,
        names=[describe_activation(layer.activation) for layer in net.layers],
        Z=[t.Z for t in traces],
        slope_ratio=slope_ratio,
        silent=silent,
        delta_sizes=[float(np.mean(np.abs(t.delta))) for t in traces],
        bp2=_bp2_factors(net, traces),
        loss=float(net.loss.fn(traces[-1].A, Y)),
        uninformed=float(net.loss.fn(A0, Y)),
        constant=float(net.loss.fn(np.broadcast_to(Y.mean(axis=0), Y.shape), Y)),
        input_mean=X_train.mean(axis=0),
        input_std=X_train.std(axis=0),
        input_rms=np.sqrt(np.mean(X_train**2, axis=0)),
        z_inputs=float(np.std(X @ net.layers[0].W)),
        z_inputs_scaled=float(np.std(X_scaled @ net.layers[0].W)),
    )


def _silent_units(net: Any, X: np.ndarray, kinds: list[str]) -> list[np.ndarray | None]:
    """For each one-sided (ReLU-like) layer, whether each unit's output is 0 on every row of X."""
    if "one-sided" not in kinds:
        return [None] * len(kinds)
    with np.errstate(all="ignore"):
        _, activations = net.feedforward(X)
    return [np.all(A == 0, axis=0) if kind == "one-sided" else None
            for A, kind in zip(activations[1:], kinds, strict=True)]


def _bp2_factors(net: Any, traces: list[Any]) -> list[tuple[float, float] | None]:
    """BP2 step by step, δ_l = (δ_l+1 W_l+1ᵀ) ⊙ φ′(Z_l), split into its two factors per layer.

    Where W_l+1 is all zero (a layer that starts at 0 on purpose, as a softmax output does by
    default), nothing passes back at the start; the steps below it are measured from a unit error
    in its place (δ = 1 for every unit and example), so the layers under it are still judged.
    """
    factors: list[tuple[float, float] | None] = [None] * (len(traces) - 1)
    delta = traces[-1].delta
    with np.errstate(all="ignore"):
        for l in range(len(traces) - 2, -1, -1):
            W_next, t = net.layers[l + 1].W, traces[l]
            if not np.any(W_next):
                delta = net.layers[l].activation.backward(t.Z, np.ones_like(t.Z), t.A)  # a unit error
                continue
            passed = delta @ W_next.T  # δ_l+1 W_l+1ᵀ
            new_delta = net.layers[l].activation.backward(t.Z, passed, t.A)  # BP2
            size, size_passed = np.mean(np.abs(delta)), np.mean(np.abs(passed))
            factors[l] = (float(size_passed / size) if size else 0.0,
                          float(np.mean(np.abs(new_delta)) / size_passed) if size_passed else 0.0)
            delta = new_delta
    return factors


# ---------------------------------------------------------------- backprop against central differences
#: Examples in the batch whose gradients are compared with central differences.
GRADCHECK_ROWS = 8
#: At most about this many weights of each layer are nudged (an even spread, every k-th row and column).
GRADCHECK_WEIGHTS = 48
#: The two steps ε of the central differences. A real mismatch shows at both; a ReLU kink crossed
#: by one nudge, or rounding, shows at one only, so a layer's error is the smaller of the two.
GRADCHECK_STEPS = (1e-4, 1e-5)
#: A gradient central differences can tell from 0: this many times the rounding of C over the step.
RESOLVABLE = 1e3


@dataclass
class Gradients:
    """Backprop against central differences: each layer's relative error (the smaller over the
    two steps), and, for each distinct elementwise activation and for the loss, how far its
    derivative is from the slope of its fn (relative error; None where it cannot be measured)."""

    errors: list[float | None]
    activation_errors: dict[int, float | None]  # layer (1-based, first use) -> prime vs slope of fn
    loss_error: float | None


def check_gradients(net: Any, data: Data, kinds: list[str], seed: int) -> Gradients:
    """Compare backprop with central differences on a few rows, on an even spread of each layer's
    weights and biases. ``net`` is a copy: its weights are nudged and put back, and a layer whose W
    is all zero (which passes no error back, so hides any mistake below it) is first given small
    random weights. Rows whose outputs a loss would clip (a probability within 1e-9 of 0 or 1) are
    left out, as the clipped loss has no slope there; with fewer than two rows left, the layers
    are not compared (their errors are None)."""
    rng = np.random.default_rng(seed)
    for layer in net.layers:
        if not np.any(layer.W):
            layer.W[...] = rng.normal(0.0, 0.5 / np.sqrt(layer.n_in), layer.W.shape)
    X, Y = (part.astype(net.dtype) for part in data.part(data.probe))  # (float64: see diagnose)
    with np.errstate(all="ignore"):
        A = net.feedforward(X)[1][-1]
    inside = np.all(np.isfinite(A), axis=1)
    if net.is_classifier:
        inside &= np.all((A > 1e-9) & (A < 1 - 1e-9), axis=1)
    X, Y = X[inside][:GRADCHECK_ROWS], Y[inside][:GRADCHECK_ROWS]
    errors: list[float | None] = [None] * len(net.layers)
    if len(X) >= 2:
        errors = _layer_errors(net, X, Y)
    first_use: dict[int, Any] = {}  # layer -> activation, for the first layer that uses each one
    for l, (layer, kind) in enumerate(zip(net.layers, kinds, strict=True), start=1):
        if kind != "mixing" and all(unwrap(layer.activation) is not unwrap(seen) for seen in first_use.values()):
            first_use[l] = layer.activation
    rows = data.probe[:GRADCHECK_ROWS]
    return Gradients(errors, {l: _prime_error(act) for l, act in first_use.items()},
                     _loss_error(net, data.X[rows].astype(net.dtype), data.Y[rows].astype(net.dtype)))


def _layer_errors(net: Any, X: np.ndarray, Y: np.ndarray) -> list[float | None]:
    """Each layer's relative error between backprop and central differences on (X, Y): the smaller
    over the two steps ``GRADCHECK_STEPS``. A weight's step is divided by the size of the inputs it
    multiplies (when above 1), so that a nudge moves z by about ε whatever the scale of the data.
    A layer whose gradients are too small for central differences to resolve (under ``RESOLVABLE``
    times the rounding of C divided by the step: deeply saturated units) is not compared (None)."""

    def cost() -> float:
        return float(net.loss.fn(net.feedforward(X)[1][-1], Y))

    rounding = np.finfo(np.float64).eps * max(abs(cost()), 1e-300)
    errors: list[float | None] = []
    with np.errstate(all="ignore"):
        for layer, t in zip(net.layers, net.trace(X, Y), strict=True):
            rows = max(1, int(np.ceil(layer.n_in / np.sqrt(GRADCHECK_WEIGHTS))))
            cols = max(1, int(np.ceil(layer.n_out / np.sqrt(GRADCHECK_WEIGHTS))))
            scale = max(1.0, float(np.abs(t.A_prev).max()))
            parts = ((layer.W[::rows, ::cols], t.dC_dW[::rows, ::cols], scale), (layer.b[::cols], t.dC_db[::cols], 1.0))
            measured = []
            for eps in GRADCHECK_STEPS:
                for theta, analytic, shrink in parts:
                    numeric = numerical_gradient(cost, theta, eps / shrink)
                    if max(np.abs(analytic).max(), np.abs(numeric).max()) > RESOLVABLE * rounding * shrink / eps:
                        measured.append((eps, relative_error(analytic, numeric)))
            by_step = [max(e for step, e in measured if step == eps) for eps in GRADCHECK_STEPS
                       if any(step == eps for step, _ in measured)]
            errors.append(min(by_step) if by_step else None)
    return errors


def _prime_error(activation: Any) -> float | None:
    """How far ``prime(z)`` is from the slope of ``fn`` (relative error on z from -4 to 4, off the
    grid's kinks at whole numbers); None if prime does not give one number per z."""
    z = np.linspace(-4.0, 4.0, 17) + 0.137
    with np.errstate(all="ignore"):
        prime = np.asarray(activation.prime(z), dtype=np.float64)
    if prime.shape != z.shape:
        return None
    return relative_error(prime, slope(activation, z))


def _loss_error(net: Any, X: np.ndarray, Y: np.ndarray) -> float | None:
    """How far the loss's ``derivative(a, y)`` is from n × the central-difference gradient of its
    ``fn`` (fn is the batch mean; derivative is per example), at the network's outputs for X."""
    with np.errstate(all="ignore"):
        A = np.array(net.feedforward(X)[1][-1], dtype=np.float64)
        A = np.clip(A, 1e-3, 1 - 1e-3) if net.is_classifier else A  # away from where CE is clipped
        try:
            analytic = np.asarray(net.loss.derivative(A, Y), dtype=np.float64)
        except (TypeError, ValueError):
            return None
        numeric = len(A) * numerical_gradient(lambda: float(net.loss.fn(A, Y)), A, 1e-6)
    return relative_error(analytic, numeric) if analytic.shape == A.shape else None
