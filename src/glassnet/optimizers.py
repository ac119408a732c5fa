"""How a gradient becomes a step: SGD, momentum, Adam, learning-rate schedules. Lesson: 05 gradient descent.

Every optimizer updates the network's parameters in place from their gradients, one
mini-batch at a time. Plain SGD is the track's rule, θ ← θ - η ∂C/∂θ; the others change the
direction or size of the step. Symbols: η learning rate, g = ∂C/∂θ, λ weight decay.

L2 weight decay (Nielsen's regularisation, C = C0 + λ/(2n) Σ w²) adds λ/n · W to every weight
gradient; biases are not decayed. Here ``weight_decay`` is the coefficient λ/n itself.
L1 regularisation (C = C0 + λ/n Σ |w|) adds λ/n · sign(W) instead: a constant pull towards 0
that drives small weights to exactly 0 (sparse weights); ``l1_decay`` is λ/n. Both may be on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from glassnet._validation import check_number, check_positive
from glassnet.registry import lookup

Schedule = Callable[[float, int], float]


# ---------------------------------------------------------------- learning-rate schedules
def constant(learning_rate: float, epoch: int) -> float:
    """η_t = η: the same rate every epoch."""
    return learning_rate


def step_decay(drop: float = 0.5, every: int = 10) -> Schedule:
    """η_t = η · drop^⌊t / every⌋: multiply the rate by ``drop`` every ``every`` epochs."""
    check_number(drop, "drop", low=0, high=1)
    check_number(every, "every", low=1, low_inclusive=True, integer=True)
    return lambda learning_rate, epoch: learning_rate * drop ** (epoch // every)


def exponential_decay(rate: float = 0.95) -> Schedule:
    """η_t = η · rate^t: a smooth geometric decay."""
    check_number(rate, "rate", low=0, high=1)
    return lambda learning_rate, epoch: learning_rate * rate**epoch


def inverse_time_decay(decay: float = 0.01) -> Schedule:
    """η_t = η / (1 + decay · t): the 1/t decay that stochastic-approximation theory asks for."""
    check_number(decay, "decay", low=0, low_inclusive=True)
    return lambda learning_rate, epoch: learning_rate / (1 + decay * epoch)


# ---------------------------------------------------------------- optimizers
class Optimizer:
    """Shared machinery: the learning rate, its schedule, weight decay, per-parameter state.

    ``step(params, grads)`` takes the list of ``(W, b)`` pairs of a network and the matching
    ``(dC_dW, dC_db)`` pairs from ``backprop``, and updates the parameters in place.
    """

    name = ""
    default_learning_rate = 0.1

    def __init__(
        self,
        learning_rate: float | None = None,
        *,
        schedule: Schedule | None = None,
        weight_decay: float = 0.0,
        l1_decay: float = 0.0,
    ) -> None:
        if learning_rate is None:
            learning_rate = self.default_learning_rate
        self.initial_learning_rate = check_positive(learning_rate, "learning_rate")
        self.learning_rate = float(learning_rate)
        self.schedule = schedule if schedule is not None else constant
        self.weight_decay = check_number(weight_decay, "weight_decay", low=0, low_inclusive=True)
        self.l1_decay = check_number(l1_decay, "l1_decay", low=0, low_inclusive=True)
        self.state: dict[int, dict[str, np.ndarray]] = {}

    def reset(self) -> None:
        """Forget every earlier step (velocities, moments, step count) and go back to the initial
        learning rate. ``fit`` calls it first, so that an optimizer reused on another network, or
        for a second fit, behaves exactly as a fresh one."""
        self.state.clear()
        self.learning_rate = float(self.initial_learning_rate)

    def start_epoch(self, epoch: int) -> None:
        """Set the learning rate for ``epoch`` (counted from 0) from the schedule; a rate that is
        negative (a step uphill) or not a finite number is a ValueError naming the epoch."""
        rate = self.schedule(self.initial_learning_rate, epoch)
        number = isinstance(rate, int | float | np.number) and not isinstance(rate, bool | np.bool_)
        if not number or not np.isfinite(rate) or rate < 0:
            raise ValueError(
                f"The learning-rate schedule gave {f'{float(rate):g}' if number else repr(rate)} for epoch {epoch} "
                f"(from the initial rate "
                f"{self.initial_learning_rate:g}); a learning rate must be a finite number >= 0."
            )
        self.learning_rate = float(rate)

    def step(self, params: Sequence[tuple[np.ndarray, np.ndarray]],
             grads: Sequence[tuple[np.ndarray, np.ndarray]]) -> None:
        """Update every ``W`` and ``b`` in place from its gradient."""
        for i, ((W, b), (dC_dW, dC_db)) in enumerate(zip(params, grads, strict=True)):
            self.update(2 * i, W, self.decayed(W, dC_dW))
            self.update(2 * i + 1, b, dC_db)

    def decayed(self, W: np.ndarray, dC_dW: np.ndarray) -> np.ndarray:
        """The weight gradient with the regularisation terms added (biases are not decayed):

        dC_dW + λ2/n · W        (L2, ``weight_decay``)
              + λ1/n · sign(W)  (L1, ``l1_decay``; sign(0) = 0, so a weight at 0 stays there)
        """
        if self.weight_decay:
            dC_dW = dC_dW + self.weight_decay * W
        if self.l1_decay:
            dC_dW = dC_dW + self.l1_decay * np.sign(W)
        return dC_dW

    def update(self, key: int, theta: np.ndarray, g: np.ndarray) -> None:
        raise NotImplementedError

    def _slot(self, key: int, name: str, like: np.ndarray) -> np.ndarray:
        """Per-parameter state (velocity, moments), zeros of the parameter's shape and dtype."""
        slots = self.state.setdefault(key, {})
        if name not in slots:
            slots[name] = np.zeros_like(like)
        return slots[name]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(learning_rate={self.initial_learning_rate:g})"


class SGD(Optimizer):
    """Plain (stochastic) gradient descent, the track's rule:

    θ ← θ - η g
    """

    name = "sgd"

    def step(self, params: Sequence[tuple[np.ndarray, np.ndarray]],
             grads: Sequence[tuple[np.ndarray, np.ndarray]]) -> None:
        """θ ← θ - η g for every W and b (written out: SGD keeps no state, and this is the hot loop)."""
        eta, decay = self.learning_rate, self.weight_decay or self.l1_decay
        for (W, b), (dC_dW, dC_db) in zip(params, grads, strict=True):
            W -= eta * (self.decayed(W, dC_dW) if decay else dC_dW)
            b -= eta * dC_db


class Momentum(Optimizer):
    """Gradient descent with momentum: a velocity v remembers past steps.

    v ← μ v - η g
    θ ← θ + v                       (classical)
    θ ← θ + μ v - η g               (Nesterov: look one step ahead)

    μ in [0, 1) is the momentum; μ = 0 is plain SGD.
    """

    name = "momentum"

    def __init__(self, learning_rate: float | None = None, momentum: float = 0.9,
                 nesterov: bool = False, **kwargs) -> None:
        super().__init__(learning_rate, **kwargs)
        self.momentum = check_number(momentum, "momentum", low=0, low_inclusive=True, high=1,
                                     high_inclusive=False)
        self.nesterov = bool(nesterov)

    def update(self, key: int, theta: np.ndarray, g: np.ndarray) -> None:
        v = self._slot(key, "v", theta)
        v *= self.momentum
        v -= self.learning_rate * g  # v ← μ v - η g
        if self.nesterov:
            theta += self.momentum * v - self.learning_rate * g  # θ ← θ + μ v - η g
        else:
            theta += v  # θ ← θ + v


class Adam(Optimizer):
    """Adam (Kingma & Ba, 2015): a step scaled per parameter by running gradient moments.

    m ← β1 m + (1 - β1) g              (mean of g)
    s ← β2 s + (1 - β2) g²             (mean of g²)
    m̂ = m / (1 - β1^t),  ŝ = s / (1 - β2^t)   (bias correction, t = step count)
    θ ← θ - η m̂ / (√ŝ + ε)
    """

    name = "adam"
    default_learning_rate = 0.001

    def __init__(self, learning_rate: float | None = None, beta1: float = 0.9, beta2: float = 0.999,
                 eps: float = 1e-8, **kwargs) -> None:
        super().__init__(learning_rate, **kwargs)
        self.beta1 = check_number(beta1, "beta1", low=0, low_inclusive=True, high=1, high_inclusive=False)
        self.beta2 = check_number(beta2, "beta2", low=0, low_inclusive=True, high=1, high_inclusive=False)
        self.eps = check_positive(eps, "eps")
        self.t = 0

    def reset(self) -> None:
        super().reset()
        self.t = 0

    def step(self, params, grads) -> None:
        self.t += 1
        super().step(params, grads)

    def update(self, key: int, theta: np.ndarray, g: np.ndarray) -> None:
        m = self._slot(key, "m", theta)
        s = self._slot(key, "s", theta)
        m += (1 - self.beta1) * (g - m)  # m ← β1 m + (1 - β1) g
        s += (1 - self.beta2) * (g * g - s)  # s ← β2 s + (1 - β2) g²
        m_hat = m / (1 - self.beta1**self.t)
        s_hat = s / (1 - self.beta2**self.t)
        theta -= self.learning_rate * m_hat / (np.sqrt(s_hat) + self.eps)


OPTIMIZERS: dict[str, type[Optimizer]] = {cls.name: cls for cls in (SGD, Momentum, Adam)}


def get_optimizer(choice: str | Optimizer | None, learning_rate: float | None = None) -> Optimizer:
    """An optimizer instance from a name (``"adam"``), an instance, or None (plain SGD)."""
    if isinstance(choice, Optimizer):
        if learning_rate is not None:
            raise TypeError(
                "Give the learning rate to the optimizer (e.g. Adam(learning_rate=0.01)) "
                "or pass the optimizer by name, not both."
            )
        return choice
    cls = lookup(choice if choice is not None else "sgd", OPTIMIZERS, "optimizer")
    return cls(learning_rate)
