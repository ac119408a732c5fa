"""The whole track, end to end, with the numbers glassnet computes for each part: ``glassnet tour``.

Each part of the track is one function returning a ``Section``: a title, lines of text and
the numbers behind them. The tour is a thin layer over the library: every number here is
computed by the same functions a learner calls.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from glassnet import datasets
from glassnet.activations import ReLU, Sigmoid, Tanh
from glassnet.descent import gradient_descent
from glassnet.gradcheck import gradcheck, numerical_gradients
from glassnet.linear import decision, hyperplane
from glassnet.losses import MSE, CrossEntropy
from glassnet.network import NeuralNetwork
from glassnet.perceptron import ConvergenceWarning, Perceptron


@dataclass
class Section:
    """One part of the track: what to print, and the numbers it printed (for tests and reports)."""

    title: str
    lines: list[str] = field(default_factory=list)
    numbers: dict[str, Any] = field(default_factory=dict)

    def say(self, line: str = "") -> None:
        self.lines.append(line)


def linear_models() -> Section:
    s = Section("1. Linear models: which side of the hyperplane?")
    X, y = datasets.two_points()
    w, b = np.array([0.0, 1.0]), -1.0
    wx, f, side = hyperplane(X, w), hyperplane(X, w, b), decision(X, w, b)
    s.say(f"f(x) = w·x + b with w = {w.tolist()}, b = {b:g}")
    s.say(f"{'point':>10} {'label':>6} {'w·x':>6} {'w·x + b':>8} {'sign':>5}")
    for name, x, label, a, c, d in zip("uv", X, y, wx, f, side, strict=True):
        s.say(f"{name + '=' + str(tuple(x.astype(int).tolist())):>10} {label:>6} {a:>6g} {c:>8g} "
              f"{'+' if d > 0 else '-':>5}")
    s.numbers.update(wx=wx.tolist(), f=f.tolist(), sign=side.tolist())
    return s


def perceptron() -> Section:
    s = Section("2. The perceptron learns a line (and cannot learn XOR)")
    X, y = datasets.seven_points()
    p = Perceptron(n_inputs=2).fit(X, y)
    s.say(f"seven points: converged after {p.n_epochs_} epochs, mistakes per epoch {p.mistakes_}")
    s.say(f"  learned {p!r}; accuracy {p.score(X, y):.0%}")
    X, y = datasets.xor()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        q = Perceptron(n_inputs=2).fit(X, y, max_epochs=100)
    s.say(f"XOR: converged = {q.converged_} after {q.n_epochs_} epochs; "
          f"last epochs' mistakes {q.mistakes_[-4:]}; accuracy {q.score(X, y):.0%}")
    if caught:
        s.say(f"  warning: {caught[0].message}")
    s.numbers.update(seven_epochs=p.n_epochs_, seven_accuracy=p.score(*datasets.seven_points()),
                     xor_converged=q.converged_)
    return s


def activation_functions() -> Section:
    s = Section("3. Activation functions bend the line")
    z = np.array([-5.0, -2.0, 0.0, 2.0, 5.0])
    s.say(f"{'z':>8}" + "".join(f"{v:>9g}" for v in z))
    for act in (Sigmoid, Tanh, ReLU):
        s.say(f"{act.name:>8}" + "".join(f"{v:>9.4f}" for v in act.fn(z)))
        s.say(f"{act.name + chr(39):>8}" + "".join(f"{v:>9.4f}" for v in act.prime(z)))
    grid = np.linspace(-10, 10, 2001)
    gap = float(np.max(np.abs(Tanh.fn(grid) - (2 * Sigmoid.fn(2 * grid) - 1))))
    s.say(f"tanh(z) = 2σ(2z) - 1: largest difference on [-10, 10] is {gap:.1e}")
    s.say(f"saturation: σ'(5) = {Sigmoid.prime(5.0):.4f}, 37 times smaller than σ'(0) = 0.25")
    s.numbers.update(tanh_gap=gap, sigmoid=Sigmoid.fn(z).tolist())
    return s


def feedforward() -> Section:
    s = Section("4. A feedforward network: layers of neurons")
    net = NeuralNetwork([2, 3, 1], activation=Sigmoid, loss=CrossEntropy, seed=0)
    X, _ = datasets.xor()
    s.lines.extend(repr(net).splitlines())
    s.say(f"W shapes {[layer.W.shape for layer in net.layers]}, b shapes {[layer.b.shape for layer in net.layers]}")
    out = net.run(X)[:, 0]
    s.say("untrained outputs on the XOR inputs: " + ", ".join(f"{v:.3f}" for v in out))
    s.numbers.update(n_params=net.n_params)
    return s


def losses() -> Section:
    s = Section("5. Loss functions: how wrong is the network?")
    a, y = np.array([[0.9], [0.2], [0.6]]), np.array([[1.0], [0.0], [1.0]])
    s.say(f"outputs a = {a[:, 0].tolist()}, labels y = {y[:, 0].tolist()}")
    s.say(f"MSE = 1/(2n) Σ (y - a)² = {MSE.fn(a, y):.4f}")
    s.say(f"cross-entropy = -1/n Σ [y ln a + (1 - y) ln(1 - a)] = {CrossEntropy.fn(a, y):.4f}")
    z = np.array([[-5.0]])
    a_sat, target = Sigmoid.fn(z), np.array([[1.0]])
    delta_mse = MSE.output_delta(z, a_sat, target, Sigmoid)[0, 0]
    delta_ce = CrossEntropy.output_delta(z, a_sat, target, Sigmoid)[0, 0]
    s.say(f"a saturated, wrong neuron (z = -5, a = {a_sat[0, 0]:.4f}, y = 1):")
    s.say(f"  MSE's delta = (a - y)σ'(z) = {delta_mse:.5f}; cross-entropy's delta = a - y = {delta_ce:.4f}")
    s.say(f"  cross-entropy pushes {delta_ce / delta_mse:.0f} times harder, so it learns faster")
    s.numbers.update(mse=MSE.fn(a, y), cross_entropy=CrossEntropy.fn(a, y), speedup=delta_ce / delta_mse)
    return s


def descent() -> Section:
    s = Section("6. Gradient descent walks downhill on f(x) = (x - 2)²")
    df = lambda x: 2 * (x - 2)  # noqa: E731
    for x0 in (4.0, 0.0):
        r = gradient_descent(df, x0=x0, learning_rate=0.01, precision=1e-4, max_iters=1000)
        s.say(f"from x0 = {x0:g}: " + ", ".join(f"{x:.7g}" for x in r.path[1:4])
              + f", ... after {r.n_iters} steps x = {r.x:.4f} (the minimum is at 2)")
        s.numbers[f"path_from_{x0:g}"] = r.path[:4].tolist()
    for eta in (0.01, 0.1, 0.9, 1.05):
        try:
            r = gradient_descent(df, x0=4.0, learning_rate=eta, precision=1e-4, max_iters=1000)
            if r.converged:
                state = f"converged after {r.n_iters} steps, x = {r.x:.4f}"
            else:  # each step multiplies x - 2 by (1 - 2η): |1 - 2η| > 1 grows it
                state = f"diverges: each step overshoots further; after {r.n_iters} steps x = {r.x:.3g}"
        except FloatingPointError:
            state = "diverges until x overflows"
        s.say(f"  learning rate {eta:<5g}: {state}")
    return s


def backpropagation(quick: bool) -> Section:
    s = Section("7. Backpropagation: every gradient in one backward pass")
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
    return s


def training(quick: bool) -> Section:
    s = Section("8. Training: XOR and handwritten digits")
    X, y = datasets.xor()
    net = NeuralNetwork([2, 3, 1], activation=Sigmoid, loss=CrossEntropy, seed=0)
    history = net.fit(X, y, epochs=2000, batch_size=4, learning_rate=2.0)
    s.say("XOR, 2-3-1 sigmoid network, full-batch gradient descent, η = 2: loss "
          + " → ".join(f"{history.loss[e]:.3f}" for e in (0, 499, 999, 1999))
          + f"; predictions {net.predict(X).tolist()} (labels {y.tolist()})")
    s.numbers.update(xor_predictions=net.predict(X).tolist(), xor_loss=history.loss)
    X_train, y_train, X_test, y_test = datasets.load("digits", seed=0)
    net = NeuralNetwork([64, 30, 10], activation=Sigmoid, loss=CrossEntropy, seed=0)
    epochs = 5 if quick else 30
    start = time.perf_counter()
    history = net.fit(X_train, y_train, epochs=epochs, batch_size=10, learning_rate=0.5,
                      validation_data=(X_test, y_test))
    seconds = time.perf_counter() - start
    accuracy = net.score(X_test, y_test)
    s.say(f"digits, 64-30-10 sigmoid + cross-entropy, {epochs} epochs of mini-batches of 10, η = 0.5: "
          f"test accuracy {accuracy:.1%} in {seconds:.1f} s")
    s.numbers.update(digits_accuracy=accuracy, digits_seconds=seconds, digits_history=history)
    return s


def _median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def sections(quick: bool = False) -> list[Callable[[], Section]]:
    """The tour's parts in the track's order, as functions that compute them."""
    return [linear_models, perceptron, activation_functions, feedforward, losses, descent,
            lambda: backpropagation(quick), lambda: training(quick)]


def run(quick: bool = False, echo: Callable[[str], None] = print) -> list[Section]:
    """Compute every section and echo its text as it is ready; returns the sections."""
    done = []
    for make in sections(quick):
        section = make()
        echo(f"\n{section.title}\n{'-' * len(section.title)}")
        for line in section.lines:
            echo(line)
        done.append(section)
    return done
