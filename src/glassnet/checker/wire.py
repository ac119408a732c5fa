"""Values on the wire between the checker and its worker, and what the checker passes in.

Self-contained (numpy only): the checker imports it as ``glassnet.checker.wire``; the worker,
where glassnet cannot be imported, loads this same file by its path. ``encode`` turns a value
into tagged JSON (``{"array": [...], "dtype": "<f8", "shape": [3]}``, ``{"int": 1}``), capped in
size and depth; ``decode`` reads it back, refusing anything else: nothing decoded is ever
called, and an object that does not travel arrives as an ``Opaque`` (its type's name and the
start of its repr). ``ACTIVATIONS`` and ``derivative`` are the callables the checker hands to
the learner's code (an activation for a network, the f' of gradient descent), built the same
way on both sides so that the checker can compute the right answer with them.
"""

from __future__ import annotations

#: Most numbers one value may hold on the wire; a bigger array arrives as "too_large".
MAX_ENTRIES = 100_000
#: Deepest nesting of lists and tuples sent or read.
MAX_DEPTH = 12
#: numpy dtypes that travel: booleans, integers and floats of at most 8 bytes.
DTYPES = frozenset({"|b1", "|i1", "<i2", "<i4", "<i8", "|u1", "<u2", "<u4", "<u8", "<f2", "<f4", "<f8"})
TEXT = 300  # characters kept of a str or a repr


def encode(value, depth=0):
    """``value`` as tagged JSON-safe data; never raises for a strange value."""
    import numpy as np

    if value is None:
        return None
    if isinstance(value, bool):
        return {"bool": value}
    if isinstance(value, int):
        if abs(value) < 2**63:
            return {"int": value}
        return {"opaque": "int", "text": "an int with more than 18 digits"}
    if isinstance(value, float):
        return {"float": value}
    if isinstance(value, np.ndarray | np.generic):
        if value.dtype.str not in DTYPES:
            return {"opaque": f"numpy {type(value).__name__} of {value.dtype}", "text": ""}
        if isinstance(value, np.generic):
            return {"scalar": value.item(), "dtype": value.dtype.str}
        if value.size > MAX_ENTRIES:
            return {"too_large": "numpy array", "shape": list(value.shape)}
        return {"array": value.ravel().tolist(), "dtype": value.dtype.str, "shape": list(value.shape)}
    if isinstance(value, str):
        return {"str": value[:TEXT]}
    if isinstance(value, list | tuple):
        kind = "list" if isinstance(value, list) else "tuple"
        if depth >= MAX_DEPTH or len(value) > MAX_ENTRIES:
            return {"too_large": kind, "shape": [len(value)]}
        return {kind: [encode(item, depth + 1) for item in value]}
    return opaque(value)


def opaque(value):
    """A value of a type that does not travel: its type's name and the start of its repr."""
    name = type(value).__name__
    try:
        text = repr(value)[:TEXT]
    except BaseException:  # a repr of the learner's that fails tells nothing more
        text = f"<{name}>"
    return {"opaque": name, "text": text}


class Opaque:
    """A value that did not travel (an object, a dict): its type's name and the start of its repr."""

    def __init__(self, type_name, text):
        self.type_name, self.text = str(type_name)[:TEXT], str(text)[:TEXT]

    def __repr__(self):
        return f"{self.text} (a {self.type_name})" if self.text else f"a {self.type_name}"

    def __eq__(self, other):
        return isinstance(other, Opaque) and (self.type_name, self.text) == (other.type_name, other.text)

    __hash__ = None  # compared by value, never a key


class TooLarge:
    """An array or list with more than ``MAX_ENTRIES`` entries (or nested too deep): not sent."""

    def __init__(self, type_name, shape):
        self.type_name, self.shape = str(type_name)[:TEXT], tuple(int(n) for n in shape[:32])

    def __repr__(self):
        return f"a {self.type_name} of shape {self.shape}, too large to show"


def decode(data, depth=0, extra=None):
    """The value ``encode`` described; a ValueError for anything else. ``extra(tag, data)`` reads
    the tags only the worker knows ({"ref": ...}, {"act": ...}, {"fn": ...})."""
    import numpy as np

    if data is None:
        return None
    if depth > MAX_DEPTH or not isinstance(data, dict) or len(data) > 3:
        raise ValueError("not a value the checker sends")
    tag = next(iter(data), None)
    if tag == "bool" and isinstance(data[tag], bool):
        return data[tag]
    if tag == "int" and isinstance(data[tag], int) and not isinstance(data[tag], bool) and abs(data[tag]) < 2**63:
        return data[tag]
    if tag == "float" and isinstance(data[tag], float | int) and not isinstance(data[tag], bool):
        return float(data[tag])
    if tag == "str" and isinstance(data[tag], str):
        return data[tag][:TEXT]
    if tag in ("scalar", "array") and data.get("dtype") in DTYPES:
        dtype = np.dtype(data["dtype"])
        if tag == "scalar":
            return _numbers(np.array([data[tag]], dtype=object), dtype)[0]
        shape = data.get("shape")
        if (not isinstance(shape, list) or len(shape) > 32
                or not all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= MAX_ENTRIES for n in shape)):
            raise ValueError("an array without a shape")
        entries = data[tag]
        if not isinstance(entries, list) or len(entries) > MAX_ENTRIES or int(np.prod(shape)) != len(entries):
            raise ValueError("an array whose entries do not fill its shape")
        return _numbers(np.array(entries, dtype=object), dtype).reshape(shape)
    if tag in ("list", "tuple") and isinstance(data[tag], list) and len(data[tag]) <= MAX_ENTRIES:
        items = [decode(item, depth + 1, extra) for item in data[tag]]
        return items if tag == "list" else tuple(items)
    if tag == "too_large" and isinstance(data.get("shape"), list):
        return TooLarge(data[tag], [n if isinstance(n, int) else 0 for n in data["shape"]])
    if tag == "opaque":
        return Opaque(data[tag], data.get("text", ""))
    if extra is not None:
        return extra(tag, data)
    raise ValueError("not a value the checker sends")


def _numbers(entries, dtype):
    """Entries read from JSON as an array of ``dtype``; a ValueError unless each one is a plain number."""
    import numpy as np

    if not all(type(x) in (int, float, bool) for x in entries.ravel()):
        raise ValueError("an array holding something other than numbers")
    with np.errstate(all="ignore"):
        return entries.astype(dtype)


# ---------------------------------------------------------------------- what the checker passes in


def activation(name):
    """The checker's activation ``name`` ("tanh", "relu", "softsign"): a class with static fn(z)
    and prime(z), handed to the learner's networks. None of them is an exercise's answer beyond
    what numpy already gives (np.tanh, np.maximum)."""
    import numpy as np

    fn, prime = {
        "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
        "relu": (lambda z: np.maximum(z, 0), lambda z: (np.asarray(z) > 0).astype(float)),
        "softsign": (lambda z: z / (1 + np.abs(z)), lambda z: 1 / (1 + np.abs(z)) ** 2),
    }[name]
    title = {"tanh": "Tanh", "relu": "ReLU", "softsign": "Softsign"}[name]
    return type(title, (), {"fn": staticmethod(fn), "prime": staticmethod(prime),
                            "__doc__": f"The checker's {title}: static fn(z) and prime(z), like yours."})


def derivative(spec):
    """The function f' the checker passes to gradient_descent: ["linear", a, c] is a·(x − c),
    ["cubic", a] is a·x³, ["const", c] is c."""
    kind, *numbers = spec
    if kind == "linear":
        a, c = numbers
        return lambda x: a * (x - c)
    if kind == "cubic":
        (a,) = numbers
        return lambda x: a * x**3
    if kind == "const":
        (c,) = numbers
        return lambda x: c
    raise ValueError(f"unknown function {kind!r}")
