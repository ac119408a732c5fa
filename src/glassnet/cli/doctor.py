"""``glassnet doctor``: why a network does not learn, from the shell.

Two ways in: a saved model (``glassnet doctor model.npz``), diagnosed on the training part of the
data it remembers (``trained_on_``: ``glassnet train``'s record, or a playground download's), or
a recipe before training (``glassnet doctor --data NAME|--csv FILE`` and ``train``'s options, with
``train``'s defaults), diagnosed on the training part ``train`` would use. The findings are
printed; ``--html FILE`` also writes the page with the figures. Exit status 0 when nothing but
notes was found, 1 when a problem or a warning was, 2 for a usage or file error.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np

from glassnet.cli import data
from glassnet.cli.common import UserError, check_output_file
from glassnet.cli.train import (
    add_data_options,
    add_network_options,
    add_recipe_options,
    build_network,
    describe_inits,
)
from glassnet.network import NeuralNetwork

#: The options that describe a network: given with a saved model (which has its own), they are refused.
NETWORK_OPTIONS = ("layers", "activation", "output_activation", "loss", "init", "dtype")
#: The options of the recipe: train's defaults, unless a playground model recorded its own.
RECIPE_OPTIONS = ("optimizer", "batch_size", "learning_rate")


def cmd_doctor(args: argparse.Namespace, parser: argparse.ArgumentParser, defaults: dict[str, Any]) -> int:
    from glassnet.doctor import diagnose

    # 1) everything that can be checked before any work. train's command line works here as it is, but
    # for --out: the doctor trains only copies, for a few epochs of its own (--epochs, --patience and
    # --verbose, the recipe's length and its printing, are train's and change nothing in the trial)
    if args.out is not None:
        parser.error(f"--out {args.out}: glassnet doctor saves no model (it trains only copies); use "
                     "glassnet train --out to save one, or --html FILE for the doctor's page")
    html = check_output_file(args.html, "--html") if args.html is not None else None
    data.fill_data_options(args)
    # 2) the network and its training data, and the recipe (options given, else recorded, else train's)
    if args.model is not None:
        net, X, y, where, recorded = _saved_model(args, parser)
        _fill_recipe(args, recorded, defaults)
    else:
        _fill_recipe(args, {}, defaults)
        args.data, args.seed = args.data or "digits", args.seed if args.seed is not None else defaults["seed"]
        parts = data.for_training(args)
        net = build_network(args, parts)
        X, y, where = parts.X_train, parts.y_train, f"{args.data}, the training part glassnet train would use"
    print(f"diagnosing on {len(X)} examples of {where}")
    # 3) the diagnosis
    diagnosis = diagnose(net, X, y, learning_rate=args.learning_rate, batch_size=args.batch_size,
                         optimizer=args.optimizer, seed=args.seed if args.seed is not None else 0)
    print(diagnosis, end="")
    if html is not None:
        print(f"page written to {diagnosis.to_html(html)}")
    return 0 if diagnosis.healthy else 1


def _fill_recipe(args: argparse.Namespace, recorded: dict[str, Any], defaults: dict[str, Any]) -> None:
    """The recipe options not given: as the model recorded them, else train's defaults."""
    for option in RECIPE_OPTIONS:
        if getattr(args, option) is None:
            setattr(args, option, recorded.get(option, defaults[option]))


def _saved_model(args: argparse.Namespace, parser: argparse.ArgumentParser
                 ) -> tuple[Any, np.ndarray, np.ndarray, str, dict[str, Any]]:
    """The model in ``args.model``, the training rows it remembers (or that the options name), where
    they come from in words, and the recipe it recorded (a playground download records one)."""
    given = [f"--{name.replace('_', '-')}" for name in NETWORK_OPTIONS
             if getattr(args, name) != parser.get_default(name)]
    if given:
        raise UserError(f"{' and '.join(given)} describe{'s' if len(given) == 1 else ''} a network to build; "
                        f"{args.model} has its own. Leave {'it' if len(given) == 1 else 'them'} out.")
    net = NeuralNetwork.load(args.model)
    record = getattr(net, "trained_on_", None)
    if _from_playground(record):
        F, y = _playground_points(args, record)
        recipe = record.get("recipe")
        return net, F, y, f"the playground's {record.get('data')} data", recipe if isinstance(recipe, dict) else {}
    if record and (args.data is None or data.readable(record)):
        parts = data.held_out_rows(args, record, args.model)
        return net, parts.X_train, parts.y_train, f"{record['data']}, the part {args.model} was trained on", {}
    if args.data is None:
        raise UserError(f"{args.model} keeps no record of the data it was trained on; give --data NAME (or "
                        "--csv FILE) to diagnose it on those.")
    parts = data.unrecorded_rows(args, args.seed if args.seed is not None else 0)
    return net, parts.X_train, parts.y_train, f"{args.data} (the model keeps no record of its own data)", {}


def _from_playground(record: Any) -> bool:
    from glassnet.playground.record import is_playground

    return is_playground(record)


def _playground_points(args: argparse.Namespace, record: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """The training points of a playground model, regenerated from its record (an uploaded CSV is
    read again from --csv)."""
    from glassnet.playground.record import recorded_points

    csv = Path(args.csv).read_bytes() if args.csv is not None else None
    points = recorded_points(record, csv, part="train")
    return points.F, points.y


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``doctor`` to the ``glassnet`` command."""
    doctor = commands.add_parser(
        "doctor", help="why a network does not learn: findings in the track's equations",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Diagnose a saved model on the data it remembers (glassnet doctor model.npz), or a recipe "
                    "before training (glassnet doctor --data NAME with train's options and defaults). The "
                    "doctor measures a copy of the network and a few short training runs, then names what "
                    "stops it learning: each finding with its code, the equation involved and the lesson "
                    "that explains it. Exit status 0: no problem or warning; 1: at least one.",
        epilog=f"{data.describe_data_sets()}\n\n{describe_inits()}")
    doctor.add_argument("model", nargs="?", help="a model file (glassnet train --out, or a playground download)")
    doctor.add_argument("--html", metavar="FILE", help="also write the findings and their figures to this page")
    doctor.add_argument("--out", metavar="FILE", help="train's option: the doctor saves no model, and refuses it "
                        "(use --html FILE for its page)")
    add_data_options(doctor, training=True)
    add_network_options(doctor)
    add_recipe_options(doctor)
    # train's defaults, applied after parsing, so that a recipe the model recorded can stand in for them
    defaults = {name: doctor.get_default(name) for name in (*RECIPE_OPTIONS, "seed")}
    doctor.set_defaults(optimizer=None, batch_size=None, seed=None,
                        run=lambda args: cmd_doctor(args, doctor, defaults))
