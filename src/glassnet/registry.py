"""Names for the pieces a learner can choose or bring: the one lookup of a typed name, the one
normalisation of names, and the registries of activations and losses. Lesson: 02 and 04.

Objects are the API: anything with the right methods (an activation's ``fn`` and ``prime``, a
loss's ``fn`` and ``derivative``) works wherever a built-in does. Names exist for the command line
and for saving a model, never as a gate: ``resolve`` turns a name into its class and passes any
object with the right methods through; ``register`` adds a name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def lookup(choice: Any, registry: Mapping[str, Any], kind: str) -> Any:
    """Resolve a name (``"relu"``) or an object from ``registry`` to the object itself.

    Names are matched case-insensitively, with ``_`` and ``-`` treated alike.
    """
    if isinstance(choice, str):
        key = name_key(choice)
        if key not in registry:
            raise ValueError(f"Unknown {kind} {choice!r}; choose one of: {', '.join(sorted(registry))}.")
        return registry[key]
    if isinstance(choice, type) and choice in registry.values():
        return choice
    raise TypeError(
        f"{kind} must be one of {', '.join(sorted(registry))} (a name or the class), "
        f"got {choice!r}."
    )


def name_key(name: str) -> str:
    """The one normalisation of a name anyone types (an activation, a loss, an initialiser, an
    optimizer, an exercise): case-insensitive, surrounding spaces dropped, ``_`` and ``-`` alike
    (``" Cross_Entropy"`` → ``"cross-entropy"``)."""
    return name.strip().lower().replace("_", "-")


def missing_methods(obj: Any, methods: tuple[str, ...], placeholders: Any = None) -> list[str]:
    """The names in ``methods`` that ``obj`` lacks as callables (a base class's placeholder,
    the same attribute of ``placeholders``, counts as missing)."""
    return [m for m in methods
            if not callable(found := getattr(obj, m, None)) or found is getattr(placeholders, m, None)]


def resolve(choice: Any, registry: Mapping[str, Any], kind: str, methods: tuple[str, ...],
            placeholders: Any = None) -> Any:
    """A registered name (``"relu"``) to its class, or any class or object that has callable
    ``methods`` (duck typing: a learner's own class works like a built-in) to itself."""
    if isinstance(choice, str):
        return lookup(choice, registry, kind)
    missing = missing_methods(choice, methods, placeholders)
    if missing:
        shape = " and ".join(f"{m}(...)" for m in methods)
        raise TypeError(
            f"{kind} must be a name ({', '.join(sorted(registry))}) or a class with {shape}; "
            f"{choice!r} has no {' and no '.join(missing)}."
        )
    return choice


def register(registry: dict[str, Any], cls: Any, name: str, kind: str, methods: tuple[str, ...],
             placeholders: Any = None) -> Any:
    """Add ``cls`` to ``registry`` under ``name`` (normalised as ``lookup`` reads it); return cls.

    Registering the same class again is harmless, and so is a class redefined with the same
    module and name (a notebook cell run twice); a name taken by another class is refused."""
    if not isinstance(name, str) or not name_key(name):
        raise TypeError(f"The {kind} name must be a non-empty string, got {name!r}.")
    resolve(cls, registry, kind, methods, placeholders)
    key = name_key(name)
    taken = registry.get(key)
    if taken is not None and taken is not cls and (
        getattr(taken, "__module__", None), getattr(taken, "__qualname__", None)
    ) != (getattr(cls, "__module__", None), getattr(cls, "__qualname__", None)):
        raise ValueError(f"The {kind} name {key!r} is already taken by {taken!r}; pick another name.")
    other = registered_name(registry, cls)
    if other is not None and other != key:
        raise ValueError(f"{cls!r} is already registered as the {kind} {other!r}.")
    registry[key] = cls
    return cls


def unwrap(obj: Any) -> Any:
    """The learner's own object inside an adapter (``LearnersActivation``, ``LearnersLoss``), or
    ``obj`` itself: names, messages, saving and export speak of what the learner wrote."""
    return getattr(obj, "wrapped", obj)


def registered_name(registry: Mapping[str, Any], obj: Any) -> str | None:
    """The name under which ``obj`` itself (or the learner's object it adapts) is registered, or None."""
    obj = unwrap(obj)
    return next((name for name, value in registry.items() if value is obj), None)


def display_name(obj: Any, registry: Mapping[str, Any]) -> str:
    """How to call ``obj`` in a message or a picture: its registered name, else its class's name."""
    name = registered_name(registry, obj)
    if name is not None:
        return name
    obj = unwrap(obj)
    return obj.__name__ if isinstance(obj, type) else type(obj).__name__
