"""The checker's parts on their own: values on the wire, the channel's protocol, the one rule
for answers, naming by evidence, structure checks, and the learner's progress record."""

import json
import subprocess
import sys
import threading

import numpy as np
import pytest

from checking import SOLUTIONS, WRONG
from glassnet.checker import channel, progress, queries, state, structure, wire
from glassnet.checker.compare import Rule, compare
from glassnet.checker.mistakes import SAME, Mistake, Outcome, depends, explained
from glassnet.checker.patterns import shape_pattern, values_pattern
from glassnet.checker.probes import Probe, Steps
from glassnet.checker.report import CheckResult
from glassnet.cli import main as cli_main

# --- values on the wire -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, -2.5, True, None, "text", np.float32(0.5), np.int64(3), [1, (2.0, None)],
                                   np.arange(6.0).reshape(2, 3), np.array([1, 0], dtype=np.int32),
                                   np.array([True, False]), np.array(4.0)])
def test_a_value_comes_back_as_it_went(value):
    back = wire.decode(json.loads(json.dumps(wire.encode(value))))
    assert type(back) is type(value)
    if isinstance(value, np.ndarray | np.generic):
        assert back.dtype == value.dtype and np.array_equal(back, value)
    else:
        assert back == value


def test_what_does_not_travel_arrives_as_a_name_and_a_size():
    assert repr(wire.decode(wire.encode({"a": 1}))) == "{'a': 1} (a dict)"
    assert repr(wire.decode(wire.encode(np.zeros(200_000)))) == "a numpy array of shape (200000,), too large to show"
    assert repr(wire.decode(wire.encode(10**30))) == "an int with more than 18 digits (a int)"
    assert repr(wire.decode(wire.encode(np.array(["a"])))) == "a numpy ndarray of <U1"


@pytest.mark.parametrize("data", [
    {"array": [1, 2], "dtype": "|O", "shape": [2]},  # an object dtype
    {"array": [1, 2, 3], "dtype": "<f8", "shape": [2]},  # entries that do not fill the shape
    {"array": [[1, 2]], "dtype": "<f8", "shape": [2]},  # nested entries
    {"array": ["1"], "dtype": "<f8", "shape": [1]},  # a string among the numbers
    {"code": "import os"}, [1, 2], "text", {"int": True},
    {"list": [{"list": [{"int": 1}]}] * 2, "x": 1, "y": 2, "z": 3},  # more keys than a value has
])
def test_anything_else_is_refused(data):
    with pytest.raises(ValueError):
        wire.decode(data)


def test_nesting_deeper_than_the_limit_is_refused():
    data = {"int": 1}
    for _ in range(wire.MAX_DEPTH + 2):
        data = {"list": [data]}
    with pytest.raises(ValueError):
        wire.decode(data)


# --- the channel ----------------------------------------------------------------------------------


def _lines(*messages):
    return [json.dumps(m).encode() for m in messages]


def _reply(i, value):
    return {"reply": i, "values": [wire.encode(value)], "after": [], "warnings": []}


def test_a_transcript_in_order_is_read_back():
    transcript = channel.read(_lines({"ready": "ok"}, {"start": 1}, _reply(1, 5), {"start": 2}, _reply(2, [1.0]),
                                     {"end": 2}), 2)
    assert (transcript.ready, transcript.ended, transcript.not_asked) == ("ok", True, None)
    assert transcript.replies[1].values == [5] and transcript.replies[2].values == [[1.0]]


@pytest.mark.parametrize("messages", [
    [{"start": 1}],  # no ready first
    [{"ready": "ok"}, {"start": 2}],  # out of order
    [{"ready": "ok"}, {"start": 1}, {"reply": 2, "values": [], "after": [], "warnings": []}],  # not the one started
    [{"ready": "ok"}, {"start": 1}, {"reply": 1, "values": [], "after": [], "warnings": [], "passed": True}],
    [{"ready": "ok"}, {"start": 1}, _reply(1, 1), {"end": 1}, {"start": 2}],  # more than asked
    [{"ready": "ok"}, {"end": 5}],  # an end before the replies
    [{"ready": "ok"}, {"start": 1}, {"reply": 1, "values": [{"code": "x"}], "after": [], "warnings": []}],
])
def test_a_line_out_of_place_is_not_asked_for(messages):
    assert channel.read(_lines(*messages), 1).not_asked


def test_a_timeout_may_say_how_often_the_training_called_backprop():
    found = channel.read(_lines({"ready": "ok"}, {"start": 1}, {"timeout": 1, "calls": 5000}), 2)
    assert (found.timeout, found.calls, found.not_asked) == (1, 5000, None)
    for calls in (True, "5000", 1.5):
        assert channel.read(_lines({"ready": "ok"}, {"start": 1}, {"timeout": 1, "calls": calls}), 2).not_asked


def test_hostile_bytes_are_reported_never_raised():
    for raw in (b"[" * 200_000, b"\xff\xfe", b"{" * 100_000 + b"}" * 100_000, b"1e999999", b'{"ready": "ok"' * 1000):
        transcript = channel.read([raw], 3)
        assert transcript.not_asked is not None and len(transcript.not_asked) <= 80
    assert channel.read(_lines({"ready": "ok"}), 1, cut=True).not_asked.startswith("more than")


# --- the one rule for answers -----------------------------------------------------------------------


@pytest.mark.parametrize(("got", "kind", "text"), [
    (1, None, ""), (np.int64(1), None, ""),
    (True, "type", "a bool"), (1.0, "type", "a float"), (np.array(1), "type", "a 0-d numpy array"),
    (np.array([1]), "type", "a numpy array of shape (1,)"), (0, "value", "expected class 1, got 0"),
    (None, "none", "forget to `return`"), ("1", "type", "expected the class"), (2, "value", "a class is 0 or 1"),
])
def test_a_class_label_is_the_int_0_or_1(got, kind, text):
    problem = compare(Rule("label", "run"), got, 1)
    assert (problem.kind if problem else None) == kind and text in (problem.text if problem else "")


def test_arrays_keep_their_shape_type_and_precision():
    expected = np.array([[0.5, 0.25]])
    assert compare(Rule("array"), expected.copy(), expected) is None
    assert compare(Rule("array"), expected[0], expected).kind == "shape"  # a batch of one squeezed
    assert compare(Rule("array"), [[0.5, 0.25]], expected).kind == "type"  # a list where an array is asked
    assert compare(Rule("array"), expected.astype(np.float32), expected).kind == "dtype"  # float32 for float64
    assert compare(Rule("array", precision="float32"), expected.astype(np.float32), expected) is None
    assert compare(Rule("array"), expected + 1e-6, expected).kind == "value"
    assert compare(Rule("array"), np.array([[True, False]]), expected).kind == "type"
    assert compare(Rule("array", relative=True), expected * 1e-9 * (1 + 1e-6), expected * 1e-9).kind == "value"
    assert compare(Rule("array"), expected * 1e-9 * (1 + 1e-6), expected * 1e-9) is None  # below the floor of 1


def test_one_number_is_never_an_array_and_a_path_is_a_list():
    assert compare(Rule("number"), np.array(0.5), 0.5).kind == "type"
    assert compare(Rule("number"), np.array([0.5]), 0.5).kind == "shape"
    assert compare(Rule("number"), np.float64(0.5), 0.5) is None
    assert compare(Rule("numbers"), np.array([4.0, 3.96]), [4.0, 3.96]).kind == "type"
    assert compare(Rule("numbers"), [4.0, 3.96, 3.9], [4.0, 3.96]).text == "the result has 3 points; expected 2 (x0 " \
                                                                           "and 1 steps)."
    assert compare(Rule("pair", parts=(Rule("array", "w"), Rule("number", "b"))), (np.zeros(2), 0.0),
                   (np.zeros(2), 0.0)) is None


def test_the_fix_a_rule_suggests_fits_the_answer_at_hand():
    """float(...) only for one value, np.array(...) only where it gives the shape, ints for labels."""
    assert "float(...) makes one" in compare(Rule("number", "mse"), np.array(0.5), 0.5).text
    summed = compare(Rule("number", "mse"), np.array([0.25, 0.5]), 0.75).text
    assert "float(" not in summed and "add up to the right number, so a sum ran over one axis only" in summed
    assert "float(" not in compare(Rule("number", "mse"), np.array([0.25]), 0.25).text
    assert "np.array(...) makes one" in compare(Rule("array"), [[0.5, 0.25]], np.array([[0.5, 0.25]])).text
    right = np.array([[0.5, 0.25]])
    layers = compare(Rule("array", "run's result"), [np.zeros((1, 3)), right], right).text
    assert "np.array(" not in layers and "Its item 1 is the right answer: return that array alone" in layers
    bools = compare(Rule("labels", "run(X)"), np.array([True, False]), np.array([1, 0])).text
    assert "floats" not in bools and "ints 0 and 1" in bools
    path = compare(Rule("numbers", "the path"), [4.0, np.array([3.9, 3.8])], [4.0, 3.96]).text
    assert "float(x)" not in path and compare(Rule("numbers"), [np.array(4.0)], [4.0]).text.endswith(
        "float(x) makes one).")


# --- naming by evidence -------------------------------------------------------------------------------


def _probe(x, tags=None):
    return Probe(f"f({x})", Steps(), Rule("number"), 2.0 * x, tags=tags or {}, params={"x": x})


def test_a_mistake_is_named_only_when_its_model_gives_every_answer():
    probes = [_probe(1.0), _probe(2.0), _probe(0.0)]
    doubled = Mistake("doubles", "", "", lambda p: 4.0 * p.params["x"])
    answers = [Outcome("wrong", 4.0, compare(probes[0].rule, 4.0, 2.0)), Outcome("wrong", 8.0,
               compare(probes[1].rule, 8.0, 4.0)), Outcome("right", 0.0)]
    assert explained(doubled, probes, answers)
    answers[1] = Outcome("wrong", 7.0, compare(probes[1].rule, 7.0, 4.0))  # one answer the model does not give
    assert not explained(doubled, probes, answers)
    right_everywhere = Mistake("none", "", "", lambda p: SAME)
    assert not explained(right_everywhere, probes, [Outcome("right", 2.0), Outcome("right", 4.0), Outcome("right", 0)])


def test_what_a_failure_depends_on_is_said_from_the_tags():
    probes = [_probe(1.0, {"batch1": "a batch of one row"}), _probe(2.0, {}), _probe(3.0, {"batch1": "a batch of "
                                                                                          "one row"})]
    wrong, right = Outcome("wrong", 0.0, compare(Rule("number"), 0.0, 2.0)), Outcome("right", 4.0)
    assert depends(probes, [wrong, right, wrong]) == ("right on every check except the 2 with a batch of one row, "
                                                      "and on those wrong: the failure depends on that.")
    assert depends(probes, [wrong, wrong, wrong]) == "wrong on all 3 checks, even the simplest."


@pytest.mark.parametrize(("got", "expected", "text"), [
    (np.array([[1.0, 3.0, 5.0], [2.0, 4.0, 6.0]]), np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), "transpose"),
    (np.array([1.0, 2.0]), np.array([[1.0], [2.0]]), "the right numbers, in shape (2,) instead of (2, 1)"),
    (np.ones((3, 3)), np.ones((3, 1)), "which makes a square"),
    (np.array([[1.0, 2.0], [3.0, 4.0]]).T, np.array([[1.0, 2.0], [3.0, 4.0]]), None),  # values differ, same shape
])
def test_a_wrong_shape_is_related_to_the_right_one(got, expected, text):
    found = shape_pattern(got, expected)
    assert (found is None) if text is None else (text in found), found


E1, E2 = np.array([1.0, 2.0]), np.array([-3.0, 0.5, 4.0])


@pytest.mark.parametrize(("pairs", "float32", "text"), [
    ([(-E1, E1), (-E2, E2)], False, "sign flipped, on every check"),
    ([(2.5 * E1, E1), (2.5 * E2, E2)], False, "exactly 5/2× the right values, on each of the 2 checks"),
    ([(E1 + 0.5, E1), (E2 + 0.5, E2)], False, "shifted by 0.5, on each of the 2"),
    ([(E1 * (1 + 3e-8), E1), (E2 * (1 + 3e-8), E2)], True, "float32 rounding, and your code works with float32"),
    ([(np.array([np.nan, 2.0]), E1)], False, "where the right value, 1, is finite"),
    ([(np.zeros(2), E1)], False, "all zeros"),
    ([(np.array([0.0, 1.0, 1.0]), np.array([0.0, 3.0, 7.0]))], False, "your values stop at 1: wherever the right"),
    ([(np.round(E2 / 3, 6), E2 / 3)], False, "rounded to 6 decimals"),
    # what one check alone, or a factor that changes, cannot say
    ([(np.array([2.63]), np.array([1.0]))], False, None),
    ([(np.array([0.0, 0.0, 1.5]), np.array([0.0, 0.0, 3.0])), (np.array([0.6]), np.array([2.0]))], False, None),
    ([(2 * E1, E1), (3 * E2, E2)], False, None),
    ([(E1 * (1 + 3e-8), E1), (E2 * (1 + 3e-8), E2)], False, None),  # float32 not involved: no float32 line
])
def test_how_wrong_answers_relate_to_the_right_ones_is_said_only_where_it_holds(pairs, float32, text):
    found = values_pattern([(g, e, None) for g, e in pairs], float32)
    assert (found is None) if text is None else (text in found), found


def test_wrong_exactly_at_entries_holds_on_every_check_of_the_function():
    z1, z2 = np.array([-2.0, 0.0, 3.0]), np.array([-1.0, 0.5, 2.0])
    entries = [{"z > 0": z > 0, "z < 0": z < 0} for z in (z1, z2)]
    wrong = [(np.where(z > 0, z + 1, 0.0), np.maximum(z, 0), x) for z, x in zip((z1, z2), entries, strict=True)]
    assert values_pattern(wrong, False) == "wrong exactly at the entries where z > 0; right everywhere else."
    right_with_positive = [(np.array([1.0]), np.array([1.0]), {"z > 0": np.array([True])})]
    assert values_pattern(wrong, False, right_with_positive) is None


# --- structure checks -----------------------------------------------------------------------------


@pytest.mark.parametrize(("params", "n", "keywords", "fits"), [
    ([["x", "POSITIONAL_OR_KEYWORD", False, None]], 1, (), True),
    ([["x", "POSITIONAL_OR_KEYWORD", False, None]], 2, (), False),
    ([["a", "POSITIONAL_OR_KEYWORD", False, None], ["b", "POSITIONAL_OR_KEYWORD", True, 1.0]], 1, ("b",), True),
    ([["a", "POSITIONAL_OR_KEYWORD", False, None], ["b", "POSITIONAL_OR_KEYWORD", True, 1.0]], 0, ("b",), False),
    ([["args", "VAR_POSITIONAL", False, None], ["kw", "VAR_KEYWORD", False, None]], 3, ("seed",), True),
    ([["seed", "KEYWORD_ONLY", True, 0]], 0, ("seed",), True),
    ([["seed", "POSITIONAL_ONLY", True, 0]], 0, ("seed",), False),
])
def test_a_signature_is_read_without_calling(params, n, keywords, fits):
    assert structure.binds(params, n, keywords) is fits


def test_a_default_other_than_the_stubs_is_named():
    desc = ["function", "function", [["X", "POSITIONAL_OR_KEYWORD", False, None],
                                     ["learning_rate", "POSITIONAL_OR_KEYWORD", True, 0.1]]]
    problem = structure.defaults_differ(desc, "train", {"learning_rate": 1.0})
    assert problem.text == "train: your learning_rate defaults to 0.1; the stub's default is 1.0."
    assert structure.defaults_differ(desc, "train", {"learning_rate": 0.1}) is None


# --- the progress record ----------------------------------------------------------------------------


def _result(name, passed, cause=""):
    failure = None if passed else {"stage": "case", "cause": cause}
    return CheckResult(name, f"{name}.py", passed, "ok", 3 if passed else 1, 3, "passed" if passed else "failed",
                       failure, 7)


def test_each_attempt_is_recorded_and_summarised(tmp_path):
    progress.record(tmp_path, [_result("losses", False, "mse has no 1/2"), _result("descent", True),
                               CheckResult("xor", "xor.py", False, "not found", 0, 0, "missing")])
    progress.record(tmp_path, [_result("losses", True)])
    attempts = progress.read(tmp_path)
    assert [(a["exercise"], a["passed"], a["cause"], a["checks"], a["seed"]) for a in attempts] == [
        ("losses", False, "mse has no 1/2", "1/3", 7), ("descent", True, "", "3/3", 7), ("losses", True, "", "3/3", 7)]
    rows = {row["exercise"]: row for row in progress.summary(attempts, ("losses", "descent", "xor"))}
    assert (rows["losses"]["attempts"], rows["losses"]["passed"], rows["xor"]["attempts"]) == (2, True, 0)
    table = progress.table(list(rows.values()))
    assert table.splitlines()[0].split() == ["exercise", "status", "attempts", "last", "attempt", "last", "cause"]
    assert "not tried" in table and table.endswith("2 of 3 exercises pass.")


def test_two_checks_at_once_lose_no_attempt(tmp_path):
    threads = [threading.Thread(target=progress.record, args=(tmp_path, [_result("losses", i % 2 == 0)]))
               for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(progress.read(tmp_path)) == 8


@pytest.mark.parametrize("content", ["{not json", json.dumps({"format": 9, "attempts": []}), json.dumps([1, 2]),
                                     json.dumps({"format": 1, "attempts": [{"exercise": "x"}]}),
                                     json.dumps({"format": 1, "attempts": [{"exercise": "x", "time": "t", "passed": 1,
                                                "status": "s", "cause": "", "checks": "1/1", "seed": None}]})])
def test_a_damaged_record_is_a_clear_error_and_is_never_wiped(tmp_path, capsys, content):
    path = tmp_path / ".glassnet-progress.json"
    path.write_text(content)
    with pytest.raises(progress.ProgressError, match=r"\.glassnet-progress\.json (is damaged|is not a glassnet)"):
        progress.read(tmp_path)
    assert cli_main(["progress", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("glassnet: error: ") and "left as it is" in err and "Traceback" not in err
    (tmp_path / "losses.py").write_text((SOLUTIONS / "losses.py").read_text())
    assert cli_main(["check", "--all", str(tmp_path)]) == 2  # the check runs and prints; the record is kept
    assert "✓ losses" in capsys.readouterr().out
    assert path.read_text() == content


def test_the_record_survives_a_restart_and_glassnet_progress_prints_it(tmp_path, capsys):
    (tmp_path / "losses.py").write_text((WRONG / "losses__mse_without_half.py").read_text())
    (tmp_path / "descent.py").write_text((SOLUTIONS / "descent.py").read_text())
    for _ in range(2):  # two sessions, each its own process
        subprocess.run([sys.executable, "-m", "glassnet.cli", "check", "--all", str(tmp_path)], capture_output=True,
                       check=False)
    printed = subprocess.run([sys.executable, "-m", "glassnet.cli", "progress", str(tmp_path)], capture_output=True,
                             text=True, check=True).stdout
    lines = {line.split()[0]: line for line in printed.splitlines() if line and line.split()[0] in ("losses", "descent",
                                                                                                      "xor")}
    assert lines["losses"].split()[1:3] == ["failing", "2"] and lines["losses"].endswith("mse has no 1/2: it computes "
                                                                                       "1/n Σ ‖y − a‖².")
    assert lines["descent"].split()[1:3] == ["passed", "2"] and lines["xor"].split()[1:4] == ["not", "tried", "0"]
    assert cli_main(["progress", str(tmp_path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["attempts"] for row in rows if row["exercise"] in ("losses", "descent")] == [2, 2]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli_main(["progress", str(empty)]) == 0
    assert "No attempts recorded" in capsys.readouterr().out


def test_the_attempts_are_recorded_even_when_the_reader_stops_early(tmp_path):
    (tmp_path / "losses.py").write_text((SOLUTIONS / "losses.py").read_text())
    shell = f"{sys.executable} -m glassnet.cli check --all {tmp_path} | head -c 1"
    subprocess.run(shell, shell=True, capture_output=True, check=False)
    assert [attempt["exercise"] for attempt in progress.read(tmp_path)] == ["losses"]


# --- state kept between calls or objects ------------------------------------------------------------


def test_checks_run_together_make_every_object_first_then_use_them_last_made_first():
    def made(w):
        steps = Steps()
        p = steps.call("module.Perceptron", ("w", w), ("b", 0.0), callee="Perceptron")
        steps.send(steps.call(f"{p}.run", ("x", 1.0)))
        return Probe(f"Perceptron({w}, 0).run(1)", steps, Rule("label", "run"), int(w > 0))

    together = state.interleaved([made(1.0), made(-1.0), made(2.0)])
    ops = [(step[0], step[1], step[2]) for step in together.steps.steps if step[0] == "call"]
    assert ops == [("call", "s0v1", "module.Perceptron"), ("call", "s1v1", "module.Perceptron"),
                   ("call", "s2v1", "module.Perceptron"), ("call", "s2v2", "s2v1.run"),
                   ("call", "s1v2", "s1v1.run"), ("call", "s0v2", "s0v1.run")]
    assert [step[1] for step in together.steps.steps if step[0] == "send"] == ["s0v2", "s1v2", "s2v2"]
    assert together.problem((1, 0, 1)) is None and together.problem((1, 1, 1)).index == (1,)


def test_the_lines_that_keep_state_are_found_in_the_file():
    source = ("import numpy as np\nCACHE = {}\nseen = []\nLIMIT = [1, 2]\n\n"
              "def walk(x, path=[], *, options={}):\n    path.append(x)\n    CACHE[x] = 1\n    return path\n\n"
              "class Net:\n    layers = []\n    sizes = [2, 3]\n\n    def __init__(self):\n        global seen\n"
              "        self.layers.append(1)\n")
    found = state.culprits(source)
    assert [line.split(":")[0] for line in found] == ["line 2", "line 6", "line 6", "line 12", "line 16"], found
    assert "`options={}` in `def walk`" in found[1] and "`path=[]` in `def walk`" in found[2]
    assert "class Net: one object shared by every Net" in found[3] and "`global seen` in `__init__`" in found[4]
    assert state.culprits("def f(:\n") == []


def test_a_query_is_asked_twice_when_checks_run_together():
    steps = Steps()
    p = steps.call("module.Perceptron", ("w", 1.0), ("b", 0.0), callee="Perceptron")
    steps.send(steps.call(f"{p}.run", ("x", 1.0)))
    probe = Probe("Perceptron(1, 0).run(1)", steps, Rule("label", "run"), 1)
    together = state.interleaved([probe, probe], queries=("run",))
    calls = [step[2] for step in together.steps.steps if step[0] == "call"]
    assert calls == ["module.Perceptron", "module.Perceptron", "s1v1.run", "s1v1.run", "s0v1.run", "s0v1.run"]
    assert together.call.endswith("run called twice")


def test_the_lines_where_a_query_changes_its_object_are_found_and_a_kept_result_is_not():
    source = ("class Net:\n    def run(self, X):\n        self.z = X @ self.W\n        self.W = self.W * 2\n"
              "        self.b += 1\n        self.layers[0] = X\n        self.seen.append(X)\n        me = self\n"
              "        return self.z\n\n    def train(self, X):\n        self.W = self.W - 1\n")
    assert queries.query_lines(source, ("run",)) == [
        (4, "self.W = self.W * 2"), (5, "self.b += 1"), (6, "self.layers[0] = X"), (7, "self.seen.append(X)")]
    assert queries.query_lines(source, ()) == [] and not queries.self_changing("def f(:\n", ("run",))
    assert not queries.self_changing("class Net:\n    def run(self, X):\n        self.z = X\n", ("run",))


def test_reading_the_object_back_before_and_after_a_query_tells_a_change_from_none():
    steps = Steps()
    p = steps.call("module.NeuralNetwork", ("n_inputs", 1), callee="NeuralNetwork")
    steps.set(f"{p}.W", np.array([[1.0, 2.0]]))
    steps.send(steps.call(f"{p}.run", ("X", np.ones((1, 1)))))
    probe = queries.left_alone(Probe("net.run(X)", steps, Rule("array", "run"), 0), "run", ("W", "b"))
    assert [step[0] for step in probe.steps.steps] == ["call", "set", "get", "get", "send", "send", "call", "get",
                                                      "get", "send", "send"]
    W, b = np.array([[1.0, 2.0]]), [np.zeros(2)]
    assert probe.problem((W, b, [[1.0, 2.0]], (np.zeros(2),))) is None  # lists and tuples of the same numbers
    assert probe.problem((W, b, W + 0.5, b)).text == (".W changed: after one run it no longer holds the numbers it "
                                                      "held before.")
    assert probe.problem((W, b, W, [np.zeros(3)])).text.startswith(".b changed")
    assert probe.problem((W, b, "W", b)) is not None
