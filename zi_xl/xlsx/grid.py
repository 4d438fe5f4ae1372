"""Grid: a sheet as plain data (values, formulas, cached values, positions).

The domain modules (``lke``, ``rencana_aksi``, ``monev``) only ever see a :class:`Grid`, never openpyxl or
xlwings objects. Readers for files (:func:`read_workbook`) and, later, live Excel build grids.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from ..errors import BerkasTidakValid
from .guard import periksa_paket


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

    def row_texts(self, row: int) -> list[tuple[int, str]]:
        return [(c, self.text(row, c)) for c in range(1, self.max_col + 1) if self.text(row, c)]

    def validation_at(self, row: int, col: int) -> str | None:
        """formula1 of the list data validation covering the cell, if any."""
        from openpyxl.worksheet.cell_range import MultiCellRange

        coord = address(row, col)
        for sqref, f1 in self.validations:
            if coord in MultiCellRange(sqref):
                return f1
        return None


def address(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


_XLSX_KINDS = {".xlsx", ".xlsm", ".xltx", ".xltm"}


def check_workbook_file(path: str | os.PathLike) -> str:
    """Refuse, with an Indonesian message naming the file, what is not an .xlsx/.xlsm we can read."""
    p = os.fspath(path)
    if not os.path.exists(p):
        raise BerkasTidakValid("berkas tidak ditemukan", berkas=p)
    if os.path.isdir(p):
        raise BerkasTidakValid("ini folder, bukan berkas Excel", berkas=p)
    with open(p, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        ext = os.path.splitext(p)[1].lower()
        if ext == ".xls":
            raise BerkasTidakValid("format .xls (Excel 97-2003) tidak didukung; simpan ulang sebagai .xlsx "
                                   "(File > Save As > Excel Workbook)", berkas=p)
        raise BerkasTidakValid("berkas terenkripsi/berpassword atau format Excel lama; buka di Excel, "
                               "hapus password, lalu simpan sebagai .xlsx", berkas=p)
    if not zipfile.is_zipfile(p):
        raise BerkasTidakValid("bukan berkas Excel .xlsx/.xlsm yang sah (isi berkas rusak atau bukan zip)",
                               berkas=p)
    try:
        with zipfile.ZipFile(p) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile as exc:
        raise BerkasTidakValid(f"berkas zip rusak: {exc}", berkas=p) from None
    if "content.xml" in names and "mimetype" in names:
        raise BerkasTidakValid("berkas OpenDocument (.ods) tidak didukung; simpan sebagai .xlsx", berkas=p)
    if "xl/workbook.xml" not in names:
        raise BerkasTidakValid("bukan workbook Excel: bagian xl/workbook.xml tidak ada", berkas=p)
    return p


def read_workbook(path: str | os.PathLike, sheets: list[str] | None = None) -> dict[str, Grid]:
    """Read every worksheet (or the named ones) of an .xlsx/.xlsm into grids: formulas and cached values.

    One pass per sheet (:mod:`zi_xl.xlsx.sheetreader`); macros are never executed; sheet protection does not
    matter for reading. Damaged, encrypted, foreign or bomb-like files raise :class:`BerkasTidakValid`."""
    from . import sheetreader

    p = check_workbook_file(path)
    periksa_paket(p)  # zip bomb / XML bomb refused before any part is parsed
    grids: dict[str, Grid] = {}
    try:
        with zipfile.ZipFile(p) as zf:
            ctx = sheetreader.context(zf)
            for name, part in sheetreader.sheet_parts(zf):
                if sheets is None or name in sheets:
                    grids[name] = sheetreader.read_sheet(zf, part, name, ctx, berkas=p)
    except BerkasTidakValid:
        raise
    except Exception as exc:  # damaged parts surface only while parsing
        raise BerkasTidakValid(f"isi workbook rusak ({type(exc).__name__}: {exc})", berkas=p) from None
    return grids
