"""What every ``glassnet`` command shares: the one-line user error and the parser that prints it."""

from __future__ import annotations

import argparse


class UserError(Exception):
    """A mistake in the command line or its files: reported in one line, exit status 2."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line (the usage is one ``--help`` away)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see: {self.prog} --help)\n")
