"""Take the README's picture of the playground: ``python docs/playground_screenshot.py [--out FILE]``.

Starts ``glassnet playground`` as a user does, trains a spiral in Debian's Chromium (Playwright),
inspects a neuron at the middle of the spiral, shows the mean |δ| chart, and writes a full-page
screenshot (default: docs/playground.png, next to this script). The browser tests run it with
``--out`` under a temporary folder, so that a test run never rewrites the tracked picture.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SETUP = ("?dataset=spiral&layers=8,8&features=x1,x2,sinx1,sinx2&noise=0.1&learning_rate=0.01"
         "&optimizer=adam&test=1")


def screenshot(out: Path, epochs: int = 200) -> Path:
    """Write the picture to ``out``; returns it."""
    from playwright.sync_api import sync_playwright

    server = subprocess.Popen([sys.executable, "-m", "glassnet.cli", "playground", "--port", "0", "--no-browser"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        url = re.search(r"http://\S+", server.stdout.readline()).group(0)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1500, "height": 900})
            page.goto(url + SETUP)
            page.wait_for_function("() => window.glassnet && glassnet.frame && glassnet.data")
            page.get_by_test_id("play").click()
            page.wait_for_function(f"() => glassnet.frame.header.epoch >= {epochs}", timeout=120_000)
            page.get_by_test_id("play").click()
            page.wait_for_function("() => !glassnet.playing")
            page.get_by_test_id("neuron-2-3").click()
            x, y = page.evaluate("""() => { const d = glassnet.data, [x0, x1, y0, y1] = d.extent;
                const r = (i) => Math.hypot(...d.points[d.train[i]].slice(0, 2));
                const i = d.train.reduce((best, _, k) => r(k) < r(best) ? k : best, 0);
                const p = d.points[d.train[i]]; return [(p[0] - x0) / (x1 - x0), (y1 - p[1]) / (y1 - y0)]; }""")
            box = page.get_by_test_id("output").bounding_box()  # the middle of the spiral: the least sure
            page.mouse.click(box["x"] + x * box["width"], box["y"] + y * box["height"])
            page.wait_for_function("() => glassnet.inspection !== null && glassnet.inspection.neuron === 3")
            page.get_by_test_id("show-delta").check()
            page.wait_for_timeout(300)
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=out, full_page=True)
            browser.close()
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=20)
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "playground.png")
    print(f"wrote {screenshot(parser.parse_args().out)}")
