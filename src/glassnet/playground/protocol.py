"""The messages between the page and the server, their limits, and the sessions they belong to.

The page sends small JSON commands over a WebSocket; the server answers with JSON messages
(``hello``, ``link``, ``data``, ``inspection``, ``code``, ``state``, ``error``) and with binary
frames (see ``frames.py``). Frames are paced by the page: a new one is sent only after
the page says it drew the last (``{"type": "drawn"}``), so a slow page never falls behind.

Every command is checked here (its size, its nesting, its type, its fields, how often they
come) and a bad one is answered with ``{"type": "error", "message": ...}``, a sentence about
the setting or field, that the page shows as it is. This
module does no I/O: ``server.py`` carries its messages, which keeps all of it testable.

Commands (JSON objects with a ``type``)::

    link {query}              the page's link (its text after "?"): every valid setting of it is
                              kept, and each bad one said in the reply's ``problems``
    settings {settings}       new settings: new data if needed, a fresh network, paused
    play | pause | step | reset
    inspect {layer, neuron, set, index}         the inspector (layers and neurons from 1)
    set_weight {layer, source, neuron, value}   source 0 is the bias
    upload {name, csv}        the user's CSV as text
    code                      "show code"
    alive                     the page is in view (once a minute), so it is not idle
    drawn                     the page drew the last frame

Any command may carry an ``id`` (a whole number the page chooses); the replies to it (``data``,
``error``) carry it back as ``reply_to``. The page numbers the commands that change the
settings (link, settings, upload) and takes the settings of a ``data`` reply only when it
answers the last of them: a reply to an older one must not undo a change made since.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import sys
from dataclasses import asdict, dataclass, field
from typing import Any

from glassnet.playground.data import MAX_UPLOAD_BYTES, read_upload
from glassnet.playground.session import Session
from glassnet.playground.settings import (
    CONTROLS,
    HIDEABLE,
    MAX_LAYERS,
    MAX_NEURONS,
    VIEW_FLAGS,
    Control,
    Settings,
    shown,
)

Reply = dict[str, Any] | bytes
MAX_DEPTH = 8  # the deepest nesting of lists and objects a command has (settings.layers is 3 deep)
MAX_DIGITS = 30  # the longest whole number a command holds (a seed has 10 digits)


@dataclass(frozen=True)
class Limits:
    """What one page may ask of the server."""

    sessions: int = 4  # pages open at once
    idle_seconds: float = 900.0  # a page that sends no command for this long is dropped
    # One command, in bytes as sent: the largest is an upload of MAX_UPLOAD_BYTES, whose text JSON
    # may escape to 6 bytes a byte (a control character as \u0001), and its name and settings.
    message_bytes: int = 6 * MAX_UPLOAD_BYTES + 10_000
    commands_per_second: float = 20.0  # sustained; bursts of ``burst`` are fine
    burst: int = 40
    epochs_per_second: float = 60.0  # while playing (TensorFlow Playground: one epoch per frame)
    header_seconds: float = 10.0  # an HTTP request whose headers take longer is dropped
    connections: int = 256  # open HTTP connections at once; more are closed at once


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
    """What the page builds its controls from (every setting, see ``settings.CONTROLS``), sent in ``hello``."""
    return {
        "controls": [c.to_dict() for c in CONTROLS], "hideable": list(HIDEABLE), "view": list(VIEW_FLAGS),
        "max_layers": MAX_LAYERS, "max_neurons": MAX_NEURONS, "max_upload_bytes": MAX_UPLOAD_BYTES,
        "defaults": Settings().to_dict(),
    }


def _whole_number(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"A request holds a number of {len(text.lstrip('-')):,} digits; none of the playground's "
                         f"settings takes more than {MAX_DIGITS}.")
    return int(text)


def _no_constant(name: str) -> None:
    raise ValueError(f"A request holds {name}, which is not a JSON number; every number must be finite.")


def parse(text: str | bytes, limit: int) -> dict[str, Any]:
    """A command from the page as a JSON object, or a ValueError/LimitError in a sentence: too
    large (``limit`` bytes as sent), not JSON, not an object with a ``type``, nested deeper than
    ``MAX_DEPTH``, holding NaN, Infinity, a number of more than ``MAX_DIGITS`` digits, or text
    that is not Unicode (a lone surrogate)."""
    size = len(text.encode("utf-8", "surrogatepass")) if isinstance(text, str) else len(text)
    if size > limit:
        raise LimitError(f"That request is {size:,} bytes; the limit is {limit:,}.")
    try:
        message = json.loads(text, parse_int=_whole_number, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError(f"A request may nest lists and objects at most {MAX_DEPTH} deep.") from None
    except UnicodeDecodeError as err:
        raise ValueError(f"A request must be JSON text in UTF-8; byte {err.start + 1} is not.") from None
    except json.JSONDecodeError as err:
        raise ValueError(f"A request must be JSON text: {err}.") from None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise ValueError("A request must be a JSON object with a 'type'.")
    stack = [(message, 1)]
    while stack:  # every value, without recursion
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ValueError(f"A request may nest lists and objects at most {MAX_DEPTH} deep.")
        items = list(value.items()) if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, item in items:
            for text_value in (key, item):
                if isinstance(text_value, str):
                    try:
                        text_value.encode("utf-8")
                    except UnicodeEncodeError:
                        raise ValueError("A request must be valid Unicode text; it holds a lone surrogate "
                                         "(half of a character), as a broken file or a bad copy leaves.") from None
            if isinstance(item, dict | list):
                stack.append((item, depth + 1))
    return message


POINT = Control("index", "", "number", "", low=0, integer=True)
LAYER = Control("layer", "", "number", "", low=1, integer=True)
WEIGHT = Control("value", "", "number", "", low=-100, high=100)
COMMAND_ID = Control("id", "", "number", "", low=0, high=2**53, integer=True)  # a JavaScript number stays exact


def _int_field(message: dict, name: str) -> int:
    """A whole number >= 0 of a command (a layer, a neuron, a point), named in its error."""
    return (LAYER if name != "index" else POINT).check_number(message.get(name), name)


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
        """Answer one message from the page; a bad one gets an ``error`` reply, never an exception.
        Replies of type ``data`` and ``error`` carry the command's ``id`` back as ``reply_to``."""
        self.replying_to = None
        try:
            replies = self._handle(text, now)
        except (ValueError, TypeError, LimitError) as err:
            replies = [{"type": "error", "message": str(err)}]
        except FloatingPointError as err:
            self.playing = False
            replies = [{"type": "error", "message": str(err)}, self.state()]
        except Exception as err:  # a bug of the server's: the page hears of it, and the terminal gets one line
            print(f"glassnet playground: error: {type(err).__name__}: {err}", file=sys.stderr)
            self.playing = False
            replies = [{"type": "error", "message": f"The server failed to answer ({type(err).__name__}: {err}); "
                        "training is paused. Reset or change a setting to go on."}, self.state()]
        if self.replying_to is not None:
            for reply in replies:
                if isinstance(reply, dict) and reply["type"] in ("data", "error"):
                    reply["reply_to"] = self.replying_to
        return replies

    def _handle(self, text: str | bytes, now: float) -> list[Reply]:
        message = parse(text, self.limits.message_bytes)
        kind = message["type"]
        if "id" in message:
            self.replying_to = COMMAND_ID.check_number(message["id"], "id")
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
        if kind == "link":  # the page's first settings: every valid one of its link
            query = message.get("query", "")
            if not isinstance(query, str):
                raise TypeError(f"link needs 'query', the link's text after '?', got {shown(query)}.")
            settings, view, problems = Settings.from_link(query)
            self.playing = False
            session.apply(settings)
            self.configured = True
            return [{"type": "link", "view": view, "problems": problems}, session.data_message(), self.state()]
        if kind == "settings":
            settings = Settings.from_dict(message.get("settings", {}))
            self.playing = False
            session.apply(settings)
            self.configured = True
            return [session.data_message(), self.state()]
        if kind == "upload":
            name, csv, changes = message.get("name", "upload.csv"), message.get("csv"), message.get("settings", {})
            if not isinstance(csv, str) or not isinstance(name, str):
                raise TypeError(f"upload needs 'csv' (the file's text) and 'name' (its name); got {shown(csv)} "
                                f"and {shown(name)}.")
            if not isinstance(changes, dict):
                raise TypeError(f"upload's 'settings' must be an object of name: value, got {shown(changes)}.")
            data = read_upload(csv.encode(), name)
            settings = Settings.from_dict({**session.settings.to_dict(), **changes, "dataset": "csv"})
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
            session.set_weight(_int_field(message, "layer"), POINT.check_number(message.get("source"), "source"),
                               _int_field(message, "neuron"), WEIGHT.check_number(message.get("value"), "value"))
        elif kind == "code":
            return [{"type": "code", "code": session.code()}]
        else:
            raise ValueError(f"Unknown request type {shown(kind)}.")
        self.dirty = True
        return [self.state()]

    def state(self) -> dict[str, Any]:
        self.dirty = True
        return {"type": "state", "playing": self.playing, "epoch": self.session.epoch}

    # ------------------------------------------------------------------ the steady stream
    def tick(self) -> list[Reply]:
        """One turn of the server's loop: what stopped training, if anything, and the next frame if
        due. A frame that fails is said to the page (and training pauses), never lost."""
        replies: list[Reply] = []
        error = self.session.take_error()
        if error is not None:
            self.playing = False
            replies += [{"type": "error", "message": str(error)}, self.state()]
        try:
            frame = self.next_frame()
        except Exception as err:  # whatever it was, the page must hear of it
            print(f"glassnet playground: error: a frame failed: {type(err).__name__}: {err}", file=sys.stderr)
            self.session.pause()
            self.playing, self.dirty, self.awaiting_drawn = False, False, False
            return [*replies, {"type": "error", "message": f"The server could not draw the network "
                               f"({type(err).__name__}: {err}); training is paused. Reset or change a setting "
                               "to go on."}, {"type": "state", "playing": False, "epoch": self.session.epoch}]
        return [*replies, frame] if frame is not None else replies

    def next_frame(self) -> bytes | None:
        """A frame if the page is ready for one and something changed, else None. It repeats the
        last curve point the page has (measured again if a weight was edited since)."""
        if not self.configured or self.awaiting_drawn or not (self.dirty or self.playing):
            return None
        session = self.session
        run, thinned, sent = self.sent
        since = max(sent - 1, 0) if (run, thinned) == (session.run, session.curve.thinned) else 0
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
