"""``glassnet train | evaluate | predict | gradcheck``: networks on real data, from the shell."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from glassnet import datasets
from glassnet.activations import ACTIVATIONS
from glassnet.cli.common import UserError
from glassnet.losses import LOSSES
from glassnet.network import NeuralNetwork
from glassnet.optimizers import OPTIMIZERS, get_optimizer

DATA_CHOICES = [*datasets.LOADERS, "mnist", "csv"]


# ---------------------------------------------------------------- data for train / evaluate
def _read_csv(path: str, *, labelled: bool) -> tuple[np.ndarray, np.ndarray | None]:
    """Numbers from a CSV file; with ``labelled``, the last column is the class label.

    A first line that is not all numbers is taken as a header and skipped.
    """
    file = Path(path)
    if not file.is_file():
        raise UserError(f"No CSV file at {file}.")
    with file.open() as f:
        first = f.readline().strip().split(",")
    skip = 1 if not any(_is_number(v) for v in first) else 0  # a header names every column
    try:
        table = np.loadtxt(file, delimiter=",", skiprows=skip, ndmin=2)
    except ValueError as err:
        raise UserError(f"{file} is not a CSV file of numbers: {err}") from None
    if table.size == 0:
        raise UserError(f"{file} holds no rows of data.")
    if not labelled:
        return table, None
    if table.shape[1] < 2:
        raise UserError(f"{file} needs at least two columns (features, then the label), got {table.shape[1]}.")
    labels = table[:, -1]
    if not np.all(labels == np.round(labels)) or labels.min() < 0:
        raise UserError(f"The last column of {file} must hold class labels 0, 1, 2, ...")
    return table[:, :-1], labels.astype(np.int64)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _load_data(args: argparse.Namespace) -> datasets.Split:
    """The training and test sets the options name."""
    if args.data == "mnist":
        if not args.mnist_dir:
            raise UserError("--data mnist needs --mnist-dir DIR, the folder with the four MNIST IDX files.")
        return datasets.mnist(args.mnist_dir)
    if args.data == "csv":
        if not args.csv:
            raise UserError("--data csv needs --csv FILE (features in columns, the label last).")
        X, y = _read_csv(args.csv, labelled=True)
        return datasets.train_test_split(X, y, test_size=args.test_size, seed=args.seed)
    return datasets.load(args.data, seed=args.seed)


def _add_data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", choices=DATA_CHOICES, default="digits",
                        help="the data set (default: digits)")
    parser.add_argument("--mnist-dir", help="with --data mnist: the folder holding the MNIST IDX files")
    parser.add_argument("--csv", help="with --data csv: a CSV file, features in columns, the class label last")
    parser.add_argument("--test-size", type=float, default=0.2,
                        help="with --data csv: the fraction held out for testing (default 0.2)")
    parser.add_argument("--seed", type=int, help="seed for data, weights and shuffling "
                        "(default: 0 for train; for evaluate, the seed the model was trained with)")


def cmd_train(args: argparse.Namespace) -> int:
    args.seed = 0 if args.seed is None else args.seed
    X_train, y_train, X_test, y_test = _load_data(args)
    n_classes = int(max(y_train.max(), y_test.max())) + 1
    sizes = [X_train.shape[1], *args.layers, n_classes]
    loss = args.loss
    output = args.output_activation or ("softmax" if loss == "categorical-cross-entropy" else "sigmoid")
    net = NeuralNetwork(sizes, activation=args.activation, output_activation=output, loss=loss,
                        init=args.init, seed=args.seed, dtype=np.dtype(args.dtype))
    optimizer = get_optimizer(args.optimizer, args.learning_rate)
    print(f"{args.data}: {len(X_train)} training and {len(X_test)} test samples, {n_classes} classes")
    print(net)
    net.fit(X_train, y_train, epochs=args.epochs, batch_size=args.batch_size, optimizer=optimizer,
            validation_data=(X_test, y_test), early_stopping=args.patience, seed=args.seed,
            verbose=1 if args.verbose else 2)
    _print_score(net, X_test, y_test)
    if args.out:
        path = net.save(args.out)
        print(f"model saved to {path}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    net = NeuralNetwork.load(args.model)
    if args.seed is None:  # the data the model was trained with, split the same way
        args.seed = net.seed if net.seed is not None else 0
    _, _, X_test, y_test = _load_data(args)
    print(net)
    print(f"{args.data} test set: {len(X_test)} samples")
    print(f"loss {net.cost(X_test, y_test):.4f}")
    _print_score(net, X_test, y_test)
    return 0


def _print_score(net: NeuralNetwork, X_test: np.ndarray, y_test: np.ndarray) -> None:
    score = net.score(X_test, y_test)
    if net.is_classifier:
        print(f"test accuracy {score:.2%} ({round(score * len(X_test))}/{len(X_test)})")
    else:
        print(f"test R² {score:.4f} (the output is not a probability, so this is a regression score)")


def cmd_predict(args: argparse.Namespace) -> int:
    net = NeuralNetwork.load(args.model)
    X, _ = _read_csv(args.inputs, labelled=False)
    if args.proba:
        rows = net.predict_proba(X)
        lines = [",".join(f"{p:.6g}" for p in row) for row in rows]
    else:
        predictions = net.predict(X)
        lines = [str(p) if np.ndim(p) == 0 else ",".join(f"{v:.6g}" for v in p) for p in predictions]
    print("\n".join(lines))
    return 0


def cmd_gradcheck(args: argparse.Namespace) -> int:
    from glassnet.gradcheck import gradcheck

    net = NeuralNetwork(args.layers, activation=args.activation, output_activation=args.output_activation,
                        loss=args.loss, seed=args.seed)
    rng = np.random.default_rng(args.seed)
    X = rng.normal(size=(args.samples, net.sizes[0]))
    Y = np.eye(net.sizes[-1])[rng.integers(0, net.sizes[-1], size=args.samples)]
    report = gradcheck(net, X, Y)
    print(net)
    print(report)
    passed = report.passed(args.tolerance)
    print(f"{'PASS' if passed else 'FAIL'}: worst relative error {report.max_error:.1e} "
          f"{'<' if passed else '>='} {args.tolerance:g}")
    return 0 if passed else 1


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``train``, ``evaluate``, ``predict`` and ``gradcheck`` to the ``glassnet`` command."""
    train = commands.add_parser("train", help="train a network on a data set and save it")
    _add_data_options(train)
    train.add_argument("--layers", type=int, nargs="*", default=[30], metavar="N",
                       help="hidden layer sizes (default: 30)")
    train.add_argument("--activation", choices=sorted(ACTIVATIONS), default="sigmoid",
                       help="hidden activation (default sigmoid)")
    train.add_argument("--output-activation", choices=sorted(ACTIVATIONS),
                       help="output activation (default: softmax for categorical-cross-entropy, else sigmoid)")
    train.add_argument("--loss", choices=sorted(LOSSES), default="cross-entropy",
                       help="loss function (default cross-entropy)")
    train.add_argument("--init", choices=["normal", "scaled", "glorot", "he", "uniform"],
                       help="weight initialisation (default: Glorot for sigmoid/tanh, He for ReLU)")
    train.add_argument("--optimizer", choices=sorted(OPTIMIZERS), default="sgd", help="(default sgd)")
    train.add_argument("--epochs", type=int, default=30, help="(default 30)")
    train.add_argument("--batch-size", type=int, default=10, help="(default 10)")
    train.add_argument("--learning-rate", type=float, help="η (default: 0.1 for sgd/momentum, 0.001 for adam)")
    train.add_argument("--patience", type=int, help="stop after this many epochs without improvement")
    train.add_argument("--dtype", choices=["float64", "float32"], default="float64", help="(default float64)")
    train.add_argument("--out", help="save the trained model to this .npz file")
    train.add_argument("--verbose", action="store_true", help="a progress bar instead of one line per epoch")
    train.set_defaults(run=cmd_train)

    evaluate = commands.add_parser("evaluate", help="a saved model's loss and accuracy on a test set")
    evaluate.add_argument("model", help="a model file written by glassnet train --out")
    _add_data_options(evaluate)
    evaluate.set_defaults(run=cmd_evaluate)

    predict = commands.add_parser("predict", help="predict the class of every row of a CSV file")
    predict.add_argument("model", help="a model file written by glassnet train --out")
    predict.add_argument("inputs", help="a CSV file with one example per row (no label column)")
    predict.add_argument("--proba", action="store_true", help="print class probabilities instead")
    predict.set_defaults(run=cmd_predict)

    check = commands.add_parser("gradcheck", help="compare backprop with central differences")
    check.add_argument("--layers", type=int, nargs="+", default=[4, 5, 3], metavar="N",
                       help="all layer sizes, input first (default 4 5 3)")
    check.add_argument("--activation", choices=sorted(ACTIVATIONS), default="sigmoid")
    check.add_argument("--output-activation", choices=sorted(ACTIVATIONS))
    check.add_argument("--loss", choices=sorted(LOSSES), default="mse")
    check.add_argument("--samples", type=int, default=5)
    check.add_argument("--tolerance", type=float, default=1e-7)
    check.add_argument("--seed", type=int, default=0)
    check.set_defaults(run=cmd_gradcheck)
