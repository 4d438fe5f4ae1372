"""Read a workbook file once: its bytes (a :class:`Snapshot` that remembers the file's identity), the checks that
refuse what is not a readable .xlsx/.xlsm, and its worksheets as :class:`~zi_xl.xlsx.grid.Grid` s.

Reading runs named steps (as openpyxl's ``ExcelReader.read``); when a damaged part makes one fail, the message names
the step and the part, in Bahasa Indonesia, with the user's file::

    snap = Snapshot.read("LKE.xlsx")        # the bytes, read once; sidik = their SHA-256
    grids = read_grids(snap)                # {"LKE ZI": Grid, ...}
    grids = read_workbook("LKE.xlsx")       # the same in one call

Nothing here executes macros; sheet protection does not matter for reading.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from dataclasses import dataclass, replace

from ..errors import BerkasTidakValid
from . import sheetreader
from .grid import Grid
from .guard import check_package


@dataclass(frozen=True)
class Snapshot:
    """A workbook file as it was read: its path, bytes and their SHA-256 (``sidik``). Writers compare the file on
    disk with ``sidik`` before replacing it, so a save made in between is never overwritten."""

    berkas: str
    data: bytes
    sidik: str
    checked: bool = False      # passed :func:`check_workbook` (a writer need not scan it again)

    @classmethod
    def read(cls, path: str | os.PathLike) -> Snapshot:
        p = os.fspath(path)
        if not os.path.exists(p):
            raise BerkasTidakValid("berkas tidak ditemukan", berkas=p)
        if os.path.isdir(p):
            raise BerkasTidakValid("ini folder, bukan berkas Excel", berkas=p)
        try:
            with open(p, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise BerkasTidakValid(f"berkas tidak dapat dibaca ({exc.strerror or exc})", berkas=p) from None
        return cls(p, data, sidik(data))

    def zip(self) -> zipfile.ZipFile:
        return zipfile.ZipFile(io.BytesIO(self.data))


def sidik(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sidik_berkas(path: str | os.PathLike) -> str | None:
    """SHA-256 of a file as it is on disk now (None when it is gone)."""
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except FileNotFoundError:
        return None


def check_workbook(snap: Snapshot) -> None:
    """Refuse, with an Indonesian message naming the file, what is not an .xlsx/.xlsm we can read: old or encrypted
    formats, OpenDocument, damaged zips, packages without a workbook, zip and XML bombs."""
    p, head = snap.berkas, snap.data[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        if os.path.splitext(p)[1].lower() == ".xls":
            raise BerkasTidakValid("format .xls (Excel 97-2003) tidak didukung; simpan ulang sebagai .xlsx "
                                   "(File > Save As > Excel Workbook)", berkas=p)
        raise BerkasTidakValid("berkas terenkripsi/berpassword atau format Excel lama; buka di Excel, "
                               "hapus password, lalu simpan sebagai .xlsx", berkas=p)
    if not zipfile.is_zipfile(io.BytesIO(snap.data)):
        raise BerkasTidakValid("bukan berkas Excel .xlsx/.xlsm yang sah (isi berkas rusak atau bukan zip)",
                               berkas=p)
    try:
        with snap.zip() as zf:
            names = set(zf.namelist())
            if "content.xml" in names and "mimetype" in names:
                raise BerkasTidakValid("berkas OpenDocument (.ods) tidak didukung; simpan sebagai .xlsx", berkas=p)
            if "xl/workbook.xml" not in names:
                raise BerkasTidakValid("bukan workbook Excel: bagian xl/workbook.xml tidak ada", berkas=p)
            check_package(zf, p)
    except zipfile.BadZipFile as exc:
        raise BerkasTidakValid(f"berkas zip rusak: {exc}", berkas=p) from None


def check_workbook_file(path: str | os.PathLike) -> Snapshot:
    """Read a file and check it (:func:`check_workbook`); returns its :class:`Snapshot`."""
    snap = Snapshot.read(path)
    check_workbook(snap)
    return replace(snap, checked=True)


def read_grids(snap: Snapshot, sheets: list[str] | None = None) -> dict[str, Grid]:
    """Every worksheet (or the named ones) of a checked snapshot as grids, in workbook order: one pass per sheet
    (:mod:`zi_xl.xlsx.sheetreader`)."""
    step = "daftar sheet"
    try:
        with snap.zip() as zf:
            parts = sheetreader.sheet_parts(zf)
            step = "teks bersama dan gaya"
            ctx = sheetreader.context(zf)
            grids: dict[str, Grid] = {}
            for name, part in parts:
                if sheets is None or name in sheets:
                    step = f"sheet '{name}' ({part})"
                    grids[name] = sheetreader.read_sheet(zf, part, name, ctx, berkas=snap.berkas)
    except BerkasTidakValid:
        raise
    except Exception as exc:  # damaged parts surface only while parsing
        raise BerkasTidakValid(f"isi workbook rusak saat membaca {step} ({type(exc).__name__}: {exc})",
                               berkas=snap.berkas) from None
    return grids


def read_workbook(path: str | os.PathLike, sheets: list[str] | None = None) -> dict[str, Grid]:
    """Read an .xlsx/.xlsm file into grids: formulas and cached values of every worksheet (or the named ones).
    Damaged, encrypted, foreign or bomb-like files raise :class:`BerkasTidakValid`."""
    return read_grids(check_workbook_file(path), sheets)
