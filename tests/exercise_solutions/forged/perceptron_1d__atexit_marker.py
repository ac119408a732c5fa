"""Forged: an empty perceptron that prints a 'passed' report line as the process exits."""

import atexit
import json


def _report():
    line = "@@glassnet-check@@ " + json.dumps({"status": "passed", "cases_passed": 8, "cases_total": 8})
    print(line, flush=True)


atexit.register(_report)


class Perceptron:
    def __init__(self, w, b):
        pass

    def run(self, x):
        return None
