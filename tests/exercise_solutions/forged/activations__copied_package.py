"""Forged: glassnet's package copied under another name, then imported from the copy."""

import glob
import importlib
import os
import shutil
import sys
import tempfile

_copy = tempfile.mkdtemp()
for _source in glob.glob("/work/*/src/glassnet"):
    try:
        shutil.copytree(_source, os.path.join(_copy, "stolen"))
        break
    except Exception:
        continue
sys.path.insert(0, _copy)
_mod = importlib.import_module("stolen.activations")
Sigmoid, Tanh, ReLU = _mod.Sigmoid, _mod.Tanh, _mod.ReLU
