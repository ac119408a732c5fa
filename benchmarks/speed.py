"""Seconds per epoch of glassnet against scikit-learn, PyTorch (CPU), a plain numpy loop and a
per-example loop, on the same network, data, batch size, learning rate and epochs.

Run by hand, never in CI (about 10 minutes on 2 cores):

    python benchmarks/speed.py                 # every case, 5 repetitions each
    python benchmarks/speed.py --quick         # fewer repetitions and epochs, a smoke run
    python benchmarks/speed.py --case synthetic-b10-f32 --case digits-b10
    python benchmarks/speed.py --libraries glassnet sklearn

Each (case, library) runs in a fresh worker process, so that its peak resident memory is its
own (data + library + training). A repetition trains a new network for ``epochs`` epochs; the
time per epoch is the wall time of that whole fit divided by ``epochs`` (input checks
included, for every library alike), and the tables give the median over the repetitions.
Before the timed repetitions each worker trains once on a small slice (warm-up, untimed).
"other load" is how many cores other processes kept busy while that worker ran (from
/proc/stat): on a shared 2-core machine a value well above 0 means the row was disturbed
(multi-threaded BLAS calls, batch 128, suffer most: a thread that loses its core stalls the
whole product).

The per-example loop trains on a slice of the 60000-sample set and its time is scaled up to a
full epoch (linear in the number of examples); its accuracy is then that of the slice.

"BLAS floor" is the time the six matrix products of one epoch (forward, backward to the
weights and backward to the inputs, for each layer: 6 × weights × samples floating-point
operations) take when called back to back on contiguous batches with nothing else: the
roofline against which glassnet's float32 batch-128 time is a multiple.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from _common import (
    LIBRARIES,
    LIBRARY_LABELS,
    TRAINERS,
    Spec,
    describe_blas,
    load,
    machine,
    prepare_small,
    rss_mib,
    versions,
    worker_env,
)


@dataclass(frozen=True)
class Case:
    data: str
    spec: Spec
    epochs: int  # per repetition
    loop_subset: int | None = None  # per-example loop: train on this many samples, scale up


SIGMOID_784 = Spec((784, 30, 10), "sigmoid", "sigmoid", batch_size=10, learning_rate=0.5)
SIGMOID_64 = Spec((64, 30, 10), "sigmoid", "sigmoid", batch_size=10, learning_rate=0.5)
SOFTMAX_784 = Spec((784, 30, 10), "sigmoid", "softmax", batch_size=10, learning_rate=0.5)
RELU_MNIST1D = Spec((40, 100, 100, 10), "relu", "softmax", batch_size=10, learning_rate=0.1)

CASES: dict[str, Case] = {
    "digits-b10": Case("digits", SIGMOID_64, epochs=30),
    "digits-b128": Case("digits", replace(SIGMOID_64, batch_size=128), epochs=30),
    "synthetic-b10-f64": Case("synthetic", SIGMOID_784, epochs=3, loop_subset=10000),
    "synthetic-b128-f64": Case("synthetic", replace(SIGMOID_784, batch_size=128), epochs=3, loop_subset=10000),
    "synthetic-b10-f32": Case("synthetic", replace(SIGMOID_784, dtype="float32"), epochs=3, loop_subset=10000),
    "synthetic-b128-f32": Case("synthetic", replace(SIGMOID_784, batch_size=128, dtype="float32"),
                               epochs=3, loop_subset=10000),
    "synthetic-softmax-b10-f64": Case("synthetic", SOFTMAX_784, epochs=3, loop_subset=10000),
    "synthetic-softmax-b128-f64": Case("synthetic", replace(SOFTMAX_784, batch_size=128), epochs=3,
                                       loop_subset=10000),
    "mnist1d-b10": Case("mnist1d", RELU_MNIST1D, epochs=10),
}


# ---------------------------------------------------------------------------- one worker
def blas_floor(X: np.ndarray, spec: Spec, reps: int) -> dict:
    """Seconds per epoch of the 6 × weights × samples flops of matrix products alone."""
    rng = np.random.default_rng(0)
    dt = X.dtype
    Ws = [(rng.standard_normal((n_in, n_out)) / np.sqrt(n_in)).astype(dt)
          for n_in, n_out in zip(spec.sizes[:-1], spec.sizes[1:], strict=True)]
    bs, n = spec.batch_size, len(X)

    def epoch() -> float:
        start = time.perf_counter()
        for lo in range(0, n, bs):
            As = [X[lo:lo + bs]]
            for W in Ws:  # forward: Z = A @ W
                As.append(As[-1] @ W)
            D = As[-1]
            for l in range(len(Ws) - 1, -1, -1):  # backward: dW = Aᵀ D, D_prev = D Wᵀ
                _ = As[l].T @ D
                D = D @ Ws[l].T
        return time.perf_counter() - start

    epoch()  # warm-up
    times = [epoch() for _ in range(reps)]
    flops = 6 * sum(W.size for W in Ws) * n
    return {"times": times, "gflops": flops / statistics.median(times) / 1e9, "flops_per_epoch": flops}


def run_worker(job: dict) -> dict:
    case = CASES[job["case"]]
    spec, lib, reps = case.spec, job["library"], job["reps"]
    epochs = job.get("epochs") or case.epochs
    X_train, y_train, X_test, y_test = load(case.data, spec.dtype, Path(job["cache"]) if job.get("cache") else None)
    rss_data, _ = rss_mib()
    result: dict = {"case": job["case"], "library": lib, "epochs": epochs, "reps": reps,
                    "n_train": len(X_train)}
    if lib == "roofline":
        result.update(blas_floor(X_train, spec, reps))
    else:
        trainer = TRAINERS[lib]
        if lib == "torch":
            trainer = lambda spec, seed: TRAINERS["torch"](spec, seed, threads=job["threads"])  # noqa: E731
        X_fit, y_fit = X_train, y_train
        subset = job.get("loop_subset") or case.loop_subset
        if lib == "loop" and subset and subset < len(X_train):
            X_fit, y_fit = X_train[:subset], y_train[:subset]
            result["subset"] = subset
        scale = len(X_train) / len(X_fit)
        warm = min(len(X_fit), 50 * spec.batch_size)
        trainer(spec, seed=1000).fit(X_fit[:warm], y_fit[:warm], 1)
        times = []
        for rep in range(reps):
            model = trainer(spec, seed=rep)
            start = time.perf_counter()
            model.fit(X_fit, y_fit, epochs)
            times.append((time.perf_counter() - start) / epochs * scale)
        result["times"] = times
        result["accuracy"] = model.accuracy(X_test, y_test)
    result["rss_data_mib"] = rss_data
    result["peak_rss_mib"] = rss_mib()[1]
    result["blas"] = machine()["blas"]
    if lib == "torch":
        import torch

        result["torch_blas"] = "MKL" if torch.backends.mkl.is_available() else "other"
        result["torch_threads"] = torch.get_num_threads()
    return result


def busy_cpu_seconds() -> float:
    """CPU seconds spent by every process of the machine so far (Linux /proc/stat; 0 elsewhere)."""
    try:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return 0.0
    return (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")  # minus idle and iowait


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_job(job: dict, env: dict) -> dict:
    """Run one worker; add how many cores other processes kept busy meanwhile (noise)."""
    busy, own, start = busy_cpu_seconds(), children_cpu_seconds(), time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--worker", json.dumps(job)],
                          capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - start
    other = (busy_cpu_seconds() - busy) - (children_cpu_seconds() - own)
    try:
        result = json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        err = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": err[:200]}
    result["other_load"] = max(other, 0.0) / wall
    return result


# ---------------------------------------------------------------------------- the tables
def median(xs):
    return statistics.median(xs)


def print_case(name: str, case: Case, results: dict[str, dict], n_train: int) -> None:
    spec = case.spec
    print(f"\n### {name}: {case.data}, {spec.describe()}")
    print(f"{n_train} training samples, {results_epochs(results)} epochs per repetition, "
          f"{results_reps(results)} repetitions\n")
    print("| library | s/epoch (median) | min – max | glassnet is × faster | test acc | peak RSS MiB "
          "| RSS over data MiB | other load |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    g = results.get("glassnet")
    g_time = median(g["times"]) if g and "times" in g else None
    for lib, r in results.items():
        if "error" in r:
            print(f"| {LIBRARY_LABELS[lib]} | failed: {r['error']} | | | | | | |")
            continue
        t = median(r["times"])
        ratio = f"{t / g_time:.2f}" if g_time and lib != "glassnet" else ("1" if lib == "glassnet" else "")
        if lib == "roofline":
            ratio = f"({g_time / t:.2f}× the floor)" if g_time else ""
        acc = f"{r['accuracy']:.2%}" if "accuracy" in r else "—"
        label = LIBRARY_LABELS[lib]
        if "subset" in r:
            label += " ¹"
            acc += " ¹"
        if lib == "roofline":
            label += f" ({r['gflops']:.1f} GFLOP/s)"
        print(f"| {label} | {t:.4f} | {min(r['times']):.4f} – {max(r['times']):.4f} | {ratio} | {acc} "
              f"| {r['peak_rss_mib']:.0f} | {r['peak_rss_mib'] - r['rss_data_mib']:.0f} "
              f"| {r.get('other_load', float('nan')):.2f} |")
    if any("subset" in r for r in results.values()):
        sub = next(r["subset"] for r in results.values() if "subset" in r)
        print(f"\n¹ trained on the first {sub} samples; seconds scaled to {n_train} (× {n_train / sub:g}); "
              "accuracy after that slice.")


def results_epochs(results):
    return next((r["epochs"] for r in results.values() if "epochs" in r), "?")


def results_reps(results):
    return next((r["reps"] for r in results.values() if "reps" in r), "?")


def ratio(all_results, case, peer):
    r = all_results.get(case, {})
    if "glassnet" not in r or peer not in r or "times" not in r[peer] or "times" not in r["glassnet"]:
        return None
    return median(r[peer]["times"]) / median(r["glassnet"]["times"])


def print_targets(all_results: dict) -> None:
    print("\n### Targets (ratios from this run)\n")
    print("| target | measured | met |")
    print("|---|---|---|")

    def row(text, value, ok):
        print(f"| {text} | {value} | {'yes' if ok else 'NO'} |")

    for dt in ("f64", "f32"):
        for peer, goal in (("sklearn", 3.0), ("torch", 4.0)):
            r = ratio(all_results, f"synthetic-b10-{dt}", peer)
            if r is not None:
                row(f"batch 10, {dt}: ≥ {goal:g}× faster than {LIBRARY_LABELS[peer]}", f"{r:.3f}×", r >= goal)
        for peer in ("sklearn", "torch"):
            r = ratio(all_results, f"synthetic-b128-{dt}", peer)
            if r is not None:
                row(f"batch 128, {dt}: ≥ 1.3× faster than {LIBRARY_LABELS[peer]}", f"{r:.3f}×", r >= 1.3)
    for case in ("synthetic-b10-f64", "synthetic-softmax-b10-f64", "synthetic-b128-f64", "synthetic-softmax-b128-f64"):
        r = ratio(all_results, case, "numpy")
        if r is not None:  # glassnet's time over the plain loop's: 1 / ratio
            goal = 1.05 if "-b10-" in case else 1.0
            row(f"{case}: glassnet within {goal:g}× of the plain numpy loop", f"{1 / r:.3f}×", 1 / r <= goal)
    floor = ratio(all_results, "synthetic-b128-f32", "roofline")
    if floor is not None:
        row("batch 128, float32: within 2× of the BLAS floor", f"{1 / floor:.3f}× the floor", 1 / floor <= 2)
    for case, res in all_results.items():
        g, s = res.get("glassnet"), res.get("sklearn")
        if g and s and "peak_rss_mib" in g and "peak_rss_mib" in s:
            row(f"{case}: peak RSS ≤ scikit-learn's", f"{g['peak_rss_mib']:.0f} vs {s['peak_rss_mib']:.0f} MiB",
                g["peak_rss_mib"] <= s["peak_rss_mib"])
    d = all_results.get("digits-b10", {}).get("glassnet")
    if d and "accuracy" in d and d.get("epochs") == 30:
        row("digits 64-30-10, 30 epochs, batch 10: ≥ 97% test (last repetition; see accuracy.py)",
            f"{d['accuracy']:.2%}", d["accuracy"] >= 0.97)


def print_machine(note: str) -> None:
    m, v = machine(), versions()
    print("## Machine\n")
    print(f"- CPU: {m['cpu']}, {m['cores']} cores")
    print(f"- Python {m['python']}; " + ", ".join(f"{k} {val}" for k, val in v.items() if val))
    print(f"- numpy's BLAS (threadpoolctl): {describe_blas(m['blas'])}")
    print(f"- {note}")


# ---------------------------------------------------------------------------- main
def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="run only this case (repeatable)")
    parser.add_argument("--libraries", nargs="+", choices=LIBRARIES, default=list(LIBRARIES))
    parser.add_argument("--reps", type=int, default=5, help="repetitions per case and library (default 5)")
    parser.add_argument("--epochs", type=int, help="epochs per repetition (default: the case's)")
    parser.add_argument("--quick", action="store_true", help="3 repetitions of 1 epoch, a smaller loop slice")
    parser.add_argument("--keep-openblas-env", action="store_true",
                        help="keep OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE for the workers (default: unset both)")
    parser.add_argument("--threads", type=int, help="BLAS / PyTorch threads (default: the machine's cores)")
    parser.add_argument("--json", type=Path, help="also write every measurement to this file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(run_worker(json.loads(args.worker))))
        return 0

    reps = 3 if args.quick else args.reps
    epochs = 1 if args.quick else args.epochs
    env, note = worker_env(args.keep_openblas_env)
    if args.threads:
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env[var] = str(args.threads)
        note += f" BLAS and PyTorch limited to {args.threads} thread(s)."
    print("# glassnet speed benchmark\n")
    print(time.strftime("Run %Y-%m-%d %H:%M %Z; ") + " ".join(["python benchmarks/speed.py", *(argv or sys.argv[1:])]))
    print()
    print_machine(note)
    all_results: dict[str, dict] = {}
    started = time.perf_counter()
    torch_said = False
    with tempfile.TemporaryDirectory(prefix="glassnet-bench-") as cache:
        prepare_small(Path(cache))
        for name in args.case or list(CASES):
            case = CASES[name]
            libs = list(args.libraries) + (["roofline"] if case.data == "synthetic" else [])
            results = {}
            for lib in libs:
                job = {"case": name, "library": lib, "reps": reps, "epochs": epochs, "cache": cache,
                       "threads": args.threads or os.cpu_count(),
                       "loop_subset": 2000 if args.quick and case.loop_subset else None}
                results[lib] = run_job(job, env)
                print(f"  [{name} / {lib}: {time.perf_counter() - started:.0f} s]", file=sys.stderr, flush=True)
            n_train = next((r["n_train"] for r in results.values() if "n_train" in r), 0)
            print_case(name, case, results, n_train)
            all_results[name] = results
            torch_info = results.get("torch", {})
            if "torch_blas" in torch_info and not torch_said:
                torch_said = True
                print(f"\nPyTorch uses its own BLAS ({torch_info['torch_blas']}), "
                      f"{torch_info['torch_threads']} threads (torch.set_num_threads).")
    print_targets(all_results)
    print(f"\nTotal time {time.perf_counter() - started:.0f} s.")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "versions": versions(), "note": note,
                                         "results": all_results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
