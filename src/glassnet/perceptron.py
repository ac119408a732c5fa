"""The perceptron: a hyperplane, a step function and Rosenblatt's learning rule. Lesson: 01 linear models.

One step rule everywhere, in training and in prediction:

    output(x) = 1 if w·x + b > 0 else 0

A point exactly on the hyperplane (f(x) = 0) is class 0. (The track's code used ``>= 0`` while
training and ``> 0`` while predicting, which can disagree on such a point; we use ``> 0`` in
both places.)
"""

from __future__ import annotations

import warnings

import numpy as np

from glassnet._validation import (
    as_array,
    as_samples,
    check_binary_labels,
    check_count,
    check_positive,
    check_same_length,
    check_seed,
)


class ConvergenceWarning(UserWarning):
    """Training stopped at its limit before it reached its goal."""


class Perceptron:
    """A single artificial neuron with a step output: 0 or 1.

    Parameters
    ----------
    w : float or array of shape (n_features,), optional
        The weights. A number makes the one-dimensional perceptron of the track's first
        exercise (one weight, one bias, inputs are numbers).
    b : float
        The bias.
    n_inputs : int, optional
        Instead of ``w``: the number of inputs; the weights start at zero (for ``fit``).

    Attributes (after ``fit``)
    --------------------------
    mistakes_ : list of int, the number of misclassified points in each epoch.
    n_epochs_ : int, the number of epochs run.
    converged_ : bool, whether the last epoch made no mistake.

    Examples
    --------
    >>> Perceptron(w=2.0, b=-1.0).run(0.7)
    1
    >>> Perceptron(w=[0, 1], b=-1).run([[0, 2], [1, 0]])
    array([1, 0])
    """

    def __init__(
        self, w: float | np.ndarray | None = None, b: float = 0.0, *, n_inputs: int | None = None
    ) -> None:
        if w is None and n_inputs is None:
            raise TypeError("Perceptron needs either weights w (a number or a vector) or n_inputs.")
        if w is not None and n_inputs is not None:
            raise TypeError("Give Perceptron either w or n_inputs, not both.")
        self.scalar = w is not None and np.ndim(w) == 0
        if w is None:
            w = np.zeros(check_count(n_inputs, "n_inputs"))
        self.w = as_array(np.atleast_1d(w), "w", ndim=1).copy()  # (n_features,)
        self.b = float(as_array(b, "b", ndim=0))

    @property
    def n_features(self) -> int:
        return self.w.size

    def _inputs(self, x: np.ndarray | float) -> tuple[np.ndarray, bool]:
        """Inputs as ``(n, n_features)`` and whether one point was given."""
        if self.scalar and np.ndim(x) <= 1:
            # One weight: a number is one point, a 1-d array is a batch of numbers.
            return as_array(np.atleast_1d(x), "x", ndim=1).reshape(-1, 1), np.ndim(x) == 0
        return as_samples(x, "x", n_features=self.n_features)

    def _step(self, X: np.ndarray) -> np.ndarray:
        """output = 1 if w·x + b > 0 else 0, for each row of X."""
        return (X @ self.w + self.b > 0).astype(int)

    def run(self, x: np.ndarray | float) -> np.ndarray | int:
        """Classify one input (returns 0 or 1) or a batch ``(n, n_features)`` (returns ``(n,)``)."""
        X, single = self._inputs(x)
        out = self._step(X)
        return int(out[0]) if single else out

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Class labels, shape ``(n,)``, for a batch of inputs."""
        X, _ = self._inputs(X)
        return self._step(X)

    def score(self, X: np.ndarray, y: np.ndarray) -> float:
        """Accuracy: the fraction of points whose predicted label equals ``y``."""
        y = as_array(y, "y", ndim=1)
        predictions = self.predict(X)
        check_same_length(predictions, y)
        return float(np.mean(predictions == y))

    def fit(
        self,
        X: np.ndarray,
        y: np.ndarray,
        learning_rate: float = 1.0,
        max_epochs: int = 100,
        shuffle: bool = False,
        seed: int | None = None,
    ) -> Perceptron:
        """Learn w and b with the Rosenblatt rule, starting from zero as the track does.

        For each point, in order (or shuffled each epoch): if the output f(x) differs from the
        label y, move the hyperplane toward the point,

            w ← w + η (y - f(x)) x
            b ← b + η (y - f(x))

        (the bias is the weight of a constant input 1). Starting from zero, η only scales w
        and b (every update is a multiple of η), so the mistakes made do not depend on it.
        Stops at the first epoch with no mistake, or after ``max_epochs``. If that limit is
        reached, ``converged_`` is False and a ``ConvergenceWarning`` says the data may not be
        linearly separable (XOR is not).

        Parameters
        ----------
        X : array of shape (n_samples, n_features); a 1-d array for a one-weight perceptron.
        y : array of shape (n_samples,), labels 0 or 1.
        learning_rate : η > 0.
        max_epochs : the most passes over the data, >= 1.
        shuffle : visit the points in a new random order each epoch.
        seed : seeds the shuffling.
        """
        X, _ = self._inputs(X)
        y = as_array(y, "y", ndim=1)
        check_same_length(X, y)
        check_binary_labels(y)
        eta = check_positive(learning_rate, "learning_rate")
        max_epochs = check_count(max_epochs, "max_epochs")
        rng = np.random.default_rng(check_seed(seed))

        self.w = np.zeros(self.n_features)
        self.b = 0.0
        self.mistakes_: list[int] = []
        order = np.arange(len(X))
        for _ in range(max_epochs):
            if shuffle:
                rng.shuffle(order)
            mistakes = 0
            for i in order:
                error = y[i] - (X[i] @ self.w + self.b > 0)  # y - f(x): 0, +1 or -1
                if error:
                    self.w += eta * error * X[i]
                    self.b += eta * error
                    mistakes += 1
            self.mistakes_.append(mistakes)
            if mistakes == 0:
                break
        self.n_epochs_ = len(self.mistakes_)
        self.converged_ = self.mistakes_[-1] == 0
        if not self.converged_:
            warnings.warn(
                f"The perceptron still made {self.mistakes_[-1]} mistake(s) after {max_epochs} epochs. "
                "The data may not be linearly separable (no line or hyperplane splits the two "
                "classes, as for XOR); a network with a hidden layer can learn it.",
                ConvergenceWarning,
                stacklevel=2,
            )
        return self

    def __repr__(self) -> str:
        w = f"{self.w[0]:g}" if self.scalar else "[" + ", ".join(f"{v:.4g}" for v in self.w) + "]"
        return f"Perceptron(w={w}, b={self.b:g})"
