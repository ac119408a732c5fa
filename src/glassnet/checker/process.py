"""Running the worker: its own session, a time and memory limit, captured output, nothing left behind.

The worker gets a pipe of its own for its results (passed as an extra file descriptor), so
nothing the learner's code prints or writes to stdout or stderr can be read as a result. Its
stdout and stderr go to a second pipe of which only the last ``OUTPUT_TAIL`` bytes are kept.
When the check ends, for any reason, the worker's whole process group is killed: a child the
learner's code started (``sleep 40 &``) does not outlive it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Bytes of the learner's output (stdout and stderr together) that are kept: the tail.
OUTPUT_TAIL = 4096
#: Bytes of results the checker reads from one worker; a worker that sends more is cut off.
RESULTS_CAP = 32 * 2**20

_LIVE: set[subprocess.Popen] = set()  # workers running now, for stop_all (Ctrl-C)
_LIVE_LOCK = threading.Lock()


@dataclass
class Collected:
    """What came back from one worker: its events, the tail of its output, how it ended."""

    events: list[dict[str, Any]] = field(default_factory=list)
    output: str = ""
    output_bytes: int = 0
    returncode: int | None = None
    killed_at_limit: bool = False
    garbled: bool = False  # the results pipe held something that is not the worker's JSON
    results_cut: bool = False


class _Drain(threading.Thread):
    """Reads a pipe to its end, keeping the last ``keep`` bytes (or the first ``cap``)."""

    def __init__(self, fd: int, *, keep: int = 0, cap: int = 0) -> None:
        super().__init__(daemon=True)
        self.fd, self.keep, self.cap = fd, keep, cap
        self.data, self.total = bytearray(), 0

    def run(self) -> None:
        try:
            while chunk := os.read(self.fd, 65536):
                self.total += len(chunk)
                if self.keep:
                    self.data += chunk
                    del self.data[:-self.keep]
                elif len(self.data) < self.cap:
                    self.data += chunk[:self.cap - len(self.data)]
        except OSError:
            pass


def _environment() -> dict[str, str]:
    """The worker's environment: this glassnet importable, one BLAS thread (tiny matrices)."""
    env = dict(os.environ)
    here = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join([here, *filter(None, [env.get("PYTHONPATH")])])
    env["PYTHONIOENCODING"] = "utf-8"
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(variable, "1")
    return env


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    except AttributeError:  # no process groups (Windows)
        proc.kill()


def stop_all(stop: threading.Event) -> None:
    """Set ``stop`` (no worker started with it starts any more) and kill every worker still
    running, with its process group (on Ctrl-C)."""
    stop.set()
    with _LIVE_LOCK:
        running = list(_LIVE)
    for proc in running:
        _kill_group(proc)


def run_worker(exercise: str, path: Path, *, timeout: float, memory_mib: int,
               stop: threading.Event | None = None) -> Collected:
    """Run the worker on ``path`` and collect what it sends; it never outlives this call.
    Once ``stop`` is set (by ``stop_all``), no worker starts and a starting one is killed."""
    if stop is not None and stop.is_set():
        raise InterruptedError("the checks were stopped")
    results_read, results_write = os.pipe()
    output_read, output_write = os.pipe()
    command = [sys.executable, "-B", "-P", "-m", "glassnet.checker.worker", exercise, str(path.resolve()),
               repr(timeout), str(memory_mib), str(results_write)]
    try:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output_write, stderr=output_write,
                                pass_fds=(results_write,), env=_environment(), start_new_session=True)
    finally:
        os.close(results_write)
        os.close(output_write)
    with _LIVE_LOCK:
        _LIVE.add(proc)
    if stop is not None and stop.is_set():  # stop_all ran while this one started
        _kill_group(proc)
    results = _Drain(results_read, cap=RESULTS_CAP)
    output = _Drain(output_read, keep=OUTPUT_TAIL)
    results.start()
    output.start()
    collected = Collected()
    # The worker stops itself at `timeout` and says where; this process waits a little longer
    # (Python's start-up, building the cases) and then kills it, for code that ignores the alarm.
    try:
        proc.wait(timeout=timeout + 2.0 + 0.25 * timeout)
    except subprocess.TimeoutExpired:
        collected.killed_at_limit = True
    finally:
        _kill_group(proc)
        proc.wait()
        with _LIVE_LOCK:
            _LIVE.discard(proc)
        for drain, fd in ((results, results_read), (output, output_read)):
            drain.join(timeout=1.0)
            if not drain.is_alive():  # else a process outside the group still holds the pipe
                os.close(fd)
    collected.returncode = proc.returncode
    collected.output = bytes(output.data).decode("utf-8", errors="replace")
    collected.output_bytes = output.total
    collected.results_cut = results.total > RESULTS_CAP
    for line in bytes(results.data).decode("ascii", errors="replace").splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            collected.garbled = True
            continue
        if isinstance(event, dict):
            collected.events.append(event)
        else:
            collected.garbled = True
    return collected
