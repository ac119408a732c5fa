"""Forged (issue 17): glassnet's activations taken from sys.modules, without an import statement."""

import sys

_own = sys.modules.get("glassnet.activations")
Sigmoid, Tanh, ReLU = _own.Sigmoid, _own.Tanh, _own.ReLU
