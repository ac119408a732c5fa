"""Reading the worker's results channel: only the lines the checker asked for, in order.

The worker answers the requests one by one (``worker.py``): ``ready``, then for each request
``start i`` and ``reply i``, then ``end`` (or ``timeout i``). ``read`` accepts exactly that
sequence, each line a bounded JSON object whose values ``wire.decode`` reads back; a line out
of place, too deep, too large or of a shape the worker never writes is not read further: the
transcript says the learner's file wrote something the checker did not ask for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from glassnet.checker import wire

#: Bytes of one line of results that are read.
MAX_LINE = 32 * 2**20


@dataclass
class Reply:
    """One request's answer: the values asked for (decoded), the arguments after each call,
    the warnings raised; or the learner's error and the step that raised it (with, in
    ``values``, what a recording step saw before it)."""

    values: list[Any] = field(default_factory=list)
    after: list[list[Any]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    silenced: bool = False
    error: dict[str, Any] | None = None
    step: int | None = None


@dataclass
class Transcript:
    """Everything the worker said, checked against the protocol."""

    ready: Any = None  # "ok", the error that stopped the import (a dict), or None: never said
    replies: dict[int, Reply] = field(default_factory=dict)
    running: int | None = None  # the request started and not answered (0: the import)
    timeout: int | None = None  # the request during which the worker's time ran out
    calls: int | None = None  # how often a recorded function had been called by then
    ended: bool = False
    not_asked: str | None = None  # the first line the checker did not ask for, shortened


def _text(value: Any, limit: int = 2000) -> str:
    return str(value)[:limit]


def _error(data: Any) -> dict[str, Any]:
    """A described error, every field a bounded string."""
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise ValueError("not an error the worker describes")
    kinds = data.get("kinds")
    return {"type": _text(data["type"], 100), "message": _text(data.get("message", "")),
            "where": _text(data.get("where", ""), 500), "module": data.get("module") if isinstance(
                data.get("module"), str) else None,
            "kinds": [_text(k, 100) for k in kinds[:20]] if isinstance(kinds, list) else [_text(data["type"], 100)]}


def _reply(data: dict[str, Any]) -> Reply:
    if "error" in data:
        if not {"reply", "error", "step"} <= set(data) <= {"reply", "error", "step", "recorded"} \
                or not isinstance(data["step"], int):
            raise ValueError("not a reply")
        recorded = [wire.decode(data["recorded"])] if "recorded" in data else []
        return Reply(values=recorded, error=_error(data["error"]), step=data["step"])
    if not {"reply", "values", "after", "warnings"} <= set(data) <= {"reply", "values", "after", "warnings",
                                                                        "silenced"}:
        raise ValueError("not a reply")
    values, after, caught = data["values"], data["after"], data["warnings"]
    if not (isinstance(values, list) and isinstance(after, list) and isinstance(caught, list)) or len(caught) > 3:
        raise ValueError("not a reply")
    decoded_after = []
    for call in after:
        if not isinstance(call, list):
            raise ValueError("not a reply")
        decoded_after.append([wire.decode(a) for a in call])
    warnings = []
    for w in caught:
        if not isinstance(w, dict):
            raise ValueError("not a warning")
        warnings.append({key: _text(w.get(key, ""), 500) for key in ("category", "message", "where")})
    return Reply(values=[wire.decode(v) for v in values], after=decoded_after, warnings=warnings,
                 silenced=data.get("silenced") is True)


def read(lines: list[bytes], n_requests: int, cut: bool = False) -> Transcript:
    """The transcript of ``lines``, stopping at the first line that breaks the protocol."""
    transcript = Transcript()
    expect = "ready"
    current = 0
    for raw in lines:
        try:
            if len(raw) > MAX_LINE:
                raise ValueError("too long")
            data = json.loads(raw)
            if not isinstance(data, dict) or not data:
                raise ValueError("not an object")
            key = next(iter(data))
            if key == "ready" and expect == "ready" and len(data) == 1:
                transcript.ready = "ok" if data["ready"] == "ok" else _error(data["ready"])
                transcript.running = 0
                expect = "start" if transcript.ready == "ok" else "nothing"
            elif key == "start" and expect == "start" and data == {"start": current + 1} and current < n_requests:
                current += 1
                transcript.running = current
                expect = "reply"
            elif key == "reply" and expect == "reply" and data["reply"] == current:
                transcript.replies[current] = _reply(data)
                transcript.running = None
                expect = "start" if current < n_requests else "end"
            elif key == "end" and expect == "end" and data == {"end": n_requests}:
                transcript.ended = True
                expect = "nothing"
            elif key == "timeout" and expect != "nothing" and data.get("timeout") in (current, current + 1) \
                    and set(data) <= {"timeout", "calls"} and data["timeout"] <= n_requests \
                    and isinstance(data.get("calls", 0), int) and not isinstance(data.get("calls"), bool):
                transcript.timeout = data["timeout"]
                transcript.calls = data.get("calls")
                expect = "nothing"
            else:
                raise ValueError("not asked for")
        except (ValueError, TypeError, KeyError, RecursionError, MemoryError, OverflowError):
            transcript.not_asked = raw[:80].decode("utf-8", errors="replace")
            return transcript
    if cut:
        transcript.not_asked = f"more than {len(b''.join(lines))} bytes of results"
    return transcript
