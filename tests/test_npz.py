"""glassnet.npz: an .npz archive's entries read header first, then exactly the bytes announced."""

import io
import warnings
import zipfile

import numpy as np
import pytest

from glassnet.npz import NpzEntryError, list_entries, open_entry, read_header, read_values


def npy(array):
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def test_the_header_is_read_alone_and_then_exactly_the_values():
    array = np.arange(6, dtype=">f4").reshape(2, 3)
    member = io.BytesIO(npy(array))
    dtype, fortran_order, shape = read_header(member, "W0")
    assert (dtype, fortran_order, shape) == (np.dtype(">f4"), False, (2, 3))
    assert member.tell() == len(npy(array)) - array.nbytes  # not a byte of the values read yet
    np.testing.assert_array_equal(read_values(member, "W0", dtype, shape, fortran_order), array)


def test_fortran_order_values_come_back_in_their_shape():
    array = np.asfortranarray(np.arange(6.0).reshape(2, 3))
    member = io.BytesIO(npy(array))
    dtype, fortran_order, shape = read_header(member, "W0")
    assert fortran_order and shape == (2, 3)
    np.testing.assert_array_equal(read_values(member, "W0", dtype, shape, fortran_order), array)


@pytest.mark.parametrize(("extra", "message"), [
    (b"x", r"its entry W0.npy holds 49 bytes of values, its header announces 48"),
    (None, r"its entry W0.npy holds 40 bytes of values, its header announces 48"),
])
def test_values_longer_or_shorter_than_announced_are_refused(extra, message):
    data = npy(np.zeros(6)) + extra if extra else npy(np.zeros(6))[:-8]
    member = io.BytesIO(data)
    dtype, fortran_order, shape = read_header(member, "W0")
    with pytest.raises(NpzEntryError, match=message):
        read_values(member, "W0", dtype, shape, fortran_order)


def test_bytes_that_are_not_npy_are_refused_by_name():
    with pytest.raises(NpzEntryError, match=r"its entry b1.npy is not a .npy array glassnet reads"):
        read_header(io.BytesIO(b"just some bytes"), "b1")


def test_an_archive_naming_an_entry_twice_is_refused():
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns of the duplicate name it writes
        archive.writestr("W0.npy", npy(np.zeros(2)))
        archive.writestr("W0.npy", npy(np.ones(2)))
    with zipfile.ZipFile(buffer) as archive, pytest.raises(NpzEntryError, match=r"two entries named W0\.npy"):
        list_entries(archive)


def test_an_entry_is_opened_only_if_stored_or_deflated():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("W0.npy", npy(np.zeros(2)), compress_type=zipfile.ZIP_BZIP2)
        archive.writestr("b0.npy", npy(np.ones(2)), compress_type=zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(buffer) as archive:
        entries = list_entries(archive)
        with pytest.raises(NpzEntryError, match=r"its entry W0.npy uses compression method 12"), \
                open_entry(archive, entries["W0.npy"]):
            pass
        with open_entry(archive, entries["b0.npy"]) as member:
            dtype, fortran_order, shape = read_header(member, "b0")
            np.testing.assert_array_equal(read_values(member, "b0", dtype, shape, fortran_order), np.ones(2))
