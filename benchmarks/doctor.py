"""How well the doctor names planted faults, and keeps quiet on healthy recipes; how long it takes.

Run by hand, never in CI:

    python benchmarks/doctor.py                 # every case: ~3 minutes on 2 cores
    python benchmarks/doctor.py --set first     # the cases the thresholds were chosen on
    python benchmarks/doctor.py --set second    # the cases built after, to see how they carry
    python benchmarks/doctor.py --scales        # where scaled inputs stop a recipe from learning

For each case (``doctor_cases.py``) it prints what the doctor found and whether the planted code
is among the problems and warnings (and, where the fault sits in one layer, with that layer);
then, for every check, the number it judges on each case, against the check's threshold: the
largest on the healthy recipes and the smallest on the faults it should catch (the margin table
of benchmarks/README.md, "The doctor").
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from _common import machine
from doctor_cases import Case, faults, healthy, second_set

from glassnet.doctor import checks as c
from glassnet.doctor import diagnose
from glassnet.doctor import start_loss as sl
from glassnet.doctor import trial_checks as t
from glassnet.doctor.checks import Measurements
from glassnet.losses import loss_name


def judged(m: Measurements) -> dict[str, float]:
    """The number each check compares with its threshold, for one diagnosis (see the checks' docstrings)."""
    s, tr = m.start, m.trials
    varying = s.input_std > 0
    flow = [f[0] * f[1] for f in s.bp2 if f is not None]
    gain = float(np.prod(flow)) if flow else np.nan
    base = s.constant
    recipe, epochs = tr.recipe, tr.probe_epochs
    smaller = [r.progress(base, epochs) for r in tr.rates if r.learning_rate < recipe.learning_rate]
    small_base, medium_base = t.constant_loss(m, tr.small_rows), t.constant_loss(m, tr.medium_rows)
    errors = [e for e in m.gradients.errors if e is not None]
    errors += [e for e in m.gradients.activation_errors.values() if e is not None]
    errors += [m.gradients.loss_error] if m.gradients.loss_error is not None else []
    excess = sl.output_excess(m)
    values = {
        "input RMS (largest)": float(s.input_rms.max()),
        "input RMS (median)": float(np.median(s.input_rms[varying])) if varying.any() else np.nan,
        "saturated share": max((float(np.mean(r < c.SATURATED_SLOPE)) for r in s.slope_ratio if r is not None),
                               default=np.nan),
        "dead share": max((float(x.mean()) for x in s.silent if x is not None), default=np.nan),
        "|δ| first / last": gain,
        "|δ| first / last ": gain,  # (the same number, judged from above for exploding-gradient)
        "gradient error": max(errors, default=np.nan),
        "loss at init: nats above z = 0 (worst output; cross-entropy)": excess[0] if excess else np.nan,
        "loss at init / expected (other losses)": (s.loss / s.uninformed if excess is None and s.uninformed > 0
                                                   else np.nan),
        "outputs at z = 0 / best constant (MSE)": (s.uninformed / s.constant if loss_name(m.net.loss) == "mse"
                                                    and s.constant > 0 else np.nan),
        "recipe progress": recipe.progress(base),
        "smaller rate's lead": max(smaller, default=-np.inf) - recipe.progress(base, epochs),
        # (a run the clock cut short is not judged, so its number is left out)
        "small batch left": tr.small.final_loss / small_base if small_base > 0 and tr.small.complete else np.nan,
        "medium gap": ((tr.medium.final_loss - tr.medium_reference.final_loss) / medium_base
                       if tr.medium.complete and tr.medium_reference.complete else np.nan),
        "seconds": np.nan,
    }
    if m.data.has_validation and recipe.val_loss and tr.reference.complete:
        Y_train, Y_val = m.data.Y[m.data.train], m.data.Y[m.data.val]
        chance = float(m.net.loss.fn(np.broadcast_to(Y_train.mean(axis=0), Y_val.shape), Y_val))
        values["validation / chance"] = min(min(recipe.val_loss), min(tr.reference.val_loss, default=np.inf)) / chance
    rise = t.validation_rise(m)
    if rise is not None:
        values["validation rise (relative)"] = rise.relative
        values["validation rise / chance"] = rise.share
        values["validation rise (standard errors)"] = rise.z
        values["validation / training at the end"] = rise.gap
    if m.data.labels is not None:
        values["largest class share"] = float(np.bincount(m.data.labels).max() / len(m.data.labels))
    return values


#: Each check's number, its threshold and the side on which it fires ("above" or "below").
THRESHOLDS = {
    "input RMS (largest)": (c.INPUT_RMS_HIGH, "above", "inputs-unscaled"),
    "input RMS (median)": (c.INPUT_RMS_LOW, "below", "inputs-unscaled"),
    "saturated share": (c.SATURATED_SHARE, "above", "saturated-units"),
    "dead share": (c.DEAD_SHARE, "above", "dead-units"),
    "|δ| first / last": (c.VANISHING, "below", "vanishing-gradient"),
    "|δ| first / last ": (c.EXPLODING, "above", "exploding-gradient"),
    "gradient error": (c.GRADIENT_TOLERANCE, "above", "gradient-mismatch"),
    "loss at init: nats above z = 0 (worst output; cross-entropy)": (sl.LOSS_EXCESS_NATS, "above", "loss-at-init"),
    "loss at init / expected (other losses)": (sl.LOSS_AT_INIT_FACTOR, "above", "loss-at-init"),
    "outputs at z = 0 / best constant (MSE)": (sl.TARGET_OFFSET_FACTOR, "above", "loss-at-init"),
    "smaller rate's lead": (t.RATE_MARGIN, "above", "learning-rate-too-high"),
    "recipe progress": (t.MADE_PROGRESS, "below", "learning-rate-too-low"),
    "small batch left": (t.SMALL_FIT, "above", "cannot-fit-small-batch"),
    "medium gap": (t.UNDERFIT_GAP, "above", "underfitting"),
    "validation / chance": (t.UNLEARNABLE, "above", "labels-unlearnable"),
    "validation rise (relative)": (t.OVERFIT_RISE, "above", "overfitting"),
    "validation rise / chance": (t.OVERFIT_SHARE, "above", "overfitting"),
    "validation rise (standard errors)": (t.OVERFIT_Z, "above", "overfitting"),
    "validation / training at the end": (t.OVERFIT_GAP, "above", "overfitting"),
    "largest class share": (t.IMBALANCE_SHARE, "above", "class-imbalance"),
}


def run(cases: list[Case]) -> list[dict]:
    rows = []
    for case in cases:
        net, X, y = case.build()
        start = time.perf_counter()
        diagnosis = diagnose(net, X, y, **case.recipe)
        seconds = time.perf_counter() - start
        flagged = [(f.code, f.layer) for f in diagnosis.findings if f.severity != "note"]
        named = (case.code is None and not flagged) or any(code == case.code for code, _ in flagged)
        layer_right = case.layer is None or (case.code, case.layer) in flagged
        rows.append({"case": case, "named": named, "layer": layer_right, "seconds": seconds,
                     "first": bool(flagged) and flagged[0][0] == case.code,
                     "found": ", ".join(f"{f.code}{'' if f.layer is None else f' ({f.layer})'}"
                                        f"{' · note' if f.severity == 'note' else ''}" for f in diagnosis.findings)
                     or "—", "values": judged(diagnosis.measurements)})
        print(f"{'ok ' if named and layer_right else 'MISS'} {seconds:4.1f}s  {case.name}: {rows[-1]['found']}",
              flush=True)
    return rows


def report(title: str, rows: list[dict]) -> None:
    planted = [r for r in rows if r["case"].code is not None]
    sound = [r for r in rows if r["case"].code is None]
    print(f"\n#### {title}\n")
    print("| case | planted | layer | found (problems and warnings; notes marked) | named | s |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        case = r["case"]
        mark = ("yes" if r["named"] and r["layer"] else "code, not layer" if r["named"] else "**no**")
        print(f"| {case.name} | {case.code or 'healthy'} | {case.layer or ''} | {r['found']} | {mark} | "
              f"{r['seconds']:.1f} |")
    named = sum(r["named"] and r["layer"] for r in planted)
    first = sum(r["first"] for r in planted)
    quiet = sum(r["named"] for r in sound)
    times = [r["seconds"] for r in rows]
    print(f"\nPlanted faults named: {named} of {len(planted)} ({named / max(len(planted), 1):.0%}; listed first: "
          f"{first}); healthy recipes with no problem and no warning: {quiet} of {len(sound)}. Time per "
          f"diagnosis: median {statistics.median(times):.1f} s, longest {max(times):.1f} s.")


def margins(rows: list[dict]) -> None:
    print("\n#### What each check judges, healthy recipes against the faults it names\n")
    print("A code judged by two numbers (inputs-unscaled, loss-at-init) catches each fault with one of them: "
          "the last column gives the weakest fault each number caught, and how many of its code it caught.\n")
    print("| number judged (code) | fires | healthy recipes: worst | planted faults: weakest caught (caught) | "
          "where (healthy worst) |")
    print("|---|---|---|---|---|")
    for name, (threshold, side, code) in THRESHOLDS.items():
        def fires(value: float, threshold: float = threshold, side: str = side) -> bool:
            return value > threshold if side == "above" else value < threshold

        healthy_rows = [(r["values"].get(name, np.nan), r["case"].name) for r in rows if r["case"].code is None]
        healthy_rows = [(v, n) for v, n in healthy_rows if np.isfinite(v)]
        faults_of_code = [r["values"].get(name, np.nan) for r in rows if r["case"].code == code]
        caught = [v for v in faults_of_code if np.isfinite(v) and fires(v)]
        worst = (max if side == "above" else min)(healthy_rows, default=(np.nan, "—"))
        weakest = (min if side == "above" else max)(caught, default=np.nan)
        print(f"| {name} ({code}) | {side} {threshold:.3g} | {worst[0]:.3g} | {weakest:.3g} ({len(caught)} of "
              f"{len(faults_of_code)}) | {worst[1]} |")


def scales() -> None:
    """The progress of the recipe's trial (``Run.progress``) with every input multiplied by a factor:
    where inputs-unscaled's thresholds come from."""
    from doctor_cases import digits, mnist1d, moons, net

    from glassnet.doctor.probe import measure_start, prepare_data
    from glassnet.doctor.trial import TRIAL_STEPS, epochs_for, recipe_optimizer, train_copy

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["first", "second", "all"], default="all")
    parser.add_argument("--scales", action="store_true", help="only the input-scale sweep")
    args = parser.parse_args()
    print(machine())
    if args.scales:
        scales()
        return
    first = healthy() + faults()
    rows_first = run(first) if args.set in ("first", "all") else []
    rows_second = run(second_set()) if args.set in ("second", "all") else []
    if rows_first:
        report("The cases the thresholds were chosen on", rows_first)
    if rows_second:
        report("A second set, built after", rows_second)
    margins(rows_first + rows_second)


if __name__ == "__main__":
    main()
