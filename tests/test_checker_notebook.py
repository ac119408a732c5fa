"""The checker from a notebook: ``%load_ext glassnet``, a ``%%check NAME`` cell and
``glassnet.check(...)``, executed in a real Jupyter kernel with nbclient; ``import glassnet``
stays light (no IPython, no checker) and the lessons show the way."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import glassnet
from checking import SOLUTIONS, WRONG
from conftest import need

ROOT = Path(__file__).resolve().parents[1]


def test_import_glassnet_loads_neither_ipython_nor_the_checker():
    code = ("import sys, glassnet; print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('IPython', 'ipykernel') or m.startswith('glassnet.checker')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert callable(glassnet.check) and callable(glassnet.load_ipython_extension)


def test_glassnet_check_from_python_is_the_checkers_check():
    result = glassnet.check("perceptron_1d", WRONG / "perceptron_1d__bias_forgotten.py", seed=3)
    assert not result.passed and result.failure["cause"].startswith("the bias is missing")
    assert str(result).startswith("✗ perceptron_1d: failed ")


def test_check_cell_checks_the_code_it_is_given_and_cleans_up(tmp_path):
    from glassnet.checker.magic import CELLS, check_cell

    right = check_cell("perceptron_1d --seed 4", (SOLUTIONS / "perceptron_1d.py").read_text())
    assert (right.passed, right.file, right.seed) == (True, "your cell", 4)
    wrong = check_cell("perceptron_1d", (WRONG / "perceptron_1d__ge_on_boundary.py").read_text())
    assert wrong.failure["rerun"] == f"%%check perceptron_1d --seed {wrong.seed}"
    assert wrong.failure["cause"].startswith("run uses >= 0")
    CELLS["backprop"] = (SOLUTIONS / "backprop.py").read_text()  # a %%check backprop cell ran before
    assert check_cell("xor", (SOLUTIONS / "xor.py").read_text()).passed
    with pytest.raises(ValueError, match=r"%%check needs an exercise name and nothing else but --seed N"):
        check_cell("perceptron_1d --fast", "")
    with pytest.raises(ValueError, match=r"Unknown exercise 'xorr'"):
        check_cell("xorr", "")


def test_check_cells_run_in_a_real_notebook():
    nbformat = need("nbformat", "the notebooks extra")
    nbclient = need("nbclient", "the notebooks extra")
    right = (SOLUTIONS / "perceptron_1d.py").read_text()
    wrong = (WRONG / "perceptron_1d__bias_forgotten.py").read_text()
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("%load_ext glassnet"),
        nbformat.v4.new_code_cell("%%check perceptron_1d\n" + right),
        nbformat.v4.new_code_cell("%%check perceptron_1d --seed 7\n" + wrong),
        nbformat.v4.new_code_cell("import glassnet\n"
                                  f"glassnet.check('perceptron_1d', {str(SOLUTIONS / 'perceptron_1d.py')!r})"),
        nbformat.v4.new_code_cell("%%check perceptron_one\nx = 1"),
    ]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        p for p in (str(Path(glassnet.__file__).resolve().parents[1]), os.environ.get("PYTHONPATH")) if p))
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3").execute(env=env)
    outputs = [cell.get("outputs", []) for cell in notebook.cells]
    assert outputs[0] == []
    shown = [output["data"] for output in outputs[1]]
    assert shown[0]["text/plain"].startswith("✓ perceptron_1d: all ")
    assert '<b style="color: #1a7f37">✓ perceptron_1d: all' in shown[0]["text/html"]
    failed = outputs[2][0]["data"]["text/plain"]
    assert failed.startswith("✗ perceptron_1d: failed ") and "cause:    the bias is missing" in failed
    assert "rerun:    %%check perceptron_1d --seed 7" in failed
    assert outputs[3][0]["data"]["text/plain"].startswith("✓ perceptron_1d: all ")
    assert outputs[4][0]["text"].startswith("%%check: Unknown exercise 'perceptron_one'")


@pytest.mark.parametrize("lesson", sorted((ROOT / "lessons").glob("0[1-7]_*.py")), ids=lambda p: p.name[:2])
def test_each_lessons_exercise_section_shows_the_notebook_way(lesson):
    section = lesson.read_text(encoding="utf-8").split("# ## Exercises", 1)[1]
    assert "`%load_ext glassnet`" in section and "`%%check " in section and "glassnet.check(" in section
