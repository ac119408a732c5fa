"""Pictures of what a model does: points, regions, activations, curves, descent paths. Lessons: 01–07.

matplotlib is optional (``pip install "glassnet[plot]"``). It is imported inside the functions
that draw, never when glassnet is imported; ``delta_sizes`` needs numpy only.

Every drawing function takes an optional ``ax`` and an optional ``path`` and returns what it
drew on: the ``Axes`` for a one-panel plot, the whole ``Figure`` for a plot with several panels.

- ``ax`` given: the plot is drawn there, and ``path=`` saves that ax's whole figure. The figure
  stays yours; nothing is closed.
- no ``ax`` and no ``path``: a new pyplot figure (as ``plt.subplots`` makes), so it appears in a
  notebook or on ``plt.show()``.
- no ``ax`` but a ``path``: a standalone figure, drawn and written without going through pyplot,
  so a script or the CLI can write many files with no display and leave no figure open. The
  returned object still works (save it again, read its lines and images); it is freed when you
  drop it. To also see it in a notebook, end the cell with ``ax.figure`` (or the Figure).

Files are written with ``dpi=DPI`` and ``bbox_inches="tight"``; the suffix picks the format
(``.png``, ``.svg``, ``.pdf``).

The colours are the track's: class 1 is blue with ``+`` markers, class 0 red with ``−`` (``_``)
markers, and the regions a model predicts are light versions of the same colours. Axes carry
the track's symbols: x₁ and x₂ for the two inputs, z and σ(z) for activations, epoch and loss
for training, η for the learning rate, δ for the error of a layer.
"""

from __future__ import annotations

import math
import os
import textwrap
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import numpy as np

from glassnet._validation import (
    as_array,
    as_samples,
    check_count,
    check_number,
    check_positive,
    check_same_length,
    import_optional,
)
from glassnet.activations import describe_activation
from glassnet.labels import class_labels, target_labels

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from glassnet.descent import DescentResult
    from glassnet.training import History

PathLike = str | os.PathLike

#: Resolution of the files written with ``path=`` (dots per inch).
DPI = 120
#: Marker colours of the two classes: label 1 blue, label 0 red.
POINT_COLORS = {1: "#1f5bd6", 0: "#d62728"}
#: Region colours: where a model predicts class 1 (light blue) and class 0 (light red).
REGION_COLORS = {1: "#b4cdf6", 0: "#f6c1be"}
#: ``plot_history``'s legend: how the training and the validation figures of an epoch are measured.
TRAINING_LABEL = "training (mean over the epoch's mini-batches)"
VALIDATION_LABEL = "validation (at the epoch's end)"
#: σ'(z) or tanh'(z) below this counts as saturated in ``plot_activations``.
SATURATION = 0.05
#: ``plot_network`` draws at most this many neurons of a layer, then an ellipsis.
MAX_NEURONS_DRAWN = 16
#: ``plot_hidden_units`` draws at most this many neurons.
MAX_UNITS_DRAWN = 32

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_PLANE = "the plane (x₁, x₂)"
_OUTSIDE = {"loc": "upper left", "bbox_to_anchor": (1.02, 1.0), "borderaxespad": 0.0}
_PATH_COLOR = "#333333"
_STRIP = 0.055  # plot_activations: each saturation strip's share of the panel's height
_STRIP_POINTS = 9.0  # its line width in points: thinner than _STRIP of a 4.2-inch-high panel
_MAX_ARROWS = 60  # a descent walk of more steps is drawn as a line through its iterates
# The symbol each activation goes by in the lessons; derivatives add a prime.
_SYMBOLS = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU", "identity": "id"}
_CURVE_COLORS = {"sigmoid": "tab:blue", "tanh": "tab:orange", "relu": "tab:green", "identity": "tab:gray"}


# ---------------------------------------------------------------------------------------------
# Figures, axes and files
# ---------------------------------------------------------------------------------------------


def _matplotlib(needed_by: str) -> ModuleType:
    """matplotlib itself, or an ImportError that names the ``plot`` extra."""
    return import_optional("matplotlib", "matplotlib", "plot", needed_by)


def _new_figure(needed_by: str, figsize: tuple[float, float], *, standalone: bool) -> Figure:
    """A new figure: through pyplot (so it shows), or, when it is only to be saved, on its own.

    A standalone figure has an Agg canvas and is unknown to pyplot: no display is needed, no
    backend is touched, and nothing stays open after it is saved.
    """
    _matplotlib(needed_by)
    if not standalone:
        plt = import_optional("matplotlib.pyplot", "matplotlib", "plot", needed_by)
        try:
            return plt.figure(figsize=figsize, layout="constrained")
        except ImportError:  # an interactive backend was configured but cannot start here
            pass
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _axes(ax: Axes | None, path: PathLike | None, figsize: tuple[float, float], needed_by: str) -> Axes:
    """The ax to draw on: the one given (checked), or one on a new figure."""
    _matplotlib(needed_by)
    if ax is None:
        return _new_figure(needed_by, figsize, standalone=path is not None).add_subplot()
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise TypeError(
            f"ax must be a matplotlib Axes (for example from fig, ax = plt.subplots()), "
            f"got {type(ax).__name__}."
        )
    return ax


def _check_path(path: Any) -> Path | None:
    """``path`` as a Path whose folder exists (checked before drawing), or None."""
    if path is None:
        return None
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a file name (str or Path), got {type(path).__name__}.")
    target = Path(path)
    if not target.parent.is_dir():
        raise FileNotFoundError(
            f"Cannot save the plot to {target}: the folder {target.parent} does not exist."
        )
    return target


def _save(fig: Figure, path: Path | None) -> None:
    if path is not None:
        fig.savefig(path, dpi=DPI, bbox_inches="tight")


def _legend(ax: Axes, **kwargs: Any) -> None:
    """(Re)draw the legend of ``ax`` with every labelled artist, keeping the entries of an
    earlier legend (region patches, for example), so plots can be layered on one ax."""
    handles, labels = ax.get_legend_handles_labels()
    old = ax.get_legend()
    if old is not None:
        for handle, text in zip(old.legend_handles, old.get_texts(), strict=False):
            if text.get_text() not in labels:
                handles.append(handle)
                labels.append(text.get_text())
    if handles:
        ax.legend(handles, labels, **kwargs)


def _check_callable(f: Any, name: str, what: str) -> Callable:
    if not callable(f):
        raise TypeError(f"{name} must be a function ({what}), got {type(f).__name__}.")
    return f


# ---------------------------------------------------------------------------------------------
# Labels and points
# ---------------------------------------------------------------------------------------------


def _labels(y: Any, name: str) -> np.ndarray:
    """Class labels ``(n,)`` from labels ``(n,)`` or one row per sample ``(n, k)`` (the largest wins)."""
    return target_labels(as_array(y, name, ndim=(1, 2), dtype=None))


def _label_text(value: Any) -> str:
    """A label for a legend or a title: 1, not 1.0."""
    value = value.item() if isinstance(value, np.generic) else value
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def _is_binary(values: np.ndarray) -> bool:
    """Whether the labels are the track's two classes: 0/1 (or the sign convention −1/+1)."""
    present = set(np.unique(values).tolist())
    return present <= {0, 1} or present <= {-1, 1}


def _palette(values: np.ndarray) -> dict[Any, tuple[Any, Any]]:
    """label -> (marker colour, region colour). Two classes: blue for 1, red for the other;
    more: the tab10 colours, label k taking colour k, so points and regions always agree."""
    from matplotlib import colormaps
    from matplotlib.colors import to_rgb

    values = np.unique(values)
    if _is_binary(values):
        return {v.item(): (POINT_COLORS[int(v == 1)], REGION_COLORS[int(v == 1)]) for v in values}
    base = colormaps["tab10"].colors
    palette = {}
    for i, v in enumerate(values):
        k = int(v) if float(v).is_integer() and v >= 0 else i
        strong = np.array(to_rgb(base[k % len(base)]))
        palette[v.item()] = (tuple(strong), tuple(1 - 0.4 * (1 - strong)))  # light: 60% white
    return palette


def _plane_points(X: Any, y: Any, needed_by: str) -> tuple[np.ndarray, np.ndarray | None]:
    """Check ``X`` ``(n, 2)`` and its labels ``y`` ``(n,)`` (or None)."""
    X, _ = as_samples(X, "X")
    if X.shape[1] != 2:
        raise ValueError(
            f"{needed_by} draws points in {_PLANE}, so X needs 2 columns; got {X.shape[1]}."
        )
    if y is None:
        return X, None
    y = _labels(y, "y")
    check_same_length(X, y)
    return X, y


def _label_plane(ax: Axes) -> None:
    """Name the axes x₁ and x₂, with at most about 6 ticks each so their numbers never collide."""
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    if ax.get_xscale() == ax.get_yscale() == "linear":
        ax.locator_params(nbins=6)


def _marker_size(n_points: int, size: float) -> float:
    """``size`` for up to 40 points; smaller beyond, so the shading under many points still shows."""
    return size if n_points <= 40 else max(3.0, 0.45 * size)


def _draw_points(ax: Axes, X: np.ndarray, y: np.ndarray | None, *, size: float = 11.0,
                 dark: bool = False) -> None:
    """The track's scatter: + for class 1 (blue), − for class 0 (red); dots for more classes.

    ``dark`` draws the + and − in near-black with a white outline, to be seen on a blue-and-red
    picture.
    """
    from matplotlib import patheffects

    halo = [patheffects.withStroke(linewidth=0.5 * size, foreground="white")] if dark else None
    if y is None:
        ax.plot(X[:, 0], X[:, 1], "o", color="0.2", markersize=0.45 * size, label="points", zorder=3)
        return
    values = np.unique(y)
    palette = _palette(values)
    if _is_binary(values):
        for v in sorted(values.tolist(), reverse=True):  # class 1 first in the legend
            positive = v == 1
            mask = y == v
            ax.plot(X[mask, 0], X[mask, 1], linestyle="none", marker="+" if positive else "_",
                    markersize=size, markeredgewidth=min(2.2, 0.3 * size), color="0.1" if dark else palette[v][0],
                    zorder=3,
                    path_effects=halo, label=f"y = {_label_text(v)}  ({'+' if positive else '−'})")
        return
    for v in values.tolist():
        mask = y == v
        ax.plot(X[mask, 0], X[mask, 1], linestyle="none", marker="o", markersize=0.55 * size,
                markeredgecolor="white", markeredgewidth=0.6, color=palette[v][0], zorder=3,
                label=f"class {_label_text(v)}")


def plot_points(X: Any, y: Any, ax: Axes | None = None, *, path: PathLike | None = None) -> Axes:
    """Scatter labelled points in the plane, as the track draws them.

    Two classes (labels 0 and 1): ``+`` in blue for label 1, ``−`` in red for label 0. More
    classes: one coloured dot per class, with a legend.

    Parameters
    ----------
    X : array of shape (n_samples, 2)
        The points (x₁, x₂).
    y : array of shape (n_samples,)
        Their labels (or one-hot rows ``(n_samples, n_classes)``).
    ax : matplotlib Axes, optional
        Where to draw; a new figure if None.
    path : str or Path, optional
        Also save the figure there.

    Returns
    -------
    ax : the Axes drawn on.

    Examples
    --------
    >>> X, y = datasets.seven_points()
    >>> ax = plot_points(X, y)  # doctest: +SKIP
    """
    X, y = _plane_points(X, y, "plot_points()")
    target = _check_path(path)
    ax = _axes(ax, target, (5.5, 4.5), "plot_points()")
    _draw_points(ax, X, y)
    _label_plane(ax)
    _legend(ax, **_OUTSIDE)
    _save(ax.figure, target)
    return ax


# ---------------------------------------------------------------------------------------------
# Decision regions and the hyperplane
# ---------------------------------------------------------------------------------------------


def _n_inputs(model: Any) -> int | None:
    """How many inputs a model takes, where it says (a NeuralNetwork's sizes, a Perceptron's w)."""
    sizes = getattr(model, "sizes", None)
    if sizes is not None:
        return int(sizes[0])
    n = getattr(model, "n_features", None)
    return int(n) if n is not None else None


def _model_name(model: Any) -> str:
    sizes = getattr(model, "sizes", None)
    if sizes is not None:
        return f"{type(model).__name__} {list(sizes)}"
    return repr(model) if len(repr(model)) <= 60 else type(model).__name__


def _bounds(bounds: Any, X: np.ndarray | None) -> tuple[float, float, float, float]:
    """``(xmin, xmax, ymin, ymax)``: checked, or X's box plus a 10% margin, or the unit square."""
    if bounds is not None:
        b = as_array(bounds, "bounds", ndim=1)
        if b.size != 4:
            raise ValueError(f"bounds must be (xmin, xmax, ymin, ymax), got {b.size} numbers.")
        if not (b[0] < b[1] and b[2] < b[3]):
            raise ValueError(f"bounds must have xmin < xmax and ymin < ymax, got {tuple(b.tolist())}.")
        return tuple(float(v) for v in b)
    if X is None:
        return (0.0, 1.0, 0.0, 1.0)
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = hi - lo
    margin = np.where(span > 0, 0.1 * span, 0.5)
    return (float(lo[0] - margin[0]), float(hi[0] + margin[0]),
            float(lo[1] - margin[1]), float(hi[1] + margin[1]))


def _plane_grid(bounds: tuple[float, float, float, float], resolution: int) -> np.ndarray:
    """The centres of a resolution × resolution grid of cells over ``bounds``, ``(resolution², 2)``.

    Row r of the picture is x₂ number r (from the bottom), column c is x₁ number c; cell
    centres (not edges), so each value sits exactly under the pixel ``imshow`` gives it.
    """
    xmin, xmax, ymin, ymax = bounds
    steps = (np.arange(resolution) + 0.5) / resolution
    x1 = xmin + (xmax - xmin) * steps
    x2 = ymin + (ymax - ymin) * steps
    G1, G2 = np.meshgrid(x1, x2)  # (resolution, resolution)
    return np.column_stack([G1.ravel(), G2.ravel()])


def _region_values(model: Any, grid: np.ndarray) -> tuple[str, np.ndarray]:
    """What to shade: ``("probability", a)``, ``("labels", classes)`` or ``("output", a)``, each ``(m,)``."""
    run = getattr(model, "run", None)
    predict = getattr(model, "predict", None)
    if not callable(predict) and not callable(run):
        raise TypeError(
            "model must have a predict(X) or a run(X) method (a Perceptron, a NeuralNetwork ...), "
            f"got {type(model).__name__}."
        )
    sizes = getattr(model, "sizes", None)
    if callable(run) and getattr(model, "is_classifier", False) and sizes is not None and sizes[-1] == 1:
        out = as_array(run(grid), "the model's output", ndim=2)
        return "probability", out[:, 0]  # a = P(y = 1), one sigmoid output
    out = as_array(predict(grid) if callable(predict) else run(grid), "the model's output",
                   ndim=(1, 2), dtype=None)
    if len(out) != len(grid):
        raise ValueError(f"The model gave {len(out)} outputs for {len(grid)} points; expected one per point.")
    if out.ndim == 2:
        out = class_labels(out) if out.shape[1] > 1 else out[:, 0]
    integral = not np.issubdtype(out.dtype, np.floating) or bool(np.all(out == np.round(out)))
    return ("labels" if integral else "output"), out


def plot_decision_regions(
    model: Any,
    X: Any = None,
    y: Any = None,
    ax: Axes | None = None,
    *,
    bounds: Sequence[float] | None = None,
    resolution: int = 200,
    path: PathLike | None = None,
) -> Axes:
    """Colour the plane by the class a model predicts there, and draw the points on top.

    Class 1 regions are light blue (``REGION_COLORS[1]``), class 0 light red
    (``REGION_COLORS[0]``); more classes get light tab10 colours. The model is anything with
    ``predict(X)`` (or else ``run(X)``) taking ``(n, 2)`` inputs. A network with one sigmoid
    output is shaded by its output a = P(y = 1), from light red (0) through white (0.5) to
    light blue (1), with the boundary a = 0.5 drawn as a dashed line; a network with one
    output of another kind is shaded by its output the same way.

    Parameters
    ----------
    model : Perceptron, NeuralNetwork, or any object with predict(X) or run(X)
        Must take 2 inputs.
    X : array of shape (n_samples, 2), optional
        Points to draw on top (also set the default bounds); beyond 40 points the markers are
        smaller, so the shading shows between them.
    y : array of shape (n_samples,), optional
        Their labels (``+`` for 1, ``−`` for 0, as in ``plot_points``).
    ax : matplotlib Axes, optional
        Where to draw; a new figure if None.
    bounds : (xmin, xmax, ymin, ymax), optional
        The part of the plane to colour. Default: the box around X with a 10% margin, or the
        unit square [0, 1]² without X.
    resolution : int
        Cells along each axis (the model is evaluated at resolution² points), >= 2.
    path : str or Path, optional
        Also save the figure there.

    Returns
    -------
    ax : the Axes drawn on.
    """
    n_in = _n_inputs(model)
    if n_in is not None and n_in != 2:
        raise ValueError(
            f"plot_decision_regions colours {_PLANE}, so the model needs 2 inputs; this one takes {n_in}."
        )
    if X is None and y is not None:
        raise TypeError("y was given without X; pass the points X too.")
    if X is not None:
        X, y = _plane_points(X, y, "plot_decision_regions()")
    resolution = check_count(resolution, "resolution", minimum=2)
    box = _bounds(bounds, X)
    target = _check_path(path)
    grid = _plane_grid(box, resolution)
    kind, values = _region_values(model, grid)
    ax = _axes(ax, target, (6.2, 4.8), "plot_decision_regions()")
    from matplotlib.colors import LinearSegmentedColormap, Normalize, TwoSlopeNorm, to_rgb
    from matplotlib.patches import Patch

    image = values.reshape(resolution, resolution)
    show = {"origin": "lower", "extent": box, "aspect": "auto", "interpolation": "nearest", "zorder": 0}
    patches = []
    if kind == "labels":
        palette = _palette(np.unique(np.concatenate([values, y]) if y is not None else values))
        present = np.unique(values)
        rgb = np.zeros((*image.shape, 3))
        for v in present.tolist():
            rgb[image == v] = to_rgb(palette[v][1])
        ax.imshow(rgb, **show)
        for v in sorted(present.tolist(), reverse=True):
            patches.append(Patch(facecolor=palette[v][1], edgecolor="0.6",
                                 label=f"predicted {_label_text(v)}"))
    else:
        cmap = LinearSegmentedColormap.from_list(
            "glassnet_regions", [REGION_COLORS[0], "#ffffff", REGION_COLORS[1]])
        lo, hi = float(values.min()), float(values.max())
        if kind == "probability":
            norm = Normalize(0.0, 1.0)
        elif lo < 0.5 < hi:
            norm = TwoSlopeNorm(vcenter=0.5, vmin=lo, vmax=hi)
        else:
            norm = Normalize(lo, hi if hi > lo else lo + 1.0)
        im = ax.imshow(image, cmap=cmap, norm=norm, **show)
        label = "network output a = P(y = 1)" if kind == "probability" else "network output a"
        ax.figure.colorbar(im, ax=ax, label=label, location="bottom", shrink=0.8)
        if lo < 0.5 < hi:
            G = grid.reshape(resolution, resolution, 2)
            ax.contour(G[..., 0], G[..., 1], image, levels=[0.5], colors="0.25", linestyles="--",
                       linewidths=1.2, zorder=1)
            patches.append(Patch(facecolor="none", edgecolor="0.25", linestyle="--",
                                 label="boundary a = 0.5"))
    if X is not None:
        _draw_points(ax, X, y, size=_marker_size(len(X), 11.0))
    ax.set_xlim(box[0], box[1])
    ax.set_ylim(box[2], box[3])
    _label_plane(ax)
    ax.set_title(f"decision regions of {_model_name(model)}")
    handles, labels = ax.get_legend_handles_labels()
    ax.legend([*handles, *patches], [*labels, *(p.get_label() for p in patches)], **_OUTSIDE)
    _save(ax.figure, target)
    return ax


def _equation(w: np.ndarray, b: float) -> str:
    """``w·x + b = 0`` written out with the numbers: ``x₁ − 0.5 = 0``, ``2·x₁ + x₂ − 1 = 0``."""
    terms = [(c, name) for c, name in ((w[0], "x₁"), (w[1], "x₂"), (b, "")) if c != 0]
    text = ""
    for i, (c, name) in enumerate(terms):
        size = abs(float(c))
        term = name if name and size == 1 else f"{size:.3g}" + (f"·{name}" if name else "")
        sign = ("−" if c < 0 else "") if i == 0 else (" − " if c < 0 else " + ")
        text += sign + term
    return f"{text} = 0"


def plot_hyperplane(
    perceptron: Any,
    ax: Axes | None = None,
    *,
    path: PathLike | None = None,
    label: str | None = None,
) -> Axes:
    """Draw the line w·x + b = 0 of a perceptron with 2 inputs, and its normal vector w.

    The line is where the perceptron changes its answer: w points to the side where
    w·x + b > 0, the class-1 side. Where w₂ = 0 the line is vertical (x₁ = −b / w₁). The
    line spans the ax's current view (the unit square on a new ax), widened if needed so
    that the line shows.

    Parameters
    ----------
    perceptron : Perceptron (or any object with ``w`` of 2 numbers and a number ``b``)
    ax : matplotlib Axes, optional
        Where to draw (for example the ax of ``plot_points``); a new figure if None.
    path : str or Path, optional
        Also save the figure there.
    label : str, optional
        The legend entry; by default the equation with its numbers, ``boundary x₁ − 0.5 = 0``.

    Returns
    -------
    ax : the Axes drawn on. The line is ``ax.lines[-1]``, its two ends on the edges of the view.

    Raises
    ------
    ValueError
        If the perceptron does not have 2 weights, or both are 0 (then w·x + b = 0 is no line).
    """
    if not hasattr(perceptron, "w") or not hasattr(perceptron, "b"):
        raise TypeError(
            f"plot_hyperplane needs a perceptron with weights w and bias b, got {type(perceptron).__name__}."
        )
    w = as_array(np.ravel(perceptron.w), "w", ndim=1)
    b = float(as_array(perceptron.b, "b", ndim=0))
    if w.size != 2:
        raise ValueError(
            f"plot_hyperplane draws the line w·x + b = 0 in {_PLANE}, so the perceptron needs 2 weights; "
            f"this one has {w.size}."
        )
    if not np.any(w):
        raise ValueError(
            "Both weights of the perceptron are 0, so w·x + b = 0 is no line: it holds everywhere "
            "(b = 0) or nowhere. Train the perceptron first (fit) or give it nonzero weights."
        )
    target = _check_path(path)
    fresh = ax is None
    ax = _axes(ax, target, (5.5, 4.5), "plot_hyperplane()")

    # 1) the view: the ax's current limits (the unit square on an empty ax)
    (x0, x1), (y0, y1) = ((0.0, 1.0), (0.0, 1.0)) if not ax.has_data() else (ax.get_xlim(), ax.get_ylim())
    lows, highs = np.array([x0, y0]), np.array([x1, y1])
    # 2) p: the point of the line nearest to the view's centre; widen the view if p is outside
    centre = (lows + highs) / 2
    p = centre - (w @ centre + b) * w / (w @ w)
    margin = 0.1 * (highs - lows)
    lows, highs = np.minimum(lows, p - margin), np.maximum(highs, p + margin)
    # 3) walk from p along the line's direction d ⊥ w to the edges of the view
    d = np.array([-w[1], w[0]])
    t_lo, t_hi = -np.inf, np.inf
    for k in range(2):
        if d[k] != 0:
            ta, tb = sorted(((lows[k] - p[k]) / d[k], (highs[k] - p[k]) / d[k]))
            t_lo, t_hi = max(t_lo, ta), min(t_hi, tb)
    ends = p + np.outer([t_lo, t_hi], d)  # (2, 2), both on w·x + b = 0

    text = label if label is not None else f"boundary {_equation(w, b)}"
    ax.plot(ends[:, 0], ends[:, 1], color="0.1", linestyle="--", linewidth=2, label=text, zorder=2)
    arrow = 0.15 * float(np.min(highs - lows)) * w / np.linalg.norm(w)
    ax.annotate("", xy=p + arrow, xytext=p,
                arrowprops={"arrowstyle": "-|>", "color": "0.1", "linewidth": 1.5}, zorder=2)
    ax.annotate("w", xy=p + 1.15 * arrow, ha="center", va="center", fontsize=11, zorder=2)
    ax.set_xlim(lows[0], highs[0])
    ax.set_ylim(lows[1], highs[1])
    if fresh:
        _label_plane(ax)
        ax.set_title("the hyperplane w·x + b = 0")
    _legend(ax, **_OUTSIDE)
    _save(ax.figure, target)
    return ax


# ---------------------------------------------------------------------------------------------
# Activation functions
# ---------------------------------------------------------------------------------------------


def plot_activations(
    activations: Any = ("sigmoid", "tanh", "relu"),
    z: Any = None,
    *,
    path: PathLike | None = None,
) -> Figure:
    """Two panels: the activation functions φ(z), and their derivatives φ′(z).

    Where a sigmoid or tanh is saturated (its derivative below ``SATURATION`` = 0.05, so a
    change of z hardly moves the output and the neuron learns slowly), a strip of its colour
    marks those z along the bottom of both panels, one strip per activation, so strips never
    overlap or blend (the curves are lifted above them). ReLU does not saturate for z > 0.

    Parameters
    ----------
    activations : a name or class, or a sequence of them
        ``"sigmoid"``, ``"tanh"``, ``"relu"``, ``"identity"`` or the classes ``Sigmoid`` ...
    z : array of shape (n_points,), optional
        Where to evaluate them; default 501 points from −5 to 5, as the track plots them.
    path : str or Path, optional
        Also save the figure there.

    Returns
    -------
    fig : the Figure; ``fig.axes[0]`` holds the functions, ``fig.axes[1]`` the derivatives. In
        each, a saturating activation has a strip line (labelled "σ saturated: …"), drawn in
        axes coordinates at its own height and NaN except where φ′(z) < 0.05.
    """
    from glassnet.activations import Sigmoid, Softmax, Tanh, get_activation

    if isinstance(activations, str | type):
        activations = (activations,)
    classes = [get_activation(a) for a in activations]
    if not classes:
        raise ValueError("activations is empty; give at least one, e.g. ('sigmoid', 'tanh', 'relu').")
    if Softmax in classes:
        raise ValueError(
            "softmax mixes a whole row of z into probabilities, so it has no single curve z → φ(z); "
            "plot_activations draws the elementwise ones (sigmoid, tanh, relu, identity)."
        )
    z = np.linspace(-5.0, 5.0, 501) if z is None else np.sort(as_array(z, "z", ndim=1))
    if z.size < 2:
        raise ValueError(f"z needs at least 2 points to draw a curve, got {z.size}.")
    target = _check_path(path)
    fig = _new_figure("plot_activations()", (10.5, 4.2), standalone=target is not None)
    ax_fn, ax_prime = fig.subplots(1, 2, sharex=True)
    from matplotlib.colors import to_rgb

    saturating = [activation for activation in classes if activation in (Sigmoid, Tanh)]
    for activation in classes:
        name = describe_activation(activation)
        symbol = _SYMBOLS.get(name, name)
        color = _CURVE_COLORS.get(name)
        a, prime = activation.fn(z), activation.prime(z)
        ax_fn.plot(z, a, color=color, linewidth=2, label=f"{symbol}(z)")
        ax_prime.plot(z, prime, color=color, linewidth=2, label=f"{symbol}′(z)")
        if activation in saturating:  # mark the flat, saturated stretches: a strip of its own
            height = _STRIP * (saturating.index(activation) + 0.5)  # axes fraction, from the bottom
            light = tuple(1 - 0.45 * (1 - np.array(to_rgb(color))))  # opaque: strips never blend
            saturated = prime < SATURATION
            for ax in (ax_fn, ax_prime):
                ax.plot(z, np.where(saturated, height, np.nan), color=light, linewidth=_STRIP_POINTS,
                        solid_capstyle="butt", transform=ax.get_xaxis_transform(), zorder=0,
                        label=f"{symbol} saturated: {symbol}′(z) < {SATURATION:g}")
    titles = ("activation φ(z)", "derivative φ′(z): how much a moves with z")
    for ax, title in zip((ax_fn, ax_prime), titles, strict=True):
        ax.axhline(0, color="0.75", linewidth=0.8, zorder=0)
        ax.axvline(0, color="0.75", linewidth=0.8, zorder=0)
        ax.set_xlabel("z")
        ax.set_title(title)
        ax.legend(loc="upper left", fontsize=8.5)
        low, high = ax.get_ylim()
        if ax is ax_prime:
            high += 0.5 * (high - low)  # room for the legend above the peaks
        below = _STRIP * len(saturating)  # the strips' share of the height, under the curves
        ax.set_ylim(low - below / (1 - below) * (high - low), high)
    ax_fn.set_ylabel("a = φ(z)")
    ax_prime.set_ylabel("φ′(z)")
    _save(fig, target)
    return fig


# ---------------------------------------------------------------------------------------------
# Training curves
# ---------------------------------------------------------------------------------------------


def _history_lists(history: Any) -> tuple[dict[str, np.ndarray], int | None]:
    """The per-epoch lists of a History (or of a dict like ``History.to_dict()``) as arrays,
    and its best epoch (counted from 0), if any."""
    names = ("loss", "val_loss", "accuracy", "val_accuracy", "best_epoch")
    if isinstance(history, Mapping):
        raw = {name: history.get(name) for name in names}
    elif hasattr(history, "loss"):
        raw = {name: getattr(history, name, None) for name in names}
    else:
        raise TypeError(f"history must be a History (what fit returns), got {type(history).__name__}.")
    best = raw.pop("best_epoch")
    if raw["loss"] is None or len(raw["loss"]) == 0:
        raise ValueError("history holds no epochs yet; train first (net.fit returns the History).")
    lists = {name: as_array(values, f"history.{name}", ndim=1) if values is not None and len(values)
             else np.empty(0) for name, values in raw.items()}
    return lists, best


def plot_history(history: History, *, path: PathLike | None = None) -> Figure:
    """Training curves: the loss per epoch (training and validation) and, if recorded, the accuracy.

    Epochs are counted from 1, as the progress lines print them. The legend says how each curve
    is measured: the training figures are the mean over the epoch's mini-batches (the weights
    change during the epoch, so an early epoch's training loss can sit above the validation
    loss), the validation figures are measured once, with the weights at the epoch's end. If
    early stopping kept the weights of an earlier epoch (``history.best_epoch``), that epoch is
    marked with a dotted line.

    Parameters
    ----------
    history : History
        What ``NeuralNetwork.fit`` returns (a trained network or ``History.to_dict()`` also work).
    path : str or Path, optional
        Also save the figure there.

    Returns
    -------
    fig : the Figure; ``fig.axes[0]`` is the loss, ``fig.axes[1]`` the accuracy if there is one.
        Each curve is one line with one point per epoch.
    """
    lists, best = _history_lists(getattr(history, "history_", history))  # a trained network: its History
    target = _check_path(path)
    panels = [("loss", "loss C")]
    if lists["accuracy"].size or lists["val_accuracy"].size:
        panels.append(("accuracy", "accuracy"))
    fig = _new_figure("plot_history()", (5.2 * len(panels), 4.0), standalone=target is not None)
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    for ax, (name, ylabel) in zip(np.atleast_1d(fig.subplots(1, len(panels))), panels, strict=True):
        curves = ((name, TRAINING_LABEL, "tab:blue"), (f"val_{name}", VALIDATION_LABEL, "tab:orange"))
        for key, label, color in curves:
            values = lists[key]
            if values.size:
                ax.plot(np.arange(1, values.size + 1), values, color=color, linewidth=2,
                        marker="o" if values.size <= 40 else None, markersize=3.5, label=label)
        if best is not None:
            ax.axvline(best + 1, color="0.4", linestyle=":", label=f"weights kept: epoch {best + 1}")
        ax.set_xlabel("epoch")
        ax.set_ylabel(ylabel)
        ax.set_title(f"{name} per epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        if name == "accuracy":
            ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.legend()
    _save(fig, target)
    return fig


def plot_curves(
    curves: Mapping[str, Sequence[float]],
    ax: Axes | None = None,
    *,
    xlabel: str = "epoch",
    ylabel: str = "loss",
    title: str | None = None,
    path: PathLike | None = None,
) -> Axes:
    """Several named curves on one plot, against 1, 2, 3, …: the loss of two runs, for example.

    Parameters
    ----------
    curves : mapping of name -> sequence of numbers
        One line per entry, labelled with its name; entry k of a curve is drawn at x = k + 1.
        Curves may have different lengths.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if None.
    xlabel, ylabel, title : str
        The axis labels (default epoch and loss) and an optional title.
    path : str or Path, optional
        Also save the figure there.

    Returns
    -------
    ax : the Axes drawn on, one line per curve in the order given.

    Examples
    --------
    >>> plot_curves({"MSE": mse_history.loss, "cross-entropy": ce_history.loss})  # doctest: +SKIP
    """
    if not isinstance(curves, Mapping) or not curves:
        raise TypeError(
            "curves must be a non-empty mapping of name -> values, "
            f"e.g. {{'MSE': [...], 'cross-entropy': [...]}}; got {type(curves).__name__}."
        )
    values = {str(name): as_array(v, f"curves[{name!r}]", ndim=1) for name, v in curves.items()}
    target = _check_path(path)
    ax = _axes(ax, target, (6.0, 4.2), "plot_curves()")
    from matplotlib.ticker import MaxNLocator

    for name, v in values.items():
        ax.plot(np.arange(1, v.size + 1), v, linewidth=2, marker="o" if v.size <= 40 else None,
                markersize=3.5, label=name)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    ax.legend()
    _save(ax.figure, target)
    return ax


# ---------------------------------------------------------------------------------------------
# Gradient descent
# ---------------------------------------------------------------------------------------------


def _evaluate(f: Callable, points: np.ndarray) -> np.ndarray:
    """f at each point, ``(m,)``: ``points`` is ``(m,)`` (numbers) or ``(m, d)`` (f takes ``(d,)``).

    One vectorised call is tried first (f(points), or f(points.T) for vectors, so that
    ``x[0]`` is every first coordinate), checked against point-by-point calls at a few
    places; if that fails, f is called once per point. Non-finite values become NaN (gaps).
    """
    m = len(points)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        one_by_one = np.array([float(np.asarray(f(p)).item()) for p in points[[0, m // 2, -1]]])
        try:
            out = np.asarray(f(points if points.ndim == 1 else points.T), dtype=float)
            if out.shape != (m,) or not np.allclose(out[[0, m // 2, -1]], one_by_one, equal_nan=True):
                out = None
        except Exception:  # f works on one point only (math.exp, a dot product ...)
            out = None
        if out is None:
            out = np.array([float(np.asarray(f(p)).item()) for p in points])
    return np.where(np.isfinite(out), out, np.nan)


def _descent_path(result: Any, dims: int, needed_by: str) -> tuple[np.ndarray, bool | None]:
    """The iterates of a DescentResult (or a plain array of them): ``(n + 1,)`` or ``(n + 1, 2)``."""
    P = as_array(getattr(result, "path", result), "result.path", ndim=(1, 2))
    if P.ndim == 2 and P.shape[1] == 1:
        P = P[:, 0]
    if dims == 1 and P.ndim != 1:
        raise ValueError(
            f"{needed_by} draws a walk along one number x, but this path has points of {P.shape[1]} "
            "coordinates; use plot_descent_2d for functions of 2 numbers."
        )
    if dims == 2 and (P.ndim != 2 or P.shape[1] != 2):
        got = "single numbers" if P.ndim == 1 else f"points of {P.shape[1]} coordinates"
        raise ValueError(f"{needed_by} draws a walk in {_PLANE}, but this path holds {got}.")
    return P, getattr(result, "converged", None)


def _verdict(P: np.ndarray, converged: bool | None) -> str:
    """What the walk did, in words (one or two lines): bounced, diverged, converged, or not (yet)."""
    steps = np.diff(P.reshape(len(P), -1), axis=0)  # (n, d)
    n = len(steps)
    if n == 0:
        return "no step taken"
    lengths = np.linalg.norm(steps, axis=1)
    turns = np.einsum("ij,ij->i", steps[1:], steps[:-1]) < 0  # a step pointing back
    parts = []
    if turns.size and turns.sum() > turns.size / 2:
        grows = n >= 3 and lengths[-1] > lengths[0]
        parts.append("diverging: bounces further out each step" if grows
                     else "overshoots: bounces across the minimum")
    if converged:
        parts.append(f"converged in {n} steps")
    elif converged is False:
        slow = "" if parts else "too slow: "
        parts.append(f"{slow}not converged after {n} steps")
    else:
        parts.append(f"{n} steps")
    return "\n".join(parts)


def _point_text(x: Any, scale: float | None = None) -> str:
    """A point for a legend, ``"= 4"``, ``"= (3, 1)"``, ``"≈ 2.005"`` or ``"≈ (0, 0)"``: each
    coordinate to 4 significant digits of ``scale`` (the size of the walk; default the point's
    own), so a coordinate far below the walk's size reads 0, and ≈ says a number was rounded."""
    x = np.atleast_1d(np.asarray(x, dtype=float))
    scale = float(np.max(np.abs(x))) if scale is None else scale
    digits = 3 - math.floor(math.log10(scale)) if scale > 0 else 0  # decimals kept
    parts, rounded = [], False
    for v in x.tolist():
        text = f"{v:.{digits}f}" if 0 <= digits <= 12 else f"{v:.4g}"
        text = text.rstrip("0").rstrip(".") if "." in text else text
        r = float(text)
        rounded |= abs(r - v) > 1e-12 * max(1.0, abs(v))
        parts.append("0" if r == 0 else text.replace("-", "−"))
    inner = ", ".join(parts)
    return ("≈ " if rounded else "= ") + (inner if x.size == 1 else f"({inner})")


def _descent_title(dims: int, function: str | None, result: Any) -> str:
    """``gradient descent on f(x) = (x − 2)², η = 0.01``: the function (if named) and η (if known)."""
    variables = "x" if dims == 1 else "x₁, x₂"
    text = f"gradient descent on f({variables})" + (f" = {function}" if function else "")
    eta = getattr(result, "learning_rate", None)
    return text + (f", η = {eta:g}" if eta is not None else "")


def _draw_walk(ax: Axes, P: np.ndarray, start: np.ndarray, end: np.ndarray) -> None:
    """Iterates as dots, each step an arrow to the next (a thin line for long walks); start and end
    marked. ``P`` is ``(n + 1, 2)`` in plot coordinates; ``start`` and ``end`` are the first and last
    x, for the legend."""
    d = np.diff(P, axis=0)
    arrows = 0 < len(d) <= _MAX_ARROWS  # beyond that the arrowheads only clutter: a thin line instead
    if arrows:
        ax.quiver(P[:-1, 0], P[:-1, 1], d[:, 0], d[:, 1], angles="xy", scale_units="xy", scale=1,
                  color=_PATH_COLOR, width=0.004, headwidth=5, headlength=6, zorder=3)
    ax.plot(P[:, 0], P[:, 1], linestyle="none" if arrows else "-", linewidth=0.8, marker="o",
            markersize=4 if arrows else 2.5, color=_PATH_COLOR, zorder=4, label="iterates x₀, x₁, …")
    scale = float(max(np.max(np.abs(start)), np.max(np.abs(end))))
    ax.plot(*P[0], marker="o", markersize=10, color="tab:green", linestyle="none", zorder=5,
            label=f"start x₀ {_point_text(start, scale)}")
    ax.plot(*P[-1], marker="*", markersize=15, color="tab:red", markeredgecolor="white", linestyle="none",
            zorder=5, label=f"end x{str(len(d)).translate(_SUBSCRIPTS)} {_point_text(end, scale)}")


def plot_descent_1d(f: Callable, result: DescentResult, ax: Axes | None = None, *,
                    function: str | None = None, path: PathLike | None = None) -> Axes:
    """Gradient descent walking down a curve: f over the range of the walk, and its iterates.

    The title names the function (``function``, if given), the learning rate η of the walk and
    what it did: ``gradient descent on f(x) = (x − 2)², η = 0.01`` / ``converged in 298 steps``.

    Parameters
    ----------
    f : callable
        The function being minimised, f(x) for a number x (need not accept arrays).
    result : DescentResult
        From ``gradient_descent(df, x0, ...)``; its ``path`` ``(n_iters + 1,)`` is drawn as dots
        (x_k, f(x_k)) joined by arrows (by a line beyond 60 steps), the start (green) and the end
        (red star) marked; its ``learning_rate`` goes in the title.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if None.
    function : str, optional
        f written out for the title, e.g. ``"(x − 2)²"``.
    path : str or Path, optional
        Also save the figure there.

    Returns
    -------
    ax : the Axes drawn on. ``ax.lines[0]`` is the curve, ``ax.lines[1]`` the iterates.
    """
    f = _check_callable(f, "f", "f(x), the function being minimised")
    P, converged = _descent_path(result, 1, "plot_descent_1d()")
    target = _check_path(path)
    lo, hi = float(P.min()), float(P.max())
    margin = 0.15 * (hi - lo) if hi > lo else 1.0
    x = np.linspace(lo - margin, hi + margin, 400)
    ax = _axes(ax, target, (6.0, 4.2), "plot_descent_1d()")
    ax.plot(x, _evaluate(f, x), color="0.55", linewidth=2, label="f(x)", zorder=1)
    _draw_walk(ax, np.column_stack([P, _evaluate(f, P)]), P[0], P[-1])
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    ax.set_title(f"{_descent_title(1, function, result)}\n{_verdict(P, converged)}", fontsize=10)
    ax.legend(fontsize=9)
    _save(ax.figure, target)
    return ax


def plot_descent_2d(f: Callable, result: DescentResult, ax: Axes | None = None, *,
                    function: str | None = None, path: PathLike | None = None) -> Axes:
    """Gradient descent on a surface: the contours of f(x₁, x₂) and the walk across them.

    The view is a square around the walk (equal scales on both axes, so each step is seen
    crossing the contours at a right angle, as the gradient does). The title names the
    function (``function``, if given), η and what the walk did.

    Parameters
    ----------
    f : callable
        f(x) for x an array of shape (2,) holding (x₁, x₂), returning a number.
    result : DescentResult
        From ``gradient_descent(grad, x0=[..., ...], ...)``; its path ``(n_iters + 1, 2)``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if None.
    function : str, optional
        f written out in x₁ and x₂ for the title, e.g. ``"x₁² + 5x₂²"``.
    path : str or Path, optional
        Also save the figure there.

    Returns
    -------
    ax : the Axes drawn on. ``ax.lines[0]`` holds the iterates.
    """
    f = _check_callable(f, "f", "f(x) for x of shape (2,), the function being minimised")
    P, converged = _descent_path(result, 2, "plot_descent_2d()")
    target = _check_path(path)
    centre = (P.min(axis=0) + P.max(axis=0)) / 2
    half = 0.6 * float(np.max(P.max(axis=0) - P.min(axis=0))) or 1.0  # a square, 20% margin
    box = (centre[0] - half, centre[0] + half, centre[1] - half, centre[1] + half)
    grid = _plane_grid(box, 80)
    values = _evaluate(f, grid).reshape(80, 80)
    ax = _axes(ax, target, (5.8, 4.8), "plot_descent_2d()")
    G = grid.reshape(80, 80, 2)
    if np.nanmax(values) > np.nanmin(values):
        filled = ax.contourf(G[..., 0], G[..., 1], values, levels=20, cmap="viridis", alpha=0.45, zorder=0)
        ax.contour(G[..., 0], G[..., 1], values, levels=filled.levels, colors="0.3", linewidths=0.5,
                   alpha=0.6, zorder=1)
        ax.figure.colorbar(filled, ax=ax, label="f(x₁, x₂)", shrink=0.85)
    _draw_walk(ax, P, P[0], P[-1])
    ax.set_xlim(box[0], box[1])
    ax.set_ylim(box[2], box[3])
    ax.set_aspect("equal")
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.set_title(f"{_descent_title(2, function, result)}\n{_verdict(P, converged)}", fontsize=10)
    ax.legend(fontsize=9)
    _save(ax.figure, target)
    return ax


def plot_learning_rates(
    f: Callable,
    df: Callable,
    x0: Any,
    learning_rates: Sequence[float] = (0.01, 0.1, 0.9, 1.05),
    *,
    max_iters: int = 50,
    function: str | None = None,
    path: PathLike | None = None,
) -> Figure:
    """The same descent with several learning rates η, side by side: too small, about right, too large.

    Each panel runs ``gradient_descent(df, x0, learning_rate=η, max_iters=max_iters)`` and draws
    it with ``plot_descent_1d`` (or ``plot_descent_2d`` when x0 is a point of 2 numbers), titled
    with η and what the walk did (measured on the walk, never assumed from η). The defaults
    suit the track's f(x) = (x − 2)² from x₀ = 4, where each step multiplies x − 2 by 1 − 2η:
    η = 0.01 creeps (0.98), η = 0.1 converges (0.8), η = 0.9 overshoots and bounces across the
    minimum into it (−0.8), η = 1.05 bounces further out each step and diverges (−1.1). A rate
    whose walk overflows gets a panel that says so instead of a plot.

    Parameters
    ----------
    f : callable
        The function being minimised (for drawing).
    df : callable
        Its derivative (or gradient), which gradient descent follows.
    x0 : float or array of shape (2,)
        The start.
    learning_rates : sequence of float
        The rates η > 0, one panel each.
    max_iters : int
        The most steps of each walk, >= 1.
    function : str, optional
        f written out for the overall title, e.g. ``"(x − 2)²"``.
    path : str or Path, optional
        Also save the figure there.

    Returns
    -------
    fig : the Figure, one Axes per learning rate in ``fig.axes``, row by row (colorbars, for 2-d walks,
        after them); four rates make a 2 × 2 square, otherwise up to 3 per row.
    """
    from glassnet.descent import gradient_descent

    f = _check_callable(f, "f", "f(x), the function being minimised")
    df = _check_callable(df, "df", "the derivative f'(x) that gradient descent follows")
    rates = (learning_rates,) if np.ndim(learning_rates) == 0 else tuple(learning_rates)
    if not rates:
        raise ValueError("learning_rates is empty; give at least one, e.g. (0.01, 0.1, 0.9, 1.05).")
    rates = tuple(check_positive(r, "each learning rate") for r in rates)
    max_iters = check_count(max_iters, "max_iters")
    start = as_array(x0, "x0", ndim=(0, 1))
    target = _check_path(path)
    ncols = 2 if len(rates) == 4 else min(len(rates), 3)  # four panels: a 2 × 2 square
    nrows = math.ceil(len(rates) / ncols)
    fig = _new_figure("plot_learning_rates()", (4.6 * ncols, 4.2 * nrows), standalone=target is not None)
    axes = np.atleast_1d(fig.subplots(nrows, ncols)).ravel()
    for ax in axes[len(rates):]:
        fig.delaxes(ax)
    axes = axes[: len(rates)]
    for ax, eta in zip(axes, rates, strict=True):
        try:
            result = gradient_descent(df, start, learning_rate=eta, max_iters=max_iters)
        except FloatingPointError as err:
            ax.set_title(f"learning rate η = {eta:g}\ndiverged: x overflowed", fontsize=10)
            ax.text(0.5, 0.5, textwrap.fill(str(err), 34), transform=ax.transAxes, ha="center",
                    va="center", fontsize=9, color="tab:red")
            ax.set_xticks([])
            ax.set_yticks([])
            continue
        if result.path.ndim == 1:
            plot_descent_1d(f, result, ax)
        else:
            plot_descent_2d(f, result, ax)
        ax.set_title(f"learning rate η = {eta:g}\n{_verdict(result.path, result.converged)}", fontsize=10)
    on = _descent_title(start.size, function, None)
    fig.suptitle(f"{on} from x₀ {_point_text(start)}, ≤ {max_iters} steps, one learning rate η per panel")
    _save(fig, target)
    return fig


# ---------------------------------------------------------------------------------------------
# The network: its weights, its hidden units, the size of its errors
# ---------------------------------------------------------------------------------------------


def _network_layers(net: Any, needed_by: str) -> tuple[list[int], list[tuple[np.ndarray, str]]]:
    """Sizes ``[n_in, ..., n_out]`` and ``(W, activation name)`` per layer; a Perceptron is one layer."""
    layers = getattr(net, "layers", None)
    if layers and all(hasattr(layer, "W") for layer in layers):
        weights = [(np.asarray(layer.W), getattr(getattr(layer, "activation", None), "name", ""))
                   for layer in layers]
    elif hasattr(net, "w") and hasattr(net, "b"):  # a Perceptron: n inputs, one step neuron
        weights = [(np.ravel(net.w).reshape(-1, 1), "step")]
    else:
        raise TypeError(f"{needed_by} draws a NeuralNetwork (or a Perceptron), got {type(net).__name__}.")
    sizes = [weights[0][0].shape[0]] + [W.shape[1] for W, _ in weights]
    return sizes, weights


def _layer_name(l: int, n_layers: int) -> str:
    """Our layer l (0 = the first layer of weights) in words: "hidden layer 1", ..., "output layer".

    (The track numbers the input as layer 1, so our hidden layer 1 is its l = 2.)
    """
    return "output layer" if l == n_layers - 1 else f"hidden layer {l + 1}"


def plot_network(net: Any, ax: Axes | None = None, *, path: PathLike | None = None) -> Axes:
    """Draw a network: its neurons as circles, layer by layer, and every weight as a line.

    A line is blue for a positive weight and red for a negative one, and its width grows with
    |w| (the largest weight of the network gets the widest line). A layer of more than
    ``MAX_NEURONS_DRAWN`` = 16 neurons shows its first 16 and a "⋮ + k more" marker; only the
    weights between drawn neurons are drawn.

    Parameters
    ----------
    net : NeuralNetwork (or Perceptron)
    ax : matplotlib Axes, optional
        Where to draw; a new figure if None.
    path : str or Path, optional
        Also save the figure there.

    Returns
    -------
    ax : the Axes drawn on. The neurons are its ``Circle`` patches, the weights one
        ``LineCollection`` per layer (a segment per drawn weight), in order.
    """
    sizes, weights = _network_layers(net, "plot_network()")
    target = _check_path(path)
    drawn = [min(n, MAX_NEURONS_DRAWN) for n in sizes]
    height = max(drawn)
    ax = _axes(ax, target, (1.9 * len(sizes) + 2.0, 0.5 * height + 1.6), "plot_network()")
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Circle

    gap = 2.4  # horizontal distance between layers; neurons are 1 apart vertically
    ys = [(k - 1) / 2 - np.arange(k) for k in drawn]  # centred on 0, top to bottom
    largest = max(float(np.abs(W).max()) for W, _ in weights) or 1.0
    for l, (W, _) in enumerate(weights):  # 1) the weights, under the neurons
        rows, cols = np.meshgrid(np.arange(drawn[l]), np.arange(drawn[l + 1]), indexing="ij")
        w = W[rows, cols].ravel()  # (drawn_in · drawn_out,)
        segments = [[(l * gap, ys[l][i]), ((l + 1) * gap, ys[l + 1][j])]
                    for i, j in zip(rows.ravel(), cols.ravel(), strict=True)]
        colors = np.where(w > 0, POINT_COLORS[1], np.where(w < 0, POINT_COLORS[0], "0.7"))
        ax.add_collection(LineCollection(segments, colors=colors, linewidths=0.4 + 3.6 * np.abs(w) / largest,
                                         alpha=0.75, zorder=1))
    for l, k in enumerate(sizes):  # 2) the neurons
        for j, y in enumerate(ys[l]):
            ax.add_patch(Circle((l * gap, y), 0.3, facecolor="0.9" if l == 0 else "white",
                                edgecolor="0.15", linewidth=1.3, zorder=2))
            if l == 0:
                ax.text(0, y, f"x{str(j + 1).translate(_SUBSCRIPTS)}", ha="center", va="center",
                        fontsize=8 if j >= 9 else 10, zorder=3)
        if k > drawn[l]:
            ax.text(l * gap, ys[l][-1] - 0.75, f"⋮\n+ {k - drawn[l]} more", ha="center", va="top",
                    fontsize=9)
        if l == 0:
            caption = f"input layer\n{k} input{'s' if k != 1 else ''}"
        else:
            kind = f"\n{weights[l - 1][1]}" if weights[l - 1][1] else ""
            caption = f"{_layer_name(l - 1, len(weights))}\n{k} neuron{'s' if k != 1 else ''}{kind}"
        ax.text(l * gap, (height - 1) / 2 + 0.6, caption, ha="center", va="bottom", fontsize=9)
    bottom = -(height - 1) / 2 - (1.9 if any(n > d for n, d in zip(sizes, drawn, strict=True)) else 0.6)
    ax.set_xlim(-1.0, (len(sizes) - 1) * gap + 1.0)
    ax.set_ylim(bottom, (height - 1) / 2 + 1.9)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.legend(handles=[Line2D([], [], color=POINT_COLORS[1], linewidth=2.5, label="weight w > 0"),
                       Line2D([], [], color=POINT_COLORS[0], linewidth=2.5, label="weight w < 0"),
                       Line2D([], [], color="0.5", linewidth=0.8, label="line width ∝ |w|")],
              loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3, fontsize=9, frameon=False)
    n_weights, n_biases = sum(W.size for W, _ in weights), sum(sizes[1:])
    ax.set_title(f"{_model_name(net)}: {n_weights} weight{'s' if n_weights != 1 else ''}, "
                 f"{n_biases} bias{'es' if n_biases != 1 else ''}")
    _save(ax.figure, target)
    return ax


def plot_hidden_units(
    net: Any,
    X: Any = None,
    y: Any = None,
    *,
    layer: int = 0,
    bounds: Sequence[float] | None = None,
    resolution: int = 80,
    path: PathLike | None = None,
) -> Figure:
    """What each neuron of a layer computes: its activation a over the input plane, one thumbnail each.

    For a network with 2 inputs, each neuron of layer ``layer`` is shown as a picture of
    (x₁, x₂) coloured by its activation a (as TensorFlow Playground does): red for low, white
    in the middle, blue for high (sigmoid: 0 … 0.5 … 1; tanh: −1 … 0 … 1; ReLU: white at 0 to
    blue). The activations come from the network's forward-only ``net.trace(grid)``, which
    changes nothing on the network. At most ``MAX_UNITS_DRAWN`` = 32 neurons are shown.

    When the next layer is a single neuron (the output of a 2-h-1 network), each thumbnail's
    title also gives the weight w_j with which that neuron feeds it, and the overall title the
    way it combines them, a = φ(Σ_j w_j a_j + b) with its bias b: blue regions of a neuron with
    a positive w_j push the output up, those with a negative w_j push it down. Points (``X``,
    ``y``) are drawn dark with a white outline, smaller beyond 40 points.

    Parameters
    ----------
    net : NeuralNetwork
        With 2 inputs.
    X : array of shape (n_samples, 2), optional
        Points to draw on every thumbnail (and the default bounds).
    y : array of shape (n_samples,), optional
        Their labels.
    layer : int
        Which layer: 0 is the first layer of weights (the first hidden layer), −1 the output.
    bounds : (xmin, xmax, ymin, ymax), optional
        Default: X's box with a 10% margin, or [0, 1]².
    resolution : int
        Cells along each axis, >= 2.
    path : str or Path, optional
        Also save the figure there.

    Returns
    -------
    fig : the Figure; thumbnail j (``fig.axes[j]``) holds neuron j's activations as its image,
        row r being the r-th x₂ from the bottom; its title is ``"neuron j+1"``, followed on a second
        line by ``"w = +5.21 to the output"`` when the next layer is a single neuron.
    """
    layers = getattr(net, "layers", None)
    if not layers or not all(hasattr(lay, "W") and hasattr(lay, "activation") for lay in layers):
        raise TypeError(f"plot_hidden_units needs a NeuralNetwork, got {type(net).__name__}.")
    n_in = layers[0].W.shape[0]
    if n_in != 2:
        raise ValueError(
            f"plot_hidden_units draws each neuron over {_PLANE}, so the network needs 2 inputs; "
            f"this one has {n_in}."
        )
    check_number(layer, "layer", integer=True)
    if not -len(layers) <= layer < len(layers):
        raise ValueError(
            f"layer must be between 0 and {len(layers) - 1} (or negative, counting from the output), "
            f"got {layer}."
        )
    index = layer % len(layers)
    if X is None and y is not None:
        raise TypeError("y was given without X; pass the points X too.")
    if X is not None:
        X, y = _plane_points(X, y, "plot_hidden_units()")
    resolution = check_count(resolution, "resolution", minimum=2)
    box = _bounds(bounds, X)
    target = _check_path(path)

    A = net.trace(_plane_grid(box, resolution))[index].A  # (resolution², n_units): that layer's A = φ(Z)
    n_units = A.shape[1]
    shown = min(n_units, MAX_UNITS_DRAWN)
    name = describe_activation(layers[index].activation)
    if name in ("sigmoid", "softmax"):
        cmap, vmin, vmax = "RdBu", 0.0, 1.0
    elif name == "relu":
        cmap, vmin, vmax = "Blues", 0.0, float(A.max()) or 1.0
    else:  # tanh, identity: symmetric around 0
        top = 1.0 if name == "tanh" else float(np.abs(A).max()) or 1.0
        cmap, vmin, vmax = "RdBu", -top, top

    following = layers[index + 1] if index + 1 < len(layers) else None
    w_out = following.W[:, 0] if following is not None and following.W.shape[1] == 1 else None

    ncols = min(shown, 4 if shown <= 8 else 8)
    nrows = math.ceil(shown / ncols)
    figsize = (2.2 * ncols + 1.2, 2.2 * nrows + (1.2 if w_out is not None else 0.8))
    fig = _new_figure("plot_hidden_units()", figsize, standalone=target is not None)
    axes = np.atleast_1d(fig.subplots(nrows, ncols)).ravel()
    image = None
    for j, ax in enumerate(axes):
        if j >= shown:
            ax.axis("off")
            continue
        image = ax.imshow(A[:, j].reshape(resolution, resolution), origin="lower", extent=box, aspect="auto",
                          interpolation="nearest", cmap=cmap, vmin=vmin, vmax=vmax)
        if X is not None:
            _draw_points(ax, X, y, size=_marker_size(len(X), 7.0), dark=True)
        ax.set_xlim(box[0], box[1])
        ax.set_ylim(box[2], box[3])
        weight = f"\nw = {w_out[j]:+.2f} to the output".replace("-", "−") if w_out is not None else ""
        ax.set_title(f"neuron {j + 1}{weight}", fontsize=10)
        ax.locator_params(nbins=3)
        ax.tick_params(labelsize=7)
        ax.label_outer()  # tick numbers on the left column and the bottom row only
        if ax.get_subplotspec().is_first_col():
            ax.set_ylabel("x₂")
        if ax.get_subplotspec().is_last_row() or j + ncols >= shown:
            ax.set_xlabel("x₁")
            ax.xaxis.set_tick_params(labelbottom=True)
    fig.colorbar(image, ax=list(axes), label=f"activation a = {_SYMBOLS.get(name, name)}(z)", shrink=0.8)
    more = f" (the first {shown} of {n_units})" if shown < n_units else ""
    title = f"{_layer_name(index, len(layers))}: each neuron's activation over {_PLANE}{more}"
    if w_out is not None:
        symbol = _SYMBOLS.get(following.activation.name, following.activation.name)
        title += (f"\nthe next layer's neuron combines them: a = {symbol}(Σⱼ wⱼ aⱼ + b), "
                  f"b = {float(following.b[0]):+.2f}".replace("-", "−"))
    fig.suptitle(title)
    _save(fig, target)
    return fig


def delta_sizes(net: Any, X: Any, Y: Any) -> np.ndarray:
    """The mean size of the error δ in each layer, for one batch: ``mean |delta|`` per layer.

    BP3 and BP4 make every gradient proportional to δ (∂C/∂b = δ, ∂C/∂w = a_in δ_out), so a
    layer whose δ is small learns slowly. Record these during training and draw them with
    ``plot_delta_sizes``, for example::

        records = []
        net.fit(X, Y, epochs=30, callbacks=[lambda epoch, logs: records.append(delta_sizes(net, X, Y))])
        plot_delta_sizes(records)

    Needs numpy only.

    Parameters
    ----------
    net : NeuralNetwork
    X : array of shape (n_samples, n_inputs)
    Y : array of shape (n_samples, n_outputs), or class labels (n_samples,)

    Returns
    -------
    sizes : ndarray of shape (n_layers,)
        Entry l is the mean of |δ| over the examples and neurons of layer l (0 = the first
        layer of weights), from ``net.trace(X, Y)``.
    """
    trace = getattr(net, "trace", None)
    if not callable(trace):
        raise TypeError(f"delta_sizes needs a NeuralNetwork (with trace(X, Y)), got {type(net).__name__}.")
    return np.array([float(np.mean(np.abs(record.delta))) for record in trace(X, Y)])


def plot_delta_sizes(sizes: Any, ax: Axes | None = None, *, title: str | None = None,
                     path: PathLike | None = None) -> Axes:
    """How big the error δ of each layer is, epoch after epoch, on a log scale.

    Lines that sit far below the output layer's show the layers where learning slows down
    (the vanishing gradient of saturated sigmoid layers, for example).

    Parameters
    ----------
    sizes : array of shape (n_epochs, n_layers)
        One row per epoch, as recorded with ``delta_sizes`` (a list of its results works).
        A single row ``(n_layers,)`` is one epoch. Zeros are left out of the log scale.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if None.
    title : str, optional
        The title; name the network and its start there (default: what the axes hold).
    path : str or Path, optional
        Also save the figure there.

    Returns
    -------
    ax : the Axes drawn on, one line per layer (``ax.lines[l]`` for layer l).
    """
    S = as_array(sizes, "sizes", ndim=(1, 2))
    if S.ndim == 1:
        S = S.reshape(1, -1)  # (1, n_layers): one epoch
    if np.any(S < 0):
        raise ValueError("sizes must be mean |δ| values, which are >= 0; got negative values.")
    target = _check_path(path)
    ax = _axes(ax, target, (6.0, 4.2), "plot_delta_sizes()")
    from matplotlib import colormaps
    from matplotlib.ticker import MaxNLocator

    n_epochs, n_layers = S.shape
    colors = colormaps["viridis"](np.linspace(0.0, 0.85, n_layers))
    epochs = np.arange(1, n_epochs + 1)
    for l in range(n_layers):
        values = np.where(S[:, l] > 0, S[:, l], np.nan)
        ax.plot(epochs, values, color=colors[l], linewidth=2, marker="o" if n_epochs <= 40 else None,
                markersize=3.5, label=_layer_name(l, n_layers))
    if np.any(S > 0):
        ax.set_yscale("log")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean |δ| of the layer")
    ax.set_title(title if title is not None else "mean |δ| of each layer, epoch by epoch")
    ax.legend(fontsize=9)
    _save(ax.figure, target)
    return ax


# ---------------------------------------------------------------------------------------------
# Classification results
# ---------------------------------------------------------------------------------------------


def _true_and_predicted(y_true: Any, y_pred: Any) -> tuple[np.ndarray, np.ndarray]:
    y_true, y_pred = _labels(y_true, "y_true"), _labels(y_pred, "y_pred")
    check_same_length(y_true, y_pred, "y_true", "y_pred")
    return y_true, y_pred


def plot_confusion_matrix(
    y_true: Any,
    y_pred: Any,
    ax: Axes | None = None,
    *,
    labels: Sequence[Any] | None = None,
    path: PathLike | None = None,
) -> Axes:
    """The confusion matrix: how many examples of each true class got each predicted class.

    Row i is the true label ``labels[i]``, column j the predicted label ``labels[j]``; each cell
    shows its count, and the diagonal holds the correct predictions.

    Parameters
    ----------
    y_true, y_pred : arrays of shape (n_samples,)
        Labels (or rows ``(n_samples, n_classes)``, read as the class with the largest value).
    ax : matplotlib Axes, optional
        Where to draw; a new figure if None.
    labels : sequence, optional
        The classes, in the order of the rows and columns; default every label that occurs,
        sorted. A label outside this list is an error.
    path : str or Path, optional
        Also save the figure there.

    Returns
    -------
    ax : the Axes drawn on. Its image holds the count matrix ``(n_classes, n_classes)``, and
        ``ax.texts`` the counts, row by row.
    """
    y_true, y_pred = _true_and_predicted(y_true, y_pred)
    if labels is None:
        classes = np.unique(np.concatenate([y_true, y_pred]))
    else:
        classes = as_array(labels, "labels", ndim=1, dtype=None)
        if np.unique(classes).size != classes.size:
            raise ValueError(f"labels must not repeat a class, got {classes.tolist()}.")
    index = {v: i for i, v in enumerate(classes.tolist())}
    for name, values in (("y_true", y_true), ("y_pred", y_pred)):
        unknown = sorted(set(np.unique(values).tolist()) - set(index))
        if unknown:
            raise ValueError(
                f"{name} holds {', '.join(map(_label_text, unknown[:5]))}, which labels does not list; "
                f"labels is {[_label_text(v) for v in classes.tolist()]}."
            )
    k = classes.size
    counts = np.zeros((k, k), dtype=np.int64)  # (true, predicted)
    np.add.at(counts, ([index[v] for v in y_true.tolist()], [index[v] for v in y_pred.tolist()]), 1)
    target = _check_path(path)
    side = min(max(3.5, 1.2 + 0.55 * k), 9.0)
    ax = _axes(ax, target, (side + 0.8, side), "plot_confusion_matrix()")
    ax.imshow(counts, cmap="Blues", vmin=0, vmax=max(int(counts.max()), 1))
    for i in range(k):
        for j in range(k):
            dark = counts[i, j] > counts.max() / 2
            ax.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize=10 if k <= 12 else 7,
                    color="white" if dark else "0.1")
    names = [_label_text(v) for v in classes.tolist()]
    ax.set_xticks(range(k), names)
    ax.set_yticks(range(k), names)
    ax.set_xlabel("predicted label")
    ax.set_ylabel("true label")
    correct = int(np.trace(counts))
    ax.set_title(f"confusion matrix: {correct} of {len(y_true)} right ({correct / len(y_true):.1%})")
    _save(ax.figure, target)
    return ax


def plot_misclassified(
    X: Any,
    y_true: Any,
    y_pred: Any,
    *,
    image_shape: tuple[int, int] = (8, 8),
    max_images: int = 16,
    path: PathLike | None = None,
) -> Figure:
    """The images the model got wrong, each titled "true → predicted".

    Parameters
    ----------
    X : array of shape (n_samples, height · width)
        One flattened image per row (``datasets.digits()`` gives 8 × 8 ones).
    y_true, y_pred : arrays of shape (n_samples,)
        Labels (or rows ``(n_samples, n_classes)``).
    image_shape : (height, width)
        How to fold a row of X back into an image.
    max_images : int
        Show at most this many (the first ones), >= 1.
    path : str or Path, optional
        Also save the figure there.

    Returns
    -------
    fig : the Figure, one Axes per image shown (title ``"3 → 8"``). With no mistakes, a
        single empty Axes saying so.
    """
    X, _ = as_samples(X, "X")
    y_true, y_pred = _true_and_predicted(y_true, y_pred)
    check_same_length(X, y_true, "X", "y_true")
    if (not isinstance(image_shape, Sequence) or len(image_shape) != 2
            or not all(isinstance(s, int | np.integer) and s >= 1 for s in image_shape)):
        raise ValueError(f"image_shape must be (height, width), two positive integers, got {image_shape!r}.")
    height, width = (int(s) for s in image_shape)
    if height * width != X.shape[1]:
        side = math.isqrt(X.shape[1])
        hint = f"; for square images pass image_shape=({side}, {side})" if side * side == X.shape[1] else ""
        raise ValueError(
            f"image_shape {(height, width)} holds {height * width} pixels, but each row of X has "
            f"{X.shape[1]}{hint}."
        )
    max_images = check_count(max_images, "max_images")
    target = _check_path(path)
    wrong = np.flatnonzero(y_true != y_pred)
    shown = wrong[:max_images]
    if shown.size == 0:
        fig = _new_figure("plot_misclassified()", (4.5, 1.6), standalone=target is not None)
        ax = fig.add_subplot()
        ax.axis("off")
        ax.text(0.5, 0.5, f"No misclassified images:\nall {len(X)} predictions are correct.",
                ha="center", va="center", fontsize=12, transform=ax.transAxes)
        _save(fig, target)
        return fig
    ncols = min(8, math.ceil(math.sqrt(shown.size)))
    nrows = math.ceil(shown.size / ncols)
    figsize = (1.5 * ncols + 0.4, 1.6 * nrows + 0.6)
    fig = _new_figure("plot_misclassified()", figsize, standalone=target is not None)
    axes = np.atleast_1d(fig.subplots(nrows, ncols)).ravel()
    lo, hi = float(X.min()), float(X.max())
    for ax in axes[shown.size:]:
        fig.delaxes(ax)
    for ax, i in zip(axes, shown, strict=False):
        ax.imshow(X[i].reshape(height, width), cmap="gray_r", vmin=lo, vmax=hi if hi > lo else lo + 1)
        ax.set_title(f"{_label_text(y_true[i])} → {_label_text(y_pred[i])}", fontsize=11, color="tab:red")
        ax.set_xticks([])
        ax.set_yticks([])
    first = f", the first {shown.size} shown" if shown.size < wrong.size else ""
    fig.suptitle(f"misclassified: {wrong.size} of {len(X)}{first} (true → predicted)")
    _save(fig, target)
    return fig


__all__ = [
    "DPI",
    "POINT_COLORS",
    "REGION_COLORS",
    "SATURATION",
    "delta_sizes",
    "plot_activations",
    "plot_confusion_matrix",
    "plot_curves",
    "plot_decision_regions",
    "plot_delta_sizes",
    "plot_descent_1d",
    "plot_descent_2d",
    "plot_hidden_units",
    "plot_history",
    "plot_hyperplane",
    "plot_learning_rates",
    "plot_misclassified",
    "plot_network",
    "plot_points",
]
