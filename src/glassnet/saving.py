"""Saving and loading a network: one ``.npz`` archive of its arrays and its JSON metadata, never pickle.

``save(net, path)`` writes the network it is given; ``load(path, network_class)`` builds the class
it is given (``NeuralNetwork.load`` passes its own), so this module never imports the network.
The format and its rules are ``glassnet.model_format``; the archive's entries are read by
``glassnet.npz``; the file is written by ``glassnet.atomic``.

Reading trusts nothing in the file. Every damaged or foreign file is a ``ModelFileError`` (a
``ValueError``) naming the file. The metadata is checked first, sizes capped; then each entry's
``.npy`` header (dtype and shape) is compared with the metadata before a byte of its data is
read, so a file cannot make the loader allocate what its metadata does not announce.

Writing goes through ``glassnet.atomic.write_atomically``: a temporary file in the same folder,
flushed to disk, then renamed over the target, so a crash never leaves half a model. Only a
regular file is ever replaced.
"""

from __future__ import annotations

import json
import numbers
import os
import re
import zipfile
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import IO, Any, TypeVar

import numpy as np

from glassnet._validation import check_fits, check_json_object
from glassnet.activations import ACTIVATIONS, activation_name
from glassnet.atomic import file_kind, write_atomically
from glassnet.layers import Dense, count_params
from glassnet.losses import LOSSES, loss_name
from glassnet.model_format import (
    FORMAT,
    FORMAT_VERSION,
    MAX_METADATA_CHARS,
    DescriptionError,
    ModelFileError,
    array_shapes,
    check_array,
    check_finite,
    check_metadata,
    quote_names,
)
from glassnet.npz import NpzEntryError, list_entries, open_entry, read_header, read_values
from glassnet.training import History
from glassnet.version import __version__

__all__ = ["ModelFileError", "load", "save"]

Net = TypeVar("Net")


# ---------------------------------------------------------------------------- save
def save(net: Any, path: str | os.PathLike) -> Path:
    """Write the network ``net`` to the one ``.npz`` file ``path``: its arrays plus JSON metadata, no pickle.

    Everything is checked before a byte is written: each activation and the loss need a
    registered name, the weights must be finite, ``net.trained_on_`` must be a JSON object, and
    the description must pass the checks ``load`` applies. The file is written to a temporary
    name in the same folder, flushed to disk and renamed, so a crash never leaves a
    half-written model. ``path`` may be a new file, an existing regular file (its permissions
    are kept), or a symbolic link to one (the file it points to is replaced); anything else
    (a directory, a FIFO, a device) is refused. Returns ``path``.
    """
    path = Path(path)
    try:
        metadata, arrays = _describe(net)
    except DescriptionError as err:
        raise ValueError(f"Cannot save to {path}: {err}. Nothing was written.") from None
    text = json.dumps(metadata)
    if len(text) > MAX_METADATA_CHARS:
        raise ValueError(f"Cannot save to {path}: its metadata would be {len(text):,} characters long, more than "
                         f"glassnet loads ({MAX_METADATA_CHARS:,}); shorten trained_on_ or the history.")
    write_atomically(path, lambda f: np.savez(f, metadata=np.array(text), **arrays))
    return path


def _describe(net: Any) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The metadata and the arrays of ``net``, checked by the rules ``load`` applies."""
    activations = [_name_of(layer.activation, activation_name, f"layer {i}'s activation", "register_activation")
                   for i, layer in enumerate(net.layers)]
    trained_on = net.trained_on_
    history = getattr(net, "history_", None)  # there only once the network was fitted
    metadata = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "glassnet_version": __version__,
        "sizes": net.sizes,
        "activations": activations,
        "inits": [layer.init for layer in net.layers],
        "loss": _name_of(net.loss, loss_name, "the loss", "register_loss"),
        "dtype": net.dtype.name,
        "seed": _plain_seed(net.seed),
        "history": history.to_dict() if history else None,
        "trained_on": None if trained_on is None else check_json_object(trained_on, "trained_on_"),
    }
    check_metadata(metadata)
    arrays = {}
    for name, shape in array_shapes(net.sizes).items():  # "W0", "b0", ...: the array of layer int(name[1:])
        values = np.asarray(getattr(net.layers[int(name[1:])], name[0]))
        check_array(name, values.dtype, values.shape, net.dtype, shape, exact_dtype=False)
        arrays[name] = check_finite(name, values.astype(net.dtype, copy=False))
    return metadata, arrays


def _name_of(obj: Any, name_of: Callable[[Any], str | None], what: str, register: str) -> str:
    """The registered name of ``obj`` (``name_of`` is ``activation_name`` or ``loss_name``), or an
    error saying how to register it."""
    name = name_of(obj)
    if name is not None:
        return name
    label = obj.__name__ if isinstance(obj, type) else type(obj).__name__  # a class, or an object with fn and prime
    suggestion = re.sub(r"(?<=.)(?=[A-Z][a-z])", "-", label).lower()
    raise DescriptionError(
        f"{what} {label} has no registered name, so the file could not say which class it is. Register "
        f'it first, e.g. glassnet.{register}({label}, "{suggestion}"), and register it the same way before loading'
    )


def _plain_seed(seed: Any) -> int | None:
    """The seed as the file stores it: a plain int, or null (none, or a Generator: its state is not kept)."""
    if seed is None or isinstance(seed, np.random.Generator):
        return None
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise DescriptionError(f"the seed must be an int >= 0, a numpy Generator or None, got {seed!r}")
    return int(seed)


# ---------------------------------------------------------------------------- load
def load(path: str | os.PathLike, network_class: Callable[..., Net]) -> Net:
    """Read a network written by ``save``, built as ``network_class(layers, loss=..., dtype=...)``.

    ``NeuralNetwork.load(path)`` calls ``load(path, NeuralNetwork)`` (or its subclass).
    Raises ``FileNotFoundError`` for a missing file and ``ModelFileError`` (a ``ValueError``)
    naming the file and the problem for anything else that is not a sound glassnet model:
    damaged, truncated, foreign, from a newer format, with NaN or infinite weights, or naming
    an activation or loss that is not registered in this session.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"No model file at {path}.")
    if not path.is_file():
        raise ModelFileError(f"{path} is not a glassnet model: it is {file_kind(path.stat().st_mode)}, not a file.")
    with path.open("rb") as f:  # an unreadable file is an OSError (PermissionError ...), not a damaged one
        magic = f.read(6)
        if not magic.startswith(b"PK\x03\x04"):  # every .npz is a zip archive
            kind = "a single .npy array" if magic == b"\x93NUMPY" else "not an .npz archive"
            raise ModelFileError(f"{path} is not a glassnet model: it is {kind}.")
        f.seek(0)
        try:
            metadata, arrays = _read(f, path)
        except (ModelFileError, MemoryError):
            raise
        except (DescriptionError, NpzEntryError) as err:
            raise ModelFileError(f"{path} is a damaged glassnet model: {err}.") from None
        except Exception as err:  # whatever else the file's bytes make zipfile, zlib, json or numpy raise
            raise ModelFileError(f"{path} is not a readable glassnet model: {type(err).__name__}: {err}") from err
    dtype = np.dtype(metadata["dtype"])
    try:  # the network's own rules (which loss suits which output ...) hold for a file too
        layers = []
        for i, (n_in, n_out) in enumerate(pairwise(metadata["sizes"])):
            layer = Dense(n_in, n_out, ACTIVATIONS[metadata["activations"][i]], init=metadata["inits"][i],
                          seed=0, dtype=dtype)
            layer.W, layer.b = arrays[f"W{i}"], arrays[f"b{i}"]
            layers.append(layer)
        net = network_class(layers, loss=LOSSES[metadata["loss"]], dtype=dtype)
    except (TypeError, ValueError) as err:
        raise ModelFileError(f"{path} is a damaged glassnet model: {err}") from None
    net.seed = metadata.get("seed")  # ready-made layers take no seed: it is set afterwards
    net.trained_on_ = metadata.get("trained_on")
    if metadata.get("history"):
        net.history_ = History.from_dict(metadata["history"])
    return net


def _read(f: IO[bytes], path: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The checked metadata and arrays of the archive ``f``."""
    archive = zipfile.ZipFile(f)
    entries = list_entries(archive)
    if "metadata.npy" not in entries:
        raise ModelFileError(f"{path} is not a glassnet model: it is an .npz archive without a 'metadata' entry "
                             f"(it holds {quote_names(sorted(entries))}).")
    metadata = json.loads(_read_metadata(archive, entries["metadata.npy"]))
    if not isinstance(metadata, dict) or metadata.get("format") != FORMAT:
        raise ModelFileError(f"{path} is not a glassnet model: its metadata names no glassnet format.")
    version = metadata.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise ModelFileError(
            f"{path} was written by a newer glassnet (format_version {version}); this glassnet reads "
            f"format_version {FORMAT_VERSION}: upgrade glassnet (pip install -U glassnet) to load it."
        )
    check_metadata(metadata)
    sizes, dtype = metadata["sizes"], np.dtype(metadata["dtype"])
    n_params = count_params(sizes)
    try:  # each array is held twice while it is read (its bytes, then the network's copy)
        check_fits(2 * n_params * dtype.itemsize, f"a model of {n_params:,} weights and biases")
    except ValueError as err:
        raise ModelFileError(f"{path} cannot be loaded on this machine: {err}") from None
    shapes = array_shapes(sizes)
    expected = {"metadata.npy"} | {f"{name}.npy" for name in shapes}
    if missing := sorted(expected - set(entries)):
        raise DescriptionError(f"entries are missing: {quote_names(missing)}")
    if extra := sorted(set(entries) - expected):
        raise DescriptionError(f"it holds entries no {len(sizes) - 1}-layer glassnet model has: {quote_names(extra)}")
    arrays = {}
    for name, shape in shapes.items():
        with open_entry(archive, entries[f"{name}.npy"]) as member:
            stored, fortran_order, stored_shape = read_header(member, name)
            check_array(name, stored, stored_shape, dtype, shape, exact_dtype=True)
            values = read_values(member, name, stored, stored_shape, fortran_order)
        arrays[name] = check_finite(name, values.astype(dtype))  # a writable copy, in the native byte order
    return metadata, arrays


def _read_metadata(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    """The metadata entry's string, its size checked before it is read."""
    with open_entry(archive, info) as member:
        dtype, fortran_order, shape = read_header(member, "metadata")
        if dtype.kind != "U" or shape != ():
            raise DescriptionError(f"its metadata is stored as {dtype} of shape {shape}, expected one string")
        if dtype.itemsize // 4 > MAX_METADATA_CHARS:
            raise DescriptionError(f"its metadata is {dtype.itemsize // 4:,} characters long, more than glassnet "
                                   f"reads ({MAX_METADATA_CHARS:,})")
        return str(read_values(member, "metadata", dtype, shape, fortran_order).item())
