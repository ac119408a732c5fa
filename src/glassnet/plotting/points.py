"""Points in the plane, the regions a model predicts there, a perceptron's line w·x + b = 0. Lessons: 01, 07."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from glassnet._validation import as_array, check_count
from glassnet.labels import class_labels
from glassnet.plotting.figures import (
    PLANE,
    REGION_COLORS,
    PathLike,
    class_palette,
    draw_points,
    get_axes,
    label_text,
    marker_size,
    model_name,
    plane_bounds,
    plane_grid,
    plane_points,
    saves_to_path,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

_OUTSIDE = {"loc": "upper left", "bbox_to_anchor": (1.02, 1.0), "borderaxespad": 0.0}


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


def _label_plane(ax: Axes) -> None:
    """Name the axes x₁ and x₂, with at most about 6 ticks each so their numbers never collide."""
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    if ax.get_xscale() == ax.get_yscale() == "linear":
        ax.locator_params(nbins=6)


@saves_to_path
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
    X, y = plane_points(X, y, "plot_points()")
    ax = get_axes(ax, path, (5.5, 4.5), "plot_points()")
    draw_points(ax, X, y)
    _label_plane(ax)
    _legend(ax, **_OUTSIDE)
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


@saves_to_path
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
            f"plot_decision_regions colours {PLANE}, so the model needs 2 inputs; this one takes {n_in}."
        )
    if X is None and y is not None:
        raise TypeError("y was given without X; pass the points X too.")
    if X is not None:
        X, y = plane_points(X, y, "plot_decision_regions()")
    resolution = check_count(resolution, "resolution", minimum=2)
    box = plane_bounds(bounds, X)
    grid = plane_grid(box, resolution)
    kind, values = _region_values(model, grid)
    ax = get_axes(ax, path, (6.2, 4.8), "plot_decision_regions()")
    from matplotlib.colors import LinearSegmentedColormap, Normalize, TwoSlopeNorm, to_rgb
    from matplotlib.patches import Patch

    image = values.reshape(resolution, resolution)
    show = {"origin": "lower", "extent": box, "aspect": "auto", "interpolation": "nearest", "zorder": 0}
    patches = []
    if kind == "labels":
        palette = class_palette(np.unique(np.concatenate([values, y]) if y is not None else values))
        present = np.unique(values)
        rgb = np.zeros((*image.shape, 3))
        for v in present.tolist():
            rgb[image == v] = to_rgb(palette[v][1])
        ax.imshow(rgb, **show)
        for v in sorted(present.tolist(), reverse=True):
            patches.append(Patch(facecolor=palette[v][1], edgecolor="0.6",
                                 label=f"predicted {label_text(v)}"))
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
        draw_points(ax, X, y, size=marker_size(len(X), 11.0))
    ax.set_xlim(box[0], box[1])
    ax.set_ylim(box[2], box[3])
    _label_plane(ax)
    ax.set_title(f"decision regions of {model_name(model)}")
    handles, labels = ax.get_legend_handles_labels()
    ax.legend([*handles, *patches], [*labels, *(p.get_label() for p in patches)], **_OUTSIDE)
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


@saves_to_path
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
            f"plot_hyperplane draws the line w·x + b = 0 in {PLANE}, so the perceptron needs 2 weights; "
            f"this one has {w.size}."
        )
    if not np.any(w):
        raise ValueError(
            "Both weights of the perceptron are 0, so w·x + b = 0 is no line: it holds everywhere "
            "(b = 0) or nowhere. Train the perceptron first (fit) or give it nonzero weights."
        )
    fresh = ax is None
    ax = get_axes(ax, path, (5.5, 4.5), "plot_hyperplane()")

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
    return ax
