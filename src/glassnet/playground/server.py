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
import socket
import sys
import threading
import time
import webbrowser
from pathlib import Path
from urllib.parse import urlsplit

from glassnet._validation import import_optional
from glassnet.playground.protocol import Connection, LimitError, Limits, Sessions

STATIC = Path(__file__).parent / "static"
TICK = 1 / 60  # seconds between two turns of the play loop
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
HEADERS = {  # the page loads nothing from anywhere else
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
                               "style-src 'self'; script-src 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def create_app(limits: Limits | None = None, allowed_hosts: list[str] | None = None):  # -> Starlette
    """The ASGI application: ``/`` the page, ``/static/...`` its files, ``/ws`` its WebSocket,
    ``/model/<token>.npz`` the download of that page's trained network.

    ``allowed_hosts``: the names the page may be reached by (the Host header); any other gets
    400, which stops another site from reaching a local server by rebinding its own name to
    127.0.0.1. None accepts any (for ``--host`` on a network, and tests)."""
    import_optional("starlette", "starlette", "playground", "glassnet playground")
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
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
                await (ws.send_bytes(reply) if isinstance(reply, bytes) else ws.send_json(reply))
            wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), TICK)

    async def websocket(ws: WebSocket) -> None:
        origin, host = ws.headers.get("origin"), ws.headers.get("host")
        if origin is not None and urlsplit(origin).netloc != host:  # another site's page
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
                    await ws.send_json(reply)
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
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)] if allowed_hosts else []
    app = Starlette(routes=routes, middleware=middleware)
    app.state.sessions = sessions
    return app


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: a free one, chosen by the system)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        raise OSError(f"Cannot listen on {host}:{port}: {err.strerror or err}.") from None
    sock.listen(64)
    return sock


def serve(host: str = "127.0.0.1", port: int = 8765, *, open_browser: bool = True,
          limits: Limits | None = None) -> None:
    """Serve the playground until Ctrl-C (then KeyboardInterrupt reaches the caller).

    Prints the page's address on one line; opens it in the browser unless ``open_browser`` is False.
    """
    uvicorn = import_optional("uvicorn", "uvicorn", "playground", "glassnet playground")
    limits = limits or Limits()
    sock = bind(host, port)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{sock.getsockname()[1]}/"
    if host not in LOCAL_HOSTS:  # (checked again below for the allowed Host names)
        print(f"glassnet playground: warning: listening on {host}, so other machines can reach this page "
              "and train on this computer; use --host only on a network you trust.", file=sys.stderr)
    local = host in LOCAL_HOSTS
    app = create_app(limits, allowed_hosts=["127.0.0.1", "localhost", "::1"] if local else None)
    config = uvicorn.Config(app, log_level="warning", ws_max_size=limits.message_bytes + 1024,
                            lifespan="off")
    server = uvicorn.Server(config)
    print(f"glassnet playground: {url}", flush=True)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    server.run(sockets=[sock])
