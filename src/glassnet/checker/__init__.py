"""Grade a learner's exercise file and name what is wrong, by evidence. Lessons 01–07.

``glassnet exercises DIR`` copies the stubs into a folder to work in; ``glassnet check FILE``
(or ``glassnet check EXERCISE FILE``, ``--all DIR``, ``glassnet.check(...)`` from Python, a
``%%check NAME`` cell in a notebook after ``%load_ext glassnet``) grades them:

1) ``scan``: the file as text. A NUL byte, a syntax error, an import of anything but numpy and
   Python's own modules, a line that switches numpy's warnings off (where the exercise checks
   them) or a loop where the stub forbids one is reported before anything runs;
2) ``judge`` draws the exercise's *probes* from a seed (fresh each run, shown in the report;
   ``--seed`` draws the same again): inputs covering a batch of one, n = d, one output,
   integer and float32 inputs, defaults left out, extreme values and random ones. It computes
   every right answer here, in the checker's process;
3) ``process`` starts ``worker.py`` on its own (``python -I -S``: glassnet is not on its path),
   in a session of its own, under a time and a memory limit, and hands it only the probes'
   *steps* (inputs and the calls to make). The worker imports the learner's file behind an
   audit hook and sends back the raw values their code returned, in order (``channel`` reads
   them, bounded; anything else is "your file wrote something the checker did not ask for");
4) ``judge`` compares each value with the right one under the one rule for answers (``compare``,
   stated in every stub), and on a failure names the cause by evidence (``mistakes``): a known
   mistake whose model reproduces the learner's answers on every check, or else the property of
   the inputs the failure depends on. The report points to the lesson's section.

What a pass guarantees: the code the file ran, in a process where glassnet's modules cannot be
imported (not through ``import``, ``__import__``, ``importlib``, ``sys.modules`` or its files),
returned values for inputs drawn at check time that this process found right, every one of
them, within the rule's tolerance. It is not a sandbox: the file runs with your rights, and a
file that copies a right answer's code, or reads glassnet's source another way, is not
detected. The limits stop accidents (an endless loop, a huge array); when the check ends,
every process the file started is killed, one that left its session included (Linux).

Adding an exercise is one stub and one module (registered by being there):

- ``glassnet/exercises/NAME.py``: the stub the learner fills in. Its docstring states the
  exercise, ``Lesson: NN, topic.``, the rule for answers (``compare.RULE_TEXT``, word for word)
  and ``glassnet check NAME NAME.py``; each body is ``raise NotImplementedError("NAME: write ...")``;
- ``glassnet/checker/cases/NAME.py`` holds ``LESSON`` ("NN, topic"), ``SECTION`` (the lesson's
  section to reread), ``ORDER`` (its place in the track), ``EXERCISED`` (the names the learner
  writes), ``probes(rng)`` returning ``probes.Probe`` objects (structure probes first; build
  the worker's steps with ``probes.Steps``, the right answer here, a ``compare.Rule``, tags)
  and ``MISTAKES``, a list of ``mistakes.Mistake`` whose ``model(probe)`` computes what that
  mistake would return. Optional: ``CHECKS_WARNINGS`` (a numpy warning fails a check),
  ``NO_LOOPS`` (classes that must not loop), ``explain(probes, outcomes, first)`` (a diagnosis
  of its own, as xor's), ``SHAPE_HINT``, ``NAME_HINT``, ``TIMEOUT_HINT``, ``COST`` (a slow
  exercise starts first in ``--all``). A test runs every stub, reference solution and wrong
  solution in ``tests/exercise_solutions`` through it.
"""

from glassnet.checker.registry import all_exercises
from glassnet.checker.report import CheckResult
from glassnet.checker.run import (
    DEFAULT_MEMORY_MIB,
    DEFAULT_TIMEOUT,
    check,
    check_all,
    copy_exercises,
    exercise_for_file,
    ignored_files,
)

#: The exercises, in the track's order; each is one file ``NAME.py``.
EXERCISES: tuple[str, ...] = tuple(all_exercises())
#: The lesson each exercise belongs to, as "NN, topic" (lessons/NN_*.py).
LESSONS: dict[str, str] = {name: module.LESSON for name, module in all_exercises().items()}

__all__ = ["DEFAULT_MEMORY_MIB", "DEFAULT_TIMEOUT", "EXERCISES", "LESSONS", "CheckResult", "check", "check_all",
           "copy_exercises", "exercise_for_file", "ignored_files"]
