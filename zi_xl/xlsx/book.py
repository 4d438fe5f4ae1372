"""The one seam between a workbook and the domains: open + check + read once, then apply edits to the same book.

Every command and every button runs the same three steps::

    book = Book.open("LKE.xlsx")            # checked, read once into grids; the bytes' identity is kept
    hasil = lke.hitung_grids(book.grids, book.berkas)          # domain: grids → model → results
    book.apply(lke.sheets.edits_hasil(hasil, waktu, book.grids))   # the same book applies the edits

:class:`Book` is a file: :meth:`Book.apply` patches exactly the bytes that were read (nothing else in the workbook
changes), verifies, keeps a backup and replaces the file only if it is still those bytes — a save made in between
is refused with a clear message, never overwritten. Its twin for a workbook open in Excel is
:class:`zi_xl.xlsx.xlwings_io.LiveBook` (same ``berkas``, ``grids`` and ``apply``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .edits import Edit
from .grid import Grid
from .kunci import Kunci
from .read import Snapshot, check_workbook_file, read_grids

if TYPE_CHECKING:
    from .safe_write import WriteResult


@dataclass
class Book:
    """A workbook file, read once. ``grids``: its worksheets (all, or those asked for) as grids. ``kunci``: the
    file's lock (:mod:`zi_xl.xlsx.kunci`), taken before the bytes were read and held until :meth:`close` (or until
    the book is dropped) — another zi-xl that opens the same file waits meanwhile."""

    snapshot: Snapshot
    grids: dict[str, Grid] = field(default_factory=dict)
    kunci: Kunci | None = field(default=None, repr=False, compare=False)

    @classmethod
    def open(cls, path: str | os.PathLike, sheets: list[str] | None = None, tunggu: float | None = None) -> Book:
        """Lock, check and read a .xlsx/.xlsm; raises :class:`~zi_xl.errors.BerkasTidakValid` (Indonesian, naming the
        file) for anything that is not a readable workbook, :class:`~zi_xl.errors.GagalMenulis` when another zi-xl
        keeps the file longer than ``tunggu`` seconds (default :data:`zi_xl.xlsx.kunci.TUNGGU`)."""
        kunci = Kunci(path, tunggu).ambil()
        try:
            snap = check_workbook_file(path)
            return cls(snap, read_grids(snap, sheets), kunci)
        except BaseException:
            kunci.lepas()
            raise

    @property
    def berkas(self) -> str:
        return self.snapshot.berkas

    def apply(self, edits: list[Edit], output: str | os.PathLike | None = None,
              cadangan: str | os.PathLike | None = None) -> WriteResult:
        """Write ``edits`` into this workbook (backup ``NAME.bak``, or timestamped copies in ``cadangan``), or into a
        copy at ``output`` leaving the file untouched (:func:`zi_xl.xlsx.safe_write.write_safely`). The file is
        replaced only while it is still the bytes that were read (checked under the book's lock)."""
        from .safe_write import write_safely  # the writer (patch, verify) only when something is written

        return write_safely(self.snapshot, edits, output=output, cadangan=cadangan, kunci=self.kunci)

    def close(self) -> None:
        """Give the file's lock back (the book's grids stay readable)."""
        if self.kunci is not None:
            self.kunci.lepas()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
