"""Reading a table of numbers from a CSV file, its last column the class labels: ``read_csv``.

The reader the CLI (``glassnet train --data file.csv``) and the playground's upload share.
"""

from __future__ import annotations

import csv
import io
import math
import os
from pathlib import Path

import numpy as np

Label = int | str


def read_csv(
    path: str | os.PathLike[str], *, labelled: bool = True
) -> tuple[np.ndarray, np.ndarray | None, list[Label] | None]:
    """Read a table of numbers from a CSV file; with ``labelled``, its last column holds class labels.

    What a spreadsheet or pandas writes is accepted: a UTF-8 byte-order mark, a header line
    (a first line with a word where the data hold numbers), quoted values (``"1.5"``), a comma
    at the end of each line, blank lines. Every other problem raises a ValueError that names
    the file and the row and column, both counted from 1 as an editor counts them.

    Labels are taken as given: whole numbers (``1, 2`` are two classes, not three) or names
    (``cat, dog``); a file whose labels are all one class is refused, as no classifier can be
    trained on it.

    Parameters
    ----------
    path : str or path
        The file, in UTF-8 (or ASCII).
    labelled : bool, default True
        Whether the last column holds the class label of each row.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
        float64, every value finite.
    y : ndarray of shape (n_samples,) or None
        int64 class indices 0 .. k-1: ``classes[y[i]]`` is row i's label as written (None
        when not ``labelled``).
    classes : list of int or list of str, or None
        The k labels found, sorted (numbers as ints, names as strings; None when not ``labelled``).
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No CSV file at {path}.")
    try:
        text = path.read_bytes().decode("utf-8-sig")  # -sig: drops the byte-order mark if there is one
    except UnicodeDecodeError as err:
        raise ValueError(
            f"{path} is not UTF-8 text: byte 0x{err.object[err.start]:02X} at offset {err.start} "
            f"({err.reason}); save it as UTF-8 (CSV UTF-8 in a spreadsheet) and try again."
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[str]] = []
    lines: list[int] = []  # the line each row starts on, counted from 1
    try:
        for cells in reader:
            cells = [cell.strip() for cell in cells]
            if cells and cells[-1] == "" and len(cells) > 1:
                cells.pop()  # a comma at the end of the line
            if any(cells):
                rows.append(cells)
                lines.append(reader.line_num - sum(cell.count("\n") for cell in cells))
    except csv.Error as err:
        raise ValueError(f"{path}, line {reader.line_num}: {err}.") from None
    names_columns = rows and not _all_numbers(rows[0][:-1] if labelled else rows[0])
    names_the_label = labelled and len(rows) > 1 and not _is_number(rows[0][-1]) and _is_number(rows[1][-1])
    if names_columns or names_the_label:
        rows, lines = rows[1:], lines[1:]  # a header: it names the columns
    if not rows:
        raise ValueError(f"{path} holds no rows of data.")
    width = len(rows[0])
    for cells, line in zip(rows, lines, strict=True):
        if len(cells) != width:
            raise ValueError(f"{path}, row {line}: {len(cells)} columns, but row {lines[0]} has {width}.")
    if labelled and width < 2:
        raise ValueError(f"{path} needs at least two columns (features, then the label), got {width}.")
    n_features = width - 1 if labelled else width
    X = _numbers(path, [cells[:n_features] for cells in rows], lines)
    if not labelled:
        return X, None, None
    y, classes = _class_indices(path, [cells[-1] for cells in rows], lines, width)
    return X, y, classes


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _all_numbers(cells: list[str]) -> bool:
    return all(_is_number(cell) for cell in cells)


def _numbers(path: Path, table: list[list[str]], lines: list[int]) -> np.ndarray:
    """The table's cells as a float64 array; the first cell that is not a finite number is named."""
    try:
        X = np.array(table, dtype=np.str_).astype(np.float64)  # numpy parses every cell in one call
        if np.isfinite(X).all():
            return X
    except ValueError:
        pass
    for cells, line in zip(table, lines, strict=True):  # find the culprit, cell by cell
        for column, cell in enumerate(cells, start=1):
            if not _is_number(cell) or not math.isfinite(float(cell)):
                what = "is empty" if cell == "" else f"holds {cell!r}, not a finite number"
                raise ValueError(f"{path}, row {line}, column {column} {what}.")
    return np.array(table, dtype=np.float64)  # numpy was stricter than Python's float(): "1_000"


def _class_indices(path: Path, labels: list[str], lines: list[int], column: int) -> tuple[np.ndarray, list[Label]]:
    """Class indices 0 .. k-1 and the k labels as given (whole numbers, else names), sorted."""
    if _all_numbers(labels):
        values = [float(label) for label in labels]
        for value, label, line in zip(values, labels, lines, strict=True):
            if not value.is_integer():
                raise ValueError(
                    f"{path}, row {line}, column {column}: the label {label!r} is not a whole number; the last "
                    f"column must hold class labels (whole numbers or names), not measurements."
                )
        found, y = np.unique(np.array([int(v) for v in values], dtype=object), return_inverse=True)
    else:
        found, y = np.unique(np.array(labels, dtype=np.str_), return_inverse=True)
    classes = [item.item() if isinstance(item, np.generic) else item for item in found]
    if len(classes) < 2:
        raise ValueError(
            f"{path} holds one class only (every label is {classes[0]!r}); a classifier needs at least two."
        )
    return y.astype(np.int64).reshape(-1), classes
