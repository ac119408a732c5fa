""""Show code": the Python that builds and trains the playground's network with glassnet itself.

The code uses the same data, split, features, network, optimizer and seeds as the page, so
running it gives the same weights as the page after the same number of epochs (``net.fit``
draws the same shuffles as the playground's epochs).
"""

from __future__ import annotations

from glassnet.playground.data import Dataset
from glassnet.playground.settings import SCHEDULE_CALLS, Settings, optimizer_arguments
from glassnet.tasks import output_layer

_OPTIMIZER_CLASSES = {"sgd": "SGD", "momentum": "Momentum", "adam": "Adam"}


def _call(name: str, kwargs: dict) -> str:
    """``name(k=v, ...)`` as Python source."""
    return f"{name}({', '.join(f'{k}={v!r}' for k, v in kwargs.items())})"


def python_code(settings: Settings, data: Dataset, epochs: int, *, edited: bool = False) -> str:
    """A runnable script (a string) that rebuilds ``settings``'s setup and trains it ``epochs`` epochs."""
    s = settings
    n_out, output_activation, loss = output_layer(s.problem, data.n_classes)
    sizes = [len(s.features), *s.layers, n_out]
    opt_class = _OPTIMIZER_CLASSES[s.optimizer]
    imports = [opt_class]
    if s.schedule in SCHEDULE_CALLS:
        imports.append(SCHEDULE_CALLS[s.schedule][0])
    loader = "read_upload" if s.dataset == "csv" else "make_data"
    lines = [
        '"""The glassnet playground\'s setup, rebuilt and trained with glassnet."""',
        "",
        "from glassnet import NeuralNetwork",
        "from glassnet.datasets import one_hot",
        f"from glassnet.optimizers import {', '.join(imports)}",
        f"from glassnet.playground.data import feature_matrix, {loader}, split",
        "",
    ]
    if s.dataset == "csv":
        lines.append(f"with open({data.name!r}, 'rb') as f:  # the CSV you uploaded, read as the page did")
        lines.append(f"    data = read_upload(f.read(), {data.name!r})")
    else:
        lines.append(f"data = make_data({s.dataset!r}, points={s.points}, classes={s.classes}, "
                     f"noise={s.noise}, seed={s.seed})")
    lines += [
        f"train, test = split(data, train_fraction={s.train_fraction}, seed={s.seed})",
        f"features = {list(s.features)}",
        "F_train, F_test = feature_matrix(data.X[train], features), feature_matrix(data.X[test], features)",
    ]
    if s.problem == "regression":
        lines.append("Y_train, Y_test = data.values[train], data.values[test]  # real targets")
    elif n_out == 1:
        lines.append("Y_train, Y_test = data.y[train], data.y[test]  # class 0 or 1")
    else:
        lines.append(f"Y_train, Y_test = one_hot(data.y[train], {n_out}), one_hot(data.y[test], {n_out})")
    lines += [
        "",
        f"net = NeuralNetwork({sizes}, activation={s.activation!r}, output_activation={output_activation!r},",
        f"                    loss={loss!r}, seed={s.seed})",
    ]
    if s.zero_init:
        lines += ["for layer in net.layers:  # every weight starts at 0: see why symmetry must be broken",
                  "    layer.W[...] = 0.0",
                  "    layer.b[...] = 0.0"]
    arguments = [f"{k}={v!r}" for k, v in optimizer_arguments(s).items()]
    if s.schedule in SCHEDULE_CALLS:
        arguments.append(f"schedule={_call(*SCHEDULE_CALLS[s.schedule])}")
    lines += [
        f"optimizer = {opt_class}({', '.join(arguments)})",
        f"history = net.fit(F_train, Y_train, epochs={epochs}, batch_size={s.batch_size}, optimizer=optimizer,",
        "                  validation_data=(F_test, Y_test))",
        "# The page's two losses: C over all training (test) points after the last epoch. (history.loss[-1]",
        "# is another number: the mean of the losses of the last epoch's mini-batches, while it trained.)",
        "print(f\"training loss {net.cost(F_train, Y_train):.4f}, test loss {net.cost(F_test, Y_test):.4f}\")",
        "net.save('playground-model.npz')",
    ]
    if edited:
        lines.insert(1, "# (You changed weights by hand on the page; this script trains without those edits.)")
    return "\n".join(lines) + "\n"
