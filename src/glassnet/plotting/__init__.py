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

# A plain rename first, so that history follows the code; the next commit splits it along its jobs.
from glassnet.plotting.network import (
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
from glassnet.plotting.network import (
    MAX_NEURONS_DRAWN as MAX_NEURONS_DRAWN,
)
from glassnet.plotting.network import (
    MAX_UNITS_DRAWN as MAX_UNITS_DRAWN,
)
from glassnet.plotting.network import (
    TRAINING_LABEL as TRAINING_LABEL,
)
from glassnet.plotting.network import (
    VALIDATION_LABEL as VALIDATION_LABEL,
)
from glassnet.plotting.network import (
    PathLike as PathLike,
)

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
