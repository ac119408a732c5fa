"""The worker: the one process where a learner's file runs. A script, run on its own.

The checker starts ``python -I -S worker.py RESULTS_FD`` (isolated and without ``site``, so
glassnet is not on its path) and writes the job, one JSON line, on its stdin: the learner's
file, numpy's folder, the limits, and the *requests*, each a few steps (make an object, set an
attribute, call a function with inputs), never an expected value. Two processes run here:

- the *supervisor* (the process started) reads the job, imports numpy, makes itself the
  reaper of every orphan below it (Linux's ``PR_SET_CHILD_SUBREAPER``), ignores every signal
  it can and forks the worker. When the worker ends, the checker closes its stdin or the hard
  time limit passes, it kills the worker's session and then every process left below it, one
  that called ``setsid`` included, and exits with the worker's status (128 + N for signal N);
- the *worker* (the forked child) starts a session of its own, dies with the supervisor,
  limits its memory and installs an audit hook, which no code can remove, refusing: an import
  of glassnet or of any package beside numpy, a file opened inside glassnet's folder, ctypes,
  the garbage collector's object lists, and a signal to a process outside its own session.
  Then it imports the learner's file and answers each request in order on the results
  descriptor (with ``fresh``, each in a child forked from it as it stood after the import, so
  that nothing one request's calls leave in the module, a class or a default argument reaches
  the next), one JSON line each (``wire.py`` encodes the values):

      {"ready": "ok" | error}   {"start": i}   {"reply": i, "values": [...], "after": [...],
      "warnings": [...]}  or  {"reply": i, "error": ..., "step": k}   {"timeout": i[, "calls": n]}
      {"end": n}

It judges nothing and holds nothing to judge with: the checker's process computes every right
answer, reads these lines and decides.
"""

import contextlib
import gc
import json
import os
import signal
import sys

GRACE = 2.0  # seconds past the time limit before the supervisor kills the worker
OUT_OF_TIME = 86  # how a request's child tells the worker that the time ran out
JOB_CAP = 64 * 2**20  # bytes of job read
IGNORED = ("SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGPIPE", "SIGTSTP",
           "SIGTTIN", "SIGTTOU")


def load(name):
    """``NAME.py`` beside this file (``wire``, ``steps``), loaded by its path: glassnet itself is
    not importable here."""
    import importlib.util

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"glassnet_checker_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------- the supervisor


def prctl(option, value):
    """Linux's prctl(option, value); nothing elsewhere."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def descendants(root):
    """Every process below ``root`` (children, theirs, ...), read from /proc; [] without /proc."""
    parents = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return []
    for name in names:
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as stat:
                    parents[int(name)] = int(stat.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        found += children
        frontier += children
    return found


def clean_up(worker):
    """Kill the worker's session and every process left below this one; reap them all."""
    import time

    with contextlib.suppress(OSError):
        os.killpg(worker, signal.SIGKILL)
    if not os.path.isdir("/proc"):  # no /proc, no reaper: the worker's group is all we know
        os.waitpid(worker, 0)
        return
    me = os.getpid()
    for _ in range(5000):
        left = descendants(me)
        for pid in left:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            if not left:
                return
        time.sleep(0.001)


def wait_for(worker, stdin, deadline):
    """The worker's wait status once it ends; None when the checker closed stdin or time ran out."""
    import select
    import time

    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)
    while True:
        done, status = os.waitpid(worker, os.WNOHANG)
        if done:
            return status
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([stdin, wake_read], [], [], left)
        if stdin in ready and not os.read(stdin, 65536):
            return None
        if wake_read in ready:
            os.read(wake_read, 4096)


def supervise(results_fd):
    """Read the job, fork the worker, wait for it, leave nothing behind, exit with its status."""
    job = json.loads(sys.stdin.buffer.readline(JOB_CAP))
    sys.path[:0] = job["paths"]
    # numpy imported once, here: the forked worker starts with it, and with numpy.random, which numpy
    # loads only when first used (else each request's child would load it again)
    import numpy.random  # noqa: F401

    wire, steps = load("wire"), load("steps")
    prctl(36, 1)  # PR_SET_CHILD_SUBREAPER
    for name in IGNORED:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    me = os.getpid()
    worker = os.fork()
    if worker == 0:
        try:
            for name in IGNORED:
                if hasattr(signal, name):
                    signal.signal(getattr(signal, name), signal.SIG_DFL)
            os.setsid()
            prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: the worker dies with the supervisor
            if os.getppid() == me:
                work(job, results_fd, wire, steps)
        finally:
            os._exit(70)
    import time

    status = wait_for(worker, sys.stdin.fileno(), time.monotonic() + float(job["timeout"]) + GRACE)
    clean_up(worker)
    code = 137 if status is None else os.waitstatus_to_exitcode(status)
    os._exit(code if code >= 0 else 128 - code)


# ---------------------------------------------------------------------- the worker


def deny_exec():
    """Forbid this process and its children to run a program (execve, execveat: EPERM) with a
    seccomp filter, which nothing can lift; False where Linux's seccomp is not available.

    No program can start, so no other Python (where glassnet could be imported) either."""
    import platform
    import struct

    arches = {"x86_64": (0xC000003E, 59, 322), "aarch64": (0xC00000B7, 221, 281)}
    if sys.platform != "linux" or platform.machine() not in arches:
        return False
    audit_arch, execve, execveat = arches[platform.machine()]
    load, equal, above, ret = 0x20, 0x15, 0x35, 0x06  # BPF_LD|W|ABS, JMP|JEQ|K, JMP|JGE|K, RET|K
    allow, deny = 0x7FFF0000, 0x00050000 | 1  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EPERM
    program = [(load, 0, 0, 4), (equal, 1, 0, audit_arch), (ret, 0, 0, deny), (load, 0, 0, 0),
               (above, 3, 0, 0x40000000) if audit_arch == 0xC000003E else (equal, 3, 0, 0xFFFFFFFF),
               (equal, 2, 0, execve), (equal, 1, 0, execveat), (ret, 0, 0, allow), (ret, 0, 0, deny)]
    try:
        import ctypes

        code = ctypes.create_string_buffer(b"".join(struct.pack("HBBI", c, jt, jf, k) for c, jt, jf, k in program))

        class Program(ctypes.Structure):
            _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

        libc = ctypes.CDLL(None, use_errno=True)
        filter_ = Program(len(program), ctypes.addressof(code))
        return (libc.prctl(38, 1, 0, 0, 0) == 0  # PR_SET_NO_NEW_PRIVS
                and libc.prctl(22, 2, ctypes.byref(filter_), 0, 0) == 0)  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
    except (OSError, AttributeError):
        return False


def send(fd, **message):
    data = (json.dumps(message, ensure_ascii=True) + "\n").encode("ascii")
    while data:
        data = data[os.write(fd, data):]


def guard(blocked_names, blocked_dirs):
    """Install the audit hook that keeps glassnet and the checker's processes out of reach."""
    own_session = os.getsid(0)
    dirs = tuple(os.path.realpath(d) + os.sep for d in blocked_dirs)
    names = frozenset(blocked_names)

    def ours(pid):
        try:
            return pid == 0 or (pid > 0 and os.getsid(pid) == own_session) or (pid < -1 and -pid == own_session)
        except OSError:
            return True  # no such process: the call fails by itself

    def hook(event, args):
        if event == "import" and str(args[0]).partition(".")[0] in names:
            raise ImportError(f"No module named {args[0]!r}: while your file is checked only numpy and "
                              "Python's own modules can be imported (glassnet is the reference it is "
                              "compared with).")
        if event == "open" and dirs and isinstance(args[0], str | bytes):
            path = os.path.realpath(os.fsdecode(args[0]))
            if path.startswith(dirs):
                raise PermissionError(f"{path}: glassnet's files cannot be read while your file is checked.")
        if event.startswith("ctypes.") or event in ("gc.get_objects", "gc.get_referrers", "gc.get_referents"):
            raise PermissionError(f"{event} is not available while your file is checked.")
        if event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.startfile"):
            raise PermissionError("your code tried to run a program: while your file is checked it may not start "
                                  "programs (its own code, in this process, is what is checked).")
        if event in ("os.kill", "os.killpg"):
            target = args[0] if event == "os.kill" else -args[0]
            if not ours(target):
                whom = "every process" if target == -1 else f"process group {-target}" if target < 0 else \
                    f"process {target}"
                raise PermissionError(f"your code tried to send a signal to {whom}, which it did not start: while "
                                      "your file is checked it may signal only its own processes.")

    sys.addaudithook(hook)


def limit_memory(mebibytes):
    """Cap this process's address space (RLIMIT_AS), and its children's, where the OS can."""
    try:
        import resource
    except ImportError:
        return
    limit = int(mebibytes) * 2**20
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def import_learner(path, name):
    """Import the learner's file as the module ``name``, its folder first on sys.path."""
    import importlib.util
    import warnings

    sys.path.insert(0, os.path.dirname(path))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spec.loader.exec_module(module)
    return module


def work(job, fd, wire, steps):
    """Import the learner's file and answer every request, in order, on ``fd``."""
    limit_memory(job["memory_mib"])
    os.set_inheritable(fd, False)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    deny_exec()
    guard(job["blocked_names"], job["blocked_dirs"])
    sys.breakpointhook = lambda *args, **kwargs: None  # a forgotten breakpoint() does not wait for input
    signal.signal(signal.SIGALRM, steps.ring)
    signal.setitimer(signal.ITIMER_REAL, float(job["timeout"]))
    index = 0
    try:
        try:
            module = import_learner(job["file"], job["module"])
        except steps.OutOfTime:
            raise
        except BaseException as err:
            send(fd, ready=steps.describe_error(err, job["file"]))
            return
        send(fd, ready="ok")
        for index, request in enumerate(job["requests"], start=1):
            send(fd, start=index)
            if job.get("fresh"):
                answer(index, request, module, job, fd, wire, steps)
            else:
                send(fd, reply=index, **steps.run_request(request, module, wire, job["warnings"]))
        send(fd, end=index)
    except steps.OutOfTime as err:
        calls = getattr(err, "calls", None)
        send(fd, timeout=index, **({"calls": calls} if isinstance(calls, int) else {}))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(BaseException):
                stream.flush()
        os._exit(0)


def answer(index, request, module, job, fd, wire, steps):
    """Answer one request in a child forked from the worker as it stood after importing the file, so
    that nothing one request's calls leave behind (in the module, a class, a default argument)
    reaches the next. A child that runs out of time makes this raise OutOfTime; one that ends
    without answering (os._exit, a crash) ends the worker the same way."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BaseException):
            stream.flush()  # else the child would print again what the parent printed so far
    left = signal.getitimer(signal.ITIMER_REAL)[0]
    gc.freeze()  # the child's collector then leaves the worker's objects alone: far fewer pages copied
    child = os.fork()
    if child == 0:
        code = 0
        try:
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3))  # a forked child has no timer of its own
            send(fd, reply=index, **steps.run_request(request, module, wire, job["warnings"]))
        except steps.OutOfTime:
            code = OUT_OF_TIME
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(BaseException):
                    stream.flush()
            os._exit(code)
    try:
        code = os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])
    except steps.OutOfTime:
        with contextlib.suppress(OSError):
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
        raise
    if code == OUT_OF_TIME:
        raise steps.OutOfTime
    if code != 0:
        os._exit(code if code > 0 else 128 - code)


if __name__ == "__main__":
    supervise(int(sys.argv[1]))
