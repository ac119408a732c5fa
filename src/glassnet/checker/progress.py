"""The learner's progress: every attempt of ``glassnet check --all DIR``, kept in DIR.

``record(folder, results)`` adds one attempt per exercise file checked (its exercise, time,
pass or fail, the status, the cause named) to ``DIR/.glassnet-progress.json``, written
through ``glassnet.atomic`` (all of it or none of it) while a lock on the folder keeps two
checks from losing each other's attempts. ``read`` loads it back; a file that is not such a
record raises ``ProgressError`` (a ValueError) naming the file and leaves it as it is, never
wiped. ``summary`` and ``table`` are what ``glassnet progress DIR`` prints: per exercise,
passed or not, the attempts, and the last cause.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from glassnet.checker.report import MISSING, CheckResult

FILE = ".glassnet-progress.json"
FORMAT = 1
#: Attempts kept: the oldest go first beyond this many.
MAX_ATTEMPTS = 10_000
FIELDS = {"exercise": str, "time": str, "passed": bool, "status": str, "cause": str, "checks": str,
          "seed": (int, type(None))}


class ProgressError(ValueError):
    """The progress file exists but is not a record this version can read."""


def path_of(folder: str | os.PathLike) -> Path:
    return Path(folder) / FILE


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``folder`` (flock on the folder itself; none where there is no flock)."""
    try:
        import fcntl
    except ImportError:  # Windows: a lost attempt under a race is the price
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def read(folder: str | os.PathLike) -> list[dict[str, Any]]:
    """The attempts recorded in ``folder`` (oldest first; [] when there is no record yet)."""
    path = path_of(folder)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as err:
        raise ProgressError(f"{path} cannot be read ({err}); it was left as it is.") from None
    advice = "it was left as it is: move it away (or delete it) to start a new record."
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as err:
        where = f" (line {err.lineno}, column {err.colno})" if isinstance(err, json.JSONDecodeError) else ""
        raise ProgressError(f"{path} is damaged: not JSON{where}; {advice}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("attempts"), list):
        raise ProgressError(f"{path} is not a glassnet progress record of format {FORMAT}; {advice}")
    for i, attempt in enumerate(data["attempts"]):
        bad = [key for key, kind in FIELDS.items() if not isinstance(attempt, dict) or not isinstance(
            attempt.get(key), kind) or (isinstance(attempt.get(key), bool) and kind is not bool)]
        if bad or (isinstance(attempt, dict) and attempt.get("seed") is True):
            raise ProgressError(f"{path} is damaged: attempt {i + 1} has no valid {', '.join(bad) or 'seed'}; "
                                f"{advice}")
    return data["attempts"]


def attempt(result: CheckResult, when: datetime | None = None) -> dict[str, Any]:
    """One check as a recorded attempt."""
    when = when or datetime.now(UTC)
    return {"exercise": result.exercise, "time": when.isoformat(timespec="seconds"), "passed": result.passed,
            "status": result.status, "cause": "" if result.passed else result.cause[:500],
            "checks": f"{result.cases_passed}/{result.cases_total}", "seed": result.seed}


def record(folder: str | os.PathLike, results: list[CheckResult]) -> Path:
    """Add the attempts of ``results`` (missing files are not attempts) to the folder's record."""
    from glassnet.atomic import write_atomically

    folder = Path(folder)
    with _locked(folder):
        attempts = read(folder)
        now = datetime.now(UTC)
        attempts += [attempt(result, now) for result in results if result.status != MISSING]
        data = {"format": FORMAT, "attempts": attempts[-MAX_ATTEMPTS:]}
        text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
        return write_atomically(path_of(folder), lambda f: f.write(text.encode("utf-8")))


def summary(attempts: list[dict[str, Any]], exercises: tuple[str, ...]) -> list[dict[str, Any]]:
    """Per exercise, in the track's order: passed (the last attempt did), ever passed, attempts,
    the last attempt's time and cause."""
    rows = []
    for name in exercises:
        mine = [a for a in attempts if a["exercise"] == name]
        last = mine[-1] if mine else None
        rows.append({"exercise": name, "attempts": len(mine), "passed": bool(last and last["passed"]),
                     "ever_passed": any(a["passed"] for a in mine), "last_time": last["time"] if last else "",
                     "last_cause": last["cause"] if last and not last["passed"] else ""})
    return rows


def _local(iso: str) -> str:
    """A recorded time in this machine's time zone, to the minute ("" for none)."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def table(rows: list[dict[str, Any]]) -> str:
    """The summary as lines a learner (or a teacher) reads."""
    lines = [f"{'exercise':<18}{'status':<24}{'attempts':>8}  {'last attempt':<18}last cause"]
    for row in rows:
        status = ("passed" if row["passed"] else "failing" + (" (passed before)" if row["ever_passed"] else "")
                  if row["attempts"] else "not tried")
        cause = row["last_cause"].splitlines()[0][:100] if row["last_cause"] else ""
        when = _local(row["last_time"])
        lines.append(f"{row['exercise']:<18}{status:<24}{row['attempts']:>8}  {when:<18}{cause}".rstrip())
    passed = sum(row["passed"] for row in rows)
    lines.append(f"\n{passed} of {len(rows)} exercises pass.")
    return "\n".join(lines)
