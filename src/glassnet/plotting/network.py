"""The network itself: its weights, what its hidden units compute, the size of its errors δ. Lessons: 03, 06, 07."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from glassnet._validation import as_array, check_count, check_number
from glassnet.activations import describe_activation
from glassnet.plotting.figures import (
    PLANE,
    POINT_COLORS,
    SUBSCRIPTS,
    SYMBOLS,
    PathLike,
    draw_points,
    get_axes,
    marker_size,
    model_name,
    new_figure,
    plane_bounds,
    plane_grid,
    plane_points,
    saves_to_path,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: ``plot_network`` draws at most this many neurons of a layer, then an ellipsis.
MAX_NEURONS_DRAWN = 16
#: ``plot_hidden_units`` draws at most this many neurons.
MAX_UNITS_DRAWN = 32


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


@saves_to_path
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
    drawn = [min(n, MAX_NEURONS_DRAWN) for n in sizes]
    height = max(drawn)
    ax = get_axes(ax, path, (1.9 * len(sizes) + 2.0, 0.5 * height + 1.6), "plot_network()")
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
                ax.text(0, y, f"x{str(j + 1).translate(SUBSCRIPTS)}", ha="center", va="center",
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
    ax.set_title(f"{model_name(net)}: {n_weights} weight{'s' if n_weights != 1 else ''}, "
                 f"{n_biases} bias{'es' if n_biases != 1 else ''}")
    return ax


@saves_to_path
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
            f"plot_hidden_units draws each neuron over {PLANE}, so the network needs 2 inputs; "
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
        X, y = plane_points(X, y, "plot_hidden_units()")
    resolution = check_count(resolution, "resolution", minimum=2)
    box = plane_bounds(bounds, X)

    A = net.trace(plane_grid(box, resolution))[index].A  # (resolution², n_units): that layer's A = φ(Z)
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
    fig = new_figure("plot_hidden_units()", figsize, standalone=path is not None)
    axes = np.atleast_1d(fig.subplots(nrows, ncols)).ravel()
    image = None
    for j, ax in enumerate(axes):
        if j >= shown:
            ax.axis("off")
            continue
        image = ax.imshow(A[:, j].reshape(resolution, resolution), origin="lower", extent=box, aspect="auto",
                          interpolation="nearest", cmap=cmap, vmin=vmin, vmax=vmax)
        if X is not None:
            draw_points(ax, X, y, size=marker_size(len(X), 7.0), dark=True)
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
    fig.colorbar(image, ax=list(axes), label=f"activation a = {SYMBOLS.get(name, name)}(z)", shrink=0.8)
    more = f" (the first {shown} of {n_units})" if shown < n_units else ""
    title = f"{_layer_name(index, len(layers))}: each neuron's activation over {PLANE}{more}"
    if w_out is not None:
        symbol = SYMBOLS.get(following.activation.name, following.activation.name)
        title += (f"\nthe next layer's neuron combines them: a = {symbol}(Σⱼ wⱼ aⱼ + b), "
                  f"b = {float(following.b[0]):+.2f}".replace("-", "−"))
    fig.suptitle(title)
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


@saves_to_path
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
    ax = get_axes(ax, path, (6.0, 4.2), "plot_delta_sizes()")
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
    return ax
