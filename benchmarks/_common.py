"""What the benchmark scripts share: the machine report, the data sets, and one trainer per library.

Every trainer trains the same network (sizes, activations, loss), with plain mini-batch SGD at
the same learning rate and batch size, and exposes ``fit(X, y, epochs)`` and ``accuracy(X, y)``.
Libraries are imported lazily, inside the trainer, so a worker process that benchmarks one
library loads only that library (its peak memory is then its own).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import sys
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
try:  # glassnet installed (pip install -e .), or else run from a checkout
    import glassnet  # noqa: F401
except ImportError:
    sys.path.insert(0, str(SRC))

OPENBLAS_VARS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
LIBRARIES = ("glassnet", "sklearn", "torch", "numpy", "loop")
LIBRARY_LABELS = {
    "glassnet": "glassnet",
    "sklearn": "scikit-learn",
    "torch": "PyTorch",
    "numpy": "plain numpy",
    "loop": "per-example loop",
    "roofline": "BLAS floor",
}


# ---------------------------------------------------------------------------- the network
@dataclass(frozen=True)
class Spec:
    """One network and its training settings (identical for every library)."""

    sizes: tuple[int, ...]
    hidden: str  # "sigmoid" or "relu"
    output: str  # "sigmoid" (+ binary cross-entropy) or "softmax" (+ categorical cross-entropy)
    batch_size: int
    learning_rate: float
    dtype: str = "float64"

    @property
    def loss(self) -> str:
        return "cross-entropy" if self.output == "sigmoid" else "categorical-cross-entropy"

    @property
    def n_params(self) -> int:
        return sum(n_in * n_out + n_out for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:], strict=True))

    def describe(self) -> str:
        loss = "binary CE" if self.output == "sigmoid" else "categorical CE"
        return (f"{'-'.join(map(str, self.sizes))} {self.hidden}, {self.output} + {loss}, "
                f"batch {self.batch_size}, lr {self.learning_rate:g}, {self.dtype}")


def one_hot(y: np.ndarray, k: int, dtype) -> np.ndarray:
    Y = np.zeros((len(y), k), dtype=dtype)
    Y[np.arange(len(y)), y] = 1
    return Y


# ---------------------------------------------------------------------------- data
def synthetic(n_train: int = 60000, n_test: int = 10000, n_features: int = 784, n_classes: int = 10,
              dtype="float64", seed: int = 0):
    """MNIST-shaped random data that a network can learn: each class has a random "prototype"
    image P_k with pixels in [0, 1), and a sample of class k is (P_k + U) / 2, with U uniform
    noise in [0, 1). Labels are uniform over the classes. The task is easy (every library reaches
    about 100% test accuracy in two epochs): the accuracy column is a check that each one trains.
    Built in chunks, directly in ``dtype``,
    so that making it never needs more memory than the result; the values are those of a
    float32 draw in both dtypes, so the float32 and float64 cases see the same data."""
    rng = np.random.default_rng(seed)
    prototypes = rng.random((n_classes, n_features), dtype=np.float32)
    n = n_train + n_test
    y = rng.integers(0, n_classes, n)
    X = np.empty((n, n_features), dtype=dtype)
    chunk = 5000
    for lo in range(0, n, chunk):
        hi = min(lo + chunk, n)
        noise = rng.random((hi - lo, n_features), dtype=np.float32)
        X[lo:hi] = np.float32(0.5) * (prototypes[y[lo:hi]] + noise)
    return X[:n_train], y[:n_train], X[n_train:], y[n_train:]


def prepare_small(cache: Path) -> None:
    """Write digits and MNIST-1D to ``cache`` (so that worker processes need neither
    scikit-learn nor mnist1d to read them)."""
    from glassnet import datasets

    if not (cache / "digits.npz").exists():
        X, y = datasets.digits()
        X_train, y_train, X_test, y_test = datasets.train_test_split(X, y, test_size=0.2, seed=0)
        np.savez(cache / "digits.npz", X_train=X_train, y_train=y_train, X_test=X_test, y_test=y_test)
    if not (cache / "mnist1d.npz").exists():
        X_train, y_train, X_test, y_test = mnist1d()
        np.savez(cache / "mnist1d.npz", X_train=X_train, y_train=y_train, X_test=X_test, y_test=y_test)


def mnist1d():
    """MNIST-1D with the package's default arguments (seed 42, 4000 train / 1000 test signals)."""
    from glassnet import datasets

    return datasets.mnist1d(5000, seed=42)


def load(name: str, dtype: str, cache: Path | None = None):
    """(X_train, y_train, X_test, y_test) of data set ``name`` in ``dtype``."""
    if name == "synthetic":
        return synthetic(dtype=dtype)
    if cache is not None and (cache / f"{name}.npz").exists():
        with np.load(cache / f"{name}.npz") as f:
            data = (f["X_train"], f["y_train"], f["X_test"], f["y_test"])
    elif name == "digits":
        from glassnet import datasets

        X, y = datasets.digits()
        data = datasets.train_test_split(X, y, test_size=0.2, seed=0)
    elif name == "mnist1d":
        data = mnist1d()
    else:
        raise ValueError(f"unknown data set {name!r}")
    X_train, y_train, X_test, y_test = data
    return X_train.astype(dtype), y_train, X_test.astype(dtype), y_test


# ---------------------------------------------------------------------------- trainers
class GlassnetTrainer:
    def __init__(self, spec: Spec, seed: int, **fit_options):
        from glassnet import NeuralNetwork

        init = fit_options.pop("init", None)
        self.spec, self.seed, self.fit_options = spec, seed, fit_options
        self.net = NeuralNetwork(list(spec.sizes), activation=spec.hidden, output_activation=spec.output,
                                 loss=spec.loss, init=init, seed=seed, dtype=np.dtype(spec.dtype))

    def fit(self, X, y, epochs):
        options = dict(self.fit_options)
        if "optimizer" not in options or isinstance(options["optimizer"], str):
            options.setdefault("learning_rate", self.spec.learning_rate)
        self.history = self.net.fit(X, y, epochs=epochs, batch_size=self.spec.batch_size,
                                    seed=self.seed, **options)
        return self

    def accuracy(self, X, y):
        return self.net.score(X, y)


class SklearnTrainer:
    """MLPClassifier with plain SGD. A sigmoid output with binary cross-entropy is what
    scikit-learn does for multilabel targets, so those are given as a one-hot matrix; a softmax
    output is what it does for labels."""

    def __init__(self, spec: Spec, seed: int):
        self.spec, self.seed = spec, seed

    def fit(self, X, y, epochs):
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPClassifier

        self.model = MLPClassifier(
            hidden_layer_sizes=self.spec.sizes[1:-1],
            activation={"sigmoid": "logistic", "relu": "relu"}[self.spec.hidden],
            solver="sgd", momentum=0.0, nesterovs_momentum=False, learning_rate="constant",
            learning_rate_init=self.spec.learning_rate, alpha=0.0, batch_size=self.spec.batch_size,
            max_iter=epochs, tol=0.0, n_iter_no_change=epochs + 1, shuffle=True,
            early_stopping=False, random_state=self.seed,
        )
        target = one_hot(y, self.spec.sizes[-1], X.dtype) if self.spec.output == "sigmoid" else y
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            self.model.fit(X, target)
        return self

    def accuracy(self, X, y):
        return float(np.mean(self.model.predict_proba(X).argmax(axis=1) == y))


class TorchTrainer:
    """nn.Linear layers and a hand-written loop over shuffled index batches (no DataLoader).
    The loss is the batch mean of the per-example loss summed over outputs, as in glassnet:
    BCE-with-logits summed and divided by the batch size, or cross-entropy averaged."""

    def __init__(self, spec: Spec, seed: int, threads: int = 2):
        import torch

        torch.set_num_threads(threads)
        torch.manual_seed(seed)
        self.torch, self.spec = torch, spec
        self.dtype = {"float64": torch.float64, "float32": torch.float32}[spec.dtype]
        act = {"sigmoid": torch.nn.Sigmoid, "relu": torch.nn.ReLU}[spec.hidden]
        layers = []
        for i, (n_in, n_out) in enumerate(zip(spec.sizes[:-1], spec.sizes[1:], strict=True)):
            layers.append(torch.nn.Linear(n_in, n_out, dtype=self.dtype))
            if i < len(spec.sizes) - 2:
                layers.append(act())
        self.model = torch.nn.Sequential(*layers)  # outputs logits; the loss applies σ / softmax
        self.generator = torch.Generator().manual_seed(seed)

    def fit(self, X, y, epochs):
        torch = self.torch
        Xt = torch.from_numpy(X)  # shares memory with X
        if self.spec.output == "sigmoid":
            Yt = torch.from_numpy(one_hot(y, self.spec.sizes[-1], X.dtype))
            bce = torch.nn.BCEWithLogitsLoss(reduction="sum")
            loss_fn = lambda out, t: bce(out, t) / len(t)  # noqa: E731
        else:
            Yt = torch.from_numpy(y)
            loss_fn = torch.nn.CrossEntropyLoss()
        opt = torch.optim.SGD(self.model.parameters(), lr=self.spec.learning_rate, momentum=0.0)
        n, bs = len(X), self.spec.batch_size
        for _ in range(epochs):
            order = torch.randperm(n, generator=self.generator)
            for lo in range(0, n, bs):
                idx = order[lo:lo + bs]
                opt.zero_grad(set_to_none=True)
                loss = loss_fn(self.model(Xt[idx]), Yt[idx])
                loss.backward()
                opt.step()
        return self

    def accuracy(self, X, y):
        with self.torch.no_grad():
            out = self.model(self.torch.from_numpy(X))
        return float(np.mean(out.argmax(dim=1).numpy() == y))


class NumpyTrainer:
    """The shortest vectorised numpy loop for this network: the floor for Python + numpy
    overhead, with no validation, history or optimizer objects. Starts from glassnet's default
    (the same draws as ``NeuralNetwork`` with the same seed)."""

    def __init__(self, spec: Spec, seed: int):
        from glassnet.activations import get_activation
        from glassnet.layers import INITS, default_init

        self.spec = spec
        self.rng = np.random.default_rng(seed)  # the start's draws, as NeuralNetwork's
        self.order_rng = np.random.default_rng(seed)  # the shuffles, as NeuralNetwork.fit's with this seed
        dt = np.dtype(spec.dtype)
        self.W, self.b = [], []
        last = len(spec.sizes) - 2
        for i, (n_in, n_out) in enumerate(zip(spec.sizes[:-1], spec.sizes[1:], strict=True)):
            activation = get_activation(spec.output if i == last else spec.hidden)
            W, b = INITS[default_init(activation)](self.rng, n_in, n_out)
            self.W.append(W.astype(dt))
            self.b.append(b.astype(dt))

    def _hidden(self, Z):
        if self.spec.hidden == "relu":
            return np.maximum(Z, 0)
        with np.errstate(over="ignore"):
            return 1 / (1 + np.exp(-Z))

    def _output(self, Z):
        if self.spec.output == "softmax":
            E = np.exp(Z - Z.max(axis=1, keepdims=True))
            return E / E.sum(axis=1, keepdims=True)
        with np.errstate(over="ignore"):
            return 1 / (1 + np.exp(-Z))

    def forward(self, X):
        A, As = X, [X]
        for l, (W, b) in enumerate(zip(self.W, self.b, strict=True)):
            Z = A @ W + b
            A = self._output(Z) if l == len(self.W) - 1 else self._hidden(Z)
            As.append(A)
        return As

    def fit(self, X, y, epochs):
        Y = one_hot(y, self.spec.sizes[-1], X.dtype)
        n, bs, lr = len(X), self.spec.batch_size, self.spec.learning_rate
        order = np.arange(n)
        for _ in range(epochs):
            self.order_rng.shuffle(order)
            for lo in range(0, n, bs):
                idx = order[lo:lo + bs]
                As = self.forward(X[idx])
                D = (As[-1] - Y[idx]) / len(idx)  # mean over the batch folded into delta
                for l in range(len(self.W) - 1, -1, -1):
                    D_prev = None
                    if l > 0:
                        D_prev = D @ self.W[l].T
                        A = As[l]
                        D_prev *= (A > 0) if self.spec.hidden == "relu" else A * (1 - A)
                    self.W[l] -= lr * (As[l].T @ D)
                    self.b[l] -= lr * D.sum(axis=0)
                    D = D_prev
        return self

    def accuracy(self, X, y):
        return float(np.mean(self.forward(X)[-1].argmax(axis=1) == y))


class LoopTrainer:
    """The per-example (column-vector, Python loop over each mini-batch) network."""

    def __init__(self, spec: Spec, seed: int):
        from per_example import PerExampleNetwork

        self.spec = spec
        self.net = PerExampleNetwork(spec.sizes, spec.hidden, spec.output, seed=seed, dtype=spec.dtype)

    def fit(self, X, y, epochs):
        self.net.train(X, one_hot(y, self.spec.sizes[-1], X.dtype), epochs, self.spec.batch_size,
                       self.spec.learning_rate)
        return self

    def accuracy(self, X, y):
        return float(np.mean(self.net.predict(X) == y))


TRAINERS = {"glassnet": GlassnetTrainer, "sklearn": SklearnTrainer, "torch": TorchTrainer,
            "numpy": NumpyTrainer, "loop": LoopTrainer}


# ---------------------------------------------------------------------------- memory and machine
def rss_mib() -> tuple[float, float]:
    """(current RSS, peak RSS) of this process in MiB, from /proc (Linux) or getrusage."""
    try:
        status = Path("/proc/self/status").read_text()
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
    except (OSError, KeyError, ValueError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return float("nan"), peak


def blas_info() -> list[dict]:
    """numpy's BLAS as threadpoolctl reports it (name, version, kernel, threads)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return [{"internal_api": "threadpoolctl not installed"}]
    keep = ("internal_api", "version", "architecture", "num_threads", "filepath")
    return [{k: info.get(k) for k in keep} for info in threadpool_info() if info.get("user_api") == "blas"]


def describe_blas(infos: list[dict]) -> str:
    return "; ".join(f"{i.get('internal_api')} {i.get('version')} ({i.get('architecture')} kernel, "
                     f"{i.get('num_threads')} threads, {Path(str(i.get('filepath'))).name})" for i in infos)


def machine() -> dict:
    """CPU, cores, Python, numpy, numpy's BLAS, and the OpenBLAS variables as this process sees them."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": blas_info(),
        "env": {var: os.environ.get(var) for var in OPENBLAS_VARS},
    }


def versions() -> dict:
    from importlib import metadata

    out = {}
    for dist in ("glassnet", "numpy", "scikit-learn", "torch", "threadpoolctl", "mnist1d"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = None
    import glassnet

    where = Path(glassnet.__file__).resolve().parent.parent
    out["glassnet"] = f"{out['glassnet'] or glassnet.__version__} (from {where})"
    return out


def worker_env(keep_openblas_env: bool) -> tuple[dict, str]:
    """The environment for worker processes, and a sentence saying what was done with the
    OpenBLAS variables (the project's notes: unset both together, in benchmark commands only)."""
    env = dict(os.environ)
    present = {v: env[v] for v in OPENBLAS_VARS if v in env}
    if not present:
        note = "OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE: not set in this environment."
    elif keep_openblas_env:
        note = f"OpenBLAS variables kept as set: {present}."
    else:
        for v in OPENBLAS_VARS:
            env.pop(v, None)
        note = f"OpenBLAS variables {present} unset together for the worker processes only."
    # the workers import per_example.py and _common.py from here
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(HERE), env.get("PYTHONPATH", "")) if p)
    return env, note


def to_json(obj) -> str:
    return json.dumps(obj, default=lambda o: asdict(o) if hasattr(o, "__dataclass_fields__") else str(o))
