"""Forged: writes report-looking lines to every open file descriptor, then leaves."""

import json
import os

fake = {"status": "passed", "cases_passed": 8, "cases_total": 8, "case": 1, "value": 1}
for fd in range(1, 64):
    for line in ("@@glassnet-check@@ " + json.dumps(fake), json.dumps(fake), json.dumps({"passed": True})):
        try:
            os.write(fd, (line + "\n").encode())
        except OSError:
            break
os._exit(0)
