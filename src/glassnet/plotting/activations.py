"""The activation functions φ(z) and their derivatives φ′(z), saturation marked. Lesson: 02."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from glassnet._validation import as_array
from glassnet.activations import describe_activation
from glassnet.plotting.figures import SYMBOLS, PathLike, new_figure, saves_to_path

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: σ'(z) or tanh'(z) below this counts as saturated in ``plot_activations``.
SATURATION = 0.05

_STRIP = 0.055  # plot_activations: each saturation strip's share of the panel's height
_STRIP_POINTS = 9.0  # its line width in points: thinner than _STRIP of a 4.2-inch-high panel
_CURVE_COLORS = {"sigmoid": "tab:blue", "tanh": "tab:orange", "relu": "tab:green", "identity": "tab:gray"}


@saves_to_path
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
    fig = new_figure("plot_activations()", (10.5, 4.2), standalone=path is not None)
    ax_fn, ax_prime = fig.subplots(1, 2, sharex=True)
    from matplotlib.colors import to_rgb

    saturating = [activation for activation in classes if activation in (Sigmoid, Tanh)]
    for activation in classes:
        name = describe_activation(activation)
        symbol = SYMBOLS.get(name, name)
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
    return fig
