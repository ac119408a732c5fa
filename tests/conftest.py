"""Shared test helpers.

Optional dependencies (torch, onnxruntime, playwright and a browser...) are skipped when a
developer does not have them, but CI must run every test: there (the environment variable
``CI`` is set, as ``.ci/run`` runs with ``CI=true``) a missing one is a failure, not a skip.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
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


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium (Debian's, at ``CHROMIUM``) driven by Playwright, for the browser tests
    (its own download cannot work here); skipped without them on a developer's machine, failed in CI."""
    sync_api = need("playwright.sync_api", "the browser tests")
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if required_in_ci():
            pytest.fail(f"{message}; CI requires it.", pytrace=False)
        pytest.skip(message)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()

