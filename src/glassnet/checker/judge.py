"""The verdict, given in the checker's own process: probes out, raw answers in, every one judged.

``check_file`` reads the file as text (``scan``), draws the exercise's probes from a seed (fresh
each run unless given, and shown in every report), sends the worker only their steps
(``process``), reads its answers strictly (``channel``), judges each answer against the right
one computed here, and on a failure names the cause from the evidence (``mistakes``): a known
mistake whose model reproduces the learner's answers, or else the property of the inputs the
failure depends on.
"""

from __future__ import annotations

import secrets
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from glassnet.checker import channel, hints, mistakes, patterns, process, queries, scan, state
from glassnet.checker.compare import Problem, changed
from glassnet.checker.mistakes import Outcome
from glassnet.checker.probes import Probe
from glassnet.checker.report import ERROR, FAILED, PASSED, TIMEOUT, CheckResult, describe
from glassnet.checker.values import named, show, show_near

RULE_HINT = ("the stub states one rule for what your code returns (the same in every exercise): the type it "
             "names, the exact shape, a class as the int 0 or 1, float64 for float64 inputs.")
NOT_ASKED = ("your file wrote something the checker did not ask for, on the channel that carries your "
             "results")


def new_seed() -> int:
    """A fresh seed for the probes' random inputs (shown in the report, to rerun the same check)."""
    return secrets.randbelow(1_000_000)


def check_file(exercise: ModuleType, path: Path, *, timeout: float, memory_mib: int, seed: int,
               stop: threading.Event | None = None, rerun: str | None = None, shown_as: str | None = None,
               ) -> CheckResult:
    """Grade ``path`` as ``exercise`` (its module from ``cases``), with arguments already valid.
    ``rerun`` is the command a report suggests ("{seed}" filled in); ``shown_as`` names the file."""
    name = exercise.__name__.rpartition(".")[2]
    source, failure = scan.read(path)
    if failure is None:
        failure = scan.rules(source, path, exercise)
    probes = draw(exercise, seed)
    if failure is not None:
        status = ERROR if failure["stage"] in ("read", "import") else FAILED
        failure["hint"] = failure.get("hint") or hints.add_lesson(exercise, "")
        return _result(name, path, status, failure, 0, len(probes), seed, None, rerun, shown_as)
    found, timed_out = _run(exercise, path, probes, timeout, memory_mib, source, stop, fresh=False)
    if found[0] == FAILED and not timed_out:  # again, each check in a fresh load: what one call leaves cannot blur it
        again, _ = _run(exercise, path, draw(exercise, seed), timeout, memory_mib, source, stop, fresh=True)
        if again[0] == PASSED:
            found[2].update(state.order_dependent(source, getattr(exercise, "QUERIES", ())))
        else:
            found = again
    status, passed, failure, collected = found
    return _result(name, path, status, failure, passed, len(probes), seed, collected, rerun, shown_as)


def _run(exercise: ModuleType, path: Path, probes: list[Probe], timeout: float, memory_mib: int, source: str,
         stop: threading.Event | None, fresh: bool) -> tuple[tuple[str, int, dict[str, Any] | None, process.Collected],
                                                            bool]:
    """((status, checks passed, failure, what the worker sent), whether its time ran out) of one run of
    the worker."""
    collected = process.run_worker({**job(exercise, path, probes, timeout=timeout, memory_mib=memory_mib),
                                    "fresh": fresh}, stop=stop)
    transcript = channel.read(collected.lines, len(probes), collected.results_cut)
    timed_out = transcript.timeout is not None or collected.killed
    try:
        return (*verdict(exercise, probes, transcript, collected, timeout, memory_mib, source), collected), timed_out
    except Exception as err:  # a value the checker could not read: never a pass, never a traceback
        return (ERROR, 0, {"stage": "crash", "problem": f"the checker failed while judging: {type(err).__name__}: "
                                                        f"{err}",
                           "hint": "this is a bug in glassnet's checker; please report it with your file."},
                collected), timed_out


def draw(exercise: ModuleType, seed: int) -> list[Probe]:
    """The exercise's probes for ``seed``, and the check that runs several of them in one load of the
    file (``state.interleaved``), last."""
    probes = exercise.probes(np.random.default_rng(seed))
    together = state.interleaved(probes, getattr(exercise, "QUERIES", ()))
    return [*probes, together] if together is not None else probes


def job(exercise: ModuleType, path: Path, probes: list[Probe], *, timeout: float, memory_mib: int) -> dict[str, Any]:
    """The worker's job: the learner's file, the limits, and each probe's steps (never an answer)."""
    name = exercise.__name__.rpartition(".")[2]
    return {"file": str(path.resolve()), "module": name if name not in ("wire", "steps") else "learner",
            "timeout": timeout, "memory_mib": memory_mib, "warnings": bool(getattr(exercise, "CHECKS_WARNINGS", False)),
            "requests": [probe.steps.request() for probe in probes]}


def _result(name: str, path: Path, status: str, failure: dict[str, Any] | None, passed: int, total: int,
            seed: int, collected: process.Collected | None, rerun: str | None, shown_as: str | None) -> CheckResult:
    file = shown_as or str(path)
    if failure is None:
        return CheckResult(name, file, True, f"all {total} checks pass (seed {seed})", total, total, PASSED, None, seed)
    failure.setdefault("rerun", (rerun or f"glassnet check {name} {path} --seed {{seed}}").format(seed=seed))
    printed = (collected.output, collected.output_bytes) if collected else ("", 0)
    return CheckResult(name, file, False, describe(failure, total, *printed), passed, total, status, failure, seed)


# ---------------------------------------------------------------------- one probe's outcome


def outcome(probe: Probe, reply: channel.Reply | None, exercise: ModuleType) -> Outcome:
    """Judge one probe's reply: right, wrong (with the problem), an error, or not run."""
    if reply is None:
        return Outcome("not run")
    if reply.error is not None:
        return Outcome("error", got=reply.values[0] if reply.values else None,
                       error={**reply.error, "step": reply.step}, warnings=reply.warnings)
    got = reply.values[0] if len(reply.values) == 1 else tuple(reply.values)
    try:
        with np.errstate(all="ignore"):
            problem = probe.problem(got)
    except Exception as err:  # an answer too strange to compare is wrong, never a crash
        problem = Problem("type", f"the checker could not read what your code returned ({type(err).__name__}).")
    mutation = next((Problem("changed", f"`{callee}` changed its argument `{argument}` in place.",
                             hint=hints.MUTATION)
                     for sent, after in zip(probe.steps.sent, reply.after, strict=False)
                     for (callee, argument, value), now in zip(sent, after, strict=False) if changed(value, now)),
                    None)
    problem = problem or mutation
    checks_warnings = bool(getattr(exercise, "CHECKS_WARNINGS", False))
    if problem is None and checks_warnings and reply.silenced:
        problem = Problem("warning", "your code switched numpy's warnings off while it ran (np.seterr, "
                          "np.errstate or a warnings filter), so the check cannot see an overflow.",
                          hint=hints.SILENCED)
    if problem is None and checks_warnings and reply.warnings:
        first = reply.warnings[0]
        problem = Problem("warning", f"your code raised a warning: {first['category']}: {first['message']}")
    return Outcome("right" if problem is None else "wrong", got, problem, warnings=reply.warnings,
                   mutation=mutation.text if mutation is not None else None)


# ---------------------------------------------------------------------- the verdict


def verdict(exercise: ModuleType, probes: list[Probe], transcript: channel.Transcript,
            collected: process.Collected, timeout: float, memory_mib: int, source: str = "",
            ) -> tuple[str, int, dict[str, Any] | None]:
    """(status, checks passed, failure) from the worker's transcript (``source``: the learner's file,
    as text, for the evidence a diagnosis reads in it)."""
    total = len(probes)
    if transcript.not_asked is not None:
        return ERROR, 0, {"stage": "channel", "problem": f"{NOT_ASKED}: {transcript.not_asked!r}.",
                          "hint": "write only to stdout or stderr (print); leave file descriptors you did not open "
                                  "alone."}
    if transcript.ready is None:
        return _stopped(exercise, probes, transcript, collected, timeout, 0, 0)
    if isinstance(transcript.ready, dict):
        return ERROR, 0, _import_failure(exercise, transcript.ready, memory_mib)
    outcomes = [outcome(p, transcript.replies.get(i), exercise) for i, p in enumerate(probes, start=1)]
    outcomes = state.known_repeats(probes, outcomes)
    passed = sum(o.status == "right" for o in outcomes)
    for i, (probe, result) in enumerate(zip(probes, outcomes, strict=True), start=1):
        if probe.structure and result.failed:
            return FAILED, passed, _structure_failure(exercise, probe, result, i, memory_mib)
    if not any(o.failed for o in outcomes):
        if all(o.status == "right" for o in outcomes):
            return PASSED, total, None
        first = next(i for i, o in enumerate(outcomes, start=1) if o.status == "not run")
        return _stopped(exercise, probes, transcript, collected, timeout, first, passed)
    try:
        failure = diagnose(exercise, probes, outcomes, memory_mib, source)
    except Exception as err:  # an answer the diagnosis could not read: the plain failure, never a crash
        failure = plain_failure(exercise, probes, outcomes, memory_mib, err)
    if transcript.timeout is not None and 0 < transcript.timeout <= total:
        stopped = (f"check {transcript.timeout}, {probes[transcript.timeout - 1].call}, did not finish within "
                   f"{timeout:g} s (the checks after it did not run).")
        failure["note"] = f"{failure['note']}\n{stopped}" if failure.get("note") else stopped
    return FAILED, passed, failure


def _stopped(exercise: ModuleType, probes: list[Probe], transcript: channel.Transcript,
             collected: process.Collected, timeout: float, index: int, passed: int,
             ) -> tuple[str, int, dict[str, Any]]:
    """The worker stopped before every probe had run: the time ran out, or it ended."""
    running = transcript.running if transcript.running is not None else index
    call = probes[running - 1].call if running else "(importing your file)"
    if collected.stopped:
        return ERROR, passed, {"stage": "crash", "case": running or None, "call": call,
                               "problem": "the check was stopped before it finished.", "hint": ""}
    if transcript.timeout is not None or collected.killed or collected.returncode == 137:
        return TIMEOUT, passed, {"stage": "timeout", "case": running or None, "call": call,
                                 "problem": hints.timeout_problem(timeout, transcript.calls),
                                 "hint": hints.timeout_hint(exercise)}
    code = collected.returncode
    how = (f"was killed by signal {code - 128}" if code and code > 128 else f"ended (exit code {code})")
    return ERROR, passed, {"stage": "crash", "case": running or None, "call": call,
                           "problem": f"the worker {how} before every check had run.", "hint": hints.EXIT}


def _import_failure(exercise: ModuleType, error: dict[str, Any], memory_mib: int) -> dict[str, Any]:
    if error["type"] == "SystemExit":
        return {"stage": "import", "problem": "your file called exit() or sys.exit() while it was imported.",
                "hint": "put code that tries out your work under `if __name__ == \"__main__\":` so it does not "
                        "run when the file is checked."}
    failure = {"stage": "import", "problem": "your file raised an error while it was imported (before any check ran).",
               "error": hints.error_text(error), "where": error.get("where", "")}
    failure["hint"] = hints.add_lesson(exercise, hints.exception_hint(exercise, {**error, "memory_mib": memory_mib},
                                                                      hints.IMPORT))
    return failure


def _base(probe: Probe, index: int) -> dict[str, Any]:
    failure: dict[str, Any] = {"stage": "structure" if probe.structure else "case", "case": index,
                               "call": probe.call}
    if probe.inputs:
        failure["input"] = "\n".join(named(key, value) for key, value in probe.inputs.items())
    if probe.note:
        failure["note"] = probe.note
    if not probe.structure:
        failure["expected"] = probe.show_expected if probe.show_expected is not None else show(probe.expected)
    return failure


def _shown(probe: Probe, result: Outcome) -> dict[str, Any]:
    """The failure's "got" (and a shorter "expected" around the first difference for long values)."""
    fields: dict[str, Any] = {}
    if result.status == "error":
        return fields
    try:
        fields["got"] = probe.show_got(result.got) if probe.show_got else show(result.got)
    except Exception:  # a value too strange to summarise
        fields["got"] = show(result.got)
    index = result.problem.index if result.problem else None
    if index and len(index) == 1 and isinstance(probe.expected, list | np.ndarray) and np.ndim(probe.expected) == 1 \
            and len(probe.expected) > 12 and isinstance(result.got, list | np.ndarray):
        fields["expected"] = show_near(probe.expected, index[0])
        fields["got"] = show_near(result.got, min(index[0], len(result.got) - 1))
    return fields


def _structure_failure(exercise: ModuleType, probe: Probe, result: Outcome, index: int,
                       memory_mib: int) -> dict[str, Any]:
    failure = _base(probe, index)
    if result.status == "error":
        failure.update(problem="your code raised an error", error=hints.error_text(result.error),
                       where=result.error.get("where", ""), hint=hints.add_lesson(exercise, hints.exception_hint(
                           exercise, {**result.error, "memory_mib": memory_mib}, probe.hint)))
        return failure
    failure.update(problem=result.problem.text, hint=hints.add_lesson(exercise, result.problem.hint or probe.hint))
    return failure


def plain_failure(exercise: ModuleType, probes: list[Probe], outcomes: list[Outcome], memory_mib: int,
                  err: Exception) -> dict[str, Any]:
    """The first failed check as it is (call, answer, problem, the probe's hint), without a diagnosis:
    what is reported when the diagnosis itself could not read the answers (``unexplained`` names why,
    for tools and bug reports; it is not shown)."""
    first = next(i for i, o in enumerate(outcomes) if o.failed and not probes[i].structure)
    probe, result = probes[first], outcomes[first]
    failure = _base(probe, first + 1)
    failure["failed"] = sum(o.failed for o in outcomes)
    if result.status == "error":
        failure.update(problem="your code raised an error", error=hints.error_text(result.error),
                       where=result.error.get("where", ""),
                       hint=hints.add_lesson(exercise, hints.exception_hint(exercise, {**result.error,
                                                                                      "memory_mib": memory_mib},
                                                                            probe.hint)))
    else:
        failure.update(got=show(result.got), problem=result.problem.text,
                       hint=hints.add_lesson(exercise, result.problem.hint or probe.hint,
                                             getattr(exercise, "SECTION", "")))
    failure["unexplained"] = f"{type(err).__name__}: {err}"
    return failure


def diagnose(exercise: ModuleType, probes: list[Probe], outcomes: list[Outcome], memory_mib: int,
             source: str = "") -> dict[str, Any]:
    """The failure: the telling probe, and the cause named by evidence (or what it depends on)."""
    changed = queries.moved(exercise, probes, outcomes, source)  # run changed its object: seen directly
    if changed is not None:
        return changed
    apart = (state.KIND, queries.KIND)
    failed = [i for i, o in enumerate(outcomes) if o.failed and not probes[i].structure
              and probes[i].params.get("kind") not in apart]
    if not failed:
        return state.kept_failure(exercise, probes, outcomes, source)
    # the checks run together (last) only tell state apart: a failure of the checks alone comes first
    probes, outcomes = zip(*[(p, o) for p, o in zip(probes, outcomes, strict=True)
                             if p.params.get("kind") not in apart], strict=True)
    probes, outcomes = list(probes), list(outcomes)
    catalogue = getattr(exercise, "MISTAKES", [])
    float32 = mistakes.float32_involved(outcomes, source)
    found = mistakes.named(catalogue, probes, outcomes, frozenset({"float32"} if float32 else ()))
    first = failed[0]
    probe, result = probes[first], outcomes[first]
    failure = _base(probe, first + 1)
    failure.update(_shown(probe, result))
    failure["failed"] = len(failed)
    if result.warnings:
        w = result.warnings[0]
        failure["warning"] = f"{w['category']}: {w['message']}" + (f" ({w['where']})" if w["where"] else "")
    if result.status == "error":
        failure.update(problem="your code raised an error", error=hints.error_text(result.error),
                       where=result.error.get("where", ""))
    else:
        failure["problem"] = result.problem.text
    if found:
        failure["cause"] = " / ".join(m.cause + (m.detail(probes, outcomes) if m.detail else "") for m in found)
        failure["evidence"] = (f"your answers match {'these mistakes' if len(found) > 1 else 'this mistake'} on all "
                               f"{len(failed)} check{'s' if len(failed) > 1 else ''} where they are wrong, and "
                               f"{'they give' if len(found) > 1 else 'it gives'} the right answer wherever you do.")
        failure["hint"] = hints.add_lesson(exercise, found[0].hint, found[0].lesson)
        return failure
    mutated = [i for i in failed if outcomes[i].mutation is not None]
    if mutated and result.status == "wrong" and result.problem.kind != "changed":  # wrong, and an argument changed
        failure["cause"] = (f"{outcomes[mutated[0]].mutation[:-1]}, and the answers are wrong: a change made to an "
                            "argument reaches the caller's array and every later use of it in your code.")
        failure["evidence"] = (f"on {len(mutated)} of the {len(failed)} failed checks an argument came back "
                               "changed after the call.")
        failure["hint"] = hints.add_lesson(exercise, hints.MUTATION, getattr(exercise, "SECTION", ""))
        return failure
    special = getattr(exercise, "explain", None)
    extra = special(probes, outcomes, first) if special else None
    if extra and "pattern" in extra and result.status == "wrong" and result.problem.kind in ("value", "shape"):
        general = patterns.pattern(probes, outcomes, first, float32)  # what holds on every check comes first
        extra["pattern"] = f"{general}\n{extra['pattern']}" if general else extra["pattern"]
    kinds = {outcomes[i].problem.kind if outcomes[i].status == "wrong" else "error" for i in failed}
    kind = result.problem.kind if result.status == "wrong" else "error"
    if extra:
        failure.update(extra)
    elif kind in ("type", "dtype", "changed", "warning") and (len(kinds) == 1 or kind == "changed"):
        failure["cause"] = failure.pop("problem")
        failure["evidence"] = {
            "type": f"the type or form of the answer breaks the rule for answers, the same way on all {len(failed)} "
                    "failed check(s).",
            "dtype": f"the values are right to float32's precision; the dtype breaks the rule, on {len(failed)} "
                     "check(s).",
            "changed": f"the answers are right; an argument changed in place, on {len(failed)} check(s).",
            "warning": f"the values are right; numpy warned, on {len(failed)} check(s)."}[kind]
        if len(kinds) > 1:
            failure["depends"] = mistakes.depends(probes, outcomes)
        failure["hint"] = hints.add_lesson(exercise, result.problem.hint or RULE_HINT)
    elif result.status == "error" and "NotImplementedError" in result.error.get("kinds", []):
        pass  # the stub itself: its hint says so
    else:
        failure["depends"], key = mistakes.depends_on(probes, outcomes)
        if result.status == "wrong" and result.problem.kind in ("value", "shape"):
            failure["pattern"] = patterns.pattern(probes, outcomes, first, float32)
        if key in hints.ABOUT:
            failure["depends"] += " " + hints.ABOUT[key]
    if "hint" not in failure:
        if result.status == "error":
            advice = hints.exception_hint(exercise, {**result.error, "memory_mib": memory_mib}, probe.hint)
        else:
            advice = result.problem.hint or probe.hint
        failure["hint"] = hints.add_lesson(exercise, advice, getattr(exercise, "SECTION", ""))
    return failure
