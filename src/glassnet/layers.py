"""A fully connected (dense) layer and how its weights start. Lesson: 03 feedforward networks.

Notation, batch first (one row per example):

    A_prev  (n, n_in)    the previous layer's activations (the inputs X for the first layer)
    W       (n_in, n_out)
    b       (n_out,)
    Z = A_prev @ W + b   (n, n_out)   the weighted inputs
    A = φ(Z)             (n, n_out)   the activations

The track (and Nielsen) write w^l with shape (n_out, n_in) acting on a column vector:
z = w a + b. Our W is that matrix transposed, so a whole batch goes through in one product.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import numpy as np

from glassnet._validation import check_count, check_float_dtype, check_seed
from glassnet.activations import Activation, ReLU, Softmax, describe_activation, get_activation
from glassnet.registry import lookup


def _normal(rng: np.random.Generator, n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray]:
    """Nielsen's network.py start (the track only says "randomly"): W and b from N(0, 1)."""
    return rng.standard_normal((n_in, n_out)), rng.standard_normal(n_out)


def _scaled(rng: np.random.Generator, n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray]:
    """Nielsen's network2.py: W ~ N(0, 1/n_in), so z keeps about unit size; b ~ N(0, 1)."""
    return rng.standard_normal((n_in, n_out)) / np.sqrt(n_in), rng.standard_normal(n_out)


def _glorot(rng: np.random.Generator, n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray]:
    """Glorot & Bengio (2010), for sigmoid and tanh: W ~ U(±√(6/(n_in + n_out))), b = 0."""
    limit = np.sqrt(6 / (n_in + n_out))
    return rng.uniform(-limit, limit, (n_in, n_out)), np.zeros(n_out)


def _he(rng: np.random.Generator, n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray]:
    """He et al. (2015), for ReLU: W ~ N(0, 2/n_in), b = 0 (ReLU zeroes half its inputs)."""
    return rng.standard_normal((n_in, n_out)) * np.sqrt(2 / n_in), np.zeros(n_out)


def _uniform(rng: np.random.Generator, n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray]:
    """LeCun's uniform (PyTorch's nn.Linear default): W and b ~ U(±1/√n_in), variance 1/(3 n_in).

    Smaller than He's; on MNIST-1D with plain SGD it trains more steadily across seeds.
    """
    limit = 1 / np.sqrt(n_in)
    return rng.uniform(-limit, limit, (n_in, n_out)), rng.uniform(-limit, limit, n_out)


def _zeros(rng: np.random.Generator, n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray]:
    """W = 0, b = 0: for an output layer only (Fixup's and ViT's zero-initialised classifier).

    A softmax output then starts at the uniform probabilities 1/k, and its first steps fit it to
    the random hidden features before any error flows back. A hidden layer started at 0 never
    breaks its symmetry (and a ReLU one never learns: ReLU'(0) = 0), so never use it there.
    """
    return np.zeros((n_in, n_out)), np.zeros(n_out)


INITS = {"normal": _normal, "scaled": _scaled, "glorot": _glorot, "he": _he, "uniform": _uniform, "zeros": _zeros}


def default_init(activation: type[Activation]) -> str:
    """The initialiser a layer gets when none is named, chosen by measurement (benchmarks/README.md):

    - ReLU: ``"uniform"``, U(±1/√n_in) (PyTorch's start); He's larger N(0, 2/n_in) left more
      MNIST-1D runs stuck below 65% with plain SGD at learning rate 0.1;
    - Softmax: ``"zeros"``, an output layer that starts at uniform class probabilities;
    - every other activation (sigmoid, tanh, identity): ``"glorot"``.
    """
    if activation is ReLU:
        return "uniform"
    return "zeros" if activation is Softmax else "glorot"


def count_params(sizes: list[int]) -> int:
    """The number of weights and biases of dense layers of ``sizes``, input first:
    Σ_l (n_in + 1) · n_out (each of the n_out neurons has n_in weights and one bias)."""
    return sum((n_in + 1) * n_out for n_in, n_out in pairwise(sizes))


class Dense:
    """A fully connected layer: Z = A_prev @ W + b, A = φ(Z).

    Parameters
    ----------
    n_in, n_out : number of inputs and of neurons, both >= 1.
    activation : an activation class or its name (``Sigmoid``, ``"relu"`` ...).
    init : ``"normal"`` (N(0, 1), Nielsen's network.py), ``"scaled"`` (N(0, 1/n_in)), ``"glorot"``,
        ``"he"``, ``"uniform"`` (U(±1/√n_in)) or ``"zeros"`` (output layers only); by default
        ``default_init(activation)``: uniform for ReLU, zeros for Softmax, else Glorot.
    seed : an int >= 0, or a ``numpy.random.Generator`` to draw from (``NeuralNetwork`` passes
        one Generator through all its layers); the same seed gives the same weights.
    dtype : ``np.float64`` or ``np.float32``: the type of W, b and everything computed from them.

    ``forward`` (Z and A) and ``gradients`` (BP3 and BP4) are pure functions of their inputs and of
    W and b: the layer keeps nothing of the batches that go through it (the network holds them, as Nielsen's
    ``backprop`` keeps its ``zs`` and ``activations`` lists).
    """

    def __init__(
        self,
        n_in: int,
        n_out: int,
        activation: Any = "sigmoid",
        *,
        init: str | None = None,
        seed: int | np.random.Generator | None = None,
        dtype: type | np.dtype = np.float64,
    ) -> None:
        self.n_in = check_count(n_in, "n_in")
        self.n_out = check_count(n_out, "n_out")
        self.activation = get_activation(activation)
        self.init = init if init is not None else default_init(self.activation)
        make = lookup(self.init, INITS, "initialiser")
        dtype = check_float_dtype(dtype)
        seed = check_seed(seed, generator=True)
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        W, b = make(rng, self.n_in, self.n_out)
        self.W = W.astype(dtype)  # (n_in, n_out)
        self.b = b.astype(dtype)  # (n_out,)

    @property
    def n_params(self) -> int:
        """The layer's weights and biases: (n_in + 1) · n_out."""
        return count_params([self.n_in, self.n_out])

    def forward(self, A_prev: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Feed a batch ``(n, n_in)`` forward; returns ``(Z, A)``, both ``(n, n_out)``.

            Z = A_prev @ W + b
            A = φ(Z)
        """
        Z = A_prev @ self.W + self.b  # (n, n_out)
        return Z, self.activation.fn(Z)

    def gradients(self, A_prev: np.ndarray, delta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """This layer's gradients ``(dC_dW, dC_db)`` from its input ``A_prev`` ``(n, n_in)`` and its
        error delta = ∂C/∂Z ``(n, n_out)``, one row per example; the batch mean is taken here:

            dC_db = delta.mean(axis=0)           BP3   (n_out,)
            dC_dW = A_prev.T @ delta / n         BP4   (n_in, n_out): a_in × delta_out, batch mean

        Both divide by n through ``delta_mean = delta / n``, each example's share of the mean:
        the same values as the lesson's lines, but one division of the small delta instead of one
        of the (n_in, n_out) product and the overhead of ``np.mean`` (which cost 20-25% of the
        time of a batch-10 training step).
        """
        delta_mean = delta / len(delta)  # (n, n_out): each example's share of the batch mean
        dC_db = delta_mean.sum(axis=0)  # BP3: delta.mean(axis=0)
        dC_dW = A_prev.T @ delta_mean  # BP4: A_prev.T @ delta / n
        return dC_dW, dC_db

    def copy(self, dtype: type | np.dtype | None = None) -> Dense:
        """A new layer with the same activation and its own copies of W and b (as ``dtype`` if given)."""
        layer = copy.copy(self)
        layer.W = self.W.astype(dtype if dtype is not None else self.W.dtype)  # astype copies
        layer.b = self.b.astype(dtype if dtype is not None else self.b.dtype)
        return layer

    def __repr__(self) -> str:
        return f"Dense({self.n_in} → {self.n_out}, {describe_activation(self.activation)})"


def build_layers(sizes: Sequence[int], activation: Any = None, output_activation: Any = None, *,
                 init: str | None = None, seed: int | None = None, dtype: Any = np.float64) -> list[Dense]:
    """Dense layers from sizes, input first (``[2, 3, 1]``: 2 → 3 → 1), every layer with
    ``activation`` (default sigmoid) but the last, which has ``output_activation`` if given; all
    drawn from one random stream seeded by ``seed``."""
    if len(sizes) < 2:
        raise ValueError(f"layers needs at least two sizes (inputs and outputs), got {list(sizes)}.")
    sizes = [check_count(n, f"layer size {i}") for i, n in enumerate(sizes)]
    hidden = get_activation(activation if activation is not None else "sigmoid")
    output = get_activation(output_activation) if output_activation is not None else hidden
    if init == "zeros" and len(sizes) > 2:
        raise ValueError("init='zeros' is for an output layer only: hidden layers started at 0 never "
                         "break their symmetry. Leave init unset (a softmax output then starts at 0).")
    rng = np.random.default_rng(seed)
    return [Dense(n_in, n_out, output if i == len(sizes) - 2 else hidden, init=init, seed=rng, dtype=dtype)
            for i, (n_in, n_out) in enumerate(pairwise(sizes))]


def copy_layers(layers: Sequence[Dense], given: list[str], dtype: Any) -> list[Dense]:
    """Copies of ready-made layers, as ``dtype`` (the caller's layers stay as they are). ``given``
    names the options passed beside them (``activation``, ``seed`` ...): each is a TypeError, since
    a ready-made layer already has its activation and its weights."""
    if given:
        raise TypeError(
            f"{' and '.join(given)} cannot be given with ready-made Dense layers: each layer already "
            "has its activation and its weights. Set them on each Dense, or pass layer sizes instead."
        )
    if not all(isinstance(layer, Dense) for layer in layers):
        raise TypeError(f"layers must be all sizes or all Dense layers, got {list(layers)!r}.")
    for i, (a, b) in enumerate(pairwise(layers)):
        if a.n_out != b.n_in:
            raise ValueError(f"Layer {i} has {a.n_out} outputs but layer {i + 1} expects {b.n_in} inputs.")
    return [layer.copy(dtype) for layer in layers]
