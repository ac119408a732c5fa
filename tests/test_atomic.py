"""glassnet.atomic: every file glassnet writes is all there or not there, and only regular files are replaced."""

import os
import re
import select
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import required_in_ci
from glassnet.atomic import check_save_path, file_kind, write_atomically


def names(path):
    """re.escape of the file's path, for match=: every error names the file."""
    return re.escape(str(path))


def write_bytes(data):
    """A ``write`` for write_atomically that writes ``data``."""
    return lambda f: f.write(data)


# ---------------------------------------------------------------- all or nothing
def test_writing_creates_the_file_and_replacing_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "out.bin"
    assert write_atomically(path, write_bytes(b"first")) == path
    assert write_atomically(str(path), write_bytes(b"second")) == path  # a str path works and gives a Path
    assert path.read_bytes() == b"second"
    assert os.listdir(tmp_path) == ["out.bin"]


@pytest.mark.parametrize("error", [OSError("disk full"), KeyboardInterrupt()])
def test_a_write_that_fails_midway_leaves_the_old_file_and_no_temporary(tmp_path, error):
    path = tmp_path / "out.bin"
    path.write_bytes(b"the old file")

    def write(f):
        f.write(b"half a fi")
        raise error

    with pytest.raises(type(error)):
        write_atomically(path, write)
    assert os.listdir(tmp_path) == ["out.bin"] and path.read_bytes() == b"the old file"


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "out.bin"
    path.write_bytes(b"the old file")

    def crashing_replace(src, dst):
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", crashing_replace)
    with pytest.raises(OSError, match="power cut"):
        write_atomically(path, write_bytes(b"new"))
    monkeypatch.undo()
    assert os.listdir(tmp_path) == ["out.bin"] and path.read_bytes() == b"the old file"


# ---------------------------------------------------------------- what may be replaced
def make_fifo(path):
    os.mkfifo(path)


def make_device(path):
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own, in tmp_path
    except PermissionError:
        if required_in_ci():
            pytest.fail("making a device node needs root, which CI has", pytrace=False)
        pytest.skip("making a device node needs root")


def make_link_to(make):
    def link(path):
        make(path.with_name(path.name + ".real"))
        path.symlink_to(path.with_name(path.name + ".real"))
    return link


@pytest.mark.parametrize(("make", "kind"), [
    (make_fifo, "a FIFO"), (os.mkdir, "a directory"), (make_device, "a character device"),
    (make_link_to(make_fifo), "a symbolic link to a FIFO"), (make_link_to(os.mkdir), "a symbolic link to a directory"),
])
def test_only_a_regular_file_is_ever_replaced(tmp_path, make, kind):
    target = tmp_path / "model.npz"
    make(target)
    before = {name: os.lstat(tmp_path / name) for name in os.listdir(tmp_path)}
    message = rf"Cannot save to {names(target)}: it is {kind}, not a regular file"
    with pytest.raises(ValueError, match=message):
        check_save_path(target)
    with pytest.raises(ValueError, match=message):
        write_atomically(target, write_bytes(b"data"))
    after = {name: os.lstat(tmp_path / name) for name in os.listdir(tmp_path)}
    assert {name: (s.st_mode, s.st_ino) for name, s in after.items()} == {
        name: (s.st_mode, s.st_ino) for name, s in before.items()}  # nothing replaced, nothing left


def test_writing_through_a_symbolic_link_replaces_the_file_it_points_to(tmp_path):
    (tmp_path / "models").mkdir()
    real = tmp_path / "models" / "v1.bin"
    real.write_bytes(b"old")
    link = tmp_path / "current.bin"
    link.symlink_to(real)
    assert check_save_path(link) == real  # the real file, to compare with the files a command reads
    assert write_atomically(link, write_bytes(b"new")) == link
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert os.listdir(tmp_path / "models") == ["v1.bin"]


def test_check_save_path_says_before_any_work_what_writing_would_say(tmp_path):
    # A command line checks its --out path before training: the same errors, nothing written.
    assert check_save_path(tmp_path / "model.npz") == tmp_path / "model.npz"
    with pytest.raises(ValueError, match=rf"Cannot save to {names(tmp_path)}: it is a directory, not a regular file"):
        check_save_path(tmp_path)
    missing = tmp_path / "no" / "model.npz"
    with pytest.raises(FileNotFoundError, match=rf"Cannot save to {names(missing)}: the folder .* does not exist"):
        check_save_path(missing)
    with pytest.raises(FileNotFoundError, match=rf"Cannot save to {names(missing)}: the folder .* does not exist"):
        write_atomically(missing, write_bytes(b"data"))
    assert os.listdir(tmp_path) == []


def test_writing_into_a_folder_that_is_not_writable_is_a_permission_error_naming_it(tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    real_access = os.access
    # root may write into a read-only folder, so the system is asked as for a plain user
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == folder else real_access(p, mode))
    with pytest.raises(PermissionError, match=rf"Cannot save to .*: the folder {names(folder)} is not writable"):
        check_save_path(folder / "out.bin")
    with pytest.raises(PermissionError, match=rf"Cannot save to .*: the folder {names(folder)} is not writable"):
        write_atomically(folder / "out.bin", write_bytes(b"data"))
    assert os.listdir(folder) == []


@pytest.mark.parametrize(("make", "kind"), [
    (lambda p: p.write_bytes(b""), "a regular file"), (os.mkdir, "a directory"), (make_fifo, "a FIFO"),
])
def test_file_kind_names_what_a_path_is(tmp_path, make, kind):
    make(tmp_path / "x")
    assert file_kind(os.lstat(tmp_path / "x").st_mode) == kind


# ---------------------------------------------------------------- permissions
def test_writing_never_touches_the_process_umask_and_gives_a_new_files_mode(tmp_path, monkeypatch):
    def forbidden(mask):
        raise AssertionError("write_atomically changed the process-wide umask (other threads see it)")

    old = os.umask(0o027)
    try:
        monkeypatch.setattr(os, "umask", forbidden)
        path = write_atomically(tmp_path / "out.bin", write_bytes(b"data"))
    finally:
        monkeypatch.undo()
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~0o027


def test_replacing_a_file_keeps_its_permissions(tmp_path):
    path = write_atomically(tmp_path / "out.bin", write_bytes(b"old"))
    path.chmod(0o600)
    write_atomically(path, write_bytes(b"new"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and path.read_bytes() == b"new"


# ---------------------------------------------------------------- temporary files left by killed writers
# A writer that pauses once its temporary file is fully written (at the fsync), says "paused",
# and waits for a line on stdin: the test then kills it, or lets it finish.
PAUSED_WRITER = """
import os, sys
from glassnet.atomic import write_atomically

real_fsync = os.fsync

def pause(fd):
    real_fsync(fd)
    print("paused", flush=True)
    sys.stdin.readline()

os.fsync = pause
write_atomically(sys.argv[1], lambda f: f.write(b"written by the child"))
"""


def paused_writer(path):
    child = subprocess.Popen([sys.executable, "-c", PAUSED_WRITER, str(path)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    ready, _, _ = select.select([child.stdout], [], [], 120)  # a safety net against a hung child, not a timing
    if not ready:
        child.kill()
        child.wait()
        pytest.fail("the writer never reached its pause")
    assert child.stdout.readline() == "paused\n"
    return child


def test_after_a_writer_killed_midway_the_next_write_leaves_no_stale_temp_file(tmp_path):
    child = paused_writer(tmp_path / "model.npz")
    child.kill()
    child.wait()
    [left] = os.listdir(tmp_path)
    assert left.startswith(".model.npz.glassnet-") and left.endswith(".tmp")  # what the killed writer left
    write_atomically(tmp_path / "other.npz", write_bytes(b"data"))
    assert os.listdir(tmp_path) == ["other.npz"]


def test_a_live_writers_temp_file_is_left_alone(tmp_path):
    child = paused_writer(tmp_path / "model.npz")
    try:
        [temp] = os.listdir(tmp_path)
        write_atomically(tmp_path / "other.npz", write_bytes(b"data"))
        assert sorted(os.listdir(tmp_path)) == sorted([temp, "other.npz"])
        child.communicate("go on\n")
        assert child.returncode == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert sorted(os.listdir(tmp_path)) == ["model.npz", "other.npz"]
    assert (tmp_path / "model.npz").read_bytes() == b"written by the child"


def test_a_temp_file_of_another_machine_is_left_alone(tmp_path):
    # A shared folder: a writer on another host has a process id that means nothing here.
    stranger = tmp_path / ".model.npz.glassnet-00000000-999999999-0123abcd.tmp"
    stranger.write_bytes(b"being written elsewhere")
    write_atomically(tmp_path / "other.npz", write_bytes(b"data"))
    assert stranger.exists()  # (unless this host's tag happened to be 00000000: 1 in 2**32)
