"""The whole track, end to end, with the numbers and pictures glassnet makes for each part: ``glassnet tour``.

Each part of the track is one function filling a ``Section``: a title, lines of text, the
numbers behind them and its figures. The tour is a thin layer over the library: every number
and picture is made by the same functions a learner calls. ``run`` prints the text and, given
a folder, writes ``index.html`` there with the figures beside it as PNG files.
"""

from __future__ import annotations

import html
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from glassnet import datasets
from glassnet._validation import import_optional
from glassnet.activations import ReLU, Sigmoid, Tanh
from glassnet.descent import gradient_descent
from glassnet.gradcheck import gradcheck, numerical_gradients
from glassnet.layers import Dense
from glassnet.linear import decision, hyperplane
from glassnet.losses import MSE, CrossEntropy
from glassnet.network import NeuralNetwork
from glassnet.perceptron import ConvergenceWarning, Perceptron


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
    s.numbers.update(seven_epochs=p.n_epochs_, seven_accuracy=p.score(X, y), xor_converged=q.converged_)

    def draw_seven(path: Path) -> None:
        plt = _plotting()
        ax = plt.plot_decision_regions(p, X, y, bounds=(0, 1, 0, 1), resolution=120, path=path)
        plt.plot_hyperplane(p, ax=ax, path=path)

    def draw_xor(path: Path) -> None:
        _plotting().plot_decision_regions(q, X_xor, y_xor, bounds=(-0.5, 1.5, -0.5, 1.5), resolution=120,
                                          path=path)

    s.figure("perceptron_seven_points", f"The perceptron's line after {p.n_epochs_} epochs: "
             "every one of the seven points on its side.", draw_seven)
    s.figure("perceptron_xor", "XOR after 100 epochs: no line puts both + on one side and both − on "
             "the other, so the perceptron keeps making mistakes.", draw_xor)


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
    s.figure("activations", "σ, tanh and ReLU (left) and their derivatives (right); shaded: where σ and "
             "tanh saturate and learn slowly.", lambda path: _plotting().plot_activations(path=path))


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
    delta_mse = MSE.output_delta(z, a_sat, target, Sigmoid)[0, 0]
    delta_ce = CrossEntropy.output_delta(z, a_sat, target, Sigmoid)[0, 0]
    s.say(f"a saturated, wrong neuron (z = -5, a = {a_sat[0, 0]:.4f}, y = 1):")
    s.say(f"  MSE's delta = (a - y)σ'(z) = {delta_mse:.5f}; cross-entropy's delta = a - y = {delta_ce:.4f}")
    s.say(f"  cross-entropy pushes {delta_ce / delta_mse:.0f} times harder, so it learns faster")
    s.numbers.update(mse=MSE.fn(a, y), cross_entropy=CrossEntropy.fn(a, y), speedup=delta_ce / delta_mse)

    # One sigmoid neuron, w = b = 2, learning to output 0 for the input 1: it starts saturated.
    curves = {}
    for loss in (MSE, CrossEntropy):
        neuron = Dense(1, 1, Sigmoid)
        neuron.W[:], neuron.b[:] = 2.0, 2.0
        net = NeuralNetwork([neuron], loss=loss)
        curves[loss.name] = net.fit([[1.0]], [0.0], epochs=300, batch_size=1, learning_rate=0.15).loss
    s.say("one neuron (w = b = 2, input 1, target 0), η = 0.15, 300 steps: loss "
          + "; ".join(f"{name} {c[0]:.3f} → {c[-1]:.3f}" for name, c in curves.items()))
    s.numbers.update(saturated_curves=curves)
    s.figure("saturated_neuron", "A badly wrong, saturated neuron: with MSE it barely moves at first; with "
             "cross-entropy it learns at once.",
             lambda path: _plotting().plot_curves(
                 curves, xlabel="epoch (one gradient step each)", ylabel="loss C",
                 title="one sigmoid neuron, w = b = 2, input 1, target 0, η = 0.15", path=path))


def descent(s: Section, quick: bool) -> None:
    f = lambda x: (x - 2) ** 2  # noqa: E731
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
    walk = gradient_descent(df, x0=4.0, learning_rate=0.1, precision=1e-4, max_iters=1000)
    s.figure("descent_1d", "Gradient descent on (x − 2)² from x = 4 with η = 0.1: big steps where the slope "
             "is steep, small ones near the minimum.", lambda path: _plotting().plot_descent_1d(f, walk, path=path))
    s.figure("learning_rates", "Too small, about right, too large: the same start with three learning rates.",
             lambda path: _plotting().plot_learning_rates(f, df, 4.0, path=path))
    bowl = lambda p: p[0] ** 2 + 4 * p[1] ** 2  # noqa: E731
    walk_2d = gradient_descent(lambda p: np.array([2 * p[0], 8 * p[1]]), x0=[3.0, 1.5], learning_rate=0.1)
    s.figure("descent_2d", "Two dimensions, f(x, y) = x² + 4y²: each step goes straight down the slope, "
             "across the contour lines.", lambda path: _plotting().plot_descent_2d(bowl, walk_2d, path=path))


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
    deep = NeuralNetwork([64, 30, 30, 30, 10], activation=Sigmoid, loss=CrossEntropy, init="normal", seed=0)
    probe = (X_train[:200], y_train[:200])
    plotting_sizes: list[np.ndarray] = []

    def record(epoch: int, logs: dict[str, float]) -> None:
        plotting_sizes.append(_plotting().delta_sizes(deep, *probe))

    if s.figure_dir is not None:
        deep.fit(X_train, y_train, epochs=5 if quick else 15, batch_size=10, learning_rate=0.1, callbacks=[record])
        first = plotting_sizes[0]
        s.say("mean |delta| per layer of a 64-30-30-30-10 sigmoid network (the track's N(0, 1) start), "
              "input side first: " + ", ".join(f"{v:.1e}" for v in first)
              + f": the first layer learns {first[-1] / first[0]:.0f} times slower than the last")
        s.figure("delta_sizes", "Mean |δ| of each layer during training: the layers near the input get the "
                 "smallest errors, so they learn slowest.",
                 lambda path: _plotting().plot_delta_sizes(np.array(plotting_sizes), path=path))


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
    s.figure("xor_hidden", "What each hidden neuron computes: each one draws a line; the output neuron "
             "combines the three.",
             lambda path: _plotting().plot_hidden_units(xor_net, X, y, bounds=bounds, path=path))

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
    predicted = net.predict(X_test)
    s.figure("digits_history", "Loss and accuracy per epoch on the training and the test digits.",
             lambda path: _plotting().plot_history(history, path=path))
    s.figure("digits_confusion", "Which digit was taken for which (rows: true, columns: predicted).",
             lambda path: _plotting().plot_confusion_matrix(y_test, predicted, path=path))
    s.figure("digits_mistakes", "Some test digits the network got wrong, with its guess.",
             lambda path: _plotting().plot_misclassified(X_test, y_test, predicted, path=path))


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
]
"""The tour's parts, in the track's order."""


def run(quick: bool = False, echo: Callable[[str], None] = print, out: str | Path | None = None) -> list[Section]:
    """Compute every section, echo its text as it is ready, and write the report to ``out``.

    With ``out`` (a folder, created if needed) each section also draws its figures there and
    ``out/index.html`` ties them together; without it the tour is text only. ``quick`` trains
    for fewer epochs. Returns the sections.
    """
    figure_dir = None
    if out is not None:
        import_optional("matplotlib", "matplotlib", "plot", "glassnet tour's figures")
        figure_dir = Path(out)
        figure_dir.mkdir(parents=True, exist_ok=True)
    done = []
    for title, fill in SECTIONS:
        section = Section(title, figure_dir)
        fill(section, quick)
        echo(f"\n{section.title}\n{'-' * len(section.title)}")
        for line in section.lines:
            echo(line)
        done.append(section)
    if figure_dir is not None:
        write_report(figure_dir / "index.html", done)
    return done


def write_report(path: Path, sections: list[Section]) -> None:
    """One static HTML page: each section's text and its figures (PNG files in the same folder)."""
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8"><title>glassnet tour</title>',
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
        "color:#222}pre{background:#f6f6f4;padding:.8rem;overflow-x:auto;font-size:.85rem}"
        "figure{margin:1rem 0}img{max-width:100%;border:1px solid #ddd}figcaption{color:#555;"
        "font-size:.9rem}h2{border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2.5rem}</style>",
        "</head><body>",
        "<h1>glassnet: the track, end to end</h1>",
        "<p>From the perceptron to backpropagation: every number and picture on this page was computed "
        "by glassnet just now, with the functions the lessons use.</p>",
        "<nav><ol>" + "".join(f'<li><a href="#s{i}">{html.escape(s.title.split(". ", 1)[-1])}</a></li>'
                              for i, s in enumerate(sections, 1)) + "</ol></nav>",
    ]
    for i, section in enumerate(sections, 1):
        parts.append(f'<section id="s{i}"><h2>{html.escape(section.title)}</h2>')
        parts.append("<pre>" + html.escape("\n".join(section.lines)) + "</pre>")
        for name, caption in section.figures:
            parts.append(f'<figure><img src="{html.escape(name)}" alt="{html.escape(caption)}">'
                         f"<figcaption>{html.escape(caption)}</figcaption></figure>")
        parts.append("</section>")
    parts.append("</body></html>")
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(parts), encoding="utf-8")
    tmp.replace(path)
