"""The one rule for what a learner's code returns, and the comparison with the right answer.

Every exercise's stub states the same rule (``RULE_TEXT``): the type the docstring names, the
exact shape, labels as the int 0 or 1, full precision for float64 and integer inputs, no
argument changed in place. ``compare(rule, got, expected)`` applies it and returns a
``Problem`` (its kind, a sentence a learner can act on, and the first index that differs) or
None when the answer is right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from glassnet.checker.values import describe_type, num, show
from glassnet.checker.wire import Opaque, TooLarge

#: The rule, as each stub states it (word for word; a test keeps them the same).
RULE_TEXT = """\
What the checker expects back (the same rule in every exercise):
- the type named here: a numpy array where it says array, a list where it says list, a pair
  (return a, b) where it says pair, one number (a Python or numpy number, never an array,
  not even one of shape () or (1,)) where it says number;
- arrays of exactly the shape stated: nothing squeezed, nothing added (a batch of one row
  gives a result with one row);
- a class label is the int 0 or 1: not True/False, not 1.0, not a 0-d array;
- full precision: float64 or integer inputs give float64 results (never float32); float32
  inputs may give float32 or float64; integer inputs are numbers like any other;
- no argument changed in place."""

#: Relative and absolute tolerance (the absolute one scaled by the largest expected entry);
#: "clipped" for answers at a clip's edge, where ln(1 − (1 − 1e-12)) and ln(1e-12) differ by 1e-5.
TOLERANCE = {"float64": (1e-8, 1e-11), "float32": (2e-4, 2e-5), "clipped": (1e-4, 1e-11)}


@dataclass(frozen=True)
class Rule:
    """What one answer must be. kind: "label", "labels", "array", "number", "numbers" (a list of
    numbers), "pair" (two parts), "arrays" (a list of arrays, one shape each). ``what`` names
    it in messages; ``precision`` is the inputs' ("float64" or "float32")."""

    kind: str
    what: str = "the result"
    shape: tuple[int, ...] | None = None
    parts: tuple[Rule, ...] = ()
    precision: str = "float64"
    relative: bool = False  # the absolute tolerance scales with the largest entry, even below 1


@dataclass(frozen=True)
class Problem:
    """Why an answer is not right. kind: "none" (None came back), "type", "shape", "dtype",
    "value", "structure" (a piece missing or misshapen), "changed" (an argument changed in
    place), "warning"; ``index`` is the first entry that differs; ``hint`` what to do, where the
    problem itself says it."""

    kind: str
    text: str
    index: tuple[int, ...] | None = None
    hint: str = ""


def _number_type(got: Any) -> bool:
    return isinstance(got, int | float | np.integer | np.floating) and not isinstance(got, bool | np.bool_)


def close(got: Any, expected: Any, precision: str = "float64", relative: bool = False) -> np.ndarray:
    """Entry by entry, whether ``got`` is within tolerance of ``expected`` (same shape assumed):
    rtol, and atol times the largest expected entry (at least 1, unless ``relative``)."""
    rtol, atol = TOLERANCE[precision]
    expected = np.asarray(expected, dtype=float)
    got = np.asarray(got, dtype=float)
    with np.errstate(all="ignore"):
        finite = expected[np.isfinite(expected)]
        largest = float(np.max(np.abs(finite))) if finite.size else 1.0
        scale = max(largest, 1e-300) if relative else max(1.0, largest)
        return np.isclose(got, expected, rtol=rtol, atol=atol * scale, equal_nan=True) | (got == expected)


def same(got: Any, expected: Any, precision: str = "float64") -> bool:
    """Whether two answers have the same shape and values (for mistake models; types ignored)."""
    try:
        a, b = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return _structured_same(got, expected, precision)
    return a.shape == b.shape and bool(np.all(close(a, b, precision)))


def _structured_same(got: Any, expected: Any, precision: str) -> bool:
    if isinstance(got, list | tuple) and isinstance(expected, list | tuple) and len(got) == len(expected):
        return all(same(g, e, precision) for g, e in zip(got, expected, strict=True))
    return False


def _values(got: np.ndarray, expected: np.ndarray, what: str, precision: str, relative: bool = False,
            ) -> Problem | None:
    ok = close(got, expected, precision, relative)
    if ok.all():
        return None
    first = tuple(int(i) for i in np.argwhere(~ok)[0])
    where = f" at index {first[0] if len(first) == 1 else first}" if first else ""
    return Problem("value", f"{what} differs{where}: expected {num(expected[first])}, got {num(got[first])}.",
                   first)


def _precision(got: Any, what: str, precision: str) -> Problem | None:
    dtype = getattr(got, "dtype", None)
    if precision == "float64" and dtype is not None and dtype.kind == "f" and dtype.itemsize < 8:
        return Problem("dtype", f"{what} is {dtype} though the inputs are float64 (or integers): something in "
                                "your code computes in lower precision and loses digits (np.float32, "
                                "dtype=np.float32 or .astype(np.float32)); keep numpy's float64.")
    return None


def compare(rule: Rule, got: Any, expected: Any) -> Problem | None:
    """The first way ``got`` breaks ``rule`` or differs from ``expected``, or None."""
    what = rule.what
    if got is None and "[" in what:  # one entry of the result: made as None and never filled in
        return Problem("none", f"{what} is None: that entry was never given a value. Look for the loop that should "
                               "fill it and where it stops (range(L - 1, 0, -1) ends before 0).")
    if got is None:
        return Problem("none", f"{what} is None: did the function forget to `return` its result?")
    if isinstance(got, TooLarge):
        return Problem("shape", f"{what} is {got!r}; expected {describe_type(expected)}.")
    return {"label": _label, "labels": _labels, "array": _array, "number": _number, "numbers": _numbers,
            "pair": _pair, "arrays": _arrays}[rule.kind](rule, got, expected)


def _label(rule: Rule, got: Any, expected: int) -> Problem | None:
    what = rule.what
    if isinstance(got, np.ndarray):
        kind = "a 0-d numpy array" if got.ndim == 0 else f"a numpy array of shape {got.shape}"
        hint = " (np.where and np.array give one; int(...) makes a number)" if got.ndim == 0 else ""
        value = got.item() if got.size == 1 else None
        if value is not None and float(value) != expected and float(value) in (0.0, 1.0):
            return Problem("value", f"expected class {expected}, got {int(value)} ({kind}).")
        return Problem("type", f"{what} returned {kind}{hint}; a class is one int, 0 or 1.")
    if not (_number_type(got) or isinstance(got, bool | np.bool_)):
        return Problem("type", f"{what} returned {show(got, 120)} ({describe_type(got)}); expected the class, "
                               "the int 0 or 1.")
    value = float(got)
    if value not in (0.0, 1.0):
        return Problem("value", f"{what} returned {num(got)}; a class is 0 or 1.")
    if value != expected:
        return Problem("value", f"expected class {expected}, got {int(value)}.")
    if isinstance(got, bool | np.bool_):
        return Problem("type", f"{what} returned {bool(got)}, a bool; a class is the int {int(value)}: "
                               "int(z > 0) turns the comparison into one.")
    if not isinstance(got, int | np.integer):
        return Problem("type", f"{what} returned {num(got)}, a float; a class is the int {int(value)}, "
                               "not 0.0 or 1.0.")
    return None


def _as_array(rule: Rule, got: Any, expected: Any, element: str) -> tuple[np.ndarray | None, Problem | None]:
    """``got`` as an array of the expected shape, or the problem that prevents it."""
    what, shape = rule.what, np.shape(expected)
    if not isinstance(got, np.ndarray):
        try:
            got_shape = np.shape(got)
        except (TypeError, ValueError):  # a ragged list, an object
            got_shape = None
        kind = "type" if got_shape == shape else "shape"
        if isinstance(got, list | tuple):
            items = _items(got, expected, shape, element)
            return None, Problem("type" if "is the right answer" in items else kind,
                                 f"{what} is a Python {type(got).__name__}{items}")
        return None, Problem(kind, f"{what} is {show(got, 80)} ({describe_type(got)}); expected a numpy array of "
                                   f"{element}, shape {shape}.")
    if got.shape != shape:
        return None, Problem("shape", f"{what} has shape {got.shape}; expected shape {shape}.")
    if got.dtype.kind not in "iuf" and element != "int labels":
        kind = "bools" if got.dtype.kind == "b" else str(got.dtype)
        return got, Problem("type", f"{what} is an array of {kind}; expected numbers (floats).")
    return got, None


def _items(got: list | tuple, expected: Any, shape: tuple[int, ...], element: str) -> str:
    """What a list or tuple holds, where one array of ``shape`` was expected, and the fix that fits."""
    try:
        as_array = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        as_array = None
    if as_array is not None and as_array.shape == shape:
        return f" of numbers; the rule: a numpy array of {element}, shape {shape} (np.array(...) makes one)."
    shapes = [describe_type(item) for item in got[:4]] + (["..."] if len(got) > 4 else [])
    text = f" of {len(got)} item{'s' if len(got) != 1 else ''} ({'; '.join(shapes)}); the rule: one numpy array of " \
           f"{element}, shape {shape}."
    for i, item in enumerate(got):
        if isinstance(item, np.ndarray) and item.shape == shape and same(item, expected):
            return text + (f" Its item {i} is the right answer: return that array alone, not the list"
                           f"{' (the last value computed, not every step on the way)' if i == len(got) - 1 else ''}.")
    return text


def _labels(rule: Rule, got: Any, expected: np.ndarray) -> Problem | None:
    arr, problem = _as_array(rule, got, expected, "int labels")
    if problem is not None:
        return problem
    if arr.dtype.kind not in "biuf":
        return Problem("type", f"{rule.what} is an array of {arr.dtype}; expected int labels.")
    values = _values(arr.astype(float), np.asarray(expected, dtype=float), rule.what, "float64")
    if values is not None:
        return values
    if arr.dtype.kind != "i" and arr.dtype.kind != "u":
        kind = "bools" if arr.dtype.kind == "b" else "floats"
        return Problem("type", f"{rule.what} returned labels as {kind}; the rule: ints 0 and 1 "
                               "((z > 0).astype(int) makes them).")
    return None


def _array(rule: Rule, got: Any, expected: Any) -> Problem | None:
    arr, problem = _as_array(rule, got, expected, "numbers")
    if problem is not None:
        return problem
    lower = _precision(arr, rule.what, rule.precision)
    if lower is not None and np.all(close(arr, expected, "float32")):
        return lower  # the values are off by float32's rounding only: the dtype is the cause
    return _values(arr, np.asarray(expected, dtype=float), rule.what, rule.precision, rule.relative) or lower


def _number(rule: Rule, got: Any, expected: Any) -> Problem | None:
    what = rule.what
    if isinstance(got, np.ndarray):
        if got.ndim == 0:
            return Problem("type", f"{what} is a 0-d numpy array; expected one number (float(...) makes one).")
        return Problem("shape", f"{what} is an array of shape {got.shape}, {got.size} value"
                       f"{'s' if got.size != 1 else ''}, where one number is expected{_reduced(got, expected)}")
    if not _number_type(got):
        return Problem("type", f"{what} is {show(got, 120)} ({describe_type(got)}); expected one number.")
    return _values(np.asarray(float(got)), np.asarray(float(expected)), what, rule.precision) or _precision(
        got, what, rule.precision)


def _reduced(got: np.ndarray, expected: Any) -> str:
    """Why an array came back where one number was expected, from its entries."""
    try:
        total, mean, right = float(np.sum(got)), float(np.mean(got)), float(expected)
    except (TypeError, ValueError):
        return ": reduce to one number."
    if got.size > 1 and np.isclose(total, right, rtol=1e-8, atol=1e-11):
        return ": its values add up to the right number, so a sum ran over one axis only (axis=0 or axis=1); " \
               "np.sum(...) with no axis adds up every entry."
    if got.size > 1 and np.isclose(mean, right, rtol=1e-8, atol=1e-11):
        return ": their mean is the right number, so a mean ran over one axis only; reduce over every axis."
    return (": a sum or mean over one axis (axis=..., keepdims=True) leaves an array; reduce over every axis "
            "(np.sum or np.mean with no axis) to get one number.")


def _numbers(rule: Rule, got: Any, expected: list[float]) -> Problem | None:
    what = rule.what
    if not isinstance(got, list):
        if isinstance(got, np.ndarray | tuple):
            return Problem("type", f"{what} is a {'numpy array' if isinstance(got, np.ndarray) else 'tuple'}; the "
                                   "rule: a Python list of numbers (path.append(x) in a list that starts [x0]).")
        return Problem("type", f"{what} is {describe_type(got)}; expected a list of numbers.")
    for i, item in enumerate(got):
        if not _number_type(item):
            single = np.ndim(item) == 0 and isinstance(item, np.ndarray | np.generic) and np.asarray(item).dtype.kind \
                in "iuf"
            fix = ": float(x) makes one" if single else ""
            return Problem("type", f"point {i} of {what} is {show(item, 80)} ({describe_type(item)}); each point "
                                   f"is one number (a Python float, or a numpy float{fix}).", (i,))
    common = min(len(got), len(expected))
    values = _values(np.asarray(got[:common], dtype=float), np.asarray(expected[:common], dtype=float), what,
                     rule.precision)
    if values is not None:
        return values
    if len(got) != len(expected):
        return Problem("value", f"{what} has {len(got)} points; expected {len(expected)} (x0 and "
                                f"{len(expected) - 1} steps).", (common - 1,) if common else None)
    return next((p for item in got if (p := _precision(item, f"{what}'s numbers", rule.precision))), None)


def _pair(rule: Rule, got: Any, expected: tuple) -> Problem | None:
    if not isinstance(got, tuple | list) or len(got) != len(rule.parts):
        return Problem("type", f"{rule.what} is {show(got, 120)} ({describe_type(got)}); expected a pair "
                               f"({', '.join(part.what for part in rule.parts)}).")
    for part, g, e in zip(rule.parts, got, expected, strict=True):
        problem = compare(part, g, e)
        if problem is not None:
            return problem
    return None


def _arrays(rule: Rule, got: Any, expected: list) -> Problem | None:
    if not isinstance(got, list | tuple) or len(got) != len(expected):
        return Problem("type", f"{rule.what} should be a list of {len(expected)} arrays, one per layer; got "
                               f"{show(got, 120)}.")
    for i, (g, e) in enumerate(zip(got, expected, strict=True)):
        problem = compare(Rule("array", f"{rule.what}[{i}]", precision=rule.precision, relative=rule.relative), g, e)
        if problem is not None:
            return problem
    return None


def changed(sent: Any, after: Any) -> bool:
    """Whether an argument came back different from what was sent (changed in place)."""
    if isinstance(sent, list | tuple):
        return not (type(after) is type(sent) and len(after) == len(sent)) or any(
            changed(s, a) for s, a in zip(sent, after, strict=True))
    if isinstance(sent, np.ndarray):
        return not (isinstance(after, np.ndarray) and after.shape == sent.shape and after.dtype == sent.dtype
                    and bool(np.array_equal(after, sent, equal_nan=True)))
    if isinstance(sent, Opaque) or isinstance(after, Opaque):
        return False
    return not (type(after) is type(sent) and (after == sent or (after != after and sent != sent)))
