"""One playground session: its data, its glassnet network, the epochs it trains, what it shows.

Everything the page draws is computed here, by glassnet: the losses, the weights, the heatmaps
of the output and of every neuron (``net.trace`` over a grid of the plane), the mean |δ| of
each layer over training, and the inspector's numbers for one neuron at one point (``net.trace``
of that point: z, a, δ, and BP1–BP4 with real numbers in them). The server only carries these
to the page; nothing here knows about HTTP.
"""

from __future__ import annotations

import json
import struct
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from glassnet.datasets import one_hot
from glassnet.playground.data import FEATURES, Dataset, feature_matrix, grid, make_data, split
from glassnet.playground.settings import Settings, build_network, build_optimizer
from glassnet.playground.worker import FitWorker

OUTPUT_GRID = 64  # the output heatmap: 64 × 64 cells
THUMB_STEP = 2  # neuron thumbnails: every 2nd cell of that grid, 32 × 32
MAX_CURVE = 2000  # loss-curve points kept; beyond that every other old point is dropped
FRAME_MAGIC = b"GNF1"
MAX_EPOCHS = 10**9  # one fit per network: it plays until a reset or new settings stop it


def _round(values: Any, digits: int = 5) -> Any:
    """Numbers for JSON: floats to ``digits`` significant digits, arrays as nested lists."""
    if isinstance(values, np.ndarray):
        return [_round(v, digits) for v in values]
    return float(f"{float(values):.{digits}g}")


def _finite(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


@dataclass
class Curve:
    """Train and test loss, and the mean |δ| of each layer, at the epochs where they were measured."""

    epochs: list[int] = field(default_factory=list)
    train: list[float] = field(default_factory=list)
    test: list[float] = field(default_factory=list)
    delta: list[list[float]] = field(default_factory=list)
    thinned: int = 0  # how many times old points were dropped (the page then takes the curve anew)

    def add(self, epoch: int, train: float, test: float, delta: list[float]) -> None:
        """Record one measurement (once per epoch); a value that is not finite is kept as None."""
        if self.epochs and self.epochs[-1] == epoch:
            return
        train, test = (_finite(v) for v in (train, test))
        for series, value in ((self.epochs, epoch), (self.train, train), (self.test, test),
                              (self.delta, [_finite(d) for d in delta])):
            series.append(value)
        if len(self.epochs) > MAX_CURVE:
            for series in (self.epochs, self.train, self.test, self.delta):
                del series[1:MAX_CURVE // 2:2]  # thin the old half; the start and the recent stay
            self.thinned += 1

    def to_dict(self) -> dict[str, list]:
        return {"epochs": self.epochs, "train": self.train, "test": self.test, "delta": self.delta}


class Session:
    """A network learning one data set with ``net.fit``, played, paused and stepped between epochs.

    ``settings`` build everything (see ``settings.py``); ``upload`` is the user's CSV, used
    when ``settings.dataset == "csv"``. Training runs in a worker thread (``worker.FitWorker``);
    the public methods that read or change the network run between two of its epochs.
    """

    def __init__(self, settings: Settings | None = None, upload: Dataset | None = None, *,
                 epochs_per_second: float = 60.0) -> None:
        self.upload = upload
        self.run = 0  # counts rebuilds, so the page knows when to clear its curve
        self.settings = settings or Settings()
        self.data: Dataset | None = None
        self.worker = FitWorker(self._fit, epochs_per_second)
        self.apply(self.settings)

    # ------------------------------------------------------------------ building
    def apply(self, settings: Settings, upload: Dataset | None = None) -> None:
        """Take new settings (and a new upload): new data if the data changed, a fresh network."""
        if upload is not None:
            self.upload = upload
        if settings.dataset == "csv" and self.upload is None:
            raise ValueError("Upload a CSV file of 2-D points first (two columns, then the label).")
        self.worker.stop()
        new_data = (upload is not None or self.data is None
                    or settings.data_fields() != self.settings.data_fields())
        self.settings = settings
        if new_data:
            self.data = (self.upload if settings.dataset == "csv" else
                         make_data(settings.dataset, points=settings.points, classes=settings.classes,
                                   noise=settings.noise, seed=settings.seed))
        self.reset()

    def reset(self) -> None:
        """A fresh network and optimizer from the settings, at epoch 0 (data and split kept)."""
        self.worker.stop()
        s, data = self.settings, self.data
        self.train_index, self.test_index = split(data, s.train_fraction, s.seed)
        self.F_train = feature_matrix(data.X[self.train_index], s.features)  # (n_train, n_features)
        self.F_test = feature_matrix(data.X[self.test_index], s.features)
        self.Y_train, self.Y_test = self._targets(self.train_index), self._targets(self.test_index)
        self.net = build_network(s, data.n_classes)
        self.optimizer = build_optimizer(s)
        self.settings_dict = s.to_dict()  # sent with every frame
        self.epoch = 0
        self.edited = False
        self.curve = Curve()
        self.grid = grid(data.extent, OUTPUT_GRID)
        self.F_grid = feature_matrix(self.grid, s.features)
        self.feature_maps = self._thumbs(feature_matrix(self.grid, list(FEATURES)), scale=True)
        self.run += 1
        self._measure()

    def _targets(self, index: np.ndarray) -> np.ndarray:
        """Targets ``(n, n_out)``: the real values (regression), the label (two classes) or one-hot."""
        data = self.data
        if self.settings.problem == "regression":
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
        trace = self.net.trace(self.F_train, self.Y_train)
        delta = [float(np.abs(t.delta).mean()) for t in trace]
        self.curve.add(self.epoch, self.loss(self.F_train, self.Y_train, trace[-1].A),
                       self.loss(self.F_test, self.Y_test), delta)

    def loss(self, F: np.ndarray, Y: np.ndarray, A: np.ndarray | None = None) -> float:
        """The network's loss C on inputs ``F`` with targets ``Y`` (from outputs ``A`` if given)."""
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return float(self.net.loss.fn(A if A is not None else self.net.run(F), Y))

    # ------------------------------------------------------------------ what the page draws
    def data_message(self) -> dict[str, Any]:
        """The points, their split and classes: sent when the data or the split change."""
        data = self.data
        points = [[_round(x1, 4), _round(x2, 4), int(y), _round(v, 4)]
                  for (x1, x2), y, v in zip(data.X, data.y, data.values, strict=True)]
        return {"type": "data", "name": data.name, "extent": list(data.extent), "classes": list(data.classes),
                "points": points, "train": self.train_index.tolist(), "test": self.test_index.tolist(),
                "problem": self.settings.problem, "features": [FEATURES[f][0] for f in self.settings.features]}

    def frame(self, since: int = 0) -> bytes:
        """Everything the page redraws, as one binary message:

        ``b"GNF1"``, uint32 length of a JSON header (little-endian), the header (epoch, losses,
        weights, biases, the curve's points from index ``since``), then the heatmaps:
        ``uint8`` output maps ``(channels, 64, 64)`` (class probabilities × 255, or the regression
        output from [-1, 1] to 0..255), then ``int8`` maps ``(maps, 32, 32)`` for every feature the
        page offers, on or off (scaled by its largest |value|), and every hidden neuron (its
        activation, clipped to [-1, 1], × 127), layer by layer.
        """
        return self.worker.call(lambda: self._frame(since))

    def _frame(self, since: int = 0) -> bytes:
        self._measure()
        trace = self.net.trace(self.F_grid)  # forward only: A_prev, Z, A of every layer
        out = trace[-1].A  # (64², n_out)
        if self.settings.problem == "regression":
            output = np.clip((out + 1) * 127.5, 0, 255)
        elif out.shape[1] == 1:
            output = np.column_stack([1 - out[:, 0], out[:, 0]]) * 255
        else:
            output = out * 255
        thumbs = [self.feature_maps] + [self._thumbs(t.A) for t in trace[:-1]]
        curve = self.curve.to_dict()
        header = {
            "type": "frame", "run": self.run, "epoch": self.epoch, "settings": self.settings_dict,
            "train_loss": self.curve.train[-1], "test_loss": self.curve.test[-1],
            "learning_rate": self.optimizer.learning_rate,
            "weights": [_round(layer.W) for layer in self.net.layers],
            "biases": [_round(layer.b) for layer in self.net.layers],
            "curve_start": since, "curve": {k: v[since:] for k, v in curve.items()},
            "curve_length": len(self.curve.epochs), "grid": OUTPUT_GRID, "thumb": OUTPUT_GRID // THUMB_STEP,
            "channels": output.shape[1], "maps": sum(t.shape[0] for t in thumbs),
        }
        head = json.dumps(header, separators=(",", ":"), allow_nan=False).encode()
        maps = np.concatenate(thumbs).astype(np.int8)
        return b"".join([FRAME_MAGIC, struct.pack("<I", len(head)), head,
                         np.round(output.T).astype(np.uint8).tobytes(), maps.tobytes()])

    def _thumbs(self, A: np.ndarray, scale: bool = False) -> np.ndarray:
        """Each column of ``A`` ``(64², k)`` as a 32 × 32 int8 map ``(k, 32²)``: the values clipped to
        [-1, 1] (or divided by their largest |value| with ``scale``) times 127."""
        n = OUTPUT_GRID
        A = A.reshape(n, n, -1)[::THUMB_STEP, ::THUMB_STEP].reshape(-1, A.shape[1]).T
        if scale:
            A = A / np.maximum(np.abs(A).max(axis=1, keepdims=True), 1e-12)
        return np.round(np.clip(A, -1, 1) * 127)

    # ------------------------------------------------------------------ the inspector
    def inspect(self, layer: int, neuron: int, which: str, index: int) -> dict[str, Any]:
        """The four equations for neuron ``neuron`` of layer ``layer`` (both from 1; the last layer
        is the output) at point ``index`` of the ``which`` ("train" or "test") set, from
        ``net.trace`` of that one point (so the batch means of BP3/BP4 are that point's values):

        z, a = φ(z), δ = ∂C/∂z (BP1 at the output, BP2 below it), and for every incoming
        weight w: a_in, w, ∂C/∂w = a_in·δ (BP4); ∂C/∂b = δ (BP3).
        """
        return self.worker.call(lambda: self._inspect(layer, neuron, which, index))

    def _inspect(self, layer: int, neuron: int, which: str, index: int) -> dict[str, Any]:
        n_layers = len(self.net.layers)
        if not 1 <= layer <= n_layers:
            raise ValueError(f"layer must be 1 to {n_layers}, got {layer}.")
        size = self.net.sizes[layer]
        if not 1 <= neuron <= size:
            raise ValueError(f"neuron must be 1 to {size} in layer {layer}, got {neuron}.")
        points = {"train": self.train_index, "test": self.test_index}.get(which)
        if points is None:
            raise ValueError(f"The point must be in 'train' or 'test', got {which!r}.")
        if not 0 <= index < len(points):
            raise ValueError(f"There are {len(points)} {which} points; got point {index}.")
        F, Y = (self.F_train, self.Y_train) if which == "train" else (self.F_test, self.Y_test)
        trace = self.net.trace(F[index:index + 1], Y[index:index + 1])
        l, j = layer - 1, neuron - 1
        t, dense = trace[l], self.net.layers[l]
        z, a, delta = float(t.Z[0, j]), float(t.A[0, j]), float(t.delta[0, j])
        input_names = ([FEATURES[f][0] for f in self.settings.features] if l == 0 else
                       [f"a{layer - 1}.{i + 1}" for i in range(dense.n_in)])
        point = int(points[index])
        result: dict[str, Any] = {
            "type": "inspection", "layer": layer, "neuron": neuron, "output": l == n_layers - 1,
            "point": {"set": which, "index": index, "x1": float(self.data.X[point, 0]),
                      "x2": float(self.data.X[point, 1]), "target": Y[index].tolist()},
            "activation": dense.activation.name, "z": z, "a": a, "delta": delta,
            "incoming": [{"from": name, "a_in": float(t.A_prev[0, i]), "w": float(dense.W[i, j]),
                          "dC_dw": float(t.dC_dW[i, j])} for i, name in enumerate(input_names)],
            "b": float(dense.b[j]), "dC_db": float(t.dC_db[j]),
        }
        if l == n_layers - 1:  # BP1
            y = float(Y[index, j])
            if dense.activation is self.net.loss.shortcut_activation:
                result["bp"] = {"equation": "BP1", "kind": "shortcut", "loss": self.net.loss.name, "y": y}
            else:
                dC_da = float(self.net.loss.derivative(t.A, Y[index:index + 1])[0, j])
                result["bp"] = {"equation": "BP1", "kind": "general", "loss": self.net.loss.name, "y": y,
                                "dC_da": dC_da, "prime": float(dense.activation.prime(t.Z)[0, j])}
        else:  # BP2
            above, W_next = trace[l + 1], self.net.layers[l + 1].W
            terms = [[float(above.delta[0, k]), float(W_next[j, k])] for k in range(W_next.shape[1])]
            result["bp"] = {"equation": "BP2", "kind": "hidden", "terms": terms,
                            "sum": float(above.delta[0] @ W_next[j]),
                            "prime": float(dense.activation.prime(t.Z)[0, j])}
        return result

    # ------------------------------------------------------------------ changing a weight by hand
    def set_weight(self, layer: int, source: int, neuron: int, value: float) -> None:
        """Set W[source, neuron] of ``layer`` (all from 1; ``source`` 0 means the bias) to ``value``."""
        self.worker.call(lambda: self._set_weight(layer, source, neuron, value))

    def _set_weight(self, layer: int, source: int, neuron: int, value: float) -> None:
        n_layers = len(self.net.layers)
        if not 1 <= layer <= n_layers:
            raise ValueError(f"layer must be 1 to {n_layers}, got {layer}.")
        dense = self.net.layers[layer - 1]
        if not 1 <= neuron <= dense.n_out or not 0 <= source <= dense.n_in:
            raise ValueError(f"Layer {layer} has weights from 1..{dense.n_in} (0: the bias) to "
                             f"1..{dense.n_out}; got {source} -> {neuron}.")
        if source == 0:
            dense.b[neuron - 1] = value
        else:
            dense.W[source - 1, neuron - 1] = value
        self.edited = True

    # ------------------------------------------------------------------ taking it away
    def model_file(self) -> bytes:
        """The trained network as the bytes of a glassnet ``.npz`` (``NeuralNetwork.load`` reads it)."""
        return self.worker.call(self._model_file)

    def _model_file(self) -> bytes:
        s = self.settings
        self.net.trained_on_ = {
            "source": "glassnet playground", "data": self.data.name, "points": len(self.data.X),
            "noise": s.noise, "seed": s.seed, "train_fraction": s.train_fraction,
            "features": list(s.features), "n_features": len(s.features), "classes": list(self.data.classes),
            "problem": s.problem, "epochs": self.epoch,
        }
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "model.npz"
            self.net.save(path)
            return path.read_bytes()

    def code(self) -> str:
        """The Python that builds and trains the same network with glassnet (see ``codegen``)."""
        from glassnet.playground.codegen import python_code

        return self.worker.call(lambda: python_code(self.settings, self.data, max(self.epoch, 1),
                                                    edited=self.edited))


def decode_frame(message: bytes) -> tuple[dict[str, Any], np.ndarray, np.ndarray]:
    """A frame back as (header, output maps ``(channels, 64²)`` uint8, neuron maps ``(maps, 32²)`` int8)."""
    if message[:4] != FRAME_MAGIC:
        raise ValueError("Not a playground frame.")
    (length,) = struct.unpack("<I", message[4:8])
    header = json.loads(message[8:8 + length])
    body = message[8 + length:]
    n_out = header["channels"] * header["grid"] ** 2
    output = np.frombuffer(body[:n_out], dtype=np.uint8).reshape(header["channels"], -1)
    maps = np.frombuffer(body[n_out:], dtype=np.int8).reshape(header["maps"], -1)
    return header, output, maps
