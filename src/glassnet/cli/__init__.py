"""The ``glassnet`` command: tour | train | evaluate | predict | gradcheck | exercises | check | playground.

One module per group of commands, each with a ``register(commands)`` that adds its
subcommands; this one assembles the parser and runs the chosen command. A user error (bad
option, missing file, bad data) prints one line, ``glassnet: error: ...``, and exits with
status 2; no traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from glassnet.cli import exercises, playground, tour, train
from glassnet.cli.common import Parser, UserError

__all__ = ["UserError", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="glassnet", description="A neural network you can see through: the track from the "
        "perceptron to backpropagation, and a network that trains real data in seconds.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in (tour, train, exercises, playground):
        group.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (UserError, ValueError, TypeError, FileNotFoundError, ImportError, FloatingPointError) as err:
        print(f"glassnet: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("glassnet: interrupted", file=sys.stderr)
        return 130
