"""Probes: one input for the learner's code, the steps the worker takes with it, the right answer.

An exercise module (``cases/NAME.py``) builds its probes here, in the checker's process: the
worker receives only the steps (make an object, set an attribute, call a function with
inputs) and sends back the raw values; the expected value, the rule for the answer's type and
shape, the tags that say what is special about the input ("a batch of one row", "float32
inputs") and the parameters the mistake models read never leave this process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from glassnet.checker import wire
from glassnet.checker.compare import Problem, Rule

#: What is special about a probe's input, in words; cases add their own.
TAGS = {
    "single": "one example (a 1-d input)",
    "batch1": "a batch of one row",
    "square": "as many rows as columns (n = d)",
    "one_output": "one output",
    "int": "integer inputs",
    "float32": "float32 inputs",
    "defaults": "the defaults left out",
    "extreme": "extreme values",
    "random": "random inputs",
    "tiny": "w·x + b tiny but positive, just above the boundary",
    "boundary": "a point exactly on the boundary (w·x + b = 0)",
}


@dataclass(frozen=True)
class Act:
    """The checker's activation ``name`` ("tanh", "relu", "softsign") as an argument."""

    name: str

    @property
    def cls(self) -> type:
        return wire.activation(self.name)

    @property
    def title(self) -> str:
        return self.cls.__name__


@dataclass(frozen=True)
class Df:
    """A derivative f' as an argument (``wire.derivative``'s spec), shown as ``text``."""

    spec: tuple
    text: str

    def __call__(self, x: Any) -> Any:
        return wire.derivative(list(self.spec))(x)


def _wire(value: Any) -> Any:
    if isinstance(value, Act):
        return {"act": value.name}
    if isinstance(value, Df):
        return {"fn": list(value.spec)}
    return wire.encode(value)


class Steps:
    """The worker's steps for one probe, built call by call; ``sent`` keeps each call's named
    arguments as they were sent, to notice one the learner's code changed in place."""

    def __init__(self) -> None:
        self.steps: list[list[Any]] = []
        self.sent: list[list[tuple[str, str, Any]]] = []  # per call: (callee, argument name, value)
        self.count = 0

    def _name(self) -> str:
        self.count += 1
        return f"v{self.count}"

    def call(self, target: str, *args: tuple[str, Any], callee: str = "", **kwargs: Any) -> str:
        """``target(*values, **kwargs)`` (target "module.train" or "v1.run"), args as (name, value)."""
        name = self._name()
        self.steps.append(["call", name, target, [_wire(v) for _, v in args], {k: _wire(v) for k, v in kwargs.items()}])
        shown = callee or target.rpartition(".")[2]
        self.sent.append([(shown, n, v) for n, v in [*args, *kwargs.items()]])
        return name

    def set(self, path: str, value: Any) -> None:
        self.steps.append(["set", path, _wire(value)])

    def get(self, path: str) -> str:
        name = self._name()
        self.steps.append(["get", name, path])
        return name

    def describe(self, path: str) -> str:
        name = self._name()
        self.steps.append(["describe", name, path])
        return name

    def record(self, function: str) -> None:
        self.steps.append(["record", function])

    def send(self, *names: str) -> Steps:
        self.steps.extend(["send", name] for name in names)
        return self

    def recorded(self) -> Steps:
        self.steps.append(["recorded"])
        return self

    def request(self) -> dict[str, Any]:
        return {"steps": self.steps}


@dataclass
class Probe:
    """One check: the call (as the learner would write it), the worker's steps, the rule and the
    right answer (or a ``judge`` of its own), what is shown, and what the mistake models read."""

    call: str
    steps: Steps
    rule: Rule | None = None
    expected: Any = None
    inputs: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    tags: dict[str, str] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    judge: Callable[[Any], Problem | None] | None = None
    structure: bool = False
    hint: str = ""
    show_expected: str | None = None
    show_got: Callable[[Any], str] | None = None  # a summary, where the value itself is too long

    def problem(self, got: Any) -> Problem | None:
        """Why ``got`` is not this probe's right answer, or None."""
        from glassnet.checker.compare import compare

        if self.judge is not None:
            return self.judge(got)
        return compare(self.rule, got, self.expected)


def tags(*keys: str, **phrases: str) -> dict[str, str]:
    """Tags from ``TAGS`` by key, plus a case's own ``key=phrase``."""
    return {**{key: TAGS[key] for key in keys}, **phrases}
