"""A check's verdict as data (``CheckResult``) and its failure as the lines a learner reads."""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass
from typing import Any

PASSED, FAILED, ERROR, TIMEOUT, MISSING = "passed", "failed", "error", "timeout", "missing"

#: Lines of the learner's output shown under a failure (its last ones).
PRINTED_LINES = 10

FIELDS = (("call", "call"), ("input", "input"), ("note", "note"), ("expected", "expected"), ("got", "got"),
          ("problem", "problem"), ("warning", "warning"), ("error", "error"), ("where", "where"),
          ("cause", "cause"), ("evidence", "evidence"), ("depends", "depends"), ("pattern", "pattern"),
          ("hint", "hint"), ("rerun", "rerun"))


@dataclass
class CheckResult:
    """The grade of one exercise file.

    status : ``"passed"``; ``"failed"`` (a rule, a structure check or a value was wrong);
        ``"error"`` (the file could not be read or imported, or the worker died); ``"timeout"``;
        ``"missing"`` (no such file in the folder given to ``check_all``).
    message : what happened, in words (several lines for a failure).
    cases_passed, cases_total : the checks that passed, and how many there are.
    failure : the parts of the failure message (call, input, expected, got, problem, cause,
        evidence or depends, hint...), for tools; None when the file passed.
    seed : the seed of the random inputs (``glassnet check ... --seed N`` draws the same ones).
    """

    exercise: str
    file: str
    passed: bool
    message: str
    cases_passed: int = 0
    cases_total: int = 0
    status: str = FAILED
    failure: dict[str, Any] | None = None
    seed: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-ready values."""
        return asdict(self)

    @property
    def cause(self) -> str:
        """The cause named, or else the error raised, or the problem; "" for a pass."""
        if self.failure is None:
            return ""
        return str(self.failure.get("cause") or self.failure.get("error") or self.failure.get("problem")
                   or self.status)

    def __str__(self) -> str:
        mark = "✓" if self.passed else "✗"
        first, *rest = self.message.splitlines() or [""]
        return "\n".join([f"{mark} {self.exercise}: {first}", *(f"    {line}" for line in rest)])

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))  # IPython's plain-text display: the report, not the fields

    def _repr_html_(self) -> str:
        colour = "#1a7f37" if self.passed else "#cf222e"
        first, *rest = str(self).splitlines()
        body = "\n".join(html.escape(line) for line in rest)
        return (f'<div class="glassnet-check"><pre style="white-space: pre-wrap"><b style="color: {colour}">'
                f"{html.escape(first)}</b>\n{body}</pre></div>")


def headline(failure: dict[str, Any], total: int) -> str:
    """The failure's first line: "failed 3 of 24 checks", "your file could not be imported"..."""
    stage, case = failure.get("stage"), failure.get("case")
    if stage == "import":
        return "your file could not be imported"
    if stage == "read":
        return "your file could not be read"
    if stage == "rules":
        return "failed before any check ran: the exercise is about your own code"
    if stage == "channel":
        return "the check was stopped: your file wrote something the checker did not ask for"
    if stage in ("timeout", "crash"):
        text = "your code did not finish" if stage == "timeout" else "the check stopped before it could report"
        return text + (f" (during check {case} of {total})" if case else "")
    if stage == "structure":
        return f"failed a structure check (check {case} of {total})"
    failed, which = failure.get("failed", 1), "the first" if failure.get("first", True) else "the one that tells why"
    return f"failed {failed} of {total} checks; {which} is check {case}"


def describe(failure: dict[str, Any], total: int, printed: str = "", printed_bytes: int = 0) -> str:
    """The failure as lines: a headline, then 'label: value' rows with aligned continuations,
    then the end of what the learner's code printed (saying so when it was cut)."""
    lines = [headline(failure, total)]
    for key, label in FIELDS:
        value = failure.get(key)
        if value:
            first, *rest = str(value).splitlines() or [""]
            lines.append(f"{label + ':':<10}{first}")
            lines.extend(f"{'':<10}{line}" for line in rest)
    shown = printed.strip().splitlines()
    if shown:
        cut = len(shown) > PRINTED_LINES or printed_bytes > len(printed.encode("utf-8"))
        lines.append("your code printed (last lines" + (f"; cut, {printed_bytes} bytes in all" if cut else "")
                     + "):")
        lines.extend(f"  {line[:300]}" for line in shown[-PRINTED_LINES:])
    return "\n".join(lines)
