"""The playground's settings: every choice the page offers, its bounds, and what they build.

The page keeps these in its URL (so a link reproduces a setup) and sends them to the server,
which checks every one here before building the data, the network and the optimizer from them.
A bad value gets a ValueError/TypeError whose message the page shows as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from glassnet import optimizers
from glassnet._validation import check_number
from glassnet.network import NeuralNetwork
from glassnet.playground.data import FEATURES, GENERATORS

DATASETS = (*GENERATORS, "csv")
HIDDEN_ACTIVATIONS = ("tanh", "sigmoid", "relu", "identity")
PROBLEMS = ("classification", "regression")
OPTIMIZERS = ("sgd", "momentum", "adam")
REGULARIZATIONS = ("none", "l1", "l2")
SCHEDULES = ("constant", "step", "exponential", "inverse-time")
MAX_LAYERS, MAX_NEURONS = 6, 8
MAX_POINTS, MAX_CLASSES = 1000, 6


@dataclass(frozen=True)
class Settings:
    """One setup of the playground (TensorFlow Playground's defaults where it has one)."""

    dataset: str = "circle"
    points: int = 500
    classes: int = 2
    noise: float = 0.0  # 0 .. 0.5: how far the points stray from their pattern
    train_fraction: float = 0.5
    seed: int = 0
    features: tuple[str, ...] = ("x1", "x2")
    layers: tuple[int, ...] = (4, 2)  # hidden layer sizes
    activation: str = "tanh"
    problem: str = "classification"
    learning_rate: float = 0.03
    batch_size: int = 10
    optimizer: str = "sgd"
    schedule: str = "constant"
    regularization: str = "none"
    regularization_rate: float = 0.0
    zero_init: bool = False

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Settings:
        """Check every value sent by the page; keys it leaves out keep their defaults."""
        if not isinstance(raw, Mapping):
            raise TypeError(f"settings must be an object of name: value, got {type(raw).__name__}.")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ValueError(f"Unknown setting {unknown[0]!r}; known settings: {', '.join(sorted(known))}.")
        s = {**asdict(cls()), **raw}
        for name, options in (("dataset", DATASETS), ("activation", HIDDEN_ACTIVATIONS), ("problem", PROBLEMS),
                              ("optimizer", OPTIMIZERS), ("schedule", SCHEDULES),
                              ("regularization", REGULARIZATIONS)):
            if s[name] not in options:
                raise ValueError(f"{name} must be one of {', '.join(options)}; got {s[name]!r}.")
        check_number(s["points"], "points", low=10, low_inclusive=True, high=MAX_POINTS, integer=True)
        check_number(s["classes"], "classes", low=2, low_inclusive=True, high=MAX_CLASSES, integer=True)
        check_number(s["noise"], "noise", low=0, low_inclusive=True, high=0.5)
        check_number(s["train_fraction"], "train_fraction", low=0.1, low_inclusive=True, high=0.9)
        check_number(s["seed"], "seed", low=0, low_inclusive=True, high=2**31 - 1, integer=True)
        check_number(s["learning_rate"], "learning_rate", low=0, high=10)
        check_number(s["batch_size"], "batch_size", low=1, low_inclusive=True, high=100, integer=True)
        check_number(s["regularization_rate"], "regularization_rate", low=0, low_inclusive=True, high=10)
        if not isinstance(s["zero_init"], bool):
            raise TypeError(f"zero_init must be true or false, got {s['zero_init']!r}.")
        features, layers = s["features"], s["layers"]
        if not isinstance(features, list | tuple) or not features:
            raise ValueError(f"features must be a non-empty list of feature names, got {features!r}.")
        bad = [f for f in features if f not in FEATURES]
        if bad or len(set(features)) != len(features):
            raise ValueError(f"features must be distinct names from {', '.join(FEATURES)}; got {list(features)}.")
        if not isinstance(layers, list | tuple) or len(layers) > MAX_LAYERS:
            raise ValueError(f"layers must be a list of at most {MAX_LAYERS} hidden layer sizes, got {layers!r}.")
        for i, n in enumerate(layers):
            check_number(n, f"layers[{i}]", low=1, low_inclusive=True, high=MAX_NEURONS, integer=True)
        s["features"] = tuple(f for f in FEATURES if f in features)  # the page's order
        s["layers"] = tuple(int(n) for n in layers)
        for name in ("noise", "train_fraction", "learning_rate", "regularization_rate"):
            s[name] = float(s[name])
        return cls(**s)

    def to_dict(self) -> dict[str, Any]:
        """The settings as JSON-ready values (lists for the tuples)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    def data_fields(self) -> tuple:
        """What the data depend on: a change here means new points."""
        return self.dataset, self.points, self.classes, self.noise, self.seed


# ---------------------------------------------------------------- what the settings build
def output_layer(problem: str, n_classes: int) -> tuple[int, str, str]:
    """(outputs, output activation, loss) for a problem: one sigmoid output with cross-entropy for
    two classes, a softmax over k outputs with categorical cross-entropy for more, one
    identity output with the mean squared error for regression."""
    if problem == "regression":
        return 1, "identity", "mse"
    if n_classes == 2:
        return 1, "sigmoid", "cross-entropy"
    return n_classes, "softmax", "categorical-cross-entropy"


def build_network(settings: Settings, n_classes: int) -> NeuralNetwork:
    """The network of these settings: inputs = the chosen features, the hidden layers, the output
    that suits the problem; weights from the settings' seed (all 0 with ``zero_init``)."""
    n_out, output_activation, loss = output_layer(settings.problem, n_classes)
    sizes = [len(settings.features), *settings.layers, n_out]
    net = NeuralNetwork(sizes, activation=settings.activation, output_activation=output_activation,
                        loss=loss, seed=settings.seed)
    if settings.zero_init:
        for layer in net.layers:
            layer.W[...] = 0.0
            layer.b[...] = 0.0
    return net


#: The schedules as (glassnet factory, its arguments), so that "show code" can write the same call.
SCHEDULE_CALLS = {
    "step": ("step_decay", {"drop": 0.5, "every": 200}),
    "exponential": ("exponential_decay", {"rate": 0.999}),
    "inverse-time": ("inverse_time_decay", {"decay": 0.01}),
}


def optimizer_arguments(settings: Settings) -> dict[str, Any]:
    """The keyword arguments of the optimizer besides its schedule: rate and regularisation."""
    kwargs: dict[str, Any] = {"learning_rate": settings.learning_rate}
    if settings.regularization != "none" and settings.regularization_rate > 0:
        kwargs["weight_decay" if settings.regularization == "l2" else "l1_decay"] = settings.regularization_rate
    return kwargs


def build_optimizer(settings: Settings) -> optimizers.Optimizer:
    """The optimizer of these settings, with its learning-rate schedule and regularisation."""
    schedule = None
    if settings.schedule in SCHEDULE_CALLS:
        factory, args = SCHEDULE_CALLS[settings.schedule]
        schedule = getattr(optimizers, factory)(**args)
    return optimizers.OPTIMIZERS[settings.optimizer](schedule=schedule, **optimizer_arguments(settings))
