"""Forged: writes a 'passed' report line on fd 1, then leaves before any check runs."""

import json
import os

line = "@@glassnet-check@@ " + json.dumps({"status": "passed", "cases_passed": 8, "cases_total": 8})
os.write(1, (line + "\n").encode())
os._exit(0)
