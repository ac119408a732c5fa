"""What every ``glassnet`` command shares: the one-line user error, the parser that prints it, the
parsers of numbers on the command line, and the checks of output paths made before any work."""

from __future__ import annotations

import argparse
import math
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path


class UserError(Exception):
    """A mistake in the command line or its files: reported in one line, exit status 2."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line (the usage is one ``--help`` away)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see: {self.prog} --help)\n")


# ---------------------------------------------------------------- numbers on the command line
# argparse ``type=`` functions: a bad value is a usage error, reported before anything runs.
def count(minimum: int = 1) -> Callable[[str], int]:
    """A whole number >= ``minimum`` (epochs, sizes, samples...)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number >= {minimum}, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be >= {minimum}, got {value}")
        return value

    parse.__name__ = "count"  # argparse names the type in some messages
    return parse


def number(*, low: float = -math.inf, high: float = math.inf, low_inclusive: bool = False,
           high_inclusive: bool = False) -> Callable[[str], float]:
    """A finite number between ``low`` and ``high`` (open bounds unless said otherwise)."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"must be a finite number, got {text}")
        if value < low or (value == low and not low_inclusive):
            raise argparse.ArgumentTypeError(f"must be {'>=' if low_inclusive else '>'} {low:g}, got {text}")
        if value > high or (value == high and not high_inclusive):
            raise argparse.ArgumentTypeError(f"must be {'<=' if high_inclusive else '<'} {high:g}, got {text}")
        return value

    parse.__name__ = "number"
    return parse


# ---------------------------------------------------------------- output paths, checked first
def _check_writable_folder(folder: Path, option: str, target: str) -> None:
    """Raise a UserError unless ``folder`` exists, is a folder, and takes a new file."""
    if not folder.exists():
        raise UserError(f"{option} {target}: the folder {folder} does not exist.")
    if not folder.is_dir():
        raise UserError(f"{option} {target}: {folder} is a file, not a folder.")
    try:  # try it rather than read permission bits: that also catches read-only disks and ACLs
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as err:
        raise UserError(f"{option} {target}: cannot write in the folder {folder} ({err.strerror}).") from None


def check_output_file(path: str, option: str = "--out", reads: Mapping[str, str | None] | None = None,
                      example: str = "model.npz") -> Path:
    """The file ``path`` as a Path, once it is sure a writer (``glassnet.atomic``) can write it and
    that writing it loses nothing the command reads (nothing is written).

    Every command that writes a file checks it here first: a name of only spaces, a folder, a
    path in a missing folder, and a file the command reads (``reads``: what it is called, e.g.
    "the data --csv reads", and its path) are refused. Paths are compared as the files they are,
    so ``./d.csv``, ``sub/../d.csv``, a symbolic or a hard link to it all count as ``d.csv``."""
    from glassnet.atomic import check_save_path

    if not path.strip():
        raise UserError(f"{option} '{path}' names no file; give a file name such as {example}.")
    file = Path(path)
    try:
        if file.is_dir():
            raise UserError(f"{option} {path} is a folder; give a file name, such as {file / example}.")
        if file.parent.exists() and not file.parent.is_dir():
            raise UserError(f"{option} {path}: {file.parent} is a file, not a folder.")
        target = check_save_path(file)  # a regular file or none, in a folder that exists and is writable
        for what, read in (reads or {}).items():
            if read is not None and target.exists() and Path(read).exists() and os.path.samefile(target, read):
                raise UserError(f"{option} {path} is {what} ({read}): writing there would replace it, and it would "
                                f"be lost. Give another file name, such as {example}.")
    except ValueError as err:  # glassnet.atomic's own sentence
        raise UserError(f"{option} {path}: {err}") from None
    except OSError as err:  # the system's: a name too long, a loop of symbolic links...
        reason = err.strerror if err.strerror and err.filename is not None else str(err)
        raise UserError(f"{option} {path}: {reason}; choose another path.") from None
    _check_writable_folder(target.parent, option, path)
    return file


def check_output_folder(path: str, option: str = "--out") -> Path:
    """The folder ``path`` as a Path, once it is sure it exists or can be made and takes files."""
    if not path.strip():
        raise UserError(f"{option} '{path}' names no folder; give a folder name.")
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{option} {path} is a file; give the name of a folder to write into.")
    existing = folder
    while not existing.exists():  # the deepest part that exists: the new folders are made in it
        existing = existing.parent
    _check_writable_folder(existing, option, path)
    return folder


def describe_os_error(err: OSError) -> str:
    """One line for a failed file operation: ``Cannot write model.npz: No space left on device``."""
    if err.strerror is None:  # raised by glassnet itself, with a full message
        return str(err)
    names = " -> ".join(str(name) for name in (err.filename, err.filename2) if name is not None)
    return f"{names}: {err.strerror}" if names else err.strerror
