"""What the doctor reports: the codes and a Finding (``report.Diagnosis`` holds them). Lesson: 08.

Every finding has a stable ``code`` (one of ``CODES``), a ``severity`` (``"problem"``: training
fails or will; ``"warning"``: it will hurt; ``"note"``: worth knowing), the layer it concerns
(1-based, as the lessons number W₁, W₂ …; None for the whole network), a message in plain words
with the numbers measured, the equation of the track involved, the lesson that explains it, and
the measured numbers themselves (``evidence``).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any, NamedTuple

SEVERITIES = ("problem", "warning", "note")


class Code(NamedTuple):
    """What a code is about: the equation of the track involved and the lesson that explains it."""

    equation: str
    lesson: str


#: Every code the doctor can report, in the order the report lists findings of one severity:
#: causes before the symptoms they produce (a wrong derivative before the loss that will not fall).
CODES: dict[str, Code] = {
    "gradient-mismatch": Code("BP1–BP4 against central differences: (C(θ + ε) − C(θ − ε)) / 2ε",
                              "06 backpropagation: Checking against brute force: gradcheck; "
                              "08 when training fails: A prime that forgot (1 − s)"),
    "inputs-unscaled": Code("Z₁ = X W₁ + b₁, and BP4: ∂C/∂W₁ = Xᵀ δ₁ / n",
                            "03 feedforward networks: How the weights start; 08 when training fails: Inputs ×1000"),
    "symmetry": Code("BP2: δ_l = (δ_l+1 W_l+1ᵀ) ⊙ φ′(Z_l) and BP4: ∂C/∂W_l = A_l-1ᵀ δ_l / n",
                     "03 feedforward networks: How the weights start; 08 when training fails: A zero start"),
    "dead-units": Code("BP2: δ = (δ_next W_nextᵀ) ⊙ φ′(Z), with ReLU′(z) = 0 for z ≤ 0; BP4: a_in = 0",
                       "02 activation functions: The rectified linear unit; 08 when training fails: Biases at −6"),
    "saturated-units": Code("BP2: δ = (δ_next W_nextᵀ) ⊙ φ′(Z), with φ′(z) ≈ 0 for large |z|",
                            "02 activation functions: Saturation; 08 when training fails: A ×25 start"),
    "loss-at-init": Code("C before training: ln K for K softmax classes, ln 2 per sigmoid output, "
                         "½ Σ var(y) for MSE",
                         "04 loss functions: Cross-entropy; 08 when training fails: A ×25 start"),
    "vanishing-gradient": Code("BP2 repeated: |δ_l| = |δ_l+1 W_l+1ᵀ| · φ′(Z_l), layer after layer",
                               "06 backpropagation: Who learns slowly; 08 when training fails: Eight sigmoid layers"),
    "exploding-gradient": Code("BP2 repeated: |δ_l| = |δ_l+1 W_l+1ᵀ| · φ′(Z_l), layer after layer",
                               "06 backpropagation: Who learns slowly; 08 when training fails: A ×25 start"),
    "learning-rate-too-high": Code("the step θ ← θ − η ∂C/∂θ, and the update/weight ratio η‖∂C/∂W‖ / ‖W‖",
                                   "05 gradient descent: Choosing the learning rate; "
                                   "08 when training fails: A learning rate of 200"),
    "learning-rate-too-low": Code("the step θ ← θ − η ∂C/∂θ, and the update/weight ratio η‖∂C/∂W‖ / ‖W‖",
                                  "05 gradient descent: Choosing the learning rate; 08 when training fails: "
                                  "A learning rate of 200"),
    "cannot-fit-small-batch": Code("C on a few examples, driven towards 0 by gradient descent",
                                   "07 training: XOR, at last; 08 when training fails: Too small to fit"),
    "underfitting": Code("C on the training data, against a reference network on the same data",
                         "03 feedforward networks: Why layers?; 07 training: The network and its training"),
    "labels-unlearnable": Code("C on the validation data, against the loss of the best constant output",
                               "07 training: Three sets: training, validation, test; "
                               "08 when training fails: Shuffled labels"),
    "overfitting": Code("C on the training data against C on the validation data, epoch by epoch",
                        "07 training: The network and its training"),
    "class-imbalance": Code("accuracy against the baseline of always answering the largest class",
                            "07 training: Where it goes wrong"),
}


@dataclass(frozen=True)
class Finding:
    """One thing the doctor found: see the module docstring for the fields."""

    code: str
    severity: str
    layer: int | None
    message: str
    equation: str
    lesson: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        where = f" (layer {self.layer})" if self.layer is not None else ""
        body = textwrap.fill(self.message, width=96, initial_indent="  ", subsequent_indent="  ")
        return (f"{self.severity.upper()}: {self.code}{where}\n{body}\n"
                f"  equation: {self.equation}\n  lesson:   {self.lesson}")


def finding(code: str, severity: str, layer: int | None, message: str, **evidence: Any) -> Finding:
    """A Finding of ``code``, its equation and lesson filled in from ``CODES``."""
    equation, lesson = CODES[code]
    return Finding(code, severity, layer, message, equation, lesson, evidence)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most serious first; within a severity, causes before symptoms (the order of ``CODES``)."""
    order = list(CODES)
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), order.index(f.code),
                                           f.layer if f.layer is not None else 0))
