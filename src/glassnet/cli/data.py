"""The data of ``glassnet train`` and ``evaluate``: one protocol, and the record a model keeps of it.

1) The test set is held out first: the data set's own test part (mnist, mnist1d) or
   ``--test-size`` of the rows, stratified by class, with ``--seed``.
2) The validation set is carved out of what is left (``--validation-size``, with the same seed);
   it gives the per-epoch validation line and drives early stopping.
3) Training sees only the rest; the test set is scored once, at the end.

The model keeps where its rows came from in ``net.trained_on_`` (the record below), so that
``glassnet evaluate model.npz`` finds exactly its test rows again, and refuses a changed file
or a split that would score rows the model trained on.
"""

from __future__ import annotations

import argparse
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from glassnet import datasets
from glassnet.cli.common import UserError

TOY_SETS = datasets.TOY_SETS
"""Too small to hold anything out: trained and scored on every one of their points."""
OWN_SPLIT = ("mnist", "mnist1d")
"""Sets that come with their own test part."""
DATA_CHOICES = [*datasets.LOADERS, "mnist", "csv"]
TEST_SIZE = 0.2
VALIDATION_SIZE = 0.1


def describe_data_sets() -> str:
    """The ``--data`` choices, one line each, for ``--help`` (from each loader's docstring)."""
    lines = ["data sets (--data):"]
    for name, load in datasets.LOADERS.items():
        lines.append(f"  {name:13} {load.__doc__.strip().splitlines()[0]}")
    lines.append(f"  {'mnist':13} MNIST from its four IDX files (raw or .gz) in --mnist-dir, never downloaded.")
    lines.append(f"  {'csv':13} Your own CSV file (--csv FILE): features in columns, the class label last.")
    lines.append(f"The toy sets ({', '.join(TOY_SETS)}) are too small to hold out a test or validation "
                 "part: they are trained and scored on all their points.")
    return "\n".join(lines)


@dataclass
class Data:
    """The three parts of the data, and the record the model will keep of them."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray | None
    y_val: np.ndarray | None
    X_test: np.ndarray
    y_test: np.ndarray
    record: dict[str, Any]
    held_out: bool = True  # whether the test rows are rows the model never trained on

    @property
    def classes(self) -> list[Any]:
        return self.record["classes"]


def fill_data_options(args: argparse.Namespace) -> None:
    """``--csv FILE`` implies ``--data csv`` and ``--mnist-dir DIR`` implies ``--data mnist``;
    any other combination of the three is refused."""
    implied = "csv" if args.csv is not None else "mnist" if args.mnist_dir is not None else None
    if args.csv is not None and args.mnist_dir is not None:
        raise UserError("Give --csv FILE or --mnist-dir DIR, not both.")
    if args.data is None:
        args.data = implied
    elif implied is not None and args.data != implied:
        option = "--csv FILE" if implied == "csv" else "--mnist-dir DIR"
        raise UserError(f"{option} goes with --data {implied}, not --data {args.data}; leave --data out or "
                        f"give --data {implied}.")
    if args.data == "csv" and not args.csv:
        raise UserError("--data csv needs --csv FILE (features in columns, the label last).")
    if args.data == "mnist" and not args.mnist_dir:
        raise UserError("--data mnist needs --mnist-dir DIR, the folder with the four MNIST IDX files.")


def files_read(args: argparse.Namespace) -> dict[str, str | None]:
    """The files the data options name, by what they are (for ``check_output_file``): the CSV,
    and every file in the MNIST folder."""
    files: dict[str, str | None] = {"the data --csv reads": args.csv}
    if args.mnist_dir is not None and Path(args.mnist_dir).is_dir():
        files |= {f"a file of --mnist-dir ({file.name})": str(file)
                  for file in sorted(Path(args.mnist_dir).iterdir()) if file.is_file()}
    return files


def for_training(args: argparse.Namespace) -> Data:
    """The training, validation and test parts the options of ``train`` name (checked first)."""
    name = args.data
    if args.test_size is not None and name in TOY_SETS + OWN_SPLIT:
        why = "is too small to hold out a test set" if name in TOY_SETS else "comes with its own test part"
        raise UserError(f"--test-size does not apply to --data {name}: it {why}.")
    if args.validation_size and name in TOY_SETS:
        raise UserError(f"--validation-size does not apply to --data {name}: it is too small to hold out "
                        "a validation part.")
    test_size = None if name in TOY_SETS + OWN_SPLIT else args.test_size or TEST_SIZE
    validation_size = (0.0 if name in TOY_SETS else
                       VALIDATION_SIZE if args.validation_size is None else args.validation_size)
    X_train, y_train, X_test, y_test, classes, sha256 = _source(name, args.csv, args.mnist_dir, args.seed, test_size)
    record: dict[str, Any] = {"data": name}
    if name == "csv":
        record["file"] = args.csv
    if name == "mnist":
        record["folder"] = args.mnist_dir
    record |= {"sha256": sha256, "n_features": int(X_train.shape[1]), "classes": classes,
               "split": {"seed": args.seed, "test_size": test_size, "validation_size": validation_size}}
    X_val = y_val = None
    if validation_size:
        if len(X_train) * (1 - validation_size) < 2:  # (the validation part is rounded up)
            raise UserError(f"--validation-size {validation_size:g} of the {len(X_train)} training samples "
                            f"leaves too few to train on; give a smaller fraction, or 0 for no validation.")
        X_train, y_train, X_val, y_val = datasets.train_test_split(
            X_train, y_train, validation_size, seed=np.random.default_rng([args.seed, 1]), stratify=True)
    return Data(X_train, y_train, X_val, y_val, X_test, y_test, record, name not in TOY_SETS)


def held_out_rows(args: argparse.Namespace, record: dict[str, Any], model: str) -> Data:
    """The test rows of the data a model was trained on, found again from its record.

    Options may repeat what the record says (or name where a moved file now is), never change it:
    another seed or test size would put rows the model trained on into the test set.
    """
    if not readable(record):
        raise UserError(f"{model} describes its training data in a form glassnet evaluate does not know "
                        f"({describe_record(record)}); give --data (and --csv FILE or --mnist-dir DIR) to score it.")
    name, split = record["data"], record["split"]
    if args.data is not None and args.data != name:
        raise UserError(f"{model} was trained on --data {name}; evaluate scores its held-out rows of that "
                        f"data, so --data {args.data} does not apply (leave --data out).")
    if args.test_size is not None and split["test_size"] is None:
        raise UserError(f"{model} was trained on --data {name}, whose test part is fixed; --test-size does "
                        "not apply.")
    for option, given, recorded in (("--seed", args.seed, split["seed"]),
                                    ("--test-size", args.test_size, split["test_size"])):
        if given is not None and given != recorded:
            raise UserError(f"{model} was trained with {option} {recorded}; {option} {given} would split the "
                            f"data differently and score rows the model trained on. Leave {option} out.")
    csv = args.csv or record.get("file")
    mnist_dir = args.mnist_dir or record.get("folder")
    for option, where, there in (("--csv FILE", csv, name == "csv" and not Path(csv).is_file()),
                                 ("--mnist-dir DIR", mnist_dir, name == "mnist" and not Path(mnist_dir).is_dir())):
        if there:
            raise UserError(f"{model} was trained on {where}, which is not there any more; give {option} "
                            "where it is now.")
    X_train, y_train, X_test, y_test, classes, sha256 = _source(name, csv, mnist_dir, split["seed"],
                                                                split["test_size"])
    if sha256 != record["sha256"]:
        what = f"{csv} has" if name == "csv" else f"the {name} data (as loaded here) have"
        raise UserError(f"{what} changed since {model} was trained (sha256 {sha256[:12]}…, the model "
                        f"records {record['sha256'][:12]}…), so its held-out test rows cannot be found again.")
    return Data(X_train, y_train, None, None, X_test, y_test, {**record, "classes": classes}, name not in TOY_SETS)


def describe_record(record: Any) -> str:
    """What a record holds, whole, for a message: ``a record with source, rows`` (its keys)."""
    if isinstance(record, dict):
        return f"a record with {', '.join(map(str, record)) or 'nothing in it'}"
    return f"a record of type {type(record).__name__}"


def playground_rows(args: argparse.Namespace, record: dict[str, Any], model: str) -> Data:
    """The test points of a model downloaded from the playground, found again from its record
    (``glassnet.playground.record``): its data regenerated (or ``--csv FILE``, the uploaded file
    again), split as the page split it, its features computed."""
    from glassnet.playground.record import held_out_points

    for option, given in (("--data", args.data not in (None, "csv") and args.data), ("--seed", args.seed),
                          ("--test-size", args.test_size), ("--mnist-dir", args.mnist_dir)):
        if given not in (None, False):
            raise UserError(f"{model} was trained in the playground on {record.get('data')!r}; evaluate scores it on "
                            f"its own test points, found again from its record, so {option} does not apply.")
    try:
        csv = Path(args.csv).read_bytes() if args.csv is not None else None
        points = held_out_points(record, csv)
    except (ValueError, TypeError) as err:
        raise UserError(f"{model}: {err}") from None
    recorded = {"data": f"{points.data} (playground)", "classes": points.classes}
    return Data(points.F, points.y, None, None, points.F, points.y, recorded, points.held_out)


def readable(record: Any) -> bool:
    """Whether ``record`` is one ``for_training`` wrote (another tool may describe its data otherwise)."""
    try:
        return (record["data"] in DATA_CHOICES and {"seed", "test_size"} <= record["split"].keys()
                and isinstance(record["sha256"], str) and isinstance(record["classes"], list)
                and (record["data"] != "csv" or isinstance(record["file"], str))
                and (record["data"] != "mnist" or isinstance(record["folder"], str)))
    except (KeyError, TypeError, AttributeError):
        return False


def unrecorded_rows(args: argparse.Namespace, seed: int) -> Data:
    """The test rows the options name, for a model that keeps no record of its data (saved by an
    older glassnet, or trained in Python): nothing can prove that the model never saw them."""
    if args.data is None:
        raise UserError("This model keeps no record of the data it was trained on; give --data (and --csv "
                        "FILE or --mnist-dir DIR) to score it.")
    name = args.data
    test_size = None if name in TOY_SETS + OWN_SPLIT else args.test_size or TEST_SIZE
    X_train, y_train, X_test, y_test, classes, _ = _source(name, args.csv, args.mnist_dir, seed, test_size)
    return Data(X_train, y_train, None, None, X_test, y_test, {"data": name, "classes": classes}, name not in TOY_SETS)


def _source(name: str, csv: str | None, mnist_dir: str | None, seed: int, test_size: float | None
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[Any], str]:
    """Training and test parts, the class labels as given, and the sha256 of the content read:
    the CSV file's bytes, or for the other sets the four arrays as loaded."""
    if name == "csv":
        file = Path(csv)
        X, y, classes = datasets.read_csv(file, labelled=True)
        X_train, y_train, X_test, y_test = datasets.train_test_split(X, y, test_size, seed=seed, stratify=True)
        return X_train, y_train, X_test, y_test, classes, hashlib.sha256(file.read_bytes()).hexdigest()
    if name == "mnist":
        parts = datasets.mnist(mnist_dir)
    elif name in TOY_SETS:
        X, y = datasets.LOADERS[name]()
        parts = (X, y, X, y)
    elif name in OWN_SPLIT:
        parts = datasets.load(name, seed=seed)
    else:
        parts = datasets.load(name, seed=seed, test_size=test_size)
    digest = hashlib.sha256()
    for array in parts:
        digest.update(np.ascontiguousarray(array))
    n_classes = int(max(parts[1].max(), parts[3].max())) + 1
    return (*parts, list(range(n_classes)), digest.hexdigest())
