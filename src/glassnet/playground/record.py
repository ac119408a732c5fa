"""What a model downloaded from the playground records of its data, and its test points found again.

The record (the model's ``trained_on_``) holds the data set's settings, the split and the
features, so that ``glassnet evaluate model.npz`` regenerates exactly the points the playground
drew, splits them as it did, and scores the model on its own test points, never on one it
trained on. An uploaded CSV cannot be regenerated: the record keeps its name and the sha256 of
the points read, and ``evaluate --csv FILE`` takes the same file again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import numpy as np

from glassnet.playground.data import FEATURES, Dataset, feature_matrix, make_data, read_upload, split
from glassnet.playground.settings import Settings, shown

SOURCE = "glassnet playground"
#: The way the points were split (a change to ``data.split`` gets a new name here, so that an
#: older model is not scored on points it may have trained on).
SPLIT = "stratified"


def digest(data: Dataset) -> str:
    """The sha256 of a data set's points, labels and targets, as float64/int64 bytes."""
    hashed = hashlib.sha256()
    for array in (data.X.astype(np.float64), data.y.astype(np.int64), data.values.astype(np.float64)):
        hashed.update(np.ascontiguousarray(array))
    return hashed.hexdigest()


def training_record(settings: Settings, data: Dataset, epochs: int) -> dict[str, Any]:
    """The record a downloaded model keeps of its data (JSON-ready)."""
    s = settings
    record = {
        "source": SOURCE, "data": s.dataset, "points": s.points, "noise": s.noise, "seed": s.seed,
        "train_fraction": s.train_fraction, "split": SPLIT, "features": list(s.features),
        "n_features": len(s.features), "classes": list(data.classes), "problem": s.problem, "epochs": epochs,
        "n_points": len(data.X), "sha256": digest(data),
        "recipe": {"optimizer": s.optimizer, "learning_rate": s.learning_rate, "batch_size": s.batch_size},
    }
    if s.dataset == "csv":
        record["file"] = data.name
    return record


def is_playground(record: Any) -> bool:
    """Whether a model's record was written by the playground."""
    return isinstance(record, dict) and record.get("source") == SOURCE


def playground_inputs(record: dict[str, Any], X: np.ndarray, name: str = "X") -> np.ndarray:
    """A playground model's inputs from 2-D points ``X`` ``(n, 2)``: the features it was fed
    (x₁, x₂, x₁², sin x₁...), computed as the page computed them."""
    features = record.get("features")
    if not isinstance(features, list) or not features or any(f not in FEATURES for f in features):
        raise ValueError(f"The model's record names its features as {shown(features)}; expected names from "
                         f"{', '.join(FEATURES)}.")
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"{name} has {X.shape[1] if X.ndim == 2 else 1} columns; a model from the playground "
                         "takes 2-D points, two columns x₁ and x₂ (its features are computed from them).")
    return feature_matrix(X, features)


@dataclass
class HeldOut:
    """A playground model's test points: inputs ``F`` (its features), targets ``y`` (class
    labels, or real values ``(n, 1)`` for regression), and whether they were held out."""

    F: np.ndarray
    y: np.ndarray
    classes: list[str]
    held_out: bool
    data: str


def held_out_points(record: dict[str, Any], csv: bytes | None = None) -> HeldOut:
    """The test points of the playground model whose record this is: the data regenerated from
    its settings (or ``csv``, the uploaded file's bytes, read again), split as the page split
    them. Raises a ValueError saying what is missing or changed."""
    return recorded_points(record, csv, part="test")


def recorded_points(record: dict[str, Any], csv: bytes | None = None, part: str = "test") -> HeldOut:
    """The training (``part="train"``) or test points of the playground model whose record this is;
    see ``held_out_points``."""
    missing = [k for k in ("data", "points", "noise", "seed", "train_fraction", "features", "classes",
                           "problem", "split", "sha256") if k not in record]
    if missing:
        raise ValueError(f"The model's record of its playground data has no {', '.join(missing)}: it was "
                         "saved by an older playground, whose split cannot be found again. Download it again "
                         "from the playground.")
    if record["split"] != SPLIT:
        raise ValueError(f"The model's points were split as {record['split']!r}; this glassnet splits them as "
                         f"{SPLIT!r}, so its test points cannot be found again.")
    classes = record["classes"]
    if not isinstance(classes, list) or len(classes) < 2:
        raise ValueError(f"The model's record lists its classes as {shown(classes)}; expected a list of at least "
                         "two.")
    fields = {k: record[k] for k in ("points", "noise", "seed", "train_fraction", "features", "problem")}
    fields |= {"dataset": record["data"], "classes": len(classes) if record["data"] != "csv" else 2}
    settings = Settings.from_dict(fields)  # the same checks as the page's settings
    if settings.dataset == "csv":
        if csv is None:
            raise ValueError(f"The model was trained on the uploaded file {record.get('file', 'upload.csv')}; "
                             "give that file again with --csv FILE.")
        data = read_upload(csv, str(record.get("file", "upload.csv")))
    else:
        data = make_data(settings.dataset, points=settings.points, classes=settings.classes,
                         noise=settings.noise, seed=settings.seed)
    if digest(data) != record["sha256"]:
        what = "That file's points differ from" if settings.dataset == "csv" else "The points drawn here differ from"
        raise ValueError(f"{what} those the model was trained on (sha256 {digest(data)[:12]}…, the model records "
                         f"{str(record['sha256'])[:12]}…), so its test points cannot be found again.")
    train, test = split(data, settings.train_fraction, settings.seed)
    rows = train if part == "train" else test
    F = feature_matrix(data.X[rows], settings.features)
    y = data.values[rows, None] if settings.problem == "regression" else data.y[rows]
    return HeldOut(F, y, [str(c) for c in classes], not np.array_equal(train, test), data.name)
