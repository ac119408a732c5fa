"""``glassnet tour``: the track end to end, in the terminal and as an HTML report."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from glassnet.cli.common import check_output_folder


def cmd_tour(args: argparse.Namespace) -> int:
    import importlib.util

    from glassnet import tour

    start = time.perf_counter()
    out: Path | None = check_output_folder(args.out)
    if importlib.util.find_spec("matplotlib") is None:
        print('matplotlib is not installed, so this tour is text only; pip install "glassnet[plot]" '
              "for the report with its figures.")
        out = None
    sections = tour.run(quick=args.quick, out=out)
    print(f"\nThe tour took {time.perf_counter() - start:.1f} s.")
    if out is not None:
        n_figures = sum(len(section.figures) for section in sections)
        print(f"Report with {n_figures} figures: {(out / 'index.html').resolve()} (open it in a browser)")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``tour`` to the ``glassnet`` command."""
    tour = commands.add_parser("tour", help="run the whole track end to end and report its numbers")
    tour.add_argument("--out", default="glassnet-tour", metavar="DIR",
                      help="folder for the report, index.html and its figures (default: glassnet-tour; checked "
                      "before the tour starts)")
    tour.add_argument("--quick", action="store_true", help="fewer epochs and timings (a few seconds)")
    tour.set_defaults(run=cmd_tour)
