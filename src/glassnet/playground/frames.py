"""What the page draws, as the server sends it: the loss curve, the heatmaps, and the binary frame.

A frame is one binary WebSocket message::

    b"GNF1", uint32 length of a JSON header (little-endian), the header,
    uint8 output maps (channels, 64, 64), int8 neuron maps (maps, 32, 32)

The header holds the numbers (epoch, losses, weights, biases, the curve's new points); the
maps hold the pictures: the output (class probabilities × 255, or the regression output from
[-1, 1] to 0..255) and, for every feature the page offers and every hidden neuron, its values
over the plane scaled to -127..127. Nothing here trains or knows about sessions or HTTP.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field
from typing import Any

import numpy as np

OUTPUT_GRID = 64  # the output heatmap: 64 × 64 cells
THUMB_STEP = 2  # neuron thumbnails: every 2nd cell of that grid, 32 × 32
MAX_CURVE = 2000  # loss-curve points kept; beyond that every other old point is dropped
FRAME_MAGIC = b"GNF1"


def json_numbers(values: Any, digits: int = 5) -> Any:
    """Numbers for JSON: floats to ``digits`` significant digits, arrays as nested lists, and
    None for a value that is not finite (JSON has no NaN or infinity)."""
    if isinstance(values, np.ndarray):
        return [json_numbers(v, digits) for v in values]
    value = float(values)
    return float(f"{value:.{digits}g}") if np.isfinite(value) else None


@dataclass
class Curve:
    """Train and test loss, and the mean |δ| of each layer, at the epochs where they were measured."""

    epochs: list[int] = field(default_factory=list)
    train: list[float | None] = field(default_factory=list)
    test: list[float | None] = field(default_factory=list)
    delta: list[list[float | None]] = field(default_factory=list)
    thinned: int = 0  # how many times old points were dropped (the page then takes the curve anew)

    def add(self, epoch: int, train: float, test: float, delta: list[float]) -> None:
        """Record one measurement; a second one at the same epoch (the weights were edited by
        hand) replaces the first. A value that is not finite is kept as None."""
        point = (epoch, json_numbers(train, 12), json_numbers(test, 12), [json_numbers(d, 12) for d in delta])
        series = (self.epochs, self.train, self.test, self.delta)
        if self.epochs and self.epochs[-1] == epoch:
            for values, value in zip(series, point, strict=True):
                values[-1] = value
            return
        for values, value in zip(series, point, strict=True):
            values.append(value)
        if len(self.epochs) > MAX_CURVE:
            for values in series:
                del values[1:MAX_CURVE // 2:2]  # thin the old half; the start and the recent stay
            self.thinned += 1

    def to_dict(self) -> dict[str, list]:
        return {"epochs": self.epochs, "train": self.train, "test": self.test, "delta": self.delta}


def output_maps(out: np.ndarray, problem: str) -> np.ndarray:
    """The output heatmap's channels ``(channels, cells)`` as 0..255 from the network's outputs
    ``(cells, n_out)``: for classification each class's probability × 255 (one sigmoid output a
    gives two channels, 1 - a and a); for regression the output from [-1, 1] (clipped)."""
    if problem == "regression":
        output = np.clip((out + 1) * 127.5, 0, 255)
    elif out.shape[1] == 1:
        output = np.column_stack([1 - out[:, 0], out[:, 0]]) * 255
    else:
        output = out * 255
    return np.round(np.nan_to_num(output, nan=127.5)).T.astype(np.uint8)


def thumbs(A: np.ndarray, scale: bool = False) -> np.ndarray:
    """Each column of ``A`` ``(64², k)`` as a 32 × 32 int8 map ``(k, 32²)``: the values clipped to
    [-1, 1] (or divided by their largest |value| with ``scale``) times 127."""
    n = OUTPUT_GRID
    A = A.reshape(n, n, -1)[::THUMB_STEP, ::THUMB_STEP].reshape(-1, A.shape[1]).T
    if scale:
        A = A / np.maximum(np.abs(A).max(axis=1, keepdims=True), 1e-12)
    return np.round(np.clip(np.nan_to_num(A), -1, 1) * 127).astype(np.int8)


def encode(header: dict[str, Any], output: np.ndarray, maps: np.ndarray) -> bytes:
    """One frame from its header (JSON-ready, every number finite), output maps (uint8) and
    neuron maps (int8); the header gains ``channels``, ``maps``, ``grid`` and ``thumb``."""
    header = {**header, "grid": OUTPUT_GRID, "thumb": OUTPUT_GRID // THUMB_STEP,
              "channels": output.shape[0], "maps": maps.shape[0]}
    head = json.dumps(header, separators=(",", ":"), allow_nan=False).encode()
    return b"".join([FRAME_MAGIC, struct.pack("<I", len(head)), head, output.tobytes(), maps.tobytes()])


def decode(message: bytes) -> tuple[dict[str, Any], np.ndarray, np.ndarray]:
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
