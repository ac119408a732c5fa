"""Queries: methods that only read their object (``run`` of a perceptron or a network). Lesson 01.

A query asked twice gives the same answer twice, and leaves the object's numbers as they were.
An exercise names its queries (``QUERIES``); the checker asks them twice in the check that runs
several checks together (``state.interleaved``), reads the object back after one call
(``left_alone``), and points at the lines of a query that change ``self`` (``self_changes``).
"""

from __future__ import annotations

import ast
from typing import Any

import numpy as np

from glassnet.checker import hints
from glassnet.checker.compare import Problem
from glassnet.checker.mistakes import Outcome
from glassnet.checker.probes import Probe, Steps
from glassnet.checker.values import show

KIND = "left alone"


def asked_twice(step: list[Any], queries: tuple[str, ...]) -> bool:
    """Whether ``step`` calls a query (a method that only reads its object) of an object."""
    return step[0] == "call" and not step[2].startswith("module.") and step[2].rpartition(".")[2] in queries


def self_changing(source: str, queries: tuple[str, ...]) -> bool:
    """Whether a method named in ``queries`` changes its object (``self_changes``)."""
    return bool(query_lines(source, queries))


def query_lines(source: str, queries: tuple[str, ...]) -> list[tuple[int, str]]:
    """(line, code) of each statement in ``source`` where a method named in ``queries`` changes its object."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    return [found for node in tree.body if isinstance(node, ast.ClassDef) for item in node.body
            if isinstance(item, ast.FunctionDef) and item.name in queries for found in self_changes(item)]


def self_changes(method: ast.FunctionDef) -> list[tuple[int, str]]:
    """(line, code) of each statement of ``method`` that changes what its object holds: ``self.w += ...``,
    ``self.w[i] = ...``, ``self.w.append(...)``, ``self.w = f(self.w)``; a plain ``self.z = ...`` that
    keeps a result (as a forward pass may, for backprop) is left out."""
    if not method.args.args:
        return []
    me = method.args.args[0].arg

    def attribute(node: ast.AST) -> str | None:
        """The name x of ``self.x`` (or of ``self.x[i]``, ``self.x.y``) that ``node`` reaches."""
        while isinstance(node, ast.Subscript | ast.Attribute):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == me:
                return node.attr
            node = node.value
        return None

    def reads(node: ast.AST, name: str) -> bool:
        return any(isinstance(n, ast.Attribute) and n.attr == name and isinstance(n.value, ast.Name)
                   and n.value.id == me for n in ast.walk(node))

    found = []
    for node in ast.walk(method):
        changed = False
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "append", "extend", "insert", "update", "add", "setdefault", "pop", "clear", "fill", "resize"):
            changed = attribute(node.func.value) is not None
        elif isinstance(node, ast.AugAssign):
            changed = attribute(node.target) is not None
        elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                name = attribute(target)
                changed |= name is not None and (not isinstance(target, ast.Attribute) or reads(node.value, name))
        if changed:
            found.append((node.lineno, ast.unparse(node)))
    return found


def changes_itself(queries: tuple[str, ...]) -> str:
    name = " or ".join(queries)
    return (f"your {name} changes the object it is called on, so the same object answers differently once it is "
            f"asked again (or fails). {name} must only read self; numbers it works out belong in local variables.")


def _same(got: Any, want: Any) -> bool:
    """Whether ``got`` holds ``want``'s numbers (lists entry by entry), in any array type."""
    if isinstance(want, list | tuple):
        return isinstance(got, list | tuple) and len(got) == len(want) and all(
            _same(g, w) for g, w in zip(got, want, strict=True))
    try:
        values, wanted = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    except (TypeError, ValueError):
        return type(got) is type(want) and repr(got) == repr(want)
    return values.shape == wanted.shape and bool(np.array_equal(values, wanted, equal_nan=True))


def left_alone(probe: Probe, query: str, held: tuple[str, ...]) -> Probe:
    """The check that ``query`` leaves its object alone: ``probe``'s steps (make the object, give it
    its numbers, ask ``query`` once), with each attribute of ``held`` read back just before the
    call and again after it; right when each holds the same numbers after as before."""
    steps = Steps()
    steps.sent, steps.count = list(probe.steps.sent), probe.steps.count
    obj = probe.steps.steps[0][1]
    ask = max(k for k, step in enumerate(probe.steps.steps) if step[0] == "call")
    steps.steps = [list(step) for step in probe.steps.steps[:ask]]
    steps.send(*[steps.get(f"{obj}.{name}") for name in held])
    steps.steps.append(list(probe.steps.steps[ask]))
    steps.send(*[steps.get(f"{obj}.{name}") for name in held])

    def judge(got: Any) -> Problem | None:
        before, after = got[:len(held)], got[len(held):]
        for name, old, new in zip(held, before, after, strict=True):
            if not _same(new, old):
                return Problem("value", f".{name} changed: after one {query} it no longer holds the numbers it "
                                        "held before.")
        return None

    names = ", ".join("." + name for name in held)
    return Probe(f"{probe.call}; {names} read back before and after {query}", steps, judge=judge,
                 tags={KIND: f"the object read back after one {query}"}, params={"kind": KIND, "query": query},
                 show_expected=f"{names} as they were before {query}",
                 show_got=lambda got: ", ".join(show(value, 160) for value in got[len(held):]),
                 hint=f"{query} must only read self: keep what it works out in local variables.")


def moved(exercise: Any, probes: list[Probe], outcomes: list[Outcome], source: str) -> dict[str, Any] | None:
    """The failure of the first ``left_alone`` check whose object changed, with the lines of the
    file that change it; None when every such check is right."""
    for index, (probe, outcome) in enumerate(zip(probes, outcomes, strict=True)):
        if probe.params.get("kind") != KIND or outcome.status != "wrong" or outcome.problem.kind != "value":
            continue
        query = probe.params["query"]
        lines = [f"line {line}: `{text}`" for line, text in query_lines(source, (query,))]
        first = next(k for k, o in enumerate(outcomes) if o.failed)
        return {"stage": "case", "case": index + 1, "call": probe.call, "first": first == index,
                "failed": sum(o.failed for o in outcomes),
                "expected": probe.show_expected, "got": probe.show_got(outcome.got), "problem": outcome.problem.text,
                "cause": changes_itself((query,)),
                "evidence": f"check {index + 1} reads the object back just before one {query} and just after "
                            "it: the numbers differ." + (f" In your file, {query} changes self at "
                                                        + "; ".join(lines) + "." if lines else ""),
                "hint": hints.add_lesson(exercise, probe.hint, getattr(exercise, "SECTION", ""))}
    return None

