"""The worker: the one process where the learner's code runs (``python -m glassnet.checker.worker``).

argv: exercise, file, timeout (s), memory limit (MiB), and the number of the file descriptor
the checker opened for the results. The worker limits its own memory, imports the learner's
file, runs each case's call and writes one JSON line per event to that descriptor:

    {"import": "ok", "own": {...}}   or   {"import": {error}}
    {"start": i}                     (case i begins: if the process dies now, i was running)
    {"case": i, "value": ...}        (or "fail", "error"; plus "changed", "warnings", "silenced")
    {"timeout": i}

It judges nothing: the checker's process decodes the values and compares them itself, so a
file that prints, patches the checker or exits early can make a check fail, never pass.
What the learner's code prints goes to the worker's stdout and stderr, which the checker
captures separately, capped.
"""

from __future__ import annotations

import importlib.util
import json
import linecache
import os
import signal
import sys
import traceback
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from glassnet.checker import registry, spec
from glassnet.checker.values import encode

#: numpy's error state during a case: overflow, 0-division and invalid values become warnings.
ERR_STATE = {"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"}


class OutOfTime(BaseException):
    """Raised by the alarm inside the learner's code; a BaseException so `except Exception`
    in their code does not swallow it."""


class Channel:
    """JSON lines written straight to the results descriptor (no buffer a crash could lose)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def send(self, **event: Any) -> None:
        data = (json.dumps(event, ensure_ascii=True) + "\n").encode("ascii")
        while data:
            data = data[os.write(self.fd, data):]


def limit_memory(mebibytes: int) -> None:
    """Cap the address space (RLIMIT_AS) of this process and its children, where the OS can."""
    try:
        import resource
    except ImportError:  # Windows: no such limit
        return
    limit = mebibytes * 2**20
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _ring(signum: int, frame: object) -> None:
    raise OutOfTime


def _in_folder(filename: str, path: Path) -> bool:
    try:
        return Path(filename).resolve().parent == path.parent
    except (OSError, ValueError):
        return False


def describe_error(err: BaseException, path: Path) -> dict[str, Any]:
    """An exception as data: its type and bases, message, and the learner's line it came from."""
    frames = [frame for frame in traceback.extract_tb(err.__traceback__) if _in_folder(frame.filename, path)]
    where = ""
    if frames:
        frame = frames[-1]
        where = f"line {frame.lineno} in {frame.name}"
        if Path(frame.filename).name != path.name:
            where += f" ({Path(frame.filename).name})"
        where += f": {frame.line.strip()}" if frame.line else ""
    return {"type": type(err).__name__, "kinds": [cls.__name__ for cls in type(err).__mro__],
            "message": str(err)[:2000], "where": where, "module": getattr(err, "name", None)
            if isinstance(err, ImportError) else None}


def _warning(caught: warnings.WarningMessage, path: Path) -> dict[str, str]:
    where = ""
    if _in_folder(caught.filename, path):
        source = linecache.getline(caught.filename, caught.lineno).strip()
        where = f"line {caught.lineno}" + (f": {source}" if source else "")
    return {"category": caught.category.__name__, "message": str(caught.message)[:500], "where": where}


def import_learner(path: Path) -> ModuleType:
    """Import the learner's file as a module (its folder on sys.path, for sibling imports)."""
    folder = str(path.parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    name = path.stem if path.stem.isidentifier() and path.stem not in sys.modules else "learner_solution"
    module_spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[name] = module
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        module_spec.loader.exec_module(module)
    return module


def glassnet_own(module: ModuleType, names: tuple[str, ...]) -> dict[str, str]:
    """The exercised names that are glassnet's own objects (or subclass one): name -> origin."""
    own = {}
    for name in names:
        obj = getattr(module, name, None)
        for cls in (obj.__mro__ if isinstance(obj, type) else (obj,)):
            origin = str(getattr(cls, "__module__", "") or "")
            if origin == "glassnet" or origin.startswith("glassnet."):
                own[name] = f"{origin}.{getattr(cls, '__qualname__', name)}"
                break
    return own


def run_case(case: spec.Case, module: ModuleType, path: Path, watch_warnings: bool) -> dict[str, Any]:
    """One case's call, as data: the value (or the failure), arguments changed, warnings raised."""
    event: dict[str, Any] = {}
    spec.CHANGED.clear()
    np.seterr(**ERR_STATE)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        filters = list(warnings.filters)
        try:
            event["value"] = encode(case.run(module))
        except spec.Fail as fail:
            event["fail"] = {"problem": fail.problem, "hint": fail.hint, "expected": fail.expected}
            if fail.has_got:
                event["fail"]["got"] = encode(fail.got)
        except OutOfTime:
            raise
        except BaseException as err:  # the learner's error, whatever it is
            event["error"] = describe_error(err, path)
        if watch_warnings and (np.geterr() != ERR_STATE or list(warnings.filters) != filters):
            event["silenced"] = True
    event["changed"] = list(spec.CHANGED)
    event["warnings"] = [_warning(w, path) for w in caught if issubclass(w.category, RuntimeWarning)][:3]
    return event


def main() -> None:
    """Grade nothing; run everything: argv = exercise, file, timeout, memory MiB, results fd."""
    name, file, timeout, memory, fd = sys.argv[1:6]
    channel, path = Channel(int(fd)), Path(file)
    exercise, cases = registry.load(name), registry.cases_of(name)
    limit_memory(int(memory))
    watch = bool(getattr(exercise, "CHECKS_WARNINGS", False))
    index = 0
    if hasattr(signal, "setitimer"):  # elsewhere the checker's kill is the only limit
        signal.signal(signal.SIGALRM, _ring)
        signal.setitimer(signal.ITIMER_REAL, float(timeout))
    try:
        channel.send(start=0)
        try:
            module = import_learner(path)
        except OutOfTime:
            raise
        except BaseException as err:
            channel.send(**{"import": describe_error(err, path)})
            return
        channel.send(**{"import": "ok", "own": glassnet_own(module, exercise.EXERCISED)})
        for index, case in enumerate(cases, start=1):
            channel.send(start=index)
            event = run_case(case, module, path, watch)
            channel.send(case=index, **event)
            if "fail" in event or "error" in event:
                break
    except OutOfTime:
        channel.send(timeout=index)
    finally:
        if hasattr(signal, "setitimer"):
            signal.setitimer(signal.ITIMER_REAL, 0)


if __name__ == "__main__":
    main()
