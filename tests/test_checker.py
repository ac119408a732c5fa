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
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from glassnet.checker import EXERCISES, LESSONS, CheckResult, check, check_all, copy_exercises
from glassnet.cli import main as cli_main
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
    "saturation__count_not_share": r"share of the entries \(a number from 0 to 1\)",
    "saturation__threshold_without_peak": r"threshold times the peak 1/4",
    "saturation__tests_z_not_slope": r"not\s+on \|z\|",
    "loss_at_init__log10": r"np\.log, not np\.log10",
    "loss_at_init__sigmoid_one_ln2": r"each of the k outputs adds ln 2",
    "loss_at_init__mse_without_half": r"a 1/2 in front",
    "loss_at_init__mean_square_not_variance": r"subtract each column's mean first",
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
    # Arguments changed in place (the values returned are right).
    "activations__relu_zeroes_input_in_place": r"`ReLU\.fn` changed its argument `z` in place[\s\S]*not yours",
    "backprop__y_minus_a_in_place": r"`backprop` changed its argument `Y` in place[\s\S]*Y -= A overwrites",
    "backprop__weights_reversed": r"`backprop` changed its argument `weights` in place[\s\S]*list\.reverse\(\)",
    "backprop__biases_rebound": r"`backprop` changed its argument `biases` in place",
    # Return types the stubs state.
    "perceptron_1d__returns_bool": r"run returned True, a bool; expected the int 1",
    "perceptron_1d__returns_float": r"run returned 1\.0, a float; expected the int 1",
    "perceptron_nd__batch_as_list": r"run\(X\) returned a Python list; the stub asks for a numpy array of labels",
    # Off by one, and the value at a kink.
    "perceptron_train__one_epoch_too_many": (r"max_epochs=2\)[\s\S]*one epoch too many: this is the result after "
                                             r"3 epochs; stop after max_epochs = 2"),
    "activations__relu_prime_one_at_zero": (r"ReLU\.prime\(np\.array\(\[-2\.0, -0\.5, 0\.0, 0\.5, 3\.0\]\)\)[\s\S]*"
                                            r"differs at index 2: expected 0\.0, got 1\.0[\s\S]*"
                                            r"the exercise uses 0 there"),
    "backprop__bp2_without_sigma_prime": r"the output layer is right but an earlier one is not: check BP2",
    # xor's causes named.
    "xor__zero_start": r"every hidden neuron has the same weights[\s\S]*symmetry is never broken",
    "xor__only_last_layer": r"the hidden layer's weights never moved from their start[\s\S]*Update every layer",
}

FORGED = SOLUTIONS / "forged"
# Each forgery (EXERCISE__how.py) passed as "all checks pass" before the checker judged values itself.
FORGED_CASES = {
    "perceptron_1d__patches_run_case": ("failed", r"your file imports glassnet; the exercise is for your own code"),
    "perceptron_1d__patches_the_worker": ("error", r"the check stopped before it could report"),
    "perceptron_1d__atexit_marker": ("failed", r"failed at check 2 of 8[\s\S]*no attribute weight or bias"),
    "perceptron_1d__os_write_exit": ("error", r"the worker ended \(exit code 0\) before every check had run"),
    "perceptron_1d__writes_every_fd": ("error", r"something other than the checker wrote to the checker's results"),
    "activations__patches_isclose": ("failed", r"failed at check 4 of 14[\s\S]*that is σ\(−z\)"),
    "activations__imports_glassnet": ("failed", r"write your own ReLU, Sigmoid, Tanh: your file takes them from "
                                                r"glassnet\.\nwhere:    line 3: from glassnet\.activations import"),
    "activations__imports_glassnet_hidden": ("failed", r"write your own Sigmoid: yours is glassnet's "
                                                       r"\(glassnet\.activations\.Sigmoid\)"),
    "activations__seterr_hidden": ("failed", r"failed at check 4 of 14[\s\S]*your code switched numpy's warnings "
                                             r"off while it ran"),
    "activations__seterr_ignore": ("failed", r"switches warnings off \(seterr\)[\s\S]*line 5: np\.seterr"),
    "activations__errstate_inside_fn": ("failed", r"switches warnings off \(errstate\)[\s\S]*"
                                                  r"line 9: with np\.errstate"),
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
def forged_results():
    stems = sorted(FORGED_CASES)
    results = _grade([(stem.split("__")[0], FORGED / f"{stem}.py") for stem in stems])
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


def test_the_twelve_exercises_in_the_tracks_order():
    assert EXERCISES == ("perceptron_1d", "perceptron_nd", "perceptron_train", "activations", "one_layer",
                         "two_layer", "losses", "descent", "backprop", "xor", "saturation", "loss_at_init")
    assert [LESSONS[name][:2] for name in EXERCISES] == ["01", "01", "01", "02", "02", "03", "04", "05",
                                                          "06", "07", "08", "08"]


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
    assert (result.cases_passed, result.cases_total) == (3, 14)
    lines = format_result(result).splitlines()
    assert lines[0] == f"✗ activations: failed at check 4 of 14 ({result.file})"
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
    assert crashed.status == "error" and "the worker ended (exit code 3) before every check had run" in crashed.message
    assert printed.status == "failed" and "did you forget the bias?" in printed.message
    assert "your code printed (last lines):\n  @@glassnet-check@@" in printed.message
    assert "  run 0.7\n  run 0.2\n" in printed.message  # what the learner's code printed, in order


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
    assert f"Copied {len(EXERCISES) - 1} exercise file(s) into {dest}:" in out
    assert "Kept 1 file(s) you already have there: perceptron_1d.py." in out
    assert f"glassnet check {dest / 'perceptron_1d.py'}" in out


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
    assert [r.status for r in results] == ["missing"] * 6 + ["failed", "passed"] + ["missing"] * 4
    assert results[0].message == f"not found: there is no {tmp_path / 'perceptron_1d.py'}"
    assert not results[0].passed
    assert main_check(None, None, all_dir=str(tmp_path)) == 1  # losses.py fails
    out = capsys.readouterr().out
    assert "✓ descent: all 6 checks pass" in out
    assert "✗ xor: not found" in out
    assert out.rstrip().endswith("1 of 2 exercise files pass; not found: perceptron_1d.py, perceptron_nd.py, "
                                 "perceptron_train.py, activations.py, one_layer.py, two_layer.py, "
                                 "backprop.py, xor.py, saturation.py, loss_at_init.py.")
    # Files that are not there do not fail the run; an empty folder does.
    (tmp_path / "losses.py").unlink()
    assert main_check(None, None, all_dir=str(tmp_path)) == 0
    (tmp_path / "descent.py").unlink()
    assert main_check(None, None, all_dir=str(tmp_path)) == 1
    assert "No exercise files found in" in capsys.readouterr().out


def test_main_check_one_file_prints_the_report_and_returns_1(capsys):
    assert main_check("perceptron_1d", str(WRONG / "perceptron_1d__bias_forgotten.py")) == 1
    out = capsys.readouterr().out
    assert out.startswith("✗ perceptron_1d: failed at check 4 of 8")
    assert "did you forget the bias?" in out


def test_an_unknown_exercise_name_is_a_value_error(tmp_path):
    expected = ("Unknown exercise 'perceptron'; choose one of: perceptron_1d, perceptron_nd, "
                "perceptron_train, activations, one_layer, two_layer, losses, descent, backprop, xor, saturation, "
                "loss_at_init.")
    with pytest.raises(ValueError, match=re.escape(expected)):
        check("perceptron", SOLUTIONS / "perceptron_1d.py")
    with pytest.raises(ValueError, match=re.escape(expected)):
        main_check("perceptron", str(SOLUTIONS / "perceptron_1d.py"))


def test_missing_paths_and_arguments_are_value_errors(tmp_path):
    with pytest.raises(ValueError, match=r"No file at .*nothing\.py; give the path of your losses\.py"):
        check("losses", tmp_path / "nothing.py")
    with pytest.raises(ValueError, match=r"No folder at .*absent; give the folder you copied"):
        check_all(tmp_path / "absent")
    with pytest.raises(ValueError, match=r"Give your file \(glassnet check my-work/perceptron_1d\.py\), the exercise"):
        main_check("losses", None)
    with pytest.raises(ValueError, match=r"timeout must be > 0, got 0"):
        check("losses", SOLUTIONS / "losses.py", timeout=0)


def test_result_to_dict_round_trips_through_json():
    result = CheckResult("xor", "xor.py", False, "failed at check 2 of 4\ncall:     train_xor(seed=0)",
                         1, 4, "failed", {"stage": "case", "case": 2})
    data = json.loads(json.dumps(result.to_dict()))
    assert CheckResult(**data) == result
    assert format_result(result) == "✗ xor: failed at check 2 of 4 (xor.py)\n    call:     train_xor(seed=0)"


# --- the verdict is the checker's: forgeries fail ----------------------------------------------


def test_every_forgery_is_listed():
    assert {path.stem for path in FORGED.glob("*.py")} == set(FORGED_CASES)


@pytest.mark.parametrize("stem", sorted(FORGED_CASES))
def test_a_forged_solution_never_passes(forged_results, stem):
    result = forged_results[stem]
    status, pattern = FORGED_CASES[stem]
    assert (result.passed, result.status) == (False, status), result.message
    assert re.search(pattern, result.message), result.message


def test_the_checker_never_imports_the_learners_file(tmp_path):
    witness = tmp_path / "imported_by.txt"
    learner = tmp_path / "perceptron_1d.py"
    learner.write_text(f"import os\n\nwith open({str(witness)!r}, 'a') as f:\n    f.write(str(os.getpid()) + '\\n')\n\n"
                       + (SOLUTIONS / "perceptron_1d.py").read_text())
    assert check("perceptron_1d", learner).passed
    pids = witness.read_text().split()
    assert len(pids) == 1 and int(pids[0]) != os.getpid()  # run once, in the worker only


# --- limits: memory, output, time, children -----------------------------------------------------


def test_memory_beyond_the_limit_is_stopped_and_named():
    result = check("perceptron_1d", BROKEN / "memory_hog.py", memory_mib=512)
    assert (result.passed, result.status) == (False, "failed")
    assert result.failure["problem"] == "your code ran out of memory"
    assert result.failure["error"].startswith("MemoryError")
    assert "more memory than the check allows (512 MiB)" in result.message
    assert "glassnet check --memory MIB" in result.message


def test_endless_output_is_captured_with_a_cap_and_its_tail_shown():
    errors, prints = _grade([("perceptron_1d", BROKEN / "endless_stderr.py"),
                             ("perceptron_1d", BROKEN / "endless_stdout.py")], timeout=1)
    assert (errors.status, errors.failure["call"]) == ("timeout", "(importing your file)")
    assert (prints.status, prints.failure["call"]) == ("timeout", "Perceptron(2.0, -1.0).run(0.7)")
    for result, words in ((errors, "debug debug"), (prints, "still thinking about 0")):
        assert re.search(r"your code printed \(last lines; cut, \d+ bytes in all\):", result.message)
        assert words in "\n".join(result.message.splitlines()[-2:])  # the end of what it printed
        assert len(result.message) < 6000  # the tail, not everything


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())  # a zombie is gone too


def test_no_process_started_by_the_learners_code_survives_the_check(tmp_path):
    pid_file = tmp_path / "child.pid"
    learner = tmp_path / "perceptron_1d.py"
    learner.write_text("import subprocess\n\n"
                       "child = subprocess.Popen(['sleep', '40'])\n"
                       f"open({str(pid_file)!r}, 'w').write(str(child.pid))\n\n"
                       + (SOLUTIONS / "perceptron_1d.py").read_text())
    result = check("perceptron_1d", learner, timeout=30)
    assert result.passed, result.message  # the child holding the output open is not waited for
    assert not _alive(int(pid_file.read_text()))


def test_a_nul_byte_gets_a_clear_message(tmp_path):
    learner = tmp_path / "perceptron_1d.py"
    learner.write_bytes(b"class Perceptron:\n    def __init__(self, w, b):\n    \x00    self.weight = w\n")
    result = check("perceptron_1d", learner)
    assert (result.passed, result.status) == (False, "error")
    assert result.message.startswith("your file could not be read\nproblem:  your file contains a NUL byte "
                                      "(line 3, column 5)")


@pytest.mark.parametrize(("timeout", "message"), [(1e300, "timeout must be <= 3600"), (float("nan"), "timeout must "
                         "be finite"), (-1, "timeout must be > 0"), (float("inf"), "timeout must be finite")])
def test_the_time_limit_is_validated(timeout, message):
    with pytest.raises(ValueError, match=message):
        check("losses", SOLUTIONS / "losses.py", timeout=timeout)


def test_the_memory_limit_is_validated():
    with pytest.raises(ValueError, match=r"memory \(MiB\) must be >= 256, got 100"):
        check("losses", SOLUTIONS / "losses.py", memory_mib=100)


def test_check_limits_on_the_command_line_are_one_line_errors(capsys):
    assert cli_main(["check", "--timeout", "1e300", str(SOLUTIONS / "losses.py")]) == 2
    assert capsys.readouterr().err == "glassnet: error: timeout must be <= 3600.0, got 1e+300.\n"
    assert cli_main(["check", "--memory", "100", str(SOLUTIONS / "losses.py")]) == 2
    assert capsys.readouterr().err == "glassnet: error: memory (MiB) must be >= 256, got 100.\n"


def test_ctrl_c_on_check_all_ends_every_worker_at_once(tmp_path):
    started = tmp_path / "started"
    work = tmp_path / "my-work"
    work.mkdir()
    (work / "perceptron_1d.py").write_text(
        f"import os\nimport time\n\nopen({str(started)!r}, 'w').write(str(os.getpid()))\n"
        "while True:\n    time.sleep(0.01)\n")
    shutil.copy(SOLUTIONS / "losses.py", work / "losses.py")
    proc = subprocess.Popen([sys.executable, "-m", "glassnet.cli", "check", "--all", str(work), "--timeout", "60"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(600):  # wait for the worker to run the learner's code
            if started.exists() and started.read_text():
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=5)  # a bounded wait: the check ends now, not after 60 s
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert err.strip() == "glassnet: check interrupted; every running check was stopped."
    assert not _alive(int(started.read_text()))


# --- presentation -----------------------------------------------------------------------------


def test_a_long_value_is_shown_around_its_first_difference(tmp_path):
    learner = tmp_path / "descent.py"
    learner.write_text(
        "def gradient_descent(df, x0, learning_rate, precision, max_iters):\n    path = [x0]\n"
        "    for i in range(max_iters):\n        step = learning_rate * df(path[-1])\n"
        "        path.append(path[-1] - step + (1e-3 if i == 29 else 0.0))\n        if abs(step) <= precision:\n"
        "            break\n    return path\n")
    result = check("descent", learner)
    assert result.failure["problem"].startswith("the path differs at index 30: ")
    assert re.fullmatch(r"\[\.\.\., (\S+, ){3}\S+ \(index 30\), (\S+, ){3}\.\.\.\]   \(\d+ numbers\)",
                        result.failure["got"]), result.failure["got"]
    assert "(index 30)" in result.failure["expected"]


def test_the_exercise_is_inferred_from_the_file_name(tmp_path, capsys):
    mine = tmp_path / "my-work"
    mine.mkdir()
    shutil.copy(SOLUTIONS / "perceptron_1d.py", mine / "perceptron_1d.py")
    assert main_check(str(mine / "perceptron_1d.py"), None) == 0
    assert capsys.readouterr().out.startswith("✓ perceptron_1d: all 8 checks pass")
    with pytest.raises(ValueError, match=r"Cannot tell which exercise notes\.py is: its name is not one of "
                                         r"perceptron_1d\.py, .*Name it: glassnet check EXERCISE"):
        main_check(str(mine / "notes.py"), None)


def test_check_all_lists_the_files_it_ignored(tmp_path, capsys):
    shutil.copy(SOLUTIONS / "descent.py", tmp_path / "descent.py")
    (tmp_path / "notes.py").write_text("x = 1\n")
    (tmp_path / "one_layer_v2.py").write_text("x = 1\n")
    assert main_check(None, None, all_dir=str(tmp_path)) == 0
    assert capsys.readouterr().out.rstrip().endswith(
        "Not graded (not an exercise's name): notes.py, one_layer_v2.py. To check one, name its exercise: "
        "glassnet check EXERCISE FILE.")


def test_xor_says_to_check_backprop_first_when_it_fails_its_own_check():
    folders = SOLUTIONS / "xor_folders"
    for folder in sorted(folders.iterdir()):
        result = check("xor", folder / "xor.py")
        assert not result.passed, folder.name
        assert result.failure["hint"].startswith(
            f"first run `glassnet check backprop {folder / 'backprop.py'}`: your backprop.py fails its own check "
            "(check 2 of 4), and xor.py trains with it."), result.message


# --- the package: one module per exercise ----------------------------------------------------------


def test_each_exercise_is_one_module_registered_once_and_no_module_is_too_long():
    import glassnet.checker as package
    from glassnet.checker.registry import all_exercises

    modules = all_exercises()
    assert tuple(modules) == EXERCISES
    for name, module in modules.items():
        assert module.__name__ == f"glassnet.checker.cases.{name}"
        assert isinstance(module.LESSON, str) and module.EXERCISED and callable(module.cases)
    root = Path(package.__file__).parent
    lengths = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in root.rglob("*.py")}
    assert max(lengths.values()) <= 500, lengths


def test_only_plain_values_come_back_and_a_huge_one_is_not_sent(tmp_path):
    odd = tmp_path / "perceptron_1d.py"
    odd.write_text("class Perceptron:\n    def __init__(self, w, b):\n        self.weight, self.bias = w, b\n\n"
                   "    def run(self, x):\n        return {'class': 1}\n")
    huge = tmp_path / "losses.py"
    huge.write_text("import numpy as np\n\n\ndef mse(a, y):\n    return np.zeros(10**6)\n\n\n"
                    "mse_derivative = cross_entropy = cross_entropy_derivative = mse\n")
    odd_result, huge_result = _grade([("perceptron_1d", odd), ("losses", huge)])
    assert odd_result.failure["problem"] == "run returned {'class': 1} (a dict); expected the class, 0 or 1."
    assert huge_result.failure["problem"] == ("the result is a numpy array of shape (1000000,), too large to "
                                              "show; expected shape ().")
