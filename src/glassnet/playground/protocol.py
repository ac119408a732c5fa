"""The messages between the page and the server, their limits, and the sessions they belong to.

The page sends small JSON commands over a WebSocket; the server answers with JSON messages
(``hello``, ``data``, ``inspection``, ``code``, ``state``, ``error``) and with binary frames
(see ``engine.Session.frame``). Frames are paced by the page: a new one is sent only after
the page says it drew the last (``{"type": "drawn"}``), so a slow page never falls behind.

Every command is checked here (its size, its type, its fields, how often they come) and a bad
one is answered with ``{"type": "error", "message": ...}`` that the page shows as it is. This
module does no I/O: ``server.py`` carries its messages, which keeps all of it testable.

Commands (JSON objects with a ``type``)::

    settings {settings}       new settings: new data if needed, a fresh network, paused
    play | pause | step | reset
    inspect {layer, neuron, set, index}         the inspector (layers and neurons from 1)
    set_weight {layer, source, neuron, value}   source 0 is the bias
    upload {name, csv}        the user's CSV as text
    code                      "show code"
    alive                     the page is in view (once a minute), so it is not idle
    drawn                     the page drew the last frame
"""

from __future__ import annotations

import asyncio
import json
import secrets
from dataclasses import asdict, dataclass, field
from typing import Any

from glassnet._validation import check_number
from glassnet.playground.data import FEATURES, MAX_UPLOAD_BYTES, read_upload
from glassnet.playground.engine import Session
from glassnet.playground.settings import (
    DATASETS,
    HIDDEN_ACTIVATIONS,
    MAX_CLASSES,
    MAX_LAYERS,
    MAX_NEURONS,
    MAX_POINTS,
    OPTIMIZERS,
    PROBLEMS,
    REGULARIZATIONS,
    SCHEDULES,
    Settings,
)

Reply = dict[str, Any] | bytes


@dataclass(frozen=True)
class Limits:
    """What one page may ask of the server."""

    sessions: int = 4  # pages open at once
    idle_seconds: float = 900.0  # a page that sends no command for this long is dropped
    message_bytes: int = MAX_UPLOAD_BYTES + 20_000  # one command (an upload is the largest)
    commands_per_second: float = 20.0  # sustained; bursts of ``burst`` are fine
    burst: int = 40
    epochs_per_second: float = 60.0  # while playing (TensorFlow Playground: one epoch per frame)


class LimitError(Exception):
    """A request over the server's limits; the message says which and what to do."""


class RateLimiter:
    """A token bucket: ``rate`` commands per second on average, ``burst`` at once."""

    def __init__(self, rate: float, burst: int, now: float) -> None:
        self.rate, self.burst = rate, burst
        self.tokens, self.last = float(burst), now

    def allow(self, now: float) -> bool:
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


def options() -> dict[str, Any]:
    """The choices the page offers (what ``Settings`` accepts), sent in ``hello``."""
    return {
        "datasets": list(DATASETS), "activations": list(HIDDEN_ACTIVATIONS), "problems": list(PROBLEMS),
        "optimizers": list(OPTIMIZERS), "regularizations": list(REGULARIZATIONS), "schedules": list(SCHEDULES),
        "features": {name: label for name, (label, _) in FEATURES.items()},
        "max_layers": MAX_LAYERS, "max_neurons": MAX_NEURONS, "max_points": MAX_POINTS,
        "max_classes": MAX_CLASSES, "max_upload_bytes": MAX_UPLOAD_BYTES,
        "defaults": Settings().to_dict(),
    }


def _int_field(message: dict, name: str) -> int:
    return check_number(message.get(name), name, integer=True)


@dataclass
class Connection:
    """One open page: its session, whether it plays, and what it has been sent."""

    limits: Limits
    now: float
    token: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    playing: bool = False

    def __post_init__(self) -> None:
        self.session = Session(epochs_per_second=self.limits.epochs_per_second)
        self.limiter = RateLimiter(self.limits.commands_per_second, self.limits.burst, self.now)
        self.drawn_limiter = RateLimiter(120, 240, self.now)
        self.last_command = self.now
        self.awaiting_drawn = False
        self.configured = False  # no frame before the page's own settings arrived
        self.dirty = True  # something changed since the last frame
        self.sent = (0, 0, 0)  # (run, curve thinnings, curve points) the page has
        self.lock = asyncio.Lock()  # the server's: one piece of work on this session at a time

    def hello(self) -> dict[str, Any]:
        return {"type": "hello", "options": options(), "limits": asdict(self.limits),
                "download": f"/model/{self.token}.npz"}

    # ------------------------------------------------------------------ commands
    def handle(self, text: str | bytes, now: float) -> list[Reply]:
        """Answer one message from the page; a bad one gets an ``error`` reply, never an exception."""
        try:
            return self._handle(text, now)
        except (ValueError, TypeError, LimitError, FloatingPointError) as err:
            if isinstance(err, FloatingPointError):
                self.playing = False
                return [{"type": "error", "message": str(err)}, self.state()]
            return [{"type": "error", "message": str(err)}]

    def _handle(self, text: str | bytes, now: float) -> list[Reply]:
        if len(text) > self.limits.message_bytes:
            raise LimitError(f"That request is {len(text):,} bytes; the limit is {self.limits.message_bytes:,}.")
        try:
            message = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            raise ValueError(f"A request must be JSON: {err}.") from None
        if not isinstance(message, dict) or not isinstance(message.get("type"), str):
            raise ValueError("A request must be a JSON object with a 'type'.")
        kind = message["type"]
        if kind == "drawn":  # pacing, not a command: a limit of its own (a page draws at most 60 a second)
            if not self.drawn_limiter.allow(now):
                raise LimitError("Too many 'drawn' messages: a page draws at most 60 frames a second.")
            self.awaiting_drawn = False
            return []
        if not self.limiter.allow(now):
            raise LimitError(f"Too many requests: at most {self.limits.commands_per_second:g} a second. "
                             "Wait a moment and try again.")
        self.last_command = now
        session = self.session
        if kind == "alive":  # the page is open in front of someone: not idle
            return []
        if kind == "settings":
            settings = Settings.from_dict(message.get("settings", {}))
            self.playing = False
            session.apply(settings)
            self.configured = True
            return [session.data_message(), self.state()]
        if kind == "upload":
            name, csv = message.get("name", "upload.csv"), message.get("csv")
            if not isinstance(csv, str) or not isinstance(name, str):
                raise TypeError("upload needs 'csv' (the file's text) and 'name' (its name).")
            data = read_upload(csv.encode(), name)
            settings = Settings.from_dict({**session.settings.to_dict(), "dataset": "csv",
                                           **message.get("settings", {})})
            self.playing = False
            session.apply(settings, upload=data)
            self.configured = True
            return [session.data_message(), self.state()]
        if kind in ("play", "pause"):
            self.playing = kind == "play"
            if self.playing:
                session.play()
            else:
                session.pause()
            return [self.state()]
        if kind == "step":
            self.playing = False
            session.train(1)
        elif kind == "reset":
            self.playing = False
            session.reset()
        elif kind == "inspect":
            return [session.inspect(_int_field(message, "layer"), _int_field(message, "neuron"),
                                    message.get("set"), _int_field(message, "index"))]
        elif kind == "set_weight":
            value = check_number(message.get("value"), "value", low=-100, low_inclusive=True, high=100)
            session.set_weight(_int_field(message, "layer"), _int_field(message, "source"),
                               _int_field(message, "neuron"), float(value))
        elif kind == "code":
            return [{"type": "code", "code": session.code()}]
        else:
            raise ValueError(f"Unknown request type {kind!r}.")
        self.dirty = True
        return [self.state()]

    def state(self) -> dict[str, Any]:
        self.dirty = True
        return {"type": "state", "playing": self.playing, "epoch": self.session.epoch}

    # ------------------------------------------------------------------ the steady stream
    def tick(self) -> list[Reply]:
        """One turn of the server's loop: what stopped training, if anything, and the next frame if due."""
        replies: list[Reply] = []
        error = self.session.take_error()
        if error is not None:
            self.playing = False
            replies += [{"type": "error", "message": str(error)}, self.state()]
        frame = self.next_frame()
        return [*replies, frame] if frame is not None else replies

    def next_frame(self) -> bytes | None:
        """A frame if the page is ready for one and something changed, else None."""
        if not self.configured or self.awaiting_drawn or not (self.dirty or self.playing):
            return None
        session = self.session
        run, thinned, sent = self.sent
        since = sent if (run, thinned) == (session.run, session.curve.thinned) else 0
        frame = session.frame(since)
        self.sent = (session.run, session.curve.thinned, len(session.curve.epochs))
        self.awaiting_drawn, self.dirty = True, False
        return frame

    def idle(self, now: float) -> bool:
        return now - self.last_command > self.limits.idle_seconds


class Sessions:
    """The open pages, at most ``limits.sessions``; idle ones are dropped to make room."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.open: dict[str, Connection] = {}

    def connect(self, now: float) -> Connection:
        """A new page's connection, after forgetting the idle ones (the server closes their pages).

        Raises LimitError when every place is taken by a page in use."""
        for c in [c for c in self.open.values() if c.idle(now)]:
            self.disconnect(c)
        if len(self.open) >= self.limits.sessions:
            raise LimitError(f"The playground already has {self.limits.sessions} pages open, the most it "
                             "serves at once; close one of them and reload this page.")
        connection = Connection(self.limits, now)
        self.open[connection.token] = connection
        return connection

    def disconnect(self, connection: Connection) -> None:
        """Forget a page that went away, and stop its training."""
        self.open.pop(connection.token, None)
        connection.session.close()

    def get(self, token: str) -> Connection | None:
        return self.open.get(token)
