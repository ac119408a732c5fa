"""The playground's smoothness in a real browser: epochs per second and redraws per second while playing.

Starts ``glassnet playground`` as a user would, opens the page in Chromium (Debian's, through
Playwright), sets up two hidden layers of 8 neurons on 500 points (spiral, tanh, the other
settings TensorFlow Playground's defaults), presses play and counts, over a window of
``--seconds``, how many epochs the server trained (the page's epoch counter) and how many
frames the page drew (each frame is one full redraw: output heatmap, every neuron's map, the
connections, the curves). Repeated ``--repeats`` times, each time in a fresh page; prints every
run and the medians. The issue asks for at least 30 epochs and 15 redraws per second.

    python benchmarks/playground.py [--seconds 10] [--repeats 5] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import machine

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SETUP = "?dataset=spiral&points=500&layers=8,8&activation=tanh&learning_rate=0.03&batch_size=10"
REQUIRED = {"epochs_per_second": 30, "redraws_per_second": 15}


def measure(page, url: str, seconds: float) -> dict:
    """One run: load, play for a second to settle, then count epochs and frames over ``seconds``."""
    page.goto(url + SETUP)
    page.wait_for_function("() => window.glassnet && glassnet.frame && glassnet.data")
    page.get_by_test_id("play").click()
    page.wait_for_function("() => glassnet.playing && glassnet.frame.header.epoch > 0")
    time.sleep(1.0)
    sample = "() => [glassnet.frame.header.epoch, glassnet.stats.frames, glassnet.stats.drawMs, performance.now()]"
    epoch0, frames0, draw0, t0 = page.evaluate(sample)
    time.sleep(seconds)
    epoch1, frames1, draw1, t1 = page.evaluate(sample)
    page.get_by_test_id("play").click()
    elapsed, frames = (t1 - t0) / 1000, frames1 - frames0
    return {"seconds": elapsed, "epochs": epoch1 - epoch0, "frames": frames,
            "epochs_per_second": (epoch1 - epoch0) / elapsed, "redraws_per_second": frames / elapsed,
            "draw_ms": (draw1 - draw0) / max(frames, 1), "load": os.getloadavg()[0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="measuring window of each run (default 10)")
    parser.add_argument("--repeats", type=int, default=5, help="runs, each in a fresh page (default 5)")
    parser.add_argument("--json", type=Path, help="write every run and the medians to this file")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server = subprocess.Popen([sys.executable, "-m", "glassnet.cli", "playground", "--port", "0", "--no-browser"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        url = re.search(r"http://\S+", server.stdout.readline()).group(0)
        runs = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for i in range(args.repeats):
                page = browser.new_page(viewport={"width": 1500, "height": 900})
                run = measure(page, url, args.seconds)
                page.close()
                runs.append(run)
                print(f"run {i + 1}: {run['epochs_per_second']:6.1f} epochs/s  {run['redraws_per_second']:5.1f} "
                      f"redraws/s  ({run['epochs']} epochs, {run['frames']} frames in {run['seconds']:.1f} s; "
                      f"{run['draw_ms']:.1f} ms drawing a frame; load average {run['load']:.1f})",
                      flush=True)
            browser.close()
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=20)
    medians = {k: statistics.median(r[k] for r in runs) for k in REQUIRED}
    for k, required in REQUIRED.items():
        print(f"median {k.replace('_', ' ')}: {medians[k]:.1f} (required >= {required}: "
              f"{'met' if medians[k] >= required else 'NOT met'})")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "setup": SETUP, "runs": runs, "medians": medians},
                                        indent=1))
    return 0 if all(medians[k] >= v for k, v in REQUIRED.items()) else 1


if __name__ == "__main__":
    sys.exit(main())
