"""Grade a learner's exercise file and explain its first mistake. Lessons: 01–07 (the exercises).

``glassnet exercises DIR`` copies the exercise stubs into a folder to work in; ``glassnet check
FILE`` (or ``glassnet check EXERCISE FILE``, or ``--all DIR``) grades them:

1) the checker reads the file without running it: a NUL byte, a syntax error, an import of
   glassnet's own implementation or a line that switches numpy's warnings off is reported
   at once;
2) a fresh Python process, the *worker* (``worker.py``), imports the file in its own session,
   under a time limit and a memory limit (``RLIMIT_AS``), and runs each case's call. It sends
   back, over a pipe of its own, only the values the learner's code returned (JSON, capped in
   size), the arguments it changed in place, its errors and its warnings; what the code prints
   is captured apart, capped, and its tail shown with a failure (``process.py``);
3) this process (``engine.py``) computes every expected value and compares every returned
   value itself, then kills the worker's whole process group. A failure says the call, its
   input, what was expected, what came back and a hint that names the lesson to reread
   (``report.py``).

The checker is for self-study: the learner's code runs as the user who runs the check, with
the user's rights (the limits stop accidents, not an attack). The verdict cannot be forged by
printing, patching the checker inside the worker or exiting early, but code written to fool
it can still compute the right answers some other way.

Adding an exercise is one module plus its stub:

- ``glassnet/exercises/NAME.py``: the stub the learner fills in (its docstring states the
  exercise, its lesson and ``glassnet check NAME NAME.py``);
- ``glassnet/checker/cases/NAME.py``: registered by being there, it holds ``LESSON`` ("NN,
  topic"), ``ORDER`` (its place in the track), ``EXERCISED`` (the names the learner writes:
  glassnet's own objects under those names are refused) and ``cases()``, the list of
  ``spec.Case``: ``run`` makes the call in the worker through ``spec.call`` (which notices
  changed arguments), ``expected``/``compare``/``diagnose`` judge the value here. Optional:
  ``CHECKS_WARNINGS`` (switching numpy's warnings off is refused), ``SHAPE_HINT``,
  ``NAME_HINT``, ``TIMEOUT_HINT``, ``BUILDS_ON`` (another exercise whose file this one uses).
"""

from glassnet.checker.engine import (
    DEFAULT_MEMORY_MIB,
    DEFAULT_TIMEOUT,
    check,
    check_all,
    copy_exercises,
    exercise_for_file,
    ignored_files,
)
from glassnet.checker.registry import all_exercises
from glassnet.checker.report import CheckResult

#: The exercises, in the track's order; each is one file ``NAME.py``.
EXERCISES: tuple[str, ...] = tuple(all_exercises())
#: The lesson each exercise belongs to, as "NN, topic" (lessons/NN_*.py).
LESSONS: dict[str, str] = {name: module.LESSON for name, module in all_exercises().items()}

__all__ = ["DEFAULT_MEMORY_MIB", "DEFAULT_TIMEOUT", "EXERCISES", "LESSONS", "CheckResult", "check", "check_all",
           "copy_exercises", "exercise_for_file", "ignored_files"]
