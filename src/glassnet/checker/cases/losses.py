"""Exercise losses: the mean squared error, cross-entropy and their derivatives. Lesson 04."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from glassnet.checker import formulas, structure
from glassnet.checker.compare import Rule
from glassnet.checker.mistakes import SAME, Mistake, Outcome, float32_mistake
from glassnet.checker.probes import Probe, Steps, tags

LESSON = "04, loss functions"
SECTION = "Cross-entropy"
ORDER = 7
EXERCISED = ("mse", "cross_entropy", "mse_derivative", "cross_entropy_derivative")
CHECKS_WARNINGS = True  # ln 0 is a formula that breaks at outputs of exactly 0 or 1
NAMES = ("mse", "mse_derivative", "cross_entropy", "cross_entropy_derivative")
MSE, CE = "Mean squared error", "Cross-entropy"
EPS = 1e-12


def mse(a: np.ndarray, y: np.ndarray) -> float:
    """C = 1/(2n) Σ ‖y − a‖² (glassnet's MSE)."""
    from glassnet import losses

    return float(losses.MSE.fn(np.asarray(a, dtype=float), np.asarray(y, dtype=float)))


def cross_entropy(a: np.ndarray, y: np.ndarray, eps: float = EPS, *, add: bool = False) -> float:
    """C = −1/n Σ [y ln a + (1 − y) ln(1 − a)], a clipped into [eps, 1 − eps] (the stub's rule);
    ``add``: ln(a + eps) instead of clipping."""
    a, y = np.asarray(a, dtype=float), np.asarray(y, dtype=float)
    if add:
        return float(-np.sum(y * np.log(a + eps) + (1 - y) * np.log(1 - a + eps)) / len(a))
    a = np.clip(a, eps, 1 - eps)
    return float(-np.sum(y * np.log(a) + (1 - y) * np.log(1 - a)) / len(a))


def ce_derivative(a: np.ndarray, y: np.ndarray, eps: float = EPS) -> np.ndarray:
    """∂C_x/∂a = (a − y) / (a (1 − a)), a clipped into [eps, 1 − eps]."""
    a = np.clip(np.asarray(a, dtype=float), eps, 1 - eps)
    return (a - np.asarray(y, dtype=float)) / (a * (1 - a))


REFERENCE = {"mse": mse, "mse_derivative": lambda a, y: np.asarray(a, float) - np.asarray(y, float),
             "cross_entropy": cross_entropy, "cross_entropy_derivative": ce_derivative}


def only(name: str, f: Callable[[np.ndarray, np.ndarray], Any]) -> Callable[[Probe], Any]:
    """A model: ``f(a, y)`` on probes of ``name``, the right answer on the others."""

    def model(probe: Probe) -> Any:
        p = probe.params
        if p.get("name") != name:
            return SAME
        return f(np.asarray(p["a"], dtype=float), np.asarray(p["y"], dtype=float))

    return model


def _mistakes() -> list[Mistake]:
    def n(a: np.ndarray) -> int:
        return a.shape[0]

    def k(a: np.ndarray) -> int:
        return a.shape[1]

    items = [
        ("mse", MSE, "mse has no 1/2: it computes 1/n Σ ‖y − a‖².", "C = 1/(2n) Σ ‖y − a‖²: the 1/2 makes the "
         "derivative a − y.", lambda a, y: 2 * mse(a, y)),
        ("mse", MSE, "mse is not averaged over the examples: it adds them up.", "divide the sum by 2n.",
         lambda a, y: 2 * n(a) * mse(a, y)),
        ("mse", MSE, "mse sums without averaging and without the 1/2... it returns Σ ‖y − a‖² / 2.",
         "divide the sum by 2n.", lambda a, y: n(a) * mse(a, y)),
        ("mse", MSE, "mse averages over every entry (np.mean over n·k numbers) and then halves: it divides by k too.",
         "‖y − a‖² adds up the k outputs of an example; only the n examples are averaged: np.sum(...) / (2n).",
         lambda a, y: mse(a, y) / k(a)),
        ("mse", MSE, "mse is np.mean((a − y)²): it averages over every entry (also dividing by k) and has no 1/2.",
         "C = 1/(2n) Σ ‖y − a‖²: np.sum((a − y)**2) / (2n).", lambda a, y: 2 * mse(a, y) / k(a)),
        ("mse", MSE, "mse divides by 2k (the number of outputs) instead of 2n (the number of examples).",
         "n is a.shape[0], the rows; k is a.shape[1].", lambda a, y: mse(a, y) * n(a) / k(a)),
        ("mse", MSE, "mse returns one loss per example (a vector), not their average, one number.",
         "average over the examples: C = 1/(2n) Σ ‖y − a‖², one number.",
         lambda a, y: np.sum((a - y) ** 2, axis=1) / 2),
        ("mse", MSE, "mse takes a square root (a root mean square error).", "no square root: C = 1/(2n) Σ ‖y − a‖².",
         lambda a, y: np.sqrt(mse(a, y))),
        ("mse", MSE, "mse uses |y − a| where the formula squares y − a.", "square the differences: (y − a)².",
         lambda a, y: np.sum(np.abs(a - y)) / (2 * n(a))),
        ("mse", MSE, "mse adds up the lengths ‖y − a‖ of the examples without squaring them: the formula sums "
         "‖y − a‖², the squares.", "C = 1/(2n) Σ ‖y − a‖²: np.sum((a - y) ** 2) / (2n), no square root (norm) per "
         "example.", lambda a, y: float(np.sum(np.linalg.norm(a - y, axis=1)) / (2 * n(a)))),
        ("mse", MSE, "mse sums over axis 0 only (the examples): it returns one value per output, an array of k "
         "numbers, where one number, the sum over every entry, is asked.", "sum over every entry: np.sum((a - y) ** 2) "
         "/ (2n), with no axis=.", lambda a, y: np.sum((a - y) ** 2, axis=0) / (2 * n(a))),
        ("mse_derivative", MSE, "mse_derivative has the wrong sign: y − a.", "the derivative points toward larger "
         "C: a − y.", lambda a, y: y - a),
        ("mse_derivative", MSE, "mse_derivative is 2 (a − y): the 1/2 in C cancels the 2 of the square.",
         "∂C_x/∂a = a − y.", lambda a, y: 2 * (a - y)),
        ("mse_derivative", MSE, "mse_derivative divides by n: the derivative is per example, averaged later "
         "(in BP3 and BP4).", "∂C_x/∂a = a − y, not divided by n.", lambda a, y: (a - y) / n(a)),
        ("mse_derivative", MSE, "mse_derivative divides by n·k (np.mean's count).", "∂C_x/∂a = a − y, not divided.",
         lambda a, y: (a - y) / a.size),
        ("mse_derivative", MSE, "mse_derivative divides by k, the number of outputs (a.shape[1]).",
         "∂C_x/∂a = a − y, not divided: the cost's 1/2 already cancels the square's 2.", lambda a, y: (a - y) / k(a)),
        ("mse_derivative", MSE, "mse_derivative is 2 (a − y) / n, the derivative of the batch's mean square without "
         "its 1/2, averaged.", "∂C_x/∂a = a − y per example: the 1/2 cancels the 2, and the average over the batch "
         "comes later.", lambda a, y: 2 * (a - y) / n(a)),
        ("mse_derivative", MSE, "mse_derivative averages everything into one number (np.mean(a − y)): the "
         "derivative has one entry per output of each example, shape (n, k).", "return a − y, shape (n, k): no "
         "mean.", lambda a, y: float(np.mean(a - y))),
        ("mse_derivative", MSE, "mse_derivative averages over the batch: it returns one row, not one per example.",
         "return a − y, shape (n, k): one row per example.", lambda a, y: np.mean(a - y, axis=0)),
        ("cross_entropy", CE, "cross_entropy returns one loss per example (a vector), not their average, one "
         "number.", "average over the examples: C = −1/n Σ_x [...], one number.",
         lambda a, y: -np.sum(y * np.log(np.clip(a, EPS, 1 - EPS)) + (1 - y) * np.log(1 - np.clip(a, EPS, 1 - EPS)),
                              axis=1)),
        ("cross_entropy", CE, "cross_entropy sums over axis 0 only (the examples): it returns one value per output, "
         "an array of k numbers, where one number, the sum over every entry, is asked.", "sum over every entry: "
         "−np.sum(...) / n, with no axis=.",
         lambda a, y: -np.sum(y * np.log(np.clip(a, EPS, 1 - EPS)) + (1 - y) * np.log(1 - np.clip(a, EPS, 1 - EPS)),
                              axis=0) / n(a)),
        ("cross_entropy", CE, "cross_entropy has the wrong sign: without the minus it is negative.",
         "C = −1/n Σ [y ln a + (1 − y) ln(1 − a)] is positive (ln of a number below 1 is negative).",
         lambda a, y: -cross_entropy(a, y)),
        ("cross_entropy", CE, "cross_entropy keeps only y ln a: the (1 − y) ln(1 − a) term is missing.",
         "both terms: y ln a + (1 − y) ln(1 − a); the second counts the examples whose label is 0.",
         lambda a, y: float(-np.sum(y * np.log(np.clip(a, EPS, 1 - EPS))) / n(a))),
        ("cross_entropy", CE, "cross_entropy keeps only (1 − y) ln(1 − a): the y ln a term is missing.",
         "both terms: y ln a + (1 − y) ln(1 − a).",
         lambda a, y: float(-np.sum((1 - y) * np.log(1 - np.clip(a, EPS, 1 - EPS))) / n(a))),
        ("cross_entropy", CE, "cross_entropy swaps the logs: y ln(1 − a) + (1 − y) ln a.",
         "y goes with ln a, (1 − y) with ln(1 − a).",
         lambda a, y: float(-np.sum(y * np.log(1 - np.clip(a, EPS, 1 - EPS)) + (1 - y) * np.log(
             np.clip(a, EPS, 1 - EPS))) / n(a))),
        ("cross_entropy", CE, "cross_entropy averages over every entry (np.mean over n·k numbers): it divides by "
         "k too.", "sum over each example's k outputs, average over the n examples only: np.sum(...) / n.",
         lambda a, y: cross_entropy(a, y) / k(a)),
        ("cross_entropy", CE, "cross_entropy is not averaged: it adds up the examples.", "divide the sum by n.",
         lambda a, y: n(a) * cross_entropy(a, y)),
        ("cross_entropy", CE, "cross_entropy uses log10, not the natural logarithm ln.", "np.log is ln; np.log10 "
         "is another logarithm, 2.3 times smaller.", lambda a, y: cross_entropy(a, y) / np.log(10)),
        ("cross_entropy", CE, "cross_entropy uses log2, not the natural logarithm ln.", "np.log is ln.",
         lambda a, y: cross_entropy(a, y) / np.log(2)),
        ("cross_entropy_derivative", CE, "cross_entropy_derivative has the wrong sign: (y − a) / (a (1 − a)).",
         "∂C_x/∂a = (a − y) / (a (1 − a)).", lambda a, y: -ce_derivative(a, y)),
        ("cross_entropy_derivative", CE, "cross_entropy_derivative divides by n: it is per example, averaged later.",
         "∂C_x/∂a = (a − y) / (a (1 − a)), not divided by n.", lambda a, y: ce_derivative(a, y) / n(a)),
        ("cross_entropy_derivative", CE, "cross_entropy_derivative is a − y: that is BP1's shortcut after a "
         "sigmoid (delta), not the derivative with respect to a.", "∂C_x/∂a = (a − y) / (a (1 − a)).",
         lambda a, y: a - y),
        ("cross_entropy_derivative", CE, "cross_entropy_derivative computes (a − y) / a · (1 − a): the "
         "denominator needs its parentheses.", "(a - y) / (a * (1 - a)).",
         lambda a, y: (np.clip(a, EPS, 1 - EPS) - y) / np.clip(a, EPS, 1 - EPS) * (1 - np.clip(a, EPS, 1 - EPS))),
        ("cross_entropy_derivative", CE, "cross_entropy_derivative computes −y/a − (1 − y)/(1 − a): the second "
         "term's sign is wrong.", "−y/a + (1 − y)/(1 − a), which equals (a − y) / (a (1 − a)).",
         lambda a, y: -y / np.clip(a, EPS, 1 - EPS) - (1 - y) / (1 - np.clip(a, EPS, 1 - EPS))),
    ]
    unclipped = [
        ("cross_entropy", "cross_entropy takes ln 0 when an output is exactly 0 or 1: ln 0 is −inf and 0 · ln 0 is "
         "nan.", lambda a, y: cross_entropy(a, y, 0.0)),
        ("cross_entropy", "cross_entropy clips a only from below: an output of exactly 1 still gives ln(1 − a) = "
         "ln 0.", lambda a, y: cross_entropy(np.maximum(a, EPS), y, 0.0)),
        ("cross_entropy", "cross_entropy clips a only from above: an output of exactly 0 still gives ln a = ln 0.",
         lambda a, y: cross_entropy(np.minimum(a, 1 - EPS), y, 0.0)),
        ("cross_entropy_derivative", "cross_entropy_derivative divides by a (1 − a) = 0 when an output is exactly "
         "0 or 1.", lambda a, y: ce_derivative(a, y, 0.0)),
    ]
    items += [(name, CE, cause, "clip a first: a = np.clip(a, 1e-12, 1 - 1e-12), then the formula; the clip "
               "changes nothing for outputs strictly between 0 and 1.", f) for name, cause, f in unclipped]
    found = [Mistake(cause, hint, section, only(name, f)) for name, section, cause, hint, f in items]
    for eps in (0.1, 0.05, 0.01, 5e-3, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-13, 1e-14, 1e-15,
                1e-16, 2**-52):
        found.append(Mistake(f"cross_entropy clips a at ε = {eps:.3g}, where the stub's rule is 1e-12: an output of "
                             f"exactly 0 or 1 then costs −ln ε = {-np.log(eps):.4g}, not {-np.log(EPS):.4g}.",
                             "np.clip(a, 1e-12, 1 - 1e-12), as the stub says.", CE,
                             only("cross_entropy", lambda a, y, eps=eps: cross_entropy(a, y, eps))))
        found.append(Mistake(f"cross_entropy_derivative clips a at ε = {eps:.3g}, where the stub's rule is 1e-12.",
                             "np.clip(a, 1e-12, 1 - 1e-12), as the stub says.", CE,
                             only("cross_entropy_derivative", lambda a, y, eps=eps: ce_derivative(a, y, eps))))
    for eps in (1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-15):
        found.append(Mistake(f"cross_entropy adds ε = {eps:.3g} inside the logs (ln(a + ε)): that changes every "
                             "term a little, and the stub's rule is a clip at 1e-12.",
                             "np.clip(a, 1e-12, 1 - 1e-12) first, then the formula.", CE,
                             only("cross_entropy", lambda a, y, eps=eps: cross_entropy(a, y, eps, add=True))))
    found.append(Mistake("cross_entropy computes in float32, where 1 − 1e-12 rounds to 1.0: the clip no longer keeps "
                         "ln(1 − a) finite, and the other answers lose digits.", "compute in float64: leave out the "
                         "float32 conversion (np.clip(a, 1e-12, 1 - 1e-12) works in float64).", CE,
                         only("cross_entropy", _float32_cross_entropy), needs="float32"))
    found.append(float32_mistake(CE))
    return found


def _float32_cross_entropy(a: np.ndarray, y: np.ndarray) -> float:
    a = np.clip(np.asarray(a, dtype=np.float32), np.float32(1e-12), np.float32(1 - 1e-12))
    y = np.asarray(y, dtype=np.float32)
    with np.errstate(all="ignore"):
        return float(-np.sum(y * np.log(a) + (1 - y) * np.log(1 - a)) / a.shape[0])


MISTAKES = _mistakes()


def _structure() -> Probe:
    steps = Steps()
    steps.send(*(steps.describe(f"module.{name}") for name in NAMES))

    def judge(got: Any) -> Any:
        for name, found in zip(NAMES, got, strict=True):
            problem = (structure.need(found, name, "function", f"def {name}(a, y):")
                       or structure.need_call(found, f"{name}(a, y)", 2, (), f"write def {name}(a, y):"))
            if problem:
                return problem
        return None

    return Probe("mse, cross_entropy, mse_derivative and cross_entropy_derivative, each (a, y)", steps,
                 judge=judge, structure=True)


def loss_probe(name: str, a: np.ndarray, y: np.ndarray, tag: dict[str, str], note: str = "") -> Probe:
    steps = Steps()
    steps.send(steps.call(f"module.{name}", ("a", a), ("y", y)))
    expected = REFERENCE[name](a, y)
    edge = name.startswith("cross_entropy") and bool(np.any((a == 0) | (a == 1)))
    precision = "float32" if a.dtype == np.float32 else "clipped" if edge else "float64"
    number = name in ("mse", "cross_entropy")
    rule = Rule("number" if number else "array", f"{name}(a, y)", precision=precision)
    hints = {"mse": "C = 1/(2n) Σ_x ‖y(x) − a(x)‖², one number: the squares summed over each example's k outputs, "
                    "divided by 2n.",
             "mse_derivative": "∂C_x/∂a = a − y, one row per example (the 1/2 cancels the 2 of the square).",
             "cross_entropy": "C = −1/n Σ_x Σ_j [y ln a + (1 − y) ln(1 − a)], a clipped into [1e-12, 1 − 1e-12].",
             "cross_entropy_derivative": "∂C_x/∂a = (a − y) / (a (1 − a)) per example, a clipped into "
                                         "[1e-12, 1 − 1e-12]."}
    return Probe(f"{name}(a, y)", steps, rule, expected, inputs={"a": a, "y": y},
                 note=note or f"n = {a.shape[0]} example(s), k = {a.shape[1]} output(s) each",
                 tags={name: name, **tag}, params={"name": name, "a": a, "y": y}, hint=hints[name])


def probes(rng: np.random.Generator) -> list[Probe]:
    """Each function on one output, two outputs, one example, n = k, integer labels, float32,
    outputs of exactly 0 and 1 (confidently right and confidently wrong), random ones."""
    A1, Y1 = np.array([[0.8], [0.3], [0.5]]), np.array([[1.0], [0.0], [1.0]])
    A2 = np.array([[0.8, 0.1], [0.3, 0.6], [0.5, 0.9]])
    Y2 = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    Asq, Ysq = np.array([[0.2, 0.7], [0.9, 0.4]]), np.array([[0.0, 1.0], [1.0, 1.0]])
    Ar = np.round(rng.uniform(0.05, 0.95, size=(6, 3)), 4)
    Yr = (rng.uniform(size=(6, 3)) > 0.5).astype(float)
    common = [
        (A1, Y1, tags("one_output")), (A2, Y2, {}), (A2[1:2], Y2[1:2], {"one": "one example (n = 1)"}),
        (Asq, Ysq, tags("square")), (A2, Y2.astype(int), {"int_y": "integer labels y"}),
        (A2.astype(np.float32), Y2.astype(np.float32), tags("float32")), (Ar, Yr, tags("random")),
    ]
    found = [_structure()]
    for name in NAMES:
        for a, y, tag in common:
            found.append(loss_probe(name, a, y, tag))
    regression = np.array([[2.5, -1.0], [0.0, 3.0]]), np.array([[1.0, 0.5], [-2.0, 3.0]])
    for name in ("mse", "mse_derivative"):
        found.append(loss_probe(name, *regression, {"regression": "values outside [0, 1] (regression)"}))
    extremes = [
        (np.array([[1.0], [0.7]]), np.array([[1.0], [1.0]]), "a = 1 where y = 1: right, and sure of it", "sure_right"),
        (np.array([[0.0], [0.2]]), np.array([[0.0], [0.0]]), "a = 0 where y = 0: right, and sure of it", "sure_right"),
        (np.array([[0.0], [0.6]]), np.array([[1.0], [1.0]]), "a = 0 where y = 1: wrong, and sure of it", "sure_wrong"),
        (np.array([[1.0], [0.3]]), np.array([[0.0], [0.0]]), "a = 1 where y = 0: wrong, and sure of it", "sure_wrong"),
    ]
    phrases = {"sure_right": "outputs of exactly 0 or 1 that are right",
               "sure_wrong": "outputs of exactly 0 or 1 that are wrong"}
    for name in ("cross_entropy", "cross_entropy_derivative"):
        for a, y, note, key in extremes:
            found.append(loss_probe(name, a, y, tags("extreme") | {key: phrases[key]}, note))
    return found


FORMULAS = {"mse": "C = 1/(2n) Σ ‖y − a‖²", "cross_entropy": "C = −1/n Σ [y ln a + (1 − y) ln(1 − a)]",
            "mse_derivative": "∂C_x/∂a = a − y",
            "cross_entropy_derivative": "∂C_x/∂a = (a − y) / (a (1 − a))"}


def _inside(probe: Probe) -> bool:
    a = np.asarray(probe.params["a"], dtype=float)
    return not probe.params["name"].startswith("cross_entropy") or bool(np.all((a > 0) & (a < 1)))


def explain(probes: list[Probe], outcomes: list[Outcome], first: int) -> dict[str, str] | None:
    """The formula the first failing function computes, from the small ones in a and y: entry by entry
    for a derivative, summed over the entries and divided by one of n, 2n, k, 2k, n·k, 2n·k, 1 or 2 for
    a loss (``formulas.search``); on the checks whose outputs lie strictly between 0 and 1 for
    cross-entropy."""
    name = probes[first].params.get("name")
    if outcomes[first].status != "wrong" or name not in FORMULAS:
        return None
    chosen = [(p, o) for p, o in zip(probes, outcomes, strict=True) if not p.structure
              and p.params.get("name") == name and _inside(p) and o.status in ("right", "wrong")
              and p.rule.precision == "float64"]
    atoms = {"a": [np.asarray(p.params["a"], dtype=float).ravel() for p, _ in chosen],
             "y": [np.asarray(p.params["y"], dtype=float).ravel() for p, _ in chosen]}
    joined = {key: np.concatenate(parts) for key, parts in atoms.items()} if chosen else {}
    formula, over = None, ""
    if name.endswith("derivative"):
        found = formulas.fitted([p for p, _ in chosen], [o for _, o in chosen], lambda p: True,
                                lambda p: {"a": p.params["a"], "y": p.params["y"]})
        formula = formulas.search(*found) if found else None
    elif chosen and all(isinstance(o.got, float | int | np.floating) for _, o in chosen):
        got = np.array([float(o.got) for _, o in chosen])
        right = np.array([float(p.expected) for p, _ in chosen])
        starts = np.cumsum([0, *(len(part) for part in atoms["a"][:-1])])
        n = np.array([np.shape(p.params["a"])[0] for p, _ in chosen], dtype=float)
        k = np.array([np.shape(p.params["a"])[1] for p, _ in chosen], dtype=float)
        for over, divisor in (("n", n), ("2n", 2 * n), ("n·k", n * k), ("2n·k", 2 * n * k), ("k", k), ("2k", 2 * k),
                              ("1", np.ones_like(n)), ("2", 2 * np.ones_like(n))):
            formula = formulas.search(joined, got, right,
                                      reduce=lambda v, d=divisor: np.add.reduceat(v, starts) / d)
            if formula is not None:
                formula = f"Σ {formula}" + ("" if over == "1" else f" / {over}" if len(over) == 1 else f" / ({over})")
                break
    if formula is None:
        return None
    where = " (the checks whose outputs lie strictly between 0 and 1)" if name.startswith("cross_entropy") else ""
    return {"cause": f"{name}(a, y) computes {formula}{where}, where {FORMULAS[name]}"
                     + (", the sum over the entries of each example and over the examples" if over else "") + ".",
            "evidence": f"a search of the small formulas in a and y finds this one, the smallest that gives your "
                        f"answers on all {len(chosen)} such checks, right and wrong.",
            "hint": f"{FORMULAS[name]} (lesson {LESSON}: \"{SECTION}\")"}
