"""Running the worker from the checker's side: the job in, raw lines out, nothing left behind.

``run_worker`` starts ``worker.py`` (its supervisor) in a session of its own, isolated from
glassnet (``python -I -S``, numpy's folder the only one added to its path), hands it the job on
its stdin and reads two pipes: the results descriptor (raw JSON lines, capped at
``RESULTS_CAP`` bytes; ``channel.py`` reads them) and the learner's stdout and stderr together,
of which only the last ``OUTPUT_TAIL`` bytes are kept. Closing the supervisor's stdin tells it
to stop: it then kills the worker and everything the worker started. Should the supervisor
itself be killed, every process that carries this check's token in its environment is killed
here.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

#: The worker script, run on its own (it never imports glassnet).
WORKER = Path(__file__).with_name("worker.py")
#: Bytes of the learner's output (stdout and stderr together) that are kept: the tail.
OUTPUT_TAIL = 4096
#: Bytes of results read from one worker; more is a worker that wrote what was not asked for.
RESULTS_CAP = 32 * 2**20
#: Seconds allowed past the time limit, for the interpreter's start and the supervisor's clean-up.
MARGIN = 5.0
#: The environment variable that marks every process of one check.
TOKEN = "GLASSNET_CHECK_TOKEN"

_LIVE: dict[subprocess.Popen, threading.Event | None] = {}  # supervisors running now, for stop_all
_LIVE_LOCK = threading.Lock()


@dataclass
class Collected:
    """What came back from one worker: raw result lines, the tail of its output, how it ended."""

    lines: list[bytes] = field(default_factory=list)
    results_cut: bool = False
    output: str = ""
    output_bytes: int = 0
    returncode: int | None = None
    killed: bool = False  # the supervisor did not end in time and was killed here
    stopped: bool = False  # the check was stopped (Ctrl-C)


class Drain(threading.Thread):
    """Reads a pipe to its end, keeping its last ``keep`` bytes, or its first ``cap`` bytes."""

    def __init__(self, fd: int, *, keep: int = 0, cap: int = 0) -> None:
        super().__init__(daemon=True)
        self.fd, self.keep, self.cap = fd, keep, cap
        self.data, self.total = bytearray(), 0

    def run(self) -> None:
        with contextlib.suppress(OSError):
            while chunk := os.read(self.fd, 65536):
                self.total += len(chunk)
                if self.keep:
                    self.data += chunk
                    del self.data[:-self.keep]
                elif len(self.data) < self.cap:
                    self.data += chunk[:self.cap - len(self.data)]


#: Packages a learner's file may import besides numpy: plotting and progress bars, which hold no
#: reference answer (matplotlib with what it imports, tqdm), for code tried out under __main__.
HARMLESS = frozenset({"numpy", "matplotlib", "mpl_toolkits", "PIL", "contourpy", "cycler", "dateutil", "fontTools",
                      "kiwisolver", "packaging", "pyparsing", "six", "tqdm"})


@cache
def isolation() -> dict[str, Any]:
    """What the worker may reach: numpy's folder on its path; every other top-level package found
    there (scikit-learn, torch, ...) but ``HARMLESS`` refused by name, glassnet too; glassnet's own
    folder unreadable."""
    import pkgutil

    import numpy

    import glassnet

    site = str(Path(numpy.__file__).resolve().parents[1])
    names = {info.name for info in pkgutil.iter_modules([site])} - HARMLESS
    return {"paths": [site], "blocked_names": sorted(names | {"glassnet"}),
            "blocked_dirs": [str(Path(glassnet.__file__).resolve().parent)]}


def _environment(token: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env.update({TOKEN: token, "PYTHONIOENCODING": "utf-8"})
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[variable] = "1"
    return env


def kill_marked(token: str) -> None:
    """SIGKILL every process whose environment carries ``token`` (when the supervisor is gone)."""
    marker = f"{TOKEN}={token}".encode()
    try:
        names = os.listdir("/proc")
    except OSError:
        return
    for name in names:
        if name.isdigit() and int(name) != os.getpid():
            try:
                with open(f"/proc/{name}/environ", "rb") as environ:
                    if marker in environ.read().split(b"\0"):
                        os.kill(int(name), signal.SIGKILL)
            except (OSError, ValueError):
                continue


def _close(proc: subprocess.Popen) -> None:
    with contextlib.suppress(OSError, ValueError):
        proc.stdin.close()


def stop_all(stop: threading.Event) -> None:
    """Set ``stop`` and tell every supervisor started with it to stop (Ctrl-C on ``check --all``)."""
    stop.set()
    with _LIVE_LOCK:
        running = [proc for proc, event in _LIVE.items() if event is stop]
    for proc in running:
        _close(proc)


def run_worker(job: dict[str, Any], *, stop: threading.Event | None = None) -> Collected:
    """Run the worker on ``job`` and collect what it sends; nothing it started outlives this call.
    Raises InterruptedError once ``stop`` is set."""
    if stop is not None and stop.is_set():
        raise InterruptedError("the checks were stopped")
    token = secrets.token_hex(16)
    data = (json.dumps({**job, **isolation()}, allow_nan=True) + "\n").encode("utf-8")
    results_read, results_write = os.pipe()
    output_read, output_write = os.pipe()
    try:
        proc = subprocess.Popen([sys.executable, "-I", "-S", "-B", str(WORKER), str(results_write)],
                                stdin=subprocess.PIPE, stdout=output_write, stderr=output_write,
                                pass_fds=(results_write,), env=_environment(token), start_new_session=True)
    finally:
        os.close(results_write)
        os.close(output_write)
    with _LIVE_LOCK:
        _LIVE[proc] = stop
    results, output = Drain(results_read, cap=RESULTS_CAP + 1), Drain(output_read, keep=OUTPUT_TAIL)
    results.start()
    output.start()
    writer = threading.Thread(target=_write, args=(proc, data), daemon=True)
    writer.start()
    collected = Collected()
    try:
        collected.killed = not _wait(proc, time.monotonic() + float(job["timeout"]) + MARGIN)
    finally:
        _close(proc)
        if proc.poll() is None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=1.0)
        if proc.poll() is None or proc.returncode < 0:  # the supervisor could not clean up
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            kill_marked(token)
        with _LIVE_LOCK:
            _LIVE.pop(proc, None)
        for drain, fd in ((results, results_read), (output, output_read)):
            drain.join(timeout=1.0)
            if not drain.is_alive():  # else a process outside our reach still holds the pipe
                os.close(fd)
    collected.stopped = stop is not None and stop.is_set()
    collected.returncode = proc.returncode
    collected.output = bytes(output.data).decode("utf-8", errors="replace")
    collected.output_bytes = output.total
    collected.results_cut = results.total > RESULTS_CAP
    collected.lines = bytes(results.data[:RESULTS_CAP]).split(b"\n")
    if collected.lines and not collected.lines[-1]:
        collected.lines.pop()
    return collected


def _write(proc: subprocess.Popen, data: bytes) -> None:
    with contextlib.suppress(OSError, ValueError):
        proc.stdin.write(data)
        proc.stdin.flush()


def _wait(proc: subprocess.Popen, deadline: float) -> bool:
    """Whether the supervisor ended before ``deadline``."""
    try:
        proc.wait(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        return False
    return True
