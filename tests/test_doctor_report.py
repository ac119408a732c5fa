"""The doctor's HTML page: self-contained (figures as PNG data, no script, no request), every finding
with its code, numbers and figure; checked in a real Chromium, screenshots kept to look at."""

import base64
import html
import os
import re
import tempfile
from pathlib import Path

import numpy as np
import pytest

from conftest import need
from glassnet import NeuralNetwork, datasets
from glassnet.doctor import diagnose

need("matplotlib", "the doctor's figures")
need("sklearn", "the digits")

SHOTS = Path(os.environ.get("GLASSNET_SHOTS") or tempfile.mkdtemp(prefix="glassnet-doctor-shots-"))


@pytest.fixture(scope="module")
def diagnosis():
    """Inputs ×1000 into a sigmoid network: several findings, of two severities at least."""
    X, y = datasets.digits()
    net = NeuralNetwork([64, 30, 10], activation="sigmoid", output_activation="softmax",
                        loss="categorical-cross-entropy", seed=0)
    return diagnose(net, X * 1000, y, learning_rate=0.5, batch_size=10)


@pytest.fixture(scope="module")
def page(diagnosis, tmp_path_factory):
    path = diagnosis.to_html(tmp_path_factory.mktemp("doctor") / "doctor.html")
    return path, path.read_text(encoding="utf-8")


def test_the_page_holds_every_finding_with_its_code_message_and_figure(diagnosis, page):
    _, text = page
    assert len(diagnosis.findings) >= 2
    for f in diagnosis.findings:
        assert f"<code>{f.code}</code>" in text
        assert html.escape(f.message) in text
    assert text.count('<section class="finding"') == len(diagnosis.findings)
    # one figure per finding, and the measurements
    assert text.count("<img ") == len(diagnosis.findings) + 1


def test_every_image_is_png_data_in_the_page_and_nothing_is_fetched(page):
    _, text = page
    sources = re.findall(r'<img src="([^"]+)"', text)
    for source in sources:
        kind, data = source.split(",", 1)
        assert kind == "data:image/png;base64"
        assert base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<script" not in text and "http://" not in text and "https://" not in text


def test_writing_the_page_goes_through_a_temporary_file(diagnosis, tmp_path):
    target = tmp_path / "page.html"
    target.write_text("an older page")
    diagnosis.to_html(target)
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]  # no temporary file left behind


def test_a_folder_that_does_not_exist_is_refused_and_nothing_is_written(diagnosis, tmp_path):
    with pytest.raises((FileNotFoundError, ValueError), match=r"missing|exist"):
        diagnosis.to_html(tmp_path / "missing" / "doctor.html")
    assert list(tmp_path.iterdir()) == []


def test_the_page_in_chromium_shows_every_figure_and_asks_for_nothing(browser, page, diagnosis):
    path, _ = page
    tab = browser.new_page(viewport={"width": 1100, "height": 900})
    requests = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(path.as_uri())
    sizes = tab.evaluate("[...document.images].map(i => [i.complete, i.naturalWidth, i.naturalHeight])")
    assert len(sizes) == len(diagnosis.findings) + 1
    assert all(complete and width > 300 and height > 200 for complete, width, height in sizes)
    assert [url for url in requests if not url.startswith(("file://", "data:"))] == []
    badges = tab.locator(".badge").all_inner_texts()
    assert [b.lower() for b in badges] == [f.severity for f in diagnosis.findings]
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=SHOTS / "doctor.png", full_page=True)
    assert (SHOTS / "doctor.png").stat().st_size > 10_000
    tab.close()


def test_a_healthy_diagnosis_has_a_page_too(tmp_path):
    X, y = datasets.moons(200, noise=0.2, seed=0)
    net = NeuralNetwork([2, 16, 1], activation="tanh", output_activation="sigmoid", loss="cross-entropy", seed=0)
    diagnosis = diagnose(net, X, y, learning_rate=0.3, batch_size=10)
    text = diagnosis.to_html(tmp_path / "ok.html").read_text(encoding="utf-8")
    assert diagnosis.healthy
    assert "no problem found" in text and text.count("<img ") == len(diagnosis.findings) + 1
    assert np.isfinite(diagnosis.seconds)
