"""Gradient descent drawn: its walk down a curve or across contours, and a learning rate per panel. Lesson: 05."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from glassnet._validation import as_array, check_count, check_positive
from glassnet.plotting.figures import (
    PLANE,
    SUBSCRIPTS,
    PathLike,
    get_axes,
    new_figure,
    plane_grid,
    saves_to_path,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from glassnet.descent import DescentResult

_PATH_COLOR = "#333333"
_MAX_ARROWS = 60  # a descent walk of more steps is drawn as a line through its iterates


def _check_callable(f: Any, name: str, what: str) -> Callable:
    if not callable(f):
        raise TypeError(f"{name} must be a function ({what}), got {type(f).__name__}.")
    return f


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
        raise ValueError(f"{needed_by} draws a walk in {PLANE}, but this path holds {got}.")
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
            zorder=5, label=f"end x{str(len(d)).translate(SUBSCRIPTS)} {_point_text(end, scale)}")


@saves_to_path
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
    lo, hi = float(P.min()), float(P.max())
    margin = 0.15 * (hi - lo) if hi > lo else 1.0
    x = np.linspace(lo - margin, hi + margin, 400)
    ax = get_axes(ax, path, (6.0, 4.2), "plot_descent_1d()")
    ax.plot(x, _evaluate(f, x), color="0.55", linewidth=2, label="f(x)", zorder=1)
    _draw_walk(ax, np.column_stack([P, _evaluate(f, P)]), P[0], P[-1])
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    ax.set_title(f"{_descent_title(1, function, result)}\n{_verdict(P, converged)}", fontsize=10)
    ax.legend(fontsize=9)
    return ax


@saves_to_path
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
    centre = (P.min(axis=0) + P.max(axis=0)) / 2
    half = 0.6 * float(np.max(P.max(axis=0) - P.min(axis=0))) or 1.0  # a square, 20% margin
    box = (centre[0] - half, centre[0] + half, centre[1] - half, centre[1] + half)
    grid = plane_grid(box, 80)
    values = _evaluate(f, grid).reshape(80, 80)
    ax = get_axes(ax, path, (5.8, 4.8), "plot_descent_2d()")
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
    return ax


@saves_to_path
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
    ncols = 2 if len(rates) == 4 else min(len(rates), 3)  # four panels: a 2 × 2 square
    nrows = math.ceil(len(rates) / ncols)
    fig = new_figure("plot_learning_rates()", (4.6 * ncols, 4.2 * nrows), standalone=path is not None)
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
    return fig
