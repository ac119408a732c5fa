"""MNIST from its four IDX files on disk (``mnist``), and the reader of one IDX file (``read_idx``).

Nothing here downloads: ``mnist(path)`` reads the files a user already has. Every header is
checked before its data is read, so a foreign, truncated or oversized file is refused by a
message that names it.
"""

from __future__ import annotations

import gzip
import math
import os
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from glassnet._validation import format_bytes, physical_memory
from glassnet.datasets.splitting import Split

# IDX type codes (the third byte of the magic number) and the big-endian dtype each stands for.
_IDX_DTYPES = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


def _describe_magic(magic: int) -> str:
    """'a 3-d array of uint8' for 0x00000803."""
    dtype = _IDX_DTYPES[(magic >> 8) & 0xFF]
    return f"a {magic & 0xFF}-d array of {dtype.newbyteorder('=').name}"


def read_idx(
    file: str | os.PathLike[str], *, magic: int | None = None, max_bytes: int | None = None
) -> np.ndarray:
    """Read one IDX file (the format of the MNIST files), raw or gzipped.

    An IDX file is a 4-byte magic number (two zero bytes, a type code, the number of dimensions
    d), then d big-endian 4-byte sizes, then the values, big-endian, row by row. The file is
    checked against its own header: a foreign, truncated or overlong file raises a ValueError
    that names it and says what is wrong. The header is read first, so a file whose header
    promises more than ``max_bytes`` (a small gzip file can expand to gigabytes) is refused
    before its data is decompressed or anything is allocated.

    Parameters
    ----------
    file : str or path
        The file. It is decompressed if it starts with the gzip signature, whatever its name.
    magic : int, optional
        The magic number the file must have, e.g. ``0x00000803`` for MNIST images (3-d uint8)
        or ``0x00000801`` for MNIST labels (1-d uint8). By default any IDX type is accepted.
    max_bytes : int, optional
        The most bytes of data the file may hold; by default the machine's memory.

    Returns
    -------
    ndarray
        Of the shape and type the header gives, e.g. ``(60000, 28, 28)`` uint8 for the MNIST
        training images, in native byte order.
    """
    path = Path(file)
    if not path.is_file():
        raise FileNotFoundError(f"IDX file {path} not found.")
    with path.open("rb") as f:
        gzipped = f.read(2) == b"\x1f\x8b"  # the gzip signature
    opener = gzip.open if gzipped else open
    try:
        with opener(path, "rb") as f:
            return _read_idx_stream(f, path, magic, max_bytes)
    except EOFError:
        raise ValueError(f"{path} is truncated: its gzip stream ends before its end marker.") from None
    except (gzip.BadGzipFile, zlib.error) as err:
        raise ValueError(f"{path} is a damaged gzip file ({err}).") from None


def _read_idx_stream(f: Any, path: Path, magic: int | None, max_bytes: int | None) -> np.ndarray:
    """``read_idx`` on an open binary stream: header first, then exactly the promised data."""
    # 1) the magic number
    head = f.read(4)
    if len(head) < 4:
        raise ValueError(
            f"{path} is not an IDX file: it holds {len(head)} bytes, less than its 4-byte magic number."
        )
    found = int.from_bytes(head, "big")
    type_code, ndim = head[2], head[3]
    if head[:2] != b"\x00\x00" or type_code not in _IDX_DTYPES:
        raise ValueError(
            f"{path} is not an IDX file: it starts with 0x{found:08X}, but an IDX file starts with two "
            f"zero bytes, a type code from 0x08 to 0x0E and the number of dimensions."
        )
    if magic is not None and found != magic:
        raise ValueError(
            f"{path} has the magic number 0x{found:08X} ({_describe_magic(found)}), "
            f"expected 0x{magic:08X} ({_describe_magic(magic)})."
        )

    # 2) the sizes of the dimensions
    header_size = 4 + 4 * ndim
    sizes = f.read(4 * ndim)
    if len(sizes) < 4 * ndim:
        raise ValueError(
            f"{path} is truncated: its header should hold {ndim} dimension sizes ({header_size} bytes), "
            f"the file holds {4 + len(sizes)} bytes."
        )
    shape = tuple(int(size) for size in np.frombuffer(sizes, dtype=">u4"))

    # 3) the data: exactly as many bytes as the sizes promise, and no more than may fit
    dtype = _IDX_DTYPES[type_code]
    promised = math.prod(shape) * dtype.itemsize
    factors = [*shape, dtype.itemsize] if dtype.itemsize > 1 else list(shape)
    formula = "×".join(map(str, factors)) + " = " if len(factors) > 1 else ""
    limit = physical_memory() if max_bytes is None else max_bytes
    if limit is not None and promised > limit:
        raise ValueError(
            f"{path} is too large to load: its header promises {formula}{promised} bytes of data "
            f"({format_bytes(promised)}), more than the {format_bytes(limit)} "
            f"{'this machine has' if max_bytes is None else 'allowed'}; nothing was read beyond the header."
        )
    data = f.read(promised + 1)
    held = len(data)
    if held > promised:  # count what is left over without keeping it
        held += sum(len(chunk) for chunk in iter(lambda: f.read(1 << 20), b""))
    if held != promised:
        problem = "is truncated" if held < promised else f"has {held - promised} bytes too many"
        raise ValueError(
            f"{path} {problem}: the header promises {formula}{promised} bytes of data, the file holds {held}."
        )
    values = np.frombuffer(data, dtype=dtype).reshape(shape)
    return values.astype(dtype.newbyteorder("="))


_MNIST_FILES = (
    ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
)


def _find_mnist_file(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/name.gz`` where only the gzipped file is there."""
    for candidate in (folder / name, folder / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    everything = ", ".join(name for pair in _MNIST_FILES for name in pair)
    raise FileNotFoundError(
        f"{name} (or {name}.gz) not found in {folder}; "
        f"mnist() needs the four MNIST files there: {everything}."
    )


_BYTES_PER_PIXEL = 17
"""What one MNIST pixel costs in memory: its byte in the file, 8 bytes as float64, and 8 more for
the copy that splitting off validation data makes."""


def mnist(path: str | os.PathLike[str]) -> Split:
    """Read MNIST from the four IDX files in folder ``path`` (each raw or ``.gz``); never downloads.

    The files are ``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``,
    ``t10k-images-idx3-ubyte`` and ``t10k-labels-idx1-ubyte``. Images must have the magic
    number 0x00000803 (3-d uint8), labels 0x00000801 (1-d uint8), and each image file must hold
    as many images as its label file holds labels. An image file whose header promises more
    pixels than a 17th of the machine's memory can hold (``_BYTES_PER_PIXEL``) is refused
    before its data is read.

    Parameters
    ----------
    path : str or path
        The folder holding the files.

    Returns
    -------
    X_train : ndarray of shape (60000, 784)
        Each image's rows×cols pixels row by row, scaled from 0..255 to [0, 1].
    y_train : ndarray of shape (60000,)
        Digits 0 .. 9.
    X_test : ndarray of shape (10000, 784)
    y_test : ndarray of shape (10000,)
        (The sizes are those of the real MNIST; other IDX files give their own.)
    """
    folder = Path(path)
    if not folder.is_dir():
        raise FileNotFoundError(
            f"MNIST folder {folder} not found; give the folder that holds the four IDX files."
        )
    memory = physical_memory()
    arrays: list[np.ndarray] = []
    for images_name, labels_name in _MNIST_FILES:
        images_file = _find_mnist_file(folder, images_name)
        labels_file = _find_mnist_file(folder, labels_name)
        images = read_idx(images_file, magic=0x00000803,  # (n, rows, cols) uint8
                          max_bytes=None if memory is None else memory // _BYTES_PER_PIXEL)
        labels = read_idx(labels_file, magic=0x00000801)  # (n,) uint8
        if len(images) != len(labels):
            raise ValueError(
                f"{images_file} holds {len(images)} images but {labels_file} holds {len(labels)} labels; "
                f"there must be one label per image."
            )
        n, rows, cols = images.shape
        if arrays and rows * cols != arrays[0].shape[1]:
            raise ValueError(
                f"{images_file} holds images of {rows}×{cols} pixels, but the training images have "
                f"{arrays[0].shape[1]} pixels each."
            )
        arrays += [images.reshape(n, rows * cols).astype(np.float64) / 255.0, labels.astype(np.int64)]
    X_train, y_train, X_test, y_test = arrays
    return X_train, y_train, X_test, y_test
