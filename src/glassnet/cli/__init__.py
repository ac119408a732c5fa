"""The ``glassnet`` command: tour | train | evaluate | predict | gradcheck | doctor | exercises | check |
progress | playground | export.

One module per group of commands, each with a ``register(commands)`` that adds its
subcommands; this one assembles the parser and runs the chosen command. Every failure a user
can cause (bad option, missing or unwritable file, full disk, bad data) prints one line,
``glassnet: error: ...``, and exits with status 2; no traceback. Output cut short by a closed
pipe (``glassnet predict ... | head -1``) ends quietly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from glassnet import __version__
from glassnet.cli import doctor, exercises, export, playground, tour, train
from glassnet.cli.common import Parser, UserError, describe_os_error

__all__ = ["UserError", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="glassnet", description="A neural network you can see through: the track from the "
        "perceptron to backpropagation, and a network that trains real data in seconds.")
    parser.add_argument("--version", action="version", version=f"glassnet {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in (tour, train, doctor, exercises, playground, export):
        group.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        # The reader went away (``| head``): say nothing more, and point stdout at devnull so
        # that Python's own flush at exit does not fail too (as the Python docs recommend).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as err:
        print(f"glassnet: error: {describe_os_error(err)}", file=sys.stderr)
        return 2
    except MemoryError:
        print("glassnet: error: out of memory; try smaller layers, a smaller batch or less data", file=sys.stderr)
        return 2
    except (UserError, ValueError, TypeError, ImportError, FloatingPointError) as err:
        print(f"glassnet: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        saved = "; no model was saved" if args.command == "train" else ""
        print(f"glassnet: interrupted{saved}", file=sys.stderr)
        return 130
