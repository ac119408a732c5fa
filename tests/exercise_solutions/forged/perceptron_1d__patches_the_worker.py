"""Forged: an empty perceptron that replaces every function of the checker's worker it can find."""

import contextlib
import sys


class Perceptron:
    def __init__(self, w, b):
        pass

    def run(self, x):
        return None


for name, module in list(sys.modules.items()):
    if name.startswith("glassnet.checker"):
        for attribute in dir(module):
            if callable(getattr(module, attribute)) and not attribute.startswith("__"):
                with contextlib.suppress(AttributeError, TypeError):
                    setattr(module, attribute, lambda *args, **kwargs: None)
