"""The notebook's ``%%check NAME``: a cell's code checked by the same checker, same report.

``%load_ext glassnet`` calls ``register``, which adds the cell magic. A cell whose first line
is ``%%check perceptron_1d`` (options: ``--seed N``, ``--timeout S``, ``--memory MIB``) is not
run in the notebook: its code is written to a file of its own in a fresh temporary folder and
checked there, in a worker, like ``glassnet check``; the result shows as the report (HTML in
the notebook, text elsewhere). xor imports ``backprop``: the code of the last ``%%check
backprop`` cell of this session goes beside it, else a ``backprop.py`` in the notebook's folder.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import tempfile
from pathlib import Path
from typing import Any

from glassnet.checker import registry
from glassnet.checker.report import CheckResult
from glassnet.checker.run import DEFAULT_MEMORY_MIB, DEFAULT_TIMEOUT, check

#: The code of the last cell checked for each exercise in this session (xor uses backprop's).
CELLS: dict[str, str] = {}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="%%check", add_help=False, exit_on_error=False)
    parser.add_argument("exercise")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    parser.add_argument("--memory", type=int, default=DEFAULT_MEMORY_MIB)
    return parser


def check_cell(line: str, cell: str, folder: str | Path | None = None) -> CheckResult:
    """Check ``cell`` as the exercise named on ``line`` (with its options); ``folder`` is where a
    ``backprop.py`` for xor may be found (the notebook's own folder by default)."""
    try:
        args = _parser().parse_args(shlex.split(line))
    except (argparse.ArgumentError, ValueError, SystemExit) as err:
        names = ", ".join(registry.all_exercises())
        raise ValueError(f"%%check needs an exercise name and nothing else but --seed N, --timeout S or "
                         f"--memory MIB ({err}); the exercises: {names}.") from None
    name = registry.exercise_name(args.exercise)
    work = Path(tempfile.mkdtemp(prefix="glassnet-check-"))
    try:
        path = work / f"{name}.py"
        path.write_text(cell, encoding="utf-8")
        sibling = Path(folder or Path.cwd()) / "backprop.py"
        if name == "xor" and "backprop" in CELLS:
            (work / "backprop.py").write_text(CELLS["backprop"], encoding="utf-8")
        elif name == "xor" and sibling.is_file():
            shutil.copy(sibling, work / "backprop.py")
        CELLS[name] = cell
        rerun = f"%%check {name} --seed {{seed}}"
        return check(name, path, timeout=args.timeout, memory_mib=args.memory, seed=args.seed, rerun=rerun,
                     shown_as="your cell")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def register(ipython: Any) -> None:
    """Add ``%%check`` to this IPython session."""

    def magic(line: str, cell: str) -> None:
        from IPython.display import display

        try:
            result = check_cell(line, cell)
        except ValueError as err:
            print(f"%%check: {err}")
            return
        display(result)

    ipython.register_magic_function(magic, magic_kind="cell", magic_name="check")
