"""glassnet's training against the plain numpy loop with the same start and the same equations,
interleaved in one process: what glassnet's readable structure (layers, checks, history, the
optimizer object) costs over the shortest vectorised loop.

    python benchmarks/overhead.py                  # 784-30-10 sigmoid + softmax, batch 10 and 128
    python benchmarks/overhead.py --reps 15 --samples 20000

Both trainers come from ``_common.py`` (``GlassnetTrainer``, ``NumpyTrainer``: the loop the speed
benchmark calls "plain numpy"): the same weights at the start (glassnet's default draws for the
seed), the same forward pass, BP1 as a - y, BP2 to BP4, plain SGD. Each repetition trains one
fresh network of each for ``--epochs`` epochs, glassnet and the plain loop alternating, so that a
load that comes and goes on the machine falls on both alike. Times are CPU seconds of this process
(``time.process_time``, one BLAS thread: a busy second core does not stall the products), and the
table gives the median of the per-repetition ratios. The two loops' final weights are compared
too: the same equations give the same numbers.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402
from _common import GlassnetTrainer, NumpyTrainer, Spec, describe_blas, machine, synthetic  # noqa: E402


def cpu_seconds(trainer, X, y, epochs) -> float:
    start = time.process_time()
    trainer.fit(X, y, epochs)
    return time.process_time() - start


def compare(spec: Spec, X: np.ndarray, y: np.ndarray, reps: int, epochs: int) -> dict:
    glassnet, plain, ratios = [], [], []
    cpu_seconds(GlassnetTrainer(spec, 0), X[:500], y[:500], 1)  # warm-up, untimed
    cpu_seconds(NumpyTrainer(spec, 0), X[:500], y[:500], 1)
    for rep in range(reps):
        g, p = GlassnetTrainer(spec, rep), NumpyTrainer(spec, rep)
        pair = (cpu_seconds(g, X, y, epochs), cpu_seconds(p, X, y, epochs)) if rep % 2 == 0 else \
            tuple(reversed((cpu_seconds(p, X, y, epochs), cpu_seconds(g, X, y, epochs))))
        glassnet.append(pair[0])
        plain.append(pair[1])
        ratios.append(pair[0] / pair[1])
        same = max(np.abs(layer.W - W).max() for layer, W in zip(g.net.layers, p.W, strict=True))
    return {"glassnet": statistics.median(glassnet), "plain": statistics.median(plain),
            "ratio": statistics.median(ratios), "ratios": ratios, "weights_differ_by": same}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=11, help="repetitions (default 11)")
    parser.add_argument("--epochs", type=int, default=1, help="epochs per repetition (default 1)")
    parser.add_argument("--samples", type=int, default=20000, help="training samples (default 20000)")
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[10, 128])
    args = parser.parse_args(argv)
    X, y, _, _ = synthetic(n_train=args.samples, n_test=10)
    m = machine()
    print(f"CPU {m['cpu']}, {m['cores']} cores; numpy's BLAS: {describe_blas(m['blas'])}, 1 thread")
    print(f"784-30-10 sigmoid, softmax + categorical CE, lr 0.5, float64; {args.samples} samples, "
          f"{args.epochs} epoch(s) per repetition, {args.reps} repetitions, CPU seconds of this process\n")
    print("| batch | glassnet s/epoch | plain loop s/epoch | glassnet / plain (median of ratios) | min – max "
          "| final weights differ by |")
    print("|---:|---:|---:|---:|---:|---:|")
    for batch_size in args.batch_sizes:
        spec = Spec((784, 30, 10), "sigmoid", "softmax", batch_size=batch_size, learning_rate=0.5)
        r = compare(spec, X, y, args.reps, args.epochs)
        print(f"| {batch_size} | {r['glassnet'] / args.epochs:.4f} | {r['plain'] / args.epochs:.4f} "
              f"| {r['ratio']:.3f} | {min(r['ratios']):.3f} – {max(r['ratios']):.3f} "
              f"| {r['weights_differ_by']:.1e} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
