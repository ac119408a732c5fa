"""Comparing a learner's value with the expected one, in the checker's own process.

Each comparison raises ``Mismatch`` with a sentence a learner can act on (the shape that
differs, the first index that differs, the type that should have been returned).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from glassnet.checker.spec import Mismatch
from glassnet.checker.values import Opaque, TooLarge, num, show


def as_float_array(got: Any, what: str, shape: tuple[int, ...]) -> np.ndarray:
    """``got`` as an array of floats, or a ``Mismatch`` saying why it is not one."""
    if got is None:
        raise Mismatch(f"{what} is None: did the function forget to `return` its result?")
    if isinstance(got, TooLarge):
        raise Mismatch(f"{what} is {got!r}; expected shape {shape}.")
    if isinstance(got, str | Opaque):
        name = "str" if isinstance(got, str) else got.type_name
        raise Mismatch(f"{what} is a {name}; expected numbers, shape {shape}.")
    try:
        return np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        raise Mismatch(f"{what} is a {type(got).__name__} that is not an array of numbers; "
                       f"expected shape {shape}.") from None


def compare_array(got: Any, expected: Any, *, rtol: float = 1e-6, atol: float = 1e-9,
                  what: str = "the result") -> None:
    """Same shape, and every entry within tolerance; else name the first index that differs."""
    expected = np.asarray(expected, dtype=float)
    arr = as_float_array(got, what, expected.shape)
    if arr.shape != expected.shape:
        scalar = " (one number)" if expected.ndim == 0 else ""
        raise Mismatch(f"{what} has shape {arr.shape}; expected shape {expected.shape}{scalar}.")
    with np.errstate(all="ignore"):
        close = np.isclose(arr, expected, rtol=rtol, atol=atol)
    if not close.all():
        first = tuple(int(i) for i in np.argwhere(~close)[0])
        index = first[0] if len(first) == 1 else first
        where = f" at index {index}" if first else ""
        raise Mismatch(f"{what} differs{where}: expected {num(expected[first])}, got {num(arr[first])}.",
                       index=first[0] if len(first) == 1 else None)


def compare_number(got: Any, expected: Any, *, what: str = "the result") -> None:
    """One number, within tolerance."""
    if isinstance(got, np.ndarray) and got.ndim > 0:
        raise Mismatch(f"{what} is an array of shape {got.shape}; expected one number.")
    compare_array(got, expected, what=what)


def _label_type_problem(got: Any, what: str) -> str | None:
    """Why ``got`` is not the int 0 or 1 the stubs ask for (a bool, a float...), or None."""
    if isinstance(got, bool | np.bool_):
        return (f"{what} returned {bool(got)}, a bool; expected the int {int(got)}: the stub asks for "
                "0 or 1 (int(z > 0) turns the comparison into one).")
    if isinstance(got, float | np.floating) and float(got) in (0.0, 1.0):
        return (f"{what} returned {num(got)}, a float; expected the int {int(got)}: the stub asks for "
                "0 or 1, not 0.0 or 1.0.")
    if isinstance(got, np.ndarray) and got.ndim == 0 and got.dtype.kind in "bf" and float(got) in (0.0, 1.0):
        kind = "bool" if got.dtype.kind == "b" else "float"
        return f"{what} returned a 0-d array of {kind}s; expected the int 0 or 1."
    return None


def compare_label(got: Any, expected: int, *, what: str = "run") -> None:
    """One class label: the int 0 or 1 (a Python int, a numpy integer or a 0-d int array)."""
    if got is None or isinstance(got, str | Opaque | TooLarge):
        raise Mismatch(f"{what} returned {show(got)}; expected the class, 0 or 1.")
    arr = np.asarray(got)
    if arr.ndim != 0:
        raise Mismatch(f"{what} returned an array of shape {arr.shape}; expected one label, 0 or 1, "
                       "for one input.")
    if arr.dtype.kind not in "biuf":
        raise Mismatch(f"{what} returned a {type(got).__name__}; expected the class, 0 or 1.")
    value = float(arr)
    if value not in (0.0, 1.0):
        raise Mismatch(f"{what} returned {num(value)}; expected the class, 0 or 1.")
    if value != expected:
        raise Mismatch(f"expected class {expected}, got {int(value)}.")
    problem = _label_type_problem(got, what)
    if problem:
        raise Mismatch(problem)


def compare_labels(got: Any, expected: np.ndarray, *, what: str = "run(X)") -> None:
    """A numpy array of int labels 0/1, one per row of a batch."""
    if isinstance(got, list | tuple):
        raise Mismatch(f"{what} returned a Python {type(got).__name__}; the stub asks for a numpy array "
                       f"of labels, shape {expected.shape}.")
    compare_array(got, expected, what=what)
    if not isinstance(got, np.ndarray) or got.dtype.kind not in "iu":
        kind = got.dtype if isinstance(got, np.ndarray) else type(got).__name__
        raise Mismatch(f"{what} returned labels of type {kind}; expected ints 0 and 1 "
                       "((z > 0).astype(int) makes them).")


def close(got: Any, candidate: Any) -> bool:
    """Whether ``got`` equals ``candidate`` (same shape, within tolerance): for diagnoses."""
    try:
        arr = np.asarray(got, dtype=float)
        other = np.asarray(candidate, dtype=float)
    except (TypeError, ValueError):
        return False
    with np.errstate(all="ignore"):
        return arr.shape == other.shape and bool(np.allclose(arr, other, rtol=1e-6, atol=1e-9))


def first_match(got: Any, candidates: Sequence[tuple[Any, str]]) -> str | None:
    """The hint of the first wrong-but-typical value that ``got`` equals."""
    for value, hint in candidates:
        if close(got, value):
            return hint
    return None


def feedforward(layers: list[tuple[np.ndarray, np.ndarray]], X: np.ndarray, act: type) -> np.ndarray:
    """``a = act.fn(a @ W + b)`` layer after layer, from ``a = X``: the reference network."""
    A = X
    for W, b in layers:
        A = act.fn(A @ W + b)
    return A
