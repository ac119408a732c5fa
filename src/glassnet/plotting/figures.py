"""What every plot shares: matplotlib on demand, figures and files, the track's colours and labels.

The helpers the modules of ``glassnet.plotting`` draw with (public inside the package; a reader of
the package starts at its ``__init__``). Every plot function is decorated with ``saves_to_path``:
its ``path`` is checked before anything is drawn, and what it drew is written there afterwards.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from glassnet._validation import as_array, as_samples, check_same_length, import_optional
from glassnet.atomic import check_save_path, write_atomically
from glassnet.labels import target_labels

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

PathLike = str | os.PathLike
Plot = TypeVar("Plot", bound=Callable[..., Any])

#: Resolution of the files written with ``path=`` (dots per inch).
DPI = 120
#: Marker colours of the two classes: label 1 blue, label 0 red.
POINT_COLORS = {1: "#1f5bd6", 0: "#d62728"}
#: Region colours: where a model predicts class 1 (light blue) and class 0 (light red).
REGION_COLORS = {1: "#b4cdf6", 0: "#f6c1be"}

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
PLANE = "the plane (x₁, x₂)"
# The symbol each activation goes by in the lessons; derivatives add a prime.
SYMBOLS = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU", "identity": "id"}


# ---------------------------------------------------------------------------------------------
# Figures, axes and files
# ---------------------------------------------------------------------------------------------


def _matplotlib(needed_by: str) -> ModuleType:
    """matplotlib itself, or an ImportError that names the ``plot`` extra."""
    return import_optional("matplotlib", "matplotlib", "plot", needed_by)


def new_figure(needed_by: str, figsize: tuple[float, float], *, standalone: bool) -> Figure:
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


def get_axes(ax: Axes | None, path: PathLike | None, figsize: tuple[float, float], needed_by: str) -> Axes:
    """The ax to draw on: the one given (checked), or one on a new figure."""
    _matplotlib(needed_by)
    if ax is None:
        return new_figure(needed_by, figsize, standalone=path is not None).add_subplot()
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise TypeError(
            f"ax must be a matplotlib Axes (for example from fig, ax = plt.subplots()), "
            f"got {type(ax).__name__}."
        )
    return ax


def saves_to_path(plot: Plot) -> Plot:
    """Decorate a plot function that takes ``path=``: check the path, draw, save.

    The wrapped function is called with ``path`` already checked (``check_path``: a Path whose
    folder takes the file, or None), so a bad path is said before anything is drawn, and the
    function knows from it whether its figure is standalone. What it returns (an Axes or a
    Figure) has its figure written to ``path`` (``save_figure``) and is returned as it is.
    """

    @functools.wraps(plot)
    def check_draw_save(*args: Any, path: PathLike | None = None, **kwargs: Any) -> Any:
        target = check_path(path)
        drawn = plot(*args, path=target, **kwargs)
        save_figure(drawn.figure, target)  # an Axes' figure; a Figure's .figure is itself
        return drawn

    return check_draw_save  # type: ignore[return-value]


def check_path(path: Any) -> Path | None:
    """``path`` as a Path that a plot can be written to (checked before drawing), or None."""
    if path is None:
        return None
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a file name (str or Path), got {type(path).__name__}.")
    target = Path(path)
    check_save_path(target)  # a folder that exists and takes files; nothing but a regular file replaced
    return target


def save_figure(fig: Figure, path: Path | None) -> None:
    """Write ``fig`` to ``path`` (if any) all at once, in the format its extension names.

    As ``savefig`` does, a name without an extension gets matplotlib's default one (``.png``)."""
    if path is None:
        return
    from matplotlib import rcParams

    image_format = path.suffix[1:].lower()
    if not image_format:
        image_format = rcParams["savefig.format"]
        path = path.with_name(f"{path.name.rstrip('.')}.{image_format}")
    write_atomically(path, lambda f: fig.savefig(f, format=image_format, dpi=DPI, bbox_inches="tight"))


# ---------------------------------------------------------------------------------------------
# Labels and points in the plane
# ---------------------------------------------------------------------------------------------


def as_labels(y: Any, name: str) -> np.ndarray:
    """Class labels ``(n,)`` from labels ``(n,)`` or one row per sample ``(n, k)`` (the largest wins)."""
    return target_labels(as_array(y, name, ndim=(1, 2), dtype=None))


def label_text(value: Any) -> str:
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


def class_palette(values: np.ndarray) -> dict[Any, tuple[Any, Any]]:
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


def plane_points(X: Any, y: Any, needed_by: str) -> tuple[np.ndarray, np.ndarray | None]:
    """Check ``X`` ``(n, 2)`` and its labels ``y`` ``(n,)`` (or None)."""
    X, _ = as_samples(X, "X")
    if X.shape[1] != 2:
        raise ValueError(
            f"{needed_by} draws points in {PLANE}, so X needs 2 columns; got {X.shape[1]}."
        )
    if y is None:
        return X, None
    y = as_labels(y, "y")
    check_same_length(X, y)
    return X, y


def marker_size(n_points: int, size: float) -> float:
    """``size`` for up to 40 points; smaller beyond, so the shading under many points still shows."""
    return size if n_points <= 40 else max(3.0, 0.45 * size)


def draw_points(ax: Axes, X: np.ndarray, y: np.ndarray | None, *, size: float = 11.0,
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
    palette = class_palette(values)
    if _is_binary(values):
        for v in sorted(values.tolist(), reverse=True):  # class 1 first in the legend
            positive = v == 1
            mask = y == v
            ax.plot(X[mask, 0], X[mask, 1], linestyle="none", marker="+" if positive else "_",
                    markersize=size, markeredgewidth=min(2.2, 0.3 * size), color="0.1" if dark else palette[v][0],
                    zorder=3,
                    path_effects=halo, label=f"y = {label_text(v)}  ({'+' if positive else '−'})")
        return
    for v in values.tolist():
        mask = y == v
        ax.plot(X[mask, 0], X[mask, 1], linestyle="none", marker="o", markersize=0.55 * size,
                markeredgecolor="white", markeredgewidth=0.6, color=palette[v][0], zorder=3,
                label=f"class {label_text(v)}")


def model_name(model: Any) -> str:
    sizes = getattr(model, "sizes", None)
    if sizes is not None:
        return f"{type(model).__name__} {list(sizes)}"
    return repr(model) if len(repr(model)) <= 60 else type(model).__name__


def plane_bounds(bounds: Any, X: np.ndarray | None) -> tuple[float, float, float, float]:
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


def plane_grid(bounds: tuple[float, float, float, float], resolution: int) -> np.ndarray:
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
