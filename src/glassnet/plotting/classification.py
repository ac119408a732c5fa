"""Classification results: the confusion matrix, and the images a model got wrong. Lesson: 07."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from glassnet._validation import as_array, as_samples, check_count, check_same_length
from glassnet.plotting.figures import PathLike, as_labels, get_axes, label_text, new_figure, saves_to_path

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def _true_and_predicted(y_true: Any, y_pred: Any) -> tuple[np.ndarray, np.ndarray]:
    y_true, y_pred = as_labels(y_true, "y_true"), as_labels(y_pred, "y_pred")
    check_same_length(y_true, y_pred, "y_true", "y_pred")
    return y_true, y_pred


@saves_to_path
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
                f"{name} holds {', '.join(map(label_text, unknown[:5]))}, which labels does not list; "
                f"labels is {[label_text(v) for v in classes.tolist()]}."
            )
    k = classes.size
    counts = np.zeros((k, k), dtype=np.int64)  # (true, predicted)
    np.add.at(counts, ([index[v] for v in y_true.tolist()], [index[v] for v in y_pred.tolist()]), 1)
    side = min(max(3.5, 1.2 + 0.55 * k), 9.0)
    ax = get_axes(ax, path, (side + 0.8, side), "plot_confusion_matrix()")
    ax.imshow(counts, cmap="Blues", vmin=0, vmax=max(int(counts.max()), 1))
    for i in range(k):
        for j in range(k):
            dark = counts[i, j] > counts.max() / 2
            ax.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize=10 if k <= 12 else 7,
                    color="white" if dark else "0.1")
    names = [label_text(v) for v in classes.tolist()]
    ax.set_xticks(range(k), names)
    ax.set_yticks(range(k), names)
    ax.set_xlabel("predicted label")
    ax.set_ylabel("true label")
    correct = int(np.trace(counts))
    ax.set_title(f"confusion matrix: {correct} of {len(y_true)} right ({correct / len(y_true):.1%})")
    return ax


@saves_to_path
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
    wrong = np.flatnonzero(y_true != y_pred)
    shown = wrong[:max_images]
    if shown.size == 0:
        fig = new_figure("plot_misclassified()", (4.5, 1.6), standalone=path is not None)
        ax = fig.add_subplot()
        ax.axis("off")
        ax.text(0.5, 0.5, f"No misclassified images:\nall {len(X)} predictions are correct.",
                ha="center", va="center", fontsize=12, transform=ax.transAxes)
        return fig
    ncols = min(8, math.ceil(math.sqrt(shown.size)))
    nrows = math.ceil(shown.size / ncols)
    figsize = (1.5 * ncols + 0.4, 1.6 * nrows + 0.6)
    fig = new_figure("plot_misclassified()", figsize, standalone=path is not None)
    axes = np.atleast_1d(fig.subplots(nrows, ncols)).ravel()
    lo, hi = float(X.min()), float(X.max())
    for ax in axes[shown.size:]:
        fig.delaxes(ax)
    for ax, i in zip(axes, shown, strict=False):
        ax.imshow(X[i].reshape(height, width), cmap="gray_r", vmin=lo, vmax=hi if hi > lo else lo + 1)
        ax.set_title(f"{label_text(y_true[i])} → {label_text(y_pred[i])}", fontsize=11, color="tab:red")
        ax.set_xticks([])
        ax.set_yticks([])
    first = f", the first {shown.size} shown" if shown.size < wrong.size else ""
    fig.suptitle(f"misclassified: {wrong.size} of {len(X)}{first} (true → predicted)")
    return fig
