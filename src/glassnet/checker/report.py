"""A check's verdict as data (``CheckResult``) and its failure as the lines a learner reads."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

PASSED, FAILED, ERROR, TIMEOUT, MISSING = "passed", "failed", "error", "timeout", "missing"

#: Lines of the learner's output shown under a failure (its last ones).
PRINTED_LINES = 10

_FIELDS = (("call", "call"), ("input", "input"), ("note", "note"), ("expected", "expected"),
           ("got", "got"), ("problem", "problem"), ("error", "error"), ("where", "where"),
           ("hint", "hint"))


@dataclass
class CheckResult:
    """The grade of one exercise file.

    status : ``"passed"``; ``"failed"`` (a rule, a structure check or a case failed); ``"error"``
        (the file could not be imported or read, or the worker died); ``"timeout"``;
        ``"missing"`` (no such file in the folder given to ``check_all``).
    message : what happened, in words (several lines for a failure).
    cases_passed, cases_total : the checks passed before the first failure, and how many
        there are (structure checks included).
    failure : the parts of the failure message (call, input, expected, got, problem, hint...),
        for tools; None when the file passed.
    """

    exercise: str
    file: str
    passed: bool
    message: str
    cases_passed: int = 0
    cases_total: int = 0
    status: str = FAILED
    failure: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-ready values."""
        return asdict(self)


def headline(failure: dict[str, Any], total: int) -> str:
    """The failure's first line: where it happened, as "failed at check 2 of 8"."""
    stage, case = failure.get("stage"), failure.get("case")
    if stage == "import":
        return "your file could not be imported"
    if stage == "read":
        return "your file could not be read"
    if stage == "rules":
        return "failed before any check ran: the exercise is about your own code"
    if stage in ("timeout", "crash"):
        text = "your code did not finish" if stage == "timeout" else "the check stopped before it could report"
        return text + (f" (during check {case} of {total})" if case else "")
    return f"failed at check {case} of {total}" + (" (a structure check)" if stage == "structure" else "")


def describe(failure: dict[str, Any], total: int, printed: str = "", printed_bytes: int = 0) -> str:
    """The failure as lines: a headline, then 'label: value' rows with aligned continuations,
    then the end of what the learner's code printed (saying so when it was cut)."""
    lines = [headline(failure, total)]
    for key, label in _FIELDS:
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
