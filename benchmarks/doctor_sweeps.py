"""The doctor's sweeps (``python benchmarks/doctor.py --sweep NAME``): where three thresholds come from.

- ``scales``: the progress of a recipe's trial with every input multiplied by a factor (inputs-unscaled);
- ``starts``: the nats per example a start loses beyond z = 0, over healthy starts drawn with every
  initialiser and several seeds, against one output's bias or the output layer scaled (loss-at-init);
- ``rates``: rates of 1e-5 to 1e-7 with SGD, momentum and Adam on five data sets, whether the doctor
  names them and the largest update/weight ratio of their steps (learning-rate-too-low).
"""

from __future__ import annotations

import time
from types import SimpleNamespace

import numpy as np
from doctor_cases import bias_one_output, digits, mnist1d, moons, net, scaled, sine
from doctor_third_set import table

from glassnet import datasets
from glassnet.doctor import diagnose
from glassnet.doctor.probe import measure_start, prepare_data
from glassnet.doctor.start_loss import output_excess
from glassnet.doctor.trial import TRIAL_STEPS, epochs_for, largest_ratio, recipe_optimizer, train_copy


def scales() -> None:
    """The progress of the recipe's trial (``Run.progress``) with every input multiplied by a factor:
    where inputs-unscaled's thresholds come from."""
    factors = (0.001, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100)
    recipes = [("digits 64-30-10 sigmoid, η 0.5", lambda: net([64, 30, 10]), digits, None, 0.5, 10),
               ("MNIST-1D 40-100-10 ReLU, η 0.1", lambda: net([40, 100, 10], "relu"), mnist1d, None, 0.1, 32),
               ("moons 2-16-16-1 ReLU, η 0.1", lambda: net([2, 16, 16, 1], "relu", "sigmoid"), moons, None, 0.1, 10),
               ("moons 2-16-1 tanh, Adam 0.01", lambda: net([2, 16, 1], "tanh", "sigmoid"), moons, "adam", 0.01, 10)]
    print("\n| recipe | " + " | ".join(f"×{f:g}" for f in factors) + " |")
    print("|---|" + "---|" * len(factors))
    for name, build, data, optimizer, rate, batch in recipes:
        X, y = data()
        row = []
        for factor in factors:
            network = build()
            prepared = prepare_data(network, X * factor, y, 0)
            start = measure_start(network, prepared)
            run = train_copy(network, prepared, name, recipe_optimizer(optimizer, rate), batch_size=batch,
                             epochs=epochs_for(TRIAL_STEPS, len(prepared.train), batch), seed=0,
                             deadline=time.perf_counter() + 60)
            row.append(f"{run.progress(start.constant):.2f}")
        rms = np.sqrt(np.mean(X**2, axis=0))
        print(f"| {name} (RMS at ×1: largest {rms.max():.2g}, median {np.median(rms[X.std(axis=0) > 0]):.2g}) | "
              + " | ".join(row) + " |")


def starts() -> None:
    """loss-at-init: the excess (nats per example beyond the outputs at z = 0, worst output) of healthy
    starts, the largest over four seeds, against planted confidently wrong outputs; and C / (C at z = 0),
    the ratio the check used before."""
    clusters = datasets.gaussians(1000, n_classes=20, noise=0.3, seed=0)
    networks = [("breast cancer 30-16-1 tanh + sigmoid (K = 1)", lambda **o: net([30, 16, 1], "tanh", "sigmoid", **o),
                 lambda: table("breast_cancer")),
                ("iris 4-16-3 tanh + softmax (K = 3)", lambda **o: net([4, 16, 3], "tanh", **o), lambda: table("iris")),
                ("digits 64-64-10 ReLU + softmax (K = 10)", lambda **o: net([64, 64, 10], "relu", **o), digits),
                ("MNIST-1D 40-100-10 ReLU + 10 sigmoids", lambda **o: net([40, 100, 10], "relu", "sigmoid", **o),
                 mnist1d),
                ("20 clusters 2-32-20 tanh + softmax (K = 20)", lambda **o: net([2, 32, 20], "tanh", **o),
                 lambda: clusters)]
    inits = (None, "glorot", "he", "uniform", "scaled", "normal")
    planted = [(f"bias {b:+g}", lambda n, b=b: bias_one_output(n, b)) for b in (5, 7, 10, -10)]
    planted += [(f"W ×{f}", lambda n, f=f: scaled(n, [len(n.layers)], f)) for f in (5, 10)]
    print("\n| network | " + " | ".join(i or "default" for i in inits) + " | "
          + " | ".join(name for name, _ in planted) + " |")
    print("|---|" + "---|" * (len(inits) + len(planted)))
    for name, build, data in networks:
        X, y = data()
        healthy = []
        for init in inits:
            options = {} if init is None else {"init": init}
            values = [start_excess(build(seed=seed, **options), X, y) for seed in range(4)]
            healthy.append(max(values, key=lambda v: float(v.split()[0])))
        faulty = [start_excess(plant(build(init="glorot")), X, y) for _, plant in planted]
        print(f"| {name} | " + " | ".join(healthy + faulty) + " |")


def start_excess(network: object, X: np.ndarray, y: np.ndarray) -> str:
    """The excess in nats of a network's start on (X, y), and in brackets its ratio C / (C at z = 0)."""
    prepared = prepare_data(network, X, y, 0)
    start = measure_start(network, prepared)
    excess = output_excess(SimpleNamespace(net=network, start=start, data=prepared))[0]
    return f"{excess:.2f} ({start.loss / start.uninformed:.1f})"


def rates() -> None:
    """learning-rate-too-low: tiny rates with three optimizers on five data sets; whether the doctor
    names the code, and the recipe's largest update/weight ratio and progress."""
    circles = datasets.circles(400, noise=0.1, seed=0)
    data = [("circles 2-8-8-1 ReLU", lambda: (net([2, 8, 8, 1], "relu", "sigmoid"), *circles), 10),
            ("moons 2-16-1 tanh", lambda: (net([2, 16, 1], "tanh", "sigmoid"), *moons()), 10),
            ("digits 64-30-10 sigmoid + softmax", lambda: (net([64, 30, 10]), *digits()), 10),
            ("MNIST-1D 40-100-10 ReLU", lambda: (net([40, 100, 10], "relu"), *mnist1d()), 32),
            ("sine 1-32-1 tanh, MSE", lambda: (net([1, 32, 1], "tanh", "identity"), *sine()), 10)]
    rates = (1e-5, 1e-6, 1e-7)
    print("\nEach cell: named (yes/no), the largest update/weight ratio, the recipe's progress.\n")
    print("| data and network | optimizer | " + " | ".join(f"η {r:g}" for r in rates) + " |")
    print("|---|---|" + "---|" * len(rates))
    for name, build, batch in data:
        for optimizer in ("sgd", "momentum", "adam"):
            cells = []
            for rate in rates:
                network, X, y = build()
                diagnosis = diagnose(network, X, y, optimizer=optimizer, learning_rate=rate, batch_size=batch)
                t = diagnosis.measurements.trials
                named = any(f.code == "learning-rate-too-low" and f.severity != "note" for f in diagnosis.findings)
                ratio = largest_ratio(t.recipe, t.start_ratios)
                cells.append(f"{'yes' if named else '**no**'}, {ratio:.1e}, {t.recipe.progress(t.baseline):.2f}")
            print(f"| {name} | {optimizer} | " + " | ".join(cells) + " |", flush=True)


SWEEPS = {"scales": scales, "starts": starts, "rates": rates}
