"""Reading an ``.npz`` archive without trusting it: each ``.npy`` entry's header first, then exactly its bytes.

``numpy.load`` reads an entry whole, allocating whatever its header announces. A loader that must
survive any file (``glassnet.saving.load``) instead lists the entries (``list_entries``), opens one
(``open_entry``), reads its header alone (``read_header``: dtype, order, shape), compares that with
what it expects, and only then reads the values (``read_values``: exactly the bytes the header
announces, no more, no less). Every entry these functions refuse is an ``NpzEntryError`` whose
message says which entry and why, written to follow "the file is damaged: ".
"""

from __future__ import annotations

import contextlib
import math
import zipfile
from collections.abc import Iterator
from typing import IO

import numpy as np

__all__ = ["NpzEntryError", "list_entries", "open_entry", "read_header", "read_values"]


class NpzEntryError(ValueError):
    """An archive entry that is not a plain ``.npy`` array glassnet reads (encrypted, compressed by an
    unknown method, not ``.npy``, named twice, or not as long as its header says)."""


def list_entries(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The archive's entries by file name (``"W0.npy"``); an archive naming one entry twice is refused."""
    found: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        if info.filename in found:
            raise NpzEntryError(f"it holds two entries named {info.filename}")
        found[info.filename] = info
    return found


@contextlib.contextmanager
def open_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[IO[bytes]]:
    """One entry of the archive, opened for reading if it is stored or deflated and not encrypted."""
    if info.flag_bits & 0x1:
        raise NpzEntryError(f"its entry {info.filename} is encrypted")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise NpzEntryError(f"its entry {info.filename} uses compression method {info.compress_type}; "
                            "glassnet reads stored and deflated entries")
    with archive.open(info) as member:
        yield member


def read_header(member: IO[bytes], name: str) -> tuple[np.dtype, bool, tuple[int, ...]]:
    """The dtype, Fortran order and shape of the ``.npy`` entry ``name`` (without ``.npy``), from its
    header alone: nothing of its values is read."""
    try:
        version = np.lib.format.read_magic(member)
        read = {(1, 0): np.lib.format.read_array_header_1_0,
                (2, 0): np.lib.format.read_array_header_2_0}[version]
        shape, fortran_order, dtype = read(member)
    except (ValueError, KeyError, SyntaxError) as err:
        raise NpzEntryError(f"its entry {name}.npy is not a .npy array glassnet reads ({err})") from None
    return dtype, fortran_order, shape


def read_values(
    member: IO[bytes], name: str, dtype: np.dtype, shape: tuple[int, ...], fortran_order: bool
) -> np.ndarray:
    """The values after a header ``read_header`` read and the caller checked: exactly
    ``prod(shape) · itemsize`` bytes, as an array of ``shape`` (read-only, in the stored byte order)."""
    size = math.prod(shape) * dtype.itemsize
    data = member.read(size + 1)  # one byte more shows trailing data; reading to the end checks the zip's CRC
    if len(data) != size:
        raise NpzEntryError(f"its entry {name}.npy holds {len(data):,} bytes of values, "
                            f"its header announces {size:,}")
    values = np.frombuffer(data, dtype=dtype)
    return values.reshape(shape[::-1]).T if fortran_order else values.reshape(shape)
