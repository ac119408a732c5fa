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
(``.png``, ``.svg``, ``.pdf``; none: ``.png`` is added). A bad ``path`` is said before anything is
drawn, and a file is written whole or not at all (``glassnet.atomic``).

The colours are the track's: class 1 is blue with ``+`` markers, class 0 red with ``−`` (``_``)
markers, and the regions a model predicts are light versions of the same colours. Axes carry
the track's symbols: x₁ and x₂ for the two inputs, z and σ(z) for activations, epoch and loss
for training, η for the learning rate, δ for the error of a layer.

What is where (each module holds its own helpers; ``figures`` holds those they share):

- ``points``: ``plot_points``, ``plot_decision_regions``, ``plot_hyperplane`` (lessons 01, 07).
- ``activations``: ``plot_activations`` and ``SATURATION`` (lesson 02).
- ``curves``: ``plot_history`` (with ``TRAINING_LABEL``, ``VALIDATION_LABEL``) and ``plot_curves``
  (lessons 04, 07).
- ``descent``: ``plot_descent_1d``, ``plot_descent_2d``, ``plot_learning_rates`` (lesson 05).
- ``network``: ``plot_network``, ``plot_hidden_units``, ``delta_sizes``, ``plot_delta_sizes``, with
  ``MAX_NEURONS_DRAWN`` and ``MAX_UNITS_DRAWN`` (lessons 03, 06, 07).
- ``classification``: ``plot_confusion_matrix``, ``plot_misclassified`` (lesson 07).
- ``figures``: what the modules above share: ``saves_to_path``, the decorator every plot function
  wears (the path checked before drawing, the figure written atomically after, at ``DPI``), the
  matplotlib import that names the ``plot`` extra, figure creation, the class colours
  ``POINT_COLORS`` and ``REGION_COLORS``, and the helpers for labels and points in the plane.

Everything public is imported from here: ``from glassnet import plotting; plotting.plot_points(...)``.
"""

# Names imported `as` themselves are public here but outside __all__, as they were in plotting.py.
from glassnet.plotting.activations import SATURATION, plot_activations
from glassnet.plotting.classification import plot_confusion_matrix, plot_misclassified
from glassnet.plotting.curves import TRAINING_LABEL as TRAINING_LABEL
from glassnet.plotting.curves import VALIDATION_LABEL as VALIDATION_LABEL
from glassnet.plotting.curves import plot_curves, plot_history
from glassnet.plotting.descent import plot_descent_1d, plot_descent_2d, plot_learning_rates
from glassnet.plotting.figures import DPI, POINT_COLORS, REGION_COLORS
from glassnet.plotting.figures import PathLike as PathLike
from glassnet.plotting.network import MAX_NEURONS_DRAWN as MAX_NEURONS_DRAWN
from glassnet.plotting.network import MAX_UNITS_DRAWN as MAX_UNITS_DRAWN
from glassnet.plotting.network import delta_sizes, plot_delta_sizes, plot_hidden_units, plot_network
from glassnet.plotting.points import plot_decision_regions, plot_hyperplane, plot_points

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
