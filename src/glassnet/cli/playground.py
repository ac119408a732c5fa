"""``glassnet playground``: watch glassnet learn in the browser (needs the ``playground`` extra)."""

from __future__ import annotations

import argparse
import contextlib
import sys


def cmd_playground(args: argparse.Namespace) -> int:
    from glassnet.playground.server import serve

    if not 0 <= args.port <= 65535:
        raise ValueError(f"--port must be 0 to 65535 (0: any free port), got {args.port}.")
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how it stops
        serve(args.host, args.port, open_browser=not args.no_browser)
    print("glassnet playground: stopped.", file=sys.stderr)
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``playground`` to the ``glassnet`` command."""
    playground = commands.add_parser(
        "playground", help="the playground: train a network in the browser and inspect every number",
        description="Serve the playground page on this computer and open it in the browser; Ctrl-C stops it.")
    playground.add_argument("--host", default="127.0.0.1",
                            help="address to listen on (default 127.0.0.1: this computer only)")
    playground.add_argument("--port", type=int, default=8765, help="port (default 8765; 0: any free port)")
    playground.add_argument("--no-browser", action="store_true", help="do not open the page in a browser")
    playground.set_defaults(run=cmd_playground)
