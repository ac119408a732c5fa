"""The model file's format: what a glassnet ``.npz`` holds, and the checks ``save`` and ``load`` share.

The layout (format ``"glassnet-model"``, ``format_version`` 1) is what ``numpy.savez`` writes: a
zip archive of ``.npy`` entries.

    metadata.npy   one string (a 0-d unicode array): the JSON below
    W0.npy, b0.npy layer 0's W ``(n_in, n_out)`` and b ``(n_out,)``, in the network's dtype
    W1.npy, ...    the same for every further layer

    {"format": "glassnet-model", "format_version": 1, "glassnet_version": "0.1.0",
     "sizes": [n_in, hidden..., n_out], "activations": [one name per layer],
     "inits": [one name per layer], "loss": "cross-entropy", "dtype": "float64",
     "seed": 0 or null, "history": History.to_dict() or null,
     "trained_on": a JSON object describing the training data, or null}

Activations and the loss are stored by their registered names (``glassnet.activations.ACTIVATIONS``,
``glassnet.losses.LOSSES``); loading looks the names up there and never imports code named in
a file. A learner's own class is saved once it has a name: ``glassnet.register_activation(cls, name)``.

Every rule of the format is checked here, once, for both directions: ``save`` refuses a network
whose description breaks one (nothing is written), ``load`` a file whose metadata or arrays do.
What breaks a rule is a ``DescriptionError``; ``glassnet.saving`` words it for the file or the network.
"""

from __future__ import annotations

from dataclasses import fields
from itertools import pairwise
from typing import Any

import numpy as np

from glassnet._validation import check_json_object
from glassnet.activations import ACTIVATIONS
from glassnet.layers import INITS, count_params
from glassnet.losses import LOSSES
from glassnet.training import History

FORMAT = "glassnet-model"
FORMAT_VERSION = 1
#: What a file may claim, checked before anything is allocated.
MAX_LAYERS = 10_000
MAX_PARAMETERS = 10**9  # weights and biases: 8 GB in float64, far beyond what numpy training here suits
MAX_METADATA_CHARS = 2**24  # 16 M characters of JSON (a History of some 100 000 epochs)

#: The metadata entries every file has, and those that are null when absent.
REQUIRED = ("format", "format_version", "glassnet_version", "sizes", "activations", "inits", "loss", "dtype")
OPTIONAL = ("seed", "history", "trained_on")


class ModelFileError(ValueError):
    """A file that ``load`` cannot read as a glassnet model: damaged, foreign, or from a newer glassnet.

    The message names the file and what is wrong with it."""


class DescriptionError(Exception):
    """What is wrong with a model's description (metadata or arrays): ``load`` reports it as a
    damaged file, ``save`` as a network it cannot save."""


def array_shapes(sizes: list[int]) -> dict[str, tuple[int, ...]]:
    """The arrays a model of layer ``sizes`` holds, in file order, with their shapes:
    ``{"W0": (n_in, n_out), "b0": (n_out,), "W1": ...}``."""
    shapes: dict[str, tuple[int, ...]] = {}
    for i, (n_in, n_out) in enumerate(pairwise(sizes)):
        shapes[f"W{i}"], shapes[f"b{i}"] = (n_in, n_out), (n_out,)
    return shapes


def check_metadata(metadata: dict[str, Any]) -> None:
    """Raise ``DescriptionError`` unless every metadata entry has the type and range the format gives it."""
    for key in REQUIRED:
        if key not in metadata:
            raise DescriptionError(f"its metadata has no '{key}' entry")
    if unknown := sorted(set(metadata) - set(REQUIRED) - set(OPTIONAL)):
        raise DescriptionError(f"its metadata has entries no glassnet model has: {quote_names(unknown)}")
    version = metadata["format_version"]
    if not _is_int(version):
        raise DescriptionError(f"'format_version' must be an int, got {shorten(version)}")
    if version != FORMAT_VERSION:
        raise DescriptionError(f"'format_version' must be {FORMAT_VERSION}, got {version}")
    if not isinstance(metadata["glassnet_version"], str):
        raise DescriptionError(f"'glassnet_version' must be a string, got {shorten(metadata['glassnet_version'])}")
    sizes = metadata["sizes"]
    if (not isinstance(sizes, list) or not 2 <= len(sizes) <= MAX_LAYERS + 1
            or not all(_is_int(n) and n >= 1 for n in sizes)):
        raise DescriptionError(f"'sizes' must be a list of 2 to {MAX_LAYERS + 1} layer sizes, each an int >= 1, "
                       f"got {shorten(sizes)}")
    n_params = count_params(sizes)
    if n_params > MAX_PARAMETERS:
        raise DescriptionError(f"'sizes' {shorten(sizes)} claims {n_params:,} weights and biases, more than glassnet "
                       f"loads ({MAX_PARAMETERS:,})")
    n_layers = len(sizes) - 1
    for key, registry, kind, register in (("activations", ACTIVATIONS, "activation", "register_activation"),
                                          ("inits", INITS, "initialiser", None)):
        names = metadata[key]
        if not isinstance(names, list) or len(names) != n_layers or not all(isinstance(n, str) for n in names):
            raise DescriptionError(f"'{key}' must be a list of {n_layers} names, one per layer, got {shorten(names)}")
        for i, name in enumerate(names):
            if name not in registry:
                raise DescriptionError(_unknown(kind, name, registry, register, f" for layer {i}"))
    loss = metadata["loss"]
    if not isinstance(loss, str):
        raise DescriptionError(f"'loss' must be a string, got {shorten(loss)}")
    if loss not in LOSSES:
        raise DescriptionError(_unknown("loss", loss, LOSSES, "register_loss"))
    if metadata["dtype"] not in ("float32", "float64"):
        raise DescriptionError(f"'dtype' must be 'float32' or 'float64', got {shorten(metadata['dtype'])}")
    seed = metadata.get("seed")
    if seed is not None and not (_is_int(seed) and seed >= 0):
        raise DescriptionError(f"'seed' must be an int >= 0 or null, got {shorten(seed)}")
    if metadata.get("history") is not None:
        _check_history(metadata["history"])
    if metadata.get("trained_on") is not None:
        try:
            check_json_object(metadata["trained_on"], "trained_on")
        except (TypeError, ValueError) as err:
            raise DescriptionError(str(err).rstrip(".")) from None


def _unknown(kind: str, name: str, registry: dict[str, Any], register: str | None, where: str = "") -> str:
    message = f"unknown {kind} {shorten(name)}{where}; registered: {', '.join(sorted(registry))}"
    if register:
        message += f" (a custom {kind} must be registered before loading: glassnet.{register}(cls, {name!r}))"
    return message


def _check_history(history: Any) -> None:
    """A History as ``History.to_dict`` writes it: per-epoch lists of numbers, best_epoch, stopped_early."""
    if not isinstance(history, dict):
        raise DescriptionError(f"'history' must be an object, got {shorten(history)}")
    if unknown := sorted(set(history) - {field.name for field in fields(History)}):
        raise DescriptionError(f"'history' has entries no History has: {quote_names(unknown)}")
    for key, value in history.items():
        if key == "best_epoch":
            if value is not None and not (_is_int(value) and value >= 0):
                raise DescriptionError(
                    f"'history' entry 'best_epoch' must be an int >= 0 or null, got {shorten(value)}")
        elif key == "stopped_early":
            if not isinstance(value, bool):
                raise DescriptionError(f"'history' entry 'stopped_early' must be true or false, got {shorten(value)}")
        elif not isinstance(value, list) or not all(
                isinstance(x, int | float) and not isinstance(x, bool) for x in value):
            # every other History field is a per-epoch series (NaN allowed: a diverged epoch is a record too)
            raise DescriptionError(f"'history' entry '{key}' must be a list of numbers, got {shorten(value)}")


def check_array(
    name: str, dtype: np.dtype, shape: tuple[int, ...], wanted: np.dtype, wanted_shape: tuple[int, ...],
    *, exact_dtype: bool,
) -> None:
    """An array's dtype and shape against the metadata, before its values are read (load) or
    written (save). ``exact_dtype``: the same float type (any byte order), not merely a real number type."""
    real = dtype.kind in "fiu" if not exact_dtype else dtype.kind == "f" and dtype.itemsize == wanted.itemsize
    if not real:
        raise DescriptionError(f"{name} is stored as {dtype.name if dtype.kind != 'O' else 'object'}, "
                       f"but the metadata says {wanted.name}")
    if tuple(shape) != wanted_shape:
        raise DescriptionError(f"{name} has shape {tuple(shape)}, expected {wanted_shape}")


def check_finite(name: str, values: np.ndarray) -> np.ndarray:
    """``values``, if every one is finite; else the first NaN or infinity, named."""
    if not np.isfinite(values).all():
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(values))[0])
        raise DescriptionError(f"{name} holds NaN or infinite values (first at {where}: {values[where]})")
    return values


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def shorten(value: Any, limit: int = 80) -> str:
    """``repr(value)`` cut to ``limit`` characters, for messages about what a file holds."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def quote_names(items: list[str], limit: int = 8) -> str:
    """Some names from a file, quoted, for a message: ``'W7.npy', 'extra.npy'``."""
    shown = ", ".join(shorten(item, 40) for item in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
