"""Hints that do not belong to one exercise: from the kind of error, a warning, a time-out.

An exercise module may refine them with ``SHAPE_HINT`` (numpy's shape errors), ``NAME_HINT``
(an ``AttributeError``) and ``TIMEOUT_HINT``; every hint ends by naming the exercise's lesson.
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any

IMPORT = ("the error is in code that runs as soon as the file is loaded (outside any function "
          "or method): fix that line, or move code that tries things out under "
          "`if __name__ == \"__main__\":`.")
MUTATION = ("the caller's arrays and lists are not yours to change: compute new ones (Y - A makes a new "
            "array, Y -= A overwrites the caller's; a[a < 0] = 0 changes a itself; list.reverse() "
            "and lst[i] = ... change the caller's list). Copy first (arr.copy(), list(lst)) if you "
            "must work in place.")
SILENCED = ("the exercise checks that your code raises no numpy warning (an overflow in exp means a "
            "formula that breaks for large inputs): remove the line that switches warnings off and "
            "make the formula itself stay finite.")
EXIT = ("does your file call exit(), os._exit() or crash Python? Remove such calls, or put "
        "experiments under `if __name__ == \"__main__\":`.")


def add_lesson(exercise: ModuleType, hint: str, section: str = "") -> str:
    """``hint (lesson NN, topic: "section")``, or an invitation to reread the lesson."""
    where = f"lesson {exercise.LESSON}" + (f': "{section}"' if section else "")
    return f"{hint} ({where})" if hint else f"reread {where}."


def timeout_problem(timeout: float, calls: int | None = None, recorded: str = "backprop") -> str:
    """Why the time ran out: a loop that never ends, or (``calls``: how often the training had called
    ``recorded``) a training still going."""
    if calls:
        return (f"your code did not finish within {timeout:g} s: by then it had called {recorded} {calls:,} times and "
                "was still training. The loop runs, but asks for far more epochs than the time allows (or each "
                "epoch is slow).")
    return (f"your code did not finish within {timeout:g} s: look for a loop that never ends "
            "(e.g. a while whose condition never becomes false)")


def timeout_hint(exercise: ModuleType) -> str:
    return add_lesson(exercise, getattr(exercise, "TIMEOUT_HINT", "") or (
        "if it is only slow, make it faster: one numpy operation on a whole array instead of a "
        "Python loop over its entries."))


def memory_advice(memory_mib: int) -> str:
    return (f"your code asked for more memory than the check allows ({memory_mib} MiB): look for an "
            "array far larger than the data (np.ones(2**28) is 2 GiB), or a list that grows without "
            "end. If you really need more, raise the limit: glassnet check --memory MIB.")


def error_text(error: dict[str, Any]) -> str:
    """``Type: message`` of an error the worker described."""
    message = str(error.get("message", "")).strip()
    return f"{error['type']}: {message}" if message else str(error["type"])


def exception_hint(exercise: ModuleType, error: dict[str, Any], fallback: str = "") -> str:
    """A hint from the kind of error the worker described (its type, its bases, its message)."""
    kinds = set(error.get("kinds", [error["type"]]))
    message = str(error.get("message", ""))
    if "NotImplementedError" in kinds:
        return ("this part is still the stub: replace the `raise NotImplementedError(...)` line "
                "with your code.")
    if "MemoryError" in kinds:
        return memory_advice(int(error.get("memory_mib", 0)))
    if "NameError" in kinds and "'np'" in message:
        return "add `import numpy as np` at the top of your file."
    if "ModuleNotFoundError" in kinds and error.get("module") == "backprop":
        return ("xor.py imports your backprop from backprop.py: keep both files in the same folder "
                "(glassnet exercises DIR copies them together).")
    if "ImportError" in kinds:
        return ("while your file is checked it can import numpy, Python's own modules, matplotlib and tqdm, and "
                "the other exercise files of its folder; glassnet and other packages cannot be imported.")
    if "TypeError" in kinds and re.search(r"only (length-1|size-1|0-dimensional|integer scalar) arr", message):
        return ("your code got a whole numpy array but used a function for single numbers (math.exp, "
                "float(...)): use numpy's functions (np.exp, np.tanh, np.maximum...), which work on "
                "every entry at once.")
    if "ValueError" in kinds and "truth value of an array" in message:
        return ("an `if`, `and`/`or` or Python's max() got a whole array: use np.where(...) or "
                "np.maximum(...), which decide entry by entry.")
    if re.search(r"matmul|not aligned|could not be broadcast|core dimension|shapes? \(", message):
        return getattr(exercise, "SHAPE_HINT", "") or "check the shapes of the arrays on the line shown."
    if "UFuncTypeError" in kinds or "Cannot cast ufunc" in message:
        return ("an array of integers cannot hold a float result in place (+=, -=, out=): an array made from an "
                "integer input (np.zeros_like(X[0]), np.empty_like(z), X itself) keeps its integer dtype. Start from "
                "float arrays (np.zeros(d)) or write w = w + ..., which makes a new one.")
    if "TypeError" in kinds and "takes no arguments" in message:
        return ("an activation is a class with static methods, not a function: call activation.fn(z), not "
                "activation(z).")
    if "PermissionError" in kinds and "while your file is checked" in message:
        return ("the checker runs your file on its own: no other program, no glassnet, no signals to other "
                "processes. Remove that line; the exercise needs only numpy.")
    if "EOFError" in kinds:
        return "your code asks for input(), which the checker cannot type: remove the input() call."
    if "RecursionError" in kinds:
        return "a function calls itself without end: look for a call to the function inside itself."
    if "AttributeError" in kinds:
        return getattr(exercise, "NAME_HINT", "") or "check the names the exercise asks for."
    return fallback or ("read the error and the line shown; the exercise's docstring says what each piece "
                        "takes and returns.")


#: What numpy does differently for inputs of a kind, said when a failure depends on that kind.
ABOUT = {
    "int": "with integer inputs, arrays made from the input (np.zeros_like, np.empty_like, x.copy()) and in-place "
           "updates (+=) keep an integer dtype and cut the decimals: make float arrays (np.zeros(shape), "
           "x.astype(float)).",
    "float32": "with float32 inputs, numpy computes in float32: a value that float64 tells apart (1 − 1e-12 and 1) "
               "can become equal, and exp overflows above 88 instead of 709.",
    "batch1": "a batch of one row is still 2-d, (1, k): squeeze, ravel, [0], .item() and len(x) == 1 tests turn it "
              "into something else.",
    "single": "one example is 1-d, shape (n,): its result is 1-d too, (k,); np.atleast_2d or a reshape to (1, n) "
              "changes that.",
    "square": "when rows and columns are as many (n = d), code that takes one axis for the other runs without an "
              "error (a transposed matrix, a sum over the other axis, a test len(x) == len(w)) and gives other "
              "numbers; where they differ it would fail.",
    "one_output": "with one output, the result keeps its axis: shape (n, 1), not (n,) (no squeeze, no ravel).",
    "extreme": "what differs there: exp of a number above 709 is inf, 1 − 1e-17 rounds to 1, and a clip or a "
               "threshold in the formula changes only such values: look at what yours does with them.",
    "defaults": "this check leaves the optional arguments out: your defaults must be the stub's.",
}
