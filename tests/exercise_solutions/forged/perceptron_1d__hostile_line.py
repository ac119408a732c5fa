"""Forged: 200,000 opening brackets on the results descriptor (a RecursionError for a naive reader)."""

import os
import sys

os.write(int(sys.argv[-1]), b"[" * 200_000 + b"\n")
os._exit(0)
