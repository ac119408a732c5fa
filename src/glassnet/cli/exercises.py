"""``glassnet exercises | check``: the track's exercises and the checker that explains mistakes."""

from __future__ import annotations

import argparse

from glassnet.cli.common import UserError, check_output_folder


def cmd_exercises(args: argparse.Namespace) -> int:
    from glassnet.checker import main_exercises

    check_output_folder(args.dest, "exercises")
    return main_exercises(args.dest)


def cmd_check(args: argparse.Namespace) -> int:
    from glassnet.checker import main_check

    if args.all:
        if args.exercise or args.file:
            raise UserError("Give either --all DIR or EXERCISE FILE, not both.")
        return main_check(None, None, all_dir=args.all, as_json=args.json, timeout=args.timeout)
    if not (args.exercise and args.file):
        raise UserError("Give EXERCISE FILE (e.g. glassnet check perceptron_1d my-work/perceptron_1d.py) "
                        "or --all DIR.")
    return main_check(args.exercise, args.file, as_json=args.json, timeout=args.timeout)


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``exercises`` and ``check`` to the ``glassnet`` command."""
    exercises = commands.add_parser("exercises", help="copy the exercise files into a folder to work in")
    exercises.add_argument("dest", help="the folder to create or fill")
    exercises.set_defaults(run=cmd_exercises)

    grade = commands.add_parser("check", help="check your solution to an exercise")
    grade.add_argument("exercise", nargs="?", help="the exercise name, e.g. perceptron_1d")
    grade.add_argument("file", nargs="?", help="your file")
    grade.add_argument("--all", metavar="DIR", help="check every exercise file found in DIR")
    grade.add_argument("--json", action="store_true", help="machine-readable output")
    grade.add_argument("--timeout", type=float, default=10.0, help="seconds allowed per exercise (default 10)")
    grade.set_defaults(run=cmd_check)
