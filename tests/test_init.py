"""The glassnet package: its public names and its version, defined once."""

import importlib.metadata
import re
import tomllib
from pathlib import Path

import glassnet

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_the_version_is_defined_once_in_the_package_and_read_by_pyproject():
    project = tomllib.loads(PYPROJECT.read_text())
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "glassnet.version.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", glassnet.__version__)
    assert importlib.metadata.version("glassnet") == glassnet.__version__  # what pip installed


def test_the_extension_points_are_exported():
    from glassnet.activations import register_activation
    from glassnet.losses import register_loss

    assert glassnet.register_activation is register_activation and glassnet.register_loss is register_loss
    assert {"register_activation", "register_loss"} <= set(glassnet.__all__)
