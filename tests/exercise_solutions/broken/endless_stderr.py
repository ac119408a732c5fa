"""Broken: writes to stderr without end while it is imported (a perceptron_1d attempt)."""

import sys

while True:
    sys.stderr.write("debug " * 1000 + "\n")
