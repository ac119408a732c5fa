"""``glassnet exercises | check | progress``: the track's exercises, the checker, the record.

The checker itself (``glassnet.checker``) returns results as data; this module prints them,
records ``check --all``'s attempts in the folder (``checker.progress``) and prints that record.
A signal that would end ``check`` (SIGTERM, SIGHUP) stops every worker and ends with a report.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from glassnet.cli.common import UserError, check_output_folder, count

if TYPE_CHECKING:
    from glassnet.checker import CheckResult


class Stopped(Exception):  # noqa: N818 (a signal, not an error of ours)
    """A signal asked ``check`` to stop."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _print(text: str) -> None:
    """Print, falling back to ASCII on a console that cannot show ✓, ✗ or σ."""
    try:
        print(text)
    except UnicodeEncodeError:
        print(text.encode("ascii", "replace").decode("ascii"))


def format_result(result: CheckResult) -> str:
    """A result as text: one ✓/✗ line, then (for a failure) the details, indented."""
    if result.passed:
        return f"✓ {result.exercise}: {result.message} ({result.file})"
    if result.status == "missing":
        return f"✗ {result.exercise}: {result.message}"
    first, *rest = result.message.splitlines()
    return "\n".join([f"✗ {result.exercise}: {first} ({result.file})", *(f"    {line}" for line in rest)])


def main_exercises(dest: str) -> int:
    """``glassnet exercises DEST``: copy the stubs, say what was copied and what to do next."""
    from glassnet.checker import EXERCISES, copy_exercises

    written = copy_exercises(dest)
    kept = [name for name in EXERCISES if Path(dest, f"{name}.py") not in written]
    if written:
        _print(f"Copied {len(written)} exercise file(s) into {dest}:")
        for path in written:
            _print(f"  {path.name}")
    if kept:
        _print(f"Kept {len(kept)} file(s) you already have there: {', '.join(f'{n}.py' for n in kept)}.")
    first = Path(dest, f"{EXERCISES[0]}.py")
    _print(f"Next: open {first}, fill it in, then run:\n  glassnet check {first}")
    _print(f"Check everything at once with: glassnet check --all {dest}")
    return 0


def main_check(exercise: str | None, file: str | None, *, all_dir: str | None = None, as_json: bool = False,
               timeout: float | None = None, memory_mib: int | None = None, seed: int | None = None) -> int:
    """``glassnet check [EXERCISE] FILE`` or ``glassnet check --all DIR [--json]``.

    With one path and no exercise, the exercise is the file's name (``perceptron_1d.py``).
    Prints the results (text, or with ``as_json`` a JSON list of ``CheckResult.to_dict()``) and
    returns 0 when every exercise file checked passes, 1 otherwise. With ``all_dir``, missing
    exercises are listed but do not change the exit code unless none was found, other ``.py``
    files are listed as not graded, and the attempts are added to ``all_dir``'s progress record
    (a damaged record is left as it is: a ``ValueError`` after the results). Raises
    ``ValueError`` for a bad argument.
    """
    from glassnet.checker import DEFAULT_MEMORY_MIB, DEFAULT_TIMEOUT, check, check_all, exercise_for_file, ignored_files
    from glassnet.checker.progress import record

    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    memory_mib = DEFAULT_MEMORY_MIB if memory_mib is None else memory_mib
    if all_dir is not None:
        if exercise is not None or file is not None:
            raise ValueError("Give either --all DIR or EXERCISE FILE, not both.")
        results = check_all(all_dir, timeout=timeout, memory_mib=memory_mib, seed=seed)
    else:
        if file is None and exercise is not None and (exercise.endswith(".py") or Path(exercise).is_file()):
            exercise, file = exercise_for_file(exercise), exercise
        if exercise is None or file is None:
            raise ValueError("Give your file (glassnet check my-work/perceptron_1d.py), the exercise and your "
                             "file (glassnet check perceptron_1d notes.py), or --all DIR to check a whole folder.")
        results = [check(exercise, file, timeout=timeout, memory_mib=memory_mib, seed=seed)]
    if as_json:
        _print(json.dumps([result.to_dict() for result in results], indent=2, ensure_ascii=False))
    else:
        for result in results:
            _print(format_result(result))
    graded = [result for result in results if result.status != "missing"]
    if all_dir is not None and not as_json:
        missing = [f"{result.exercise}.py" for result in results if result.status == "missing"]
        ignored = ignored_files(all_dir)
        if not graded:
            _print(f"\nNo exercise files found in {all_dir}; copy them there with: glassnet exercises {all_dir}")
        else:
            passed = sum(result.passed for result in graded)
            _print(f"\n{passed} of {len(graded)} exercise files pass"
                   + (f"; not found: {', '.join(missing)}." if missing else "."))
        if ignored:
            _print(f"Not graded (not an exercise's name): {', '.join(ignored)}. To check one, name its "
                   "exercise: glassnet check EXERCISE FILE.")
    if all_dir is not None and graded:
        record(all_dir, results)
    return 0 if graded and all(result.passed for result in results if result.status != "missing") else 1


def main_progress(folder: str, as_json: bool = False) -> int:
    """``glassnet progress DIR``: per exercise, passed or not, the attempts, the last cause."""
    from glassnet.checker import EXERCISES
    from glassnet.checker.progress import path_of, read, summary, table

    if not Path(folder).is_dir():
        raise ValueError(f"No folder at {folder}; give the folder you check with glassnet check --all.")
    attempts = read(folder)
    rows = summary(attempts, EXERCISES)
    if as_json:
        _print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif not attempts:
        _print(f"No attempts recorded in {folder} yet: glassnet check --all {folder} records each one "
               f"(in {path_of(folder).name}).")
    else:
        _print(table(rows))
    return 0


def cmd_exercises(args: argparse.Namespace) -> int:
    check_output_folder(args.dest, "exercises")  # before anything is copied
    return main_exercises(args.dest)


def _stop(signum: int, frame: object) -> None:
    raise Stopped(signum)


def cmd_check(args: argparse.Namespace) -> int:
    if args.all and (args.exercise or args.file):
        raise UserError("Give either --all DIR or [EXERCISE] FILE, not both.")
    if not (args.all or args.exercise):
        raise UserError("Give your file (glassnet check my-work/perceptron_1d.py) or --all DIR.")
    handled = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    before = {signum: signal.signal(signum, _stop) for signum in handled}
    try:
        return main_check(args.exercise, args.file, all_dir=args.all, as_json=args.json, timeout=args.timeout,
                          memory_mib=args.memory, seed=args.seed)
    except KeyboardInterrupt:
        print("glassnet: check interrupted; every running check was stopped.", file=sys.stderr)
        return 130
    except Stopped as stop:
        print(f"glassnet: check stopped by {stop} (sent by another process, perhaps one the file being checked "
              "started); every running check was stopped and nothing was recorded.", file=sys.stderr)
        return 128 + stop.signum
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


def cmd_progress(args: argparse.Namespace) -> int:
    return main_progress(args.dir, as_json=args.json)


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``exercises``, ``check`` and ``progress`` to the ``glassnet`` command."""
    exercises = commands.add_parser("exercises", help="copy the exercise files into a folder to work in")
    exercises.add_argument("dest", help="the folder to create or fill")
    exercises.set_defaults(run=cmd_exercises)

    grade = commands.add_parser(
        "check", help="check your solution to an exercise",
        description="Check your solution to an exercise. Your code runs in a separate process, without "
                    "glassnet, limited in time and memory, on inputs drawn for this run (the seed is shown; "
                    "--seed draws the same again). The checker is for self-study, not a sandbox.")
    grade.add_argument("exercise", nargs="?", metavar="[EXERCISE] FILE",
                       help="your file (its name says the exercise, e.g. perceptron_1d.py), or the exercise "
                            "name then your file")
    grade.add_argument("file", nargs="?", help=argparse.SUPPRESS)
    grade.add_argument("--all", metavar="DIR", help="check every exercise file found in DIR and record the attempts "
                       "in DIR/.glassnet-progress.json")
    grade.add_argument("--json", action="store_true", help="machine-readable output")
    grade.add_argument("--timeout", type=float, metavar="SECONDS",
                       help="time allowed per exercise, above 0 and at most 3600 (default 10)")
    grade.add_argument("--memory", type=int, default=None, metavar="MIB",
                       help="memory allowed per exercise in MiB, from 256 to this machine's memory (default 1024)")
    grade.add_argument("--seed", type=count(0), default=None, metavar="N",
                       help="the seed of the random inputs, to rerun a check exactly (default: a fresh one, shown)")
    grade.set_defaults(run=cmd_check)

    progress = commands.add_parser("progress", help="show the attempts recorded by check --all DIR",
                                   description="Per exercise: passed or not, the attempts, the last cause named.")
    progress.add_argument("dir", metavar="DIR", help="the folder given to glassnet check --all")
    progress.add_argument("--json", action="store_true", help="machine-readable output")
    progress.set_defaults(run=cmd_progress)
