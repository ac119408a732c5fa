"""The playground's protocol, server and command: the messages between page and server, checked one
by one, the server under a real user and a hostile one, and ``glassnet playground``."""

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import need
from glassnet.network import NeuralNetwork
from glassnet.playground.frames import decode as decode_frame
from glassnet.playground.protocol import Connection, Limits, Sessions
from glassnet.playground.session import Session
from glassnet.playground.settings import Settings
from glassnet.playground.worker import FitWorker, Pacer

STATIC = Path(__file__).resolve().parents[1] / "src" / "glassnet" / "playground" / "static"


def settings(**changes):
    return Settings.from_dict(changes)


# ---------------------------------------------------------------- the protocol
def message(kind, **fields):
    return json.dumps({"type": kind, **fields})


@pytest.fixture
def connection():
    return Connection(Limits(), now=0.0)


@pytest.mark.parametrize(("text", "reply"), [
    ("not json", r"A request must be JSON"),
    ("[1, 2]", r"a JSON object with a 'type'"),
    (message("fly"), r"Unknown request type 'fly'"),
    (message("settings", settings={"learning_rate": -1}), r"learning_rate must be > 0, got -1"),
    (message("inspect", layer="one", neuron=1, set="train", index=0), r"layer must be an integer, got 'one'"),
    (message("set_weight", layer=1, source=1, neuron=1, value=1e9), r"value must be <= 100"),
    (message("upload", name="a.csv"), r"upload needs 'csv'"),
    ("x" * 1_300_000, r"That request is 1,300,000 bytes; the limit is 1,210,000"),
])
def test_a_bad_request_gets_an_error_message_not_an_exception(connection, text, reply):
    (answer,) = connection.handle(text, now=1.0)
    assert answer["type"] == "error" and re.search(reply, answer["message"]), answer


def test_an_upload_through_the_protocol_trains_on_the_users_points(connection):
    csv = "\n".join(f"{x},{y},{'in' if x * x + y * y < 4 else 'out'}" for x in range(-3, 4) for y in range(-3, 4))
    answers = connection.handle(message("upload", name="rings.csv", csv=csv), now=1.0)
    assert answers[0]["type"] == "data" and answers[0]["classes"] == ["in", "out"]
    assert connection.session.settings.dataset == "csv" and len(connection.session.data.X) == 49
    connection.handle(message("step"), now=1.1)
    assert connection.session.epoch == 1
    assert "read_upload(f.read(), 'rings.csv')" in connection.session.code()


def test_settings_answer_with_the_data_and_a_paused_state(connection):
    answers = connection.handle(message("settings", settings={"dataset": "xor", "points": 100}), now=1.0)
    assert [a["type"] for a in answers] == ["data", "state"]
    assert answers[0]["name"] == "xor" and len(answers[0]["points"]) == 100
    assert answers[1]["playing"] is False


def test_replies_to_a_numbered_command_carry_its_number_back(connection):
    data, state = connection.handle(message("settings", settings={"dataset": "xor"}, id=7), now=1.0)
    assert (data["type"], data["reply_to"]) == ("data", 7) and "reply_to" not in state
    (error,) = connection.handle(message("settings", settings={"learning_rate": -1}, id=8), now=1.1)
    assert (error["type"], error["reply_to"]) == ("error", 8)
    (unnumbered,) = connection.handle(message("settings", settings={"learning_rate": -1}), now=1.2)
    assert "reply_to" not in unnumbered


@pytest.mark.parametrize(("number", "reply"), [
    ("7", r"id must be an integer, got '7'"), (-1, r"id must be >= 0, got -1"), (1.5, r"id must be a whole number"),
    (2**60, r"id must be <= 9007199254740992"),
])
def test_a_command_number_that_is_not_a_whole_number_is_refused(connection, number, reply):
    (answer,) = connection.handle(message("settings", settings={}, id=number), now=1.0)
    assert answer["type"] == "error" and re.search(reply, answer["message"]) and "reply_to" not in answer
    assert connection.session.settings.dataset == "circle"  # nothing was applied


def test_step_trains_one_epoch_and_inspect_answers(connection):
    connection.handle(message("step"), now=1.0)
    assert connection.session.epoch == 1
    (answer,) = connection.handle(message("inspect", layer=1, neuron=1, set="train", index=0), now=1.1)
    assert answer["type"] == "inspection" and answer["layer"] == 1


def test_too_many_commands_at_once_are_refused():
    connection = Connection(Limits(commands_per_second=1, burst=3), now=0.0)
    answers = [connection.handle(message("pause"), now=0.0)[0]["type"] for _ in range(4)]
    assert answers == ["state", "state", "state", "error"]
    assert connection.handle(message("pause"), now=1.5)[0]["type"] == "state"  # a second later: one more


def test_a_flood_of_drawn_messages_is_refused(connection):
    answers = [connection.handle(message("drawn"), now=0.0) for _ in range(241)]
    assert answers[:240] == [[]] * 240 and "Too many 'drawn' messages" in answers[240][0]["message"]


def test_a_new_frame_waits_until_the_page_drew_the_last(connection):
    assert connection.next_frame() is None  # not before the page's settings
    connection.handle(message("settings", settings={}), now=0.0)
    assert connection.next_frame() is not None
    connection.handle(message("play"), now=0.0)
    assert connection.next_frame() is None  # the page has not said "drawn"
    connection.handle(message("drawn"), now=0.1)
    assert connection.next_frame() is not None


def test_the_pacer_keeps_the_rate_and_never_bursts_to_catch_up():
    pacer = Pacer(rate=10)  # an epoch every 0.1 s
    assert pacer.wait(now=5.0) == 0  # the first one at once
    assert pacer.wait(now=5.03) == pytest.approx(0.07)  # the next one 0.1 s after the first
    assert pacer.wait(now=5.2) == 0  # due (at 5.2)
    assert pacer.wait(now=9.0) == 0  # far behind: start again from now...
    assert pacer.wait(now=9.0) == pytest.approx(0.1)  # ...rather than rush the missed ones


class FakeFit:
    """A stand-in for net.fit: epochs that take a moment, a flag saying whether one is under way."""

    def __init__(self, fail_at=None):
        self.epochs, self.inside, self.fail_at = 0, False, fail_at

    def __call__(self, callback):
        for epoch in range(10**6):
            self.inside = True
            time.sleep(0.001)
            if epoch == self.fail_at:
                raise FloatingPointError("diverged")
            self.epochs, self.inside = self.epochs + 1, False
            if callback(epoch, {}):
                return


def test_the_worker_trains_exactly_the_epochs_asked_and_runs_calls_between_epochs():
    fit = FakeFit()
    worker = FitWorker(fit, epochs_per_second=1000)
    worker.train(3)
    assert fit.epochs == 3
    worker.play()
    seen = [worker.call(lambda: fit.inside) for _ in range(20)]
    assert not any(seen) and fit.epochs > 3  # every call ran with no epoch under way
    worker.stop()
    assert not worker.running and not worker.thread


def test_the_worker_keeps_what_ended_training_for_the_caller():
    worker = FitWorker(FakeFit(fail_at=2), epochs_per_second=1000)
    worker.train(10)
    assert isinstance(worker.error, FloatingPointError) and not worker.running
    assert worker.call(lambda: "answered") == "answered"  # no fit running: at once, in this thread


def test_play_trains_in_the_background_until_pause(connection):
    connection.handle(message("play"), now=0.0)
    deadline = time.monotonic() + 30
    while connection.session.epoch < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    connection.handle(message("pause"), now=0.1)
    header, _, _ = decode_frame(connection.session.frame())  # taken between two epochs, after the pause
    time.sleep(0.2)
    assert header["epoch"] >= 3 and connection.session.epoch == header["epoch"]  # nothing trained since
    connection.session.close()


def test_a_tick_after_training_diverged_pauses_and_says_so():
    connection = Connection(Limits(), now=0.0)
    connection.handle(message("settings", settings={"dataset": "plane", "problem": "regression",
                                                    "activation": "relu", "layers": [8, 8],
                                                    "learning_rate": 10, "batch_size": 1}), now=0.0)
    connection.handle(message("play"), now=0.0)
    connection.session.worker.thread.join(timeout=60)  # fit ends when training diverges
    errors = [r for r in connection.tick() if isinstance(r, dict) and r["type"] == "error"]
    assert errors and "diverged" in errors[0]["message"] and not connection.playing


def test_a_page_in_view_says_it_is_alive_and_is_not_idle():
    connection = Connection(Limits(idle_seconds=100), now=0.0)
    assert connection.handle(message("alive"), now=90.0) == []
    assert not connection.idle(150.0) and connection.idle(191.0)


def test_sessions_are_limited_and_idle_ones_make_room():
    sessions = Sessions(Limits(sessions=2, idle_seconds=10))
    first = sessions.connect(now=0.0)
    sessions.connect(now=5.0)
    with pytest.raises(Exception, match=r"already has 2 pages open"):
        sessions.connect(now=6.0)
    third = sessions.connect(now=12.0)  # the first has been idle for 12 s: dropped
    assert sessions.get(first.token) is None and sessions.get(third.token) is third
    assert first.idle(12.0)


# ---------------------------------------------------------------- the server
@pytest.fixture
def client():
    need("starlette", "the playground's server")
    need("httpx2", "Starlette's test client")
    from starlette.testclient import TestClient

    from glassnet.playground.server import create_app

    with TestClient(create_app(Limits(sessions=2))) as client:
        yield client


def receive_until(ws, kind):
    """Messages from the server up to the first of ``kind`` ("frame" for a binary one); returns it."""
    for _ in range(50):
        m = ws.receive()
        if m.get("bytes") is not None:
            header, _, _ = decode_frame(m["bytes"])
            if kind == "frame":
                return header
            ws.send_text(message("drawn"))
        elif (answer := json.loads(m["text"]))["type"] == kind:
            return answer
    raise AssertionError(f"no {kind} message")


def test_the_page_and_its_files_are_served_with_a_strict_content_policy(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for testid in ("add-layer", "remove-layer", "play", "step", "reset", "epoch", "train-loss", "test-loss", "output",
                   "inspector", "upload"):
        assert f'data-testid="{testid}"' in page.text
    for script in ("app.js", "controls.js", "draw.js", "network.js", "inspector.js", "style.css"):
        assert client.get(f"/static/{script}").status_code == 200


def test_the_page_loads_nothing_from_another_site():
    for path in STATIC.iterdir():
        text = path.read_text()
        assert not re.search(r"(src|href)=\"(https?:)?//", text), path.name
        assert "@import" not in text and "fonts.googleapis" not in text and "url(http" not in text


def test_a_page_connects_trains_and_downloads_its_model(client, tmp_path):
    with client.websocket_connect("/ws") as ws:
        hello = ws.receive_json()
        controls = {c["name"]: c for c in hello["options"]["controls"]}
        assert hello["type"] == "hello" and "xor" in [o["value"] for o in controls["dataset"]["options"]]
        ws.send_text(message("settings", settings={"dataset": "xor", "layers": [3]}))
        assert receive_until(ws, "data")["name"] == "xor"
        ws.send_text(message("step"))
        ws.send_text(message("step"))
        for _ in range(10):
            header = receive_until(ws, "frame")
            if header["epoch"] == 2:
                break
            ws.send_text(message("drawn"))
        assert header["epoch"] == 2 and header["settings"]["layers"] == [3]
        response = client.get(hello["download"])
        assert response.status_code == 200
        (tmp_path / "m.npz").write_bytes(response.content)
        assert NeuralNetwork.load(tmp_path / "m.npz").sizes == [2, 3, 1]
        ws.send_text(message("code"))
        assert "NeuralNetwork([2, 3, 1]" in receive_until(ws, "code")["code"]
    assert client.get(hello["download"]).status_code == 404  # the page is gone


def test_an_error_reaches_the_page_as_a_message(client):
    with client.websocket_connect("/ws") as ws:
        ws.receive_json()
        ws.send_text(message("settings", settings={"layers": [4, 4, 4, 4, 4, 4, 4]}))
        assert "at most 6 hidden layer sizes" in receive_until(ws, "error")["message"]


def test_a_third_page_is_told_the_playground_is_full(client):
    with client.websocket_connect("/ws") as a, client.websocket_connect("/ws") as b:
        a.receive_json(), b.receive_json()
        with client.websocket_connect("/ws") as c:
            assert "already has 2 pages open" in c.receive_json()["message"]


def test_a_local_server_answers_only_to_local_names():
    need("starlette", "the playground's server")
    need("httpx2", "Starlette's test client")
    from starlette.testclient import TestClient

    from glassnet.playground.server import create_app

    client = TestClient(create_app(allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://localhost:8765")
    assert client.get("/").status_code == 200
    rebound = client.get("/", headers={"host": "evil.example:8765"})  # a site that rebound its name to us
    assert rebound.status_code == 400 and rebound.text == "Invalid host header"


def test_an_idle_page_is_told_and_closed():
    need("starlette", "the playground's server")
    need("httpx2", "Starlette's test client")
    from starlette.testclient import TestClient

    from glassnet.playground.server import create_app

    with TestClient(create_app(Limits(idle_seconds=0.3))) as client, client.websocket_connect("/ws") as ws:
        ws.receive_json()
        assert "idle too long" in receive_until(ws, "error")["message"]
        assert client.app.state.sessions.open == {}


def test_another_sites_page_cannot_connect(client):
    from starlette.websockets import WebSocketDisconnect

    with pytest.raises(WebSocketDisconnect), client.websocket_connect(
            "/ws", headers={"origin": "http://evil.example"}) as ws:
        ws.receive_json()


# ---------------------------------------------------------------- the command
def test_a_bad_port_is_one_line(capsys):
    from glassnet.cli import main

    assert main(["playground", "--port", "70000", "--no-browser"]) == 2
    error = capsys.readouterr().err
    assert error == "glassnet: error: --port must be 0 to 65535 (0: any free port), got 70000.\n"


def test_a_port_in_use_is_one_line(capsys):

    from glassnet.cli import main

    need("uvicorn", "the playground's server")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["playground", "--port", str(port), "--no-browser"]) == 2
    assert re.fullmatch(rf"glassnet: error: Cannot listen on 127\.0\.0\.1:{port}: .*\.\n", capsys.readouterr().err)


def start(*args):
    """``glassnet playground --port 0 --no-browser ARGS`` in a subprocess: (process, its first line)."""
    need("uvicorn", "the playground's server")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "glassnet.cli", "playground", "--port", "0", "--no-browser", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    return proc, proc.stdout.readline()


def test_the_command_prints_the_address_serves_the_page_and_stops_cleanly_on_ctrl_c():
    proc, line = start()
    try:
        match = re.fullmatch(r"glassnet playground: (http://127\.0\.0\.1:(\d+)/)\n", line)
        assert match and int(match.group(2)) > 0, line
        with urllib.request.urlopen(match.group(1), timeout=10) as page:
            assert b'data-testid="output"' in page.read()
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0
    assert err == "glassnet playground: stopped.\n" and out == ""


def test_another_host_is_served_with_a_warning():
    proc, line = start("--host", "0.0.0.0")
    try:
        assert line.startswith("glassnet playground: http://0.0.0.0:")
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    assert "warning: listening on 0.0.0.0" in err


def test_importing_the_playground_loads_no_web_server():
    code = ("import sys, glassnet.playground.session, glassnet.playground.protocol; "
            "print(any(m.split('.')[0] in ('starlette', 'uvicorn') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# ---------------------------------------------------------------- found by a hostile user (issue 16)
PYTHON_WORDS = re.compile(r"NoneType|unhashable|not a mapping|codec|int_max_str_digits|Traceback|object is not")


@pytest.mark.parametrize(("text", "reply"), [
    ("[" * 100_000 + "]" * 100_000, r"^A request may nest lists and objects at most 8 deep\.$"),
    (json.dumps({"type": "settings", "settings": {"layers": [[[[[[[[[1]]]]]]]]]}}), r"at most 8 deep"),
    ('{"type": "settings", "settings": {"seed": ' + "1" * 5000 + "}}", r"a number of 5,000 digits; none of"),
    ('{"type": "settings", "settings": {"learning_rate": Infinity}}', r"holds Infinity, which is not a JSON number"),
    ('{"type": "settings", "settings": {"noise": NaN}}', r"holds NaN, which is not a JSON number"),
    ('{"type": "upload", "name": "a.csv", "csv": "\\ud800,0,a"}', r"must be valid Unicode text; it holds a lone"),
    ('{"type": "settings", "settings": {"\\udfff": 1}}', r"must be valid Unicode text"),
    (message("settings", settings={"features": [["x1"]]}), r"^features must be distinct names from x1, .*list"),
    (message("upload", name="a.csv", csv="0,0,a\n1,1,b\n", settings=[1]),
     r"^upload's 'settings' must be an object of name: value, got a list \[1\]\.$"),
    (b"\xff\xfe\x00", r"^A request must be JSON text in UTF-8; byte 3 is not\.$"),
    (b'{"type": "x\xff"}', r"^A request must be JSON text in UTF-8; byte 12 is not\.$"),
    (message("settings", settings={"learning_rate": None}), r"^learning_rate must be a number, got null\.$"),
    (message("settings", settings=[1, 2]), r"^settings must be an object of name: value, got a list \[1, 2\]\.$"),
    (message("inspect", layer=[1], neuron=1, set="train", index=0), r"^layer must be an integer, got a list \[1\]"),
    (message("inspect", layer=1, neuron=1, set=[1], index=0), r"The point must be in 'train' or 'test'"),
    (message("set_weight", layer=1, source=1, neuron=1, value=None), r"^value must be a number, got null\.$"),
    (message("link", query=["a"]), r'^link needs \'query\', the link\'s text after \'\?\', got a list \["a"\]\.$'),
    (message("x" * 10_000), r"^Unknown request type 'x{40}'… \(10,000 characters\)\.$"),
])
def test_every_bad_message_gets_a_sentence_and_no_python(connection, text, reply):
    answers = connection.handle(text, now=1.0)
    assert [a["type"] for a in answers] == ["error"]
    assert re.search(reply, answers[0]["message"]), answers[0]["message"]
    assert not PYTHON_WORDS.search(answers[0]["message"])


def test_a_link_keeps_its_valid_settings_and_reports_the_bad_ones(connection):
    answers = connection.handle(message("link", query="learning_rate=abc&activation=relu&hide=x"), now=1.0)
    assert [a["type"] for a in answers] == ["link", "data", "state"]
    assert answers[0]["problems"][0].startswith("The link's learning_rate must be a number, got 'abc'")
    assert answers[1]["settings"]["activation"] == "relu"  # the page takes its settings from the server


def test_an_upload_of_huge_coordinates_is_refused_and_the_page_goes_on(connection):
    connection.handle(message("settings", settings={"features": ["x1", "x2", "x1sq"]}), now=1.0)
    csv = "1e308,0,a\n-1e308,1,b\n0,0,a\n2,3,b\n"
    (answer,) = connection.handle(message("upload", name="big.csv", csv=csv), now=1.1)
    assert answer["type"] == "error" and "must lie within ±1,000,000" in answer["message"]
    assert connection.session.upload is None and connection.session.settings.dataset == "circle"
    connection.handle(message("settings", settings={"dataset": "xor"}), now=1.2)
    connection.handle(message("play"), now=1.3)
    assert isinstance(connection.tick()[-1], bytes)  # frames go on
    connection.session.close()


def test_a_failing_frame_is_said_to_the_page_and_the_next_command_recovers(connection, monkeypatch):
    connection.handle(message("settings", settings={}), now=1.0)
    connection.handle(message("play"), now=1.0)
    broken = monkeypatch.context()
    with broken as m:
        m.setattr(Session, "_frame", lambda self, since=0: 1 / 0)
        replies = connection.tick()
    assert [r["type"] for r in replies] == ["error", "state"]
    assert "could not draw the network (ZeroDivisionError" in replies[0]["message"] and not connection.playing
    assert connection.tick() == []  # no retry loop: it waits for the user
    connection.handle(message("reset"), now=2.0)
    assert isinstance(connection.tick()[-1], bytes)
    connection.session.close()


def test_an_unexpected_failure_is_a_message_and_one_line_on_the_terminal(connection, monkeypatch, capsys):
    monkeypatch.setattr(Session, "code", lambda self: {}["missing"])
    (answer, _) = connection.handle(message("code"), now=1.0)
    assert answer["type"] == "error" and "The server failed to answer (KeyError" in answer["message"]
    assert capsys.readouterr().err == "glassnet playground: error: KeyError: 'missing'\n"


def test_the_largest_csv_the_page_takes_fits_in_one_message_however_json_escapes_it(connection):
    from glassnet.playground.data import MAX_UPLOAD_BYTES

    row = '"1.5","-2.25","a ""b"""\n' + '"0.5","1.75","c"\n'
    csv = (row * (MAX_UPLOAD_BYTES // len(row)))[:MAX_UPLOAD_BYTES - 200]
    csv = csv[:csv.rindex("\n") + 1]
    text = message("upload", name="quoted.csv", csv=csv, settings={"dataset": "csv"})
    assert len(text) > 220_000  # over the old limit, that closed the connection
    answers = connection.handle(text, now=1.0)
    assert answers[0]["type"] != "error" or "rows" in answers[0]["message"], answers[0]
    worst = message("upload", name="x.csv", csv="\x01" * MAX_UPLOAD_BYTES)
    assert len(worst.encode()) <= connection.limits.message_bytes


def test_the_data_message_is_strict_json(connection):
    (data, _) = connection.handle(message("settings", settings={"dataset": "plane", "problem": "regression"}), now=1)
    json.dumps(data, allow_nan=False)


@pytest.mark.parametrize(("header", "name"), [
    ("[::1]:8765", "::1"), ("localhost:8765", "localhost"), ("127.0.0.2", "127.0.0.2"),
    ("Evil.Example:80", "evil.example"), ("[::1", None), ("host:port", None), ("", None),
])
def test_the_name_in_a_host_header(header, name):
    from glassnet.playground.server import hostname

    assert hostname(header) == name


def test_loopback_addresses_are_local_and_a_blank_host_is_refused():
    from glassnet.playground.server import check_host, is_local, url_of

    assert all(is_local(h) for h in ("127.0.0.1", "127.0.0.2", "::1", "localhost", "LOCALHOST"))
    assert not any(is_local(h) for h in ("0.0.0.0", "192.168.1.2", "example.org", "::"))
    assert url_of("::1", 8765) == "http://[::1]:8765/"
    for blank in ("", "   "):
        with pytest.raises(ValueError, match=r"names no address; give 127\.0\.0\.1"):
            check_host(blank)


def test_an_ipv6_local_server_answers_its_own_name():
    need("starlette", "the playground's server")
    need("httpx2", "Starlette's test client")
    from starlette.testclient import TestClient

    from glassnet.playground.server import LOCAL_NAMES, create_app

    client = TestClient(create_app(allowed_hosts=[*LOCAL_NAMES, "127.0.0.2"]))
    for host in ("[::1]:8765", "127.0.0.2:9000", "localhost"):
        assert client.get("/", headers={"host": host}).status_code == 200, host
    assert client.get("/", headers={"host": "[::2]:8765"}).status_code == 400


def test_a_blank_host_is_one_line(capsys):
    from glassnet.cli import main

    assert main(["playground", "--host", "", "--no-browser"]) == 2
    assert capsys.readouterr().err == ("glassnet: error: --host '' names no address; give 127.0.0.1 (this computer "
                                       "only) or 0.0.0.0 (every network of this computer).\n")


def ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.parametrize(("host", "shown"), [
    ("127.0.0.2", "127.0.0.2"),
    pytest.param("::1", "[::1]", marks=pytest.mark.skipif(not ipv6_loopback(), reason="this machine has no IPv6")),
])
def test_a_loopback_host_is_served_without_a_warning_and_checks_the_host(host, shown):
    proc, line = start("--host", host)
    try:
        url = re.fullmatch(rf"glassnet playground: (http://{re.escape(shown)}:\d+/)\n", line).group(1)
        assert urllib.request.urlopen(url, timeout=10).status == 200
        port = int(url.rsplit(":", 1)[1].strip("/"))
        with socket.create_connection((host, port), timeout=10) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n")
            assert b" 400 " in s.recv(200)
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    assert "warning" not in err


def serve_with(limits: str):
    """The server in a subprocess with other limits (``Limits(...)`` arguments): (process, port)."""
    need("uvicorn", "the playground's server")
    code = ("import contextlib; from glassnet.playground.server import serve; "
            "from glassnet.playground.protocol import Limits\n"
            "with contextlib.suppress(KeyboardInterrupt):\n"
            f"    serve('127.0.0.1', 0, open_browser=False, limits=Limits({limits}))")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    return proc, int(re.search(r":(\d+)/", proc.stdout.readline()).group(1))


def test_half_open_requests_are_dropped_and_their_number_is_bounded():
    proc, port = serve_with("header_seconds=0.5, connections=8")
    sockets = []
    try:
        slow = socket.create_connection(("127.0.0.1", port), timeout=5)
        slow.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        sockets = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(30)]
        time.sleep(0.2)
        closed = 0
        for s in sockets:
            s.settimeout(0.05)
            with contextlib.suppress(TimeoutError):
                closed += s.recv(1) == b""
        assert closed >= 30 - 8  # beyond the limit, closed at once
        slow.settimeout(5)
        started = time.monotonic()
        assert slow.recv(1) == b"" and time.monotonic() - started < 2  # dropped after half a second
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:  # the server still serves
            assert page.status == 200
    finally:
        for s in sockets:
            s.close()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    assert "Traceback" not in err


def test_sigterm_stops_the_server_with_a_message():
    proc, line = start()
    assert line.startswith("glassnet playground: http://")
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=20)
    assert (proc.returncode, err, out) == (0, "glassnet playground: stopped.\n", "")


def test_a_message_over_the_limit_is_answered_and_the_connection_stays_open():
    websockets = need("websockets.sync.client", "a WebSocket client")
    proc, port = serve_with("message_bytes=50_000")
    try:
        with websockets.connect(f"ws://127.0.0.1:{port}/ws", max_size=None) as ws:
            assert json.loads(ws.recv())["type"] == "hello"
            text = message("upload", name="a.csv", csv="0,0,a\n" * 10_000)  # 70 kB
            ws.send(text)
            answer = json.loads(ws.recv())
            assert answer == {"type": "error", "message": f"That request is {len(text):,} bytes; the limit is 50,000."}
            ws.send(message("settings", settings={}))
            assert json.loads(ws.recv())["type"] == "data"  # still connected
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=20)
