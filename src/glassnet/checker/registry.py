"""The exercises, found once: every module of ``glassnet.checker.cases`` is one exercise.

A module there is registered by existing; its ``ORDER`` places it in the track. See the
package docstring of ``glassnet.checker`` for what such a module holds. Exercise names are
read through ``glassnet.registry.name_key``, the one normalisation of every name typed.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType

from glassnet.checker import cases
from glassnet.registry import name_key


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
    """``exercise`` as a registered name (case, spaces, ``-`` for ``_`` and ``.py`` forgiven),
    or a ValueError naming the exercises."""
    if not isinstance(exercise, str):
        raise TypeError(f"exercise must be a name such as 'perceptron_1d', got {exercise!r}.")
    names = {name_key(name): name for name in all_exercises()}
    key = name_key(exercise).removesuffix(".py")
    if key not in names:
        raise ValueError(f"Unknown exercise {exercise!r}; choose one of: {', '.join(all_exercises())}.")
    return names[key]
