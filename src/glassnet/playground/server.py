"""The playground's web server: the static page, its WebSocket, the model download (Starlette + uvicorn).

One WebSocket per page. Two tasks serve it: one reads the page's commands and answers them
(``protocol.Connection.handle``), the other streams: it sends a frame whenever the page has drawn
the last one (and reports training that failed). The network trains in its session's own
thread (``worker.py``); requests reach glassnet through ``asyncio.to_thread``, one at a time
per page, so the server keeps answering while networks train.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import signal
import socket
import sys
import threading
import time
import webbrowser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from glassnet._validation import import_optional
from glassnet.playground.protocol import Connection, LimitError, Limits, Sessions

STATIC = Path(__file__).parent / "static"
TICK = 1 / 60  # seconds between two turns of the play loop
LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")


def hostname(header: str | None) -> str | None:
    """The name in a Host header or an Origin's address, without port or brackets, lower case
    (``"[::1]:8765"`` → ``"::1"``); None if it is not one."""
    if not header:
        return None
    try:
        parts = urlsplit(header if "//" in header else f"//{header}")
        _ = parts.port  # a port that is not a number is a ValueError here
    except ValueError:
        return None
    return parts.hostname


def is_local(host: str) -> bool:
    """Whether ``host`` is this computer only: localhost, or a loopback address (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_host(host: str) -> str:
    """``host`` to listen on, or a ValueError: a name of only spaces names no address."""
    if not host.strip():
        raise ValueError(f"--host {host!r} names no address; give 127.0.0.1 (this computer only) or "
                         "0.0.0.0 (every network of this computer).")
    return host.strip()


def url_of(host: str, port: int) -> str:
    """The page's address: ``http://127.0.0.1:8765/``, ``http://[::1]:8765/`` (an IPv6 address in brackets)."""
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def to_json(message: dict[str, Any]) -> str:
    """A message for the page as JSON text: strictly JSON (a number that is not finite is an
    error here, not ``Infinity`` there) and ASCII (no text can fail to encode)."""
    return json.dumps(message, separators=(",", ":"), allow_nan=False)
HEADERS = {  # the page loads nothing from anywhere else
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
                               "style-src 'self'; script-src 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def create_app(limits: Limits | None = None, allowed_hosts: list[str] | None = None):  # -> Starlette
    """The ASGI application: ``/`` the page, ``/static/...`` its files, ``/ws`` its WebSocket,
    ``/model/<token>.npz`` the download of that page's trained network.

    ``allowed_hosts``: the names the page may be reached by (the Host header, ``::1`` for
    ``[::1]:8765``); any other gets 400, which stops another site from reaching a local server by
    rebinding its own name to 127.0.0.1. None accepts any (for ``--host`` on a network, and tests)."""
    import_optional("starlette", "starlette", "playground", "glassnet playground")
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.responses import FileResponse, PlainTextResponse, Response
    from starlette.routing import Mount, Route, WebSocketRoute
    from starlette.staticfiles import StaticFiles
    from starlette.websockets import WebSocket, WebSocketDisconnect

    sessions = Sessions(limits)

    async def page(request):
        return FileResponse(STATIC / "index.html", headers=HEADERS)

    async def no_icon(request):
        return Response(status_code=204)

    async def download(request):
        connection = sessions.get(request.path_params["token"])
        if connection is None:
            return PlainTextResponse("No such playground session (it was closed); reload the page.", 404)
        async with connection.lock:
            content = await asyncio.to_thread(connection.session.model_file)
        return Response(content, media_type="application/octet-stream", headers={
            **HEADERS, "Content-Disposition": 'attachment; filename="glassnet-playground.npz"'})

    async def play(ws: WebSocket, connection: Connection, wake: asyncio.Event) -> None:
        """Send frames (and training errors) until the page goes or idles too long. Each turn
        waits ``TICK``, or less when a message from the page (such as "drawn") wakes it."""
        while True:
            now = time.monotonic()
            if connection.idle(now):
                await ws.send_json({"type": "error", "message": "This page was idle too long and was closed "
                                    "to make room for others; reload it to start again."})
                sessions.disconnect(connection)
                await ws.close(code=1000)
                return
            async with connection.lock:
                replies = await asyncio.to_thread(connection.tick)
            for reply in replies:
                await (ws.send_bytes(reply) if isinstance(reply, bytes) else ws.send_text(to_json(reply)))
            wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), TICK)

    async def websocket(ws: WebSocket) -> None:
        origin, host = ws.headers.get("origin"), ws.headers.get("host")
        if origin is not None and (urlsplit(origin).netloc.lower() != (host or "").lower()
                                   or hostname(origin) is None):  # another site's page
            await ws.close(code=1008)
            return
        await ws.accept()
        try:
            connection = sessions.connect(time.monotonic())
        except LimitError as err:
            await ws.send_json({"type": "error", "message": str(err)})
            await ws.close(code=1013)
            return
        await ws.send_json(connection.hello())
        wake = asyncio.Event()
        player = asyncio.create_task(play(ws, connection, wake))
        try:
            while True:
                message = await ws.receive()
                if message["type"] == "websocket.disconnect":
                    break
                text = message.get("text") if message.get("text") is not None else message.get("bytes", b"")
                async with connection.lock:
                    replies = await asyncio.to_thread(connection.handle, text, time.monotonic())
                for reply in replies:
                    await ws.send_text(to_json(reply))
                wake.set()
        except WebSocketDisconnect:
            pass
        finally:
            player.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await player
            sessions.disconnect(connection)

    routes = [
        Route("/", page),
        Route("/favicon.ico", no_icon),
        Route("/model/{token}.npz", download),
        WebSocketRoute("/ws", websocket),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [Middleware(HostCheck, allowed=allowed_hosts)] if allowed_hosts else []
    app = Starlette(routes=routes, middleware=middleware)
    app.state.sessions = sessions
    return app


class HostCheck:
    """ASGI middleware: a request or WebSocket whose Host header names none of ``allowed`` gets
    400 "Invalid host header" (an IPv6 name is written ``[::1]:8765`` and read as ``::1``)."""

    def __init__(self, app: Any, allowed: list[str]) -> None:
        self.app, self.allowed = app, {name.lower() for name in allowed}

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            headers = dict(scope.get("headers", []))
            if hostname(headers.get(b"host", b"").decode("latin-1")) not in self.allowed:
                from starlette.responses import PlainTextResponse

                await PlainTextResponse("Invalid host header", status_code=400)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def guarded_http(limits: Limits) -> type:
    """uvicorn's HTTP protocol (h11), but a connection that has not sent a whole request's headers
    within ``limits.header_seconds`` is closed, and beyond ``limits.connections`` open ones a new
    connection is closed at once, so that half-open requests cannot hold every file descriptor."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class GuardedH11(H11Protocol):
        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self.header_timer = None
            if len(self.connections) > limits.connections:
                transport.abort()
                return
            self.header_timer = self.loop.call_later(limits.header_seconds, self.drop_if_no_request)

        def drop_if_no_request(self) -> None:
            if self.cycle is None and self.transport.get_protocol() is self and not self.transport.is_closing():
                self.transport.close()  # no request came: a slow or a half-open client

        def connection_lost(self, exc: Exception | None) -> None:
            if self.header_timer is not None:
                self.header_timer.cancel()
            super().connection_lost(exc)

    return GuardedH11


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: a free one, chosen by the system)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except (OSError, UnicodeError) as err:
        sock.close()
        reason = err.strerror if isinstance(err, OSError) and err.strerror else err
        raise OSError(f"Cannot listen on {host}:{port}: {reason}.") from None
    sock.listen(64)
    return sock


def serve(host: str = "127.0.0.1", port: int = 8765, *, open_browser: bool = True,
          limits: Limits | None = None) -> None:
    """Serve the playground until Ctrl-C (then KeyboardInterrupt reaches the caller) or SIGTERM (then
    it returns).

    Prints the page's address on one line; opens it in the browser unless ``open_browser`` is False.
    A loopback ``host`` (127.0.0.1, 127.0.0.2, ::1, localhost) answers only to local names;
    any other warns that other machines can reach the page.
    """
    uvicorn = import_optional("uvicorn", "uvicorn", "playground", "glassnet playground")
    limits = limits or Limits()
    host = check_host(host)
    sock = bind(host, port)
    url = url_of(host, sock.getsockname()[1])
    local = is_local(host)
    if not local:
        print(f"glassnet playground: warning: listening on {host}, so other machines can reach this page "
              "and train on this computer; use --host only on a network you trust.", file=sys.stderr)
    app = create_app(limits, allowed_hosts=[*LOCAL_NAMES, host] if local else None)
    # Messages up to twice the limit still arrive and are answered with an error; beyond, the socket closes.
    config = uvicorn.Config(app, log_level="warning", ws_max_size=2 * limits.message_bytes, lifespan="off",
                            http=guarded_http(limits))
    server = uvicorn.Server(config)
    if threading.current_thread() is threading.main_thread():  # SIGTERM, even before uvicorn listens for it
        signal.signal(signal.SIGTERM, lambda signum, frame: setattr(server, "should_exit", True))
    print(f"glassnet playground: {url}", flush=True)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    server.run(sockets=[sock])
