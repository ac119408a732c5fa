"""Grade a learner's exercise file and explain its first mistake. Lessons: 01–07 (the exercises).

``glassnet exercises DIR`` copies the ten exercise stubs (``EXERCISES``, in the track's order)
into a folder to work in; ``glassnet check EXERCISE FILE`` grades one of them:

1) a fresh Python process, the *worker*, imports the file under a time limit, so an endless
   loop or a crash in the learner's code is reported, never suffered;
2) the worker checks the file's structure first (the class or function exists, ``fn`` is a
   static method, ``run`` takes the input the exercise names), then runs the exercise's
   reference cases in order and stops at the first one that fails;
3) it prints one JSON line, which this process turns into a ``CheckResult``. A failure says
   the call, its input, what was expected, what came back (for arrays, the first index that
   differs) and a hint that names the lesson to reread.

Expected values come from glassnet's own implementation or from the formula itself; the
backprop exercise is compared with central differences and the relative error is shown.
Warnings raised by the learner's code (an overflow in ``exp``...) fail the case: in float64
they almost always mean a formula that breaks for large inputs.
"""

from __future__ import annotations

import contextlib
import importlib.resources
import importlib.util
import inspect
import io
import json
import linecache
import os
import re
import signal
import subprocess
import sys
import traceback
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

#: The exercises, in the track's order; each is one file ``NAME.py``.
EXERCISES: tuple[str, ...] = (
    "perceptron_1d",
    "perceptron_nd",
    "perceptron_train",
    "activations",
    "one_layer",
    "two_layer",
    "losses",
    "descent",
    "backprop",
    "xor",
)

#: The lesson each exercise belongs to, as "NN topic" (lessons/NN_*.py).
LESSONS: dict[str, str] = {
    "perceptron_1d": "01, linear models",
    "perceptron_nd": "01, linear models",
    "perceptron_train": "01, linear models",
    "activations": "02, activation functions",
    "one_layer": "02, activation functions",
    "two_layer": "03, feedforward networks",
    "losses": "04, loss functions",
    "descent": "05, gradient descent",
    "backprop": "06, backpropagation",
    "xor": "07, training",
}

_MARKER = "@@glassnet-check@@ "  # starts the worker's one JSON line on stdout
_PASSED, _FAILED, _ERROR, _TIMEOUT, _MISSING = "passed", "failed", "error", "timeout", "missing"


# ====================================================================== the public API


@dataclass
class CheckResult:
    """The grade of one exercise file.

    status : ``"passed"``; ``"failed"`` (a structure check or a case failed); ``"error"`` (the
        file could not be imported, or the worker died); ``"timeout"``; ``"missing"`` (no
        such file in the folder given to ``check_all``).
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
    status: str = _FAILED
    failure: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-ready values."""
        return asdict(self)


def copy_exercises(dest: str | os.PathLike, *, overwrite: bool = False) -> list[Path]:
    """Copy the ten exercise stubs into the folder ``dest`` (created if needed).

    A file the learner already has there is kept (it may hold their work) unless
    ``overwrite=True``. Returns the files written, in the track's order.
    """
    dest = Path(dest)
    if dest.exists() and not dest.is_dir():
        raise ValueError(f"{dest} is a file; give a folder to copy the exercises into.")
    dest.mkdir(parents=True, exist_ok=True)
    stubs = importlib.resources.files("glassnet.exercises")
    written = []
    for name in EXERCISES:
        target = dest / f"{name}.py"
        if target.exists() and not overwrite:
            continue
        target.write_text((stubs / f"{name}.py").read_text(encoding="utf-8"), encoding="utf-8")
        written.append(target)
    return written


def main_exercises(dest: str) -> int:
    """``glassnet exercises DEST``: copy the stubs, say what was copied and what to do next."""
    written = copy_exercises(dest)
    kept = [name for name in EXERCISES if Path(dest, f"{name}.py") not in written]
    if written:
        _print(f"Copied {len(written)} exercise file(s) into {dest}:")
        for path in written:
            _print(f"  {path.name}")
    if kept:
        _print(f"Kept {len(kept)} file(s) you already have there: {', '.join(f'{n}.py' for n in kept)}.")
    first = Path(dest, f"{EXERCISES[0]}.py")
    _print(f"Next: open {first}, fill it in, then run:\n  glassnet check {EXERCISES[0]} {first}")
    _print(f"Check everything at once with: glassnet check --all {dest}")
    return 0


def check(exercise: str, file: str | os.PathLike, *, timeout: float = 10.0) -> CheckResult:
    """Grade ``file`` as the exercise ``exercise``, in a separate process limited to ``timeout`` s.

    Raises ``ValueError`` for an unknown exercise name or a file that does not exist.
    """
    name = _exercise_name(exercise)
    timeout = _check_timeout(timeout)
    path = Path(file)
    if not path.is_file():
        raise ValueError(f"No file at {path}; give the path of your {name}.py.")
    return _run_worker(name, path, timeout)


def check_all(folder: str | os.PathLike, *, timeout: float = 10.0) -> list[CheckResult]:
    """Grade every exercise file ``NAME.py`` found in ``folder``; one result per exercise, in order.

    An exercise whose file is not in the folder is listed with status ``"missing"`` and
    ``passed=False`` (``main_check`` does not count it against the exit code unless no file
    was found at all). Raises ``ValueError`` if ``folder`` is not a folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(
            f"No folder at {folder}; give the folder you copied the exercises into "
            "(glassnet exercises DIR)."
        )
    timeout = _check_timeout(timeout)
    paths = {name: folder / f"{name}.py" for name in EXERCISES}
    found = [name for name in EXERCISES if paths[name].is_file()]
    # Each check is its own process, so they can run side by side.
    workers = max(1, min(len(found), os.cpu_count() or 1, 8))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        graded = dict(zip(found, pool.map(lambda n: check(n, paths[n], timeout=timeout), found),
                          strict=True))
    return [
        graded[name] if name in graded else CheckResult(
            name, str(paths[name]), False, f"not found: there is no {paths[name]}",
            0, 0, _MISSING, None)
        for name in EXERCISES
    ]


def format_result(result: CheckResult) -> str:
    """A result as text: one ✓/✗ line, then (for a failure) the details, indented."""
    if result.passed:
        return f"✓ {result.exercise}: {result.message} ({result.file})"
    if result.status == _MISSING:
        return f"✗ {result.exercise}: {result.message}"
    first, *rest = result.message.splitlines()
    return "\n".join([f"✗ {result.exercise}: {first} ({result.file})", *(f"    {line}" for line in rest)])


def main_check(
    exercise: str | None,
    file: str | None,
    *,
    all_dir: str | None = None,
    as_json: bool = False,
    timeout: float = 10.0,
) -> int:
    """``glassnet check EXERCISE FILE`` or ``glassnet check --all DIR [--json]``.

    Prints the results (text, or with ``as_json`` a JSON list of ``CheckResult.to_dict()``
    objects, one per exercise, also for a single check) and returns the exit code: 0 when every
    exercise file checked passes, 1 otherwise. With ``all_dir``, exercises whose file is not in
    the folder are listed as missing but do not change the exit code, unless none was found.
    Raises ``ValueError`` for an unknown exercise, a missing file or folder, or a missing
    argument.
    """
    if all_dir is not None:
        if exercise is not None or file is not None:
            raise ValueError("Give either --all DIR or EXERCISE FILE, not both.")
        results = check_all(all_dir, timeout=timeout)
    else:
        if exercise is None or file is None:
            raise ValueError(
                "Give the exercise and your file (glassnet check perceptron_1d perceptron_1d.py), "
                "or --all DIR to check a whole folder."
            )
        results = [check(exercise, file, timeout=timeout)]
    if as_json:
        _print(json.dumps([result.to_dict() for result in results], indent=2, ensure_ascii=False))
    else:
        for result in results:
            _print(format_result(result))
    graded = [result for result in results if result.status != _MISSING]
    if all_dir is not None and not as_json:
        missing = [f"{result.exercise}.py" for result in results if result.status == _MISSING]
        if not graded:
            _print(f"\nNo exercise files found in {all_dir}; copy them there with: glassnet exercises {all_dir}")
        else:
            passed = sum(result.passed for result in graded)
            _print(f"\n{passed} of {len(graded)} exercise files pass"
                   + (f"; not found: {', '.join(missing)}." if missing else "."))
    return 0 if graded and all(result.passed for result in graded) else 1


# ====================================================================== the parent's side


def _exercise_name(exercise: str) -> str:
    if not isinstance(exercise, str):
        raise TypeError(f"exercise must be a name such as 'perceptron_1d', got {exercise!r}.")
    key = exercise.strip().lower().replace("-", "_").removesuffix(".py")
    if key not in EXERCISES:
        raise ValueError(f"Unknown exercise {exercise!r}; choose one of: {', '.join(EXERCISES)}.")
    return key


def _check_timeout(timeout: float) -> float:
    from glassnet._validation import check_positive

    return float(check_positive(timeout, "timeout"))


def _print(text: str) -> None:
    """Print, falling back to ASCII on a console that cannot show ✓, ✗ or σ."""
    try:
        print(text)
    except UnicodeEncodeError:
        print(text.encode("ascii", "replace").decode("ascii"))


def _worker_env() -> dict[str, str]:
    """The worker's environment: this glassnet importable, one BLAS thread (tiny matrices)."""
    env = dict(os.environ)
    here = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join([here, *filter(None, [env.get("PYTHONPATH")])])
    env["PYTHONIOENCODING"] = "utf-8"
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(variable, "1")
    return env


def _timeout_message(timeout: float) -> str:
    return (f"your code did not finish within {timeout:g} s: look for a loop that never ends "
            "(e.g. a while whose condition never becomes false)")


def _timeout_hint(exercise: str) -> str:
    return _add_lesson(exercise, _TIMEOUT_HINTS.get(exercise) or "if it is only slow, make it faster: one "
                       "numpy operation on a whole array instead of a Python loop over its entries.")


def _run_worker(name: str, path: Path, timeout: float) -> CheckResult:
    """Grade ``path`` in a fresh Python process; the result names the file as the learner gave it."""
    command = [sys.executable, "-B", "-c", "from glassnet.checker import _worker_main; _worker_main()",
               name, str(path.resolve()), repr(timeout)]
    # The worker stops itself after `timeout` seconds and reports where; this process waits a
    # little longer (Python's start-up) and then kills it, for code that ignores the alarm.
    grace = 2.0 + 0.25 * timeout
    try:
        proc = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace",
                              timeout=timeout + grace, env=_worker_env(), stdin=subprocess.DEVNULL,
                              check=False)
    except subprocess.TimeoutExpired:
        report = {"status": _TIMEOUT, "cases_passed": 0, "cases_total": 0,
                  "failure": {"stage": "timeout", "problem": _timeout_message(timeout),
                              "hint": _timeout_hint(name)}}
        return _result(name, path, report)
    report = None
    for line in reversed(proc.stdout.splitlines()):  # the worker's own line comes last
        if line.startswith(_MARKER):
            with contextlib.suppress(ValueError):
                report = json.loads(line[len(_MARKER):])
                break
    if report is None:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-8:])
        report = {"status": _ERROR, "cases_passed": 0, "cases_total": 0, "failure": {
            "stage": "crash",
            "problem": f"the check stopped before it could report (exit code {proc.returncode})"
                       + (f":\n{tail}" if tail else "."),
            "hint": "does your file call exit(), os._exit() or crash Python? Remove such calls, or "
                    "put experiments under `if __name__ == \"__main__\":`.",
        }}
    return _result(name, path, report)


def _result(name: str, path: Path, report: dict[str, Any]) -> CheckResult:
    status = report["status"]
    passed_cases, total = report.get("cases_passed", 0), report.get("cases_total", 0)
    if status == _PASSED:
        return CheckResult(name, str(path), True, f"all {total} checks pass", total, total, _PASSED)
    failure = report["failure"]
    printed = report.get("printed", "")
    return CheckResult(name, str(path), False, _describe(failure, passed_cases, total, printed),
                       passed_cases, total, status, failure)


_FIELDS = (("call", "call"), ("input", "input"), ("note", "note"), ("expected", "expected"),
           ("got", "got"), ("problem", "problem"), ("error", "error"), ("where", "where"),
           ("hint", "hint"))


def _describe(failure: dict[str, Any], passed: int, total: int, printed: str) -> str:
    """The failure as lines: a headline, then 'label: value' rows with aligned continuations."""
    stage = failure.get("stage")
    if stage == "import":
        headline = "your file could not be imported"
    elif stage in ("timeout", "crash"):
        headline = "your code did not finish" if stage == "timeout" else "the check crashed"
        if failure.get("case"):
            headline += f" (during check {failure['case']} of {total})"
    else:
        what = "structure check" if stage == "structure" else "check"
        headline = f"{what} {failure.get('case', passed + 1)} of {total} failed"
    lines = [headline]
    for key, label in _FIELDS:
        value = failure.get(key)
        if value:
            first, *rest = str(value).splitlines() or [""]
            lines.append(f"{label + ':':<10}{first}")
            lines.extend(f"{'':<10}{line}" for line in rest)
    if printed.strip():
        shown = printed.strip().splitlines()[-10:]
        lines.append("your code printed (last lines):")
        lines.extend(f"  {line}" for line in shown)
    return "\n".join(lines)


# ====================================================================== the worker's side


class _OutOfTime(BaseException):
    """Raised by the alarm inside the learner's code; a BaseException so `except Exception`
    in their code does not swallow it."""


class _Fail(Exception):  # noqa: N818 (a failed check, not an error of the checker)
    """A check failed: what is wrong (``problem``) and, where known, a targeted hint."""

    def __init__(self, problem: str, hint: str = "", *, got: Any = None, expected: str | None = None,
                 has_got: bool = False) -> None:
        super().__init__(problem)
        self.problem, self.hint, self.got, self.expected = problem, hint, got, expected
        self.has_got = has_got or got is not None


class _Mismatch(Exception):  # noqa: N818 (a wrong value, not an error of the checker)
    """The learner's value differs from the expected one; ``problem`` says how."""


@dataclass
class _Case:
    """One check: a call on the learner's module and what it must give.

    run : makes the call (on copies of the inputs) and returns the learner's value, or
        raises ``_Fail`` (structure checks do all their work there).
    compare : raises ``_Mismatch`` when ``got`` is not ``expected``.
    diagnose : a targeted hint from the wrong value (a sign flipped, a factor 2...), or None.
    """

    call: str
    run: Callable[[ModuleType], Any]
    expected: Any = None
    compare: Callable[[Any, Any], None] | None = None
    inputs: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    hint: str = ""
    diagnose: Callable[[Any], str | None] | None = None
    warning_hint: str = ""
    structure: bool = False
    show_expected: str | None = None
    show_got: Callable[[Any], str] | None = None  # a summary, where the value itself is too long


class _Clock:
    """SIGALRM after ``seconds`` raises ``_OutOfTime`` wherever the code is (Unix only; elsewhere
    the parent's kill is the only limit)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = hasattr(signal, "setitimer")

    def __enter__(self) -> _Clock:
        if self.armed:
            signal.signal(signal.SIGALRM, self._ring)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)

    @staticmethod
    def _ring(signum: int, frame: object) -> None:
        raise _OutOfTime


def _worker_main() -> None:
    """Entry point of the worker process: argv = exercise, file, timeout."""
    exercise, file, timeout = sys.argv[1], Path(sys.argv[2]), float(sys.argv[3])
    real_stdout = sys.stdout
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):  # the learner's prints must not mix with the report
        try:
            report = _grade(exercise, file, timeout)
        except Exception as err:  # a bug of the checker's, or a value it could not read
            report = {"status": _ERROR, "cases_passed": 0, "cases_total": 0, "failure": {
                "stage": "crash", "problem": f"the checker failed while grading: {_error_text(err)}",
                "hint": "this is a bug in glassnet's checker, or a value it could not read; please "
                        "report it with your file."}}
    report["printed"] = printed.getvalue()[-3000:]
    real_stdout.write(_MARKER + json.dumps(report, ensure_ascii=True) + "\n")
    real_stdout.flush()


def _grade(exercise: str, path: Path, timeout: float) -> dict[str, Any]:
    np.seterr(all="warn", under="ignore")  # overflow, invalid and 0-division become warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # building the reference cases is our business
        cases = _BUILDERS[exercise]()
    total = len(cases)
    now = {"index": 0, "call": "(importing your file)"}  # where the clock may stop us
    try:
        with _Clock(timeout):
            module, failure = _import_learner(path, exercise)
            if failure is None:
                for index, case in enumerate(cases, start=1):
                    now.update(index=index, call=case.call)
                    failure = _run_case(case, module, path, exercise)
                    if failure is not None:
                        failure["case"] = index
                        break
    except _OutOfTime:
        index = now["index"]
        failure = {"stage": "timeout", "case": index or None, "call": now["call"],
                   "problem": _timeout_message(timeout), "hint": _timeout_hint(exercise)}
        return {"status": _TIMEOUT, "cases_passed": max(index - 1, 0), "cases_total": total,
                "failure": failure}
    if failure is None:
        return {"status": _PASSED, "cases_passed": total, "cases_total": total}
    if failure["stage"] == "import":
        return {"status": _ERROR, "cases_passed": 0, "cases_total": total, "failure": failure}
    return {"status": _FAILED, "cases_passed": failure["case"] - 1, "cases_total": total,
            "failure": failure}


def _import_learner(path: Path, exercise: str) -> tuple[ModuleType | None, dict[str, Any] | None]:
    """Import the learner's file as a module (its folder on sys.path, for sibling imports)."""
    folder = str(path.parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    name = path.stem if path.stem.isidentifier() and path.stem not in sys.modules else "learner_solution"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            spec.loader.exec_module(module)
    except _OutOfTime:
        raise
    except SyntaxError as err:
        where = f"line {err.lineno}" + (f": {err.text.strip()}" if err.text and err.text.strip() else "")
        return None, {"stage": "import", "error": f"{type(err).__name__}: {err.msg}", "where": where,
                      "hint": _add_lesson(exercise, "Python could not read your file: fix the line shown "
                                          "(often a missing colon, bracket, comma or quote, or an "
                                          "indentation slip, on that line or the one before).")}
    except SystemExit:
        return None, {"stage": "import", "problem": "your file called exit() or sys.exit() while it was "
                      "imported.", "hint": "put code that tries out your work under "
                      "`if __name__ == \"__main__\":` so it does not run when the file is checked."}
    except BaseException as err:
        return None, {"stage": "import", "error": _error_text(err), "where": _learner_line(err, path),
                      "problem": "your file raised an error while it was imported (before any check "
                                 "ran).",
                      "hint": _add_lesson(exercise, _exception_hint(exercise, err, _IMPORT_HINT))}
    return module, None


def _run_case(case: _Case, module: ModuleType, path: Path, exercise: str) -> dict[str, Any] | None:
    """Run one case; None if it passed, else the failure's parts as strings."""
    failure: dict[str, Any] = {"stage": "structure" if case.structure else "case", "call": case.call}
    if case.inputs:
        failure["input"] = "\n".join(_named(key, value) for key, value in case.inputs.items())
    if case.note:
        failure["note"] = case.note
    if not case.structure:
        failure["expected"] = case.show_expected if case.show_expected is not None else _show(case.expected)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            got = case.run(module)
        except _OutOfTime:
            raise
        except _Fail as fail:
            if fail.expected is not None:
                failure["expected"] = fail.expected
            if fail.has_got:
                failure["got"] = _show(fail.got)
            failure["problem"] = fail.problem
            failure["hint"] = _add_lesson(exercise, fail.hint or case.hint)
            return failure
        except BaseException as err:
            failure["error"] = _error_text(err)
            failure["where"] = _learner_line(err, path)
            failure["problem"] = "your code raised an error"
            failure["hint"] = _add_lesson(exercise, _exception_hint(exercise, err, case.hint))
            return failure
    problems = [w for w in caught if issubclass(w.category, RuntimeWarning)]
    if problems:
        first = problems[0]
        failure["got"] = _show_got(case, got)
        failure["problem"] = f"your code raised a warning: {first.category.__name__}: {first.message}"
        failure["where"] = _warning_line(first, path)
        failure["hint"] = _add_lesson(exercise, case.warning_hint or _GENERIC_WARNING_HINT)
        return failure
    if case.compare is None:
        return None
    try:
        with np.errstate(all="ignore"):
            case.compare(got, case.expected)
    except Exception as err:  # a _Mismatch, or a value so odd that comparing it failed
        failure["got"] = _show_got(case, got)
        failure["problem"] = (str(err) if isinstance(err, _Mismatch) else
                              f"the checker could not read what your code returned ({_error_text(err)}).")
        with np.errstate(all="ignore"):
            try:
                targeted = case.diagnose(got) if case.diagnose else None
            except Exception:  # a diagnosis is a bonus; a strange value must not break the report
                targeted = None
        failure["hint"] = _add_lesson(exercise, targeted or case.hint)
        return failure
    return None


# ---------------------------------------------------------------------- reporting helpers


def _show_got(case: _Case, got: Any) -> str:
    try:
        return case.show_got(got) if case.show_got else _show(got)
    except Exception:  # a value too strange to describe
        return f"a {type(got).__name__}"


_GENERIC_WARNING_HINT = (
    "a number became too large for a float, or an operation had no answer (0/0, log 0): find the "
    "formula on the line shown and rewrite it so it stays finite for every input."
)


def _add_lesson(exercise: str, hint: str) -> str:
    return f"{hint} (lesson {LESSONS[exercise]})" if hint else f"reread lesson {LESSONS[exercise]}."


def _error_text(err: BaseException) -> str:
    text = str(err).strip()
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


def _in_learner_folder(filename: str, path: Path) -> bool:
    try:
        return Path(filename).resolve().parent == path.parent
    except (OSError, ValueError):
        return False


def _learner_line(err: BaseException, path: Path) -> str:
    """The deepest frame of the traceback that is in the learner's file (or its folder)."""
    frames = [frame for frame in traceback.extract_tb(err.__traceback__)
              if _in_learner_folder(frame.filename, path)]
    if not frames:
        return ""
    frame = frames[-1]
    where = f"line {frame.lineno} in {frame.name}"
    if Path(frame.filename).name != path.name:
        where += f" ({Path(frame.filename).name})"
    return where + (f": {frame.line.strip()}" if frame.line else "")


def _warning_line(caught: warnings.WarningMessage, path: Path) -> str:
    if not _in_learner_folder(caught.filename, path):
        return ""
    source = linecache.getline(caught.filename, caught.lineno).strip()
    return f"line {caught.lineno}" + (f": {source}" if source else "")


_IMPORT_HINT = ("the error is in code that runs as soon as the file is loaded (outside any function "
                "or method): fix that line, or move code that tries things out under "
                "`if __name__ == \"__main__\":`.")


def _exception_hint(exercise: str, err: BaseException, fallback: str = "") -> str:
    """A hint from the kind of error: a stub left as is, numpy's shape errors, math on arrays..."""
    message = str(err)
    if isinstance(err, NotImplementedError):
        return ("this part is still the stub: replace the `raise NotImplementedError(...)` line "
                "with your code.")
    if isinstance(err, NameError) and "'np'" in message:
        return "add `import numpy as np` at the top of your file."
    if isinstance(err, ModuleNotFoundError) and err.name == "backprop":
        return ("xor.py imports your backprop from backprop.py: keep both files in the same folder "
                "(glassnet exercises DIR copies them together).")
    if isinstance(err, ImportError):
        return "the exercises need only numpy: import nothing else (and no module of your own but backprop)."
    if isinstance(err, TypeError) and re.search(r"only (length-1|size-1|0-dimensional|integer scalar) arr",
                                                message):
        return ("your code got a whole numpy array but used a function for single numbers (math.exp, "
                "float(...)): use numpy's functions (np.exp, np.tanh, np.maximum...), which work on "
                "every entry at once.")
    if isinstance(err, ValueError) and "truth value of an array" in message:
        return ("an `if`, `and`/`or` or Python's max() got a whole array: use np.where(...) or "
                "np.maximum(...), which decide entry by entry.")
    if re.search(r"matmul|not aligned|could not be broadcast|core dimension|shapes? \(", message):
        return _SHAPE_HINTS.get(exercise, "check the shapes of the arrays on the line shown.")
    if isinstance(err, EOFError):
        return "your code asks for input(), which the checker cannot type: remove the input() call."
    if isinstance(err, RecursionError):
        return "a function calls itself without end: look for a call to the function inside itself."
    if isinstance(err, AttributeError):
        return _NAME_HINTS.get(exercise, "check the names the exercise asks for.")
    return fallback or ("read the error and the line shown; the exercise's docstring says what each piece "
                        "takes and returns.")


_SHAPE_HINTS = {
    "perceptron_nd": ("for a batch X of shape (n, d), one point per row, compute X @ self.weight + "
                      "self.bias (one number per row); np.dot(self.weight, X) pairs the weights with "
                      "X's columns instead."),
    "one_layer": ("W has shape (n_inputs, n_outputs) and x has one row per example: compute "
                  "x @ self.W + self.b, not self.W @ x."),
    "two_layer": ("each W has shape (n_in, n_out) and the activations have one row per example: "
                  "a = activation.fn(a @ W + b), layer after layer."),
    "backprop": ("check the shapes: BP2 multiplies delta by Wᵀ, delta = (delta_next @ W_next.T) ⊙ σ'(Z) "
                 "with delta_next (n, n_next) and W_next (n_l, n_next); BP4 is dC_dW = A_prev.T @ delta / n."),
    "xor": "each W has shape (n_in, n_out) and X has one row per example: Z = A_prev @ W + b.",
}

_NAME_HINTS = {
    "perceptron_1d": "store the weight and the bias as self.weight and self.bias in __init__.",
    "perceptron_nd": "store the weight vector and the bias as self.weight and self.bias in __init__.",
    "activations": "Sigmoid, Tanh and ReLU each need static methods fn(z) and prime(z).",
    "one_layer": ("keep the activation in __init__ (self.activation = activation) and use self.W, "
                  "self.b in run."),
    "two_layer": ("keep the activation in __init__ and the layers' arrays in self.weights and "
                  "self.biases (lists)."),
}

_TIMEOUT_HINTS = {
    "perceptron_train": ("on data no line separates (XOR) the perceptron never stops making mistakes: "
                         "stop after max_epochs epochs, whatever happens."),
    "descent": "stop after max_iters steps even when the steps never get shorter than precision.",
    "xor": ("train with fewer epochs, or make each epoch faster: one matrix product per layer for "
            "the whole batch, no Python loop over examples."),
}


# ---------------------------------------------------------------------- showing values


def _num(x: Any) -> str:
    """One number, short but exact enough to see a difference (10 significant digits)."""
    if isinstance(x, bool | np.bool_):
        return str(bool(x))
    if isinstance(x, int | np.integer):
        return str(int(x))
    text = f"{float(x):.10g}"
    return text if re.search(r"[.en]", text) else text + ".0"  # 4 -> 4.0, but keep nan, inf, 1e+20


def _show(value: Any, limit: int = 900) -> str:
    """A value as a learner reads it: numbers short, arrays as nested lists with their shape."""
    if value is None:
        return "None"
    if isinstance(value, str):
        return repr(value)[:limit]
    if isinstance(value, bool | int | float | np.generic) and np.ndim(value) == 0:
        try:
            return _num(value)
        except (TypeError, ValueError):
            return repr(value)[:limit]
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf":
            return f"array of {value.dtype} {value.shape}"
        if value.ndim == 0:
            return _num(value.item())
        text = np.array2string(value, separator=", ", threshold=60, edgeitems=3, max_line_width=90,
                               formatter={"float_kind": _num, "int_kind": _num, "bool": _num})
        return f"{text}   (shape {value.shape})" if value.ndim > 1 else text
    if isinstance(value, tuple | list):
        inner = ", ".join(_show(item, limit) for item in value)
        text = f"({inner}{',' if len(value) == 1 else ''})" if isinstance(value, tuple) else f"[{inner}]"
        return text if len(text) <= limit else text[:limit] + " ..."
    text = repr(value)
    return f"{text[:200]} (a {type(value).__name__})"


def _named(name: str, value: Any) -> str:
    """``name = value``, continuation lines lined up under the value; a str is shown as is."""
    first, *rest = (value if isinstance(value, str) else _show(value)).splitlines() or [""]
    pad = " " * (len(name) + 3)
    return "\n".join([f"{name} = {first}", *(pad + line for line in rest)])


def _code(value: Any) -> str:
    """A value as Python source, for the call line: np.array([0.0, 2.0]), -1.0, [[0, 1]]."""
    if isinstance(value, np.ndarray):
        return f"np.array({value.tolist()!r})"
    return repr(value)


# ---------------------------------------------------------------------- comparing values


def _as_float_array(got: Any, what: str, shape: tuple[int, ...]) -> np.ndarray:
    if got is None:
        raise _Mismatch(f"{what} is None: did the function forget to `return` its result?")
    if isinstance(got, str | bytes | dict | set):
        raise _Mismatch(f"{what} is a {type(got).__name__}; expected numbers, shape {shape}.")
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        raise _Mismatch(f"{what} is a {type(got).__name__} that is not an array of numbers; "
                        f"expected shape {shape}.") from None
    return arr


def _compare_array(got: Any, expected: Any, *, rtol: float = 1e-6, atol: float = 1e-9,
                   what: str = "the result") -> None:
    """Same shape, and every entry within tolerance; else name the first index that differs."""
    expected = np.asarray(expected, dtype=float)
    arr = _as_float_array(got, what, expected.shape)
    if arr.shape != expected.shape:
        scalar = " (one number)" if expected.ndim == 0 else ""
        raise _Mismatch(f"{what} has shape {arr.shape}; expected shape {expected.shape}{scalar}.")
    close = np.isclose(arr, expected, rtol=rtol, atol=atol)
    if not close.all():
        first = tuple(int(i) for i in np.argwhere(~close)[0])
        index = first[0] if len(first) == 1 else first
        where = f" at index {index}" if first else ""
        raise _Mismatch(f"{what} differs{where}: expected {_num(expected[first])}, got {_num(arr[first])}.")


def _compare_number(got: Any, expected: Any, *, what: str = "the result") -> None:
    if isinstance(got, np.ndarray) and got.ndim > 0:
        raise _Mismatch(f"{what} is an array of shape {got.shape}; expected one number.")
    _compare_array(got, expected, what=what)


def _compare_label(got: Any, expected: int) -> None:
    """One class label, 0 or 1 (an int, a bool or a 0-d numpy value)."""
    if got is None or isinstance(got, str | bytes):
        raise _Mismatch(f"run returned {_show(got)}; expected the class, 0 or 1.")
    arr = np.asarray(got)
    if arr.ndim != 0:
        raise _Mismatch(f"run returned an array of shape {arr.shape}; expected one label, 0 or 1, "
                        "for one input.")
    if arr.dtype.kind not in "biuf":
        raise _Mismatch(f"run returned a {type(got).__name__}; expected the class, 0 or 1.")
    value = float(arr)
    if value not in (0.0, 1.0):
        raise _Mismatch(f"run returned {_num(value)}; expected the class, 0 or 1.")
    if value != expected:
        raise _Mismatch(f"expected class {expected}, got {int(value)}.")


def _close(got: Any, candidate: Any) -> bool:
    """Whether ``got`` equals ``candidate`` (same shape, within tolerance): for diagnoses."""
    try:
        arr = np.asarray(got, dtype=float)
        other = np.asarray(candidate, dtype=float)
    except (TypeError, ValueError):
        return False
    return arr.shape == other.shape and bool(np.allclose(arr, other, rtol=1e-6, atol=1e-9))


def _first_match(got: Any, candidates: Sequence[tuple[Any, str]]) -> str | None:
    """The hint of the first wrong-but-typical value that ``got`` equals."""
    for value, hint in candidates:
        if _close(got, value):
            return hint
    return None


# ---------------------------------------------------------------------- structure checks


def _need(module: ModuleType, name: str, kind: str, how: str) -> Any:
    """The learner's class or function ``name``, or a failed structure check."""
    obj = getattr(module, name, None)
    if obj is None:
        raise _Fail(f"your file defines no {kind} {name}.", f"write it: {how}")
    if kind == "class" and not inspect.isclass(obj):
        raise _Fail(f"{name} is a {type(obj).__name__}, not a class.", f"write it: {how}")
    if kind == "function" and not callable(obj):
        raise _Fail(f"{name} is a {type(obj).__name__}, not a function.", f"write it: {how}")
    return obj


def _takes(func: Any, args: tuple, kwargs: dict[str, Any], problem: str, hint: str) -> None:
    """Fail unless ``func`` can be called with these arguments (by its signature, without calling)."""
    try:
        inspect.signature(func).bind(*args, **kwargs)
    except TypeError as err:
        raise _Fail(f"{problem} ({err}).", hint) from None
    except ValueError:  # no signature to read (a builtin): let the call itself tell
        return


def _need_method(cls: type, name: str, args: tuple, how: str) -> None:
    """``cls`` has an ordinary method ``name`` that takes ``args`` after self."""
    raw = inspect.getattr_static(cls, name, None)
    if raw is None:
        raise _Fail(f"{cls.__name__} has no method {name}.", f"write it: {how}")
    if isinstance(raw, staticmethod | classmethod):
        raise _Fail(f"{cls.__name__}.{name} is a {type(raw).__name__}; it should be an ordinary method.",
                    f"remove the decorator: {how}")
    if not callable(raw):
        raise _Fail(f"{cls.__name__}.{name} is not a method.", f"write it: {how}")
    _takes(raw, (None, *args), {}, f"{cls.__name__}.{name} does not take the arguments {how} says", how)


def _need_static(cls: type, name: str) -> None:
    """``cls`` has a static method ``name(z)``: called on the class itself, no self."""
    raw = inspect.getattr_static(cls, name, None)
    how = f"@staticmethod, then def {name}(z): on the next line"
    if raw is None:
        raise _Fail(f"{cls.__name__} has no {name}.", f"write it inside the class: {how}")
    if not isinstance(raw, staticmethod):
        raise _Fail(f"{cls.__name__}.{name} is not a static method.",
                    f"put @staticmethod on the line above def {name}(z): a static method is called on "
                    f"the class itself, {cls.__name__}.{name}(z), with no self.")
    _takes(raw.__func__, (0.0,), {}, f"{cls.__name__}.{name} does not take one argument z",
           f"write it as def {name}(z):")


def _structure(call: str, check: Callable[[ModuleType], None]) -> _Case:
    def run(module: ModuleType) -> None:
        check(module)

    return _Case(call=call, run=run, structure=True)


# ====================================================================== 01 the perceptron

_PERCEPTRON_RULE = "run returns 1 if w·x + b > 0, else 0"


def _perceptron_structure(vector: bool) -> list[_Case]:
    w, x = (np.array([0.0, 1.0]), np.array([0.0, 2.0])) if vector else (2.0, 0.7)

    def check(module: ModuleType) -> None:
        cls = _need(module, "Perceptron", "class", "class Perceptron: with __init__(self, w, b) and run(self, x)")
        _takes(cls, (w, -1.0), {}, "Perceptron(w, b) cannot be created with a weight and a bias",
               "write def __init__(self, w, b): and store them as self.weight and self.bias.")
        _need_method(cls, "run", (x,), "def run(self, x):")

    return [_structure("Perceptron(w, b) and its run(x) method", check)]


def _stored_case(w: Any, b: float) -> _Case:
    expected = (w, b)

    def run(module: ModuleType) -> Any:
        p = module.Perceptron(np.copy(w) if isinstance(w, np.ndarray) else w, b)
        missing = [name for name in ("weight", "bias") if not hasattr(p, name)]
        if missing:
            raise _Fail(f"the perceptron has no attribute {' or '.join(missing)}.",
                        "__init__ stores its arguments: self.weight = w and self.bias = b.")
        return p.weight, p.bias

    def compare(got: Any, expected: Any) -> None:
        _compare_array(got[0], expected[0], what="p.weight")
        _compare_number(got[1], expected[1], what="p.bias")

    return _Case(call=f"p = Perceptron({_code(w)}, {b!r}); p.weight, p.bias", run=run, expected=expected,
                 compare=compare, hint="__init__ stores its arguments: self.weight = w and self.bias = b.")


def _perceptron_diagnosis(w: Any, b: float, x: Any, got: Any, expected: Any) -> str | None:
    z_no_bias = float(np.dot(w, x))
    z = z_no_bias + b
    if np.ndim(got) == 1 and np.size(got) == np.size(x) > 1:
        return ("you multiplied w * x entry by entry and did not add the products up: w·x is "
                "np.dot(w, x) (or w @ x), one number.")
    try:
        value = float(np.asarray(got))
    except (TypeError, ValueError):
        return None
    if value not in (0.0, 1.0):
        if np.isclose(value, z):
            return ("run returns the class, not w·x + b itself: return 1 if w·x + b > 0, else 0 "
                    "(int(z > 0) does it).")
        return "run returns the class: 1 if w·x + b > 0, else 0."
    if z == 0:
        return ("this point lies exactly on the boundary (w·x + b = 0), which is class 0 in this "
                "track: use > 0, not >= 0.")
    if int(z_no_bias > 0) == value != expected:
        return f"did you forget the bias? Without it w·x = {_num(z_no_bias)}; with it w·x + b = {_num(z)}."
    return "the output is 1 when w·x + b > 0 and 0 otherwise: check the direction of the comparison."


def _label_case(w: Any, b: float, x: Any, hint: str = _PERCEPTRON_RULE + ".") -> _Case:
    expected = int(float(np.dot(w, x)) + b > 0)

    def run(module: ModuleType) -> Any:
        return module.Perceptron(np.copy(w) if isinstance(w, np.ndarray) else w, b).run(
            np.copy(x) if isinstance(x, np.ndarray) else x)

    return _Case(
        call=f"Perceptron({_code(w)}, {b!r}).run({_code(x)})", run=run, expected=expected,
        compare=_compare_label, inputs={"x": x}, note=f"w·x + b = {_num(float(np.dot(w, x)) + b)}",
        hint=hint, diagnose=lambda got: _perceptron_diagnosis(w, b, x, got, expected),
    )


def _perceptron_1d_cases() -> list[_Case]:
    return [
        *_perceptron_structure(vector=False),
        _stored_case(2.0, -1.0),
        _label_case(2.0, -1.0, 0.7),
        _label_case(2.0, -1.0, 0.2),
        _label_case(2.0, -1.0, 0.5, hint="a point on the boundary (w·x + b = 0) is class 0: use > 0."),
        _label_case(1.0, -2.0, 1.5, hint="the bias moves the threshold: compare w·x + b, not w·x, with 0."),
        _label_case(-3.0, 1.0, -1.0),
        _label_case(0.5, 0.25, 0),
    ]


def _perceptron_nd_cases() -> list[_Case]:
    w, b = np.array([0.0, 1.0]), -1.0
    X = np.array([[0.0, 2.0], [1.0, 0.0], [5.0, 1.0], [3.0, 4.0], [2.0, 0.5]])
    batch_expected = (X @ w + b > 0).astype(int)

    def run_batch(module: ModuleType) -> Any:
        return module.Perceptron(w.copy(), b).run(X.copy())

    def diagnose_batch(got: Any) -> str | None:
        if np.ndim(got) == 0:
            return ("for a batch X of shape (n, d), run returns one label per row: compute "
                    "X @ self.weight + self.bias (shape (n,)) and compare it with 0.")
        return None

    w3, b3 = np.array([1.0, -2.0, 0.5]), 0.25
    return [
        *_perceptron_structure(vector=True),
        _stored_case(w, b),
        _label_case(w, b, np.array([0.0, 2.0])),  # the track's u: class 1
        _label_case(w, b, np.array([1.0, 0.0])),  # the track's v: class 0
        _label_case(np.array([1.0, 1.0]), -3.0, np.array([1.0, 1.0]),
                    hint="the bias moves the boundary: compare w·x + b, not w·x, with 0."),
        _label_case(w, b, np.array([5.0, 1.0]),
                    hint="a point on the boundary (w·x + b = 0) is class 0: use > 0."),
        _label_case(w3, b3, np.array([0.5, 0.5, 1.0]), hint="use every weight: w·x = Σ w_i x_i."),
        _label_case(w3, b3, np.array([2.0, 1.0, -1.0]), hint="use every weight: w·x = Σ w_i x_i."),
        _Case(
            call=f"Perceptron({_code(w)}, {b!r}).run(X)", run=run_batch, expected=batch_expected,
            compare=lambda got, exp: _compare_array(got, exp, what="run(X)"), inputs={"X": X},
            note="a batch: one point per row; run returns one label per row",
            hint=("for a batch X of shape (n, d), compute X @ self.weight + self.bias, one number per "
                  "row, and compare it with 0 (np.where or (z > 0).astype(int)); the same line works "
                  "for a single point."),
            diagnose=diagnose_batch,
        ),
    ]


def _rosenblatt(X: np.ndarray, y: np.ndarray, learning_rate: float, max_epochs: int, *, sign: float = 1.0,
                update_bias: bool = True, at_least: bool = False, use_rate: bool = True,
                ) -> tuple[np.ndarray, float]:
    """The perceptron rule with one typical mistake switched on, to recognise it in an answer."""
    w, b = np.zeros(X.shape[1]), 0.0
    eta = learning_rate if use_rate else 1.0
    for _ in range(max_epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y, strict=True):
            z = x_i @ w + b
            error = y_i - int(z >= 0 if at_least else z > 0)
            if error:
                w = w + sign * eta * error * x_i
                if update_bias:
                    b += sign * eta * error
                mistakes += 1
        if not mistakes:
            break
    return w, b


def _train_case(X: np.ndarray, y: np.ndarray, learning_rate: float, max_epochs: int, note: str,
                hint: str) -> _Case:
    from glassnet.perceptron import Perceptron

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # XOR: the reference warns that it did not converge
        reference = Perceptron(n_inputs=X.shape[1]).fit(X, y, learning_rate=learning_rate,
                                                         max_epochs=max_epochs)
    expected = (reference.w, reference.b)
    args = (X, y, learning_rate, max_epochs)
    mistakes = [
        (_rosenblatt(*args, sign=-1.0), "the update's sign is flipped: w ← w + η (y − f(x)) x moves the "
         "boundary toward a point it got wrong (y − f(x) is +1 when it said 0 for a 1)."),
        (_rosenblatt(*args, update_bias=False), "b must learn too: b ← b + η (y − f(x)) (the bias is "
         "the weight of a constant input 1)."),
        (_rosenblatt(*args, at_least=True), "training must use run's rule, f(x) = 1 only if w·x + b > 0: "
         "with >= 0, the first point, at w = 0, counts as class 1."),
        (_rosenblatt(*args, use_rate=False), "scale each update by the learning rate: "
         "w ← w + η (y − f(x)) x and b ← b + η (y − f(x))."),
    ]

    def diagnose(got: Any) -> str | None:
        if isinstance(got, np.ndarray) and got.shape == (X.shape[1] + 1,):
            return "return two things, the weights and the bias: `return w, b`."
        for (w, b), text in mistakes:
            if _close(got[0], w) and _close(got[1], b):
                return text
        return None

    def compare(got: Any, expected: Any) -> None:
        if not isinstance(got, tuple | list) or len(got) != 2:
            raise _Mismatch(f"train returned {type(got).__name__} {_show(got, 120)}; expected a pair (w, b).")
        _compare_array(got[0], expected[0], what="w")
        _compare_number(got[1], expected[1], what="b")

    def run(module: ModuleType) -> Any:
        return module.train(X.copy(), y.copy(), learning_rate=learning_rate, max_epochs=max_epochs)

    return _Case(
        call=f"train(X, y, learning_rate={learning_rate!r}, max_epochs={max_epochs})", run=run,
        expected=expected, compare=compare, inputs={"X": X, "y": y}, note=note, hint=hint,
        diagnose=diagnose, show_expected=f"w = {_show(expected[0])}, b = {_num(expected[1])}",
    )


def _perceptron_train_cases() -> list[_Case]:
    def check(module: ModuleType) -> None:
        train = _need(module, "train", "function", "def train(X, y, learning_rate=1.0, max_epochs=100):")
        _takes(train, (np.zeros((2, 2)), np.zeros(2)), {"learning_rate": 1.0, "max_epochs": 100},
               "train cannot be called as train(X, y, learning_rate=..., max_epochs=...)",
               "write def train(X, y, learning_rate=1.0, max_epochs=100):")

    rule = ("start from w = 0, b = 0; visit the points in order; when f(x) differs from y, "
            "w ← w + η (y − f(x)) x and b ← b + η (y − f(x)); stop after an epoch with no mistake.")
    seven_X = np.array([[0.8, 0.4], [0.3, 0.1], [0.8, 0.8], [0.4, 0.6], [0.6, 0.8], [0.4, 0.2], [0.4, 0.5]])
    seven_y = np.array([0, 0, 1, 1, 1, 0, 1])
    xor_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    rng = np.random.default_rng(3)
    X3 = np.round(rng.uniform(-1, 1, size=(12, 3)), 2)
    y3 = (X3 @ np.array([1.0, -2.0, 0.5]) + 0.3 > 0).astype(int)
    return [
        _structure("train(X, y, learning_rate, max_epochs)", check),
        _train_case(np.array([[0.0, 2.0], [1.0, 0.0]]), np.array([1, 0]), 1.0, 100,
                    "the track's two points u = (0, 2), class 1, and v = (1, 0), class 0", rule),
        _train_case(seven_X, seven_y, 1.0, 100, "the track's seven points", rule),
        _train_case(seven_X, seven_y, 0.5, 100, "the seven points with a learning rate of 0.5",
                    "scale each update by the learning rate η."),
        _train_case(xor_X, np.array([0, 1, 1, 0]), 1.0, 5,
                    "XOR: no line separates it, so training stops after max_epochs = 5 epochs",
                    "stop after max_epochs epochs even if mistakes remain; return w and b as they are."),
        _train_case(X3, y3, 1.0, 100, "twelve separable points in 3-d", rule),
    ]


# ====================================================================== 02 activations


def _activation_cases() -> list[_Case]:
    from glassnet.activations import ReLU, Sigmoid, Tanh

    def structure(name: str) -> _Case:
        def check(module: ModuleType) -> None:
            cls = _need(module, name, "class", f"class {name}: with static methods fn(z) and prime(z)")
            _need_static(cls, "fn")
            _need_static(cls, "prime")

        return _structure(f"{name}.fn(z) and {name}.prime(z), static methods", check)

    def case(name: str, method: str, z: np.ndarray, expected: np.ndarray, hint: str,
             mistakes: Callable[[np.ndarray], list[tuple[np.ndarray, str]]] | None = None,
             warning_hint: str = "") -> _Case:
        def run(module: ModuleType) -> Any:
            return getattr(getattr(module, name), method)(z.copy())

        def diagnose(got: Any) -> str | None:
            return _first_match(got, mistakes(z)) if mistakes else None

        return _Case(call=f"{name}.{method}({_code(z)})", run=run, expected=expected,
                     compare=_compare_array, inputs={"z": z}, hint=hint, diagnose=diagnose,
                     warning_hint=warning_hint)

    def sigma(z: np.ndarray) -> np.ndarray:
        return Sigmoid.fn(z)

    def sigmoid_mistakes(z: np.ndarray) -> list[tuple[np.ndarray, str]]:
        return [(1 - sigma(z), "that is σ(−z): the sigmoid is 1 / (1 + exp(−z)), with a minus sign."),
                (np.exp(-z), "divide: σ(z) = 1 / (1 + exp(−z)).")]

    def sigmoid_prime_mistakes(z: np.ndarray) -> list[tuple[np.ndarray, str]]:
        return [(z * (1 - z), "that is the derivative of the wrong function: σ'(z) = σ(z)(1 − σ(z)) "
                 "uses σ(z), not z."),
                (sigma(z), "that is σ(z) itself; its derivative is σ(z)(1 − σ(z))."),
                (-sigma(z) * (1 - sigma(z)), "the sign: σ'(z) = σ(z)(1 − σ(z)) is positive.")]

    def tanh_mistakes(z: np.ndarray) -> list[tuple[np.ndarray, str]]:
        return [(sigma(z), "that is the sigmoid; tanh(z) = (e^z − e^−z) / (e^z + e^−z) = 2σ(2z) − 1."),
                (2 * sigma(z) - 1, "tanh(z) = 2σ(2z) − 1: the 2 goes inside σ as well.")]

    def tanh_prime_mistakes(z: np.ndarray) -> list[tuple[np.ndarray, str]]:
        t = np.tanh(z)
        return [(1 - t, "square it: tanh'(z) = 1 − tanh(z)²."),
                (1 - z**2, "that is the derivative of the wrong function: tanh'(z) = 1 − tanh(z)², "
                 "with tanh(z), not z."),
                (t * (1 - t), "that is the sigmoid's pattern; tanh'(z) = 1 − tanh(z)².")]

    def relu_mistakes(z: np.ndarray) -> list[tuple[np.ndarray, str]]:
        return [(np.abs(z), "ReLU keeps positive z and gives 0 for negative z: max(0, z), not |z|."),
                (np.minimum(z, 0), "ReLU keeps the positive part: np.maximum(0, z).")]

    def relu_prime_mistakes(z: np.ndarray) -> list[tuple[np.ndarray, str]]:
        return [(np.maximum(z, 0), "prime is the slope, not ReLU itself: 0 for z < 0 and 1 for z > 0."),
                (z < 0, "the slope is 1 where z > 0 and 0 where z < 0.")]

    z = np.array([-2.0, 0.0, 3.0])
    Z = np.array([[-1.0, 0.5], [2.0, -3.0]])
    big = np.array([-1000.0, 0.0, 1000.0])
    relu_z = np.array([-2.0, -0.5, 0.0, 0.5, 3.0])
    relu_p = np.array([-2.0, -0.5, 0.5, 3.0])  # (no 0: ReLU has no derivative there)
    overflow = ("sigmoid of a large negative number overflowed: rewrite it so exp never sees a large "
                "positive argument. For z < 0 use σ(z) = exp(z) / (1 + exp(z)); for z >= 0 use "
                "1 / (1 + exp(−z)). np.exp(-np.abs(z)) is never above 1.")
    return [
        structure("Sigmoid"), structure("Tanh"), structure("ReLU"),
        case("Sigmoid", "fn", z, Sigmoid.fn(z), "σ(z) = 1 / (1 + exp(−z)), for every entry of z.",
             sigmoid_mistakes),
        case("Sigmoid", "fn", Z, Sigmoid.fn(Z), "fn works entry by entry on an array of any shape (a "
             "batch is 2-d): use numpy operations, no loop over a single axis.", sigmoid_mistakes),
        case("Sigmoid", "fn", big, Sigmoid.fn(big), overflow, sigmoid_mistakes, warning_hint=overflow),
        case("Sigmoid", "prime", z, Sigmoid.prime(z), "σ'(z) = σ(z)(1 − σ(z)).", sigmoid_prime_mistakes,
             warning_hint=overflow),
        case("Tanh", "fn", np.array([-2.0, 0.0, 0.5]), Tanh.fn(np.array([-2.0, 0.0, 0.5])),
             "tanh(z) = (e^z − e^−z) / (e^z + e^−z); np.tanh computes it.", tanh_mistakes),
        case("Tanh", "fn", np.array([-1000.0, 1000.0]), np.array([-1.0, 1.0]),
             "tanh of a large |z| is ±1: (e^z − e^−z) / (e^z + e^−z) turns into inf / inf = nan there; "
             "np.tanh (or 2σ(2z) − 1 with a stable σ) does not.", tanh_mistakes,
             warning_hint="tanh of a large |z| overflowed: e^1000 is too large for a float; np.tanh "
                          "(or 2σ(2z) − 1 with a stable σ) stays finite."),
        case("Tanh", "prime", np.array([-2.0, 0.0, 0.5]), Tanh.prime(np.array([-2.0, 0.0, 0.5])),
             "tanh'(z) = 1 − tanh(z)².", tanh_prime_mistakes),
        case("ReLU", "fn", relu_z, ReLU.fn(relu_z), "ReLU(z) = max(0, z) entry by entry: np.maximum(0, z).",
             relu_mistakes),
        case("ReLU", "fn", Z, ReLU.fn(Z), "ReLU(z) = max(0, z) entry by entry: np.maximum(0, z).",
             relu_mistakes),
        case("ReLU", "prime", relu_p, ReLU.prime(relu_p), "ReLU'(z) is 1 where z > 0 and 0 where z < 0.",
             relu_prime_mistakes),
    ]


# ====================================================================== 02/03 networks


def _network_mistakes(layers: list[tuple[np.ndarray, np.ndarray]], X: np.ndarray, act: type,
                      ) -> list[tuple[np.ndarray, str]]:
    """Outputs of typical wrong feedforwards, each with its hint."""
    from glassnet.activations import Sigmoid

    def forward(*, bias: bool = True, hidden: bool = True, output: bool = True, inside: bool = True,
                fn: Any = act.fn) -> np.ndarray:
        A = X
        for i, (W, b) in enumerate(layers):
            last = i == len(layers) - 1
            apply = output if last else hidden
            Z = A @ W + (b if bias and inside else 0)
            A = fn(Z) if apply else Z
            if bias and not inside:
                A = A + b
        return A

    name = act.__name__
    candidates = [
        (forward(bias=False), "did you forget the bias? Each layer computes activation.fn(a @ W + b)."),
        (forward(inside=False), "the bias goes inside the activation: activation.fn(a @ W + b), "
         "not activation.fn(a @ W) + b."),
        (forward(hidden=False, output=False), "apply the activation: a = activation.fn(a @ W + b); "
         "without it the network is linear."),
    ]
    if len(layers) > 1:
        candidates += [
            (forward(hidden=False), "the hidden layer needs its activation too: without it two layers "
             "collapse into one linear map."),
            (forward(output=False), "the output layer needs its activation too: a = activation.fn(z) "
             "in every layer."),
        ]
    if act is not Sigmoid:
        candidates.append((forward(fn=Sigmoid.fn), f"use the activation given to __init__ (here {name}), "
                           "not a fixed sigmoid: keep it as self.activation and call self.activation.fn."))
    return candidates


def _feedforward(layers: list[tuple[np.ndarray, np.ndarray]], X: np.ndarray, act: type) -> np.ndarray:
    A = X
    for W, b in layers:
        A = act.fn(A @ W + b)
    return A


def _one_layer_cases() -> list[_Case]:
    from glassnet.activations import ReLU, Sigmoid, Tanh

    how = "class NeuralNetwork: with __init__(self, n_inputs, n_outputs, activation) and run(self, x)"

    def check(module: ModuleType) -> None:
        cls = _need(module, "NeuralNetwork", "class", how)
        _takes(cls, (3, 2, Sigmoid), {}, "NeuralNetwork(n_inputs, n_outputs, activation) cannot be created",
               "write def __init__(self, n_inputs, n_outputs, activation):")
        _need_method(cls, "run", (np.zeros((1, 3)),), "def run(self, x):")

    def check_arrays(module: ModuleType) -> None:
        net = module.NeuralNetwork(3, 2, Sigmoid)
        W, b = getattr(net, "W", None), getattr(net, "b", None)
        if W is None or b is None:
            raise _Fail("the network has no attribute " + " or ".join(
                n for n, v in (("W", W), ("b", b)) if v is None) + ".",
                "__init__ makes self.W, shape (n_inputs, n_outputs), and self.b, shape (n_outputs,) "
                "(random numbers or zeros: the checker sets them itself).")
        if np.shape(W) != (3, 2):
            raise _Fail(f"NeuralNetwork(3, 2, Sigmoid).W has shape {np.shape(W)}; expected (3, 2).",
                        "W has one row per input and one column per output, (n_inputs, n_outputs), so "
                        "that x @ W works for a batch x of shape (n, n_inputs).")
        if np.size(b) != 2:
            raise _Fail(f"NeuralNetwork(3, 2, Sigmoid).b has {np.size(b)} entries; expected 2.",
                        "b holds one bias per output: shape (n_outputs,).")

    W = np.array([[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0]])
    b = np.array([0.1, -0.2])
    X = np.array([[1.0, 0.0, 2.0], [0.5, -1.0, 0.0], [-2.0, 1.0, 1.0], [0.0, 0.0, 0.0]])

    def case(act: type, x: np.ndarray) -> _Case:
        def run(module: ModuleType) -> Any:
            net = module.NeuralNetwork(3, 2, act)
            net.W, net.b = W.copy(), b.copy()
            return net.run(x.copy())

        name = act.__name__
        return _Case(
            call=f"net = NeuralNetwork(3, 2, {name}); net.W, net.b = W, b; net.run({'X' if x.ndim == 2 else 'x'})",
            run=run, expected=_feedforward([(W, b)], x, act), compare=_compare_array,
            inputs={"W": W, "b": b, "X" if x.ndim == 2 else "x": x},
            note=f"{name} is glassnet's (fn and prime are static methods, like yours)",
            hint="run computes activation.fn(x @ W + b): x has one row per example (or is one example).",
            diagnose=lambda got: _first_match(got, _network_mistakes([(W, b)], x, act)),
        )

    return [
        _structure("NeuralNetwork(n_inputs, n_outputs, activation) and its run(x) method", check),
        _structure("NeuralNetwork(3, 2, Sigmoid) has W of shape (3, 2) and b of shape (2,)", check_arrays),
        case(Sigmoid, X), case(Sigmoid, X[0]), case(Tanh, X), case(ReLU, X),
    ]


def _two_layer_cases() -> list[_Case]:
    from glassnet.activations import ReLU, Sigmoid, Tanh

    sizes = [3, 4, 2]
    how = "class NeuralNetwork: with __init__(self, sizes, activation) and run(self, X)"

    def check(module: ModuleType) -> None:
        cls = _need(module, "NeuralNetwork", "class", how)
        _takes(cls, (sizes, Sigmoid), {}, "NeuralNetwork(sizes, activation) cannot be created",
               "write def __init__(self, sizes, activation):")
        _need_method(cls, "run", (np.zeros((1, 3)),), "def run(self, X):")

    def check_arrays(module: ModuleType) -> None:
        net = module.NeuralNetwork(list(sizes), Sigmoid)
        for attribute in ("weights", "biases"):
            value = getattr(net, attribute, None)
            if not isinstance(value, list | tuple) or len(value) != 2:
                raise _Fail(f"NeuralNetwork([3, 4, 2], Sigmoid).{attribute} should be a list of 2 arrays, one "
                            f"per layer; got {_show(value, 120)}.",
                            "__init__ makes self.weights = [W1, W2] and self.biases = [b1, b2].")
        for i, (n_in, n_out) in enumerate(pairwise(sizes)):
            if np.shape(net.weights[i]) != (n_in, n_out):
                raise _Fail(f"weights[{i}] has shape {np.shape(net.weights[i])}; expected ({n_in}, {n_out}).",
                            "each W has shape (n_in, n_out): one row per input of the layer, one column "
                            "per neuron, so that a @ W works for a batch a of shape (n, n_in).")
            if np.size(net.biases[i]) != n_out:
                raise _Fail(f"biases[{i}] has {np.size(net.biases[i])} entries; expected {n_out}.",
                            "each b has one entry per neuron of its layer: shape (n_out,).")

    rng = np.random.default_rng(7)
    layers = [(np.round(rng.normal(size=(n_in, n_out)), 2), np.round(rng.normal(size=n_out), 2))
              for n_in, n_out in pairwise(sizes)]
    X = np.round(rng.normal(size=(5, 3)), 2)

    def case(act: type, x: np.ndarray) -> _Case:
        def run(module: ModuleType) -> Any:
            net = module.NeuralNetwork(list(sizes), act)
            net.weights = [W.copy() for W, _ in layers]
            net.biases = [b.copy() for _, b in layers]
            return net.run(x.copy())

        def diagnose(got: Any) -> str | None:
            if np.shape(got)[-1:] == (sizes[1],):
                return "run must go through both layers: the output has n_outputs = 2 columns."
            return _first_match(got, _network_mistakes(layers, x, act))

        name = act.__name__
        return _Case(
            call=(f"net = NeuralNetwork([3, 4, 2], {name}); net.weights = [W1, W2]; "
                  f"net.biases = [b1, b2]; net.run({'X' if x.ndim == 2 else 'x'})"),
            run=run, expected=_feedforward(layers, x, act), compare=_compare_array,
            inputs={"W1": layers[0][0], "b1": layers[0][1], "W2": layers[1][0], "b2": layers[1][1],
                    "X" if x.ndim == 2 else "x": x},
            note=f"{name} is glassnet's (fn and prime are static methods, like yours)",
            hint="feed forward layer by layer: a = activation.fn(a @ W + b), starting with a = X.",
            diagnose=diagnose,
        )

    return [
        _structure("NeuralNetwork(sizes, activation) and its run(X) method", check),
        _structure("NeuralNetwork([3, 4, 2], Sigmoid) has weights of shapes (3, 4), (4, 2) and biases "
                   "(4,), (2,)", check_arrays),
        case(Sigmoid, X), case(Sigmoid, X[0]), case(Tanh, X), case(ReLU, X),
    ]


# ====================================================================== 04 losses


def _losses_cases() -> list[_Case]:
    from glassnet.losses import MSE, CrossEntropy

    names = ("mse", "cross_entropy", "mse_derivative", "cross_entropy_derivative")

    def check(module: ModuleType) -> None:
        for name in names:
            func = _need(module, name, "function", f"def {name}(a, y):")
            _takes(func, (np.zeros((1, 1)), np.zeros((1, 1))), {}, f"{name} does not take (a, y)",
                   f"write def {name}(a, y):")

    A1, Y1 = np.array([[0.8], [0.3], [0.5]]), np.array([[1.0], [0.0], [1.0]])
    A2 = np.array([[0.8, 0.1], [0.3, 0.6], [0.5, 0.9]])
    Y2 = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    A_sure, Y_sure = np.array([[1.0, 0.0], [0.7, 0.2]]), np.array([[1.0, 0.0], [1.0, 0.0]])

    def case(name: str, a: np.ndarray, y: np.ndarray, expected: Any, hint: str,
             mistakes: list[tuple[Any, str]], warning_hint: str = "") -> _Case:
        scalar = np.ndim(expected) == 0

        def run(module: ModuleType) -> Any:
            return getattr(module, name)(a.copy(), y.copy())

        def diagnose(got: Any) -> str | None:
            if scalar and np.ndim(got) == 1 and np.shape(got)[0] == a.shape[0]:
                return ("return one number, the loss averaged over the n examples, not one loss per "
                        "example.")
            return _first_match(got, mistakes)

        return _Case(call=f"{name}(a, y)", run=run, expected=expected,
                     compare=_compare_number if scalar else _compare_array, inputs={"a": a, "y": y},
                     note=f"n = {a.shape[0]} examples, k = {a.shape[1]} output(s) each", hint=hint,
                     diagnose=diagnose, warning_hint=warning_hint)

    def mse_mistakes(a: np.ndarray, y: np.ndarray) -> list[tuple[Any, str]]:
        n, k = a.shape
        c = MSE.fn(a, y)
        return [(2 * c, "did you forget the 1/2 in 1/(2n)? C = 1/(2n) Σ ‖y − a‖²."),
                (c * 2 * n, "average over the examples: divide the sum by 2n."),
                (c / k, "‖y − a‖² adds up the squares over the k outputs of an example; only the n "
                 "examples are averaged (np.mean over every entry also divides by k)."),
                (2 * c / k, "C = 1/(2n) Σ ‖y − a‖²: sum the squares over each example's outputs, then "
                 "divide by 2n (np.mean over every entry divides by n·k and forgets the 1/2).")]

    def ce_mistakes(a: np.ndarray, y: np.ndarray) -> list[tuple[Any, str]]:
        n, k = a.shape
        c = CrossEntropy.fn(a, y)
        return [(-c, "the sign: C = −1/n Σ [y ln a + (1 − y) ln(1 − a)] is positive (ln of a number "
                 "below 1 is negative)."),
                (-np.sum(y * np.log(a)) / n, "both terms: y ln a + (1 − y) ln(1 − a); the second one "
                 "counts the examples whose label is 0."),
                (c / k, "sum over the k outputs of an example and average over the n examples only "
                 "(np.mean over every entry also divides by k)."),
                (c * n, "average over the examples: divide the sum by n.")]

    def derivative_mistakes(d: np.ndarray, n: int, extra: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
        return [(-d, "the sign: the derivative points toward larger C, so a − y, not y − a."),
                (d / n, "the derivative is per example (∂C_x/∂a): do not divide by n here; averaging "
                 "over the batch happens once, in BP3 and BP4."), *extra]

    d_mse = MSE.derivative(A2, Y2)
    d_ce = CrossEntropy.derivative(A2, Y2)
    ln0 = ("the first example is predicted perfectly (a = y, 0 or 1), so it adds nothing to the loss; "
           "but ln 0 is −inf and 0 · ln 0 is nan: clip a first, a = np.clip(a, 1e-12, 1 - 1e-12).")
    ln0_derivative = ("at a = 0 or 1, (a − y) / (a(1 − a)) is 0/0: clip a first, "
                      "a = np.clip(a, 1e-12, 1 - 1e-12); the limit is ±1.")
    return [
        _structure("mse, cross_entropy, mse_derivative and cross_entropy_derivative, each (a, y)", check),
        case("mse", A1, Y1, MSE.fn(A1, Y1), "C = 1/(2n) Σ_x ‖y(x) − a(x)‖², one number.",
             mse_mistakes(A1, Y1)),
        case("mse", A2, Y2, MSE.fn(A2, Y2), "C = 1/(2n) Σ_x ‖y(x) − a(x)‖²: the squares summed over "
             "each example's k outputs, divided by 2n.", mse_mistakes(A2, Y2)),
        case("mse_derivative", A2, Y2, d_mse, "∂C_x/∂a = a − y, one row per example (the 1/2 cancels "
             "the 2 of the square).",
             derivative_mistakes(d_mse, 3, [(2 * d_mse, "the 1/2 in C cancels the 2 of the square: "
                                            "∂C_x/∂a = a − y.")])),
        case("cross_entropy", A1, Y1, CrossEntropy.fn(A1, Y1),
             "C = −1/n Σ_x [y ln a + (1 − y) ln(1 − a)], one number.", ce_mistakes(A1, Y1)),
        case("cross_entropy", A2, Y2, CrossEntropy.fn(A2, Y2), "C = −1/n Σ_x Σ_j [y ln a + (1 − y) "
             "ln(1 − a)]: summed over each example's outputs, averaged over the n examples.",
             ce_mistakes(A2, Y2)),
        case("cross_entropy", A_sure, Y_sure, CrossEntropy.fn(A_sure, Y_sure), ln0, [], warning_hint=ln0),
        case("cross_entropy_derivative", A2, Y2, d_ce, "∂C_x/∂a = (a − y) / (a(1 − a)), one row per example.",
             derivative_mistakes(d_ce, 3, [(A2 - Y2, "that is BP1's shortcut after a sigmoid (delta = "
                                            "a − y); the derivative with respect to a is "
                                            "(a − y) / (a(1 − a)).")])),
        case("cross_entropy_derivative", A_sure, Y_sure, CrossEntropy.derivative(A_sure, Y_sure),
             ln0_derivative, [], warning_hint=ln0_derivative),
    ]


# ====================================================================== 05 gradient descent


def _descent_cases() -> list[_Case]:
    from glassnet.descent import gradient_descent as reference

    names = ("df", "x0", "learning_rate", "precision", "max_iters")

    def check(module: ModuleType) -> None:
        func = _need(module, "gradient_descent", "function",
                     "def gradient_descent(df, x0, learning_rate, precision, max_iters):")
        _takes(func, (abs,), dict(zip(names[1:], (4.0, 0.01, 1e-4, 10), strict=True)),
               "gradient_descent cannot be called with the keywords x0, learning_rate, precision and "
               "max_iters", "write def gradient_descent(df, x0, learning_rate, precision, max_iters):")

    def case(df: Callable[[float], float], df_text: str, x0: float, learning_rate: float, precision: float,
             max_iters: int, note: str) -> _Case:
        expected = [float(x) for x in reference(df, x0=x0, learning_rate=learning_rate, precision=precision,
                                                max_iters=max_iters).path]

        def run(module: ModuleType) -> Any:
            return module.gradient_descent(df, x0=x0, learning_rate=learning_rate, precision=precision,
                                           max_iters=max_iters)

        def compare(got: Any, expected: list[float]) -> None:
            if isinstance(got, int | float | np.number) or (isinstance(got, np.ndarray) and got.ndim == 0):
                raise _Mismatch("gradient_descent returned one number; expected the whole path, a list "
                                "that starts with x0.")
            path = _as_float_array(got, "the path", (len(expected),))
            if path.ndim != 1:
                raise _Mismatch(f"the path has shape {path.shape}; expected a flat list of numbers.")
            common = min(len(path), len(expected))
            _compare_array(path[:common], expected[:common], rtol=1e-9, what="the path")
            if len(path) != len(expected):
                raise _Mismatch(f"the path has {len(path)} points; expected {len(expected)} (x0 and "
                                f"{len(expected) - 1} steps).")

        def diagnose(got: Any) -> str | None:
            path = np.asarray(got, dtype=float).ravel()
            if path.size == 0:
                return None
            if not np.isclose(path[0], x0) and path.size and np.isclose(path[0], expected[1]):
                return "the path starts with x0 itself, then each new point."
            if path.size > 1 and np.isclose(path[1], x0 + learning_rate * df(x0)):
                return "step downhill: x ← x − ε f'(x); you added the gradient instead of subtracting it."
            if path.size > 1 and np.isclose(path[1], x0 - df(x0)):
                return "scale each step by the learning rate: x ← x − ε f'(x)."
            if path.size == len(expected) + 1:
                return ("one step too many: stop after max_iters steps, or right after the first step "
                        "shorter than precision (the track's loop checks both before each step).")
            if path.size == len(expected) - 1:
                return ("one step too few: the step that is shorter than precision is still taken and "
                        "its point kept; then the loop stops.")
            return None

        shown = [_num(x) for x in expected]
        if len(shown) > 8:
            shown = [*shown[:4], "...", *shown[-2:]]
        return _Case(
            call=(f"gradient_descent({df_text}, x0={x0!r}, learning_rate={learning_rate!r}, "
                  f"precision={precision!r}, max_iters={max_iters})"),
            run=run, expected=expected, compare=compare, note=note, diagnose=diagnose,
            show_expected=f"{len(expected)} points: [{', '.join(shown)}]",
            hint=("x ← x − ε f'(x), keeping every x in a list that starts with x0; stop when a step "
                  "moves x by less than precision, or after max_iters steps."),
        )

    def slope(x: float) -> float:
        return 2 * (x - 2)

    def slope_square(x: float) -> float:
        return 2 * x

    track = "f(x) = (x − 2)², f'(x) = 2(x − 2): the track's numbers"
    return [
        _structure("gradient_descent(df, x0, learning_rate, precision, max_iters)", check),
        case(slope, "lambda x: 2 * (x - 2)", 4.0, 0.01, 1e-4, 3, track + " 3.96, 3.9208, 3.882384"),
        case(slope, "lambda x: 2 * (x - 2)", 0.0, 0.01, 1e-4, 3, "the same f, from the other side"),
        case(slope, "lambda x: 2 * (x - 2)", 4.0, 0.01, 1e-4, 1000,
             "the whole walk: it stops once a step is shorter than precision"),
        case(slope_square, "lambda x: 2 * x", -3.0, 0.1, 1e-3, 100, "f(x) = x², f'(x) = 2x"),
        case(slope, "lambda x: 2 * (x - 2)", 4.0, 0.01, 1e-12, 50,
             "precision is never reached here: it stops after max_iters = 50 steps"),
    ]


# ====================================================================== 06 backpropagation

_BACKPROP_TOLERANCE = 1e-6


def _backprop_problem(sizes: list[int], n: int, seed: int) -> dict[str, Any]:
    """A random sigmoid network with MSE loss, its gradients by central differences and by glassnet."""
    from glassnet.activations import Sigmoid
    from glassnet.gradcheck import numerical_gradient
    from glassnet.layers import Dense
    from glassnet.losses import MSE
    from glassnet.network import NeuralNetwork

    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((n_in, n_out)) for n_in, n_out in pairwise(sizes)]
    biases = [rng.standard_normal(n_out) for n_out in sizes[1:]]
    X = rng.standard_normal((n, sizes[0]))
    Y = rng.uniform(size=(n, sizes[-1]))

    def cost() -> float:
        return MSE.fn(_feedforward(list(zip(weights, biases, strict=True)), X, Sigmoid), Y)

    numeric_W = [numerical_gradient(cost, W) for W in weights]
    numeric_b = [numerical_gradient(cost, b) for b in biases]
    layers = []
    for W, b in zip(weights, biases, strict=True):
        layer = Dense(*W.shape, Sigmoid)
        layer.W, layer.b = W.copy(), b.copy()
        layers.append(layer)
    reference = NeuralNetwork(layers, loss=MSE).backprop(X, Y)
    return {"weights": weights, "biases": biases, "X": X, "Y": Y, "numeric": (numeric_W, numeric_b),
            "reference": ([g[0] for g in reference], [g[1] for g in reference])}


def _relative_error(a: np.ndarray, b: np.ndarray) -> float:
    from glassnet.gradcheck import relative_error

    return relative_error(np.asarray(a, dtype=float), np.asarray(b, dtype=float))


def _backprop_case(sizes: list[int], n: int, seed: int) -> _Case:
    problem = _backprop_problem(sizes, n, seed)
    weights, biases, X, Y = (problem[k] for k in ("weights", "biases", "X", "Y"))
    numeric_W, numeric_b = problem["numeric"]
    reference_W, reference_b = problem["reference"]
    L = len(weights)

    def run(module: ModuleType) -> Any:
        return module.backprop([W.copy() for W in weights], [b.copy() for b in biases], X.copy(), Y.copy())

    def table(grads_W: list[np.ndarray], grads_b: list[np.ndarray]) -> tuple[str, float, str, int]:
        rows, worst, worst_name, worst_layer = [], -1.0, "", 0
        for l in range(L):
            e_W, e_b = _relative_error(grads_W[l], numeric_W[l]), _relative_error(grads_b[l], numeric_b[l])
            rows.append(f"layer {l}: dC/dW {e_W:.1e}   dC/db {e_b:.1e}")
            for e, name in ((e_W, "W"), (e_b, "b")):
                if e > worst:
                    worst, worst_name, worst_layer = e, name, l
        return "\n".join(rows), worst, worst_name, worst_layer

    def shapes(got: Any) -> tuple[list[np.ndarray], list[np.ndarray]]:
        if not isinstance(got, tuple | list) or len(got) != 2:
            raise _Mismatch(f"backprop returned {_show(got, 120)}; expected a pair (grads_W, grads_b).")
        grads = []
        for name, given, params in (("grads_W", got[0], weights), ("grads_b", got[1], biases)):
            if not isinstance(given, list | tuple) or len(given) != L:
                raise _Mismatch(f"{name} should be a list of {L} arrays, one per layer; got {_show(given, 120)}.")
            arrays = []
            for l, (g, p) in enumerate(zip(given, params, strict=True)):
                arr = _as_float_array(g, f"{name}[{l}]", p.shape)
                if arr.shape != p.shape:
                    raise _Mismatch(f"{name}[{l}] has shape {arr.shape}, but the parameter has shape "
                                    f"{p.shape}: each gradient has its parameter's shape.")
                arrays.append(arr)
            grads.append(arrays)
        return grads[0], grads[1]

    def compare(got: Any, expected: Any) -> None:
        grads_W, grads_b = shapes(got)
        text, worst, name, l = table(grads_W, grads_b)
        if worst > _BACKPROP_TOLERANCE:
            numeric = (numeric_W if name == "W" else numeric_b)[l]
            mine = (grads_W if name == "W" else grads_b)[l]
            raise _Mismatch(
                f"relative error against central differences, ‖g − g_num‖ / (‖g‖ + ‖g_num‖), must be "
                f"below {_BACKPROP_TOLERANCE:g}:\n{text}\nworst: dC/d{name}[{l}], central differences "
                f"give\n{_show(numeric)}\nyour backprop gives\n{_show(mine)}")

    def diagnose(got: Any) -> str | None:
        try:
            grads_W, grads_b = shapes(got)
        except _Mismatch as err:
            if "shape" in str(err) and any(np.shape(g) == W.T.shape != W.shape
                                           for g, W in zip(got[0], weights, strict=False)):
                return ("dC_dW has W's shape (n_in, n_out): BP4 is A_prev.T @ delta / n (Nielsen's "
                        "δ aᵀ is for his transposed w).")
            if "grads_b" in str(err):
                return "BP3 averages delta over the batch: dC_db = delta.mean(axis=0), shape (n_out,)."
            return None

        def ok(g: np.ndarray, ref: np.ndarray, factor: float = 1.0) -> bool:
            return _relative_error(g, factor * ref) < _BACKPROP_TOLERANCE

        pairs = list(zip(grads_W, reference_W, strict=True)) + list(zip(grads_b, reference_b, strict=True))
        if all(ok(g, r, -1.0) for g, r in pairs):
            return ("every gradient has the wrong sign: BP1 is delta_L = (A_L − Y) ⊙ σ'(Z_L), the "
                    "derivative of C, not of −C.")
        if n > 1 and all(ok(g, r, float(n)) for g, r in zip(grads_W, reference_W, strict=True)):
            return "BP4 averages over the batch: dC_dW = A_prev.T @ delta / n (divide by n)."
        if n > 1 and all(ok(g, r, float(n)) for g, r in zip(grads_b, reference_b, strict=True)):
            return "BP3 averages over the batch: dC_db = delta.mean(axis=0), not the sum."
        out_W, out_b = ok(grads_W[-1], reference_W[-1]), ok(grads_b[-1], reference_b[-1])
        if out_W and out_b:
            return ("the output layer is right but an earlier one is not: check BP2, "
                    "delta = (delta_next @ W_next.T) ⊙ σ'(Z) with this layer's Z, going backwards.")
        if out_W != out_b:
            return ("dC/dW and dC/db disagree in the output layer: BP3 is dC_db = delta.mean(axis=0) "
                    "and BP4 is dC_dW = A_prev.T @ delta / n, with A_prev the previous layer's "
                    "activations (X for the first layer).")
        return ("the output layer's gradients are already wrong: check the feedforward (keep every Z "
                "and A) and BP1, delta_L = (A_L − Y) ⊙ σ'(Z_L) with σ'(z) = σ(z)(1 − σ(z)).")

    sizes_text = " → ".join(map(str, sizes))
    setup = (f"rng = np.random.default_rng({seed})\n"
             f"weights = [rng.standard_normal((n_in, n_out)) for n_in, n_out in {list(pairwise(sizes))}]\n"
             f"biases = [rng.standard_normal(n_out) for n_out in {sizes[1:]}]\n"
             f"X = rng.standard_normal(({n}, {sizes[0]})); Y = rng.uniform(size=({n}, {sizes[-1]}))")
    def show_got(got: Any) -> str:
        try:
            return "shapes: " + "; ".join(f"{name} " + ", ".join(str(np.shape(g)) for g in grads)
                                          for name, grads in zip(("grads_W", "grads_b"), got, strict=True))
        except (TypeError, ValueError):
            return _show(got, 300)

    return _Case(
        call="grads_W, grads_b = backprop(weights, biases, X, Y)", run=run, expected=problem["numeric"],
        compare=compare, diagnose=diagnose, show_got=show_got,
        inputs={"weights": f"{L} arrays of shapes {', '.join(str(W.shape) for W in weights)}",
                "biases": f"{L} arrays of shapes {', '.join(str(b.shape) for b in biases)}",
                "X": f"shape {X.shape}", "Y": f"shape {Y.shape}"},
        note=f"a sigmoid network {sizes_text} with MSE loss, {n} examples; to rebuild it:\n{setup}",
        show_expected=f"gradients agreeing with central differences to a relative error below "
                      f"{_BACKPROP_TOLERANCE:g}",
        hint=("BP1 delta_L = (A_L − Y) ⊙ σ'(Z_L); BP2 delta = (delta_next @ W_next.T) ⊙ σ'(Z); "
              "BP3 dC_db = delta.mean(axis=0); BP4 dC_dW = A_prev.T @ delta / n."),
    )


def _backprop_cases() -> list[_Case]:
    def check(module: ModuleType) -> None:
        func = _need(module, "backprop", "function", "def backprop(weights, biases, X, Y):")
        _takes(func, ([], [], np.zeros((1, 1)), np.zeros((1, 1))), {}, "backprop does not take "
               "(weights, biases, X, Y)", "write def backprop(weights, biases, X, Y):")

    return [
        _structure("backprop(weights, biases, X, Y)", check),
        _backprop_case([2, 3, 1], 4, 0),
        _backprop_case([3, 4, 2], 5, 1),
        _backprop_case([2, 3, 3, 2], 3, 2),
    ]


# ====================================================================== 07 training on XOR

_XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
_XOR_Y = np.array([0, 1, 1, 0])


def _xor_cases() -> list[_Case]:
    from glassnet.activations import Sigmoid

    def check(module: ModuleType) -> None:
        func = _need(module, "train_xor", "function", "def train_xor(seed=0):")
        _takes(func, (), {"seed": 0}, "train_xor cannot be called as train_xor(seed=0)",
               "write def train_xor(seed=0):")

    def network(got: Any) -> list[tuple[np.ndarray, np.ndarray]]:
        """The trained (weights, biases), checked to chain 2 inputs → ... → 1 output."""
        if not isinstance(got, tuple | list) or len(got) != 2:
            raise _Fail(f"train_xor returned {_show(got, 120)}; expected (weights, biases).",
                        "return the trained network's lists: `return weights, biases`.", got=got)
        weights, biases = got
        if not isinstance(weights, list | tuple) or not isinstance(biases, list | tuple) \
                or len(weights) != len(biases) or not weights:
            raise _Fail("weights and biases should be two lists of the same length, one array per layer.",
                        "return weights, biases as lists: [W1, W2], [b1, b2].", got=got)
        if len(weights) < 2:
            raise _Fail("the network has no hidden layer.", "XOR needs a hidden layer: no single line "
                        "separates it (lesson 01). Use sizes like 2 → 3 → 1.",
                        got=[np.shape(w) for w in weights])
        arrays = [(np.asarray(W, dtype=float), np.asarray(b, dtype=float).reshape(-1))
                  for W, b in zip(weights, biases, strict=True)]
        n_in = 2
        for i, (W, b) in enumerate(arrays):
            if W.ndim != 2 or W.shape[0] != n_in:
                transposed = " (transposed? W is (n_in, n_out))" if W.ndim == 2 and W.shape[1] == n_in else ""
                raise _Fail(f"weights[{i}] has shape {W.shape}; it should have {n_in} rows, one per input "
                            f"of the layer{transposed}.",
                            "each W has shape (n_in, n_out), so that Z = A_prev @ W + b for a batch.",
                            got=[np.shape(w) for w in weights])
            if b.size != W.shape[1]:
                raise _Fail(f"biases[{i}] has {b.size} entries; its layer has {W.shape[1]} neurons.",
                            "each b has shape (n_out,).", got=[np.shape(v) for v in biases])
            n_in = W.shape[1]
        if n_in != 1:
            raise _Fail(f"the last layer has {n_in} outputs; XOR needs 1.", "end with one output neuron.",
                        got=[np.shape(w) for w in weights])
        return arrays

    def case(seed: int) -> _Case:
        def run(module: ModuleType) -> Any:
            layers = network(module.train_xor(seed=seed))
            return _feedforward(layers, _XOR_X, Sigmoid)[:, 0]

        def compare(got: Any, expected: Any) -> None:
            labels = (np.asarray(got) > 0.5).astype(int)
            wrong = np.flatnonzero(labels != expected)
            if wrong.size:
                i = int(wrong[0])
                raise _Mismatch(f"{wrong.size} of the 4 points are misclassified; the first is "
                                f"x = {_XOR_X[i].tolist()}: output {_num(got[i])}, so class {labels[i]}, "
                                f"but XOR says {expected[i]}.")

        def diagnose(got: Any) -> str | None:
            outputs = np.asarray(got, dtype=float)
            loss = float(np.mean((outputs - _XOR_Y) ** 2) / 2)
            if np.all(np.abs(outputs - 0.5) < 0.1):
                return ("the outputs are all near 0.5: the network has not learned yet. Train longer or "
                        "with a larger learning rate (for example 3000 epochs with η = 5).")
            if loss > 0.125:  # worse than answering 0.5 everywhere
                return ("the loss got worse than answering 0.5 everywhere: gradient descent moves "
                        "against the gradient, W ← W − η dC/dW and b ← b − η dC/db.")
            return ("train longer, with a larger learning rate, or with a few more hidden neurons; a "
                    "start from another seed can also escape a poor local minimum.")

        return _Case(
            call=f"weights, biases = train_xor(seed={seed}); then the network's outputs on X",
            run=run, expected=_XOR_Y, compare=compare, inputs={"X": _XOR_X},
            note="outputs use the sigmoid in every layer; class 1 where the output is > 0.5",
            show_expected=f"classes {_XOR_Y.tolist()}", diagnose=diagnose,
            hint="train a sigmoid network with MSE by gradient descent on all four points.",
        )

    return [_structure("train_xor(seed)", check), case(0), case(1), case(2)]


_BUILDERS: dict[str, Callable[[], list[_Case]]] = {
    "perceptron_1d": _perceptron_1d_cases,
    "perceptron_nd": _perceptron_nd_cases,
    "perceptron_train": _perceptron_train_cases,
    "activations": _activation_cases,
    "one_layer": _one_layer_cases,
    "two_layer": _two_layer_cases,
    "losses": _losses_cases,
    "descent": _descent_cases,
    "backprop": _backprop_cases,
    "xor": _xor_cases,
}
