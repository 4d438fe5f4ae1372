"""Grid: a sheet as plain data (values, formulas, cached values, positions).

The domain packages (``lke``, ``rencana_aksi``, ``monev`` …) only ever see a :class:`Grid`, never openpyxl or
xlwings objects. :func:`zi_xl.xlsx.read.read_workbook` builds grids from a file,
:func:`zi_xl.xlsx.xlwings_io.read_workbook` from a workbook open in Excel.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .sheetxml import col_index


@dataclass
class Grid:
    """One sheet. ``values`` holds what Excel shows (cached results for formula cells, ``None`` when the
    file carries no cached value); ``formulas`` holds the formula text (with leading ``=``) of formula cells.
    Rows and columns are 1-based, as in Excel."""

    title: str
    values: dict[tuple[int, int], Any] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    max_row: int = 0
    max_col: int = 0
    protected: bool = False
    validations: list[tuple[str, str]] = field(default_factory=list)  # (sqref, formula1) of list validations
    berkas: str | None = None

    def value(self, row: int, col: int) -> Any:
        return self.values.get((row, col))

    def formula(self, row: int, col: int) -> str | None:
        return self.formulas.get((row, col))

    def text(self, row: int, col: int) -> str:
        """The cell as stripped text ('' for empty)."""
        v = self.values.get((row, col))
        if v is None:
            return ""
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return str(v).strip()

    def _index(self) -> dict[int, list[int]]:
        """row → its used columns (sorted), built from the cells themselves: work is bounded by the content, never
        by the declared dimension (one stray cell at row 99,999,999 costs what one cell costs)."""
        size = len(self.values) + len(self.formulas)
        if getattr(self, "_idx_size", -1) != size:
            idx: dict[int, set[int]] = {}
            for r, c in (*self.values, *self.formulas):
                idx.setdefault(r, set()).add(c)
            self._idx = {r: sorted(cs) for r, cs in sorted(idx.items())}
            self._idx_size = size
        return self._idx

    def rows(self, start: int = 1, stop: int | None = None) -> list[int]:
        """The rows from ``start`` to ``stop`` (inclusive) that have a value or a formula, in order."""
        return [r for r in self._index() if r >= start and (stop is None or r <= stop)]

    def row_texts(self, row: int) -> list[tuple[int, str]]:
        """(column, text) of the non-empty cells of a row, left to right."""
        return [(c, t) for c in self._index().get(row, ()) if (t := self.text(row, c))]

    def validation_at(self, row: int, col: int) -> str | None:
        """formula1 of the list data validation covering the cell, if any."""
        for sqref, f1 in self.validations:
            if in_sqref(sqref, row, col):
                return f1
        return None


def address(row: int, col: int) -> str:
    """``(12, 3)`` → ``"C12"``; any column a (hostile) file may carry, even beyond Excel's XFD."""
    letters = ""
    while col > 0:
        col, r = divmod(col - 1, 26)
        letters = chr(65 + r) + letters
    return f"{letters}{row}"


def in_sqref(sqref: str, row: int, col: int) -> bool:
    """Is the cell inside a space-separated list of ranges (``"A1:B5 D7 F:F 3:3"``), as data validations give it?"""
    for part in sqref.replace("$", "").split():
        a, _, b = part.partition(":")
        b = b or a
        ca, ra = _split(a)
        cb, rb = _split(b)
        if (ca or 1) <= col <= (cb or 16384) and (ra or 1) <= row <= (rb or 1048576):
            return True
    return False


def _split(ref: str) -> tuple[int | None, int | None]:
    """"B5" → (2, 5); "F" → (6, None) for a whole column; "3" → (None, 3) for a whole row."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters):]
    return (col_index(letters) if letters else None), (int(digits) if digits else None)


def norm_teks(v: object) -> str:
    """Text as compared (headers with their synonyms, names with names): lower case, letters and digits, every
    run of other characters one space."""
    return re.sub(r"[^a-z0-9]+", " ", str(v).lower()).strip()


def cocokkan_judul(grid: Grid, row: int, sinonim: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Map fields to the columns of one candidate header row: a header equal to a synonym (earlier synonyms win) or
    starting with one followed by a word; one column per field and one field per column. Number and date cells are
    data, never headers."""
    found: list[tuple[int, str, int]] = []
    for c, text in grid.row_texts(row):
        if isinstance(grid.value(row, c), int | float | datetime | date):
            continue
        h = norm_teks(text)
        for fld, syns in sinonim.items():
            for i, s in enumerate(syns):
                if h == s:
                    found.append((i, fld, c))
                elif h.startswith(s + " "):
                    found.append((100 + i, fld, c))
    cols: dict[str, int] = {}
    for _, fld, c in sorted(found):
        if fld not in cols and c not in cols.values():
            cols[fld] = c
    return cols
