"""What an exercise module is made of: its cases, the failures they raise, structure checks.

A ``Case`` has two halves that run in two processes. ``run`` runs in the worker, next to the
learner's code: it makes the call (through ``call``, which notices an argument changed in
place) and returns the learner's raw value. Everything else (``expected``, ``compare``,
``diagnose``, the texts) is used in the checker's own process, on the decoded value: the
verdict never depends on code the learner's file could have touched.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import numpy as np


class Fail(Exception):  # noqa: N818 (a failed check, not an error of the checker)
    """A check failed: what is wrong (``problem``) and, where known, a targeted hint."""

    def __init__(self, problem: str, hint: str = "", *, got: Any = None, expected: str | None = None,
                 has_got: bool = False) -> None:
        super().__init__(problem)
        self.problem, self.hint, self.got, self.expected = problem, hint, got, expected
        self.has_got = has_got or got is not None


class Mismatch(Exception):  # noqa: N818 (a wrong value, not an error of the checker)
    """The learner's value differs from the expected one; ``index`` is the first entry that does."""

    def __init__(self, problem: str, index: int | None = None) -> None:
        super().__init__(problem)
        self.index = index


@dataclass
class Case:
    """One check: a call on the learner's module and what it must give.

    run : (worker) makes the call and returns the learner's value, or raises ``Fail``
        (structure checks do all their work there).
    compare : (checker) raises ``Mismatch`` or ``Fail`` when ``got`` is not ``expected``.
    diagnose : (checker) a targeted hint from the wrong value (a sign flipped...), or None.
    """

    call: str
    run: Callable[[ModuleType], Any]
    expected: Any = None
    compare: Callable[[Any, Any], None] | None = None
    inputs: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    hint: str = ""
    diagnose: Callable[[Any], str | None] | None = None
    warning_hint: str = ""
    structure: bool = False
    show_expected: str | None = None
    show_got: Callable[[Any], str] | None = None  # a summary, where the value itself is too long


# ---------------------------------------------------------------------- calling the learner's code

#: Arguments the learner's code changed in place during the current case (worker side).
CHANGED: list[str] = []


def _snapshot(value: Any) -> Any:
    if isinstance(value, list):
        return ("list", list(value), [_snapshot(item) for item in value])
    try:
        return ("copy", copy.deepcopy(value))
    except Exception:  # an object that cannot be copied cannot be compared either
        return ("skip", None)


def _same(before: Any, value: Any) -> bool:
    kind, *saved = before
    if kind == "list":
        items, inner = saved
        return (isinstance(value, list) and len(value) == len(items)
                and all(a is b for a, b in zip(value, items, strict=True))
                and all(_same(s, v) for s, v in zip(inner, value, strict=True)))
    if kind == "copy":
        old = saved[0]
        if isinstance(old, np.ndarray):
            return (isinstance(value, np.ndarray) and value.shape == old.shape and value.dtype == old.dtype
                    and bool(np.array_equal(value, old, equal_nan=True)))
        try:
            return bool(value == old)
        except Exception:
            return True
    return True


def call(what: str, func: Callable[..., Any], *args: tuple[str, Any], **kwargs: Any) -> Any:
    """``func(*values, **kwargs)`` where ``args`` are ``(name, value)`` pairs; every argument is
    compared after the call with a copy made before it, and a change is recorded in ``CHANGED``
    as "`what` changed its argument `name` in place"."""
    named = [*args, *kwargs.items()]
    before = [_snapshot(value) for _, value in named]
    try:
        return func(*(value for _, value in args), **kwargs)
    finally:
        for (name, value), saved in zip(named, before, strict=True):
            if not _same(saved, value):
                CHANGED.append(f"`{what}` changed its argument `{name}` in place")


# ---------------------------------------------------------------------- structure checks (worker)


def need(module: ModuleType, name: str, kind: str, how: str) -> Any:
    """The learner's class or function ``name``, or a failed structure check."""
    obj = getattr(module, name, None)
    if obj is None:
        raise Fail(f"your file defines no {kind} {name}.", f"write it: {how}")
    if kind == "class" and not inspect.isclass(obj):
        raise Fail(f"{name} is a {type(obj).__name__}, not a class.", f"write it: {how}")
    if kind == "function" and not callable(obj):
        raise Fail(f"{name} is a {type(obj).__name__}, not a function.", f"write it: {how}")
    return obj


def takes(func: Any, args: tuple, kwargs: dict[str, Any], problem: str, hint: str) -> None:
    """Fail unless ``func`` can be called with these arguments (by its signature, without calling)."""
    try:
        inspect.signature(func).bind(*args, **kwargs)
    except TypeError as err:
        raise Fail(f"{problem} ({err}).", hint) from None
    except ValueError:  # no signature to read (a builtin): let the call itself tell
        return


def need_method(cls: type, name: str, args: tuple, how: str) -> None:
    """``cls`` has an ordinary method ``name`` that takes ``args`` after self."""
    raw = inspect.getattr_static(cls, name, None)
    if raw is None:
        raise Fail(f"{cls.__name__} has no method {name}.", f"write it: {how}")
    if isinstance(raw, staticmethod | classmethod):
        raise Fail(f"{cls.__name__}.{name} is a {type(raw).__name__}; it should be an ordinary method.",
                   f"remove the decorator: {how}")
    if not callable(raw):
        raise Fail(f"{cls.__name__}.{name} is not a method.", f"write it: {how}")
    takes(raw, (None, *args), {}, f"{cls.__name__}.{name} does not take the arguments {how} says", how)


def need_static(cls: type, name: str) -> None:
    """``cls`` has a static method ``name(z)``: called on the class itself, no self."""
    raw = inspect.getattr_static(cls, name, None)
    how = f"@staticmethod, then def {name}(z): on the next line"
    if raw is None:
        raise Fail(f"{cls.__name__} has no {name}.", f"write it inside the class: {how}")
    if not isinstance(raw, staticmethod):
        raise Fail(f"{cls.__name__}.{name} is not a static method.",
                   f"put @staticmethod on the line above def {name}(z): a static method is called on "
                   f"the class itself, {cls.__name__}.{name}(z), with no self.")
    takes(raw.__func__, (0.0,), {}, f"{cls.__name__}.{name} does not take one argument z",
          f"write it as def {name}(z):")


def structure(call_text: str, check: Callable[[ModuleType], None]) -> Case:
    """A structure check: ``check(module)`` raises ``Fail`` when a piece is missing or misshapen."""

    def run(module: ModuleType) -> None:
        check(module)

    return Case(call=call_text, run=run, structure=True)

