"""Training in the background with ``NeuralNetwork.fit`` itself, paused and resumed between epochs.

The playground trains with glassnet's own loop: one ``net.fit`` call per run of the network,
for as many epochs as the user lets it play, in a worker thread. ``fit`` calls a callback after
every epoch; there the worker keeps the pace (``epochs_per_second`` while playing), waits while
paused, and runs whatever else needs the network (a frame, the inspector, a download), so those
always see the weights between two epochs, never halfway through one. Returning True from the
callback ends ``fit`` (a reset or new settings).

Everything here is about threads; the network, data and pictures are ``session.Session``'s.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

Fit = Callable[[Callable[[int, dict], bool]], None]


class Pacer:
    """When the next epoch is due, to keep ``rate`` epochs a second without catching up in bursts."""

    def __init__(self, rate: float) -> None:
        self.period = 1.0 / rate
        self.next: float | None = None

    def wait(self, now: float) -> float:
        """Seconds to wait before the next epoch (0 if it is due), and book that epoch."""
        if self.next is None or now > self.next + self.period:  # started, or fell behind: no burst
            self.next = now
        delay = max(0.0, self.next - now)
        self.next += self.period
        return delay

    def restart(self) -> None:
        self.next = None


class FitWorker:
    """Runs ``fit(callback)`` in a thread on request, and everything else between its epochs.

    ``fit`` must call ``callback(epoch, logs)`` after each epoch and stop when it returns True.
    """

    def __init__(self, fit: Fit, epochs_per_second: float) -> None:
        self.fit = fit
        self.pacer = Pacer(epochs_per_second)
        self.cond = threading.Condition()
        self.queue: list[tuple[Callable[[], Any], Future]] = []
        self.thread: threading.Thread | None = None
        self.active = False  # a fit is running (set and cleared with the lock held)
        self.mode = "paused"  # "playing", "paused", or "steps"
        self.steps = 0  # epochs left to train in "steps" mode
        self.stopping = False
        self.error: BaseException | None = None  # what ended the last fit, if it failed

    # ------------------------------------------------------------------ requests (any thread)
    @property
    def running(self) -> bool:
        return self.active

    def call(self, fn: Callable[[], Any]) -> Any:
        """``fn()`` with the network at rest: now if no fit runs, else at the next epoch's end."""
        with self.cond:
            if not self.running or threading.current_thread() is self.thread:
                future = None
            else:
                future = Future()
                self.queue.append((fn, future))
                self.cond.notify_all()
        return fn() if future is None else future.result()

    def play(self) -> None:
        with self.cond:
            self.mode = "playing"
            self.pacer.restart()
            self.cond.notify_all()
        self._start()

    def pause(self) -> None:
        with self.cond:
            if self.mode == "playing":
                self.mode = "paused"

    def train(self, epochs: int) -> None:
        """Train ``epochs`` more epochs, then pause; returns when they are done (or training failed)."""
        with self.cond:
            self.mode, self.steps = "steps", epochs
            self.cond.notify_all()
        self._start()
        with self.cond:
            self.cond.wait_for(lambda: self.mode != "steps" or not self.running)

    def stop(self) -> None:
        """End the running fit (before a rebuild); returns when it has ended."""
        with self.cond:
            self.stopping = True
            self.cond.notify_all()
        if self.thread is not None:
            self.thread.join()
        with self.cond:
            self.stopping, self.mode, self.thread = False, "paused", None

    # ------------------------------------------------------------------ the worker thread
    def _start(self) -> None:
        with self.cond:
            if self.running:
                return
            self.error = None
            self.active = True
            self.thread = threading.Thread(target=self._main, name="glassnet-playground-fit", daemon=True)
            self.thread.start()

    def _main(self) -> None:
        try:
            self.fit(self._after_epoch)
        except Exception as err:  # reported to the page, not lost in a thread
            self.error = err
        finally:
            with self.cond:
                self.mode = "paused"
                self._drain()  # anyone still waiting gets an answer now that fit is over
                self.active = False  # from here on, calls run in their own thread
                self.cond.notify_all()

    def _drain(self) -> None:
        """Run the queued calls (with the lock held: callers wait for their result anyway)."""
        while self.queue:
            fn, future = self.queue.pop(0)
            try:
                future.set_result(fn())
            except Exception as err:  # handed to the caller
                future.set_exception(err)

    def _after_epoch(self, epoch: int, logs: dict) -> bool:
        """fit's callback: 1) answer queued calls, 2) count steps, 3) wait while paused or ahead of pace."""
        with self.cond:
            self._drain()
            if self.mode == "steps":
                self.steps -= 1
                if self.steps <= 0:
                    self.mode = "paused"
                    self.cond.notify_all()
            delay = self.pacer.wait(time.monotonic()) if self.mode == "playing" else 0.0
            deadline = time.monotonic() + delay
            while not self.stopping and (self.mode == "paused" or time.monotonic() < deadline):
                timeout = None if self.mode == "paused" else max(0.0, deadline - time.monotonic())
                self.cond.wait(timeout)
                self._drain()
            return self.stopping
