"""The worker's requests, run next to the learner's code: a self-contained file (numpy only).

The worker (``worker.py``) loads it by its path, as it loads ``wire.py``: glassnet cannot be
imported where the learner's code runs. A request is a few steps, made by the checker
(``glassnet.checker.probes``); running them gives raw data only: the values asked for, the
arguments as they were after each call, the warnings raised, or the learner's error.
"""

import os
import sys

#: numpy's error state during a request: overflow, 0-division and invalid values become warnings.
ERR_STATE = {"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"}


class OutOfTime(BaseException):
    """Raised by the alarm inside the learner's code; a BaseException, so that `except Exception`
    in their code does not swallow it."""


def ring(signum, frame):
    """The SIGALRM handler: time is up."""
    raise OutOfTime


def describe_error(err, path):
    """An exception as data: its type and bases, message, and the learner's line it came from
    (the last frame in a file of the learner's folder)."""
    import traceback

    folder = os.path.dirname(path)
    frames = [f for f in traceback.extract_tb(err.__traceback__) if os.path.dirname(f.filename) == folder]
    where = ""
    if frames:
        frame = frames[-1]
        where = f"line {frame.lineno} in {frame.name}"
        where += f" ({os.path.basename(frame.filename)})" if frame.filename != path else ""
        where += f": {frame.line.strip()}" if frame.line else ""
    try:
        message = str(err)[:2000]
    except BaseException:
        message = ""
    return {"type": type(err).__name__, "kinds": [cls.__name__ for cls in type(err).__mro__][:20],
            "message": message, "where": where,
            "module": str(getattr(err, "name", "") or "")[:200] if isinstance(err, ImportError) else None}


class Recorder:
    """Wraps the learner's ``backprop`` while ``train_xor`` runs: how often it was called, the
    weights and biases of its first, second and last calls, what its first call returned, which
    of its arguments that call changed in place, the X and Y it was given, and every distinct row
    of X it was given over all its calls (up to 16)."""

    def __init__(self, func):
        self.func, self.calls, self.states, self.result, self.changed = func, 0, [None, None, None], None, []
        self.data, self.rows = None, []

    def __call__(self, *args, **kwargs):
        import numpy as np

        named = dict(zip(("weights", "biases", "X", "Y"), args, strict=False)) | kwargs
        try:
            state = ([np.array(W, dtype=float) for W in named["weights"]],
                     [np.array(b, dtype=float) for b in named["biases"]])
        except Exception:  # not lists of arrays: the learner's backprop will say so itself
            state = None
        self.calls += 1
        if len(self.rows) < 16:  # the inputs seen over every call (a subset of the data, or all of it)
            try:
                for row in np.array(named["X"], dtype=float).reshape(len(named["X"]), -1)[:16].tolist():
                    if row not in self.rows:
                        self.rows.append(row)
            except Exception:  # inputs that are not rows of numbers: the first call's data tells
                pass
        if self.calls <= 2:
            self.states[self.calls - 1] = state
        self.states[2] = state
        before = None
        if self.calls == 1:
            try:
                self.data = (np.array(named["X"], dtype=float), np.array(named["Y"], dtype=float))
            except Exception:  # the data of a call that will fail anyway
                self.data = None
            try:
                before = {k: [np.array(v, dtype=float) for v in named[k]] if k in ("weights", "biases")
                          else np.array(named[k], dtype=float) for k in ("weights", "biases", "X", "Y")}
            except Exception:  # arguments that cannot be copied cannot be compared either
                before = None
        result = self.func(*args, **kwargs)
        if self.calls == 1:
            try:
                self.result = ([np.array(g, dtype=float) for g in result[0]],
                               [np.array(g, dtype=float) for g in result[1]])
            except Exception:
                self.result = None
            for key, old in (before or {}).items():
                try:
                    now = named[key]
                    same = (len(now) == len(old) and all(np.array_equal(np.asarray(a, dtype=float), b)
                                                         for a, b in zip(now, old, strict=True))
                            if isinstance(old, list) else np.array_equal(np.asarray(now, dtype=float), old))
                except Exception:
                    same = False
                if not same:
                    self.changed.append(key)
        return result

    def summary(self):
        return [self.calls, self.states[0], self.states[1], self.states[2], self.result, self.changed, self.data,
                self.rows[:16]]


def run_request(request, module, wire, watch_warnings):
    """One request's steps, as data: the values asked for, the arguments after each call and
    the warnings raised; or the error and the step that raised it.

    Steps: ["call", dest, "obj.attr", args, kwargs] (dest = the call's value), ["set",
    "obj.attr", value], ["get", dest, "obj.attr"], ["describe", dest, "obj.attr"] (what the
    attribute is and its parameters), ["record", "backprop"] (wrap the learner's backprop
    while the next calls run), ["send", name] (a value to send back), ["recorded"].
    """
    import inspect
    import warnings

    import numpy as np

    bound = {"module": module}
    recorded = []

    def resolve(path):
        head, *attributes = path.split(".")
        obj = bound[head]
        for attribute in attributes:
            obj = getattr(obj, attribute)
        return obj

    def extra(tag, data):
        if tag == "ref":
            return bound[data["ref"]]
        if tag == "act":
            return wire.activation(data["act"])
        if tag == "fn":
            return wire.derivative(data["fn"])
        raise ValueError("not a value the checker sends")

    def describe(path):
        head, _, last = path.rpartition(".")
        owner = resolve(head)
        raw = inspect.getattr_static(owner, last, None) if isinstance(owner, type) else getattr(owner, last, None)
        if raw is None:
            return ["missing", "", None]
        wrapped = isinstance(raw, staticmethod | classmethod)
        kind = "class" if isinstance(raw, type) else type(raw).__name__ if wrapped else \
            "function" if callable(raw) else "other"
        try:
            params = [[p.name, p.kind.name, p.default is not p.empty, None if p.default is p.empty else p.default]
                      for p in inspect.signature(raw.__func__ if wrapped else raw).parameters.values()]
        except (TypeError, ValueError):
            params = None
        return [kind, type(raw).__name__, params]

    def record(name):
        """Wrap the function ``name`` wherever the learner's module can reach it: as its own global
        (under any name it was imported as) and in the module ``name`` it came from."""
        owners = [o for o in (module, sys.modules.get(name)) if o is not None and callable(getattr(o, name, None))]
        if not owners:
            return
        function = getattr(owners[0], name)
        recorder = Recorder(function)
        recorded.append(recorder)
        targets = [(owner, name) for owner in owners]
        targets += [(module, key) for key, value in list(vars(module).items()) if value is function and key != name]
        for owner, key in targets:
            recorded.append((owner, key, getattr(owner, key)))
            setattr(owner, key, recorder)

    values, after, index = [], [], 0
    np.seterr(**ERR_STATE)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        filters = list(warnings.filters)
        try:
            for index, step in enumerate(request["steps"]):  # noqa: B007 (index: the step that raised)
                op = step[0]
                if op == "call":
                    _, dest, target, args, kwargs = step
                    args = [wire.decode(a, extra=extra) for a in args]
                    kwargs = {k: wire.decode(v, extra=extra) for k, v in kwargs.items()}
                    bound[dest] = resolve(target)(*args, **kwargs)
                    after.append([safe_encode(a, wire) for a in [*args, *kwargs.values()]])
                elif op == "set":
                    head, _, last = step[1].rpartition(".")
                    setattr(resolve(head), last, wire.decode(step[2], extra=extra))
                elif op == "get":
                    bound[step[1]] = resolve(step[2])
                elif op == "describe":
                    bound[step[1]] = describe(step[2])
                elif op == "record":
                    record(step[1])
                elif op == "send":  # encoded now: a later step cannot change what was sent
                    values.append(safe_encode(bound[step[1]], wire))
                elif op == "recorded":
                    values.append(safe_encode(recorded[0].summary() if recorded else None, wire))
        except OutOfTime as err:
            if recorded:  # how far a training had got: how often it had called the recorded function
                err.calls = recorded[0].calls
            raise
        except BaseException as err:  # the learner's error, whatever it is
            reply = {"error": describe_error(err, module.__file__), "step": index}
            if recorded:  # what the recorder saw before the error, for the diagnosis
                reply["recorded"] = safe_encode(recorded[0].summary(), wire)
            return reply
        finally:
            for item in recorded[1:]:
                setattr(*item)
        silenced = watch_warnings and (np.geterr() != ERR_STATE or list(warnings.filters) != filters)
    reply = {"values": values, "after": after,
             "warnings": [warning(w, module) for w in caught if issubclass(w.category, RuntimeWarning)][:3]}
    if silenced:
        reply["silenced"] = True
    return reply


def safe_encode(value, wire):
    """A value for the wire, whatever it is."""
    try:
        return wire.encode(value)
    except BaseException:
        return {"opaque": "object", "text": ""}


def warning(caught, module):
    """A warning as data: its category, message and the learner's line, if it was theirs."""
    import linecache

    where = ""
    if os.path.dirname(str(caught.filename)) == os.path.dirname(module.__file__):
        source = linecache.getline(caught.filename, caught.lineno).strip()
        where = f"line {caught.lineno}" + (f": {source}" if source else "")
    return {"category": caught.category.__name__, "message": str(caught.message)[:500], "where": where}
