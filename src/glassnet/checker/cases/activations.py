"""Exercise activations: Sigmoid, Tanh and ReLU, each with static fn(z) and prime(z). Lesson 02."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from glassnet.checker import formulas, structure
from glassnet.checker.compare import Rule
from glassnet.checker.mistakes import SAME, Either, Mistake, Outcome, float32_mistake
from glassnet.checker.probes import Probe, Steps, tags
from glassnet.checker.values import code

LESSON = "02, activation functions"
SECTION = "Three activation functions"
ORDER = 4
EXERCISED = ("Sigmoid", "Tanh", "ReLU")
CHECKS_WARNINGS = True  # an overflow in exp is a formula that breaks for large inputs
NAME_HINT = "Sigmoid, Tanh and ReLU each need static methods fn(z) and prime(z)."
SIGMOID, TANH, RELU = "The logistic sigmoid", "The hyperbolic tangent", "The rectified linear unit"
FUNCTIONS = [(cls, method) for cls in ("Sigmoid", "Tanh", "ReLU") for method in ("fn", "prime")]


def sigma(z: np.ndarray) -> np.ndarray:
    """σ(z), stable for every z (glassnet's)."""
    from glassnet.activations import Sigmoid

    return Sigmoid.fn(np.asarray(z, dtype=float))


def reference(cls: str, method: str, z: np.ndarray) -> np.ndarray:
    """glassnet's own activation, on z as float64."""
    from glassnet import activations

    return getattr(getattr(activations, cls), method)(np.asarray(z, dtype=float))


#: How each prime follows from its fn, when a learner's prime calls their own fn.
FROM_FN = {"Sigmoid": lambda s: s * (1 - s), "Tanh": lambda t: 1 - t**2}


def only(cls: str, method: str, f: Callable[[np.ndarray], Any]) -> Callable[[Probe], Any]:
    """A model: ``f(z)`` on probes of ``cls.method``, the right answer on every other (for the
    prime of a wrong fn: either the right prime, or the one computed from that fn)."""

    def model(probe: Probe) -> Any:
        p = probe.params
        z = np.asarray(p["z"], dtype=float)
        if method == "fn" and p["cls"] == cls and p["method"] == "prime" and cls in FROM_FN:
            return Either(SAME, FROM_FN[cls](f(z)))
        if (p["cls"], p["method"]) != (cls, method):
            return SAME
        return f(z)

    return model


def _clipped(cls: str, fn: Callable[[np.ndarray], np.ndarray], inverse: Callable[[float], float]) -> Callable:
    """fn computed on z clipped to ±c, c read from the first wrong entry of a large |z|."""

    def explains(probes: list[Probe], outcomes: list[Outcome]) -> bool:
        c = None
        for probe, outcome in zip(probes, outcomes, strict=True):
            if probe.params.get("cls") == cls and probe.params.get("method") == "fn" and outcome.status == "wrong":
                z, got = np.asarray(probe.params["z"], dtype=float), np.asarray(outcome.got, dtype=float)
                if got.shape == z.shape:
                    wrong = ~np.isclose(got, fn(z), rtol=1e-8, atol=1e-11) & (np.abs(z) > 1)
                    if wrong.any():
                        with np.errstate(all="ignore"):
                            c = abs(inverse(float(got[wrong][0])))
                        break
        if c is None or not np.isfinite(c) or c < 1:
            return False
        model = Mistake("", "", "", only(cls, "fn", lambda z: fn(np.clip(z, -c, c))))
        from glassnet.checker.mistakes import explained

        return explained(model, probes, outcomes)

    return explains


def _swapped(cls: str) -> Callable[[Probe], Any]:
    """fn gives the derivative and prime the function."""

    def model(probe: Probe) -> Any:
        p = probe.params
        if p["cls"] != cls:
            return SAME
        other = {"fn": "prime", "prime": "fn"}[p["method"]]
        return reference(cls, other, p["z"])

    return model


def _mistakes() -> list[Mistake]:
    s = sigma
    with np.errstate(all="ignore"):
        sigmoid_fn = [
            ("Sigmoid.fn is σ(−z): the sign in the exponent is flipped.", "σ(z) = 1 / (1 + exp(−z)), with a minus "
             "sign: large z gives almost 1.", lambda z: s(-z)),
            ("Sigmoid.fn returns exp(−z) without the rest of the formula.", "σ(z) = 1 / (1 + exp(−z)).",
             lambda z: np.exp(-z)),
            ("Sigmoid.fn computes 1 / (1 − exp(−z)): a minus where the formula has a plus.",
             "σ(z) = 1 / (1 + exp(−z)).", lambda z: 1 / (1 - np.exp(-z))),
            ("Sigmoid.fn computes σ(|z|): the stable form without its second branch, so every negative z gets the "
             "positive side's value.", "for z < 0 use exp(z) / (1 + exp(z)) (or 1 − σ(|z|)); exp(−|z|) is never "
             "above 1.", lambda z: s(np.abs(z))),
            ("Sigmoid.fn computes tanh, not the sigmoid.", "σ(z) = 1 / (1 + exp(−z)), between 0 and 1.", np.tanh),
        ]
        sigmoid_prime = [
            ("Sigmoid.prime computes z (1 − z): that is σ'(z) written with σ(z) replaced by z itself.",
             "σ'(z) = σ(z) (1 − σ(z)): compute s = σ(z) first.", lambda z: z * (1 - z)),
            ("Sigmoid.prime returns σ(z) itself, not its derivative.", "σ'(z) = σ(z) (1 − σ(z)).", s),
            ("Sigmoid.prime has the wrong sign: −σ(z) (1 − σ(z)).", "σ'(z) = σ(z) (1 − σ(z)) is positive.",
             lambda z: -s(z) * (1 - s(z))),
            ("Sigmoid.prime computes σ(z)², not σ(z) (1 − σ(z)).", "σ'(z) = σ(z) (1 − σ(z)).", lambda z: s(z) ** 2),
            ("Sigmoid.prime computes 1 − σ(z), not σ(z) (1 − σ(z)).", "σ'(z) = σ(z) (1 − σ(z)).",
             lambda z: 1 - s(z)),
            ("Sigmoid.prime computes σ(z) (1 + σ(z)): a plus where the formula has a minus.",
             "σ'(z) = σ(z) (1 − σ(z)).", lambda z: s(z) * (1 + s(z))),
            ("Sigmoid.prime applies the sigmoid twice: σ(σ(z)) (1 − σ(σ(z))), the derivative at σ(z) instead of z.",
             "prime receives z: s = σ(z), then s (1 − s).", lambda z: s(s(z)) * (1 - s(s(z)))),
            ("Sigmoid.prime computes σ(z) (1 − σ(z))²: the factor (1 − σ(z)) is squared.",
             "σ'(z) = σ(z) (1 − σ(z)): each factor once.", lambda z: s(z) * (1 - s(z)) ** 2),
            ("Sigmoid.prime computes σ(z) (1 − z): the second factor uses z where it needs σ(z).",
             "σ'(z) = σ(z) (1 − σ(z)): both factors from s = σ(z).", lambda z: s(z) * (1 - z)),
            ("Sigmoid.prime computes σ(z)² (1 − σ(z)): the factor σ(z) is squared.",
             "σ'(z) = σ(z) (1 − σ(z)): each factor once.", lambda z: s(z) ** 2 * (1 - s(z))),
        ]
        tanh_fn = [
            ("Tanh.fn computes the sigmoid, not tanh.", "tanh(z) = (e^z − e^−z) / (e^z + e^−z), between −1 and 1; "
             "np.tanh computes it.", s),
            ("Tanh.fn computes 2σ(z) − 1, which is tanh(z/2): the 2 belongs inside σ too.", "tanh(z) = 2σ(2z) − 1.",
             lambda z: 2 * s(z) - 1),
            ("Tanh.fn computes (e^z − e^−z) / 2, which is sinh: the denominator is e^z + e^−z.",
             "tanh(z) = (e^z − e^−z) / (e^z + e^−z), or np.tanh(z).", np.sinh),
            ("Tanh.fn has the wrong sign: tanh(−z).", "tanh(z) = (e^z − e^−z) / (e^z + e^−z).", lambda z: -np.tanh(z)),
        ]
        tanh_prime = [
            ("Tanh.prime computes 1 − tanh(z), without the square.", "tanh'(z) = 1 − tanh(z)².",
             lambda z: 1 - np.tanh(z)),
            ("Tanh.prime computes 1 − z²: that is tanh'(z) with tanh(z) replaced by z itself.",
             "tanh'(z) = 1 − tanh(z)²: compute t = tanh(z) first.", lambda z: 1 - z**2),
            ("Tanh.prime computes tanh(z)², not 1 − tanh(z)².", "tanh'(z) = 1 − tanh(z)².", lambda z: np.tanh(z) ** 2),
            ("Tanh.prime computes tanh(z) (1 − tanh(z)), the sigmoid's pattern.", "tanh'(z) = 1 − tanh(z)².",
             lambda z: np.tanh(z) * (1 - np.tanh(z))),
            ("Tanh.prime computes 1 + tanh(z)²: a plus where the formula has a minus.", "tanh'(z) = 1 − tanh(z)².",
             lambda z: 1 + np.tanh(z) ** 2),
            ("Tanh.prime computes (1 − tanh(z))².", "tanh'(z) = 1 − tanh(z)²: square tanh, then subtract.",
             lambda z: (1 - np.tanh(z)) ** 2),
            ("Tanh.prime uses the sigmoid's derivative, σ(z) (1 − σ(z)).", "tanh'(z) = 1 − tanh(z)².",
             lambda z: s(z) * (1 - s(z))),
            ("Tanh.prime computes 1 − tanh(z²): the square is inside tanh, on z, instead of on tanh(z).",
             "tanh'(z) = 1 − tanh(z)²: np.tanh(z) ** 2, not np.tanh(z ** 2).", lambda z: 1 - np.tanh(z**2)),
            ("Tanh.prime computes 1 / cosh(z), sech(z) without its square.", "tanh'(z) = 1 − tanh(z)² = "
             "1 / cosh(z)².", lambda z: 1 / np.cosh(z)),
            ("Tanh.prime computes 1 − tanh(z) · z.", "tanh'(z) = 1 − tanh(z) · tanh(z).",
             lambda z: 1 - np.tanh(z) * z),
            ("Tanh.prime applies tanh twice: 1 − tanh(tanh(z))², the derivative at tanh(z) instead of z.",
             "prime receives z: t = tanh(z), then 1 − t².", lambda z: 1 - np.tanh(np.tanh(z)) ** 2),
        ]
        relu_fn = [
            ("ReLU.fn returns |z|: negative z should give 0, not −z.", "ReLU(z) = max(0, z): np.maximum(0, z).",
             np.abs),
            ("ReLU.fn keeps the negative part: min(0, z).", "ReLU(z) = max(0, z): np.maximum(0, z).",
             lambda z: np.minimum(z, 0)),
            ("ReLU.fn is a leaky ReLU (a small slope for z < 0): the exercise's ReLU gives exactly 0 there.",
             "ReLU(z) = max(0, z).", lambda z: np.where(z > 0, z, 0.01 * z)),
            ("ReLU.fn returns the step (1 where z > 0), which is ReLU's derivative.", "ReLU(z) = max(0, z).",
             lambda z: (z > 0).astype(float)),
            ("ReLU.fn returns z unchanged.", "ReLU(z) = max(0, z): negative entries become 0.", lambda z: z),
        ]
        relu_prime = [
            ("ReLU.prime returns ReLU itself, max(0, z), not its slope.", "the slope is 1 where z > 0 and 0 where "
             "z < 0: np.where(z > 0, 1.0, 0.0).", lambda z: np.maximum(z, 0)),
            ("ReLU.prime is 1 where z < 0 and 0 where z > 0: the comparison is the wrong way round.",
             "1 where z > 0, 0 elsewhere.", lambda z: (z < 0).astype(float)),
            ("ReLU.prime is 1 at z = 0 (z >= 0): the exercise, like glassnet, uses 0 there.",
             "1 only where z > 0: np.where(z > 0, 1.0, 0.0).", lambda z: (z >= 0).astype(float)),
            ("ReLU.prime returns np.sign(z): −1 for negative z, where the slope is 0.", "1 where z > 0, 0 elsewhere.",
             np.sign),
            ("ReLU.prime gives 0.5 at z = 0 (np.heaviside(z, 0.5)): the exercise uses 0 there.",
             "np.heaviside(z, 0) or np.where(z > 0, 1.0, 0.0).", lambda z: np.heaviside(z, 0.5)),
            ("ReLU.prime is 1 everywhere.", "1 where z > 0, 0 elsewhere.", np.ones_like),
            ("ReLU.prime is a leaky ReLU's slope (0.01 for z < 0): the exercise's is 0 there.",
             "1 where z > 0, 0 elsewhere.", lambda z: np.where(z > 0, 1.0, 0.01)),
        ]
    found = []
    for (cls, method, section), items in (
            (("Sigmoid", "fn", SIGMOID), sigmoid_fn), (("Sigmoid", "prime", SIGMOID), sigmoid_prime),
            (("Tanh", "fn", TANH), tanh_fn), (("Tanh", "prime", TANH), tanh_prime),
            (("ReLU", "fn", RELU), relu_fn), (("ReLU", "prime", RELU), relu_prime)):
        found += [Mistake(cause, hint, section, only(cls, method, f)) for cause, hint, f in items]
    for cls, section in (("Sigmoid", SIGMOID), ("Tanh", TANH), ("ReLU", RELU)):
        found.append(Mistake(f"{cls}.fn and {cls}.prime are swapped: fn returns the derivative and prime the "
                             "function.", "fn is the function itself, prime its derivative.", section,
                             _swapped(cls)))
    found.append(Mistake("Sigmoid.fn clips z to a range too narrow: σ of the clip's edge is not σ(z).",
                         "clip only where it changes nothing (|z| ≥ 40), or use the two-branch stable form.", SIGMOID,
                         explains=_clipped("Sigmoid", sigma, lambda a: np.log(a / (1 - a)))))
    found.append(Mistake("Tanh.fn clips z to a range too narrow: tanh of the clip's edge is not tanh(z).",
                         "np.tanh needs no clipping: it is finite for every z.", TANH,
                         explains=_clipped("Tanh", np.tanh, np.arctanh)))
    found.append(Mistake("ReLU.fn caps z at an upper limit c (np.clip(z, 0, c), np.minimum(z, c), ReLU6): every z "
                         "above c comes back as c.", "ReLU(z) = max(0, z), with no upper limit: np.maximum(0, z).",
                         RELU,
                         explains=lambda probes, outcomes: _cap(probes, outcomes) is not None,
                         detail=lambda probes, outcomes: f" Here c = {_cap(probes, outcomes):g}."))
    found.append(float32_mistake(SIGMOID))
    return found


def _cap(probes: list[Probe], outcomes: list[Outcome]) -> float | None:
    """c when ReLU.fn's answers are min(max(0, z), c) on every check (c read from the largest value it
    returned where it is wrong), else None."""
    c = None
    for probe, outcome in zip(probes, outcomes, strict=True):
        if (probe.params.get("cls"), probe.params.get("method")) == ("ReLU", "fn") and outcome.status == "wrong":
            got = np.asarray(outcome.got, dtype=float) if isinstance(outcome.got, np.ndarray) else None
            if got is not None and got.shape == np.shape(probe.params["z"]) and got.size:
                c = float(np.max(got)) if c is None else max(c, float(np.max(got)))
    if c is None or not np.isfinite(c) or c <= 0:
        return None
    from glassnet.checker.mistakes import explained

    capped = Mistake("", "", "", only("ReLU", "fn", lambda z: np.clip(z, 0, c)))
    return c if explained(capped, probes, outcomes) else None


MISTAKES = _mistakes()


def _structure(name: str) -> Probe:
    steps = Steps()
    steps.send(steps.describe(f"module.{name}"), steps.describe(f"module.{name}.fn"),
               steps.describe(f"module.{name}.prime"))

    def judge(got: Any) -> Any:
        cls, fn, prime = got
        return (structure.need(cls, name, "class", f"class {name}: with static methods fn(z) and prime(z)")
                or structure.need_static(fn, name, "fn") or structure.need_static(prime, name, "prime"))

    return Probe(f"{name}.fn(z) and {name}.prime(z), static methods", steps, judge=judge, structure=True)


def _entries(z: np.ndarray) -> dict[str, np.ndarray]:
    return {"z < 0": z < 0, "z > 0": z > 0, "z = 0": z == 0, "|z| ≥ 30": np.abs(z) >= 30}


def value_probe(cls: str, method: str, z: np.ndarray, tag: dict[str, str], hint: str) -> Probe:
    steps = Steps()
    steps.send(steps.call(f"module.{cls}.{method}", ("z", z.copy()), callee=f"{cls}.{method}"))
    precision = "float32" if z.dtype == np.float32 else "float64"
    expected = reference(cls, method, z)
    return Probe(f"{cls}.{method}({code(z)})", steps, Rule("array", f"{cls}.{method}(z)", precision=precision),
                 expected, inputs={"z": z}, tags={f"{cls}.{method}": f"{cls}.{method}", **tag}, hint=hint,
                 params={"cls": cls, "method": method, "z": z, "entries": _entries(z)})


HINTS = {("Sigmoid", "fn"): "σ(z) = 1 / (1 + exp(−z)), for every entry of z, finite for every z.",
         ("Sigmoid", "prime"): "σ'(z) = σ(z) (1 − σ(z)).",
         ("Tanh", "fn"): "tanh(z) = (e^z − e^−z) / (e^z + e^−z); np.tanh computes it, finite for every z.",
         ("Tanh", "prime"): "tanh'(z) = 1 − tanh(z)².",
         ("ReLU", "fn"): "ReLU(z) = max(0, z) entry by entry: np.maximum(0, z), which makes a new array.",
         ("ReLU", "prime"): "ReLU'(z) is 1 where z > 0 and 0 where z <= 0 (0 at z = 0, as glassnet)."}


def probes(rng: np.random.Generator) -> list[Probe]:
    """For each of the six functions: small arrays with 0 in them, a batch, a square, a batch of one
    row, 3-d, integers, float32, |z| up to 1000 (negatives and positives apart), tiny z, random z."""
    found = [_structure(name) for name in ("Sigmoid", "Tanh", "ReLU")]
    inputs = [
        (np.array([-2.0, 0.0, 3.0]), {}),
        (np.array([-2.0, -0.5, 0.0, 0.5, 3.0]), {}),
        (np.array([[-1.0, 0.5, 2.0], [2.0, -3.0, 0.0]]), {"batch": "a 2-d batch"}),
        (np.array([[-1.0, 0.5], [2.0, -3.0]]), tags("square")),
        (np.array([[0.25, -4.0, 1.5]]), tags("batch1")),
        (np.arange(-4.0, 4.0).reshape(2, 2, 2) / 2, {"3d": "a 3-d array"}),
        (np.array([-3, -1, 0, 2, 5]), tags("int")),
        (np.array([-2.0, -0.5, 0.0, 0.5, 3.0], dtype=np.float32), tags("float32")),
        (np.array([-1000.0, -745.0, -710.0, -50.0]), tags("extreme") | {"negative": "large negative z"}),
        (np.array([50.0, 710.0, 745.0, 1000.0]), tags("extreme") | {"positive": "large positive z"}),
        (np.array([1e-10, -1e-10, 1e-300, -1e-300]), {"small": "tiny z, near 0"}),
        (np.round(rng.normal(0, 3, size=(3, 4)), 6), tags("random")),
    ]
    for cls, method in FUNCTIONS:
        for z, tag in inputs:
            found.append(value_probe(cls, method, z, tag, HINTS[cls, method]))
    return found


NAMES = {"Sigmoid": "σ(z)", "Tanh": "tanh(z)", "ReLU": "max(0, z)"}


def _formula(probes: list[Probe], outcomes: list[Outcome], first: int) -> dict[str, str] | None:
    """The formula the first failing function computes, on every check of it with |z| ≤ 50."""
    cls, method = probes[first].params["cls"], probes[first].params["method"]
    found = formulas.fitted(probes, outcomes, lambda p: (p.params.get("cls"), p.params.get("method")) == (
        cls, method) and np.max(np.abs(p.params["z"]), initial=0) <= 50,
                            lambda p: {"z": p.params["z"], NAMES[cls]: reference(cls, "fn", p.params["z"])})
    formula = formulas.search(*found) if found else None
    if formula is None:
        return None
    return {"cause": f"{cls}.{method}(z) computes {formula}: that formula gives every answer of yours (the checks "
                     f"with |z| ≤ 50), where {HINTS[cls, method].rstrip('.')}",
            "evidence": f"a search of the small formulas in z and {NAMES[cls]} finds this one, the smallest that "
                        "gives your answers on all those checks, right and wrong.",
            "hint": f"{HINTS[cls, method]} (lesson {LESSON}: \"{SECTION}\")"}


def explain(probes: list[Probe], outcomes: list[Outcome], first: int) -> dict[str, str] | None:
    """An overflow, named from where it happens and whether the values came out right anyway; else the
    formula the function computes (``formulas.search``)."""
    failing = [(p, o) for p, o in zip(probes, outcomes, strict=True) if o.failed and not p.structure]
    warned = [(p, o) for p, o in failing if o.warnings and any("overflow" in w["message"] for w in o.warnings)]
    if not warned or len(warned) != len(failing):
        return _formula(probes, outcomes, first) if outcomes[first].status == "wrong" else None
    probe, result = warned[0]
    name = f"{probe.params['cls']}.{probe.params['method']}"
    right_values = all(o.problem.kind == "warning" for _, o in warned)
    sides = {side for p, _ in warned for side in ("negative", "positive") if side in p.tags}
    side = " and ".join(sorted(sides)) or "large"
    where = result.warnings[0]["where"]
    both = "where(" in where
    if right_values and both:
        cause = (f"{name} gives the right values but overflows on the way, for {side} z: np.where(cond, a, b) "
                 "computes both a and b for every entry, so the formula meant for the other side overflows even "
                 "where it is thrown away.")
        hint = ("compute only what stays finite: with e = np.exp(-np.abs(z)), never above 1, σ(z) is 1 / (1 + e) "
                "where z ≥ 0 and e / (1 + e) where z < 0 (np.where on those two is safe); np.tanh for tanh.")
    else:
        outcome_text = "the values still come out right (a number over inf is 0), but" if right_values else "and"
        cause = (f"{name} overflows for {side} z: exp of a large positive number is inf, {outcome_text} numpy "
                 "warns that the formula broke on the way.")
        hint = ("rearrange the formula so that exp only ever sees −|z| (never above 1): with e = np.exp(-np.abs(z)), "
                "σ(z) is 1 / (1 + e) where z ≥ 0 and e / (1 + e) where z < 0; or use np.tanh, stable already.")
    return {"cause": cause, "evidence": f"the warning comes only from checks with {side} z ({len(warned)} of them)"
            + (f", at {where}." if where else "."), "hint": f"{hint} (lesson {LESSON}: \"{SIGMOID}\")"}
