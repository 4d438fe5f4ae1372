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

import contextlib
import gc
import hashlib
import io
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..errors import BerkasTidakValid, pada_berkas, pesan_os
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
            raise BerkasTidakValid(f"berkas tidak dapat dibaca ({pesan_os(exc)})", berkas=p) from None
        return cls(p, data, sidik(data))

    def zip(self) -> zipfile.ZipFile:
        """The bytes as an open zip; a damaged directory or an entry name that is not UTF-8 is refused naming the
        file (:func:`zi_xl.errors.pada_berkas`)."""
        with pada_berkas(self.berkas):
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
    with pada_berkas(p):
        is_zip = zipfile.is_zipfile(io.BytesIO(snap.data))
    if not is_zip:
        raise BerkasTidakValid("bukan berkas Excel .xlsx/.xlsm yang sah (isi berkas rusak atau bukan zip)",
                               berkas=p)
    with pada_berkas(p), snap.zip() as zf:
        names = set(zf.namelist())
        if "content.xml" in names and "mimetype" in names:
            raise BerkasTidakValid("berkas OpenDocument (.ods) tidak didukung; simpan sebagai .xlsx", berkas=p)
        if "xl/workbook.xml" not in names:
            raise BerkasTidakValid("bukan workbook Excel: bagian xl/workbook.xml tidak ada", berkas=p)
        for part in ("[Content_Types].xml", "xl/_rels/workbook.xml.rels"):   # Excel cannot open it without them
            if part not in names:
                raise BerkasTidakValid(f"workbook tidak utuh: bagian {part} tidak ada; buka di Excel lalu simpan "
                                       "ulang", berkas=p)
        check_package(zf, p)


def check_workbook_file(path: str | os.PathLike) -> Snapshot:
    """Read a file and check it (:func:`check_workbook`); returns its :class:`Snapshot`."""
    snap = Snapshot.read(path)
    check_workbook(snap)
    return replace(snap, checked=True)


@contextlib.contextmanager
def jeda_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a big part becomes many small objects that form no cycles
    (cells, positions): otherwise every collection walks all the cells made so far, and reading 10× the rows takes
    far more than 10× the time. Nested use is fine; the collector runs again afterwards."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def read_grids(snap: Snapshot, sheets: list[str] | None = None,
               only: set[tuple[int, int]] | None = None) -> dict[str, Grid]:
    """Every worksheet (or the named ones) of a checked snapshot as grids, in workbook order: one pass per sheet
    (:mod:`zi_xl.xlsx.sheetreader`). ``only``: keep just these (row, column) cells of each sheet."""
    berkas = snap.berkas
    grids: dict[str, Grid] = {}
    with snap.zip() as zf, jeda_gc():
        with pada_berkas(berkas, langkah="daftar sheet"):
            parts = sheetreader.sheet_parts(zf)
        with pada_berkas(berkas, langkah="teks bersama dan gaya"):
            ctx = sheetreader.context(zf)
        for name, part in parts:
            if sheets is None or name in sheets:
                with pada_berkas(berkas, bagian=part, sheet=name):
                    grids[name] = sheetreader.read_sheet(zf, part, name, ctx, berkas=berkas, only=only)
    return grids


def read_workbook(path: str | os.PathLike, sheets: list[str] | None = None) -> dict[str, Grid]:
    """Read an .xlsx/.xlsm file into grids: formulas and cached values of every worksheet (or the named ones).
    Damaged, encrypted, foreign or bomb-like files raise :class:`BerkasTidakValid`."""
    return read_grids(check_workbook_file(path), sheets)
