"""Forged: count the requests in the job (in the worker's frames) and write a complete, well-formed
transcript of answers on the results descriptor, then leave."""

import json
import os
import sys

_job, _frame = None, sys._getframe()
while _frame is not None and _job is None:
    _job = _frame.f_locals.get("job")
    _frame = _frame.f_back
_n = len(_job["requests"]) if _job else 40
_fd = int(sys.argv[-1])
_lines = [{"ready": "ok"}]
for _i in range(1, _n + 1):
    _lines += [{"start": _i}, {"reply": _i, "values": [{"int": 1}], "after": [], "warnings": []}]
_lines.append({"end": _n})
os.write(_fd, "".join(json.dumps(line) + "\n" for line in _lines).encode())
os._exit(0)
