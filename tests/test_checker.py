"""The exercise checker as a learner meets it: the twelve exercises and their stubs, right solutions
(the references and unusual styles) pass for any seed, the report, ``check --all`` and the
command line, and the package's shape (self-contained worker, modules split along their jobs).

Each check runs the learner's file in a worker process (about 0.2 s), so files are graded side
by side and the tests read the results.
"""

import ast
import contextlib
import importlib.resources
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from checking import RIGHT, SOLUTIONS, WRONG, grade, learner_files
from glassnet.checker import EXERCISES, LESSONS, CheckResult, check, check_all, copy_exercises
from glassnet.checker.compare import RULE_TEXT
from glassnet.cli import main as cli_main
from glassnet.cli.exercises import format_result, main_check, main_exercises

CHECKER = Path(importlib.resources.files("glassnet.checker"))


@pytest.fixture(scope="module")
def reference_run(tmp_path_factory):
    """`glassnet check --all DIR --json --seed 5` on a copy of the reference solutions: its exit
    code and what it printed."""
    folder = tmp_path_factory.mktemp("references")
    for name in EXERCISES:
        shutil.copy(SOLUTIONS / f"{name}.py", folder / f"{name}.py")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main_check(None, None, all_dir=str(folder), as_json=True, seed=5)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def reference_results(reference_run):
    return {entry["exercise"]: CheckResult(**entry) for entry in json.loads(reference_run[1])}


@pytest.fixture(scope="module")
def stub_results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("my-work")
    copy_exercises(folder)
    return {result.exercise: result for result in check_all(folder)}


# --- the exercises and their stubs --------------------------------------------------------------


def test_the_twelve_exercises_in_the_tracks_order():
    assert EXERCISES == ("perceptron_1d", "perceptron_nd", "perceptron_train", "activations", "one_layer",
                         "two_layer", "losses", "descent", "backprop", "xor", "saturation", "loss_at_init")
    assert [LESSONS[name][:2] for name in EXERCISES] == ["01", "01", "01", "02", "02", "03", "04", "05", "06", "07",
                                                          "08", "08"]


@pytest.mark.parametrize("name", EXERCISES)
def test_each_stub_states_the_exercise_the_one_rule_and_how_to_check_it(name):
    source = (importlib.resources.files("glassnet.exercises") / f"{name}.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstring = ast.get_docstring(tree)
    assert docstring.startswith(f"Exercise {name}: ")
    assert f"Lesson: {LESSONS[name]}." in docstring
    assert RULE_TEXT in docstring  # the same rule for answers, word for word, in every stub
    assert f"glassnet check {name} {name}.py" in docstring
    assert f"``%%check {name}``" in docstring and "``%load_ext glassnet``" in docstring
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported <= ({"numpy", "backprop"} if name == "xor" else {"numpy"})
    raises = re.findall(r'raise NotImplementedError\("([^"]+)"\)', source)
    assert raises and all(message.startswith(f"{name}: write ") for message in raises)


@pytest.mark.parametrize("name", EXERCISES)
def test_each_stub_fails_with_the_not_implemented_error_naming_it(stub_results, name):
    result = stub_results[name]
    assert (result.passed, result.status) == (False, "failed")
    assert re.search(rf"NotImplementedError: {name}: write \w+", result.message), result.message
    assert "this part is still the stub" in result.message


# --- right solutions pass, whatever the seed -------------------------------------------------------


@pytest.mark.parametrize("name", EXERCISES)
def test_reference_solution_passes(reference_results, name):
    result = reference_results[name]
    assert (result.passed, result.status, result.failure, result.seed) == (True, "passed", None, 5), result.message
    assert result.cases_passed == result.cases_total >= 6
    assert result.message == f"all {result.cases_total} checks pass (seed 5)"
    assert format_result(result).startswith(f"✓ {name}: all ")


def test_check_all_json_on_the_reference_solutions(reference_run):
    code, printed = reference_run
    assert code == 0
    entries = json.loads(printed)
    assert [entry["exercise"] for entry in entries] == list(EXERCISES)
    assert set(entries[0]) == {"exercise", "file", "passed", "message", "cases_passed", "cases_total", "status",
                               "failure", "seed"}


@pytest.mark.parametrize("seed", [None, 12345])
def test_right_solutions_in_unusual_styles_pass(seed):
    files = learner_files(RIGHT)
    assert len(files) >= 20 and {path.stem.split("__")[0] for path in files} == set(EXERCISES)
    results = grade(files, seed=seed)
    failed = {stem: result.message for stem, result in results.items() if not result.passed}
    assert not failed, failed


def test_the_same_seed_draws_the_same_checks_and_a_fresh_one_is_shown(tmp_path):
    wrong = WRONG / "perceptron_1d__tolerance_1e9.py"
    first, again = check("perceptron_1d", wrong, seed=42), check("perceptron_1d", wrong, seed=42)
    assert first.message == again.message and first.seed == 42
    assert first.failure["rerun"] == f"glassnet check perceptron_1d {wrong} --seed 42"
    fresh = [check("perceptron_1d", SOLUTIONS / "perceptron_1d.py").seed for _ in range(3)]
    assert all(isinstance(seed, int) for seed in fresh) and len(set(fresh)) > 1


# --- the report ---------------------------------------------------------------------------------


def test_a_failure_names_the_call_input_expected_got_cause_and_lesson():
    result = check("activations", WRONG / "activations__sigmoid_sign_error.py", seed=1)
    failure = result.failure
    assert failure["call"] == "Sigmoid.fn(np.array([-2.0, 0.0, 3.0]))"
    assert failure["input"] == "z = [-2.0, 0.0, 3.0]"
    assert failure["expected"] == "[0.119202922, 0.5, 0.9525741268]"
    assert failure["got"] == "[0.880797078, 0.5, 0.04742587318]"
    assert failure["problem"] == "Sigmoid.fn(z) differs at index 0: expected 0.119202922, got 0.880797078."
    assert failure["cause"] == "Sigmoid.fn is σ(−z): the sign in the exponent is flipped."
    assert failure["evidence"].startswith("your answers match this mistake on all 12 checks where they are wrong")
    assert failure["hint"].endswith('(lesson 02, activation functions: "The logistic sigmoid")')
    lines = format_result(result).splitlines()
    assert lines[0] == f"✗ activations: failed 12 of {result.cases_total} checks; the first is check 4 ({result.file})"
    assert lines[1] == "    call:     Sigmoid.fn(np.array([-2.0, 0.0, 3.0]))"
    assert lines[-1] == f"    rerun:    glassnet check activations {result.file} --seed 1"


def test_backprop_is_shown_with_the_relative_error_of_each_layer():
    failure = check("backprop", WRONG / "backprop__bp4_not_averaged.py", seed=1).failure
    # Without the 1/n every dC/dW is n = 4 times too large: ‖4g − g‖ / (‖4g‖ + ‖g‖) = 3/5.
    assert re.search(r"layer 0: dC/dW 6\.0e-01   dC/db \d\.\de-1\d\nlayer 1: dC/dW 6\.0e-01", failure["problem"])
    assert "rng = np.random.default_rng(0)" in failure["note"]  # how to rebuild the failing network
    assert failure["cause"] == "BP4 does not divide by n: dC/dW is n times too large."


def test_a_shape_error_points_at_the_learners_line():
    failure = check("backprop", WRONG / "backprop__bp2_without_transpose.py", seed=1).failure
    assert failure["where"] == "line 25 in backprop: delta = (delta @ weights[l]) * s * (1 - s)"
    assert failure["error"].startswith("ValueError: matmul: Input operand 1 has a mismatch")


def test_a_long_value_is_shown_around_its_first_difference(tmp_path):
    learner = tmp_path / "descent.py"
    learner.write_text(
        "def gradient_descent(df, x0, learning_rate, precision, max_iters):\n    path = [x0]\n"
        "    for i in range(max_iters):\n        step = learning_rate * df(path[-1])\n"
        "        path.append(path[-1] - step + (1e-3 if i == 29 else 0.0))\n        if abs(step) <= precision:\n"
        "            break\n    return path\n")
    failure = check("descent", learner, seed=1).failure
    assert failure["problem"].startswith("the path differs at index 30: ")
    assert re.fullmatch(r"\[\.\.\., (\S+, ){3}\S+ \(index 30\), (\S+, ){3}\.\.\.\]   \(\d+ numbers\)",
                        failure["got"]), failure["got"]
    assert "(index 30)" in failure["expected"]


def test_result_prints_as_its_report_and_round_trips_through_json():
    message = "failed 1 of 6 checks; the first is check 2\ncall:     train_xor(seed=0)"
    result = CheckResult("xor", "xor.py", False, message, 1, 6, "failed", {"stage": "case", "case": 2}, 7)
    data = json.loads(json.dumps(result.to_dict()))
    assert CheckResult(**data) == result
    assert str(result) == format_result(result).replace(" (xor.py)", "")
    assert str(result) == "✗ xor: failed 1 of 6 checks; the first is check 2\n    call:     train_xor(seed=0)"
    assert '<b style="color: #cf222e">✗ xor: failed 1 of 6 checks' in result._repr_html_()


# --- check --all, the exercise's name and the command line ------------------------------------------


def test_copy_exercises_copies_all_and_never_overwrites_unasked(tmp_path):
    dest = tmp_path / "new" / "my-work"
    written = copy_exercises(dest)
    assert written == [dest / f"{name}.py" for name in EXERCISES]
    stub = (dest / "losses.py").read_text(encoding="utf-8")
    (dest / "losses.py").write_text("# my work\n")
    assert copy_exercises(dest) == []
    assert (dest / "losses.py").read_text() == "# my work\n"
    assert copy_exercises(dest, overwrite=True) == written
    assert (dest / "losses.py").read_text(encoding="utf-8") == stub
    target = tmp_path / "notes.txt"
    target.write_text("x")
    with pytest.raises(ValueError, match=r"notes\.txt is a file; give a folder"):
        copy_exercises(target)


def test_main_exercises_says_what_was_copied_and_what_to_do_next(tmp_path, capsys):
    dest = tmp_path / "my-work"
    dest.mkdir()
    (dest / "perceptron_1d.py").write_text("# started\n")
    assert main_exercises(str(dest)) == 0
    out = capsys.readouterr().out
    assert f"Copied {len(EXERCISES) - 1} exercise file(s) into {dest}:" in out
    assert "Kept 1 file(s) you already have there: perceptron_1d.py." in out
    assert f"glassnet check {dest / 'perceptron_1d.py'}" in out


def test_check_all_lists_missing_and_ignored_files_and_grades_those_found(tmp_path, capsys):
    shutil.copy(SOLUTIONS / "descent.py", tmp_path / "descent.py")
    shutil.copy(WRONG / "losses__mse_without_half.py", tmp_path / "losses.py")
    (tmp_path / "notes.py").write_text("x = 1\n")
    results = check_all(tmp_path, seed=3)
    assert [r.exercise for r in results] == list(EXERCISES)
    assert [r.status for r in results] == ["missing"] * 6 + ["failed", "passed"] + ["missing"] * 4
    assert {r.seed for r in results} == {3}
    assert results[0].message == f"not found: there is no {tmp_path / 'perceptron_1d.py'}"
    assert main_check(None, None, all_dir=str(tmp_path)) == 1  # losses.py fails
    out = capsys.readouterr().out
    assert re.search(r"✓ descent: all \d+ checks pass \(seed \d+\)", out)
    assert "✗ xor: not found" in out
    assert ("1 of 2 exercise files pass; not found: perceptron_1d.py, perceptron_nd.py, perceptron_train.py, "
            "activations.py, one_layer.py, two_layer.py, backprop.py, xor.py, saturation.py, loss_at_init.py.") in out
    assert out.rstrip().endswith("Not graded (not an exercise's name): notes.py. To check one, name its exercise: "
                                 "glassnet check EXERCISE FILE.")
    (tmp_path / "losses.py").unlink()
    assert main_check(None, None, all_dir=str(tmp_path)) == 0  # missing files do not fail the run
    (tmp_path / "descent.py").unlink()
    assert main_check(None, None, all_dir=str(tmp_path)) == 1  # an empty folder does
    assert "No exercise files found in" in capsys.readouterr().out


@pytest.mark.parametrize("typed", ["perceptron_1d", " Perceptron-1D ", "PERCEPTRON_1D.py", "perceptron-1d.py"])
def test_exercise_names_are_read_through_the_one_normalisation(typed):
    from glassnet.checker.registry import exercise_name
    from glassnet.registry import name_key

    assert exercise_name(typed) == "perceptron_1d"
    assert name_key(typed).removesuffix(".py") == name_key("perceptron_1d")


def test_the_exercise_is_inferred_from_the_file_name(tmp_path, capsys):
    shutil.copy(SOLUTIONS / "perceptron_1d.py", tmp_path / "perceptron_1d.py")
    assert main_check(str(tmp_path / "perceptron_1d.py"), None) == 0
    assert re.match(r"✓ perceptron_1d: all \d+ checks pass \(seed \d+\)", capsys.readouterr().out)
    with pytest.raises(ValueError, match=r"Cannot tell which exercise notes\.py is: its name is not one of "
                                         r"perceptron_1d\.py, .*Name it: glassnet check EXERCISE"):
        main_check(str(tmp_path / "notes.py"), None)


def test_bad_names_paths_and_arguments_are_clear_errors(tmp_path, capsys):
    expected = ("Unknown exercise 'perceptron'; choose one of: perceptron_1d, perceptron_nd, perceptron_train, "
                "activations, one_layer, two_layer, losses, descent, backprop, xor, saturation, loss_at_init.")
    with pytest.raises(ValueError, match=re.escape(expected)):
        check("perceptron", SOLUTIONS / "perceptron_1d.py")
    with pytest.raises(ValueError, match=r"No file at .*nothing\.py; give the path of your losses\.py"):
        check("losses", tmp_path / "nothing.py")
    with pytest.raises(ValueError, match=r"No folder at .*absent; give the folder you copied"):
        check_all(tmp_path / "absent")
    with pytest.raises(ValueError, match=r"Give your file \(glassnet check my-work/perceptron_1d\.py\), the exercise"):
        main_check("losses", None)
    with pytest.raises(ValueError, match=r"seed must be >= 0, got -1"):
        check("losses", SOLUTIONS / "losses.py", seed=-1)
    with pytest.raises(SystemExit) as stopped:
        cli_main(["check", "--seed", "-3", str(SOLUTIONS / "losses.py")])
    assert stopped.value.code == 2
    assert "argument --seed: must be >= 0, got -3" in capsys.readouterr().err


def test_check_seed_on_the_command_line_reruns_the_same_checks(capsys):
    wrong = str(WRONG / "losses__clip_1e7.py")
    assert cli_main(["check", "losses", wrong, "--seed", "9"]) == 1
    first = capsys.readouterr().out
    assert cli_main(["check", "losses", wrong, "--seed", "9"]) == 1
    assert capsys.readouterr().out == first
    assert f"rerun:    glassnet check losses {wrong} --seed 9" in first
    assert "cause:    cross_entropy clips a at ε = 1e-07, where the stub's rule is 1e-12" in first


# --- the package ----------------------------------------------------------------------------------


def test_each_exercise_is_one_module_and_no_checker_module_is_too_long():
    from glassnet.checker.registry import all_exercises

    modules = all_exercises()
    assert tuple(modules) == EXERCISES
    for name, module in modules.items():
        assert module.__name__ == f"glassnet.checker.cases.{name}"
        assert isinstance(module.LESSON, str) and module.EXERCISED and callable(module.probes)
        assert isinstance(module.MISTAKES, list)
    lengths = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in CHECKER.rglob("*.py")}
    assert max(lengths.values()) <= 400, lengths


def test_the_worker_side_files_are_self_contained_and_no_private_name_crosses_a_module():
    for name in ("worker.py", "steps.py", "wire.py"):  # run where glassnet cannot be imported
        tree = ast.parse((CHECKER / name).read_text(encoding="utf-8"))
        modules = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        modules |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert not {m for m in modules if m.split(".")[0] == "glassnet"}, (name, modules)
    for path in CHECKER.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("glassnet"):
                assert not [alias.name for alias in node.names if alias.name.startswith("_")], path


def test_the_checker_never_imports_the_learners_file(tmp_path):
    witness = tmp_path / "imported_by.txt"
    learner = tmp_path / "perceptron_1d.py"
    learner.write_text(f"import os\n\nwith open({str(witness)!r}, 'a') as f:\n    f.write(str(os.getpid()) + '\\n')\n\n"
                       + (SOLUTIONS / "perceptron_1d.py").read_text())
    assert check("perceptron_1d", learner).passed
    pids = witness.read_text().split()
    assert len(pids) == 1 and int(pids[0]) != __import__("os").getpid()  # run once, in the worker only


def test_a_training_that_outlasts_the_time_says_how_far_it_got(tmp_path):
    """xor trained until the loss is 1e-6 (never): the report counts the calls of backprop it made,
    not 'a loop that never ends'."""
    source = (SOLUTIONS / "xor.py").read_text().replace(
        "    for _ in range(epochs):\n", "    while True:  # until the network is exact\n")
    assert "while True" in source
    (tmp_path / "xor.py").write_text(source)
    shutil.copy(SOLUTIONS / "backprop.py", tmp_path / "backprop.py")
    result = check("xor", tmp_path / "xor.py", seed=1, timeout=2)
    assert result.status == "timeout", result.message
    assert re.search(r"did not finish within 2 s: by then it had called backprop [\d,]+ times and was still "
                     r"training", result.message), result.message
    assert "never ends" not in result.message and "about 3000 epochs" in result.failure["hint"]
