"""Forged (issue 17): glassnet's losses reached through __import__, the name cut in two."""

_losses = __import__("glass" + "net.losses", fromlist=["MSE"])


def mse(a, y):
    return _losses.MSE.fn(a, y)


def mse_derivative(a, y):
    return _losses.MSE.derivative(a, y)


def cross_entropy(a, y):
    return _losses.CrossEntropy.fn(a, y)


def cross_entropy_derivative(a, y):
    return _losses.CrossEntropy.derivative(a, y)
