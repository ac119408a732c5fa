"""``glassnet train | evaluate | predict | gradcheck``: networks on real data, from the shell.

``train`` follows one protocol (see ``cli/data.py``): validation carved out of the training
data, the test set scored once at the end; the model file records the data and the split so
that ``evaluate`` scores exactly the held-out rows.
"""

from __future__ import annotations

import argparse
import csv
import sys

import numpy as np

from glassnet import datasets
from glassnet._validation import check_fits
from glassnet.activations import ACTIVATIONS, ReLU
from glassnet.cli import data
from glassnet.cli.common import UserError, check_output_file, count, describe_os_error, number
from glassnet.layers import INITS, count_params
from glassnet.losses import LOSSES
from glassnet.network import NeuralNetwork
from glassnet.optimizers import OPTIMIZERS, get_optimizer
from glassnet.playground.record import is_playground, playground_inputs
from glassnet.tasks import output_layer
from glassnet.training import DIVERGENCE_SAMPLE, History

# Memory, measured by benchmarks/memory.py (the estimate lies 0-25% above its peaks): each weight is itself, its
# gradient, the copy taken at each epoch's start and a temporary of the step (momentum adds a velocity,
# Adam two moment estimates and their corrected copies); a mini-batch of b rows keeps four arrays of b
# values per neuron through backprop (Z, A, δ, φ'(Z)), and scoring R rows at once three (Z, A and a temporary).
COPIES_WHILE_TRAINING = {"sgd": 4, "momentum": 5, "adam": 7}
MEMORY_SHARE = 0.8  # the most of the machine's memory a run may plan to use (the system and others need the rest)


def memory_needed(sizes: list[int], optimizer: str, itemsize: int, batch_rows: int, scored_rows: int) -> int:
    """Bytes a training run needs at its peak: the weights' copies, and the larger of a mini-batch of
    ``batch_rows`` rows through backprop and ``scored_rows`` rows scored at once (the test set, say)."""
    copies = COPIES_WHILE_TRAINING.get(optimizer, max(COPIES_WHILE_TRAINING.values()))
    return itemsize * (copies * count_params(sizes) + sum(sizes[1:]) * max(4 * batch_rows, 3 * scored_rows))


def plan(args: argparse.Namespace, parts: data.Data) -> tuple[list[int], int, int]:
    """The network ``train`` builds for these options and data: its sizes, the most rows that go
    through it at once (a mini-batch, the test set, the divergence check's sample, a validation
    chunk), and the bytes it needs (``memory_needed``)."""
    n_out = output_layer("classification", len(parts.classes), loss=args.loss,
                         activation=args.output_activation).n_outputs
    sizes = [parts.X_train.shape[1], *args.layers, n_out]
    batch = min(args.batch_size, len(parts.X_train))
    scored = max(len(parts.X_test), min(DIVERGENCE_SAMPLE, len(parts.X_train)),
                 min(4096, 0 if parts.X_val is None else len(parts.X_val)))
    return sizes, max(batch, scored), memory_needed(sizes, args.optimizer, np.dtype(args.dtype).itemsize, batch,
                                                    scored)


# ---------------------------------------------------------------- train
def build_network(args: argparse.Namespace, parts: data.Data) -> NeuralNetwork:
    """The network the options of ``add_network_options`` describe, its input and output sizes from
    the data, once it is sure to fit in memory while trained by ``--optimizer`` (``plan``)."""
    sizes, rows, needed = plan(args, parts)
    dtype = np.dtype(args.dtype)
    check_fits(needed, f"A network of sizes {sizes} ({count_params(sizes):,} weights and biases in {dtype.name}, "
                       f"trained by {args.optimizer}, with {rows:,} rows at once)", share=MEMORY_SHARE)
    _, output, loss = output_layer("classification", len(parts.classes), loss=args.loss,
                                   activation=args.output_activation)
    return NeuralNetwork(sizes, activation=args.activation, output_activation=output, loss=loss,
                         init=args.init, seed=args.seed, dtype=dtype)


def cmd_train(args: argparse.Namespace) -> int:
    # 1) everything that can be checked before any work
    out = check_output_file(args.out, reads=data.files_read(args)) if args.out is not None else None
    data.fill_data_options(args)
    args.data = args.data or "digits"
    optimizer = get_optimizer(args.optimizer, args.learning_rate)
    # 2) the data, split train / validation / test
    parts = data.for_training(args)
    # 3) the network
    net = build_network(args, parts)
    if parts.held_out:
        n_val = 0 if parts.X_val is None else len(parts.X_val)
        print(f"{args.data}: {len(parts.X_train)} training, {n_val} validation and {len(parts.X_test)} test "
              f"samples, {len(parts.classes)} classes")
    else:
        print(f"{args.data}: {len(parts.X_train)} samples, too few to hold any out: trained and scored on all "
              f"of them, {len(parts.classes)} classes")
    print(net)
    # 4) training, watched on the validation part
    validation = None if parts.X_val is None else (parts.X_val, parts.y_val)
    history = net.fit(parts.X_train, parts.y_train, epochs=args.epochs, batch_size=args.batch_size,
                      optimizer=optimizer, validation_data=validation, early_stopping=args.patience,
                      seed=args.seed, verbose=1 if args.verbose else 2)
    if args.patience is not None:
        _print_early_stopping(history, args.patience, watched="validation" if validation else "training")
    # 5) the test set, once
    _print_score(net, parts.X_test, parts.y_test, held_out=parts.held_out, name=args.data)
    net.trained_on_ = parts.record
    if out is not None:
        try:
            path = net.save(out)
        except OSError as err:
            raise UserError(f"Could not save the model to {out}: {describe_os_error(err)}; nothing was "
                            "written.") from None
        print(f"model saved to {path}")
    return 0


def _print_early_stopping(history: History, patience: int, watched: str) -> None:
    best = history.best_epoch + 1
    loss = (history.val_loss if watched == "validation" else history.loss)[history.best_epoch]
    if history.stopped_early:
        print(f"early stopping: the {watched} loss did not improve for {patience} epochs, so training "
              f"stopped after epoch {history.epochs} and restored the weights of epoch {best} "
              f"({watched} loss {loss:.4g})")
    else:
        print(f"early stopping did not stop training; the weights of epoch {best}, the best {watched} loss "
              f"({loss:.4g}), were kept")


def _print_score(net: NeuralNetwork, X: np.ndarray, y: np.ndarray, *, held_out: bool, name: str) -> None:
    score = net.score(X, y)
    label = "test" if held_out else "training"
    note = "" if held_out else f" ({name} is too small to hold out a test set: these are the training points)"
    if net.is_classifier:
        print(f"{label} accuracy {score:.2%} ({round(score * len(X))}/{len(X)}){note}")
    else:
        print(f"{label} R² {score:.4f} (the output is not a probability, so this is a regression score){note}")


# ---------------------------------------------------------------- evaluate
def cmd_evaluate(args: argparse.Namespace) -> int:
    net = NeuralNetwork.load(args.model)
    if args.csv is not None or args.mnist_dir is not None:
        data.fill_data_options(args)
    record = getattr(net, "trained_on_", None)
    if is_playground(record):
        parts = data.playground_rows(args, record, args.model)
        description = (f"{len(parts.X_test)} points, the playground's own test points (it trained on "
                       f"{record['train_fraction']:.0%}, split with seed {record['seed']})" if parts.held_out else
                       f"{len(parts.X_test)} points, the ones it trained on (too few to hold any out)")
    elif record and (args.data is None or data.readable(record)):
        parts = data.held_out_rows(args, record, args.model)
        split = record["split"]
        where = ("its own test part" if split["test_size"] is None else
                 f"held out with seed {split['seed']}, test size {split['test_size']:g}")
        description = (f"{len(parts.X_test)} samples ({where})" if parts.held_out else
                       f"{len(parts.X_test)} samples, the ones it trained on")
    else:
        seed = args.seed if args.seed is not None else net.seed if net.seed is not None else 0
        parts = data.unrecorded_rows(args, seed)
        kept = ("keeps no record of its training data" if not record else
                "keeps a record of its training data that glassnet evaluate cannot read")
        description = f"{len(parts.X_test)} samples; the model {kept}, so nothing shows that it never saw them"
    print(net)
    print(f"{parts.record['data']} test set: {description}")
    print(f"loss {net.cost(parts.X_test, parts.y_test):.4f}")
    _print_score(net, parts.X_test, parts.y_test, held_out=parts.held_out, name=parts.record["data"])
    return 0


# ---------------------------------------------------------------- predict
def cmd_predict(args: argparse.Namespace) -> int:
    net = NeuralNetwork.load(args.model)
    X, _, _ = datasets.read_csv(args.inputs, labelled=False)
    record = getattr(net, "trained_on_", None)
    if is_playground(record):  # the points' features, as the playground fed them in
        X = playground_inputs(record, X, args.inputs)
    classes = (record or {}).get("classes")
    n_classes = max(2, net.sizes[-1])  # (one sigmoid output says yes or no: two classes)
    if not isinstance(classes, list) or len(classes) != n_classes:  # no record, or another tool's
        classes = list(range(n_classes))
    writer = csv.writer(sys.stdout, lineterminator="\n")
    if args.proba:
        rows = net.predict_proba(X)
        writer.writerow(classes)
        writer.writerows([f"{p:.6g}" for p in row] for row in rows)
    elif net.is_classifier:
        writer.writerows([classes[label]] for label in net.predict(X))
    else:
        writer.writerows([f"{v:.6g}" for v in np.atleast_1d(row)] for row in net.predict(X))
    return 0


# ---------------------------------------------------------------- gradcheck
def cmd_gradcheck(args: argparse.Namespace) -> int:
    from glassnet.gradcheck import gradcheck

    sizes = [args.inputs, *args.layers, args.outputs]
    check_fits(memory_needed(sizes, "sgd", 8, args.samples, 64 * args.samples), f"A network of sizes {sizes}",
               share=MEMORY_SHARE)
    output = output_layer("classification", args.outputs, loss=args.loss, activation=args.output_activation).activation
    net = NeuralNetwork(sizes, activation=args.activation, output_activation=output, loss=args.loss,
                        seed=args.seed)
    rng = np.random.default_rng(args.seed)
    eps = 1e-3  # gradcheck's step; the Richardson step nudges by up to 2 eps
    X, skipped = _inputs_away_from_kinks(net, rng, args.samples, nudge=2 * eps)
    Y = np.eye(net.sizes[-1])[rng.integers(0, net.sizes[-1], size=args.samples)]
    report = gradcheck(net, X, Y, eps=eps)
    print(net)
    if any(layer.activation is ReLU for layer in net.layers):
        print(f"ReLU has a kink at z = 0, where a central difference across it is wrong although backprop is "
              f"right. So the {args.samples} inputs were drawn with every ReLU input z farther from 0 than a "
              f"nudge of ±{2 * eps:g} to any one weight can move it ({skipped} inputs drawn nearer were "
              f"skipped).")
    print(report)
    passed = report.passed(args.tolerance)
    print(f"{'PASS' if passed else 'FAIL'}: worst relative error {report.max_error:.1e} "
          f"{'<' if passed else '>='} {args.tolerance:g}")
    return 0 if passed else 1


def _inputs_away_from_kinks(net: NeuralNetwork, rng: np.random.Generator, n_samples: int, nudge: float
                            ) -> tuple[np.ndarray, int]:
    """``n_samples`` inputs from N(0, 1), skipping any that put a ReLU input z within reach of its kink.

    A nudge h of one parameter of layer l moves its z by at most h·max(1, |a_prev|) (a weight
    times its input, or a bias); every later layer passes a move δ on as at most
    max_k Σ_j |W_jk| · δ (each activation changes by at most as much as its input, slope <= 1).
    Returns the inputs and how many candidates were skipped.
    """
    candidates = rng.normal(size=(64 * n_samples, net.sizes[0]))
    if not any(layer.activation is ReLU for layer in net.layers):
        return candidates[:n_samples], 0
    keep = np.ones(len(candidates), dtype=bool)
    A, reach = candidates, 0.0
    for layer in net.layers:
        reach = max(nudge * max(1.0, float(np.abs(A).max())), float(np.abs(layer.W).sum(axis=0).max()) * reach)
        Z = A @ layer.W + layer.b  # (n, n_out)
        if layer.activation is ReLU:
            keep &= (np.abs(Z) > reach).all(axis=1)
        A = layer.activation.fn(Z)
    if keep.sum() < n_samples:
        raise UserError(f"Could not draw {n_samples} inputs away from the ReLU kinks ({keep.sum()} of "
                        f"{len(candidates)} candidates were); use fewer --samples or smaller --layers.")
    last = np.flatnonzero(keep)[n_samples - 1]
    return candidates[:last + 1][keep[:last + 1]], int(last + 1 - n_samples)


# ---------------------------------------------------------------- the options
def add_data_options(parser: argparse.ArgumentParser, *, training: bool) -> None:
    default = "digits" if training else "the data the model was trained on"
    parser.add_argument("--data", choices=data.DATA_CHOICES, metavar="NAME",
                        help=f"the data set, one of those listed below (default: {default})")
    parser.add_argument("--mnist-dir", metavar="DIR",
                        help="the folder holding the four MNIST IDX files (implies --data mnist)")
    parser.add_argument("--csv", metavar="FILE",
                        help="a CSV file, features in columns, the class label last (implies --data csv)")
    fraction = number(low=0, high=1)
    if training:
        parser.add_argument("--test-size", type=fraction, metavar="F",
                            help=f"the fraction held out as the test set, scored once at the end "
                                 f"(default {data.TEST_SIZE}; mnist and mnist1d have their own test part)")
        parser.add_argument("--validation-size", type=number(low=0, high=1, low_inclusive=True), metavar="F",
                            help=f"the fraction of the training part set aside to watch each epoch and for "
                                 f"--patience (default {data.VALIDATION_SIZE}; 0 for none)")
        parser.add_argument("--seed", type=count(0), default=0,
                            help="seed for the data, the split, the weights and the shuffling (default 0)")
    else:
        parser.add_argument("--test-size", type=fraction, metavar="F",
                            help="as given to train (default: as recorded in the model; another value is "
                                 "refused, as it would score rows the model trained on)")
        parser.add_argument("--seed", type=count(0),
                            help="as given to train (default: as recorded in the model; another value is refused)")


def describe_inits() -> str:
    lines = ["weight initialisations (--init):"]
    lines += [f"  {name:13} {make.__doc__.strip().splitlines()[0]}" for name, make in INITS.items()]
    lines.append("  By default the one glassnet picks for the activation (glassnet.layers.default_init):")
    lines.append("  uniform for relu, zeros for a softmax output, glorot otherwise.")
    return "\n".join(lines)


def add_network_options(parser: argparse.ArgumentParser) -> None:
    """The options that describe the network (``train``'s, shared with ``doctor``)."""
    parser.add_argument("--layers", type=count(), nargs="*", default=[30], metavar="N",
                        help="hidden layer sizes; the input and output sizes come from the data (default: 30)")
    parser.add_argument("--activation", choices=sorted(ACTIVATIONS), default="sigmoid",
                        help="hidden activation (default sigmoid)")
    parser.add_argument("--output-activation", choices=sorted(ACTIVATIONS),
                        help="output activation (default: softmax for categorical-cross-entropy, else sigmoid)")
    parser.add_argument("--loss", choices=sorted(LOSSES), default="cross-entropy",
                        help="loss function (default cross-entropy)")
    parser.add_argument("--init", choices=sorted(INITS),
                        help="how the weights start, see below (default: chosen for the activation)")
    parser.add_argument("--dtype", choices=["float64", "float32"], default="float64", help="(default float64)")


def add_recipe_options(parser: argparse.ArgumentParser) -> None:
    """The options of the training steps (``train``'s, shared with ``doctor``)."""
    parser.add_argument("--optimizer", choices=sorted(OPTIMIZERS), default="sgd", help="(default sgd)")
    parser.add_argument("--batch-size", type=count(), default=10, help="samples per gradient step (default 10)")
    parser.add_argument("--learning-rate", type=number(low=0), metavar="ETA",
                        help="η (default: 0.1 for sgd/momentum, 0.001 for adam)")
    parser.add_argument("--epochs", type=count(), default=30, help="passes over the training data (default 30)")
    parser.add_argument("--patience", type=count(), metavar="N",
                        help="stop after N epochs without a better validation loss, and keep the best epoch's "
                             "weights")
    parser.add_argument("--verbose", action="store_true", help="a progress bar instead of one line per epoch")


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``train``, ``evaluate``, ``predict`` and ``gradcheck`` to the ``glassnet`` command."""
    raw = argparse.RawDescriptionHelpFormatter
    train = commands.add_parser(
        "train", help="train a network on a data set and save it", formatter_class=raw,
        description="Train a network. The test set is held out first, a validation part is then carved out "
                    "of the training data to watch each epoch (and for --patience), and the test set is "
                    "scored once, at the end. The saved model records the data and the split, so "
                    "`glassnet evaluate MODEL` scores exactly the held-out rows.",
        epilog=f"{data.describe_data_sets()}\n\n{describe_inits()}")
    add_data_options(train, training=True)
    add_network_options(train)
    add_recipe_options(train)
    train.add_argument("--out", metavar="FILE", help="save the trained model to this .npz file "
                       "(checked before training starts)")
    train.set_defaults(run=cmd_train)

    evaluate = commands.add_parser(
        "evaluate", help="a saved model's loss and accuracy on its held-out test set", formatter_class=raw,
        description="Score a model saved by `glassnet train --out` on exactly the test rows it never trained "
                    "on, found again from the record in the model file (a changed data file is refused). "
                    "The options are only needed for a model without a record, or to say where a moved "
                    "file now is.",
        epilog=data.describe_data_sets())
    evaluate.add_argument("model", help="a model file written by glassnet train --out")
    add_data_options(evaluate, training=False)
    evaluate.set_defaults(run=cmd_evaluate)

    predict = commands.add_parser("predict", help="predict the class of every row of a CSV file")
    predict.add_argument("model", help="a model file written by glassnet train --out")
    predict.add_argument("inputs", help="a CSV file with one example per row (no label column)")
    predict.add_argument("--proba", action="store_true",
                         help="print each class's probability instead, under a header naming the classes")
    predict.set_defaults(run=cmd_predict)

    check = commands.add_parser(
        "gradcheck", help="compare backprop with central differences",
        description="Build a network, draw a batch of random inputs and one-hot targets, and compare the "
                    "gradients backprop gives with central differences, layer by layer. With ReLU, inputs "
                    "that put a ReLU input within a nudge of its kink at z = 0 are skipped (the report says "
                    "how many), as a central difference across the kink is wrong.")
    check.add_argument("--inputs", type=count(), default=4, metavar="N", help="input size (default 4)")
    check.add_argument("--layers", type=count(), nargs="*", default=[5], metavar="N",
                       help="hidden layer sizes, as in train (default: 5)")
    check.add_argument("--outputs", type=count(), default=3, metavar="N", help="output size (default 3)")
    check.add_argument("--activation", choices=sorted(ACTIVATIONS), default="sigmoid",
                       help="hidden activation (default sigmoid)")
    check.add_argument("--output-activation", choices=sorted(ACTIVATIONS),
                       help="output activation (default, as in train: softmax for categorical-cross-entropy, "
                            "else sigmoid)")
    check.add_argument("--loss", choices=sorted(LOSSES), default="mse", help="loss function (default mse)")
    check.add_argument("--samples", type=count(), default=5, metavar="N",
                       help="inputs in the batch checked (default 5)")
    check.add_argument("--tolerance", type=number(low=0), default=1e-7, metavar="TOL",
                       help="PASS when every layer's relative error is below this (default 1e-7)")
    check.add_argument("--seed", type=count(0), default=0, help="seed for the weights and the batch (default 0)")
    check.set_defaults(run=cmd_gradcheck)
