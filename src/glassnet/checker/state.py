"""State kept between calls or between objects: probed by running several checks in one go.

The worker loads the learner's file afresh for every check, so a check's answer depends only on
its inputs. ``interleaved`` adds one check that runs several others together, in one load of the
file: it makes each one's first object (or calls each one's function) in turn, then uses them in
the reverse order, the first made last; a method the exercise names as a query (``QUERIES``:
``run``, which only reads its object) is called twice there, and the second answer is judged.
An answer that is right when its check runs alone but wrong here can only come from something
the calls share: a module-level variable or cache, a class attribute, a mutable default
argument, or a query that changes its object. ``evidence`` finds such an answer; ``culprits``
points at the lines of the file that keep state (``global``, a default list, a module-level or
class-level list that a function changes, a query that assigns to ``self``).
"""

from __future__ import annotations

import ast
from dataclasses import replace
from types import ModuleType
from typing import Any

from glassnet.checker import hints
from glassnet.checker import queries as queries_of
from glassnet.checker.compare import Problem
from glassnet.checker.mistakes import Outcome
from glassnet.checker.probes import Probe, Steps
from glassnet.checker.values import show

#: At most how many checks run together.
MEMBERS = 120
KIND = "state"


def _rename(step: list[Any], prefix: str) -> list[Any]:
    """A step with its variables (v1, v2...) renamed ``prefix``v1..., its data left alone."""

    def name(text: str) -> str:
        head = text.partition(".")[0]
        return prefix + text if head.startswith("v") and head[1:].isdigit() else text

    op = step[0]
    if op == "call":
        return [op, name(step[1]), name(step[2]), step[3], step[4]]
    if op == "set":
        return [op, name(step[1]), step[2]]
    if op == "get":
        return [op, name(step[1]), name(step[2])]
    if op == "send":
        return [op, name(step[1])]
    return step


def _candidate(probe: Probe) -> bool:
    """A check that can run among others: its first step makes an object or calls a function of the
    file, it asks for values, and it records or describes nothing."""
    steps = probe.steps.steps
    return (bool(steps) and steps[0][0] == "call" and steps[0][2].startswith("module.")
            and any(step[0] == "send" for step in steps)
            and not any(step[0] in ("describe", "record", "recorded") for step in steps))


def interleaved(probes: list[Probe], queries: tuple[str, ...] = ()) -> Probe | None:
    """The check that runs every check that can run among others (up to ``MEMBERS``) in one load of
    the file, their first steps in order and the rest in reverse, each call of a method named in
    ``queries`` made twice (the second answer is the one judged); None when fewer than two can run
    together. Its answer is every member's answer."""
    members = [i for i, probe in enumerate(probes) if _candidate(probe)][:MEMBERS]
    if len(members) < 2:
        return None
    steps, sends, counts, owners = Steps(), [], [], []
    for k, i in enumerate(members):
        steps.steps.append(_rename(probes[i].steps.steps[0], f"s{k}"))
        owners.append(k)
    for k, i in reversed(list(enumerate(members))):
        rest = [_rename(step, f"s{k}") for step in probes[i].steps.steps[1:] if step[0] != "send"
                for _ in range(2 if queries_of.asked_twice(step, queries) else 1)]
        steps.steps += rest
        owners += [k] * len(rest)
    for k, i in enumerate(members):
        own = [_rename(step, f"s{k}") for step in probes[i].steps.steps if step[0] == "send"]
        sends += own
        counts.append(len(own))
    steps.steps += sends
    numbers = _ranges([i + 1 for i in members])

    def judge(got: Any) -> Problem | None:
        for k, (i, part) in enumerate(zip(members, split(got, counts), strict=True)):
            problem = probes[i].problem(part)
            if problem is not None:
                return replace(problem, index=(k,))
        return None

    twice = f", {' and '.join(queries)} called twice" if any(
        queries_of.asked_twice(step, queries) for step in steps.steps) else ""
    return Probe(f"the {len(members)} checks {numbers} in one run of your file: each one's first call, in that "
                 f"order, then the rest of each, in the reverse order{twice}", steps, judge=judge,
                 tags={KIND: "several checks in one run of the file"},
                 params={"kind": KIND, "members": members, "counts": counts, "owners": owners},
                 hint="each call and each object must start afresh: keep an object's numbers in self, and make new "
                      "lists inside the function.")


def _ranges(numbers: list[int]) -> str:
    """1, 2, 3, 5 -> "1-3, 5"."""
    parts, start = [], 0
    for k in range(1, len(numbers) + 1):
        if k == len(numbers) or numbers[k] != numbers[k - 1] + 1:
            first, last = numbers[start], numbers[k - 1]
            parts.append(str(first) if first == last else f"{first}-{last}")
            start = k
    return ", ".join(parts)


def split(got: Any, counts: list[int]) -> list[Any]:
    """The members' answers from the interleaved check's values (one value, or a tuple of several)."""
    values = list(got) if isinstance(got, tuple) and sum(counts) > 1 else [got]
    parts, start = [], 0
    for count in counts:
        part = values[start:start + count]
        parts.append(part[0] if count == 1 and part else tuple(part))
        start += count
    return parts


def evidence(probes: list[Probe], outcomes: list[Outcome]) -> tuple[int, int, Problem | None] | None:
    """(the interleaved check, the member, its problem there: None for an error) for the first member
    whose answer is wrong among the others, or whose steps raised there, but right alone; else None."""
    for index, (probe, outcome) in enumerate(zip(probes, outcomes, strict=True)):
        if probe.params.get("kind") != KIND or not outcome.failed:
            continue
        members, counts = probe.params["members"], probe.params["counts"]
        if outcome.status == "error":
            step = outcome.error.get("step")
            owner = probe.params["owners"][step] if isinstance(step, int) and 0 <= step < len(
                probe.params["owners"]) else None
            if owner is not None and outcomes[members[owner]].status == "right":
                return index, members[owner], None
            continue
        for i, part in zip(members, split(outcome.got, counts), strict=True):
            if outcomes[i].status != "right":
                continue
            try:
                problem = probes[i].problem(part)
            except Exception:  # an answer too strange to compare is still wrong
                problem = Problem("type", "the answer could not be read.")
            if problem is not None:
                return index, i, problem
    return None


def culprits(source: str, queries: tuple[str, ...] = ()) -> list[str]:
    """The lines of ``source`` that keep state between calls or objects, as "line N: ..." phrases;
    with ``queries``, also where such a method (``run``) changes its object."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    mutable = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
    found: list[tuple[int, str]] = []
    changed = _changed_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args
            pairs = [*zip([*args.posonlyargs, *args.args][len(args.posonlyargs) + len(args.args) - len(args.defaults):],
                          args.defaults, strict=True),
                     *((arg, default) for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True)
                       if default is not None)]
            for arg, default in pairs:
                if isinstance(default, mutable) or (isinstance(default, ast.Call) and isinstance(default.func, ast.Name)
                                                    and default.func.id in ("list", "dict", "set")):
                    found.append((node.lineno, f"`{arg.arg}={ast.unparse(default)}` in `def {node.name}`: a default "
                                               "is made once, when the def runs, and every call shares that same "
                                               "object"))
            for inner in ast.walk(node):
                if isinstance(inner, ast.Global):
                    found.append((inner.lineno, f"`global {', '.join(inner.names)}` in `{node.name}`: a module-level "
                                                "variable, one for every call and every object"))
    for node in tree.body:
        for target, value in _assignments(node):
            if isinstance(value, mutable) and target in changed:
                found.append((node.lineno, f"`{target} = {ast.unparse(value)}` at module level, changed inside a "
                                           "function: one object for every call"))
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                for target, value in _assignments(item):
                    if isinstance(value, mutable) and target in changed:
                        found.append((item.lineno, f"`{target} = {ast.unparse(value)}` in the body of class "
                                                   f"{node.name}: one object shared by every {node.name}"))
                if isinstance(item, ast.FunctionDef) and item.name in queries:
                    found += [(line, f"`{text}` in `{item.name}`: {item.name} changes its object, so the next "
                                     f"{item.name} on it starts from other numbers")
                              for line, text in queries_of.self_changes(item)]
    return [f"line {line}: {text}" for line, text in sorted(set(found))]


def _assignments(node: ast.AST) -> list[tuple[str, ast.AST]]:
    if isinstance(node, ast.Assign):
        return [(t.id, node.value) for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
        return [(node.target.id, node.value)]
    return []


def _changed_names(tree: ast.AST) -> set[str]:
    """Names whose object a function changes: x.append(...), self.x.extend(...), x[i] = ..., x += ..."""
    names: set[str] = set()

    def base(node: ast.AST) -> str | None:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute):
            return node.attr
        return None

    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                    "append", "extend", "insert", "update", "add", "setdefault", "pop", "clear"):
                if (name := base(node.func.value)) is not None:
                    names.add(name)
            elif isinstance(node, ast.Assign | ast.AugAssign):
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    inside = target.value if isinstance(target, ast.Subscript) else \
                        target if isinstance(node, ast.AugAssign) else None
                    if inside is not None and (name := base(inside)) is not None:
                        names.add(name)
    return names


def known_repeats(probes: list[Probe], outcomes: list[Outcome]) -> list[Outcome]:
    """The outcomes, with a failed run of several checks together counted as right when it shows
    nothing new: each answer wrong there is wrong alone too (that failure is counted already)."""
    found = evidence(probes, outcomes)
    return [Outcome("right", o.got) if p.params.get("kind") == KIND and o.failed and (
        found is None or found[0] != i) else o for i, (p, o) in enumerate(zip(probes, outcomes, strict=True))]


def kept_failure(exercise: ModuleType, probes: list[Probe], outcomes: list[Outcome], source: str) -> dict[str, Any]:
    """The failure of checks that are right alone and wrong together: state kept between calls or
    between objects, with the lines of the file that keep it."""
    index, member, problem = evidence(probes, outcomes)
    probe, result, alone = probes[index], outcomes[index], probes[member]
    objects = any(step[0] in ("call", "get", "set") and str(step[2] if step[0] == "call" else step[1]).startswith("v")
                  for step in alone.steps.steps[1:])
    failure: dict[str, Any] = {"stage": "case", "case": index + 1, "call": probe.call, "failed": 1,
                               "note": f"check {member + 1} among them: {alone.call}"}
    if problem is None:
        failure.update(problem=f"check {member + 1}'s calls raised an error in this run", error=hints.error_text(
            result.error), where=result.error.get("where", ""))
    else:
        part = split(result.got, probe.params["counts"])[probe.params["members"].index(member)]
        failure.update(expected=alone.show_expected if alone.show_expected is not None else show(alone.expected),
                       got=show(part), problem=problem.text)
    queries = getattr(exercise, "QUERIES", ())
    lines = culprits(source, queries)
    failure["cause"] = (queries_of.changes_itself(queries) if queries_of.self_changing(source, queries) else
                        "your code keeps something between objects: an object's answer changed once other objects "
                        "were made after it. Each object must keep its own numbers in self: a module-level variable "
                        "or a class attribute is one for all objects." if objects else
                        "your code keeps something between calls: a call's answer changed because other calls ran "
                        "before it. Each call must start afresh: a default list (def f(x, path=[])), a module-level "
                        "list or cache, or a global is one object shared by every call.")
    failure["evidence"] = (f"check {member + 1} alone, in a fresh load of your file, gives the right answer; in one "
                           "load with the other checks' calls it does not."
                           + (" In your file: " + "; ".join(lines) + "." if lines else ""))
    failure["hint"] = hints.add_lesson(exercise, probe.hint, getattr(exercise, "SECTION", ""))
    return failure


def order_dependent(source: str, queries: tuple[str, ...] = ()) -> dict[str, Any]:
    """The cause of a failure that only shows when the checks run one after another in one load of the
    file: every check is right in a fresh load of its own."""
    lines = culprits(source, queries)
    return {"cause": "your code keeps something between calls or objects: this check fails after the checks before "
                     "it ran in the same load of your file, and passes in a fresh load of its own (as every check "
                     "does). Each call must start afresh and each object keep its own numbers in self.",
            "evidence": "every check passes when it runs alone in a fresh load of your file."
                        + (" In your file: " + "; ".join(lines) + "." if lines else ""),
            "depends": "", "pattern": ""}
