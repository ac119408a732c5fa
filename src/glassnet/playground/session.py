"""One playground session: its data, its glassnet network, the epochs it trains, what it shows.

Everything the page draws is computed here, by glassnet: the losses, the weights, the heatmaps
of the output and of every neuron (``net.trace`` over a grid of the plane), the mean |δ| of
each layer over training (``frames.py`` packs them), and the inspector's numbers for one
neuron at one point (``inspector.py``). Nothing here knows about HTTP.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from glassnet.labels import one_hot
from glassnet.network import NeuralNetwork
from glassnet.playground import frames, inspector
from glassnet.playground.data import FEATURES, Dataset, feature_matrix, grid, make_data, split
from glassnet.playground.record import training_record
from glassnet.playground.settings import Settings, build_network, build_optimizer, shown
from glassnet.playground.worker import FitWorker

MAX_EPOCHS = 10**9  # one fit per network: it plays until a reset or new settings stop it


def measure(net: NeuralNetwork, F_train: np.ndarray, Y_train: np.ndarray, F_test: np.ndarray,
            Y_test: np.ndarray) -> tuple[float, float, list[float]]:
    """The loss C on the training and the test points, and the mean |δ| of each layer over the
    training points: what the curve shows after each epoch."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        trace = net.trace(F_train, Y_train)
        train = float(net.loss.fn(trace[-1].A, Y_train))
        test = float(net.loss.fn(net.run(F_test), Y_test))
        return train, test, [float(np.abs(t.delta).mean()) for t in trace]


class Session:
    """A network learning one data set with ``net.fit``, played, paused and stepped between epochs.

    ``settings`` build everything (see ``settings.py``); ``upload`` is the user's CSV, used
    when ``settings.dataset == "csv"``. Training runs in a worker thread (``worker.FitWorker``);
    the public methods that read or change the network run between two of its epochs.
    """

    def __init__(self, settings: Settings | None = None, upload: Dataset | None = None, *,
                 epochs_per_second: float = 60.0) -> None:
        self.run = 0  # counts rebuilds, so the page knows when to clear its curve
        self.upload: Dataset | None = None
        self.settings = Settings()
        self.data: Dataset | None = None
        self.worker = FitWorker(self._fit, epochs_per_second)
        self.apply(settings or Settings(), upload)

    # ------------------------------------------------------------------ building
    def apply(self, settings: Settings, upload: Dataset | None = None) -> None:
        """Take new settings (and a new upload): new data if the data changed, a fresh network.
        All or nothing: if anything fails (the error is raised), the session stays as it was and
        keeps neither the settings nor the upload."""
        upload = upload if upload is not None else self.upload
        if settings.dataset == "csv" and upload is None:
            raise ValueError("Upload a CSV file of 2-D points first (two columns, then the label).")
        if settings.dataset == "csv":
            data = upload
        elif self.data is not None and self.settings.dataset != "csv" and \
                settings.data_fields() == self.settings.data_fields():
            data = self.data
        else:
            data = make_data(settings.dataset, points=settings.points, classes=settings.classes,
                             noise=settings.noise, seed=settings.seed)
        built = self._build(settings, data)
        self.upload = upload
        self._commit(built)

    def reset(self) -> None:
        """A fresh network and optimizer from the settings, at epoch 0 (data and split kept)."""
        self._commit(self._build(self.settings, self.data))

    def _build(self, s: Settings, data: Dataset) -> dict[str, Any]:
        """Everything a run of the network needs, built without touching the running one."""
        train_index, test_index = split(data, s.train_fraction, s.seed)
        F_train = feature_matrix(data.X[train_index], s.features)  # (n_train, n_features)
        F_test = feature_matrix(data.X[test_index], s.features)
        Y_train, Y_test = self._targets(s, data, train_index), self._targets(s, data, test_index)
        net = build_network(s, data.n_classes)
        curve = frames.Curve()
        curve.add(0, *measure(net, F_train, Y_train, F_test, Y_test))
        points = grid(data.extent, frames.OUTPUT_GRID)
        return {"settings": s, "data": data, "train_index": train_index, "test_index": test_index,
                "F_train": F_train, "F_test": F_test, "Y_train": Y_train, "Y_test": Y_test, "net": net,
                "optimizer": build_optimizer(s), "curve": curve, "F_grid": feature_matrix(points, s.features),
                "feature_maps": frames.thumbs(feature_matrix(points, list(FEATURES)), scale=True)}

    def _commit(self, built: dict[str, Any]) -> None:
        """Stop training and put a built run in place, at epoch 0."""
        self.worker.stop()
        for name, value in built.items():
            setattr(self, name, value)
        self.epoch = 0
        self.edited = False
        self.run += 1

    @staticmethod
    def _targets(s: Settings, data: Dataset, index: np.ndarray) -> np.ndarray:
        """Targets ``(n, n_out)``: the real values (regression), the label (two classes) or one-hot."""
        if s.problem == "regression":
            return data.values[index, None]
        if data.n_classes == 2:
            return data.y[index, None].astype(np.float64)
        return one_hot(data.y[index], data.n_classes)

    # ------------------------------------------------------------------ training
    def _fit(self, after_epoch: Callable[[int, dict], bool]) -> None:
        """Train with ``net.fit`` until ``after_epoch`` says stop: each epoch 1) shuffles, 2) cuts
        mini-batches, 3) backprops each, 4) lets the optimizer step (its schedule counts the
        epochs of this one call, as it does for the script of "show code")."""
        start = self.epoch

        def count(epoch: int, logs: dict) -> bool:
            self.epoch = start + epoch + 1
            return after_epoch(epoch, logs)

        self.net.fit(self.F_train, self.Y_train, epochs=MAX_EPOCHS, batch_size=self.settings.batch_size,
                     optimizer=self.optimizer, callbacks=[count])

    def train(self, epochs: int = 1) -> None:
        """Train ``epochs`` epochs and pause. Raises FloatingPointError (glassnet's
        TrainingDivergedError, the weights back at the start of the failing epoch) if training diverged."""
        self.worker.train(epochs)
        error = self.take_error()
        if error is not None:
            raise error

    def play(self) -> None:
        """Train on and on in the background (``epochs_per_second``), until ``pause``."""
        self.worker.play()

    def pause(self) -> None:
        self.worker.pause()

    def take_error(self) -> BaseException | None:
        """What stopped training in the background (once), or None."""
        error, self.worker.error = self.worker.error, None
        return error

    def close(self) -> None:
        """Stop training for good (the page went away)."""
        self.worker.stop()

    def _measure(self) -> None:
        """Add the current losses and mean |δ| per layer to the curve."""
        self.curve.add(self.epoch, *measure(self.net, self.F_train, self.Y_train, self.F_test, self.Y_test))

    # ------------------------------------------------------------------ what the page draws
    def data_message(self) -> dict[str, Any]:
        """The points, their split and classes: sent when the data or the split change."""
        data = self.data
        points = [[frames.json_numbers(x1, 4), frames.json_numbers(x2, 4), int(y), frames.json_numbers(v, 4)]
                  for (x1, x2), y, v in zip(data.X, data.y, data.values, strict=True)]
        shared = np.array_equal(self.train_index, self.test_index)
        note = "" if not shared else (f"{data.name}: too few points to hold any out, so the network is "
                                      "trained and tested on all of them (as the command line does).")
        return {"type": "data", "name": data.name, "extent": list(data.extent), "classes": list(data.classes),
                "points": points, "train": self.train_index.tolist(), "test": self.test_index.tolist(),
                "problem": self.settings.problem, "features": [FEATURES[f][0] for f in self.settings.features],
                "settings": self.settings.to_dict(), "note": note}

    def frame(self, since: int = 0) -> bytes:
        """Everything the page redraws, as one binary message (see ``frames.py``): the header holds
        epoch, losses, weights, biases, the curve's points from index ``since``."""
        return self.worker.call(lambda: self._frame(since))

    def _frame(self, since: int = 0) -> bytes:
        self._measure()
        trace = self.net.trace(self.F_grid)  # forward only: A_prev, Z, A of every layer
        maps = np.concatenate([self.feature_maps] + [frames.thumbs(t.A) for t in trace[:-1]])
        curve = self.curve.to_dict()
        header = {
            "type": "frame", "run": self.run, "epoch": self.epoch, "settings": self.settings.to_dict(),
            "train_loss": self.curve.train[-1], "test_loss": self.curve.test[-1],
            "learning_rate": self.optimizer.learning_rate,
            "weights": [frames.json_numbers(layer.W) for layer in self.net.layers],
            "biases": [frames.json_numbers(layer.b) for layer in self.net.layers],
            "curve_start": since, "curve": {k: v[since:] for k, v in curve.items()},
            "curve_length": len(self.curve.epochs),
        }
        return frames.encode(header, frames.output_maps(trace[-1].A, self.settings.problem), maps)

    # ------------------------------------------------------------------ the inspector
    def inspect(self, layer: int, neuron: int, which: str, index: int) -> dict[str, Any]:
        """The four equations for neuron ``neuron`` of layer ``layer`` (both from 1; the last layer
        is the output) at point ``index`` of the ``which`` ("train" or "test") set (see ``inspector.py``)."""
        return self.worker.call(lambda: self._inspect(layer, neuron, which, index))

    def _inspect(self, layer: int, neuron: int, which: str, index: int) -> dict[str, Any]:
        inspector.check_neuron(self.net, layer, neuron)
        points = {"train": self.train_index, "test": self.test_index}.get(which) if isinstance(which, str) else None
        if points is None:
            raise ValueError(f"The point must be in 'train' or 'test', got {shown(which)}.")
        if not 0 <= index < len(points):
            raise ValueError(f"There are {len(points)} {which} points; got point {index}.")
        F, Y = (self.F_train, self.Y_train) if which == "train" else (self.F_test, self.Y_test)
        result = inspector.explain(self.net, F[index:index + 1], Y[index:index + 1], layer, neuron,
                                   [FEATURES[f][0] for f in self.settings.features])
        point = int(points[index])
        result["point"] = {"set": which, "index": index, "x1": float(self.data.X[point, 0]),
                           "x2": float(self.data.X[point, 1]), "target": Y[index].tolist()}
        return result

    def set_weight(self, layer: int, source: int, neuron: int, value: float) -> None:
        """Set W[source, neuron] of ``layer`` (all from 1; ``source`` 0 means the bias) to ``value``."""
        def edit() -> None:
            inspector.set_weight(self.net, layer, source, neuron, value)
            self.edited = True

        self.worker.call(edit)

    # ------------------------------------------------------------------ taking it away
    def model_file(self) -> bytes:
        """The trained network as the bytes of a glassnet ``.npz`` (``NeuralNetwork.load`` reads it),
        recording its data so that ``glassnet evaluate`` finds its test points again."""
        return self.worker.call(self._model_file)

    def _model_file(self) -> bytes:
        self.net.trained_on_ = training_record(self.settings, self.data, self.epoch)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "model.npz"
            self.net.save(path)
            return path.read_bytes()

    def code(self) -> str:
        """The Python that builds and trains the same network with glassnet (see ``codegen``)."""
        from glassnet.playground.codegen import python_code

        return self.worker.call(lambda: python_code(self.settings, self.data, max(self.epoch, 1),
                                                    edited=self.edited))
