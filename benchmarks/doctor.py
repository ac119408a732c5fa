"""How well the doctor names planted faults, and keeps quiet on healthy recipes; how long it takes.

Run by hand, never in CI:

    python benchmarks/doctor.py                 # every case: ~3 minutes on 2 cores
    python benchmarks/doctor.py --set first     # the cases the thresholds were chosen on
    python benchmarks/doctor.py --set second    # the cases built after, to see how they carry
    python benchmarks/doctor.py --set third     # the cases built after the lead's held-out set
    python benchmarks/doctor.py --sweep scales  # where scaled inputs stop a recipe from learning
    python benchmarks/doctor.py --sweep starts  # loss-at-init: healthy starts against confidently wrong ones
    python benchmarks/doctor.py --sweep rates   # learning-rate-too-low: rates of 1e-5 to 1e-7

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

import doctor_sweeps
import numpy as np
from _common import machine
from doctor_cases import Case, faults, healthy, second_set
from doctor_third_set import third_set

from glassnet.doctor import checks as c
from glassnet.doctor import diagnose
from glassnet.doctor import start_loss as sl
from glassnet.doctor import trial_checks as t
from glassnet.doctor.checks import Measurements
from glassnet.doctor.trial import RATIO_TOO_LOW, largest_ratio
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
        "largest update/weight ratio": ratio if (ratio := largest_ratio(recipe, tr.start_ratios)) else np.nan,
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
    "largest update/weight ratio": (RATIO_TOO_LOW, "below", "learning-rate-too-low"),
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
    print("A code judged by several numbers either catches each fault with one of them (inputs-unscaled, "
          "loss-at-init, learning-rate-too-low) or needs all of them (overfitting: rise, share of chance, "
          "standard errors and gap together); the last column gives the weakest fault each number caught, "
          "and how many of its code it caught.\n")
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
        shown = name.replace("|", "\\|")  # (a | inside a table cell would end it)
        print(f"| {shown} ({code}) | {side} {threshold:.3g} | {worst[0]:.3g} | {weakest:.3g} ({len(caught)} of "
              f"{len(faults_of_code)}) | {worst[1]} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["first", "second", "third", "all"], default="all")
    parser.add_argument("--sweep", choices=sorted(doctor_sweeps.SWEEPS),
                        help="only one sweep: input scales, loss-at-init starts, or tiny learning rates")
    args = parser.parse_args()
    print(machine())
    if args.sweep:
        doctor_sweeps.SWEEPS[args.sweep]()
        return
    sets = {"first": ("The cases the thresholds were chosen on", healthy() + faults()),
            "second": ("A second set, built after", second_set()),
            "third": ("A third set, built after the lead's held-out set", third_set())}
    all_rows = []
    for name, (title, cases) in sets.items():
        if args.set in (name, "all"):
            rows = run(cases)
            report(title, rows)
            all_rows += rows
    margins(all_rows)


if __name__ == "__main__":
    main()
