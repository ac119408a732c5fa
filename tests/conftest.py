"""Shared test helpers.

Optional dependencies (torch, onnxruntime, playwright and a browser...) are skipped when a
developer does not have them, but CI must run every test: there (the environment variable
``CI`` is set, as ``.ci/run`` runs with ``CI=true``) a missing one is a failure, not a skip.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest


def required_in_ci() -> bool:
    """Whether optional test dependencies must be present (CI), so that nothing is skipped."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def need(module: str, why: str = "") -> ModuleType:
    """Import ``module`` for a test; skip without it on a developer's machine, fail in CI.

    Works inside a test and at the top of a test module (then the whole module is skipped)."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        message = f"{module} is not installed{': ' + why if why else ''} ({err})"
        if required_in_ci():
            pytest.fail(f"{message}; CI requires it.", pytrace=False)
        pytest.skip(message, allow_module_level=True)
