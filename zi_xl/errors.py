"""Errors shown to users: always in Bahasa Indonesia, always naming file, sheet and cell where known."""

from __future__ import annotations


class ZiError(Exception):
    """A user-facing error. The CLI prints ``str(err)`` and exits non-zero, without a traceback."""

    exit_code = 2

    def __init__(self, pesan: str, berkas: str | None = None, sheet: str | None = None,
                 sel: str | None = None):
        super().__init__(pesan)
        self.pesan = pesan
        self.berkas = berkas
        self.sheet = sheet
        self.sel = sel

    def lokasi(self) -> str:
        where = ""
        if self.sheet:
            where = self.sheet + (f"!{self.sel}" if self.sel else "")
        return where

    def __str__(self) -> str:
        parts = [p for p in (self.berkas, self.lokasi()) if p]
        return ": ".join(parts + [self.pesan])


class BerkasTidakValid(ZiError):
    """The file is not a workbook we can read (not a zip, encrypted, .xls, ...)."""


class SheetTidakDitemukan(ZiError):
    """No sheet of the expected kind (LKE, rencana aksi, ...) was found."""


class GagalMenulis(ZiError):
    """Writing failed; the original file is intact."""

    exit_code = 3
