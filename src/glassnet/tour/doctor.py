"""The tour's ninth part: the doctor, on the digits network of part 8 and on a broken copy of it. Lesson: 08.

Kept apart from ``sections`` (the track's eight parts) because it needs the doctor, which sits
above everything the other parts use.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from glassnet import datasets
from glassnet.activations import Sigmoid
from glassnet.doctor import diagnose
from glassnet.losses import CrossEntropy
from glassnet.network import NeuralNetwork

#: How much larger than Glorot's the broken network's weights start.
TOO_LARGE = 25


def doctor(s: Any, quick: bool) -> None:
    """Fill the tour's ``Section`` ``s``: what the doctor says of a healthy recipe and of a ×25 start."""
    X_train, y_train, _, _ = datasets.load("digits", seed=0)

    def digits_net() -> NeuralNetwork:
        return NeuralNetwork([64, 30, 10], activation=Sigmoid, loss=CrossEntropy, seed=0)

    healthy = diagnose(digits_net(), X_train, y_train, learning_rate=0.5, batch_size=10)
    s.say(f"the 64-30-10 digits network of part 8, η = 0.5, batch 10: {healthy.summary()}")
    broken = digits_net()
    for layer in broken.layers:
        layer.W *= TOO_LARGE
    found = diagnose(broken, X_train, y_train, learning_rate=0.5, batch_size=10)
    s.say(f"the same network with its weights started {TOO_LARGE} times larger: {found.summary()}")
    for f in found.findings:
        where = f" (layer {f.layer})" if f.layer is not None else ""
        s.say(f"  {f.severity.upper()} {f.code}{where}")
        s.lines.extend(textwrap.wrap(f.message, 96, initial_indent="    ", subsequent_indent="    "))
    s.numbers.update(healthy_codes=healthy.codes, broken_codes=found.codes, seconds=(healthy.seconds, found.seconds))
    saturated = next((f for f in found.findings if f.code == "saturated-units"), None)
    if saturated is not None:
        s.figure("doctor_saturation", f"z of the hidden layer of the digits network started {TOO_LARGE} times too "
                 f"large, before training: {100 * saturated.evidence['saturated_share']:.0f}% of the values lie in "
                 "the shaded bands, where σ′(z) is below 3% of its peak, so BP2 passes back almost no error. "
                 "From the doctor's page (glassnet doctor --html, or diagnosis.to_html).",
                 lambda path: _save(found, saturated, path))


def _save(diagnosis: Any, finding: Any, path: Path) -> None:
    from glassnet.doctor.report import finding_figure

    finding_figure(diagnosis.measurements, finding).savefig(path, dpi=110)
