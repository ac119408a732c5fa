"""The memory ``glassnet train`` needs at its peak, measured, beside the estimate that refuses a run up front.

Each case runs ``glassnet train`` in a fresh process and reads its peak resident memory; the same
data with ``--layers 1`` gives the process's baseline (Python, numpy, the data). The estimate is
``glassnet.cli.train.memory_needed``: copies of every weight for the optimizer, plus three arrays of
R values per neuron for the largest pass of R rows. It should lie above every measured increase
(and not far above: a run it refuses must really not fit).

    python benchmarks/memory.py            # about a minute on 2 cores, up to ~1.5 GB per case
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

CASES = [  # (name, data options, train options)
    ("xor, one wide layer, sgd", ["--data", "xor"], ["--layers", "4000000"]),
    ("xor, one wide layer, adam", ["--data", "xor"], ["--layers", "4000000", "--optimizer", "adam"]),
    ("xor, one wide layer, momentum", ["--data", "xor"], ["--layers", "4000000", "--optimizer", "momentum"]),
    ("xor, one wide layer, float32", ["--data", "xor"], ["--layers", "4000000", "--dtype", "float32"]),
    ("xor, two square layers", ["--data", "xor"], ["--layers", "3000", "3000"]),
    ("digits, one wide layer", ["--data", "digits"], ["--layers", "60000"]),
    ("csv 5000 rows, batch 100", ["--csv", "{csv}"], ["--layers", "100000", "--batch-size", "100"]),
]
PEAK = ("import resource, sys; from glassnet.cli import main; code = main(sys.argv[1:]); "
        "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, file=sys.stderr)")


def peak(args: list[str]) -> int:
    """Peak resident bytes of ``glassnet train ARGS --epochs 1`` in a fresh process."""
    done = subprocess.run([sys.executable, "-c", PEAK, "train", *args, "--epochs", "1"], capture_output=True,
                          text=True, check=True)
    return int(done.stderr.rsplit("PEAK", 1)[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="keep the measurements in this file")
    options = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from glassnet.cli import build_parser, data
    from glassnet.cli.train import plan

    def estimate(args: list[str]) -> int:
        parsed = build_parser().parse_args(["train", *args])
        data.fill_data_options(parsed)
        parsed.data = parsed.data or "digits"
        return plan(parsed, data.for_training(parsed))[2]

    with tempfile.TemporaryDirectory() as folder:
        rng = np.random.default_rng(0)
        X = rng.normal(size=(5000, 2))
        csv = Path(folder) / "rows.csv"
        np.savetxt(csv, np.column_stack([X, X[:, 0] > 0]), delimiter=",", fmt=["%.5f", "%.5f", "%d"])
        rows = []
        print(f"{'case':32} {'measured':>10} {'estimate':>10} {'ratio':>6}")
        for name, source, train in CASES:
            source = [str(csv) if part == "{csv}" else part for part in source]
            base = peak([*source, "--layers", "1"])
            used = peak([*source, *train]) - base
            needed = estimate([*source, *train])
            rows.append({"case": name, "measured": used, "estimate": needed, "baseline": base})
            print(f"{name:32} {used / 1e6:8.0f}MB {needed / 1e6:8.0f}MB {needed / used:6.2f}", flush=True)
    print(f"peak resident memory of this script's own process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} kB")
    if options.json:
        options.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
