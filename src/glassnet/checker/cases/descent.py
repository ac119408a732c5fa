"""Exercise descent: gradient descent on a function of one variable, keeping its path. Lesson 05."""

from __future__ import annotations

from typing import Any

import numpy as np

from glassnet.checker import structure
from glassnet.checker.compare import Rule
from glassnet.checker.mistakes import Mistake, Outcome, depends, float32_mistake
from glassnet.checker.probes import Df, Probe, Steps, tags
from glassnet.checker.values import num

LESSON = "05, gradient descent"
SECTION = "By hand: a parabola"
ORDER = 8
EXERCISED = ("gradient_descent",)
TIMEOUT_HINT = "stop after max_iters steps even when the steps never get shorter than precision."
NAMES = ("df", "x0", "learning_rate", "precision", "max_iters")
WALK, RATE = "By hand: a parabola", "Choosing the learning rate"


def walk(df: Any, x0: Any, learning_rate: float, precision: float, max_iters: int, *, sign: float = 1.0,
         rate: bool = True, first: bool = True, extra: int = 0, strict: bool = False, criterion: str = "step",
         keep_last: bool = True, grow_stop: bool = False, once: bool = False, before: bool = False,
         from_x0: bool = False) -> list[Any]:
    """The stub's walk (x ← x − η f'(x), stop right after a step of at most ``precision``, or after
    ``max_iters`` steps), with one known mistake switched on by a keyword."""
    path = [x0]
    x = x0
    g0 = df(x0)
    for _ in range(max(max_iters + extra, 0)):
        gradient = g0 if once else df(x)
        if criterion == "gradient" and abs(gradient) <= precision:
            break
        if before:  # the point appended before moving: x0 twice, the last point never
            path.append(x)
            x = x - learning_rate * gradient
            if abs(learning_rate * gradient) <= precision:
                break
            continue
        x_new = (x0 if from_x0 else x) - sign * (learning_rate if rate else 1.0) * gradient
        step = abs(x_new - x)
        if grow_stop and abs(x_new) > abs(x):
            break
        stop = step < precision if strict else step <= precision
        if criterion == "signed":  # x_new − x without abs: every step to the left stops the walk
            stop = x_new - x <= precision
        if criterion == "value":
            stop = abs(x_new) <= precision
        if criterion == "gradient after":
            stop = abs(gradient) <= precision
        if stop and not keep_last:
            break
        path.append(x_new)
        x = x_new
        if stop and criterion in ("step", "value", "gradient after", "signed"):
            break
    return path if first else path[1:]


def _model(**mistake: Any) -> Any:
    def model(probe: Probe) -> Any:
        p = probe.params
        return walk(p["df"], p["x0"], p["learning_rate"], p["precision"], p["max_iters"], **mistake)

    return model


MISTAKES = [
    Mistake("each step goes uphill: x ← x + η f'(x).", "step downhill, against the derivative: x ← x − η f'(x).",
            WALK, _model(sign=-1.0)),
    Mistake("the steps are not scaled by the learning rate: x ← x − f'(x).", "x ← x − η f'(x).", RATE,
            _model(rate=False)),
    Mistake("the path does not start with x0.", "the path starts with x0 itself, then each new point.", WALK,
            _model(first=False)),
    Mistake("gradient_descent returns only the last point, not the path.", "return the whole list of points, "
            "x0 first.", WALK, lambda probe: _model()(probe)[-1]),
    Mistake("one step too many when max_iters stops the walk: the loop runs max_iters + 1 times.",
            "for _ in range(max_iters): at most max_iters steps, so at most max_iters + 1 points.", WALK,
            _model(extra=1)),
    Mistake("one step too few when max_iters stops the walk: the loop runs max_iters − 1 times (or counts the "
            "points, not the steps).", "for _ in range(max_iters): max_iters steps, max_iters + 1 points.", WALK,
            _model(extra=-1)),
    Mistake("the walk stops only when a step is strictly shorter than precision: a step of exactly precision "
            "goes on.", "the stub's rule is |x_new − x| <= precision: a step of exactly precision stops the walk.",
            WALK, _model(strict=True)),
    Mistake("the step is tested before it is taken, with < : the walk stops without appending its last, short "
            "step, and a step of exactly precision goes on.", "take the step, append the new point, then stop if "
            "|x_new − x| <= precision.", WALK, _model(strict=True, keep_last=False)),
    Mistake("the walk stops on the derivative (|f'(x)| <= precision), not on the step |x_new − x|.",
            "compare the step, |x_new − x| = η |f'(x)|, with precision, right after taking it.", WALK,
            _model(criterion="gradient")),
    Mistake("the walk stops after a step whose derivative |f'(x)| was at most precision, not on the step "
            "|x_new − x| = η |f'(x)| itself.", "compare the step, |x_new − x|, with precision, right after taking it.",
            WALK, _model(criterion="gradient after")),
    Mistake("the stop test has no abs: it compares x_new − x with precision, so any step to the left (x_new < x, "
            "a negative difference) stops the walk, however long it is.", "stop when |x_new − x| <= precision: "
            "abs(x_new - x), the length of the step, whichever way it goes.", WALK, _model(criterion="signed")),
    Mistake("the last step, the one shorter than precision, is not kept: the walk stops before appending it.",
            "take the step, append the new point, then stop if the step was <= precision.", WALK,
            _model(keep_last=False)),
    Mistake("the walk stops as soon as |x| grows: with a learning rate that diverges it should go on until "
            "max_iters.", "stop only on the two rules: a step <= precision, or max_iters steps.", RATE,
            _model(grow_stop=True)),
    Mistake("each point is appended before the step is taken: the path holds x0 twice and never its last point.",
            "take the step first, then append the new point: x = x - η f'(x); path.append(x).", WALK,
            _model(before=True)),
    Mistake("the walk stops when |x| itself is at most precision, not when the step |x_new − x| is.",
            "stop on the step: |x_new − x| <= precision.", WALK, _model(criterion="value")),
    Mistake("every step starts again from x0: x_new = x0 − η f'(x), not x − η f'(x).", "step from where you are: "
            "x_new = x − η f'(x).", WALK, _model(from_x0=True)),
    Mistake("the walk never takes a step: its loop tests a step that starts at 0 against precision.",
            "start the step at infinity (or test after stepping): the first step is always taken.", WALK,
            lambda probe: [probe.params["x0"]]),
    Mistake("the derivative is computed once, at x0, and reused: every step is the same.",
            "call df(x) at each step, at the current x.", WALK, _model(once=True)),
    Mistake("the walk uses the track's f'(x) = 2(x − 2), written into the code, instead of the df it is given.",
            "call df(x): gradient_descent works for any function whose derivative it is handed.", WALK,
            lambda probe: walk(lambda x: 2 * (x - 2), *(probe.params[k] for k in
                                                          ("x0", "learning_rate", "precision", "max_iters")))),
    float32_mistake(WALK),
]


def _structure() -> Probe:
    steps = Steps()
    steps.send(steps.describe("module.gradient_descent"))
    how = "write def gradient_descent(df, x0, learning_rate, precision, max_iters):"

    def judge(found: Any) -> Any:
        return (structure.need(found, "gradient_descent", "function", how)
                or structure.need_call(found, "gradient_descent(df, x0=..., learning_rate=..., precision=..., "
                                       "max_iters=...)", 1, NAMES[1:], how))

    return Probe("gradient_descent(df, x0, learning_rate, precision, max_iters)", steps, judge=judge, structure=True,
                 hint=how)


def descent_probe(df: Df, x0: Any, learning_rate: float, precision: float, max_iters: int, note: str,
                  tag: dict[str, str]) -> Probe:
    steps = Steps()
    steps.send(steps.call("module.gradient_descent", ("df", df), x0=x0, learning_rate=learning_rate,
                          precision=precision, max_iters=max_iters))
    expected = [float(x) for x in walk(df, x0, learning_rate, precision, max_iters)]
    shown = [num(x) for x in expected]
    if len(shown) > 8:
        shown = [*shown[:4], "...", *shown[-2:]]
    precision_kind = "float32" if isinstance(x0, np.float32) else "float64"
    return Probe(f"gradient_descent({df.text}, x0={x0!r}, learning_rate={learning_rate!r}, precision={precision!r}, "
                 f"max_iters={max_iters})", steps, Rule("numbers", "the path", precision=precision_kind), expected,
                 note=note, tags=tag, show_expected=f"{len(expected)} points: [{', '.join(shown)}]",
                 params={"df": df, "x0": x0, "learning_rate": learning_rate, "precision": precision,
                         "max_iters": max_iters},
                 hint="x ← x − η f'(x), keeping every x in a list that starts with x0; stop right after a step "
                      "with |x_new − x| <= precision (keep that point), or after max_iters steps.")


def probes(rng: np.random.Generator) -> list[Probe]:
    """The track's walk, both sides of the minimum, the whole walk, other functions, integers,
    float32, a step of exactly precision, max_iters of 0 and 1, a diverging rate, random walks."""
    parabola = Df(("linear", 2, 2), "lambda x: 2 * (x - 2)")
    square = Df(("linear", 2.0, 0.0), "lambda x: 2 * x")
    quartic = Df(("cubic", 4.0), "lambda x: 4 * x**3")
    flat = Df(("const", 0.25), "lambda x: 0.25")
    limit = {"limit": "walks stopped by max_iters"}
    done = {"precision": "walks stopped by precision"}
    a, c = float(np.round(rng.uniform(0.5, 4), 3)), float(np.round(rng.uniform(-3, 3), 3))
    eta, x0 = float(np.round(rng.uniform(0.01, 0.2), 3)), float(np.round(rng.uniform(-5, 5), 3))
    return [
        _structure(),
        descent_probe(parabola, 4.0, 0.01, 1e-4, 3, "f(x) = (x − 2)²: the track's numbers 3.96, 3.9208, 3.882384",
                      limit),
        descent_probe(parabola, 0.0, 0.01, 1e-4, 3, "the same f, from the other side", limit),
        descent_probe(parabola, 4.0, 0.01, 1e-4, 1000, "the whole walk: it stops once a step is <= precision", done),
        descent_probe(square, -3.0, 0.1, 1e-3, 100, "f(x) = x²", done),
        descent_probe(quartic, 1.0, 0.05, 1e-3, 200, "f(x) = x⁴, f'(x) = 4x³", done | {"other": "another function"}),
        descent_probe(parabola, 4.0, 0.01, 1e-12, 50, "precision is never reached: max_iters = 50 steps", limit),
        descent_probe(parabola, 4, 0.01, 1e-4, 3, "x0 an integer, and f' returns integers for integers",
                      limit | tags("int")),
        descent_probe(flat, 1.0, 0.5, 0.125, 6, "every step is exactly 0.125 = precision: the first one stops "
                      "(|x_new − x| <= precision)", {"exact": "a step of exactly precision"}),
        descent_probe(parabola, 4.0, 0.01, 1e-4, 0, "max_iters = 0: no step at all", limit | {"zero": "max_iters 0"}),
        descent_probe(parabola, 4.0, 0.01, 1e-4, 1, "max_iters = 1: one step", limit),
        descent_probe(parabola, 4.0, 1.1, 1e-4, 20, "η = 1.1 diverges (each step overshoots further): only "
                      "max_iters stops it", limit | {"diverging": "a learning rate that diverges"}),
        descent_probe(parabola, np.float32(4.0), 0.01, 1e-4, 5, "x0 a float32", limit | tags("float32")),
        descent_probe(Df(("linear", a, c), f"lambda x: {a!r} * (x - {c!r})"), x0, eta, 1e-5, 500,
                      "a random parabola", done | tags("random")),
    ]


def explain(probes: list[Probe], outcomes: list[Outcome], first: int) -> dict[str, str] | None:
    """Where the learner's walk first leaves the right one, and what the stop test saw there."""
    probe, result = probes[first], outcomes[first]
    if result.status != "wrong" or result.problem.kind != "value" or not isinstance(result.got, list):
        return None
    try:
        got = [float(x) for x in result.got]
    except (TypeError, ValueError):
        return None
    if not got or not all(np.isfinite(got)):
        return None
    right, p = probe.expected, probe.params
    same = 0
    while same < min(len(got), len(right)) and np.isclose(got[same], right[same], rtol=1e-8, atol=1e-11):
        same += 1
    precision, steps = p["precision"], len(right) - 1
    if same == len(got) < len(right):
        text = f"your walk stopped after {same - 1} step{'s' if same != 2 else ''}, at x = {num(got[-1])}; "
        if same >= 2:
            last = got[-1] - got[-2]
            text += (f"its last step was x_new − x = {num(last)}, and |x_new − x| = {num(abs(last))} > precision = "
                     f"{precision!r}: the stub's rule goes on there (it takes {steps} steps). The stop test ended the "
                     "walk too early.")
        else:
            text += f"the stub's rule takes {steps} steps from x0."
    elif same == len(right) < len(got):
        last = right[-1] - right[-2] if steps else 0.0
        why = (f"max_iters = {p['max_iters']} steps, the most the walk may take" if steps == p["max_iters"] else
               f"step {steps}, where |x_new − x| = {num(abs(last))} <= precision = {precision!r}")
        text = (f"your walk went on after {why}: the stub's rule stops there; yours took {len(got) - len(right)} more "
                f"step{'s' if len(got) - len(right) != 1 else ''}.")
    elif same == 0:
        text = f"your path starts at {num(got[0])}, not at x0 = {p['x0']!r}."
    else:
        x, mine, step = right[same - 1], got[same] - right[same - 1], right[same] - right[same - 1]
        points = "point 0 is right" if same == 1 else f"points 0 to {same - 1} are right"
        if mine == 0:
            return {"depends": depends(probes, outcomes),
                    "pattern": f"{points}; point {same} repeats x = {num(x)} (a step of 0: the same point is in the "
                               f"path twice), where the right step from there is −η f'(x) = {num(step)}."}
        text = (f"{points}; from x = {num(x)} the right step is −η f'(x) = {num(step)}, yours "
                f"goes to {num(got[same])}, a step of {num(mine)}")
        ratio = mine / step if step else np.inf
        if np.isfinite(ratio) and abs(ratio - 1) > 1e-2:
            eta = p["learning_rate"]
            named = (" (η times the right one)" if np.isclose(ratio, eta) else " (1/η times the right one)"
                     if np.isclose(ratio, 1 / eta) else "")
            text += f", {ratio:.6g} × the right one{named}."
        else:
            text += "."
    return {"depends": depends(probes, outcomes), "pattern": text}
