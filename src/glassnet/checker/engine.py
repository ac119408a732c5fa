"""The checker's side of a check: read the file, run the worker, judge every value it sends back.

Every reference value, every comparison and the verdict are made here, in the checker's own
process, from the exercise module's cases; the learner's file is never imported here. The
worker's events can only make a check fail (an error, a warning, an argument changed in
place); a check passes only when this process has compared every case's value itself.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.resources
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from glassnet.checker import hints, process, registry
from glassnet.checker.report import ERROR, FAILED, MISSING, PASSED, TIMEOUT, CheckResult, describe
from glassnet.checker.spec import Case, Fail, Mismatch
from glassnet.checker.values import decode, named, show, show_near

DEFAULT_TIMEOUT = 10.0
MAX_TIMEOUT = 3600.0
DEFAULT_MEMORY_MIB = 1024
MIN_MEMORY_MIB = 256
_SILENCERS = {"seterr", "errstate", "seterrcall", "filterwarnings", "simplefilter", "catch_warnings",
              "resetwarnings"}


def check_limits(timeout: float, memory_mib: int) -> tuple[float, int]:
    """The time limit (s) and memory limit (MiB), or a ValueError/TypeError saying what is allowed."""
    from glassnet._validation import check_count, check_number

    timeout = float(check_number(timeout, "timeout", low=0, high=MAX_TIMEOUT))
    memory_mib = check_count(memory_mib, "memory (MiB)", minimum=MIN_MEMORY_MIB)
    return timeout, memory_mib


# ---------------------------------------------------------------------- reading the file (no import)


def _read_source(path: Path) -> tuple[str | None, dict[str, Any] | None]:
    """The file's text, or a failure: unreadable, a NUL byte, not UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return None, {"stage": "read", "problem": f"{err.strerror or err}.", "hint": "check the path and "
                      "that you may read the file."}
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        column = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        return None, {"stage": "read", "problem": f"your file contains a NUL byte (line {line}, column {column}); "
                      "Python cannot read a file that holds one.",
                      "hint": "an invisible character came in with a copy and paste, or the file was saved as "
                              "UTF-16: delete that character, or save the file again as UTF-8 text."}
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        return None, {"stage": "read", "problem": f"your file is not UTF-8 text (line {line}).",
                      "hint": "save it again as UTF-8 (the encoding every Python editor uses by default)."}


def _is_main_guard(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and "__main__" in ast.unparse(node.test) and "__name__" in ast.unparse(node.test)


def _graded_nodes(tree: ast.Module) -> list[ast.AST]:
    """Every node of the file except those under ``if __name__ == "__main__":`` (never run by a check)."""
    return [node for top in tree.body if not _is_main_guard(top) for node in ast.walk(top)]


def _line(source: str, lineno: int) -> str:
    lines = source.splitlines()
    return f"line {lineno}: {lines[lineno - 1].strip()}" if 0 < lineno <= len(lines) else f"line {lineno}"


def _scan(source: str, path: Path, exercise: ModuleType) -> dict[str, Any] | None:
    """Problems visible in the text alone: a syntax error, glassnet's own code, warnings switched off."""
    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError as err:
        where = f"line {err.lineno}" + (f": {err.text.strip()}" if err.text and err.text.strip() else "")
        return {"stage": "import", "error": f"SyntaxError: {err.msg}", "where": where,
                "hint": hints.add_lesson(exercise, "Python could not read your file: fix the line shown (often "
                                         "a missing colon, bracket, comma or quote, or an indentation slip, "
                                         "on that line or the one before).")}
    for node in _graded_nodes(tree):
        module = (node.module or "") if isinstance(node, ast.ImportFrom) else None
        names = [alias.name for alias in node.names] if isinstance(node, ast.Import | ast.ImportFrom) else []
        if isinstance(node, ast.Import):
            names = [name for name in names if name.split(".")[0] == "glassnet"]
        elif module is None or module.split(".")[0] != "glassnet":
            names = []
        if names:
            own = [name for name in names if name in exercise.EXERCISED]
            problem = (f"write your own {', '.join(own)}: your file takes {'them' if len(own) > 1 else 'it'} "
                       "from glassnet." if own else "your file imports glassnet; the exercise is for your own "
                       "code, with numpy only.")
            return {"stage": "rules", "problem": problem, "where": _line(source, node.lineno),
                    "hint": hints.add_lesson(exercise, "import only numpy; glassnet is the reference the "
                                             "checker compares your code with.")}
        if getattr(exercise, "CHECKS_WARNINGS", False) and isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in _SILENCERS:
                return {"stage": "rules", "where": _line(source, node.lineno),
                        "problem": f"your file switches warnings off ({called}): the exercise checks that "
                                   "your code raises none.",
                        "hint": hints.add_lesson(exercise, hints.SILENCED)}
    return None


# ---------------------------------------------------------------------- judging the worker's events


def _base(case: Case, index: int) -> dict[str, Any]:
    failure: dict[str, Any] = {"stage": "structure" if case.structure else "case", "case": index,
                               "call": case.call}
    if case.inputs:
        failure["input"] = "\n".join(named(key, value) for key, value in case.inputs.items())
    if case.note:
        failure["note"] = case.note
    if not case.structure:
        failure["expected"] = case.show_expected if case.show_expected is not None else show(case.expected)
    return failure


def _error_failure(failure: dict[str, Any], error: dict[str, Any], exercise: ModuleType, fallback: str,
                   memory_mib: int) -> dict[str, Any]:
    error = {**error, "memory_mib": memory_mib}
    failure.update(error=hints.error_text(error), where=error.get("where", ""),
                   problem="your code ran out of memory" if error["type"] == "MemoryError" else
                   "your code raised an error",
                   hint=hints.add_lesson(exercise, hints.exception_hint(exercise, error, fallback)))
    return failure


def _shown(case: Case, got: Any) -> str:
    try:
        return case.show_got(got) if case.show_got else show(got)
    except Exception:  # a value too strange to describe
        return f"a {type(got).__name__}"


def _judge(case: Case, index: int, event: dict[str, Any], exercise: ModuleType, memory_mib: int,
           ) -> dict[str, Any] | None:
    """One case's failure (its parts as text), or None when this process finds the value right."""
    failure = _base(case, index)
    if "fail" in event:
        fail = event["fail"]
        if fail.get("expected"):
            failure["expected"] = fail["expected"]
        if "got" in fail:
            failure["got"] = show(decode(fail["got"]))
        failure.update(problem=fail["problem"], hint=hints.add_lesson(exercise, fail.get("hint") or case.hint))
        return failure
    if "error" in event:
        return _error_failure(failure, event["error"], exercise, case.hint, memory_mib)
    got = decode(event.get("value"))
    if event.get("changed"):
        failure.update(problem="; ".join(event["changed"]) + ".", hint=hints.add_lesson(exercise, hints.MUTATION))
        return failure
    if event.get("silenced") and getattr(exercise, "CHECKS_WARNINGS", False):
        failure.update(problem="your code switched numpy's warnings off while it ran (np.seterr, np.errstate or "
                       "a warnings filter), so the check cannot see an overflow.",
                       hint=hints.add_lesson(exercise, hints.SILENCED))
        return failure
    if event.get("warnings"):
        first = event["warnings"][0]
        failure.update(got=_shown(case, got), where=first["where"],
                       problem=f"your code raised a warning: {first['category']}: {first['message']}",
                       hint=hints.add_lesson(exercise, case.warning_hint or hints.GENERIC_WARNING))
        return failure
    if case.compare is None:
        return None
    try:
        with np.errstate(all="ignore"):
            case.compare(got, case.expected)
    except Fail as fail:
        failure.update(got=show(fail.got) if fail.has_got else _shown(case, got), problem=fail.problem,
                       hint=hints.add_lesson(exercise, fail.hint or case.hint))
        return failure
    except Exception as err:  # a Mismatch, or a value so odd that comparing it failed
        failure["got"] = _shown(case, got)
        index_ = err.index if isinstance(err, Mismatch) else None
        if index_ is not None and isinstance(case.expected, list | np.ndarray) and np.ndim(case.expected) == 1 \
                and len(case.expected) > 12:
            failure["expected"] = show_near(case.expected, index_)
            with contextlib.suppress(TypeError, ValueError):
                failure["got"] = show_near(got, min(index_, len(got) - 1))
        failure["problem"] = (str(err) if isinstance(err, Mismatch) else
                              f"the checker could not read what your code returned ({type(err).__name__}: {err}).")
        try:
            with np.errstate(all="ignore"):
                targeted = case.diagnose(got) if case.diagnose else None
        except Exception:  # a diagnosis is a bonus; a strange value must not break the report
            targeted = None
        failure["hint"] = hints.add_lesson(exercise, targeted or case.hint)
        return failure
    return None


def _verdict(name: str, path: Path, exercise: ModuleType, cases: list[Case], got: process.Collected,
             timeout: float, memory_mib: int) -> tuple[str, int, dict[str, Any] | None]:
    """(status, checks passed, failure) from the worker's events, judged here."""
    total = len(cases)
    tail = "\n".join(got.output.strip().splitlines()[-8:])
    crash = {"stage": "crash", "hint": hints.EXIT,
             "problem": f"the worker ended (exit code {got.returncode}) before every check had run"
                        + (f":\n{tail}" if tail else ".")}
    seen: dict[Any, dict[str, Any]] = {}
    for event in got.events:
        key = next(iter(event), None), event.get("case", event.get("start", event.get("timeout")))
        if key in seen or key[0] not in ("start", "import", "case", "timeout"):
            got.garbled = True
        seen[key] = event
    if got.garbled or got.results_cut:
        return ERROR, 0, {"stage": "crash", "problem": "something other than the checker wrote to the "
                          "checker's results channel, or sent more than it can read.",
                          "hint": "write only to stdout or stderr (print); leave file descriptors you did not "
                                  "open alone."}
    started = max((event["start"] for event in got.events if "start" in event), default=None)
    stopped = next((event["timeout"] for event in got.events if "timeout" in event), None)
    if stopped is None and got.killed_at_limit:
        stopped = started

    def unfinished(index: int) -> tuple[str, int, dict[str, Any]]:
        if stopped is not None:
            call = cases[index - 1].call if index else "(importing your file)"
            return TIMEOUT, max(index - 1, 0), {"stage": "timeout", "case": index or None, "call": call,
                                                "problem": hints.timeout_problem(timeout),
                                                "hint": hints.timeout_hint(exercise)}
        return ERROR, max(index - 1, 0), {**crash, "case": index or None}

    imported = next((event["import"] for event in got.events if "import" in event), None)
    if imported is None:
        return unfinished(0)
    if imported != "ok":
        if imported["type"] == "SystemExit":
            return ERROR, 0, {"stage": "import", "problem": "your file called exit() or sys.exit() while it was "
                              "imported.", "hint": "put code that tries out your work under "
                              "`if __name__ == \"__main__\":` so it does not run when the file is checked."}
        failure = _error_failure({"stage": "import"}, imported, exercise, hints.IMPORT, memory_mib)
        failure["problem"] = "your file raised an error while it was imported (before any check ran)."
        return ERROR, 0, failure
    own = next(event["own"] for event in got.events if "import" in event)
    if own:
        return FAILED, 0, {"stage": "rules", "problem": "write your own " + ", ".join(own) + ": yours "
                           + ("are" if len(own) > 1 else "is") + " glassnet's (" + ", ".join(own.values()) + ").",
                           "hint": hints.add_lesson(exercise, "the exercise is for your own code; glassnet is "
                                                    "the reference the checker compares it with.")}
    events = {event["case"]: event for event in got.events if "case" in event}
    for index, case in enumerate(cases, start=1):
        if index not in events:
            return unfinished(index)
        failure = _judge(case, index, events[index], exercise, memory_mib)
        if failure is not None:
            return FAILED, index - 1, failure
    return PASSED, total, None


def _builds_on(exercise: ModuleType, path: Path, source: str, timeout: float, memory_mib: int) -> str:
    """When the exercise trains with another one's file (xor with backprop.py) and that file fails
    its own check, the advice to check it first; else ""."""
    base = getattr(exercise, "BUILDS_ON", None)
    sibling = path.parent / f"{base}.py"
    if not base or not sibling.is_file() or base not in source:
        return ""
    result = _check(base, sibling, timeout, memory_mib, None)
    if result.passed:
        return ""
    where = f"check {result.failure.get('case')} of {result.cases_total}" if result.failure and \
        result.failure.get("case") else result.status
    return (f"first run `glassnet check {base} {sibling}`: your {base}.py fails its own check ({where}), "
            f"and {path.name} trains with it. If xor still fails once it passes: ")


# ---------------------------------------------------------------------- the public functions


def check(exercise: str, file: str | os.PathLike, *, timeout: float = DEFAULT_TIMEOUT,
          memory_mib: int = DEFAULT_MEMORY_MIB) -> CheckResult:
    """Grade ``file`` as the exercise ``exercise`` in a worker process limited to ``timeout``
    seconds and ``memory_mib`` MiB of memory.

    Raises ``ValueError`` for an unknown exercise name, a file that does not exist or a bad limit.
    """
    timeout, memory_mib = check_limits(timeout, memory_mib)
    return _check(registry.exercise_name(exercise), Path(file), timeout, memory_mib, None)


def _check(name: str, path: Path, timeout: float, memory_mib: int, stop: threading.Event | None) -> CheckResult:
    """``check`` once its arguments are valid; ``check_all`` passes the ``stop`` its Ctrl-C sets."""
    if not path.is_file():
        raise ValueError(f"No file at {path}; give the path of your {name}.py.")
    module = registry.load(name)
    cases = registry.cases_of(name)
    source, failure = _read_source(path)
    if failure is None:
        failure = _scan(source, path, module)
    if failure is not None:
        status = ERROR if failure["stage"] in ("read", "import") else FAILED
        failure["hint"] = failure.get("hint") or hints.add_lesson(module, "")
        return CheckResult(name, str(path), False, describe(failure, len(cases)), 0, len(cases), status, failure)
    collected = process.run_worker(name, path, timeout=timeout, memory_mib=memory_mib, stop=stop)
    try:
        status, passed, failure = _verdict(name, path, module, cases, collected, timeout, memory_mib)
    except Exception as err:  # a value the checker could not read: never a pass, never a traceback
        status, passed, failure = ERROR, 0, {
            "stage": "crash", "problem": f"the checker failed while judging: {type(err).__name__}: {err}",
            "hint": "this is a bug in glassnet's checker, or a value it could not read; please report it "
                    "with your file."}
    if failure is None:
        return CheckResult(name, str(path), True, f"all {len(cases)} checks pass", passed, len(cases), PASSED)
    advice = _builds_on(module, path, source, timeout, memory_mib)
    if advice:
        failure["hint"] = advice + failure.get("hint", "")
    message = describe(failure, len(cases), collected.output, collected.output_bytes)
    return CheckResult(name, str(path), False, message, passed, len(cases), status, failure)


def exercise_for_file(file: str | os.PathLike) -> str:
    """The exercise a file is for, from its name (``my-work/perceptron_1d.py``), or a ValueError."""
    stem = Path(file).stem
    try:
        return registry.exercise_name(stem)
    except ValueError:
        raise ValueError(
            f"Cannot tell which exercise {Path(file).name} is: its name is not one of "
            f"{', '.join(f'{n}.py' for n in registry.all_exercises())}. Name it: "
            f"glassnet check EXERCISE {file}") from None


def ignored_files(folder: str | os.PathLike) -> list[str]:
    """The ``.py`` files in ``folder`` that ``check_all`` does not grade (not an exercise's name)."""
    names = registry.all_exercises()
    return sorted(path.name for path in Path(folder).glob("*.py") if path.stem not in names)


def check_all(folder: str | os.PathLike, *, timeout: float = DEFAULT_TIMEOUT,
              memory_mib: int = DEFAULT_MEMORY_MIB) -> list[CheckResult]:
    """Grade every exercise file ``NAME.py`` found in ``folder``; one result per exercise, in order.

    An exercise whose file is not in the folder is listed with status ``"missing"``. Other
    ``.py`` files are not graded (``ignored_files`` lists them). Ctrl-C stops every running
    worker at once. Raises ``ValueError`` if ``folder`` is not a folder or a limit is bad.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"No folder at {folder}; give the folder you copied the exercises into "
                         "(glassnet exercises DIR).")
    timeout, memory_mib = check_limits(timeout, memory_mib)
    names = list(registry.all_exercises())
    paths = {name: folder / f"{name}.py" for name in names}
    found = [name for name in names if paths[name].is_file()]
    stop = threading.Event()
    # Each check is its own process, so they can run side by side.
    pool = ThreadPoolExecutor(max_workers=max(1, min(len(found), os.cpu_count() or 1, 8)))
    try:
        graded = dict(zip(found, pool.map(
            lambda n: _check(n, paths[n], timeout, memory_mib, stop), found), strict=True))
    except KeyboardInterrupt:  # Ctrl-C: end every worker now rather than wait for them
        process.stop_all(stop)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [graded[name] if name in graded else CheckResult(
        name, str(paths[name]), False, f"not found: there is no {paths[name]}", 0, 0, MISSING, None)
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
