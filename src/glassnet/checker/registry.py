"""The exercises, found once: every module of ``glassnet.checker.cases`` is one exercise.

A module there is registered by existing; its ``ORDER`` places it in the track. See the
package docstring of ``glassnet.checker`` for what such a module holds.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading
import warnings
from functools import cache
from types import ModuleType

from glassnet.checker import cases
from glassnet.checker.spec import Case

_BUILDING = threading.Lock()


@cache
def all_exercises() -> dict[str, ModuleType]:
    """Exercise name -> its module, in the track's order."""
    modules = [importlib.import_module(f"{cases.__name__}.{info.name}")
               for info in pkgutil.iter_modules(cases.__path__) if not info.name.startswith("_")]
    modules.sort(key=lambda module: module.ORDER)
    return {module.__name__.rsplit(".", 1)[1]: module for module in modules}


def load(name: str) -> ModuleType:
    """The module of the exercise ``name`` (already checked to exist)."""
    return all_exercises()[name]


def exercise_name(exercise: str) -> str:
    """``exercise`` as a registered name (case, ``-`` and ``.py`` forgiven), or a ValueError."""
    if not isinstance(exercise, str):
        raise TypeError(f"exercise must be a name such as 'perceptron_1d', got {exercise!r}.")
    key = exercise.strip().lower().replace("-", "_").removesuffix(".py")
    names = all_exercises()
    if key not in names:
        raise ValueError(f"Unknown exercise {exercise!r}; choose one of: {', '.join(names)}.")
    return key


@cache
def _cases(name: str) -> tuple[Case, ...]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # building the reference cases is the checker's business
        return tuple(load(name).cases())


def cases_of(name: str) -> list[Case]:
    """The cases of the exercise ``name``, built once per process (one thread at a time)."""
    with _BUILDING:
        return list(_cases(name))
