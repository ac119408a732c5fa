"""Every check of user input, in one place, with messages a person can act on.

Public functions call these once, at the boundary; the hot loops trust their inputs.
Each message says what was expected and what was got.
"""

from __future__ import annotations

import importlib
import numbers
import os
from collections.abc import Sized
from types import ModuleType
from typing import Any

import numpy as np


def _all_finite(arr: np.ndarray) -> bool:
    """Whether every value is finite. A finite sum proves it in one pass with no temporary
    array; only when the sum is not finite (a NaN, an inf, or an overflow) is each value checked."""
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(arr.sum()):
            return True
    return bool(np.isfinite(arr).all())


def as_array(
    x: Any,
    name: str,
    *,
    ndim: int | tuple[int, ...] | None = None,
    dtype: np.dtype | type | None = np.float64,
) -> np.ndarray:
    """Return ``x`` as a finite, non-empty numeric array, or raise a clear error.

    ``ndim`` restricts the number of dimensions (an int or a tuple of allowed ints);
    ``dtype`` is the float type to convert to (``None`` keeps the numeric type).
    """
    if isinstance(x, str | bytes):
        raise TypeError(f"{name} must be numeric, got a string: {x!r}.")
    try:
        arr = np.asarray(x)
    except ValueError as err:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers: {err}") from None
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise TypeError(
            f"{name} must contain numbers, got values of type {arr.dtype} "
            f"(first value: {_plain(arr.flat[0])!r})."
            if arr.size
            else f"{name} must contain numbers, got dtype {arr.dtype}."
        )
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must contain real numbers, got complex values.")
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else ndim
        if arr.ndim not in allowed:
            wanted = " or ".join(f"{d}-d" for d in allowed)
            raise ValueError(f"{name} must be {wanted}, got a {arr.ndim}-d array of shape {arr.shape}.")
    if arr.size == 0:
        raise ValueError(f"{name} is empty (shape {arr.shape}); it needs at least one value.")
    if dtype is not None:
        arr = arr.astype(dtype, copy=False)
    if np.issubdtype(arr.dtype, np.floating) and not _all_finite(arr):
        if arr.ndim == 0:
            raise ValueError(f"{name} must be a finite number, got {arr.item()}.")
        bad = np.argwhere(~np.isfinite(arr))[0]
        where = tuple(int(i) for i in bad)
        raise ValueError(
            f"{name} contains NaN or infinite values (first at index {where[0] if arr.ndim == 1 else where}: "
            f"{arr[tuple(bad)]}); clean or impute them first."
        )
    return arr


def as_samples(
    X: Any, name: str, n_features: int | None = None, dtype: np.dtype | type = np.float64
) -> tuple[np.ndarray, bool]:
    """Return ``X`` as a 2-d ``(n_samples, n_features)`` array and whether it was one sample.

    A 1-d ``X`` is read as one sample (a single row). Where ``n_features`` is given, the
    number of columns must match it.
    """
    arr = as_array(X, name, ndim=(1, 2), dtype=dtype)
    single = arr.ndim == 1
    if single:
        arr = arr.reshape(1, -1)
    if n_features is not None and arr.shape[1] != n_features:
        got = f"a 1-d {name} of length {arr.shape[1]}" if single else f"{name} with {arr.shape[1]} features"
        hint = ""
        if single and n_features == 1:
            hint = f"; if these are {arr.shape[1]} samples of one feature, pass {name}.reshape(-1, 1)"
        raise ValueError(
            f"Got {got}, but {n_features} feature{'s' if n_features != 1 else ''} "
            f"{'were' if n_features != 1 else 'was'} expected{hint}."
        )
    return arr, single


def check_same_length(X: Sized, y: Sized, x_name: str = "X", y_name: str = "y") -> None:
    """Raise if ``X`` and ``y`` hold a different number of samples."""
    if len(X) != len(y):
        raise ValueError(
            f"{x_name} and {y_name} must have the same number of samples, "
            f"got {len(X)} in {x_name} and {len(y)} in {y_name}."
        )


def check_binary_labels(y: np.ndarray, name: str = "y") -> None:
    """Raise unless every label is 0 or 1."""
    bad = ~np.isin(y, (0, 1))
    if bad.any():
        values = np.unique(y[bad])[:5]
        raise ValueError(
            f"{name} must contain only the labels 0 and 1, got {', '.join(map(_fmt, values))}"
            f"{', ...' if np.unique(y[bad]).size > 5 else ''}."
        )


def check_number(
    value: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = False,
    high_inclusive: bool = True,
    integer: bool = False,
) -> Any:
    """Return ``value`` if it is a real number (an integer where asked) inside the bounds.

    The bounds read as mathematics: ``low=0`` means ``value > 0``; with
    ``low_inclusive=True`` it means ``value >= 0``.
    """
    kind = numbers.Integral if integer else numbers.Real
    if isinstance(value, bool) or not isinstance(value, kind):
        wanted = "an integer" if integer else "a number"
        raise TypeError(f"{name} must be {wanted}, got {value!r} ({type(value).__name__}).")
    if not integer and not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}.")
    if low is not None and (value < low or (value == low and not low_inclusive)):
        raise ValueError(f"{name} must be {'>=' if low_inclusive else '>'} {low}, got {value}.")
    if high is not None and (value > high or (value == high and not high_inclusive)):
        raise ValueError(f"{name} must be {'<=' if high_inclusive else '<'} {high}, got {value}.")
    return value


def check_seed(seed: Any, name: str = "seed", *, generator: bool = False) -> Any:
    """Return ``seed`` if it is None or a whole number >= 0 (a numpy integer becomes an int); a
    ``numpy.random.Generator`` only where ``generator`` allows it."""
    if seed is None or (generator and isinstance(seed, np.random.Generator)):
        return seed
    if isinstance(seed, np.random.Generator):
        raise TypeError(
            f"{name} must be an int >= 0 or None, got a numpy Generator: a network keeps its seed (a saved "
            "model records it), and a Generator cannot be recorded. Pass an int."
        )
    return int(check_number(seed, name, low=0, low_inclusive=True, integer=True))


def check_float_dtype(dtype: Any, name: str = "dtype") -> np.dtype:
    """Return ``dtype`` as a numpy dtype if it is float32 or float64."""
    try:
        found = np.dtype(dtype)
    except TypeError:
        found = None
    if found not in (np.float32, np.float64):
        raise TypeError(f"{name} must be float32 or float64, got {dtype!r}.")
    return found


def check_labels(labels: np.ndarray, n_classes: int, name: str = "y") -> None:
    """Raise unless every label is a whole number from 0 to ``n_classes`` - 1."""
    bad = (labels != np.round(labels)) | (labels < 0) | (labels >= n_classes)
    if bad.any():
        allowed = "0 and 1" if n_classes == 2 else f"0 to {n_classes - 1}"
        raise ValueError(f"{name} holds the label {_fmt(labels[bad][0])}, but only the labels {allowed} can be "
                         "predicted here.")


def check_positive(value: Any, name: str) -> float:
    """Return ``value`` if it is a finite number > 0 (a learning rate, a precision...)."""
    return check_number(value, name, low=0)


def check_count(value: Any, name: str, minimum: int = 1) -> int:
    """Return ``value`` if it is an integer >= ``minimum`` (epochs, sizes, batch sizes...)."""
    return int(check_number(value, name, low=minimum, low_inclusive=True, integer=True))


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value it holds, for messages (``'a'``, not ``np.str_('a')``)."""
    return value.item() if isinstance(value, np.generic) else value


def _fmt(value: Any) -> str:
    """Format a label for a message: integral floats print without the trailing .0."""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)


def import_optional(module: str, package: str, extra: str, needed_by: str) -> ModuleType:
    """Import an optional dependency, or raise an ImportError that names the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise ImportError(
            f"{needed_by} needs the optional package {package}, which could not be imported ({err}). "
            f'Install it with: pip install "glassnet[{extra}]"'
        ) from err


def check_json_object(value: Any, name: str, *, max_depth: int = 32) -> dict[str, Any]:
    """Return ``value`` as plain JSON data if it is a JSON object, or raise a clear error.

    A JSON object is a dict with str keys whose values are None, bool, int, finite float, str,
    or lists and dicts of these, nested at most ``max_depth`` deep. Tuples become lists and
    numpy scalars and arrays their Python values, as ``json`` would write them.
    """
    if not isinstance(value, dict):
        raise TypeError(f"{name} must be a dict (a JSON object), got {type(value).__name__}: {value!r:.60}.")
    return _json_value(value, name, max_depth)


def _json_value(value: Any, where: str, depth: int) -> Any:
    if depth < 0:
        raise ValueError(f"{where} is nested too deeply for a JSON record.")
    if isinstance(value, np.generic | np.ndarray):
        value = value.tolist()
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if not np.isfinite(value):
            raise ValueError(f"{where} must be finite, got {value} (JSON has no NaN or infinity).")
        return value
    if isinstance(value, list | tuple):
        return [_json_value(item, f"{where}[{i}]", depth - 1) for i, item in enumerate(value)]
    if isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                raise TypeError(f"{where} must have str keys, got {key!r} ({type(key).__name__}).")
        return {key: _json_value(item, f"{where}[{key!r}]", depth - 1) for key, item in value.items()}
    raise TypeError(
        f"{where} must hold only JSON values (None, bool, int, float, str, lists and dicts), "
        f"got {type(value).__name__}: {value!r:.60}."
    )


def physical_memory() -> int | None:
    """The machine's memory in bytes, or None where the system does not say (Windows)."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def format_bytes(n_bytes: float) -> str:
    """A byte count for a person: ``28.8 GB``, ``612 kB``, ``17 bytes`` (powers of 1000)."""
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n_bytes >= size:
            return f"{n_bytes / size:.3g} {unit}"
    return f"{int(n_bytes)} bytes"


def check_fits(n_bytes: int, what: str, *, share: float = 1.0) -> None:
    """Raise a ValueError, before anything is allocated, if ``n_bytes`` exceed ``share`` of the
    machine's memory. ``what`` names the thing in the message (``"--layers 60000 60000"``)."""
    memory = physical_memory()
    if memory is not None and n_bytes > share * memory:
        of = "" if share == 1.0 else f"{share:.0%} of "
        raise ValueError(
            f"{what} needs {format_bytes(n_bytes)} of memory, more than {of}this machine's "
            f"{format_bytes(memory)}; nothing was allocated."
        )
