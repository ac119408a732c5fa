"""What every ``glassnet`` command shares: the one-line user error, the parser that prints it, the
parsers of numbers on the command line, and the checks of output paths made before any work."""

from __future__ import annotations

import argparse
import math
import tempfile
from collections.abc import Callable
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


def check_output_file(path: str, option: str = "--out") -> Path:
    """The model file ``path`` as a Path, once it is sure ``save`` can write it (nothing is written)."""
    from glassnet.atomic import check_save_path

    if not path.strip():
        raise UserError(f"{option} '{path}' names no file; give a file name such as model.npz.")
    file = Path(path)
    if file.is_dir():
        raise UserError(f"{option} {path} is a folder; give a file name, such as {file / 'model.npz'}.")
    if file.parent.exists() and not file.parent.is_dir():
        raise UserError(f"{option} {path}: {file.parent} is a file, not a folder.")
    try:
        target = check_save_path(file)  # a regular file or none, in a folder that exists and is writable
    except (ValueError, OSError) as err:
        raise UserError(f"{option} {path}: {err}") from None
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
