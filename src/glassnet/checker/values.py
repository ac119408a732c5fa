"""Values as a learner reads them: numbers short but exact, arrays with their shape, types named.

``show`` writes a value, ``show_near`` shortens a long one around the index where it first
differs, ``named`` writes ``name = value`` lines and ``code`` a value as Python source for the
call line; ``describe_type`` names what came back ("a Python list", "a numpy float32").
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from glassnet.checker.wire import Opaque, TooLarge


def describe_type(value: Any) -> str:
    """What ``value`` is, in words: "a Python list", "a numpy array of float32", "a bool"."""
    if isinstance(value, Opaque | TooLarge):
        return f"a {value.type_name}"
    if isinstance(value, np.ndarray):
        return f"a numpy array of {value.dtype}, shape {value.shape}"
    if isinstance(value, np.generic):
        return f"a numpy {value.dtype}"
    if isinstance(value, list | tuple):
        return f"a Python {type(value).__name__} of {len(value)}"
    return "None" if value is None else f"a {type(value).__name__}"


def num(x: Any) -> str:
    """One number, short but exact enough to see a difference (10 significant digits)."""
    if isinstance(x, bool | np.bool_):
        return str(bool(x))
    if isinstance(x, int | np.integer):
        return str(int(x))
    text = f"{float(x):.10g}"
    return text if re.search(r"[.en]", text) else text + ".0"  # 4 -> 4.0, but keep nan, inf, 1e+20


def show(value: Any, limit: int = 900) -> str:
    """A value as a learner reads it: numbers short, arrays as nested lists with their shape."""
    if value is None:
        return "None"
    if isinstance(value, str):
        return repr(value)[:limit]
    if isinstance(value, bool | int | float | np.generic) and np.ndim(value) == 0:
        try:
            return num(value)
        except (TypeError, ValueError):
            return repr(value)[:limit]
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf":
            return f"array of {value.dtype} {value.shape}"
        if value.ndim == 0:
            return num(value.item())
        text = np.array2string(value, separator=", ", threshold=60, edgeitems=3, max_line_width=90,
                               formatter={"float_kind": num, "int_kind": num, "bool": num})
        kinds = [f"shape {value.shape}"] if value.ndim > 1 else []
        kinds += [] if value.dtype in (np.float64, np.int64) else [str(value.dtype)]
        return f"{text}   ({', '.join(kinds)})" if kinds else text
    if isinstance(value, tuple | list):
        inner = ", ".join(show(item, limit) for item in value)
        text = f"({inner}{',' if len(value) == 1 else ''})" if isinstance(value, tuple) else f"[{inner}]"
        return text if len(text) <= limit else text[:limit] + " ..."
    return repr(value)[:limit]


def show_near(value: Any, index: int, width: int = 3) -> str:
    """A long 1-d list or array shown only around ``index``: ``[..., 3.9, 3.88, ...] (70 numbers)``."""
    items = list(np.asarray(value).ravel()) if isinstance(value, np.ndarray) else list(value)
    if len(items) <= 4 * width:
        return show(value)
    start, stop = max(0, index - width), min(len(items), index + width + 1)
    shown = [f"{num(x)}{' (index ' + str(i) + ')' if i == index else ''}"
             for i, x in zip(range(start, stop), items[start:stop], strict=True)]
    text = ", ".join(["...", *shown] if start else shown) + (", ..." if stop < len(items) else "")
    return f"[{text}]   ({len(items)} numbers)"


def named(name: str, value: Any) -> str:
    """``name = value``, continuation lines lined up under the value; a str is shown as is."""
    first, *rest = (value if isinstance(value, str) else show(value)).splitlines() or [""]
    pad = " " * (len(name) + 3)
    return "\n".join([f"{name} = {first}", *(pad + line for line in rest)])


def code(value: Any) -> str:
    """A value as Python source, for the call line: np.array([0.0, 2.0]), -1.0, [[0, 1]],
    np.float32(0.5), np.array([1, 2], dtype=np.float32)."""
    if isinstance(value, np.ndarray):
        kind = "" if value.dtype in (np.float64, np.int64) else f", dtype=np.{value.dtype}"
        return f"np.array({value.tolist()!r}{kind})"
    if isinstance(value, np.generic):
        return f"np.{value.dtype}({value.item()!r})"
    return repr(value)
