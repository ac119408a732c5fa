"""Structure checks, judged in the checker's process from what the worker describes.

The worker's ``describe`` step reports what an attribute of the learner's module is, without
calling it: ``[kind, type name, parameters]``, kind one of "missing", "class", "function",
"staticmethod", "classmethod", "other", and each parameter ``[name, kind, has default,
default]``. These functions turn that into a ``Problem`` with a hint, or None.
"""

from __future__ import annotations

from typing import Any

from glassnet.checker.compare import Problem
from glassnet.checker.values import show

Description = list[Any]


def need(desc: Description, name: str, kind: str, how: str) -> Problem | None:
    """The module has a class (or function) ``name``."""
    found = desc[0]
    if found == "missing":
        return Problem("structure", f"your file defines no {kind} {name}.", hint=f"write it: {how}")
    if kind == "class" and found != "class":
        return Problem("structure", f"{name} is a {desc[1]}, not a class.", hint=f"write it: {how}")
    if kind == "function" and found not in ("function", "class"):
        return Problem("structure", f"{name} is a {desc[1]}, not a function.", hint=f"write it: {how}")
    return None


def need_static(desc: Description, cls: str, name: str) -> Problem | None:
    """``cls.name`` is a static method taking one argument z."""
    how = f"@staticmethod, then def {name}(z): on the next line"
    if desc[0] == "missing":
        return Problem("structure", f"{cls} has no {name}.", hint=f"write it inside the class: {how}")
    if desc[0] != "staticmethod":
        return Problem("structure", f"{cls}.{name} is not a static method.",
                       hint=f"put @staticmethod on the line above def {name}(z): a static method is called on the "
                            f"class itself, {cls}.{name}(z), with no self.")
    if desc[2] is not None and not binds(desc[2], 1, ()):
        return Problem("structure", f"{cls}.{name} does not take one argument z.", hint=f"write it as def {name}(z):")
    return None


def need_method(desc: Description, cls: str, name: str, n_args: int, how: str) -> Problem | None:
    """``cls.name`` is an ordinary method taking ``n_args`` arguments after self."""
    if desc[0] == "missing":
        return Problem("structure", f"{cls} has no method {name}.", hint=f"write it: {how}")
    if desc[0] in ("staticmethod", "classmethod"):
        return Problem("structure", f"{cls}.{name} is a {desc[0]}; it should be an ordinary method.",
                       hint=f"remove the decorator: {how}")
    if desc[0] != "function":
        return Problem("structure", f"{cls}.{name} is not a method.", hint=f"write it: {how}")
    if desc[2] is not None and not binds(desc[2], n_args + 1, ()):
        return Problem("structure", f"{cls}.{name} does not take the arguments {how} says.", hint=how)
    return None


def need_call(desc: Description, call: str, n_args: int, keywords: tuple[str, ...], how: str) -> Problem | None:
    """A class or function that can be called with ``n_args`` positional arguments and ``keywords``."""
    if desc[2] is not None and not binds(desc[2], n_args, keywords):
        params = ", ".join(p[0] for p in desc[2])
        return Problem("structure", f"{call} cannot be called that way: yours takes ({params}).", hint=how)
    return None


def binds(params: list[list[Any]], n_positional: int, keywords: tuple[str, ...]) -> bool:
    """Whether a call with ``n_positional`` arguments then ``keywords`` fits these parameters."""
    positional = [p for p in params if p[1] in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")]
    star_args = any(p[1] == "VAR_POSITIONAL" for p in params)
    star_kwargs = any(p[1] == "VAR_KEYWORD" for p in params)
    if n_positional > len(positional) and not star_args:
        return False
    filled = {p[0] for p in positional[:n_positional]}
    names = {p[0]: p for p in params if p[1] in ("POSITIONAL_OR_KEYWORD", "KEYWORD_ONLY")}
    for keyword in keywords:
        if keyword in filled or (keyword not in names and not star_kwargs):
            return False
        filled.add(keyword)
    return all(p[0] in filled or p[2] for p in params if p[1] in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD",
                                                                   "KEYWORD_ONLY"))


def default(desc: Description, name: str) -> tuple[bool, Any]:
    """(whether parameter ``name`` has a default, that default)."""
    for param in desc[2] or []:
        if param[0] == name:
            return bool(param[2]), param[3]
    return False, None


def defaults_differ(desc: Description, call: str, wanted: dict[str, Any]) -> Problem | None:
    """A parameter whose default is not the stub's (``learning_rate=1.0``), named with both values."""
    for name, value in wanted.items():
        has, given = default(desc, name)
        if desc[2] is not None and any(p[0] == name for p in desc[2]) and (not has or given != value):
            got = "has no default" if not has else f"defaults to {show(given)}"
            return Problem("structure", f"{call}: your {name} {got}; the stub's default is {show(value)}.",
                           hint=f"keep the stub's signature, with {name}={value!r}: calls that leave it out "
                                "expect that value.")
    return None
