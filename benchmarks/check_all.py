"""How long ``glassnet check --all`` takes on ten right exercise files, as a learner runs it.

The ten reference solutions (``tests/exercise_solutions/NAME.py``) are copied into a fresh
folder, and ``glassnet check --all FOLDER`` runs as a command (interpreter start included)
``--repeats`` times, each with a fresh seed; the script prints each time and their median,
and the time of each exercise alone (``glassnet check NAME FILE``, median of the same repeats).

    python benchmarks/check_all.py               # 7 repeats: about a minute on 2 cores
    python benchmarks/check_all.py --repeats 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "tests" / "exercise_solutions"
EXERCISES = ("perceptron_1d", "perceptron_nd", "perceptron_train", "activations", "one_layer", "two_layer",
             "losses", "descent", "backprop", "xor")


def timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds one run of ``command`` takes; it must exit with status 0 (every file passes)."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="runs of each command (default 7)")
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    glassnet = [sys.executable, "-m", "glassnet.cli"]
    with tempfile.TemporaryDirectory() as folder:
        for name in EXERCISES:
            shutil.copy(SOLUTIONS / f"{name}.py", Path(folder) / f"{name}.py")
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        whole = [timed([*glassnet, "check", "--all", folder], env) for _ in range(args.repeats)]
        print(f"check --all, ten right files: {' '.join(f'{t:.2f}' for t in whole)} s; "
              f"median {statistics.median(whole):.2f} s")
        for name in EXERCISES:
            times = [timed([*glassnet, "check", name, str(Path(folder) / f"{name}.py")], env)
                     for _ in range(args.repeats)]
            print(f"  {name:<17} alone: median {statistics.median(times):.2f} s (min {min(times):.2f}, "
                  f"max {max(times):.2f})")


if __name__ == "__main__":
    main()
