"""The learner's file as text, before anything runs: readable, valid Python, within the rules.

``read`` reports a file that cannot be read (missing rights, a NUL byte, not UTF-8); ``rules``
parses it and reports a syntax error, an import of glassnet or of a package other than numpy
(the exercises are for the learner's own code, with numpy), a call that switches numpy's
warnings off in an exercise that checks them, and a Python loop where the stub forbids one.
Code under ``if __name__ == "__main__":`` never runs in a check and is not judged.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

SILENCERS = {"seterr", "errstate", "seterrcall", "filterwarnings", "simplefilter", "catch_warnings",
             "resetwarnings"}
#: What a learner's file may import besides Python's own modules and its sibling exercises: numpy,
#: and plotting or progress bars for code tried out (none holds a reference answer).
ALLOWED = {"__future__", "numpy", "matplotlib", "mpl_toolkits", "tqdm"}


def read(path: Path) -> tuple[str | None, dict[str, Any] | None]:
    """The file's text, or a failure: unreadable, a NUL byte, not UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return None, {"stage": "read", "problem": f"{err.strerror or err}.",
                      "hint": "check the path and that you may read the file."}
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        column = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        return None, {"stage": "read", "problem": f"your file contains a NUL byte (line {line}, column {column}); "
                      "Python cannot read a file that holds one.",
                      "hint": "an invisible character came in with a copy and paste, or the file was saved as "
                              "UTF-16: delete that character, or save the file again as UTF-8 text."}
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        return None, {"stage": "read", "problem": f"your file is not UTF-8 text (line {line}).",
                      "hint": "save it again as UTF-8 (the encoding every Python editor uses by default)."}


def _is_main_guard(node: ast.stmt) -> bool:
    test = ast.unparse(node.test) if isinstance(node, ast.If) else ""
    return "__main__" in test and "__name__" in test


def graded(tree: ast.Module) -> list[ast.stmt]:
    """The top-level statements that run when the file is checked."""
    return [node for node in tree.body if not _is_main_guard(node)]


def line(source: str, lineno: int) -> str:
    lines = source.splitlines()
    return f"line {lineno}: {lines[lineno - 1].strip()}" if 0 < lineno <= len(lines) else f"line {lineno}"


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module]
    return []


def _own(path: Path) -> set[str]:
    """The modules a learner may import from their own folder: the other exercises' files."""
    from glassnet.checker.registry import all_exercises

    return {name for name in all_exercises() if (path.parent / f"{name}.py").is_file()} | {"backprop"}


def rules(source: str, path: Path, exercise: ModuleType) -> dict[str, Any] | None:
    """Problems visible in the text alone, as a failure dict, or None."""
    from glassnet.checker.hints import SILENCED, add_lesson

    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError as err:
        where = f"line {err.lineno}" + (f": {err.text.strip()}" if err.text and err.text.strip() else "")
        return {"stage": "import", "error": f"SyntaxError: {err.msg}", "where": where,
                "hint": add_lesson(exercise, "Python could not read your file: fix the line shown (often a "
                                   "missing colon, bracket, comma or quote, or an indentation slip, on that line "
                                   "or the one before).")}
    own = _own(path)
    for node in (n for top in graded(tree) for n in ast.walk(top)):
        for module in _imported(node):
            top = module.partition(".")[0]
            if top in ALLOWED or top in own or (top in sys.stdlib_module_names and top != "ctypes"):
                continue
            if top == "glassnet":
                names = [alias.name for alias in getattr(node, "names", [])]
                taken = [name for name in names if name in exercise.EXERCISED]
                problem = (f"write your own {', '.join(taken)}: your file takes {'them' if len(taken) > 1 else 'it'} "
                           "from glassnet." if taken else "your file imports glassnet; the exercise is for your own "
                           "code, with numpy only.")
            else:
                problem = (f"your file imports {top}: the exercises are for your own code, with numpy and "
                           "Python's own modules only (the checker runs your file without other packages; "
                           "matplotlib and tqdm are allowed, for trying things out).")
            return {"stage": "rules", "problem": problem, "where": line(source, node.lineno),
                    "hint": add_lesson(exercise, "import only numpy; glassnet is the reference the checker "
                                       "compares your code with.")}
        if getattr(exercise, "CHECKS_WARNINGS", False) and isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if called in SILENCERS:
                return {"stage": "rules", "where": line(source, node.lineno),
                        "problem": f"your file switches warnings off ({called}): the exercise checks that your "
                                   "code raises none.", "hint": add_lesson(exercise, SILENCED)}
    return _loops(source, tree, exercise)


def _loops(source: str, tree: ast.Module, exercise: ModuleType) -> dict[str, Any] | None:
    """A Python loop inside a class the stub says must use numpy only (``NO_LOOPS``)."""
    from glassnet.checker.hints import add_lesson

    for node in graded(tree):
        if isinstance(node, ast.ClassDef) and node.name in getattr(exercise, "NO_LOOPS", ()):
            for inner in ast.walk(node):
                kind = {ast.For: "a for loop", ast.While: "a while loop", ast.ListComp: "a list comprehension",
                        ast.GeneratorExp: "a generator expression", ast.SetComp: "a set comprehension",
                        ast.DictComp: "a dict comprehension"}.get(type(inner))
                if isinstance(inner, ast.Call) and ast.unparse(inner.func).rpartition(".")[2] in (
                        "map", "vectorize", "apply_along_axis", "fromiter", "frompyfunc"):
                    kind = f"{ast.unparse(inner.func)}, a Python loop in disguise"
                if kind:
                    return {"stage": "rules", "where": line(source, inner.lineno),
                            "problem": f"{node.name} uses {kind}: the exercise asks for numpy only, no Python loop "
                                       "over the points.",
                            "hint": add_lesson(exercise, "one numpy expression handles one point and a whole "
                                               "batch: x @ self.weight + self.bias, then compare with 0.")}
    return None
