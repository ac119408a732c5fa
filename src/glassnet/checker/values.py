"""Values on their way from the learner's process to the checker's, and shown to the learner.

The worker sends back only what the learner's code computed, as plain JSON: ``encode`` turns
a value into tagged JSON (``{"array": [...], "dtype": "<f8", "shape": [3]}``, ``{"int": 1}``),
capped in size, and ``decode`` turns it back into numbers and arrays in the checker's process.
Nothing decoded is ever called: an object the checker does not know arrives as an ``Opaque``
holding its type's name and the start of its repr.

``show`` writes a value as a learner reads it; ``show_near`` shortens a long one around the
index where it first differs from the expected value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

#: Most numbers one value may hold; a bigger array arrives as ``TooLarge``.
MAX_ENTRIES = 100_000
#: Deepest nesting of lists and tuples that is sent.
MAX_DEPTH = 12
_TEXT = 300  # characters kept of a string or a repr


@dataclass(frozen=True)
class Opaque:
    """A value of a type the checker does not send: its type's name and the start of its repr."""

    type_name: str
    text: str

    def __repr__(self) -> str:
        return f"{self.text} (a {self.type_name})"


@dataclass(frozen=True)
class TooLarge:
    """An array or list with more than ``MAX_ENTRIES`` numbers (or nested too deep): not sent."""

    type_name: str
    shape: tuple[int, ...]

    def __repr__(self) -> str:
        return f"a {self.type_name} of shape {self.shape}, too large to show"


def encode(value: Any, depth: int = 0) -> Any:
    """``value`` as tagged JSON-safe data (worker side); never raises for a strange value."""
    if value is None:
        return None
    if isinstance(value, bool):
        return {"bool": value}
    if isinstance(value, int):
        return {"int": value} if abs(value) < 2**63 else {"float": float(value)}
    if isinstance(value, float):
        return {"float": value}
    if isinstance(value, np.ndarray | np.generic):
        return _encode_numpy(value)
    if isinstance(value, str):
        return {"str": value[:_TEXT]}
    if isinstance(value, list | tuple):
        kind = "list" if isinstance(value, list) else "tuple"
        if depth >= MAX_DEPTH or len(value) > MAX_ENTRIES:
            return {"too_large": kind, "shape": [len(value)]}
        return {kind: [encode(item, depth + 1) for item in value]}
    return _opaque(value)


def _encode_numpy(value: np.ndarray | np.generic) -> Any:
    if value.dtype.kind not in "biuf":
        return {"opaque": f"numpy {type(value).__name__} of {value.dtype}", "text": ""}
    if isinstance(value, np.generic):
        return {"scalar": value.item(), "dtype": value.dtype.str}
    if value.size > MAX_ENTRIES:
        return {"too_large": "numpy array", "shape": list(value.shape)}
    return {"array": value.tolist(), "dtype": value.dtype.str, "shape": list(value.shape)}


def _opaque(value: Any) -> dict[str, str]:
    name = type(value).__name__
    try:
        text = repr(value)[:_TEXT]
    except Exception:  # a repr of the learner's that fails tells nothing more
        text = f"<{name}>"
    return {"opaque": name, "text": text}


def decode(data: Any) -> Any:
    """The value ``encode`` described (checker side): numbers, arrays, lists, tuples, str."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ValueError(f"not a value sent by the checker's worker: {str(data)[:80]}")
    if "bool" in data:
        return bool(data["bool"])
    if "int" in data:
        return int(data["int"])
    if "float" in data:
        return float(data["float"])
    if "str" in data:
        return str(data["str"])
    if "scalar" in data:
        return np.dtype(data["dtype"]).type(data["scalar"])
    if "array" in data:
        return np.array(data["array"], dtype=np.dtype(data["dtype"])).reshape(data["shape"])
    if "list" in data:
        return [decode(item) for item in data["list"]]
    if "tuple" in data:
        return tuple(decode(item) for item in data["tuple"])
    if "too_large" in data:
        return TooLarge(str(data["too_large"]), tuple(int(n) for n in data["shape"]))
    if "opaque" in data:
        return Opaque(str(data["opaque"]), str(data.get("text", "")))
    raise ValueError(f"not a value sent by the checker's worker: {str(data)[:80]}")


# ---------------------------------------------------------------------- showing values


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
        return f"{text}   (shape {value.shape})" if value.ndim > 1 else text
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
    """A value as Python source, for the call line: np.array([0.0, 2.0]), -1.0, [[0, 1]]."""
    if isinstance(value, np.ndarray):
        return f"np.array({value.tolist()!r})"
    return repr(value)
