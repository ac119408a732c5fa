"""The checker's public functions: check one file, check a folder, copy the stubs.

Arguments are checked here, once (the exercise's name, the file, the limits, the seed); the
work is ``judge.check_file``'s.
"""

from __future__ import annotations

import importlib.resources
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from glassnet.checker import judge, process, registry
from glassnet.checker.report import MISSING, CheckResult

DEFAULT_TIMEOUT = 10.0
MAX_TIMEOUT = 3600.0
DEFAULT_MEMORY_MIB = 1024
MIN_MEMORY_MIB = 256
FALLBACK_MAX_MEMORY_MIB = 65536  # where the machine does not say how much memory it has


def max_memory_mib() -> int:
    """The most memory a check may be given: the machine's memory, in MiB."""
    from glassnet._validation import physical_memory

    memory = physical_memory()
    return memory // 2**20 if memory else FALLBACK_MAX_MEMORY_MIB


def check_limits(timeout: float, memory_mib: int, seed: int | None = None) -> tuple[float, int, int]:
    """The time limit (s), memory limit (MiB) and seed (a fresh one for None), or a
    ValueError/TypeError saying what is allowed."""
    from glassnet._validation import check_count, check_number, check_seed

    timeout = float(check_number(timeout, "timeout", low=0, high=MAX_TIMEOUT))
    memory_mib = check_count(memory_mib, "memory (MiB)", minimum=MIN_MEMORY_MIB)
    ceiling = max_memory_mib()
    if memory_mib > ceiling:
        raise ValueError(f"memory (MiB) must be <= {ceiling} (this machine's memory), got {memory_mib}.")
    seed = check_seed(seed)
    return timeout, memory_mib, judge.new_seed() if seed is None else seed


def check(exercise: str, file: str | os.PathLike, *, timeout: float = DEFAULT_TIMEOUT,
          memory_mib: int = DEFAULT_MEMORY_MIB, seed: int | None = None, rerun: str | None = None,
          shown_as: str | None = None) -> CheckResult:
    """Grade ``file`` as the exercise ``exercise`` (``"perceptron_1d"``): its code runs in a worker
    process limited to ``timeout`` seconds and ``memory_mib`` MiB, on inputs drawn from ``seed``
    (fresh when None; the result says which). Returns a ``CheckResult``, which prints as the
    report (and shows as one in a notebook). ``rerun`` is the command the report suggests to draw
    the same inputs again ("{seed}" is filled in); ``shown_as`` names the file in the report.

    Raises ``ValueError`` for an unknown exercise name, a file that does not exist or a bad limit.
    """
    timeout, memory_mib, seed = check_limits(timeout, memory_mib, seed)
    name = registry.exercise_name(exercise)
    return _check(name, Path(file), timeout, memory_mib, seed, None, rerun, shown_as)


def _check(name: str, path: Path, timeout: float, memory_mib: int, seed: int, stop: threading.Event | None,
           rerun: str | None = None, shown_as: str | None = None) -> CheckResult:
    if not path.is_file():
        raise ValueError(f"No file at {path}; give the path of your {name}.py.")
    return judge.check_file(registry.load(name), path, timeout=timeout, memory_mib=memory_mib, seed=seed, stop=stop,
                            rerun=rerun, shown_as=shown_as)


def exercise_for_file(file: str | os.PathLike) -> str:
    """The exercise a file is for, from its name (``my-work/perceptron_1d.py``), or a ValueError."""
    try:
        return registry.exercise_name(Path(file).stem)
    except ValueError:
        raise ValueError(
            f"Cannot tell which exercise {Path(file).name} is: its name is not one of "
            f"{', '.join(f'{n}.py' for n in registry.all_exercises())}. Name it: "
            f"glassnet check EXERCISE {file}") from None


def ignored_files(folder: str | os.PathLike) -> list[str]:
    """The ``.py`` files in ``folder`` that ``check_all`` does not grade (not an exercise's name)."""
    names = registry.all_exercises()
    return sorted(path.name for path in Path(folder).glob("*.py") if path.stem not in names)


def check_all(folder: str | os.PathLike, *, timeout: float = DEFAULT_TIMEOUT, memory_mib: int = DEFAULT_MEMORY_MIB,
              seed: int | None = None) -> list[CheckResult]:
    """Grade every exercise file ``NAME.py`` found in ``folder``; one result per exercise, in order,
    all with inputs drawn from the same ``seed``.

    An exercise whose file is not in the folder is listed with status ``"missing"``. Other
    ``.py`` files are not graded (``ignored_files`` lists them). Ctrl-C stops every running
    worker at once. Raises ``ValueError`` if ``folder`` is not a folder or a limit is bad.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"No folder at {folder}; give the folder you copied the exercises into "
                         "(glassnet exercises DIR).")
    timeout, memory_mib, seed = check_limits(timeout, memory_mib, seed)
    names = list(registry.all_exercises())
    paths = {name: folder / f"{name}.py" for name in names}
    found = [name for name in names if paths[name].is_file()]
    stop = threading.Event()
    # Each check is its own process, so they run side by side; the slowest (xor) starts first.
    order = sorted(found, key=lambda n: -getattr(registry.load(n), "COST", 1))
    pool = ThreadPoolExecutor(max_workers=max(1, min(len(found), os.cpu_count() or 1, 8)))
    try:
        graded = dict(zip(order, pool.map(lambda n: _check(n, paths[n], timeout, memory_mib, seed, stop), order),
                          strict=True))
    except BaseException:  # Ctrl-C, a signal: end every worker now rather than wait for them
        process.stop_all(stop)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [graded[name] if name in graded else CheckResult(
        name, str(paths[name]), False, f"not found: there is no {paths[name]}", 0, 0, MISSING, None, seed)
        for name in names]


def copy_exercises(dest: str | os.PathLike, *, overwrite: bool = False) -> list[Path]:
    """Copy the exercise stubs into the folder ``dest`` (created if needed), in the track's order.

    A file the learner already has there is kept (it may hold their work) unless
    ``overwrite=True``. Returns the files written.
    """
    dest = Path(dest)
    if dest.exists() and not dest.is_dir():
        raise ValueError(f"{dest} is a file; give a folder to copy the exercises into.")
    dest.mkdir(parents=True, exist_ok=True)
    stubs = importlib.resources.files("glassnet.exercises")
    written = []
    for name in registry.all_exercises():
        target = dest / f"{name}.py"
        if target.exists() and not overwrite:
            continue
        target.write_text((stubs / f"{name}.py").read_text(encoding="utf-8"), encoding="utf-8")
        written.append(target)
    return written
