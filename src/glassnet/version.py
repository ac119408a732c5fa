"""The version of glassnet, defined once: the package, saved models, exports and pyproject.toml read it here."""

__version__ = "0.1.0"
