"""The playground's settings: every choice the page offers, declared once, and what they build.

Each setting is one ``Control`` below: its name, its label, where the page shows it, and what
it accepts. The server sends the list to the page in ``hello``, and the page builds its
controls from it, so a new setting is one entry here (and a field of ``Settings``). The page
keeps the settings in its URL (so a link reproduces a setup) and sends them back; every value
is checked here, with a message that names the setting, says what it accepts and shows what
came in the words of JSON (``null``, ``a list``), not of Python.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import parse_qsl

from glassnet import optimizers
from glassnet.network import NeuralNetwork
from glassnet.playground.data import FEATURES, GENERATORS, MAX_CLASSES
from glassnet.tasks import output_layer

MAX_LAYERS, MAX_NEURONS, MAX_POINTS = 6, 8, 1000


def shown(value: Any, width: int = 40) -> str:
    """A value from the page in the words of JSON, never cut mid-way: ``null``, ``true``, ``'text'``
    (longer than ``width``: its start and its length), ``a list [1, null]`` (longer: its length),
    ``an object``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return text if len(text) <= width else f"a number of {len(text)} digits"
    if isinstance(value, str):
        return repr(value) if len(value) <= width else f"{value[:width]!r}… ({len(value):,} characters)"
    if isinstance(value, list | tuple):
        text = json.dumps(value, ensure_ascii=False, default=str)
        return f"a list {text}" if len(text) <= width else f"a list of {len(value)} values"
    return "an object" if isinstance(value, dict) else f"a {type(value).__name__}"


@dataclass(frozen=True)
class Control:
    """One setting as the page offers it.

    ``kind``: ``"choice"`` (one of ``options``, (value, label, extras) triples), ``"number"``
    (from ``low`` to ``high``, whole with ``integer``; offered as the list ``options`` where
    there is one, else as a slider of ``step``), ``"flag"`` (true or false), ``"features"`` (a
    list of distinct ``options``) or ``"layers"`` (a list of hidden layer sizes). ``group`` is
    where the page shows it: ``"header"``, ``"data"``, ``"network"`` (drawn with the network) or
    ``""`` (not shown: it travels in the link only).
    """

    name: str
    label: str
    kind: str
    group: str
    options: tuple = ()
    low: float = -math.inf
    high: float = math.inf
    low_inclusive: bool = True
    integer: bool = False
    step: float | None = None

    @property
    def control(self) -> str:
        """The name in the page's ``data-control`` and ``data-testid`` (and a link's ``hide=``)."""
        return self.name.replace("_", "-")

    def check(self, value: Any) -> Any:
        """``value`` as the setting holds it, or a ValueError/TypeError that names the setting."""
        name = self.name
        if self.kind == "choice":
            values = [o[0] for o in self.options]
            if not isinstance(value, str) or value not in values:
                raise ValueError(f"{name} must be one of {', '.join(values)}; got {shown(value)}.")
            return value
        if self.kind == "flag":
            if not isinstance(value, bool):
                raise TypeError(f"{name} must be true or false, got {shown(value)}.")
            return value
        if self.kind == "features":
            names = [o[0] for o in self.options]
            if not isinstance(value, list | tuple) or not value:
                raise ValueError(f"{name} must be a non-empty list of feature names, got {shown(value)}.")
            if any(not isinstance(f, str) or f not in names for f in value) or len(set(value)) != len(value):
                raise ValueError(f"{name} must be distinct names from {', '.join(names)}; got {shown(list(value))}.")
            return tuple(f for f in names if f in value)  # the page's order
        if self.kind == "layers":
            if not isinstance(value, list | tuple) or len(value) > MAX_LAYERS:
                raise ValueError(f"{name} must be a list of at most {MAX_LAYERS} hidden layer sizes, "
                                 f"got {shown(value)}.")
            return tuple(NEURONS.check_number(n, f"{name}[{i}]") for i, n in enumerate(value))
        return self.check_number(value, name)

    def check_number(self, value: Any, name: str) -> int | float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"{name} must be {'an integer' if self.integer else 'a number'}, got {shown(value)}.")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"{name} must be a finite number, got {shown(value)}.")
        if self.integer and value != int(value):
            raise ValueError(f"{name} must be a whole number, got {shown(value)}.")
        low = self.low if not self.integer or not math.isfinite(self.low) else int(self.low)
        if value < low or (value == low and not self.low_inclusive):
            raise ValueError(f"{name} must be {'>=' if self.low_inclusive else '>'} {shown(low)}, got {shown(value)}.")
        if value > self.high:
            raise ValueError(f"{name} must be <= {shown(self.high)}, got {shown(value)}.")
        return int(value) if self.integer else float(value)

    def parse(self, text: str) -> Any:
        """The value a link's text stands for (``"0.3"`` → 0.3, ``"4,2"`` → [4, 2], ``"1"`` → true),
        then checked as any value is."""
        if self.kind == "flag":
            flags = {"1": True, "true": True, "0": False, "false": False}
            if text.lower() not in flags:
                raise ValueError(f"{self.name} must be 1 or 0 (true or false), got {shown(text)}.")
            return self.check(flags[text.lower()])
        if self.kind == "features":
            return self.check([part for part in text.split(",") if part])
        if self.kind == "layers":
            return self.check([_number(part, f"{self.name}", True) for part in text.split(",") if part])
        if self.kind == "number":
            return self.check(_number(text, self.name, self.integer))
        return self.check(text)

    def to_dict(self) -> dict[str, Any]:
        """The control as the page builds it."""
        options = [{"value": o[0], "label": o[1], **(o[2] if len(o) > 2 else {})} for o in self.options]
        return {"name": self.name, "control": self.control, "label": self.label, "kind": self.kind,
                "group": self.group, "options": options, "step": self.step,
                **({"low": self.low, "high": self.high} if self.kind == "number" else {})}


def _number(text: str, name: str, integer: bool) -> int | float:
    """A number written in a link (checked for its range afterwards)."""
    try:
        return int(text) if integer and text.strip().lstrip("+-").isdigit() and len(text) < 20 else float(text)
    except ValueError:
        raise TypeError(f"{name} must be {'an integer' if integer else 'a number'}, got {shown(text)}.") from None


def _choices(values: Mapping[str, str]) -> tuple:
    return tuple((value, label) for value, label in values.items())


RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10)
NEURONS = Control("neurons", "Neurons", "number", "", low=1, high=MAX_NEURONS, integer=True)
#: Every setting, in the order the page shows them in their group.
CONTROLS = (
    Control("learning_rate", "Learning rate", "number", "header", tuple((r, f"{r:g}") for r in RATES),
            low=0, high=10, low_inclusive=False),
    Control("activation", "Activation", "choice", "header",
            _choices({"tanh": "tanh", "sigmoid": "sigmoid", "relu": "ReLU", "identity": "identity"})),
    Control("optimizer", "Optimizer", "choice", "header",
            _choices({"sgd": "SGD", "momentum": "momentum", "adam": "Adam"})),
    Control("schedule", "Rate schedule", "choice", "header",
            _choices({"constant": "constant", "step": "halve every 200 epochs", "exponential": "× 0.999 each epoch",
                      "inverse-time": "η / (1 + 0.01 t)"})),
    Control("regularization", "Regularisation", "choice", "header", _choices({"none": "none", "l1": "L1", "l2": "L2"})),
    Control("regularization_rate", "Regularisation rate", "number", "header",
            tuple((r, f"{r:g}") for r in (0, *RATES[2:])), low=0, high=10),
    Control("problem", "Problem type", "choice", "header",
            _choices({"classification": "classification", "regression": "regression"})),
    Control("dataset", "Data set", "choice", "data", (
        *((name, g.label, {"problem": g.problem, "classes": g.multiclass, "hold_out": g.hold_out})
          for name, g in GENERATORS.items()),
        ("csv", "your CSV…", {"upload": True}))),
    Control("classes", "Classes", "number", "data", low=2, high=MAX_CLASSES, integer=True, step=1),
    Control("train_fraction", "Training data", "number", "data", low=0.1, high=0.9, step=0.1),
    Control("noise", "Noise", "number", "data", low=0, high=0.5, step=0.05),
    Control("batch_size", "Batch size", "number", "data", low=1, high=100, integer=True, step=1),
    Control("zero_init", "start every weight at 0", "flag", "data"),
    Control("features", "Features", "features", "network",
            tuple((name, label) for name, (label, _) in FEATURES.items())),
    Control("layers", "Hidden layers", "layers", "network"),
    Control("points", "Points", "number", "", low=10, high=MAX_POINTS, integer=True),
    Control("seed", "Seed", "number", "", low=0, high=2**31 - 1, integer=True),
)
BY_NAME = {c.name: c for c in CONTROLS}
#: What a link may hide (``hide=learning-rate,help``): each control of the header and the data column,
#: the + and − of the layers, the whole data column, the explanations.
HIDEABLE = (*(c.control for c in CONTROLS if c.group in ("header", "data")), "layers", "data", "help")
#: The view a link keeps besides the settings: show the test points, discretize the output.
VIEW_FLAGS = ("test", "discretize")


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
    def from_dict(cls, raw: Any) -> Settings:
        """Check every value sent by the page; keys it leaves out keep their defaults. The first
        bad value is a ValueError/TypeError naming its setting."""
        if not isinstance(raw, dict):
            raise TypeError(f"settings must be an object of name: value, got {shown(raw)}.")
        unknown = sorted(set(raw) - set(BY_NAME))
        if unknown:
            raise ValueError(f"Unknown setting {shown(unknown[0])}; known settings: {', '.join(sorted(BY_NAME))}.")
        return cls(**{**asdict(cls()), **{name: BY_NAME[name].check(value) for name, value in raw.items()}})

    @classmethod
    def from_link(cls, query: str) -> tuple[Settings, dict[str, Any], list[str]]:
        """The settings and the view a link's query string holds (``learning_rate=0.3&hide=help``),
        keeping every valid one: returns (settings, view, problems), where a setting that is bad is
        left at its default and said in ``problems``, as is anything the link holds that is not a
        setting. ``view`` is ``{"test": bool, "discretize": bool, "hide": [names]}``."""
        values: dict[str, Any] = {}
        view: dict[str, Any] = {"test": False, "discretize": False, "hide": []}
        problems: list[str] = []
        unknown: list[str] = []
        for key, text in parse_qsl(query.lstrip("?"), keep_blank_values=True):
            try:
                if key in VIEW_FLAGS:
                    view[key] = Control(key, key, "flag", "").parse(text)
                elif key == "hide":
                    names = [n for n in text.split(",") if n]
                    absent = list(dict.fromkeys(n for n in names if n not in HIDEABLE))
                    if absent:
                        more = f" and {len(absent) - 3} more" if len(absent) > 3 else ""
                        problems.append(f"hide: {', '.join(shown(n) for n in absent[:3])}{more} "
                                        f"{'is not a part' if len(absent) == 1 else 'are not parts'} of the page, "
                                        f"so nothing was hidden for {'it' if len(absent) == 1 else 'them'} "
                                        f"(the parts that can be hidden: {', '.join(HIDEABLE)}).")
                    view["hide"] = [n for n in names if n in HIDEABLE]
                elif key not in BY_NAME:
                    unknown.append(key)
                elif key == "dataset" and text == "csv":
                    problems.append("This link was made with an uploaded CSV file, and uploaded data do not "
                                    "travel in a link: upload the file again (the link's other settings were kept).")
                else:
                    values[key] = BY_NAME[key].parse(text)
            except (ValueError, TypeError) as err:
                kept = f"left at {shown(getattr(cls(), key))}" if key in BY_NAME else "left off"
                problems.append(f"The link's {err} It was {kept}.")
        if unknown:
            more = f" and {len(unknown) - 3} more" if len(unknown) > 3 else ""
            names = ", ".join(shown(k) for k in unknown[:3]) + more
            problems.append(f"The link's {names} {'is not a setting' if len(unknown) == 1 else 'are not settings'} of "
                            f"the playground; {'it was' if len(unknown) == 1 else 'they were'} ignored.")
        return cls(**{**asdict(cls()), **values}), view, problems

    def to_dict(self) -> dict[str, Any]:
        """The settings as JSON-ready values (lists for the tuples)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    def data_fields(self) -> tuple:
        """What the data depend on: a change here means new points."""
        return self.dataset, self.points, self.classes, self.noise, self.seed


# ---------------------------------------------------------------- what the settings build
def build_network(settings: Settings, n_classes: int) -> NeuralNetwork:
    """The network of these settings: inputs = the chosen features, the hidden layers, the output
    that suits the problem (``glassnet.tasks.output_layer``); weights from the settings' seed (all 0
    with ``zero_init``)."""
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
