"""What a diagnosis says: the ``Diagnosis`` in words, and its HTML page with a figure for each finding.

matplotlib is imported here only, when a page or a figure is drawn. The figures are standalone
(an Agg canvas, no pyplot), written as PNG and embedded in the page as data, so the page needs
no server, no network and no files beside it.
"""

from __future__ import annotations

import base64
import html
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from glassnet._validation import import_optional
from glassnet.atomic import write_atomically
from glassnet.doctor.checks import INPUT_RMS_HIGH, INPUT_RMS_LOW, SATURATED_SLOPE, Measurements, saturation_edge
from glassnet.doctor.findings import SEVERITIES, Finding
from glassnet.doctor.trial_checks import constant_loss


@dataclass
class Diagnosis:
    """What ``diagnose`` found: the findings, most serious first, and the measurements behind them.

    ``measurements`` holds the numbers the figures of ``to_html`` draw (see ``doctor.measure``);
    ``recipe`` the network and training settings that were examined; ``seconds`` how long it took.
    """

    findings: list[Finding]
    recipe: dict[str, Any]
    measurements: Any
    seconds: float

    @property
    def codes(self) -> list[str]:
        """The codes found, most serious first."""
        return [f.code for f in self.findings]

    @property
    def healthy(self) -> bool:
        """True when nothing was found but notes: no problem and no warning."""
        return all(f.severity == "note" for f in self.findings)

    def summary(self) -> str:
        """One line: how many problems, warnings and notes."""
        counts = [(sum(f.severity == s for f in self.findings), s) for s in SEVERITIES]
        found = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for n, s in counts if n)
        return found if not self.healthy else "no problem found" + (f"; {found}" if found else "")

    def __str__(self) -> str:
        head = f"glassnet doctor: {self.recipe['network']}; {self.recipe['training']}"
        lines = [head, f"{self.summary()} (in {self.seconds:.1f} s)"]
        lines += ["", *(str(f) + "\n" for f in self.findings)]
        not_judged = getattr(self.measurements, "not_judged", {})
        if not_judged:
            lines.append("Not judged, to stay within the time limit: "
                         + "; ".join(f"{code} ({why})" for code, why in not_judged.items()) + ".")
        return "\n".join(lines).rstrip() + "\n"

    def to_html(self, path: str | os.PathLike) -> Path:
        """Write a page of its own (no server, no network: the figures are embedded as PNG data)
        with every finding, its numbers, and a figure for each; returns the path written.
        Needs matplotlib (``pip install "glassnet[plot]"``)."""
        return write_html(self, path)


#: Colours of the three severities on the page.
COLORS = {"problem": "#b3261e", "warning": "#b26a00", "note": "#3b6ea5"}


def new_figure(width: float = 6.0, height: float = 3.6) -> Any:
    """A standalone matplotlib Figure (Agg canvas, unknown to pyplot: nothing stays open)."""
    import_optional("matplotlib", "matplotlib", "plot", "the doctor's figures")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


# ---------------------------------------------------------------- the overview
def overview_figure(m: Measurements) -> Any:
    """Four panels: z of each layer (with the saturation band), mean |δ| per layer, the trial's loss
    curves at each learning rate, and each layer's update/weight ratio."""
    fig = new_figure(11.0, 7.0)
    axes = fig.subplots(2, 2)
    draw_z(axes[0, 0], m)
    draw_deltas(axes[0, 1], m)
    draw_rates(axes[1, 0], m)
    draw_ratios(axes[1, 1], m)
    return fig


def draw_z(ax: Any, m: Measurements, layers: list[int] | None = None) -> None:
    """Histograms of z, one per layer (1-based ``layers``, default all), the saturation band shaded."""
    layers = layers or list(range(1, len(m.net.layers) + 1))
    edges = [saturation_edge(m.net.layers[l - 1].activation) for l in layers if m.start.kinds[l - 1] == "saturating"]
    for l in layers:
        Z = m.start.Z[l - 1].ravel()
        Z = Z[np.isfinite(Z)]
        label = f"layer {l} ({m.start.names[l - 1]})"
        if Z.size and np.ptp(Z) == 0:  # a layer that starts at 0: one value, no histogram to draw
            ax.plot([], [], " ", label=f"{label}: every z = {Z[0]:g}")
            continue
        ax.hist(Z, bins=60, histtype="step", linewidth=1.5, density=True, label=label)
    if edges:
        edge = min(edges)
        low, high = ax.get_xlim()
        for side in ((min(low, -edge), -edge), (edge, max(high, edge))):
            ax.axvspan(*side, color="#b3261e", alpha=0.08)
        ax.set_xlim(min(low, -edge * 1.2), max(high, edge * 1.2))
        ax.text(0.99, 0.97, f"shaded: saturated, φ′ < {SATURATED_SLOPE:g} × peak", transform=ax.transAxes,
                ha="right", va="top", fontsize=8, color="#b3261e")
    title = f"z of layer {layers[0]} before training" if len(layers) == 1 else "z of each layer before training"
    ax.set(xlabel="z = a_prev · W + b", ylabel="share of the values (density)", title=title)
    ax.legend(fontsize=8, loc="upper left")


def draw_deltas(ax: Any, m: Measurements) -> None:
    """Mean |δ| of each layer before training, on a log scale (BP1 at the last, BP2 back from there)."""
    sizes = np.asarray(m.start.delta_sizes)
    layers = np.arange(1, len(sizes) + 1)
    bars = ax.bar(layers, np.where(sizes > 0, sizes, np.nan), color="#3b6ea5")
    ax.bar_label(bars, labels=[f"{v:.1e}" if v > 0 else "0: no error reaches it" for v in sizes], fontsize=8)
    if np.any(sizes > 0):
        ax.set_yscale("log")
    ax.set_xticks(layers)
    ax.set(xlabel="layer", ylabel="mean |δ|", title="mean |δ| of each layer (BP1, then BP2 backwards)")


def draw_rates(ax: Any, m: Measurements) -> None:
    """The loss of the trial and of the runs at other learning rates, epoch by epoch."""
    from glassnet.plotting import plot_curves

    runs = [m.trials.recipe, *m.trials.rates]
    curves = {f"η = {run.learning_rate:g}" + (" (the recipe)" if run is m.trials.recipe else ""):
              np.minimum(np.asarray(run.loss, dtype=float), 1e6) for run in runs if len(run.loss) > 1}
    if curves:
        plot_curves(curves, ax=ax, ylabel="loss C (probe rows)", title="the trial at each learning rate")
        ax.axhline(m.start.constant, color="grey", linestyle=":", linewidth=1)
        ax.set_yscale("log")
    ax.set_xlabel("epoch (1 = before training)")


def draw_ratios(ax: Any, m: Measurements) -> None:
    """Each layer's update/weight ratio ‖ΔW‖ / ‖W‖ at the first step and after the trial; about 1e-3 is healthy."""
    layers = np.arange(1, len(m.net.layers) + 1)
    for offset, values, label in ((-0.2, m.trials.start_ratios, "first step"),
                                  (0.2, m.trials.recipe.ratios or [None] * len(layers), "after the trial")):
        heights = [np.nan if v is None or v <= 0 else v for v in values]
        ax.bar(layers + offset, heights, width=0.4, label=label)
    ax.axhspan(1e-4, 1e-2, color="#2e7d32", alpha=0.08)
    ax.axhline(1e-3, color="#2e7d32", linewidth=1, linestyle="--")
    ax.set_yscale("log")
    ax.set_xticks(layers)
    ax.set(xlabel="layer", ylabel="‖ΔW‖ / ‖W‖", title="update/weight ratio of one step (1e-3 is healthy)")
    ax.legend(fontsize=8)


# ---------------------------------------------------------------- one figure per finding
def finding_figure(m: Measurements, f: Finding) -> Any:
    """The figure that goes with a finding."""
    fig = new_figure()
    DRAW.get(f.code, lambda ax, m, f: draw_rates(ax, m))(fig.subplots(), m, f)
    return fig


def _inputs(ax: Any, m: Measurements, f: Finding) -> None:
    rms = m.start.input_rms
    ax.bar(np.arange(len(rms)), np.where(rms > 0, rms, np.nan), color="#3b6ea5")
    ax.axhspan(INPUT_RMS_LOW, INPUT_RMS_HIGH, color="#2e7d32", alpha=0.1)
    ax.set_yscale("log")
    ax.set(xlabel="feature", ylabel="√mean(x²)", title="size of each feature (green: unit scale)")


def _layer_z(ax: Any, m: Measurements, f: Finding) -> None:
    draw_z(ax, m, [f.layer])
    ax.axvline(0, color="grey", linewidth=1)


def _symmetry(ax: Any, m: Measurements, f: Finding) -> None:
    layer = m.net.layers[f.layer - 1]
    W = np.vstack([layer.W, layer.b])
    limit = max(float(np.abs(W).max()), 1e-12)
    image = ax.imshow(W, aspect="auto", cmap="RdBu", vmin=-limit, vmax=limit)
    ax.figure.colorbar(image, ax=ax, label="weight")
    ax.set(xlabel="unit (a column: its incoming weights, bias last)", ylabel="input",
           title=f"layer {f.layer}'s weights: identical columns are copies")


def _gradients(ax: Any, m: Measurements, f: Finding) -> None:
    errors = [np.nan if e is None else max(e, 1e-16) for e in m.gradients.errors]
    layers = np.arange(1, len(errors) + 1)
    ax.bar(layers, errors, color="#b3261e")
    ax.axhline(1e-4, color="grey", linestyle="--", linewidth=1)
    ax.set_yscale("log")
    ax.set_xticks(layers)
    ax.set(xlabel="layer", ylabel="relative error", title="backprop against central differences")


def _loss_at_init(ax: Any, m: Measurements, f: Finding) -> None:
    s = m.start
    names = ["before training", "outputs at z = 0", "best constant"]
    bars = ax.bar(names, [s.loss, s.uninformed, s.constant], color=["#b3261e", "#3b6ea5", "grey"])
    ax.bar_label(bars, labels=[f"{v:.3g}" for v in (s.loss, s.uninformed, s.constant)])
    ax.set_yscale("log")
    ax.set(ylabel="loss C", title="the loss the network starts from")


def _fit(ax: Any, m: Measurements, f: Finding) -> None:
    t = m.trials
    small, medium = constant_loss(m, t.small_rows), constant_loss(m, t.medium_rows)
    names = [f"{len(t.small_rows)} examples", f"{len(t.medium_rows)} examples", f"{len(t.medium_rows)}, reference"]
    values = [t.small.final_loss / small, t.medium.final_loss / medium, t.medium_reference.final_loss / medium]
    bars = ax.bar(names, values, color=["#b3261e", "#b3261e", "#2e7d32"])
    ax.bar_label(bars, labels=[f"{v:.2f}" for v in values])
    ax.set(ylabel="loss ÷ loss of the best constant", title="what is left after fitting (0: fitted)")


def _validation(ax: Any, m: Measurements, f: Finding) -> None:
    from glassnet.plotting import plot_curves

    run = m.trials.recipe
    curves = {"training (probe rows)": run.loss[1:], "validation": run.val_loss}
    if f.code == "labels-unlearnable":
        curves["validation, reference network"] = m.trials.reference.val_loss
    plot_curves({k: v for k, v in curves.items() if len(v)}, ax=ax, title="the trial's loss curves")
    if f.code == "labels-unlearnable":
        ax.axhline(f.evidence["chance"], color="grey", linestyle=":", label="chance")


def _imbalance(ax: Any, m: Measurements, f: Finding) -> None:
    counts = f.evidence["counts"]
    ax.bar(np.arange(len(counts)), counts, color="#3b6ea5")
    ax.axhline(sum(counts) / len(counts), color="grey", linestyle="--", linewidth=1)
    ax.set(xlabel="class", ylabel="examples", title="examples per class (dashed: balanced)")


DRAW: dict[str, Callable[[Any, Measurements, Finding], None]] = {
    "inputs-unscaled": _inputs, "saturated-units": _layer_z, "dead-units": _layer_z, "symmetry": _symmetry,
    "vanishing-gradient": lambda ax, m, f: draw_deltas(ax, m),
    "exploding-gradient": lambda ax, m, f: draw_deltas(ax, m), "gradient-mismatch": _gradients,
    "loss-at-init": _loss_at_init, "cannot-fit-small-batch": _fit, "underfitting": _fit,
    "labels-unlearnable": _validation, "overfitting": _validation, "class-imbalance": _imbalance,
}
"""What each code's figure draws (a code not listed draws the trial's loss curves)."""


# ---------------------------------------------------------------- the page
def png(fig: Any) -> str:
    """A figure as PNG data for an <img src=...>."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _evidence(evidence: dict[str, Any]) -> str:
    def show(value: Any) -> str:
        if isinstance(value, float | np.floating):
            return f"{value:.4g}"
        if isinstance(value, list | tuple) and len(value) > 12:
            return ", ".join(show(v) for v in value[:12]) + f", … ({len(value)} in all)"
        if isinstance(value, list | tuple):
            return ", ".join(show(v) for v in value)
        if isinstance(value, dict):
            return ", ".join(f"{k}: {show(v)}" for k, v in value.items())
        return "—" if value is None else str(value)

    rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(show(v))}</td></tr>" for k, v in evidence.items())
    return f'<table class="evidence">{rows}</table>'


def write_html(diagnosis: Any, path: str | os.PathLike) -> Path:
    """Write the page of ``diagnosis`` to ``path`` (atomically); see ``Diagnosis.to_html``."""
    m = diagnosis.measurements
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8"><title>glassnet doctor</title>',
        "<style>body{font-family:system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#222}"
        "section.finding{border-left:6px solid;padding:.3rem 1rem;margin:1.5rem 0;background:#fafaf8}"
        ".badge{color:#fff;border-radius:3px;padding:.1rem .5rem;font-size:.8rem;text-transform:uppercase}"
        "code{background:#f0f0ee;padding:0 .2rem}table.evidence{border-collapse:collapse;font-size:.85rem}"
        "table.evidence th{text-align:left;padding-right:1rem;color:#555;font-weight:normal}"
        "img{max-width:100%}p.meta{color:#555;font-size:.9rem}</style></head><body>",
        "<h1>glassnet doctor</h1>",
        f"<p>{html.escape(diagnosis.recipe['network'])}<br>{html.escape(diagnosis.recipe['training'])}</p>",
        f"<p><strong>{html.escape(diagnosis.summary())}</strong> (in {diagnosis.seconds:.1f} s)</p>",
    ]
    for f in diagnosis.findings:
        color = COLORS[f.severity]
        where = f" · layer {f.layer}" if f.layer is not None else ""
        parts += [
            f'<section class="finding" style="border-color:{color}">',
            f'<h2><span class="badge" style="background:{color}">{f.severity}</span> <code>{html.escape(f.code)}</code>'
            f"{where}</h2>",
            f"<p>{html.escape(f.message)}</p>",
            f'<p class="meta">equation: {html.escape(f.equation)}<br>lesson: {html.escape(f.lesson)}</p>',
            _evidence(f.evidence),
            f'<figure><img src="{png(finding_figure(m, f))}" alt="figure for {html.escape(f.code)}"></figure>',
            "</section>",
        ]
    if m.not_judged:
        parts.append("<p>Not judged, to stay within the time limit: "
                     + "; ".join(f"<code>{html.escape(c)}</code> ({html.escape(w)})" for c, w in m.not_judged.items())
                     + ".</p>")
    parts += [
        "<h2>The measurements</h2>",
        "<p>Before training: the weighted inputs z of each layer and the size of its error δ. The trial: the "
        "recipe and the same at other learning rates (dotted: the loss of always answering the class "
        "frequencies, or the mean target), "
        "and the size of one step against the weights it changes.</p>",
        f'<figure><img src="{png(overview_figure(m))}" alt="z, δ, loss curves and update ratios"></figure>',
        "</body></html>",
    ]
    page = "\n".join(parts).encode("utf-8")
    return write_atomically(path, lambda file: file.write(page))
