"""A ✓ only the checker's own process can give: forgeries fail, glassnet is out of reach of the
learner's code, hostile output is reported, processes the file starts never outlive the check,
signals from it cannot end the checker without a report, and the limits hold.

The 21 forgeries of issue 17 (each passed before) are ``forged/NAME__patches_cases.py`` (9),
``forged/NAME__writes_expected_events.py`` (9), ``activations__sys_modules``,
``losses__dunder_import`` and ``xor__sys_modules_network``; the others were invented since.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checking import BROKEN, FORGED, SOLUTIONS, grade, learner_files
from glassnet.checker import check
from glassnet.cli import main as cli_main

NOT_ASKED = r"your file wrote something the checker did not ask for"
RAISED = r"your file raised an error while it was imported"
ISSUE = {f"{name}__patches_cases" for name in ("perceptron_1d", "perceptron_nd", "perceptron_train", "activations",
                                                "one_layer", "two_layer", "losses", "descent", "backprop")}
ISSUE |= {stem.replace("patches_cases", "writes_expected_events") for stem in ISSUE}
ISSUE |= {"activations__sys_modules", "losses__dunder_import", "xor__sys_modules_network"}
# Each forgery, by file, and what its report must say (status, pattern): never a pass.
FORGED_CASES = {
    **{stem: ("error", NOT_ASKED) for stem in ISSUE if stem.endswith("writes_expected_events")},
    "perceptron_1d__patches_cases": ("failed", r"AttributeError: 'Perceptron' object has no attribute 'weight'"),
    "perceptron_nd__patches_cases": ("failed", r"AttributeError: 'Perceptron' object has no attribute 'weight'"),
    "perceptron_train__patches_cases": ("failed", r"train's result is None: did the function forget to `return`"),
    "activations__patches_cases": ("failed", r"Sigmoid\.fn\(z\) is None"),
    "one_layer__patches_cases": ("failed", r"net\.W is None; expected a numpy array of shape \(3, 2\)"),
    "two_layer__patches_cases": ("failed", r"net\.weights should be a list of 2 arrays, one per layer; got None"),
    "losses__patches_cases": ("failed", r"mse\(a, y\) is None"),
    "descent__patches_cases": ("failed", r"the path is None"),
    "backprop__patches_cases": ("failed", r"backprop's result is None"),
    "activations__sys_modules": ("error", RAISED + r"[\s\S]*'NoneType' object has no attribute 'Sigmoid'"),
    "losses__dunder_import": ("error", RAISED + r"[\s\S]*No module named 'glassnet\.losses': while your file is "
                                                r"checked only numpy and Python's own modules can be imported"),
    "xor__sys_modules_network": ("failed", r"KeyError: 'glassnet'"),
    # Invented here: other routes to glassnet, to the checker's channel, to its processes.
    # where a copy of the package is found (this machine's checkouts), its own imports name glassnet,
    # which the worker cannot import; where none is found, the copy's name is not there either
    "activations__copied_package": ("error", RAISED + r"[\s\S]*No module named '(glassnet|stolen\.activations)'"),
    "activations__exec_glassnet_source": ("failed", r"your file defines no class Sigmoid"),
    "activations__gc_disables_hook": ("error", r"PermissionError: gc\.get_objects is not available"),
    "activations__subprocess_python": ("failed", r"PermissionError: your code tried to run a program"),
    "activations__sys_path_import": ("failed", r"has no attribute 'Sigmoid'"),
    "activations__imports_glassnet": ("failed", r"write your own ReLU, Sigmoid, Tanh: your file takes them from "
                                                r"glassnet\.\nwhere:    line 3: from glassnet\.activations import"),
    "activations__imports_glassnet_hidden": ("error", r"ModuleNotFoundError: No module named 'glassnet'"),
    "activations__patches_isclose": ("failed", r"cause:    Sigmoid\.fn is σ\(−z\)"),
    "activations__seterr_hidden": ("failed", r"your code switched numpy's warnings off while it ran"),
    "activations__seterr_ignore": ("failed", r"switches warnings off \(seterr\)[\s\S]*line 5: np\.seterr"),
    "activations__errstate_inside_fn": ("failed", r"switches warnings off \(errstate\)[\s\S]*line 9: with np"),
    "perceptron_1d__atexit_marker": ("failed", r"no attribute 'weight'"),
    "perceptron_1d__closes_the_channel": ("error", r"the worker ended \(exit code 0\) before every check had run"),
    "perceptron_1d__full_fake_transcript": ("failed", r"failed a structure check"),
    "perceptron_1d__hostile_line": ("error", NOT_ASKED + r", on the channel that carries your results: '\[\[\[\["),
    "perceptron_1d__kills_every_process": ("error", r"PermissionError: your code tried to send a signal to every "
                                                    r"process"),
    "perceptron_1d__kills_its_parent": ("error", r"PermissionError: your code tried to send a signal to process \d+, "
                                                 r"which it did not start"),
    "perceptron_1d__os_write_exit": ("error", r"the worker ended \(exit code 0\) before every check had run"),
    "perceptron_1d__patches_run_case": ("failed", r"your file imports glassnet"),
    "perceptron_1d__patches_the_worker": ("failed", r"no attribute 'weight'"),
    "perceptron_1d__reads_the_job": ("failed", r"expected class 0, got 1"),
    "perceptron_1d__writes_every_fd": ("error", NOT_ASKED),
    "xor__calls_backprop_for_show": ("failed", r"for a seed drawn now, the network returned is not where the calls of "
                                               r"backprop led"),
    "xor__hardcoded_networks": ("failed", r"for a seed drawn now, train_xor never called backprop"),
    "xor__hardcoded_with_seed_noise": ("failed", r"for a seed drawn now, train_xor never called backprop"),
}


@pytest.fixture(scope="module")
def forged():
    return grade(learner_files(FORGED))


def test_every_forgery_is_listed_the_issues_21_among_them():
    assert {path.stem for path in learner_files(FORGED)} == set(FORGED_CASES)
    assert len(ISSUE) == 21 and set(FORGED_CASES) >= ISSUE


@pytest.mark.parametrize("stem", sorted(FORGED_CASES))
def test_a_forgery_never_passes(forged, stem):
    result = forged[stem]
    status, pattern = FORGED_CASES[stem]
    assert (result.passed, result.status) == (False, status), result.message
    assert re.search(pattern, result.message), result.message
    assert "Traceback" not in result.message


def _import_attempts(record: Path) -> str:
    """A perceptron file that first tries every route to glassnet and to the checker's
    processes, writing down what happened, then is a right solution."""
    src = str(Path(__import__("glassnet").__file__).resolve().parents[1])
    return f'''import importlib, importlib.util, os, signal, subprocess, sys

done = []


def attempt(label, action):
    try:
        action()
        done.append(label + " OK")
    except BaseException as err:
        done.append(label + " refused " + type(err).__name__)


attempt("import", lambda: __import__("glassnet"))
attempt("importlib", lambda: importlib.import_module("glass" + "net.activations"))
attempt("sys.modules", lambda: sys.modules["glassnet"])
attempt("sys.path", lambda: (sys.path.append({src!r}), __import__("glassnet.losses")))
attempt("file", lambda: open({src!r} + "/glassnet/activations.py").read())
spec = importlib.util.spec_from_file_location("x", {src!r} + "/glassnet/network.py")
attempt("spec", lambda: spec.loader.exec_module(importlib.util.module_from_spec(spec)))
attempt("sklearn", lambda: __import__("sklearn"))
attempt("ctypes", lambda: __import__("ctypes").CDLL(None))
attempt("subprocess", lambda: subprocess.run([sys.executable, "-c", "import glassnet"], check=True))
attempt("system", lambda: os.system("true") and None)
attempt("posix_spawn", lambda: os.posix_spawn("/bin/true", ["true"], {{}}))
attempt("kill parent", lambda: os.kill(os.getppid(), signal.SIGTERM))
attempt("kill all", lambda: os.kill(-1, signal.SIGTERM))
open({str(record)!r}, "w").write("\\n".join(done))
''' + (SOLUTIONS / "perceptron_1d.py").read_text()


def test_glassnet_and_the_checkers_processes_are_out_of_reach(tmp_path):
    record = tmp_path / "attempts.txt"
    learner = tmp_path / "perceptron_1d.py"
    learner.write_text(_import_attempts(record))
    result = check("perceptron_1d", learner)
    assert result.passed, result.message  # every attempt was refused, quietly, and the solution is right
    lines = record.read_text().splitlines()
    assert len(lines) == 13 and not [line for line in lines if line.endswith(" OK")], lines
    assert "system refused PermissionError" in lines and "kill parent refused PermissionError" in lines


# --- processes the learner's code starts --------------------------------------------------------------


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())  # a zombie is gone too


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="the reaper needs Linux's /proc")
def test_a_grandchild_that_left_the_session_does_not_outlive_the_check(tmp_path):
    pids = tmp_path / "pids"
    learner = tmp_path / "perceptron_1d.py"
    learner.write_text(
        "import os, time\n\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n        os.setsid()\n"
        f"        open({str(pids)!r}, 'a').write(str(os.getpid()) + '\\n')\n        time.sleep(60)\n"
        f"    open({str(pids)!r}, 'a').write(str(os.getpid()) + '\\n')\n    time.sleep(60)\n    os._exit(0)\n"
        "time.sleep(0.3)\n\n" + (SOLUTIONS / "perceptron_1d.py").read_text())
    result = check("perceptron_1d", learner, timeout=30)
    assert result.passed, result.message
    started = [int(pid) for pid in pids.read_text().split()]
    assert len(started) == 2 and not [pid for pid in started if _alive(pid)]


def test_a_program_the_learners_code_runs_is_refused_with_a_report(tmp_path):
    learner = tmp_path / "perceptron_1d.py"
    learner.write_text("import subprocess\n\nsubprocess.Popen(['sleep', '40'])\n\n"
                       + (SOLUTIONS / "perceptron_1d.py").read_text())
    result = check("perceptron_1d", learner)
    assert (result.passed, result.status) == (False, "error")
    assert result.failure["error"].startswith("PermissionError: your code tried to run a program")
    assert "no other program, no glassnet" in result.failure["hint"]


def test_a_thread_that_never_ends_does_not_hold_the_check(tmp_path):
    learner = tmp_path / "perceptron_1d.py"
    learner.write_text("import threading, time\n\nthreading.Thread(target=lambda: time.sleep(60)).start()\n\n"
                       + (SOLUTIONS / "perceptron_1d.py").read_text())
    start = time.perf_counter()
    assert check("perceptron_1d", learner, timeout=30).passed
    assert time.perf_counter() - start < 20  # not the thread's 60 s, nor the 30 s limit


# --- signals ------------------------------------------------------------------------------------


def _check_all_running(tmp_path: Path, *others: Path) -> tuple[subprocess.Popen, Path, Path]:
    """`glassnet check --all` on a folder whose perceptron_1d.py never returns, once that file runs."""
    started, work = tmp_path / "started", tmp_path / "my-work"
    work.mkdir()
    (work / "perceptron_1d.py").write_text(
        f"import os\nimport time\n\nopen({str(started)!r}, 'w').write(str(os.getpid()))\n"
        "while True:\n    time.sleep(0.01)\n")
    for other in others:
        shutil.copy(other, work / other.name)
    proc = subprocess.Popen([sys.executable, "-m", "glassnet.cli", "check", "--all", str(work), "--timeout", "60"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for _ in range(600):  # wait for the worker to run the learner's code
        if started.exists() and started.read_text():
            break
        time.sleep(0.05)
    return proc, started, work


def test_a_signal_sent_to_the_checker_ends_it_with_a_report_and_no_worker_left(tmp_path):
    proc, started, work = _check_all_running(tmp_path)
    try:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=10)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM
    assert err.strip().startswith("glassnet: check stopped by SIGTERM (sent by another process")
    assert not _alive(int(started.read_text()))
    assert not (work / ".glassnet-progress.json").exists()  # nothing recorded for a stopped run


def test_ctrl_c_on_check_all_ends_every_worker_at_once(tmp_path):
    proc, started, _ = _check_all_running(tmp_path, SOLUTIONS / "losses.py")
    try:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert err.strip() == "glassnet: check interrupted; every running check was stopped."
    assert not _alive(int(started.read_text()))


# --- limits: time, memory, output ---------------------------------------------------------------


def test_code_that_never_returns_is_stopped_at_the_time_limit():
    start = time.perf_counter()
    result = check("perceptron_1d", BROKEN / "infinite_loop.py", timeout=2, seed=1)
    assert (result.passed, result.status) == (False, "timeout")
    assert ("your code did not finish within 2 s: look for a loop that never ends "
            "(e.g. a while whose condition never becomes false)") in result.message
    assert result.failure["call"] == "Perceptron(2.0, -1.0).run(0.7)"  # the call that never returned
    assert 2 <= time.perf_counter() - start < 8


def test_code_that_catches_the_alarm_is_killed_by_the_supervisor(tmp_path):
    stubborn = tmp_path / "perceptron_1d.py"
    stubborn.write_text(
        "import signal\nimport time\n\n\nclass Perceptron:\n    def __init__(self, w, b):\n"
        "        self.weight, self.bias = w, b\n\n    def run(self, x):\n"
        "        signal.signal(signal.SIGALRM, signal.SIG_IGN)\n        while True:\n            try:\n"
        "                time.sleep(0.05)\n            except BaseException:\n                pass\n")
    start = time.perf_counter()
    result = check("perceptron_1d", stubborn, timeout=0.5)
    assert (result.passed, result.status) == (False, "timeout"), result.message
    assert "did not finish within 0.5 s" in result.message
    assert time.perf_counter() - start < 8


def test_memory_beyond_the_limit_is_stopped_and_named():
    result = check("perceptron_1d", BROKEN / "memory_hog.py", memory_mib=512)
    assert (result.passed, result.status) == (False, "failed")
    assert result.failure["error"].startswith("MemoryError")
    assert "more memory than the check allows (512 MiB)" in result.message
    assert "glassnet check --memory MIB" in result.message


def test_the_memory_limit_has_a_floor_and_a_ceiling_and_both_are_one_line_errors(capsys):
    from glassnet.checker.run import max_memory_mib

    with pytest.raises(ValueError, match=r"memory \(MiB\) must be >= 256, got 100"):
        check("losses", SOLUTIONS / "losses.py", memory_mib=100)
    with pytest.raises(ValueError, match=rf"memory \(MiB\) must be <= {max_memory_mib()} \(this machine's memory\), "
                                         r"got 8796093022208"):
        check("losses", SOLUTIONS / "losses.py", memory_mib=8796093022208)
    assert cli_main(["check", "--memory", "8796093022208", str(SOLUTIONS / "losses.py")]) == 2
    assert capsys.readouterr().err.startswith("glassnet: error: memory (MiB) must be <= ")
    assert check("losses", SOLUTIONS / "losses.py", memory_mib=max_memory_mib()).passed  # the ceiling itself works


@pytest.mark.parametrize(("timeout", "message"), [(1e300, "timeout must be <= 3600"), (float("nan"), "timeout must "
                         "be finite"), (-1, "timeout must be > 0"), (float("inf"), "timeout must be finite")])
def test_the_time_limit_is_validated(timeout, message):
    with pytest.raises(ValueError, match=message):
        check("losses", SOLUTIONS / "losses.py", timeout=timeout)


def test_endless_output_is_captured_with_a_cap_and_its_tail_shown():
    errors, prints = (check("perceptron_1d", BROKEN / f"endless_{name}.py", timeout=1, seed=1)
                      for name in ("stderr", "stdout"))
    assert (errors.status, errors.failure["call"]) == ("timeout", "(importing your file)")
    assert (prints.status, prints.failure["call"]) == ("timeout", "Perceptron(2.0, -1.0).run(0.7)")
    for result, words in ((errors, "debug debug"), (prints, "still thinking about 0")):
        assert re.search(r"your code printed \(last lines; cut, \d+ bytes in all\):", result.message)
        assert words in "\n".join(result.message.splitlines()[-2:])
        assert len(result.message) < 6000


# --- files that cannot be read or imported --------------------------------------------------------


def test_a_syntax_error_a_nul_byte_and_an_error_on_import_are_reported_with_their_line(tmp_path):
    result = check("perceptron_1d", BROKEN / "syntax_error.py")
    assert (result.status, result.failure["error"], result.failure["where"]) == (
        "error", "SyntaxError: expected ':'", "line 9: def run(self, x)")
    nul = tmp_path / "perceptron_1d.py"
    nul.write_bytes(b"class Perceptron:\n    def __init__(self, w, b):\n    \x00    self.weight = w\n")
    assert check("perceptron_1d", nul).message.startswith(
        "your file could not be read\nproblem:  your file contains a NUL byte (line 3, column 5)")
    result = check("perceptron_1d", BROKEN / "raises_on_import.py")
    assert result.failure["error"] == "KeyError: 'b'"
    assert result.failure["where"] == 'line 4 in <module>: BIAS = WEIGHTS["b"]'
    assert "runs as soon as the file is loaded" in result.failure["hint"]


def test_exit_calls_and_prints_in_the_learners_file(tmp_path):
    (tmp_path / "exits").mkdir()
    exits = tmp_path / "exits" / "perceptron_1d.py"
    exits.write_text("import sys\n\nsys.exit('done')\n")
    crashes = tmp_path / "crashes" / "perceptron_1d.py"
    crashes.parent.mkdir()
    crashes.write_text("import os\n\nos._exit(3)\n")
    chatty = tmp_path / "perceptron_1d.py"
    chatty.write_text(
        "print('@@glassnet-check@@ {\"status\": \"passed\"}')\n\n\nclass Perceptron:\n"
        "    def __init__(self, w, b):\n        self.weight, self.bias = w, b\n\n"
        "    def run(self, x):\n        print('run', x)\n        return int(self.weight * x > 0)\n")
    exited, crashed, printed = (check("perceptron_1d", path, seed=1) for path in (exits, crashes, chatty))
    assert exited.status == "error" and "called exit() or sys.exit()" in exited.message
    assert crashed.status == "error" and "the worker ended (exit code 3) before every check had run" in crashed.message
    assert printed.status == "failed" and printed.failure["cause"].startswith("the bias is missing")
    assert "your code printed (last lines; cut" in printed.message and "@@glassnet-check@@" not in printed.message
    assert re.search(r"  run -?\d", printed.message)  # what the learner's code printed, at the end
