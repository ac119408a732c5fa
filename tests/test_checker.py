"""The exercise checker: reference solutions pass, typical mistakes get their hint, broken files
get clear reports, and the stubs copy and fail the way a learner first meets them.

Each check runs the learner's file in a fresh process (about 0.3 s), so the files are graded
once per module, several side by side, and the tests read the results.
"""

import ast
import contextlib
import importlib.resources
import io
import json
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from glassnet.checker import EXERCISES, LESSONS, CheckResult, check, check_all, copy_exercises
from glassnet.cli.exercises import format_result, main_check, main_exercises

SOLUTIONS = Path(__file__).parent / "exercise_solutions"
WRONG = SOLUTIONS / "wrong"
BROKEN = SOLUTIONS / "broken"

# Each typical mistake, by file in wrong/ (EXERCISE__what_is_wrong.py), and what the report must say.
WRONG_CASES = {
    "perceptron_1d__bias_forgotten": r"did you forget the bias\? Without it w·x = 0\.4; with it w·x \+ b = -0\.6",
    "perceptron_1d__flipped_comparison": r"expected class 1, got 0[\s\S]*direction of the comparison",
    "perceptron_1d__ge_on_boundary": r"exactly on the boundary \(w·x \+ b = 0\)[\s\S]*use > 0, not >= 0",
    "perceptron_1d__returns_raw_value": r"run returned 0\.4; expected the class, 0 or 1",
    "perceptron_1d__wrong_attribute_names": r"no attribute weight or bias[\s\S]*self\.weight = w",
    "perceptron_nd__bias_forgotten": r"did you forget the bias\?",
    "perceptron_nd__dot_breaks_batches": r"shapes \(2,\) and \(5,2\) not aligned[\s\S]*X @ self\.weight",
    "perceptron_nd__ge_on_boundary": r"use > 0, not >= 0",
    "perceptron_nd__products_not_summed": r"array of shape \(2,\); expected one label[\s\S]*add the products up",
    "perceptron_train__bias_folded_into_w": r"expected a pair \(w, b\)[\s\S]*`return w, b`",
    "perceptron_train__bias_not_updated": r"b must learn too: b ← b \+ η \(y − f\(x\)\)",
    "perceptron_train__ge_in_training": r"training must use run's rule",
    "perceptron_train__ignores_learning_rate": r"learning_rate=0\.5[\s\S]*scale each update by the learning rate",
    "perceptron_train__sign_error": r"the update's sign is flipped",
    "activations__fn_not_static": r"ReLU\.fn is not a static method[\s\S]*put @staticmethod on the line above",
    "activations__relu_python_max": r"truth value of an array[\s\S]*line 32 in fn: return max\(0, z\)",
    "activations__sigmoid_overflows": (
        r"Sigmoid\.fn\(np\.array\(\[-1000\.0, 0\.0, 1000\.0\]\)\)[\s\S]*"
        r"RuntimeWarning: overflow encountered in exp[\s\S]*"
        r"sigmoid of a large negative number overflowed: rewrite it so exp never sees a large positive"
    ),
    "activations__sigmoid_prime_of_z": r"Sigmoid\.prime[\s\S]*the derivative of the wrong function",
    "activations__sigmoid_sign_error": r"that is σ\(−z\)",
    "activations__tanh_prime_not_squared": r"square it: tanh'\(z\) = 1 − tanh\(z\)²",
    "one_layer__bias_forgotten": r"did you forget the bias\?",
    "one_layer__fixed_sigmoid": r"use the activation given to __init__ \(here Tanh\)",
    "one_layer__no_activation": r"apply the activation",
    "one_layer__w_times_x": r"ValueError: matmul[\s\S]*compute x @ self\.W \+ self\.b, not self\.W @ x",
    "one_layer__w_transposed": r"\.W has shape \(2, 3\); expected \(3, 2\)",
    "two_layer__biases_forgotten": r"did you forget the bias\?",
    "two_layer__hidden_not_activated": r"the hidden layer needs its activation too",
    "two_layer__only_first_layer": r"shape \(5, 4\); expected shape \(5, 2\)[\s\S]*through both layers",
    "two_layer__weights_transposed": r"weights\[0\] has shape \(4, 3\); expected \(3, 4\)",
    "losses__cross_entropy_one_term": r"both terms: y ln a \+ \(1 − y\) ln\(1 − a\)",
    "losses__cross_entropy_without_minus": r"got -0\.42[\s\S]*the sign",
    "losses__derivative_divided_by_n": r"do not divide by n here",
    "losses__mse_mean_over_all_entries": r"np\.mean over every entry also divides by k",
    "losses__mse_without_half": r"expected 0\.06333333333, got 0\.1266666667[\s\S]*forget the 1/2 in 1/\(2n\)\?",
    "losses__no_clipping": r"divide by zero encountered in log[\s\S]*np\.clip\(a, 1e-12, 1 - 1e-12\)",
    "descent__no_learning_rate": r"scale each step by the learning rate",
    "descent__one_step_too_many": r"the path has 5 points; expected 4[\s\S]*one step too many",
    "descent__path_without_x0": r"differs at index 0: expected 4\.0, got 3\.96[\s\S]*starts with x0",
    "descent__returns_last_point": r"returned one number; expected the whole path",
    "descent__sign_error": r"got 4\.04[\s\S]*step downhill",
    "backprop__bp1_without_sigma_prime": r"BP1, delta_L = \(A_L − Y\) ⊙ σ'\(Z_L\)",
    "backprop__bp2_without_transpose": r"ValueError: matmul[\s\S]*BP2 multiplies delta by Wᵀ",
    "backprop__bp3_summed": r"layer 0: dC/dW \S+e-1\d   dC/db 6\.0e-01[\s\S]*BP3 averages over the batch",
    "backprop__bp4_not_averaged": r"layer 1: dC/dW 6\.0e-01[\s\S]*BP4 averages over the batch",
    "backprop__sign_error": r"dC/dW 1\.0e\+00[\s\S]*every gradient has the wrong sign",
    "xor__gradient_ascent": r"misclassified[\s\S]*moves against the gradient",
    "xor__no_hidden_layer": r"no hidden layer[\s\S]*XOR needs a hidden layer",
    "xor__too_few_epochs": r"outputs are all near 0\.5",
    "xor__weights_transposed": r"weights\[0\] has shape \(3, 2\).*transposed",
}


def _grade(pairs, timeout=10.0):
    """check() for each (exercise, file), several processes at once; results in order."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda pair: check(*pair, timeout=timeout), pairs))


@pytest.fixture(scope="module")
def reference_run():
    """`glassnet check --all exercise_solutions --json`: its exit code and what it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main_check(None, None, all_dir=str(SOLUTIONS), as_json=True)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def reference_results(reference_run):
    return {entry["exercise"]: CheckResult(**entry) for entry in json.loads(reference_run[1])}


@pytest.fixture(scope="module")
def wrong_results():
    stems = sorted(WRONG_CASES)
    results = _grade([(stem.split("__")[0], WRONG / f"{stem}.py") for stem in stems])
    return dict(zip(stems, results, strict=True))


@pytest.fixture(scope="module")
def stub_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("my-work")
    copy_exercises(folder)
    return folder


@pytest.fixture(scope="module")
def stub_results(stub_folder):
    return {result.exercise: result for result in check_all(stub_folder)}


# --- the exercises ----------------------------------------------------------------------------


def test_the_ten_exercises_in_the_tracks_order():
    assert EXERCISES == ("perceptron_1d", "perceptron_nd", "perceptron_train", "activations", "one_layer",
                         "two_layer", "losses", "descent", "backprop", "xor")
    assert [LESSONS[name][:2] for name in EXERCISES] == ["01", "01", "01", "02", "02", "03", "04", "05",
                                                          "06", "07"]


@pytest.mark.parametrize("name", EXERCISES)
def test_each_stub_states_the_exercise_and_imports_only_numpy(name):
    source = (importlib.resources.files("glassnet.exercises") / f"{name}.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstring = ast.get_docstring(tree)
    assert docstring.startswith(f"Exercise {name}: ")
    assert f"Lesson: {LESSONS[name]}." in docstring
    assert f"glassnet check {name} {name}.py" in docstring
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported <= ({"numpy", "backprop"} if name == "xor" else {"numpy"})
    # Every body the learner writes is a stub that names the exercise.
    raises = re.findall(r'raise NotImplementedError\("([^"]+)"\)', source)
    assert raises and all(message.startswith(f"{name}: write ") for message in raises)


# --- reference solutions pass ------------------------------------------------------------------


@pytest.mark.parametrize("name", EXERCISES)
def test_reference_solution_passes(reference_results, name):
    result = reference_results[name]
    assert (result.passed, result.status, result.failure) == (True, "passed", None), result.message
    assert result.cases_passed == result.cases_total >= 4
    assert result.message == f"all {result.cases_total} checks pass"
    assert format_result(result).startswith(f"✓ {name}: all ")


# --- typical mistakes fail with the hint they need ----------------------------------------------


def test_every_wrong_solution_is_listed_and_each_exercise_has_at_least_three():
    on_disk = {path.stem for path in WRONG.glob("*.py")}
    assert on_disk == set(WRONG_CASES)
    per_exercise = {name: sum(stem.startswith(f"{name}__") for stem in on_disk) for name in EXERCISES}
    assert min(per_exercise.values()) >= 3, per_exercise


@pytest.mark.parametrize("stem", sorted(WRONG_CASES))
def test_wrong_solution_fails_with_its_hint(wrong_results, stem):
    result = wrong_results[stem]
    exercise = stem.split("__")[0]
    assert (result.exercise, result.passed, result.status) == (exercise, False, "failed"), result.message
    assert re.search(WRONG_CASES[stem], result.message), result.message
    assert f"(lesson {LESSONS[exercise]})" in result.message  # every hint points at its lesson
    assert 0 <= result.cases_passed < result.cases_total


def test_a_failure_names_the_call_input_expected_got_and_first_index(wrong_results):
    result = wrong_results["activations__sigmoid_sign_error"]
    assert result.failure["call"] == "Sigmoid.fn(np.array([-2.0, 0.0, 3.0]))"
    assert result.failure["input"] == "z = [-2.0, 0.0, 3.0]"
    assert result.failure["expected"] == "[0.119202922, 0.5, 0.9525741268]"
    assert result.failure["got"] == "[0.880797078, 0.5, 0.04742587318]"
    assert result.failure["problem"] == "the result differs at index 0: expected 0.119202922, got 0.880797078."
    # The three structure checks (one per class) passed before the first value case failed.
    assert (result.cases_passed, result.cases_total) == (3, 13)
    lines = format_result(result).splitlines()
    assert lines[0] == f"✗ activations: check 4 of 13 failed ({result.file})"
    assert lines[1] == "    call:     Sigmoid.fn(np.array([-2.0, 0.0, 3.0]))"


def test_backprop_is_graded_by_central_differences_with_the_relative_error(wrong_results):
    message = wrong_results["backprop__bp4_not_averaged"].message
    # Without the 1/n, every dC/dW is n = 4 times too large: ‖4g − g‖ / (‖4g‖ + ‖g‖) = 3/5.
    assert re.search(r"layer 0: dC/dW 6\.0e-01   dC/db \d\.\de-1\d", message), message
    assert "relative error against central differences" in message
    assert "rng = np.random.default_rng(0)" in message  # how to rebuild the failing network


def test_a_shape_error_points_at_the_learners_line(wrong_results):
    failure = wrong_results["backprop__bp2_without_transpose"].failure
    assert failure["where"] == "line 25 in backprop: delta = (delta @ weights[l]) * s * (1 - s)"
    assert failure["error"].startswith("ValueError: matmul: Input operand 1 has a mismatch")


# --- broken files get clear reports -----------------------------------------------------------


def test_a_syntax_error_is_reported_with_its_line():
    result = check("perceptron_1d", BROKEN / "syntax_error.py")
    assert (result.passed, result.status, result.cases_passed) == (False, "error", 0)
    assert result.message.startswith("your file could not be imported")
    assert result.failure["error"] == "SyntaxError: expected ':'"
    assert result.failure["where"] == "line 9: def run(self, x)"


def test_code_that_never_returns_is_stopped_at_the_time_limit():
    start = time.perf_counter()
    result = check("perceptron_1d", BROKEN / "infinite_loop.py", timeout=2)
    elapsed = time.perf_counter() - start
    assert (result.passed, result.status) == (False, "timeout")
    assert ("your code did not finish within 2 s: look for a loop that never ends "
            "(e.g. a while whose condition never becomes false)") in result.message
    assert result.failure["call"] == "Perceptron(2.0, -1.0).run(0.7)"  # the call that never returned
    assert 2 <= elapsed < 8  # the worker stops itself at 2 s; the parent would kill it at 4.5 s


def test_code_that_catches_the_alarm_is_killed_by_the_parent(tmp_path):
    stubborn = tmp_path / "perceptron_1d.py"
    stubborn.write_text(
        "import time\n\n\nclass Perceptron:\n    def __init__(self, w, b):\n        self.weight, self.bias = w, b\n\n"
        "    def run(self, x):\n        while True:\n            try:\n                time.sleep(0.05)\n"
        "            except BaseException:\n                pass\n"
    )
    result = check("perceptron_1d", stubborn, timeout=0.5)
    assert (result.passed, result.status) == (False, "timeout")
    assert "did not finish within 0.5 s" in result.message


def test_an_error_on_import_is_reported_with_the_learners_line():
    result = check("perceptron_1d", BROKEN / "raises_on_import.py")
    assert (result.passed, result.status) == (False, "error")
    assert result.failure["error"] == "KeyError: 'b'"
    assert result.failure["where"] == 'line 4 in <module>: BIAS = WEIGHTS["b"]'
    assert "runs as soon as the file is loaded" in result.failure["hint"]


def test_exit_calls_and_prints_in_the_learners_file(tmp_path):
    (tmp_path / "exits").mkdir()
    exits = tmp_path / "exits" / "perceptron_1d.py"
    exits.write_text("import sys\n\nsys.exit('done')\n")
    crashes = tmp_path / "crashes.py"
    crashes.write_text("import os\n\nos._exit(3)\n")
    chatty = tmp_path / "perceptron_1d.py"
    chatty.write_text(  # prints, even a fake report line, and forgets the bias
        "print('@@glassnet-check@@ {\"status\": \"passed\"}')\n\n\nclass Perceptron:\n"
        "    def __init__(self, w, b):\n        self.weight, self.bias = w, b\n\n"
        "    def run(self, x):\n        print('run', x)\n        return int(self.weight * x > 0)\n"
    )
    exited, crashed, printed = _grade([("perceptron_1d", exits), ("perceptron_1d", crashes),
                                       ("perceptron_1d", chatty)])
    assert exited.status == "error" and "called exit() or sys.exit()" in exited.message
    assert crashed.status == "error" and "stopped before it could report (exit code 3)" in crashed.message
    assert printed.status == "failed" and "did you forget the bias?" in printed.message
    assert "your code printed (last lines):\n  @@glassnet-check@@" in printed.message
    assert printed.message.endswith("  run 0.7\n  run 0.2")


# --- the stubs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXERCISES)
def test_each_stub_fails_with_the_not_implemented_error_naming_it(stub_results, name):
    result = stub_results[name]
    assert (result.passed, result.status) == (False, "failed")
    assert re.search(rf"NotImplementedError: {name}: write \w+", result.message), result.message
    assert "this part is still the stub" in result.message


def test_copy_exercises_copies_all_ten_and_never_overwrites_unasked(tmp_path):
    dest = tmp_path / "new" / "my-work"
    written = copy_exercises(dest)
    assert written == [dest / f"{name}.py" for name in EXERCISES]
    stub = (dest / "losses.py").read_text(encoding="utf-8")
    (dest / "losses.py").write_text("# my work\n")
    assert copy_exercises(dest) == []
    assert (dest / "losses.py").read_text() == "# my work\n"
    assert copy_exercises(dest, overwrite=True) == written
    assert (dest / "losses.py").read_text(encoding="utf-8") == stub


def test_copy_exercises_refuses_a_file_as_the_folder(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("x")
    with pytest.raises(ValueError, match=r"notes\.txt is a file; give a folder"):
        copy_exercises(target)


def test_main_exercises_says_what_was_copied_and_what_to_do_next(tmp_path, capsys):
    dest = tmp_path / "my-work"
    (dest / "perceptron_1d.py").parent.mkdir()
    (dest / "perceptron_1d.py").write_text("# started\n")
    assert main_exercises(str(dest)) == 0
    out = capsys.readouterr().out
    assert f"Copied 9 exercise file(s) into {dest}:" in out
    assert "Kept 1 file(s) you already have there: perceptron_1d.py." in out
    assert f"glassnet check perceptron_1d {dest / 'perceptron_1d.py'}" in out


# --- check --all, --json and the errors of the command line --------------------------------------


def test_check_all_json_on_the_reference_solutions(reference_run):
    code, printed = reference_run
    assert code == 0
    entries = json.loads(printed)
    assert [entry["exercise"] for entry in entries] == list(EXERCISES)
    assert all(entry["passed"] and entry["status"] == "passed" for entry in entries)
    assert set(entries[0]) == {"exercise", "file", "passed", "message", "cases_passed", "cases_total",
                               "status", "failure"}


def test_check_all_lists_missing_files_and_grades_those_found(tmp_path, capsys):
    shutil.copy(SOLUTIONS / "descent.py", tmp_path / "descent.py")
    shutil.copy(WRONG / "losses__mse_without_half.py", tmp_path / "losses.py")
    results = check_all(tmp_path)
    assert [r.exercise for r in results] == list(EXERCISES)
    assert [r.status for r in results] == ["missing"] * 6 + ["failed", "passed"] + ["missing"] * 2
    assert results[0].message == f"not found: there is no {tmp_path / 'perceptron_1d.py'}"
    assert not results[0].passed
    assert main_check(None, None, all_dir=str(tmp_path)) == 1  # losses.py fails
    out = capsys.readouterr().out
    assert "✓ descent: all 6 checks pass" in out
    assert "✗ xor: not found" in out
    assert out.rstrip().endswith("1 of 2 exercise files pass; not found: perceptron_1d.py, perceptron_nd.py, "
                                 "perceptron_train.py, activations.py, one_layer.py, two_layer.py, "
                                 "backprop.py, xor.py.")
    # Files that are not there do not fail the run; an empty folder does.
    (tmp_path / "losses.py").unlink()
    assert main_check(None, None, all_dir=str(tmp_path)) == 0
    (tmp_path / "descent.py").unlink()
    assert main_check(None, None, all_dir=str(tmp_path)) == 1
    assert "No exercise files found in" in capsys.readouterr().out


def test_main_check_one_file_prints_the_report_and_returns_1(capsys):
    assert main_check("perceptron_1d", str(WRONG / "perceptron_1d__bias_forgotten.py")) == 1
    out = capsys.readouterr().out
    assert out.startswith("✗ perceptron_1d: check 4 of 8 failed")
    assert "did you forget the bias?" in out


def test_an_unknown_exercise_name_is_a_value_error(tmp_path):
    expected = ("Unknown exercise 'perceptron'; choose one of: perceptron_1d, perceptron_nd, "
                "perceptron_train, activations, one_layer, two_layer, losses, descent, backprop, xor.")
    with pytest.raises(ValueError, match=re.escape(expected)):
        check("perceptron", SOLUTIONS / "perceptron_1d.py")
    with pytest.raises(ValueError, match=re.escape(expected)):
        main_check("perceptron", str(SOLUTIONS / "perceptron_1d.py"))


def test_missing_paths_and_arguments_are_value_errors(tmp_path):
    with pytest.raises(ValueError, match=r"No file at .*nothing\.py; give the path of your losses\.py"):
        check("losses", tmp_path / "nothing.py")
    with pytest.raises(ValueError, match=r"No folder at .*absent; give the folder you copied"):
        check_all(tmp_path / "absent")
    with pytest.raises(ValueError, match=r"Give the exercise and your file"):
        main_check("losses", None)
    with pytest.raises(ValueError, match=r"timeout must be > 0, got 0"):
        check("losses", SOLUTIONS / "losses.py", timeout=0)


def test_result_to_dict_round_trips_through_json():
    result = CheckResult("xor", "xor.py", False, "check 2 of 4 failed\ncall:     train_xor(seed=0)",
                         1, 4, "failed", {"stage": "case", "case": 2})
    data = json.loads(json.dumps(result.to_dict()))
    assert CheckResult(**data) == result
    assert format_result(result) == "✗ xor: check 2 of 4 failed (xor.py)\n    call:     train_xor(seed=0)"
