"""Curves over epochs: a History's loss and accuracy, or any named curves side by side. Lessons: 04, 07."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from glassnet._validation import as_array
from glassnet.plotting.figures import PathLike, get_axes, new_figure, saves_to_path

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from glassnet.training import History

#: ``plot_history``'s legend: how the training and the validation figures of an epoch are measured.
TRAINING_LABEL = "training (mean over the epoch's mini-batches)"
VALIDATION_LABEL = "validation (at the epoch's end)"


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


@saves_to_path
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
    panels = [("loss", "loss C")]
    if lists["accuracy"].size or lists["val_accuracy"].size:
        panels.append(("accuracy", "accuracy"))
    fig = new_figure("plot_history()", (5.2 * len(panels), 4.0), standalone=path is not None)
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
    return fig


@saves_to_path
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
    ax = get_axes(ax, path, (6.0, 4.2), "plot_curves()")
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
    return ax
