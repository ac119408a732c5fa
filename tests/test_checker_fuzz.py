"""The judge never fails on what a learner's code returns: odd shapes, types and nesting in any
answer reach the verdict and the diagnosis, which must still report (a failure, never a crash of
the checker's own arithmetic).

Each exercise's right solution runs once through the worker; hypothesis then replaces some of its
answers (and, for xor, what the recording saw) with strange values and judges the transcript."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from checking import SOLUTIONS
from glassnet.checker import channel, judge, process, wire
from glassnet.checker.registry import all_exercises
from glassnet.checker.report import describe

SEED = 5


def _right_transcript(name: str):
    exercise = all_exercises()[name]
    probes = judge.draw(exercise, SEED)
    collected = process.run_worker(judge.job(exercise, SOLUTIONS / f"{name}.py", probes, timeout=20.0,
                                             memory_mib=2048))
    transcript = channel.read(collected.lines, len(probes), collected.results_cut)
    assert transcript.ended, collected.output
    return exercise, probes, transcript, collected


@cache
def transcript_of(name: str):
    """The right solution's transcript (run once per exercise; not a fixture, which hypothesis would print)."""
    return _right_transcript(name)


def _arrays() -> st.SearchStrategy:
    dtypes = st.sampled_from([np.float64, np.float32, np.int64, np.bool_])
    shapes = hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5)
    return dtypes.flatmap(lambda d: hnp.arrays(d, shapes, elements=None if d is np.bool_ else
                                               hnp.from_dtype(np.dtype(d), allow_nan=True, allow_infinity=True)
                                               if np.dtype(d).kind == "f" else st.integers(-5, 5)))


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=5), st.sampled_from([np.float32(0.5), np.int64(3), np.float64(np.inf),
                                                          np.bool_(True), wire.Opaque("dict", "{}"),
                                                          wire.TooLarge("ndarray", (10**6,))]))
VALUES = st.recursive(st.one_of(SCALARS, _arrays()), lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(inner, max_size=4).map(tuple)), max_leaves=8)


def _judge(exercise, probes, transcript, collected, replace: dict[int, list]):
    replies = dict(transcript.replies)
    for index, values in replace.items():
        old = replies[index]
        replies[index] = channel.Reply(values=values, after=old.after, warnings=old.warnings)
    odd = channel.Transcript(ready="ok", replies=replies, ended=True)
    status, _, failure = judge.verdict(exercise, probes, odd, collected, 20.0, 2048)
    assert status in ("passed", "failed", "error", "timeout"), status
    if failure is not None:
        text = describe(failure, len(probes))
        assert "bug in glassnet" not in text and "checker failed" not in text, text
        assert "unexplained" not in failure, failure["unexplained"]  # the diagnosis itself read every answer
    return status


@pytest.mark.parametrize("name", sorted(all_exercises()))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_odd_answers_are_judged_never_crash_the_judge(name, data):
    exercise, probes, transcript, collected = transcript_of(name)
    chosen = data.draw(st.sets(st.integers(1, len(probes)), min_size=1, max_size=4))
    replace = {}
    for index in chosen:
        count = len(transcript.replies[index].values)
        replace[index] = data.draw(st.lists(VALUES, min_size=count, max_size=count))  # one value per send
    _judge(exercise, probes, transcript, collected, replace)


def _recording(base: list, shapes_from: st.DataObject) -> list:
    """xor's recording with its states and gradients swapped for arrays of odd shapes."""
    draw = shapes_from.draw
    odd = draw(st.lists(_arrays(), min_size=0, max_size=3))
    recorded = list(base)
    part = draw(st.sampled_from([1, 2, 3, 4, 6]))
    if part == 6:
        recorded[6] = (draw(_arrays()), draw(_arrays()))
    else:
        recorded[part] = (odd, draw(st.lists(_arrays(), min_size=0, max_size=3)))
    return recorded


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_odd_recordings_of_xor_never_crash_the_judge(data):
    exercise, probes, transcript, collected = transcript_of("xor")
    index = data.draw(st.integers(2, len(probes)))
    network, recorded = transcript.replies[index].values
    if data.draw(st.booleans()):
        layers = [(np.asarray(W), np.asarray(b)) for W, b in zip(*network, strict=True)]
        shaped = data.draw(st.sampled_from(["bias as weight", "grown", "column"]))
        if shaped == "bias as weight":
            network = ([W for W, _ in layers], [W - 1.0 for W, _ in layers])
        elif shaped == "grown":
            network = ([*network[0], network[0][0]], [*network[1], network[1][0]])
        else:
            network = (network[0], [b[:, None] for _, b in layers])
    _judge(exercise, probes, transcript, collected, {index: [network, _recording(recorded, data)]})


def test_a_bias_updated_with_the_weight_gradients_is_named():
    """The held-out case that crashed the judge: b − η dC/dW broadcasts b into W's shape, and the
    learner's backprop then fails on its second call."""
    exercise, probes, transcript, collected = transcript_of("xor")
    first, grads, changed, data = (transcript.replies[2].values[1][i] for i in (1, 4, 5, 6))
    W = [w - 5.0 * g for w, g in zip(first[0], grads[0], strict=True)]
    b = [bb - 5.0 * g for bb, g in zip(first[1], grads[0], strict=True)]
    error = {"type": "ValueError", "kinds": ["ValueError", "Exception"], "where": "line 9 in backprop: z = a @ W + b",
             "message": "operands could not be broadcast together with shapes (4,3) (2,3)", "module": None}
    replies = dict(transcript.replies)
    replies[2] = channel.Reply(values=[[2, first, (W, b), (W, b), grads, changed, data]], error=error, step=2)
    status, _, failure = judge.verdict(exercise, probes, channel.Transcript(ready="ok", replies=replies, ended=True),
                                       collected, 20.0, 2048)
    assert status == "failed" and "unexplained" not in failure, failure
    assert failure["cause"].startswith("the first update moved b1, b2 by −η × dC/dW1, dC/dW2"), failure
