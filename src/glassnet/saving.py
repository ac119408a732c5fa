"""The model file: one ``.npz`` archive of a network's arrays and its JSON metadata, never pickle.

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

Reading trusts nothing in the file. Every damaged or foreign file is a ``ModelFileError`` (a
``ValueError``) naming the file. The metadata is checked first, sizes capped; then each entry's
``.npy`` header (dtype and shape) is compared with the metadata before a byte of its data is
read, so a file cannot make the loader allocate what its metadata does not announce.

Writing goes through ``glassnet.atomic.write_atomically``: a temporary file in the same folder,
flushed to disk, then renamed over the target, so a crash never leaves half a model. Only a
regular file is ever replaced.
"""

from __future__ import annotations

import contextlib
import json
import math
import numbers
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import fields
from itertools import pairwise
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from glassnet._validation import check_fits, check_json_object
from glassnet.activations import ACTIVATIONS, activation_name
from glassnet.atomic import file_kind, write_atomically
from glassnet.layers import INITS, Dense
from glassnet.losses import LOSSES, loss_name
from glassnet.training import History

if TYPE_CHECKING:
    from glassnet.network import NeuralNetwork

FORMAT = "glassnet-model"
FORMAT_VERSION = 1
#: What a file may claim, checked before anything is allocated.
MAX_LAYERS = 10_000
MAX_PARAMETERS = 10**9  # weights and biases: 8 GB in float64, far beyond what numpy training here suits
MAX_METADATA_CHARS = 2**24  # 16 M characters of JSON (a History of some 100 000 epochs)

_REQUIRED = ("format", "format_version", "glassnet_version", "sizes", "activations", "inits", "loss", "dtype")
_OPTIONAL = ("seed", "history", "trained_on")  # null when absent


class ModelFileError(ValueError):
    """A file that ``load`` cannot read as a glassnet model: damaged, foreign, or from a newer glassnet.

    The message names the file and what is wrong with it."""


class _DescriptionError(Exception):
    """What is wrong with a model's description: ``load`` reports it as a damaged file, ``save``
    as a network it cannot save."""


# ---------------------------------------------------------------------------- save
def save(net: NeuralNetwork, path: str | os.PathLike) -> Path:
    """Write ``net`` to the one ``.npz`` file ``path``: its arrays plus JSON metadata, no pickle.

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
    except _DescriptionError as err:
        raise ValueError(f"Cannot save to {path}: {err}. Nothing was written.") from None
    text = json.dumps(metadata)
    if len(text) > MAX_METADATA_CHARS:
        raise ValueError(f"Cannot save to {path}: its metadata would be {len(text):,} characters long, more than "
                         f"glassnet loads ({MAX_METADATA_CHARS:,}); shorten trained_on_ or the history.")
    write_atomically(path, lambda f: np.savez(f, metadata=np.array(text), **arrays))
    return path


def _describe(net: NeuralNetwork) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The metadata and the arrays of ``net``, checked by the rules ``load`` applies."""
    activations = [_name_of(layer.activation, activation_name, f"layer {i}'s activation", "register_activation")
                   for i, layer in enumerate(net.layers)]
    trained_on = net.trained_on_
    history = getattr(net, "history_", None)  # there only once the network was fitted
    metadata = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "glassnet_version": _version(),
        "sizes": net.sizes,
        "activations": activations,
        "inits": [layer.init for layer in net.layers],
        "loss": _name_of(net.loss, loss_name, "the loss", "register_loss"),
        "dtype": net.dtype.name,
        "seed": _plain_seed(net.seed),
        "history": history.to_dict() if history else None,
        "trained_on": None if trained_on is None else check_json_object(trained_on, "trained_on_"),
    }
    _check_metadata(metadata)
    arrays = {}
    for i, layer in enumerate(net.layers):
        for name, shape in (("W", (layer.n_in, layer.n_out)), ("b", (layer.n_out,))):
            values = np.asarray(getattr(layer, name))
            _check_header(f"{name}{i}", values.dtype, values.shape, net.dtype, shape, exact_dtype=False)
            arrays[f"{name}{i}"] = _check_finite(f"{name}{i}", values.astype(net.dtype, copy=False))
    return metadata, arrays


def _name_of(obj: Any, name_of: Callable[[Any], str | None], what: str, register: str) -> str:
    """The registered name of ``obj`` (``name_of`` is ``activation_name`` or ``loss_name``), or an
    error saying how to register it."""
    name = name_of(obj)
    if name is not None:
        return name
    label = obj.__name__ if isinstance(obj, type) else type(obj).__name__  # a class, or an object with fn and prime
    suggestion = re.sub(r"(?<=.)(?=[A-Z][a-z])", "-", label).lower()
    raise _DescriptionError(
        f"{what} {label} has no registered name, so the file could not say which class it is. Register "
        f'it first, e.g. glassnet.{register}({label}, "{suggestion}"), and register it the same way before loading'
    )


def _plain_seed(seed: Any) -> int | None:
    """The seed as the file stores it: a plain int, or null (none, or a Generator: its state is not kept)."""
    if seed is None or isinstance(seed, np.random.Generator):
        return None
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise _DescriptionError(f"the seed must be an int >= 0, a numpy Generator or None, got {seed!r}")
    return int(seed)


# ---------------------------------------------------------------------------- load
def load(path: str | os.PathLike, *, network_class: type[NeuralNetwork] | None = None) -> NeuralNetwork:
    """Read a network written by ``save``, as ``network_class`` (default ``NeuralNetwork``).

    Raises ``FileNotFoundError`` for a missing file and ``ModelFileError`` (a ``ValueError``)
    naming the file and the problem for anything else that is not a sound glassnet model:
    damaged, truncated, foreign, from a newer format, with NaN or infinite weights, or naming
    an activation or loss that is not registered in this session.
    """
    from glassnet.network import NeuralNetwork  # here: network.py imports this module

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
        except _DescriptionError as err:
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
        net = (network_class or NeuralNetwork)(layers, loss=LOSSES[metadata["loss"]], dtype=dtype)
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
    entries: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        if info.filename in entries:
            raise _DescriptionError(f"it holds two entries named {info.filename}")
        entries[info.filename] = info
    if "metadata.npy" not in entries:
        raise ModelFileError(f"{path} is not a glassnet model: it is an .npz archive without a 'metadata' entry "
                             f"(it holds {_names(sorted(entries))}).")
    metadata = json.loads(_read_metadata(archive, entries["metadata.npy"]))
    if not isinstance(metadata, dict) or metadata.get("format") != FORMAT:
        raise ModelFileError(f"{path} is not a glassnet model: its metadata names no glassnet format.")
    version = metadata.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise ModelFileError(
            f"{path} was written by a newer glassnet (format_version {version}); this glassnet reads "
            f"format_version {FORMAT_VERSION}: upgrade glassnet (pip install -U glassnet) to load it."
        )
    _check_metadata(metadata)
    sizes, dtype = metadata["sizes"], np.dtype(metadata["dtype"])
    n_params = _n_params(sizes)
    try:  # each array is held twice while it is read (its bytes, then the network's copy)
        check_fits(2 * n_params * dtype.itemsize, f"a model of {n_params:,} weights and biases")
    except ValueError as err:
        raise ModelFileError(f"{path} cannot be loaded on this machine: {err}") from None
    expected = {"metadata.npy"} | {f"{name}{i}.npy" for i in range(len(sizes) - 1) for name in "Wb"}
    if missing := sorted(expected - set(entries)):
        raise _DescriptionError(f"entries are missing: {_names(missing)}")
    if extra := sorted(set(entries) - expected):
        raise _DescriptionError(f"it holds entries no {len(sizes) - 1}-layer glassnet model has: {_names(extra)}")
    arrays = {}
    for i, (n_in, n_out) in enumerate(pairwise(sizes)):
        for name, shape in ((f"W{i}", (n_in, n_out)), (f"b{i}", (n_out,))):
            with _entry(archive, entries[f"{name}.npy"]) as member:
                stored, fortran_order, stored_shape = _read_npy_header(member, name)
                _check_header(name, stored, stored_shape, dtype, shape, exact_dtype=True)
                values = _read_npy_data(member, name, stored, stored_shape, fortran_order)
            arrays[name] = _check_finite(name, values.astype(dtype))  # a writable copy, in the native byte order
    return metadata, arrays


@contextlib.contextmanager
def _entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[IO[bytes]]:
    """One entry of the archive, opened for reading if it is one glassnet can read."""
    if info.flag_bits & 0x1:
        raise _DescriptionError(f"its entry {info.filename} is encrypted")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _DescriptionError(f"its entry {info.filename} uses compression method {info.compress_type}; "
                                "glassnet reads stored and deflated entries")
    with archive.open(info) as member:
        yield member


def _read_metadata(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    """The metadata entry's string, its size checked before it is read."""
    with _entry(archive, info) as member:
        dtype, fortran_order, shape = _read_npy_header(member, "metadata")
        if dtype.kind != "U" or shape != ():
            raise _DescriptionError(f"its metadata is stored as {dtype} of shape {shape}, expected one string")
        if dtype.itemsize // 4 > MAX_METADATA_CHARS:
            raise _DescriptionError(f"its metadata is {dtype.itemsize // 4:,} characters long, more than glassnet "
                           f"reads ({MAX_METADATA_CHARS:,})")
        return str(_read_npy_data(member, "metadata", dtype, shape, fortran_order).item())


def _read_npy_header(member: IO[bytes], name: str) -> tuple[np.dtype, bool, tuple[int, ...]]:
    """An .npy entry's dtype, order and shape, read from its header alone."""
    try:
        version = np.lib.format.read_magic(member)
        read_header = {(1, 0): np.lib.format.read_array_header_1_0,
                       (2, 0): np.lib.format.read_array_header_2_0}[version]
        shape, fortran_order, dtype = read_header(member)
    except (ValueError, KeyError, SyntaxError) as err:
        raise _DescriptionError(f"its entry {name}.npy is not a .npy array glassnet reads ({err})") from None
    return dtype, fortran_order, shape


def _read_npy_data(
    member: IO[bytes], name: str, dtype: np.dtype, shape: tuple[int, ...], fortran_order: bool
) -> np.ndarray:
    """The values after an .npy header already checked: exactly as many bytes as it announces."""
    size = math.prod(shape) * dtype.itemsize
    data = member.read(size + 1)  # one byte more shows trailing data; reading to the end checks the zip's CRC
    if len(data) != size:
        raise _DescriptionError(f"its entry {name}.npy holds {len(data):,} bytes of values, "
                                f"its header announces {size:,}")
    values = np.frombuffer(data, dtype=dtype)
    return values.reshape(shape[::-1]).T if fortran_order else values.reshape(shape)


# ---------------------------------------------------------------------------- checks shared by save and load
def _check_metadata(metadata: dict[str, Any]) -> None:
    """Raise ``_DescriptionError`` unless every metadata entry has the type and range the format gives it."""
    for key in _REQUIRED:
        if key not in metadata:
            raise _DescriptionError(f"its metadata has no '{key}' entry")
    if unknown := sorted(set(metadata) - set(_REQUIRED) - set(_OPTIONAL)):
        raise _DescriptionError(f"its metadata has entries no glassnet model has: {_names(unknown)}")
    version = metadata["format_version"]
    if not _is_int(version):
        raise _DescriptionError(f"'format_version' must be an int, got {_short(version)}")
    if version != FORMAT_VERSION:
        raise _DescriptionError(f"'format_version' must be {FORMAT_VERSION}, got {version}")
    if not isinstance(metadata["glassnet_version"], str):
        raise _DescriptionError(f"'glassnet_version' must be a string, got {_short(metadata['glassnet_version'])}")
    sizes = metadata["sizes"]
    if (not isinstance(sizes, list) or not 2 <= len(sizes) <= MAX_LAYERS + 1
            or not all(_is_int(n) and n >= 1 for n in sizes)):
        raise _DescriptionError(f"'sizes' must be a list of 2 to {MAX_LAYERS + 1} layer sizes, each an int >= 1, "
                       f"got {_short(sizes)}")
    n_params = _n_params(sizes)
    if n_params > MAX_PARAMETERS:
        raise _DescriptionError(f"'sizes' {_short(sizes)} claims {n_params:,} weights and biases, more than glassnet "
                       f"loads ({MAX_PARAMETERS:,})")
    n_layers = len(sizes) - 1
    for key, registry, kind, register in (("activations", ACTIVATIONS, "activation", "register_activation"),
                                          ("inits", INITS, "initialiser", None)):
        names = metadata[key]
        if not isinstance(names, list) or len(names) != n_layers or not all(isinstance(n, str) for n in names):
            raise _DescriptionError(f"'{key}' must be a list of {n_layers} names, one per layer, got {_short(names)}")
        for i, name in enumerate(names):
            if name not in registry:
                raise _DescriptionError(_unknown(kind, name, registry, register, f" for layer {i}"))
    loss = metadata["loss"]
    if not isinstance(loss, str):
        raise _DescriptionError(f"'loss' must be a string, got {_short(loss)}")
    if loss not in LOSSES:
        raise _DescriptionError(_unknown("loss", loss, LOSSES, "register_loss"))
    if metadata["dtype"] not in ("float32", "float64"):
        raise _DescriptionError(f"'dtype' must be 'float32' or 'float64', got {_short(metadata['dtype'])}")
    seed = metadata.get("seed")
    if seed is not None and not (_is_int(seed) and seed >= 0):
        raise _DescriptionError(f"'seed' must be an int >= 0 or null, got {_short(seed)}")
    if metadata.get("history") is not None:
        _check_history(metadata["history"])
    if metadata.get("trained_on") is not None:
        try:
            check_json_object(metadata["trained_on"], "trained_on")
        except (TypeError, ValueError) as err:
            raise _DescriptionError(str(err).rstrip(".")) from None


def _unknown(kind: str, name: str, registry: dict[str, Any], register: str | None, where: str = "") -> str:
    message = f"unknown {kind} {_short(name)}{where}; registered: {', '.join(sorted(registry))}"
    if register:
        message += f" (a custom {kind} must be registered before loading: glassnet.{register}(cls, {name!r}))"
    return message


def _check_history(history: Any) -> None:
    """A History as ``History.to_dict`` writes it: per-epoch lists of numbers, best_epoch, stopped_early."""
    if not isinstance(history, dict):
        raise _DescriptionError(f"'history' must be an object, got {_short(history)}")
    if unknown := sorted(set(history) - {field.name for field in fields(History)}):
        raise _DescriptionError(f"'history' has entries no History has: {_names(unknown)}")
    for key, value in history.items():
        if key == "best_epoch":
            if value is not None and not (_is_int(value) and value >= 0):
                raise _DescriptionError(
                    f"'history' entry 'best_epoch' must be an int >= 0 or null, got {_short(value)}")
        elif key == "stopped_early":
            if not isinstance(value, bool):
                raise _DescriptionError(f"'history' entry 'stopped_early' must be true or false, got {_short(value)}")
        elif not isinstance(value, list) or not all(
                isinstance(x, int | float) and not isinstance(x, bool) for x in value):
            # every other History field is a per-epoch series (NaN allowed: a diverged epoch is a record too)
            raise _DescriptionError(f"'history' entry '{key}' must be a list of numbers, got {_short(value)}")


def _check_header(
    name: str, dtype: np.dtype, shape: tuple[int, ...], wanted: np.dtype, wanted_shape: tuple[int, ...],
    *, exact_dtype: bool,
) -> None:
    """An array's dtype and shape against the metadata, before its values are read (load) or
    written (save). ``exact_dtype``: the same float type (any byte order), not merely a real number type."""
    real = dtype.kind in "fiu" if not exact_dtype else dtype.kind == "f" and dtype.itemsize == wanted.itemsize
    if not real:
        raise _DescriptionError(f"{name} is stored as {dtype.name if dtype.kind != 'O' else 'object'}, "
                       f"but the metadata says {wanted.name}")
    if tuple(shape) != wanted_shape:
        raise _DescriptionError(f"{name} has shape {tuple(shape)}, expected {wanted_shape}")


def _check_finite(name: str, values: np.ndarray) -> np.ndarray:
    if not np.isfinite(values).all():
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(values))[0])
        raise _DescriptionError(f"{name} holds NaN or infinite values (first at {where}: {values[where]})")
    return values


def _n_params(sizes: list[int]) -> int:
    """Weights and biases of a network of these layer sizes: Σ (n_in · n_out + n_out)."""
    return sum(n_in * n_out + n_out for n_in, n_out in pairwise(sizes))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _short(value: Any, limit: int = 80) -> str:
    """``repr(value)`` cut to ``limit`` characters, for messages about what a file holds."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _names(items: list[str], limit: int = 8) -> str:
    """Some names from a file, quoted, for a message: ``'W7.npy', 'extra.npy'``."""
    shown = ", ".join(_short(item, 40) for item in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _version() -> str:
    from glassnet.version import __version__

    return __version__
