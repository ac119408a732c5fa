"""The tour's parts, in the track's order (and the doctor last): each a function that fills a ``Section``.

Every number and picture is made by the same functions a learner calls; ``glassnet.tour.run``
calls these in the order of ``SECTIONS``.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from glassnet import datasets
from glassnet.activations import ReLU, Sigmoid, Tanh
from glassnet.descent import gradient_descent
from glassnet.gradcheck import gradcheck, numerical_gradients
from glassnet.layers import Dense
from glassnet.linear import decision, hyperplane
from glassnet.losses import MSE, CrossEntropy
from glassnet.network import NeuralNetwork
from glassnet.perceptron import ConvergenceWarning, Perceptron
from glassnet.tour.doctor import doctor


@dataclass
class Section:
    """One part of the track: what to print, the numbers it printed, and its figures.

    ``figure_dir`` is where figures go; None (text only) skips drawing them.
    """

    title: str
    figure_dir: Path | None = None
    lines: list[str] = field(default_factory=list)
    numbers: dict[str, Any] = field(default_factory=dict)
    figures: list[tuple[str, str]] = field(default_factory=list)  # (file name, caption)

    def say(self, line: str = "") -> None:
        self.lines.append(line)

    def figure(self, name: str, caption: str, draw: Callable[[Path], object]) -> None:
        """Draw one figure with ``draw(path)`` into ``figure_dir/name.png`` (if drawing is on)."""
        if self.figure_dir is None:
            return
        path = self.figure_dir / f"{name}.png"
        draw(path)
        self.figures.append((path.name, caption))


def _plotting() -> Any:
    from glassnet import plotting

    return plotting


def linear_models(s: Section, quick: bool) -> None:
    X, y = datasets.two_points()
    w, b = np.array([0.0, 1.0]), -1.0
    wx, f, side = hyperplane(X, w), hyperplane(X, w, b), decision(X, w, b)
    s.say(f"f(x) = w·x + b with w = {w.tolist()}, b = {b:g}")
    s.say(f"{'point':>10} {'label':>6} {'w·x':>6} {'w·x + b':>8} {'sign':>5}")
    for name, x, label, a, c, d in zip("uv", X, y, wx, f, side, strict=True):
        s.say(f"{name + '=' + str(tuple(x.astype(int).tolist())):>10} {label:>6} {a:>6g} {c:>8g} "
              f"{'+' if d > 0 else '-':>5}")
    s.numbers.update(wx=wx.tolist(), f=f.tolist(), sign=side.tolist())

    def draw(path: Path) -> None:
        plt = _plotting()
        p = Perceptron(w=w, b=b)
        ax = plt.plot_decision_regions(p, X, y, bounds=(-0.5, 1.5, -0.5, 2.5), resolution=120, path=path)
        plt.plot_hyperplane(p, ax=ax, path=path)

    s.figure("two_points", "u (+) and v (−) on either side of the line x₂ = 1, i.e. w = (0, 1), b = −1.", draw)


def perceptron(s: Section, quick: bool) -> None:
    X, y = datasets.seven_points()
    p = Perceptron(n_inputs=2).fit(X, y)
    s.say(f"seven points: converged after {p.n_epochs_} epochs, mistakes per epoch {p.mistakes_}")
    s.say(f"  learned {p!r}; accuracy {p.score(X, y):.0%}")
    X_xor, y_xor = datasets.xor()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        q = Perceptron(n_inputs=2).fit(X_xor, y_xor, max_epochs=100)
    s.say(f"XOR: converged = {q.converged_} after {q.n_epochs_} epochs; "
          f"last epochs' mistakes {q.mistakes_[-4:]}; accuracy {q.score(X_xor, y_xor):.0%}")
    if caught:
        s.say(f"  warning: {caught[0].message}")
    on_line = [tuple(x.astype(int).tolist()) for x in X_xor[hyperplane(X_xor, q.w, q.b) == 0]]
    s.say(f"  its last line: {q!r}")
    s.say("  exactly on it (w·x + b = 0, counted as class 0): " + (", ".join(map(str, on_line)) or "no point"))
    s.numbers.update(seven_epochs=p.n_epochs_, seven_accuracy=p.score(X, y), xor_converged=q.converged_,
                     xor_w=np.ravel(q.w).tolist(), xor_b=float(q.b), xor_on_line=on_line)

    def draw_seven(path: Path) -> None:
        plt = _plotting()
        ax = plt.plot_decision_regions(p, X, y, bounds=(0, 1, 0, 1), resolution=120, path=path)
        plt.plot_hyperplane(p, ax=ax, path=path)

    def draw_xor(path: Path) -> None:
        plt = _plotting()
        ax = plt.plot_decision_regions(q, X_xor, y_xor, bounds=(-0.5, 1.5, -0.5, 1.5), resolution=120,
                                       path=path)
        plt.plot_hyperplane(q, ax=ax, path=path)

    s.figure("perceptron_seven_points", f"The perceptron's line after {p.n_epochs_} epochs: "
             "every one of the seven points on its side.", draw_seven)
    through = (" It passes exactly through " + " and ".join(map(str, on_line))
               + ": w·x + b = 0 there, which counts as class 0.") if on_line else ""
    s.figure("perceptron_xor", f"XOR: the perceptron's line and its w after {q.n_epochs_} epochs, "
             f"with {q.mistakes_[-1]} mistakes in the last epoch.{through} No line puts both + on one "
             "side and both − on the other, so the perceptron keeps making mistakes.", draw_xor)


def activation_functions(s: Section, quick: bool) -> None:
    z = np.array([-5.0, -2.0, 0.0, 2.0, 5.0])
    s.say(f"{'z':>8}" + "".join(f"{v:>9g}" for v in z))
    for act in (Sigmoid, Tanh, ReLU):
        s.say(f"{act.name:>8}" + "".join(f"{v:>9.4f}" for v in act.fn(z)))
        s.say(f"{act.name + chr(39):>8}" + "".join(f"{v:>9.4f}" for v in act.prime(z)))
    grid = np.linspace(-10, 10, 2001)
    gap = float(np.max(np.abs(Tanh.fn(grid) - (2 * Sigmoid.fn(2 * grid) - 1))))
    s.say(f"tanh(z) = 2σ(2z) - 1: largest difference on [-10, 10] is {gap:.1e}")
    s.say(f"saturation: σ'(5) = {Sigmoid.prime(5.0):.4f}, {0.25 / Sigmoid.prime(5.0):.0f} times smaller "
          "than σ'(0) = 0.25")
    s.numbers.update(tanh_gap=gap, sigmoid=Sigmoid.fn(z).tolist())
    s.figure("activations", "σ, tanh and ReLU (left) and their derivatives (right); the strips along the "
             f"bottom mark the z where σ and tanh saturate (derivative below {_plotting().SATURATION:g}), so a "
             "neuron there learns slowly.", lambda path: _plotting().plot_activations(path=path))


def feedforward(s: Section, quick: bool) -> None:
    net = NeuralNetwork([2, 3, 1], activation=Sigmoid, loss=CrossEntropy, seed=0)
    X, _ = datasets.xor()
    s.lines.extend(repr(net).splitlines())
    s.say(f"W shapes {[layer.W.shape for layer in net.layers]}, b shapes {[layer.b.shape for layer in net.layers]}")
    out = net.run(X)[:, 0]
    s.say("untrained outputs on the XOR inputs: " + ", ".join(f"{v:.3f}" for v in out))
    s.numbers.update(n_params=net.n_params)
    s.figure("network", "The 2-3-1 network before training: blue weights are positive, red negative, "
             "thicker is larger.", lambda path: _plotting().plot_network(net, path=path))


def losses(s: Section, quick: bool) -> None:
    a, y = np.array([[0.9], [0.2], [0.6]]), np.array([[1.0], [0.0], [1.0]])
    s.say(f"outputs a = {a[:, 0].tolist()}, labels y = {y[:, 0].tolist()}")
    s.say(f"MSE = 1/(2n) Σ (y - a)² = {MSE.fn(a, y):.4f}")
    s.say(f"cross-entropy = -1/n Σ [y ln a + (1 - y) ln(1 - a)] = {CrossEntropy.fn(a, y):.4f}")
    z = np.array([[-5.0]])
    a_sat, target = Sigmoid.fn(z), np.array([[1.0]])
    delta_mse = (MSE.derivative(a_sat, target) * Sigmoid.prime(z))[0, 0]  # BP1: ∂C/∂a ⊙ σ'(z)
    delta_ce = (a_sat - target)[0, 0]  # BP1 for cross-entropy after a sigmoid: σ'(z) cancels
    s.say(f"a saturated, wrong neuron (z = -5, a = {a_sat[0, 0]:.4f}, y = 1):")
    s.say(f"  MSE's delta = (a - y)σ'(z) = {delta_mse:.5f}; cross-entropy's delta = a - y = {delta_ce:.4f}")
    s.say(f"  cross-entropy pushes {delta_ce / delta_mse:.0f} times harder, so it learns faster")
    s.numbers.update(mse=MSE.fn(a, y), cross_entropy=CrossEntropy.fn(a, y), speedup=delta_ce / delta_mse)

    # The same neuron learning: input 1, w = b = -2.5 (so z = -5), target 1. Both losses train it
    # the same way; what is compared is the same quantity, its output a after each step.
    eta, steps = 0.5, 250
    outputs: dict[str, list[float]] = {}
    for loss in (MSE, CrossEntropy):
        neuron = Dense(1, 1, Sigmoid)
        neuron.W[:], neuron.b[:] = -2.5, -2.5
        net = NeuralNetwork([neuron], loss=loss)
        record = outputs.setdefault(loss.name, [])
        net.fit([[1.0]], [1.0], epochs=steps, batch_size=1, learning_rate=eta,
                callbacks=[lambda epoch, logs, net=net, record=record: record.append(net.run([[1.0]]).item())])
    passes = {name: next((k + 1 for k, a in enumerate(c) if a > 0.5), None) for name, c in outputs.items()}
    s.say(f"that neuron learning (input 1, w = b = -2.5, target 1), η = {eta:g}:")
    s.say(f"  its output a passes 0.5 after {passes['cross-entropy']} steps with cross-entropy, "
          f"after {passes['mse']} with MSE")
    s.numbers.update(saturated_outputs=outputs, steps_to_half=passes, saturated_eta=eta)
    s.figure("saturated_neuron", f"The saturated, wrong neuron above (z = −5, a = {a_sat[0, 0]:.4f}, y = 1) "
             f"learning with each loss, η = {eta:g}: its output a passes 0.5 after "
             f"{passes['cross-entropy']} steps with cross-entropy and after {passes['mse']} with MSE.",
             lambda path: _plotting().plot_curves(
                 outputs, xlabel="gradient step", ylabel="output a (target y = 1)",
                 title=f"one sigmoid neuron from z = −5 (input 1, w = b = −2.5), y = 1, η = {eta:g}",
                 path=path))


def descent(s: Section, quick: bool) -> None:
    f = lambda x: (x - 2) ** 2  # noqa: E731
    df = lambda x: 2 * (x - 2)  # noqa: E731
    for x0 in (4.0, 0.0):
        r = gradient_descent(df, x0=x0, learning_rate=0.01, precision=1e-4, max_iters=1000)
        s.say(f"from x0 = {x0:g}: " + ", ".join(f"{x:.7g}" for x in r.path[1:4])
              + f", ... after {r.n_iters} steps x = {r.x:.4f} (the minimum is at 2)")
        s.numbers[f"path_from_{x0:g}"] = r.path[:4].tolist()
    rates = (0.01, 0.1, 0.9, 1.05)
    diverging = []
    for eta in rates:
        r = gradient_descent(df, x0=4.0, learning_rate=eta, precision=1e-4, max_iters=1000)
        # each step multiplies x - 2 by (1 - 2η): below 0 it jumps across 2, |1 - 2η| > 1 grows it
        bounces = bool(np.all(np.diff(np.sign(r.path - 2)) != 0))
        if r.converged:
            state = f"converged after {r.n_iters} steps, x = {r.x:.4f}" + (", bouncing across 2" if bounces else "")
        elif abs(r.path[-1] - 2) > abs(r.path[0] - 2):
            diverging.append(eta)
            state = f"diverges: each step overshoots further; after {r.n_iters} steps x = {r.x:.3g}"
        else:
            state = f"not converged after {r.n_iters} steps, x = {r.x:.4f}"
        s.say(f"  learning rate {eta:<5g}: {state}")
    s.numbers.update(diverging_rates=diverging)
    walk = gradient_descent(df, x0=4.0, learning_rate=0.01, precision=1e-4, max_iters=1000)
    s.figure("descent_1d", f"Gradient descent on f(x) = (x − 2)² from x = 4 with the track's η = 0.01: "
             f"{walk.n_iters} steps, long where the slope is steep, ever shorter near the minimum.",
             lambda path: _plotting().plot_descent_1d(f, walk, function="(x − 2)²", path=path))
    too_large = ", ".join(f"{eta:g}" for eta in diverging)
    s.figure("learning_rates", f"The same start, x = 4, with the four learning rates above, at most 50 steps "
             f"each: 0.01 creeps, 0.1 converges, 0.9 bounces across the minimum into it, and {too_large} is "
             "too large: each step lands further out, and the walk diverges.",
             lambda path: _plotting().plot_learning_rates(f, df, 4.0, rates, function="(x − 2)²", path=path))
    walk_2d = gradient_descent(bowl_gradient, x0=BOWL_START, learning_rate=BOWL_RATE)
    start = ", ".join(f"{v:g}".replace("-", "−") for v in BOWL_START)
    s.figure("descent_2d", f"Two inputs, the bowl f(x₁, x₂) = {BOWL}, five times steeper along x₂, from "
             f"({start}) with η = {BOWL_RATE:g}: {walk_2d.n_iters} steps; each step goes straight down the "
             "slope, at right angles to the contour lines, so the walk zig-zags across the steep direction while it "
             "slides along the shallow one.",
             lambda path: _plotting().plot_descent_2d(bowl, walk_2d, function=BOWL, path=path))


#: The one 2-d bowl of the tour and lesson 5, its gradient, and the walk the tour draws on it.
BOWL = "x₁² + 5x₂²"
BOWL_START = (-4.0, 2.0)
BOWL_RATE = 0.18


def bowl(x: np.ndarray) -> float:
    """f(x₁, x₂) = x₁² + 5x₂²: a valley five times steeper along x₂ than along x₁."""
    return x[0] ** 2 + 5 * x[1] ** 2


def bowl_gradient(x: np.ndarray) -> np.ndarray:
    """∇f = (2x₁, 10x₂), shape (2,)."""
    return np.array([2 * x[0], 10 * x[1]])


#: The deep network whose δ sizes the tour draws, and its start (init="normal").
DEEP_SIZES = [64, 30, 30, 30, 10]
DEEP = "-".join(map(str, DEEP_SIZES))
DEEP_START = "weights and biases from N(0, 1), as in Nielsen's network.py"


def backpropagation(s: Section, quick: bool) -> None:
    rng = np.random.default_rng(0)
    for sizes in ([2, 3, 1], [4, 5, 5, 3]):
        net = NeuralNetwork(sizes, activation=Tanh, output_activation=Sigmoid, loss=CrossEntropy, seed=1)
        X, Y = rng.normal(size=(8, sizes[0])), rng.uniform(size=(8, sizes[-1]))
        report = gradcheck(net, X, Y)
        s.say(f"network {sizes}: relative error vs central differences per layer "
              + ", ".join(f"{e:.1e}" for e in report.errors))
        s.numbers[f"gradcheck_{'-'.join(map(str, sizes))}"] = report.errors
    net = NeuralNetwork([64, 30, 10], loss=CrossEntropy, seed=0)
    X, y = datasets.digits()
    X, Y = X[:10], np.eye(10)[y[:10]]
    t_backprop = _median_time(lambda: net.backprop(X, Y), repeat=20)
    t_numeric = _median_time(lambda: numerical_gradients(net, X, Y), repeat=1 if quick else 3)
    s.say(f"64-30-10 network ({net.n_params} parameters), 10 digits: backprop {t_backprop * 1e3:.2f} ms, "
          f"nudging every weight {t_numeric:.2f} s: backprop is {t_numeric / t_backprop:,.0f} times faster")
    s.numbers.update(backprop_speedup=t_numeric / t_backprop)

    # Where learning slows down: the size of delta in each layer of a deep sigmoid network.
    X_train, y_train, _, _ = datasets.load("digits", seed=0)
    deep = NeuralNetwork(DEEP_SIZES, activation=Sigmoid, loss=CrossEntropy, init="normal", seed=0)
    probe = (X_train[:200], y_train[:200])
    plotting_sizes: list[np.ndarray] = []

    def record(epoch: int, logs: dict[str, float]) -> None:
        plotting_sizes.append(_plotting().delta_sizes(deep, *probe))

    if s.figure_dir is not None:
        deep.fit(X_train, y_train, epochs=5 if quick else 15, batch_size=10, learning_rate=0.1, callbacks=[record])
        sizes = np.array(plotting_sizes)  # (epochs, layers)
        first = sizes[0]
        s.say(f"a {DEEP} sigmoid network, {DEEP_START}:")
        s.say("  mean |delta| per layer after epoch 1, input side first: " + ", ".join(f"{v:.1e}" for v in first)
              + f"; the first layer's is {first[-1] / first[0]:.0f} times smaller than the output layer's")
        claim, lasts = delta_claim(sizes)
        s.numbers.update(delta_sizes=sizes, delta_ordered_until=lasts)
        s.figure("delta_sizes", f"Mean |δ| of each layer of a {DEEP} sigmoid network ({DEEP_START}) on 200 "
                 f"training digits, after each epoch: {claim}. A small δ means small gradients (BP3, BP4), "
                 "so slow learning for that layer.",
                 lambda path: _plotting().plot_delta_sizes(
                     sizes, title=f"mean |δ| per layer, {DEEP} sigmoid network\n{DEEP_START}", path=path))


def delta_claim(sizes: np.ndarray) -> tuple[str, int]:
    """What the δ sizes ``(epochs, layers)`` show about "layers near the input learn slowest", and the
    last epoch (from 1) up to which every layer's mean |δ| is below the next layer's (0: not even at 1)."""
    ordered = np.all(np.diff(sizes, axis=1) > 0, axis=1)  # (epochs,): smaller towards the input?
    lasts = len(ordered) if ordered.all() else int(np.argmin(ordered))
    if lasts == len(ordered):
        return f"in all {lasts} epochs shown, the nearer a layer is to the input, the smaller its δ", lasts
    if lasts == 0:
        return "already at epoch 1, some layer's δ is not smaller than the next layer's", lasts
    later = int(ordered[lasts:].sum())
    return (f"in epochs 1–{lasts} the nearer a layer is to the input, the smaller its δ; at epoch {lasts + 1} "
            "two lines cross" + (f" (the order is back in {later} of the {len(ordered) - lasts} later epochs)"
                                 if later else ", and that order does not come back"), lasts)


def training(s: Section, quick: bool) -> None:
    X, y = datasets.xor()
    xor_net = NeuralNetwork([2, 3, 1], activation=Sigmoid, loss=CrossEntropy, seed=0)
    history = xor_net.fit(X, y, epochs=2000, batch_size=4, learning_rate=2.0)
    s.say("XOR, 2-3-1 sigmoid network, full-batch gradient descent, η = 2: loss "
          + " → ".join(f"{history.loss[e]:.3f}" for e in (0, 499, 999, 1999))
          + f"; predictions {xor_net.predict(X).tolist()} (labels {y.tolist()})")
    s.numbers.update(xor_predictions=xor_net.predict(X).tolist(), xor_loss=history.loss)
    bounds = (-0.5, 1.5, -0.5, 1.5)
    s.figure("xor_regions", "The trained 2-3-1 network's output over the plane: XOR solved with a band.",
             lambda path: _plotting().plot_decision_regions(xor_net, X, y, bounds=bounds, resolution=120,
                                                            path=path))
    s.figure("xor_hidden", "What each hidden neuron computes over the plane: each one switches across a "
             "line. Above each, the weight w with which it feeds the output neuron, which computes "
             "σ(Σ w a + b) from the three.",
             lambda path: _plotting().plot_hidden_units(xor_net, X, y, bounds=bounds, path=path))

    # One protocol: the validation digits are carved out of the training digits and watched during
    # training; the test digits are scored once, at the end.
    X_rest, y_rest, X_test, y_test = datasets.load("digits", seed=0)
    X_train, y_train, X_val, y_val = datasets.train_test_split(X_rest, y_rest, test_size=VALIDATION_SIZE,
                                                               seed=0, stratify=True)
    net = NeuralNetwork([64, 30, 10], activation=Sigmoid, loss=CrossEntropy, seed=0)
    epochs = 5 if quick else 30
    start = time.perf_counter()
    history = net.fit(X_train, y_train, epochs=epochs, batch_size=10, learning_rate=0.5,
                      validation_data=(X_val, y_val))
    seconds = time.perf_counter() - start
    accuracy = net.score(X_test, y_test)
    s.say(f"digits: {len(X_train)} to train on, {len(X_val)} for validation (carved out of the training "
          f"digits), {len(X_test)} for the test")
    s.say(f"64-30-10 sigmoid + cross-entropy, {epochs} epochs of mini-batches of 10, η = 0.5, in {seconds:.1f} s: "
          f"validation accuracy {history.val_accuracy[-1]:.1%} after the last epoch")
    s.say(f"test accuracy, measured once after training: {accuracy:.1%}")
    s.numbers.update(digits_accuracy=accuracy, digits_seconds=seconds, digits_history=history,
                     digits_sizes=(len(X_train), len(X_val), len(X_test)))
    predicted = net.predict(X_test)
    s.figure("digits_history", f"Loss and accuracy per epoch on the {len(X_train)} training digits (the mean "
             f"over each epoch's mini-batches, while the weights change) and on the {len(X_val)} validation "
             "digits carved out of them (measured at each epoch's end). The test digits take no part.",
             lambda path: _plotting().plot_history(history, path=path))
    s.figure("digits_confusion", f"The {len(X_test)} test digits, scored once after training: which digit was "
             "taken for which (rows: true, columns: predicted).",
             lambda path: _plotting().plot_confusion_matrix(y_test, predicted, path=path))
    s.figure("digits_mistakes", "Test digits the network got wrong, with its guess.",
             lambda path: _plotting().plot_misclassified(X_test, y_test, predicted, path=path))


#: The share of the training digits the tour sets aside for validation.
VALIDATION_SIZE = 0.15


def _median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


SECTIONS: list[tuple[str, Callable[[Section, bool], None]]] = [
    ("1. Linear models: which side of the hyperplane?", linear_models),
    ("2. The perceptron learns a line (and cannot learn XOR)", perceptron),
    ("3. Activation functions bend the line", activation_functions),
    ("4. A feedforward network: layers of neurons", feedforward),
    ("5. Loss functions: how wrong is the network?", losses),
    ("6. Gradient descent walks downhill on f(x) = (x - 2)²", descent),
    ("7. Backpropagation: every gradient in one backward pass", backpropagation),
    ("8. Training: XOR and handwritten digits", training),
    ("9. When training fails: the doctor", doctor),
]
"""The tour's parts, in the track's order."""
