"""Plotting: each picture draws what it claims (read back from its artists and pixels), files, errors."""

import math
import os
import subprocess
import sys
from contextlib import nullcontext

import matplotlib
import matplotlib.image
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgb, to_rgba
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from glassnet import NeuralNetwork, Perceptron, datasets, gradient_descent, plotting
from glassnet.activations import ReLU, Sigmoid, Tanh
from glassnet.layers import Dense
from glassnet.plotting import (
    DPI,
    POINT_COLORS,
    REGION_COLORS,
    SATURATION,
    delta_sizes,
    plot_activations,
    plot_confusion_matrix,
    plot_curves,
    plot_decision_regions,
    plot_delta_sizes,
    plot_descent_1d,
    plot_descent_2d,
    plot_hidden_units,
    plot_history,
    plot_hyperplane,
    plot_learning_rates,
    plot_misclassified,
    plot_network,
    plot_points,
)
from glassnet.training import History

X7, Y7 = datasets.seven_points()


def f(x):
    """The track's f(x) = (x - 2)²."""
    return (x - 2) ** 2


def df(x):
    return 2 * (x - 2)


def bowl(v):
    """An elongated bowl f(x₁, x₂) = x₁² + 8 x₂², written for one point v of shape (2,)."""
    return v[0] ** 2 + 8 * v[1] ** 2


def grad_bowl(v):
    return np.array([2 * v[0], 16 * v[1]])


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def new_ax():
    """An ax on a figure that pyplot does not know about, with an Agg canvas to read pixels from."""
    fig = Figure(figsize=(5, 4))
    FigureCanvasAgg(fig)
    return fig.add_subplot()


def pixel(ax, x, y):
    """The RGB colour (0..1) drawn at the data point (x, y) of ``ax``."""
    fig = ax.figure
    fig.canvas.draw()
    buffer = np.asarray(fig.canvas.buffer_rgba())
    px, py = ax.transData.transform((x, y))  # display pixels, y from the bottom
    return buffer[int(buffer.shape[0] - py), int(px), :3] / 255


def cell_centres(bounds, resolution):
    """The grid plot_decision_regions and plot_hidden_units evaluate: cell centres, row r = x₂ number r."""
    xmin, xmax, ymin, ymax = bounds
    steps = (np.arange(resolution) + 0.5) / resolution
    G1, G2 = np.meshgrid(xmin + (xmax - xmin) * steps, ymin + (ymax - ymin) * steps)
    return np.column_stack([G1.ravel(), G2.ravel()])


@pytest.fixture(autouse=True)
def _close_pyplot_figures():
    """Calls without ax or path open pyplot figures (so they show); close them after each test."""
    yield
    plt.close("all")


@pytest.fixture
def tiny_net():
    """[2, 3, 1] sigmoid network with MSE, seeded; the N(0, 1) start of Nielsen's network.py, so biases are not 0."""
    net = NeuralNetwork([2, 3, 1], activation=Sigmoid, loss="mse", init="normal", seed=0)
    assert np.all(net.layers[0].b != 0)
    return net


# ---------------------------------------------------------------------------------------------
# Files: every function writes a PNG of the expected size that is not blank
# ---------------------------------------------------------------------------------------------


def _history():
    X, y = datasets.xor()
    net = NeuralNetwork([2, 3, 1], activation="tanh", output_activation="sigmoid",
                        loss="cross-entropy", seed=0)
    return net.fit(X, y, epochs=4, batch_size=2, learning_rate=0.5, validation_data=(X, y))


DRAWINGS = {
    "plot_points": lambda path: plot_points(X7, Y7, path=path),
    "plot_decision_regions": lambda path: plot_decision_regions(
        Perceptron(w=[1.0, 1.0], b=-1.0), X7, Y7, resolution=30, path=path),
    "plot_hyperplane": lambda path: plot_hyperplane(Perceptron(w=[1.0, 2.0], b=-1.0), path=path),
    "plot_activations": lambda path: plot_activations(path=path),
    "plot_history": lambda path: plot_history(_history(), path=path),
    "plot_curves": lambda path: plot_curves({"MSE": [0.5, 0.4, 0.2], "cross-entropy": [0.9, 0.3]}, path=path),
    "plot_descent_1d": lambda path: plot_descent_1d(f, gradient_descent(df, 4, learning_rate=0.1), path=path),
    "plot_descent_2d": lambda path: plot_descent_2d(
        bowl, gradient_descent(grad_bowl, [3.0, 1.0], learning_rate=0.1, max_iters=20), path=path),
    "plot_learning_rates": lambda path: plot_learning_rates(f, df, 4, path=path),
    "plot_network": lambda path: plot_network(NeuralNetwork([2, 3, 1], seed=0), path=path),
    "plot_hidden_units": lambda path: plot_hidden_units(
        NeuralNetwork([2, 3, 1], seed=0), X7, Y7, resolution=10, path=path),
    "plot_delta_sizes": lambda path: plot_delta_sizes([[0.1, 0.2], [0.05, 0.3], [0.01, 0.2]], path=path),
    "plot_confusion_matrix": lambda path: plot_confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2], path=path),
    "plot_misclassified": lambda path: plot_misclassified(
        np.linspace(0, 1, 4 * 64).reshape(4, 64), [0, 1, 2, 3], [0, 2, 2, 1], path=path),
}


@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_each_plot_writes_a_png_of_the_expected_size_that_is_not_blank(name, tmp_path):
    target = tmp_path / f"{name}.png"
    drawn = DRAWINGS[name](target)
    fig = drawn if isinstance(drawn, Figure) else drawn.figure
    image = matplotlib.image.imread(target)  # (height, width, 4) floats in 0..1
    # bbox_inches="tight": the file is the content box plus the padding, at DPI (text is measured
    # at the screen dpi here, hence 2%; a wrong dpi would be off by 20%)
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    pad = matplotlib.rcParams["savefig.pad_inches"]
    assert image.shape[1] == pytest.approx((box.width + 2 * pad) * DPI, rel=0.02)
    assert image.shape[0] == pytest.approx((box.height + 2 * pad) * DPI, rel=0.02)
    rgb = image[..., :3].reshape(-1, 3)
    assert rgb.std() > 0.02
    assert len(np.unique(rgb, axis=0)) > 20  # more than a background and a frame


def test_every_plot_function_is_one_of_the_drawings_and_checks_draws_saves_through_the_decorator():
    """One "check the path, draw, save" (figures.saves_to_path) for every public plot function."""
    public = {name for name in plotting.__all__ if name.startswith("plot_")}
    assert public == set(DRAWINGS)
    assert all(getattr(plotting, name).__wrapped__ for name in public)


@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_a_bad_path_is_said_before_anything_is_drawn(name, tmp_path, monkeypatch):
    def no_drawing(*args, **kwargs):
        raise AssertionError("a figure was made before the path was checked")

    monkeypatch.setattr(Figure, "__init__", no_drawing)
    monkeypatch.setattr(plt, "figure", no_drawing)
    with pytest.raises(FileNotFoundError, match=r"Cannot save to .*: the folder .*missing does not exist"):
        DRAWINGS[name](tmp_path / "missing" / "plot.png")
    with pytest.raises(TypeError, match="path must be a file name"):
        DRAWINGS[name](42)


def test_saving_with_path_leaves_no_pyplot_figure_open_and_the_result_still_works(tmp_path):
    before = plt.get_fignums()
    ax = plot_points(X7, Y7, path=tmp_path / "points.png")
    assert plt.get_fignums() == before
    ax.figure.savefig(tmp_path / "again.png")  # the returned figure is still usable
    assert (tmp_path / "again.png").stat().st_size > 0
    assert len(ax.lines) == 2


def test_without_path_the_figure_goes_through_pyplot_so_it_shows():
    before = set(plt.get_fignums())
    fig = plot_activations()
    assert set(plt.get_fignums()) - before == {fig.number}


def test_a_given_ax_is_drawn_on_returned_and_its_figure_saved(tmp_path):
    ax = new_ax()
    assert plot_points(X7, Y7, ax, path=tmp_path / "mine.png") is ax
    assert matplotlib.image.imread(tmp_path / "mine.png").shape[0] > 100


def test_bad_ax_and_missing_folder_are_clear_errors(tmp_path):
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        plot_points(X7, Y7, ax="left")
    with pytest.raises(FileNotFoundError, match="does not exist"):
        plot_points(X7, Y7, path=tmp_path / "no" / "such" / "folder.png")


def test_without_matplotlib_drawing_names_the_extra_and_delta_sizes_still_works(monkeypatch, tiny_net):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if it were not installed
    message = r"plot_points\(\) needs the optional package matplotlib.*glassnet\[plot\]"
    with pytest.raises(ImportError, match=message):
        plot_points(X7, Y7)
    X, y = datasets.xor()
    assert delta_sizes(tiny_net, X, y).shape == (2,)


def test_importing_the_module_does_not_import_matplotlib():
    code = "import sys, glassnet.plotting; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------------------------
# Points, regions, hyperplane
# ---------------------------------------------------------------------------------------------


def test_plot_points_uses_plus_for_class_1_and_minus_for_class_0():
    ax = plot_points(X7, Y7, new_ax())
    by_marker = {line.get_marker(): line for line in ax.lines}
    assert set(by_marker) == {"+", "_"}
    np.testing.assert_array_equal(by_marker["+"].get_xydata(), X7[Y7 == 1])
    np.testing.assert_array_equal(by_marker["_"].get_xydata(), X7[Y7 == 0])
    assert to_rgb(by_marker["+"].get_color()) == to_rgb(POINT_COLORS[1])
    assert to_rgb(by_marker["_"].get_color()) == to_rgb(POINT_COLORS[0])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["y = 1  (+)", "y = 0  (−)"]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x₁", "x₂")


def test_plot_points_with_three_classes_draws_coloured_dots_with_a_legend():
    X = np.array([[0, 0], [1, 0], [0, 1], [1, 1], [2, 2]], dtype=float)
    y = np.array([0, 1, 2, 2, 1])
    ax = plot_points(X, y, new_ax())
    assert [line.get_marker() for line in ax.lines] == ["o", "o", "o"]
    assert len({to_rgb(line.get_color()) for line in ax.lines}) == 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1", "class 2"]
    np.testing.assert_array_equal(ax.lines[2].get_xydata(), X[y == 2])


def test_plot_points_rejects_mismatched_lengths_and_other_dimensions():
    with pytest.raises(ValueError, match="same number of samples, got 7 in X and 6 in y"):
        plot_points(X7, Y7[:6])
    with pytest.raises(ValueError, match="X needs 2 columns; got 3"):
        plot_points(np.ones((4, 3)), [0, 1, 0, 1])


def test_decision_regions_of_a_known_perceptron_are_blue_on_its_class_1_side():
    # w = (1, 0), b = -0.5: class 1 exactly where x₁ > 0.5
    ax = plot_decision_regions(Perceptron(w=[1.0, 0.0], b=-0.5), ax=new_ax(), bounds=(0, 1, 0, 1),
                               resolution=20)
    light_blue, light_red = to_rgb(REGION_COLORS[1]), to_rgb(REGION_COLORS[0])
    for x1, x2 in [(0.8, 0.2), (0.9, 0.9), (0.6, 0.5)]:
        np.testing.assert_allclose(pixel(ax, x1, x2), light_blue, atol=2 / 255)
    for x1, x2 in [(0.2, 0.2), (0.1, 0.9), (0.4, 0.5)]:
        np.testing.assert_allclose(pixel(ax, x1, x2), light_red, atol=2 / 255)
    assert ax.get_xlim() == (0, 1) and ax.get_ylim() == (0, 1)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["predicted 1", "predicted 0"]


def test_decision_regions_of_a_sigmoid_network_are_shaded_by_its_output():
    # one sigmoid neuron a = σ(10 x₁ - 5): a = 0.5 on the line x₁ = 0.5
    net = NeuralNetwork([Dense(2, 1, Sigmoid)], loss="cross-entropy")
    net.layers[0].W[...] = [[10.0], [0.0]]
    net.layers[0].b[...] = [-5.0]
    ax = plot_decision_regions(net, X7, Y7, ax=new_ax(), bounds=(0, 1, 0, 1), resolution=40)
    right, left, middle = pixel(ax, 0.95, 0.5), pixel(ax, 0.05, 0.5), pixel(ax, 0.47, 0.3)
    assert right[2] > right[0] + 0.1  # blue where a ≈ σ(4.5) ≈ 0.99
    assert left[0] > left[2] + 0.1  # red where a ≈ σ(-4.5) ≈ 0.01
    assert middle.min() > 0.9  # white-ish where a ≈ 0.5
    boundary = next(c for c in ax.collections if isinstance(c, ContourSet))
    xs = np.concatenate([seg[:, 0] for seg in boundary.allsegs[0]])
    np.testing.assert_allclose(xs, 0.5, atol=1 / 40)
    image = ax.images[0].get_array()
    grid = cell_centres((0, 1, 0, 1), 40)
    np.testing.assert_allclose(image, net.run(grid)[:, 0].reshape(40, 40))


def test_decision_regions_with_three_classes_get_three_colours():
    class Thirds:
        def predict(self, X):
            return np.digitize(X[:, 0], [1 / 3, 2 / 3])  # 0, 1, 2 from left to right

    ax = plot_decision_regions(Thirds(), ax=new_ax(), resolution=30)
    colours = {tuple(np.round(pixel(ax, x, 0.5), 2)) for x in (0.15, 0.5, 0.85)}
    assert len(colours) == 3
    assert sorted(t.get_text() for t in ax.get_legend().get_texts()) == ["predicted 0", "predicted 1",
                                                                         "predicted 2"]


def test_decision_regions_default_bounds_are_the_points_box_plus_ten_percent():
    X = np.array([[0.0, 0.0], [1.0, 2.0]])
    ax = plot_decision_regions(Perceptron(w=[1.0, 1.0], b=-1.0), X, [0, 1], new_ax(), resolution=5)
    np.testing.assert_allclose(ax.get_xlim(), (-0.1, 1.1))
    np.testing.assert_allclose(ax.get_ylim(), (-0.2, 2.2))
    without_points = plot_decision_regions(Perceptron(w=[1.0, 1.0], b=-1.0), ax=new_ax(), resolution=5)
    assert without_points.get_xlim() == (0, 1)


def test_decision_regions_errors():
    with pytest.raises(TypeError, match="predict"):
        plot_decision_regions(object())
    with pytest.raises(ValueError, match="needs 2 inputs; this one takes 3"):
        plot_decision_regions(NeuralNetwork([3, 2, 1], seed=0))
    with pytest.raises(ValueError, match="xmin < xmax"):
        plot_decision_regions(Perceptron(w=[1.0, 1.0]), bounds=(1, 0, 0, 1))
    with pytest.raises(TypeError, match="y was given without X"):
        plot_decision_regions(Perceptron(w=[1.0, 1.0]), y=[0, 1])
    with pytest.raises(ValueError, match="same number of samples"):
        plot_decision_regions(Perceptron(w=[1.0, 1.0]), X7, Y7[:3])


@pytest.mark.parametrize(("w", "b"), [([1.0, 2.0], -1.0), ([-0.5, 3.0], 0.2), ([1.0, -1.0], 0.0)])
def test_plot_hyperplane_draws_points_of_the_line_across_the_view(w, b):
    ax = plot_hyperplane(Perceptron(w=w, b=b), new_ax())
    ends = ax.lines[0].get_xydata()  # (2, 2)
    np.testing.assert_allclose(ends @ np.array(w) + b, 0, atol=1e-12)
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    on_edge = np.isclose(ends[:, [0]], [x0, x1]).any(axis=1) | np.isclose(ends[:, [1]], [y0, y1]).any(axis=1)
    assert on_edge.all()  # the segment crosses the whole view
    assert np.linalg.norm(ends[1] - ends[0]) > 0.5


def test_plot_hyperplane_is_vertical_when_w2_is_zero():
    ax = plot_hyperplane(Perceptron(w=[2.0, 0.0], b=-1.0), new_ax())
    ends = ax.lines[0].get_xydata()
    np.testing.assert_allclose(ends[:, 0], 0.5)  # x₁ = -b / w₁
    np.testing.assert_allclose(sorted(ends[:, 1]), ax.get_ylim())
    assert ax.lines[0].get_label() == "boundary 2·x₁ − 1 = 0"


def test_plot_hyperplane_on_the_points_keeps_their_legend_and_widens_to_show_the_line():
    ax = plot_points(X7, Y7, new_ax())
    plot_hyperplane(Perceptron(w=[0.0, 1.0], b=-0.45), ax, label="my line")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["y = 1  (+)", "y = 0  (−)", "my line"]
    np.testing.assert_allclose(ax.lines[-1].get_xydata()[:, 1], 0.45)
    far = plot_hyperplane(Perceptron(w=[1.0, 0.0], b=-5.0), new_ax())  # x₁ = 5, outside [0, 1]²
    assert far.get_xlim()[1] > 5


def test_plot_hyperplane_errors():
    with pytest.raises(ValueError, match="Both weights of the perceptron are 0"):
        plot_hyperplane(Perceptron(n_inputs=2))
    with pytest.raises(ValueError, match="needs 2 weights; this one has 3"):
        plot_hyperplane(Perceptron(w=[1.0, 2.0, 3.0]))
    with pytest.raises(TypeError, match="weights w and bias b"):
        plot_hyperplane(NeuralNetwork([2, 1], seed=0))


# ---------------------------------------------------------------------------------------------
# Activations and training curves
# ---------------------------------------------------------------------------------------------


def test_plot_activations_draws_each_function_and_derivative_and_shades_saturation():
    fig = plot_activations()
    ax_fn, ax_prime = fig.axes
    z = np.linspace(-5, 5, 501)
    curves = {line.get_label(): line for line in ax_fn.lines}
    slopes = {line.get_label(): line for line in ax_prime.lines}
    for cls, symbol in ((Sigmoid, "σ"), (Tanh, "tanh"), (ReLU, "ReLU")):
        np.testing.assert_allclose(curves[f"{symbol}(z)"].get_ydata(), cls.fn(z))
        np.testing.assert_allclose(slopes[f"{symbol}′(z)"].get_ydata(), cls.prime(z))
    for cls, symbol in ((Sigmoid, "σ"), (Tanh, "tanh")):
        band = slopes[f"{symbol} saturated: {symbol}′(z) < 0.05"]
        shaded = ~np.isnan(np.asarray(band.get_ydata(), dtype=float))
        np.testing.assert_array_equal(shaded, cls.prime(z) < SATURATION)
        assert shaded[0] and shaded[-1] and not shaded[250]  # both tails, not the middle
    assert not any("ReLU saturated" in label for label in slopes)  # ReLU does not saturate
    assert (ax_fn.get_xlabel(), ax_fn.get_ylabel()) == ("z", "a = φ(z)")


def test_plot_activations_saturation_strips_never_overlap_each_other_or_the_curves():
    # σ and tanh both saturate for large |z|; their shadings must not lie on top of each other
    # (where they did, the two pale colours blended into a third). Measured in display pixels.
    fig = plot_activations()
    fig.canvas.draw()
    for ax in fig.axes:
        bands = [line for line in ax.lines if "saturated" in line.get_label()]
        curves = [line for line in ax.lines if line.get_label().endswith("(z)")]
        assert len(bands) == 2
        extents = []  # (bottom, top) of each band, in pixels
        for band in bands:
            ys = band.get_transform().transform(band.get_xydata())[:, 1]
            middle = float(np.nanmin(ys))
            assert np.nanmax(ys) == pytest.approx(middle)  # a flat strip
            half = band.get_linewidth() * fig.dpi / 72 / 2
            extents.append((middle - half, middle + half))
        (_, high_a), (low_b, high_b) = sorted(extents)
        assert high_a <= low_b  # the two strips are disjoint
        lowest_curve = min(np.nanmin(curve.get_transform().transform(curve.get_xydata())[:, 1])
                           for curve in curves)
        assert high_b <= lowest_curve  # and both lie below every curve


def test_plot_activations_accepts_classes_and_names_and_rejects_others():
    fig = plot_activations([Sigmoid, "relu"], z=np.linspace(-1, 1, 11))
    labels = [line.get_label() for line in fig.axes[0].lines if not line.get_label().startswith("_")]
    assert labels == ["σ(z)", "σ saturated: σ′(z) < 0.05", "ReLU(z)"]
    np.testing.assert_allclose(fig.axes[0].lines[0].get_xdata(), np.linspace(-1, 1, 11))
    with pytest.raises(ValueError, match="Unknown activation 'swish'"):
        plot_activations(["swish"])
    with pytest.raises(ValueError, match="softmax mixes"):
        plot_activations("softmax")


class Softsign:
    """A learner's own activation, a plain class: z / (1 + |z|)."""

    @staticmethod
    def fn(z):
        return z / (1 + np.abs(z))

    @staticmethod
    def prime(z):
        return 1 / (1 + np.abs(z)) ** 2


def test_plot_activations_draws_a_learners_own_class_under_its_class_name():
    z = np.linspace(-2, 2, 9)
    fig = plot_activations([Softsign, "tanh"], z=z)
    curves = {line.get_label(): line for line in fig.axes[0].lines}
    slopes = {line.get_label(): line for line in fig.axes[1].lines}
    np.testing.assert_allclose(curves["Softsign(z)"].get_ydata(), Softsign.fn(z))
    np.testing.assert_allclose(slopes["Softsign′(z)"].get_ydata(), Softsign.prime(z))


def test_plot_history_has_one_point_per_epoch_for_each_curve():
    history = _history()
    fig = plot_history(history)
    ax_loss, ax_acc = fig.axes
    # the legend says how each is measured: training during the epoch, validation at its end
    assert [line.get_label() for line in ax_loss.lines] == ["training (mean over the epoch's mini-batches)",
                                                          "validation (at the epoch's end)"]
    np.testing.assert_allclose(ax_loss.lines[0].get_xydata(), np.column_stack([[1, 2, 3, 4], history.loss]))
    np.testing.assert_allclose(ax_loss.lines[1].get_ydata(), history.val_loss)
    np.testing.assert_allclose(ax_acc.lines[0].get_ydata(), history.accuracy)
    assert [len(line.get_xdata()) for line in ax_acc.lines] == [4, 4]
    assert ax_loss.get_xlabel() == "epoch"


def test_plot_history_without_accuracy_has_one_panel_and_marks_the_kept_epoch():
    fig = plot_history(History(loss=[3.0, 2.0, 1.5], val_loss=[3.1, 2.5, 2.7], best_epoch=1))
    (ax,) = fig.axes
    assert len(ax.lines[0].get_xdata()) == 3
    kept = ax.lines[-1]
    assert kept.get_label() == "weights kept: epoch 2"
    np.testing.assert_allclose(kept.get_xdata(), [2, 2])
    with pytest.raises(ValueError, match="no epochs yet"):
        plot_history(History())
    with pytest.raises(TypeError, match="must be a History"):
        plot_history([1, 2, 3])


def test_plot_curves_draws_one_labelled_line_per_curve():
    ax = plot_curves({"MSE": [0.5, 0.45, 0.2], "cross-entropy": [0.9, 0.3]}, new_ax(), ylabel="loss C")
    assert [line.get_label() for line in ax.lines] == ["MSE", "cross-entropy"]
    np.testing.assert_allclose(ax.lines[0].get_xydata(), [[1, 0.5], [2, 0.45], [3, 0.2]])
    np.testing.assert_allclose(ax.lines[1].get_xdata(), [1, 2])
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("epoch", "loss C")
    with pytest.raises(TypeError, match="non-empty mapping"):
        plot_curves([0.5, 0.4])


# ---------------------------------------------------------------------------------------------
# Gradient descent
# ---------------------------------------------------------------------------------------------


def test_plot_descent_1d_draws_the_curve_and_every_iterate():
    result = gradient_descent(df, 4, learning_rate=0.1)
    ax = plot_descent_1d(f, result, new_ax())
    curve, iterates, start, end = ax.lines
    np.testing.assert_allclose(iterates.get_xydata(), np.column_stack([result.path, f(result.path)]))
    np.testing.assert_allclose(start.get_xydata(), [[4, 4]])
    np.testing.assert_allclose(end.get_xydata(), [[result.x, f(result.x)]])
    lo, hi = result.path.min(), result.path.max()
    assert curve.get_xdata().min() < lo and curve.get_xdata().max() > hi
    np.testing.assert_allclose(curve.get_ydata(), f(curve.get_xdata()))
    assert f"converged in {result.n_iters} steps" in ax.get_title()
    assert ax.get_title().startswith("gradient descent on f(x), η = 0.1\n")  # η read from the result
    named = plot_descent_1d(f, result, new_ax(), function="(x − 2)²")
    assert named.get_title().startswith("gradient descent on f(x) = (x − 2)², η = 0.1\n")
    assert iterates.get_linestyle() == "None"  # 39 steps: each one an arrow
    long_walk = plot_descent_1d(f, gradient_descent(df, 4, learning_rate=0.01), new_ax())
    assert long_walk.lines[1].get_linestyle() == "-"  # 298 steps: a line through the dots
    assert len(long_walk.lines[1].get_xdata()) == 299


def test_plot_descent_1d_works_with_a_function_of_one_number_only():
    def f_scalar(x):
        return math.exp(float(x)) - 2 * float(x)  # math: no arrays

    result = gradient_descent(lambda x: math.exp(x) - 2, 1.5, learning_rate=0.2)
    ax = plot_descent_1d(f_scalar, result, new_ax())
    x = ax.lines[0].get_xdata()
    np.testing.assert_allclose(ax.lines[0].get_ydata(), np.exp(x) - 2 * x)


def test_plot_descent_2d_draws_the_path_over_the_contours():
    result = gradient_descent(grad_bowl, [3.0, 1.0], learning_rate=0.1, max_iters=30)
    ax = plot_descent_2d(bowl, result, new_ax())
    np.testing.assert_allclose(ax.lines[0].get_xydata(), result.path)
    assert any(isinstance(c, ContourSet) for c in ax.collections)
    assert ax.get_aspect() == 1.0
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x₁", "x₂")


def test_plot_descent_2d_names_the_function_in_the_axes_names_and_writes_short_numbers():
    # x₁² + 4x₂² from (3, 1.5) with η = 0.1 ends at x₁ = 3 · 0.8⁴⁰ ≈ 0.0004, x₂ = 1.5 · 0.2⁴⁰ ≈ 0:
    # far below the size of the walk (3), so both read 0, and ≈ says they were rounded.
    result = gradient_descent(lambda v: np.array([2 * v[0], 8 * v[1]]), [3.0, 1.5], learning_rate=0.1)
    assert result.x[0] == pytest.approx(3 * 0.8 ** result.n_iters)
    ax = plot_descent_2d(lambda v: v[0] ** 2 + 4 * v[1] ** 2, result, new_ax(), function="x₁² + 4x₂²")
    assert ax.get_title().startswith("gradient descent on f(x₁, x₂) = x₁² + 4x₂², η = 0.1\n")
    assert "f(x, y)" not in ax.get_title()
    labels = [line.get_label() for line in ax.lines]
    assert labels[1] == "start x₀ = (3, 1.5)"
    assert labels[2] == f"end x{''.join('₀₁₂₃₄₅₆₇₈₉'[int(c)] for c in str(result.n_iters))} ≈ (0, 0)"


def test_plot_descent_2d_works_with_a_function_of_one_point_only():
    A = np.array([[2.0, 0.5], [0.5, 1.0]])

    def quadratic(v):
        return float(np.dot(v, A @ v))  # a dot product: one point at a time

    result = gradient_descent(lambda v: 2 * A @ v, [1.0, -1.0], learning_rate=0.1, max_iters=10)
    ax = plot_descent_2d(quadratic, result, new_ax())
    filled = next(c for c in ax.collections if isinstance(c, ContourSet))
    assert filled.levels.min() <= 0.01  # the minimum f(0, 0) = 0 is inside the view


def test_plot_descent_dimension_mismatches_are_errors():
    path_2d = gradient_descent(grad_bowl, [3.0, 1.0], max_iters=3)
    with pytest.raises(ValueError, match="use plot_descent_2d"):
        plot_descent_1d(bowl, path_2d)
    with pytest.raises(ValueError, match="holds single numbers"):
        plot_descent_2d(f, gradient_descent(df, 4, max_iters=3))


def test_plot_learning_rates_default_shows_too_small_about_right_bouncing_and_diverging():
    fig = plot_learning_rates(f, df, 4, function="(x − 2)²")
    axes = fig.axes
    assert len(axes) == 4
    titles = [ax.get_title() for ax in axes]
    assert titles[0].startswith("learning rate η = 0.01\ntoo slow: not converged after 50 steps")
    assert titles[1].startswith("learning rate η = 0.1\nconverged in")
    assert "bounces across the minimum" in titles[2] and "converged in" in titles[2]
    assert "diverging" in titles[3]
    assert fig.get_suptitle().startswith("gradient descent on f(x) = (x − 2)² from x₀ = 4")
    bouncing = axes[2].lines[1].get_xdata()  # η = 0.9: x - 2 is multiplied by 1 - 2η = -0.8 each step
    assert np.all(np.sign(bouncing[1:] - 2) == -np.sign(bouncing[:-1] - 2))
    assert np.all(np.abs(bouncing - 2) <= 2)  # oscillates without growing


def test_plot_learning_rates_calls_diverging_exactly_the_walks_that_move_away():
    # The title is measured on the walk drawn: "diverging" iff every bounce lands further from 2.
    rates = (0.01, 0.1, 0.5, 0.9, 0.95, 1.0, 1.05, 1.3)
    fig = plot_learning_rates(f, df, 4, rates, max_iters=20)
    for eta, ax in zip(rates, fig.axes[: len(rates)], strict=True):
        x = ax.lines[1].get_xdata()
        np.testing.assert_allclose(x[:3], [4, 4 - eta * 2 * 2, 2 + (1 - 2 * eta) ** 2 * 2], atol=1e-12)
        grows = abs(1 - 2 * eta) > 1  # x_k - 2 = (1 - 2η)^k (x_0 - 2)
        assert ("diverging" in ax.get_title()) == grows, (eta, ax.get_title())
        if grows:
            assert np.all(np.diff(np.abs(x - 2)) > 0)


def test_plot_learning_rates_shows_divergence_instead_of_crashing():
    fig = plot_learning_rates(f, df, 4, (0.1, 1.05, 1e200), max_iters=30)
    titles = [ax.get_title() for ax in fig.axes]
    assert "diverging" in titles[1]  # mild: grows by 1.1 per step, stays finite
    assert np.all(np.isfinite(fig.axes[1].lines[1].get_xdata()))
    assert titles[2] == "learning rate η = 1e+200\ndiverged: x overflowed"
    assert "Gradient descent diverged" in fig.axes[2].texts[0].get_text().replace("\n", " ")
    with pytest.raises(ValueError, match="each learning rate must be > 0"):
        plot_learning_rates(f, df, 4, (0.1, 0.0))


def test_plot_learning_rates_in_two_dimensions_draws_contours():
    fig = plot_learning_rates(bowl, grad_bowl, [3.0, 1.0], (0.01, 0.1), max_iters=10)
    assert [ax.get_title().split("\n")[0] for ax in fig.axes[:2]] == ["learning rate η = 0.01",
                                                                     "learning rate η = 0.1"]
    assert fig.axes[0].lines[0].get_xydata().shape == (11, 2)


# ---------------------------------------------------------------------------------------------
# The network
# ---------------------------------------------------------------------------------------------


def _segments(ax):
    return [seg for c in ax.collections if isinstance(c, LineCollection) for seg in c.get_segments()]


def test_plot_network_draws_every_neuron_and_weight_coloured_by_sign(tiny_net):
    ax = plot_network(tiny_net, new_ax())
    assert sum(isinstance(p, Circle) for p in ax.patches) == 2 + 3 + 1
    assert len(_segments(ax)) == 2 * 3 + 3 * 1
    first = ax.collections[0]  # the weights of layer 0, row by row as in W
    W = tiny_net.layers[0].W.ravel()
    blue, red = to_rgba(POINT_COLORS[1], 0.75), to_rgba(POINT_COLORS[0], 0.75)
    expected = [blue if w > 0 else red for w in W]
    np.testing.assert_allclose(first.get_colors(), expected)
    largest = max(np.abs(layer.W).max() for layer in tiny_net.layers)
    np.testing.assert_allclose(first.get_linewidths(), 0.4 + 3.6 * np.abs(W) / largest)


def test_plot_network_caps_large_layers_at_16_neurons():
    ax = plot_network(NeuralNetwork([20, 5, 3], seed=0), new_ax())
    assert sum(isinstance(p, Circle) for p in ax.patches) == 16 + 5 + 3
    assert len(_segments(ax)) == 16 * 5 + 5 * 3
    assert any("+ 4 more" in t.get_text() for t in ax.texts)


def test_plot_network_draws_a_perceptron_and_rejects_other_things():
    ax = plot_network(Perceptron(w=[1.0, -2.0], b=0.5), new_ax())
    assert sum(isinstance(p, Circle) for p in ax.patches) == 3
    assert len(_segments(ax)) == 2
    with pytest.raises(TypeError, match="draws a NeuralNetwork"):
        plot_network("not a network")


def test_plot_hidden_units_shows_each_neurons_activation_over_the_plane(tiny_net):
    fig = plot_hidden_units(tiny_net, X7, Y7, resolution=7, bounds=(0, 1, 0, 1))
    thumbnails = [ax for ax in fig.axes if ax.images]
    assert len(thumbnails) == 3
    grid = cell_centres((0, 1, 0, 1), 7)
    W, b = tiny_net.layers[0].W, tiny_net.layers[0].b
    A = sigmoid(grid @ W + b)  # (49, 3): Z = X @ W + b, A = σ(Z)
    w_out, b_out = tiny_net.layers[1].W[:, 0], tiny_net.layers[1].b[0]
    for j, ax in enumerate(thumbnails):
        np.testing.assert_allclose(ax.images[0].get_array(), A[:, j].reshape(7, 7))
        # the weight with which this neuron feeds the single output neuron
        assert ax.get_title() == f"neuron {j + 1}\nw = {w_out[j]:+.2f} to the output".replace("-", "−")
        assert len(ax.get_xticks()) >= 2 and len(ax.get_yticks()) >= 2  # the axes have numbers
    assert fig.get_suptitle().startswith("hidden layer 1")
    assert f"a = σ(Σⱼ wⱼ aⱼ + b), b = {b_out:+.2f}".replace("-", "−") in fig.get_suptitle()


def test_decision_regions_with_many_points_draw_smaller_markers_so_the_shading_shows(tiny_net):
    few = plot_decision_regions(tiny_net, X7, Y7, new_ax(), resolution=5)
    X = np.random.default_rng(0).uniform(size=(300, 2))
    many = plot_decision_regions(tiny_net, X, (X[:, 0] > 0.5).astype(int), new_ax(), resolution=5)
    assert max(line.get_markersize() for line in many.lines) <= 0.5 * min(line.get_markersize() for line in few.lines)


def test_plot_hidden_units_points_have_a_white_outline_and_shrink_when_many(tiny_net):
    few = plot_hidden_units(tiny_net, X7, Y7, resolution=5)
    marks = few.axes[0].lines
    assert marks and all(line.get_path_effects() for line in marks)  # dark + and − with a white halo
    X = np.random.default_rng(0).uniform(size=(300, 2))
    many = plot_hidden_units(tiny_net, X, (X[:, 0] > 0.5).astype(int), resolution=5)
    assert max(line.get_markersize() for line in many.axes[0].lines) < min(line.get_markersize() for line in marks)


def test_plot_hidden_units_of_the_output_layer_is_the_networks_output_and_leaves_the_net_alone(tiny_net):
    before = tiny_net.trace(X7)
    fig = plot_hidden_units(tiny_net, layer=-1, resolution=6)
    grid = cell_centres((0, 1, 0, 1), 6)
    np.testing.assert_allclose(fig.axes[0].images[0].get_array(), tiny_net.run(grid)[:, 0].reshape(6, 6))
    assert fig.get_suptitle().startswith("output layer")
    assert fig.axes[0].get_title() == "neuron 1"  # no next layer: no weight to show
    for old, new in zip(before, tiny_net.trace(X7), strict=True):
        np.testing.assert_array_equal(old.Z, new.Z)


def test_plot_hidden_units_errors(tiny_net):
    with pytest.raises(ValueError, match="needs 2 inputs; this one has 3"):
        plot_hidden_units(NeuralNetwork([3, 4, 1], seed=0))
    with pytest.raises(ValueError, match="layer must be between 0 and 1"):
        plot_hidden_units(tiny_net, layer=2)
    with pytest.raises(TypeError, match="needs a NeuralNetwork"):
        plot_hidden_units(Perceptron(w=[1.0, 1.0]))


def test_delta_sizes_matches_bp1_and_bp2_by_hand(tiny_net):
    X, y = datasets.xor()
    Y = y.reshape(-1, 1).astype(float)
    (W1, b1), (W2, b2) = [(layer.W, layer.b) for layer in tiny_net.layers]
    Z1 = X @ W1 + b1
    A1 = sigmoid(Z1)
    Z2 = A1 @ W2 + b2
    A2 = sigmoid(Z2)
    delta2 = (A2 - Y) * sigmoid(Z2) * (1 - sigmoid(Z2))  # BP1, MSE: ∂C/∂a = a - y
    delta1 = (delta2 @ W2.T) * sigmoid(Z1) * (1 - sigmoid(Z1))  # BP2
    sizes = delta_sizes(tiny_net, X, y)
    assert sizes.shape == (2,)
    np.testing.assert_allclose(sizes, [np.abs(delta1).mean(), np.abs(delta2).mean()], rtol=1e-12)
    with pytest.raises(TypeError, match="needs a NeuralNetwork"):
        delta_sizes(Perceptron(w=[1.0, 1.0]), X, y)


def test_plot_delta_sizes_draws_a_log_line_per_layer_from_records_made_during_fit():
    X, y = datasets.xor()
    net = NeuralNetwork([2, 4, 4, 1], activation="sigmoid", loss="mse", seed=1)
    records = []
    net.fit(X, y, epochs=5, batch_size=4, learning_rate=1.0,
            callbacks=[lambda epoch, logs: records.append(delta_sizes(net, X, y))])
    ax = plot_delta_sizes(records, new_ax())
    assert [line.get_label() for line in ax.lines] == ["hidden layer 1", "hidden layer 2", "output layer"]
    for l, line in enumerate(ax.lines):
        expected = np.column_stack([np.arange(1, 6), np.array(records)[:, l]])
        np.testing.assert_allclose(line.get_xydata(), expected)
    assert ax.get_yscale() == "log"
    assert ax.get_title() == "mean |δ| of each layer, epoch by epoch"  # what is drawn, no more
    named = plot_delta_sizes(records, new_ax(), title="2-4-4-1 sigmoid network, N(0, 1) start")
    assert named.get_title() == "2-4-4-1 sigmoid network, N(0, 1) start"
    one_epoch = plot_delta_sizes([0.1, 0.2], new_ax())
    assert [len(line.get_xdata()) for line in one_epoch.lines] == [1, 1]
    with pytest.raises(ValueError, match=">= 0"):
        plot_delta_sizes([[0.1, -0.2]])


# ---------------------------------------------------------------------------------------------
# Classification results
# ---------------------------------------------------------------------------------------------


def test_plot_confusion_matrix_cells_hold_the_counts():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 4, 60)
    y_pred = np.where(rng.random(60) < 0.7, y_true, rng.integers(0, 4, 60))
    counts = np.zeros((4, 4), dtype=int)
    for t, p in zip(y_true, y_pred, strict=True):
        counts[t, p] += 1
    ax = plot_confusion_matrix(y_true, y_pred, new_ax())
    assert len(ax.texts) == 16
    for text in ax.texts:
        column, row = text.get_position()
        assert int(text.get_text()) == counts[row, column]
    np.testing.assert_array_equal(ax.images[0].get_array(), counts)
    assert (ax.get_ylabel(), ax.get_xlabel()) == ("true label", "predicted label")
    assert f"{np.trace(counts)} of 60 right" in ax.get_title()


def test_plot_confusion_matrix_follows_the_given_label_order():
    ax = plot_confusion_matrix([2, 2, 0, 1], [2, 0, 0, 1], new_ax(), labels=[2, 0, 1])
    np.testing.assert_array_equal(ax.images[0].get_array(), [[1, 1, 0], [0, 1, 0], [0, 0, 1]])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["2", "0", "1"]
    with pytest.raises(ValueError, match="y_pred holds 3, which labels does not list"):
        plot_confusion_matrix([0, 1], [0, 3], labels=[0, 1])
    with pytest.raises(ValueError, match="same number of samples"):
        plot_confusion_matrix([0, 1, 1], [0, 1])


def test_plot_misclassified_shows_each_mistake_titled_true_to_predicted():
    X = np.arange(6 * 64, dtype=float).reshape(6, 64)
    y_true = np.array([0, 1, 2, 3, 4, 5])
    y_pred = np.array([0, 7, 2, 8, 4, 3])  # mistakes at 1, 3 and 5
    fig = plot_misclassified(X, y_true, y_pred)
    assert [ax.get_title() for ax in fig.axes] == ["1 → 7", "3 → 8", "5 → 3"]
    np.testing.assert_array_equal(fig.axes[1].images[0].get_array(), X[3].reshape(8, 8))
    fewer = plot_misclassified(X, y_true, y_pred, max_images=2)
    assert len(fewer.axes) == 2
    assert "3 of 6, the first 2 shown" in fewer.get_suptitle()


def test_plot_misclassified_with_no_mistakes_says_so_and_checks_the_image_shape():
    fig = plot_misclassified(np.zeros((3, 64)), [1, 2, 3], [1, 2, 3])
    assert "No misclassified images" in fig.axes[0].texts[0].get_text()
    with pytest.raises(ValueError, match=r"holds 64 pixels, but each row of X has 784.*\(28, 28\)"):
        plot_misclassified(np.zeros((2, 784)), [0, 1], [1, 0])
    with pytest.raises(ValueError, match="same number of samples"):
        plot_misclassified(np.zeros((3, 64)), [0, 1], [1, 0])


def test_a_plot_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    """Plots go through glassnet.atomic: a crash mid-write leaves the old file, a directory is refused."""
    path = tmp_path / "points.png"
    path.write_bytes(b"the old picture")

    def crashing_savefig(self, fname, **kwargs):
        with open(fname, "wb") if isinstance(fname, str | os.PathLike) else nullcontext(fname) as f:
            f.write(b"half a png")
        raise OSError("disk full")

    monkeypatch.setattr(Figure, "savefig", crashing_savefig)
    with pytest.raises(OSError, match="disk full"):
        plot_points(X7, Y7, path=path)
    monkeypatch.undo()
    assert path.read_bytes() == b"the old picture" and os.listdir(tmp_path) == ["points.png"]
    (tmp_path / "folder.png").mkdir()
    with pytest.raises(ValueError, match="it is a directory, not a regular file"):
        plot_points(X7, Y7, path=tmp_path / "folder.png")


def test_a_plot_name_without_an_extension_is_saved_as_png_as_matplotlib_does(tmp_path):
    plot_points(X7, Y7, path=tmp_path / "points")
    assert os.listdir(tmp_path) == ["points.png"]
    assert (tmp_path / "points.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
