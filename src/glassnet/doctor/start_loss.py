"""The loss before training, judged in the loss's own terms (loss-at-init). Lesson: 08 when training fails.

An untrained network should lose what its outputs at z = 0 lose: ln K for K softmax classes, ln 2
per sigmoid output, for MSE about ½ Σ var(y). A start far above that is confidently wrong. For the
cross-entropies the gap is measured in nats per example, output by output; other losses by ratio.
"""

from __future__ import annotations

import numpy as np

from glassnet.doctor.checks import Measurements, g
from glassnet.doctor.findings import Finding, finding

#: Cross-entropy losses are judged in their own unit, nats per example: how much more the worst output
#: loses at the start than at z = 0 (a softmax output as a whole, against ln K; each sigmoid output on
#: its own, against ln 2). Reported from this many nats: the right answers then get, on average,
#: e^2.5 ≈ 12 times less probability than an output that knows nothing. Measured (benchmarks/README.md,
#: "The doctor", the sweep of starts): healthy starts at most 0.51 with glassnet's default start, 1.4
#: for a softmax output drawn with He's or Nielsen's scaled start, 2.2 for the worst of ten sigmoid
#: outputs under Nielsen's scaled start (biases from N(0, 1)); planted, one output's bias at +10: 3.1
#: (one sigmoid output, wrong on 37% of the examples) to 8.0, for K = 1 to 20. A ratio to ln K misses
#: these: one bias at +10 among ten classes is 4.4 times ln 10, where a healthy regression is 3 times
#: its own.
LOSS_EXCESS_NATS = 2.5
#: Other losses (MSE, a learner's own) are judged by ratio: reported when the loss before training is
#: more than this many times what the outputs at z = 0 give. Healthy recipes measured: at most 3 (a
#: tanh network's spread-out start on a regression; 3.7 from He's start); N(0, 1) starts: 27 and 60.
LOSS_AT_INIT_FACTOR = 5.0
#: For MSE: the outputs at z = 0 are reported as far from the targets when their loss is more than
#: this many times that of the best constant (½ var(y)). Healthy recipes: at most 3 (a sigmoid output
#: and one-hot targets); planted targets + 50: 5800.
TARGET_OFFSET_FACTOR = 10.0
#: The losses measured in nats.
CROSS_ENTROPIES = ("cross-entropy", "categorical-cross-entropy")


def output_excess(m: Measurements) -> tuple[float, int | None] | None:
    """For a cross-entropy loss: the nats per example the start loses beyond the outputs at z = 0, for
    the worst output (each sigmoid output on its own: its column of C against ln 2; a softmax output as
    a whole: C − ln K), and which output (0-based; None for a softmax); None for other losses."""
    if getattr(m.net.loss, "name", None) not in CROSS_ENTROPIES:
        return None
    activation, Z = m.net.layers[-1].activation, m.start.Z[-1]
    Y = m.data.Y[m.data.probe]
    with np.errstate(all="ignore"):
        A, A0 = np.asarray(activation.fn(Z)), np.asarray(activation.fn(np.zeros_like(Z)))
        if m.start.kinds[-1] == "mixing":
            return float(m.net.loss.fn(A, Y) - m.net.loss.fn(A0, Y)), None
        excess = [float(m.net.loss.fn(A[:, k:k + 1], Y[:, k:k + 1]) - m.net.loss.fn(A0[:, k:k + 1], Y[:, k:k + 1]))
                  for k in range(Y.shape[1])]
    worst = int(np.argmax(excess))
    return excess[worst], worst


def check_loss_at_init(m: Measurements) -> list[Finding]:
    """loss-at-init: a cross-entropy start that loses ``LOSS_EXCESS_NATS`` more nats per example than
    the outputs at z = 0 (ln K for K softmax classes, ln 2 per sigmoid output), any other loss above
    ``LOSS_AT_INIT_FACTOR`` times theirs; for MSE also targets far from where the outputs start
    (``TARGET_OFFSET_FACTOR`` times ½ Σ var(y)): a start that is confidently wrong."""
    s = m.start
    found = []
    Z = s.Z[-1]
    spread = (f"The output layer's z spread over a standard deviation of {g(Z.std())} around {g(Z.mean())}. The "
              f"first steps go into undoing that, with large gradients (BP1). Start the output layer with small "
              f"weights and zero biases (for a softmax output, W = 0). {m.trial_result}")
    excess = output_excess(m)
    expected = s.uninformed if s.uninformed > 0 else s.constant
    if excess is not None and excess[0] > LOSS_EXCESS_NATS:
        nats, unit = excess
        if unit is None:
            mean_p = np.asarray(m.net.layers[-1].activation.fn(Z)).mean(axis=0)
            favoured = int(np.argmax(mean_p))
            which = (f" It gives class {favoured} a probability of {g(mean_p[favoured])} on average (its output's "
                     f"bias is {g(m.net.layers[-1].b[favoured])}).")
        else:
            which = (f" Output {unit} does it: its own cross-entropy is {g(nats + np.log(2))} nats per example, "
                     f"against ln 2 = {g(np.log(2))} at z = 0, and its bias is {g(m.net.layers[-1].b[unit])}.")
        message = (f"Before training the loss is {g(s.loss)} nats per example, where outputs that know nothing "
                   f"({_uninformed(m)}) give {g(s.uninformed)}: {g(nats)} nats more "
                   f"{'than that' if unit is None else 'on one output'}, so the right answers get on average "
                   f"e^{g(nats)} ≈ {g(np.exp(nats))} times less probability than a guess that knows nothing. "
                   f"The start is confidently wrong.{which} {spread}")
        found.append(finding("loss-at-init", m.severity(), None, message, loss=s.loss, expected=s.uninformed,
                             excess_nats=nats, output=unit))
    elif excess is None and expected > 0 and s.loss > LOSS_AT_INIT_FACTOR * expected:
        message = (f"Before training the loss is {g(s.loss)}, {g(s.loss / expected)} times what a network that "
                   f"knows nothing gives ({g(expected)}: the outputs it gives at z = 0, {_uninformed(m)}). The "
                   f"start is confidently wrong. {spread}")
        found.append(finding("loss-at-init", m.severity(), None, message, loss=s.loss, expected=expected,
                             factor=s.loss / expected))
    is_mse = getattr(m.net.loss, "name", None) == "mse"
    if is_mse and s.constant > 0 and s.uninformed > TARGET_OFFSET_FACTOR * s.constant:
        Y = m.data.Y[m.data.train]
        message = (f"The targets are far from where the outputs start: outputs at z = 0 give a loss of "
                   f"{g(s.uninformed)}, {g(s.uninformed / s.constant)} times the loss of always answering the "
                   f"mean target ({g(s.constant)} = ½ Σ var(y); the targets average {g(Y.mean())}, with a "
                   f"standard deviation of {g(Y.std())}). Training spends its first steps moving the outputs "
                   f"there, with gradients as large as the offset. Centre and scale the targets, "
                   f"(y − mean) / std, and undo that on the predictions. {m.trial_result}")
        found.append(finding("loss-at-init", m.severity(), None, message, uninformed=s.uninformed,
                             constant=s.constant, factor=s.uninformed / s.constant))
    return found


def _uninformed(m: Measurements) -> str:
    """What the outputs at z = 0 are, in words."""
    n_out, kind = m.net.sizes[-1], m.start.kinds[-1]
    if kind == "mixing":
        return f"1/{n_out} for each of {n_out} classes, a loss of ln {n_out}"
    A0 = np.asarray(m.net.layers[-1].activation.fn(np.zeros(1)))
    return f"{g(float(A0.ravel()[0]))} for every output"
