"""Errors shown to users: always in Bahasa Indonesia, always naming file, sheet and cell where known.

:class:`ZiError` and its subclasses are what a user reads (``GALAT: LKE.xlsx: LKE ZI!K8: …``). Everything below
them — zip, zlib, XML, numbers, text encodings, damaged parts — is translated in ONE place, :func:`galat_dari`
(and the context manager :func:`pada_berkas` that applies it at the workbook I/O boundaries), into a message that
names the user's file and the part, sheet or cell, and never carries raw Python text::

    with pada_berkas("LKE.xlsx", bagian="xl/worksheets/sheet3.xml"):
        ...                                   # a zlib.error here becomes BerkasTidakValid("LKE.xlsx: bagian …")

:class:`Pemberitahuan` is a notice, not an error: something the user must know although the work succeeded (a VBA
signature that had to be removed). It is issued with :func:`warnings.warn`; the command line prints it as
``PERHATIAN: …``.
"""

from __future__ import annotations

import contextlib
import errno
import struct
import zipfile
import zlib
from collections.abc import Iterator
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError

from defusedxml import DefusedXmlException


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


class Pemberitahuan(UserWarning):
    """A notice for the user (Indonesian), issued with :func:`warnings.warn`: the work succeeded, but the user must
    know something about it. ``berkas`` names the file it concerns."""

    def __init__(self, pesan: str, berkas: str | None = None):
        super().__init__(pesan)
        self.pesan = pesan
        self.berkas = berkas

    def __str__(self) -> str:
        return f"{self.berkas}: {self.pesan}" if self.berkas else self.pesan


#: the low-level exceptions that mean "this package is damaged or hostile" when they come out of reading or
#: writing a workbook; :func:`pada_berkas` translates them, anything else is a defect of the tool and propagates
RUSAK = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, struct.error, ExpatError, ParseError,
         DefusedXmlException, OverflowError, UnicodeError, KeyError, IndexError, ValueError, TypeError,
         AttributeError, NotImplementedError, RecursionError, MemoryError)


def _di(bagian: str | None) -> str:
    return f" di bagian {bagian}" if bagian else ""


def _pesan(exc: BaseException, bagian: str | None, langkah: str | None) -> tuple[str, type[ZiError]]:
    """(Indonesian message, error class) for a low-level exception; no text of the exception itself is used."""
    saat = f" saat membaca {langkah}" if langkah else ""
    if isinstance(exc, DefusedXmlException):
        return (f"bagian {bagian or 'XML'} memuat deklarasi DTD/ENTITY (kemungkinan 'XML bomb'); berkas ditolak "
                "tanpa dibaca"), BerkasTidakValid
    if isinstance(exc, ExpatError | ParseError):
        line, col = (exc.position if isinstance(exc, ParseError) else (exc.lineno, exc.offset))
        return f"XML rusak{_di(bagian)} (baris {line}, kolom {col + 1}){saat}", BerkasTidakValid
    if isinstance(exc, NotImplementedError):
        return f"bagian {bagian or 'berkas'} memakai kompresi/fitur zip yang tidak didukung", BerkasTidakValid
    if isinstance(exc, zipfile.LargeZipFile):
        return "berkas zip64 (lebih dari 4 GB) tidak didukung", BerkasTidakValid
    if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError | struct.error):
        if bagian:
            return (f"bagian {bagian} rusak (data terkompresinya tidak utuh atau tidak cocok dengan checksum); "
                    "buka di Excel lalu simpan ulang"), BerkasTidakValid
        return ("isi zip berkas rusak atau terpotong (bukan berkas Excel .xlsx/.xlsm yang utuh); buka di Excel lalu "
                "simpan ulang"), BerkasTidakValid
    if isinstance(exc, UnicodeError):
        return (f"teks atau nama bagian{_di(bagian)} tidak dalam pengodean yang sah (UTF-8/UTF-16); berkas rusak "
                "atau dibuat program lain"), BerkasTidakValid
    if isinstance(exc, OverflowError):
        return f"angka di luar jangkauan{_di(bagian)}{saat}", BerkasTidakValid
    if isinstance(exc, RecursionError):
        return f"struktur XML terlalu dalam{_di(bagian)}{saat}", BerkasTidakValid
    if isinstance(exc, MemoryError):
        return "berkas terlalu besar untuk diproses (memori habis)", BerkasTidakValid
    if isinstance(exc, OSError):
        return pesan_os(exc), GagalMenulis
    return f"isi workbook rusak atau tidak lengkap{_di(bagian)}{saat}", BerkasTidakValid


def pesan_os(exc: OSError) -> str:
    """An operating-system error in Indonesian (never the system's English text)."""
    n = exc.errno
    if n in (errno.ENOENT,):
        return "berkas atau folder tidak ditemukan"
    if n in (errno.EACCES, errno.EPERM):
        return "tidak ada izin membaca/menulis (berkas/folder hanya-baca atau milik pengguna lain)"
    if n == errno.EROFS:
        return "sistem berkas hanya-baca"
    if n in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "disk penuh"
    if n == errno.EISDIR:
        return "ini folder, bukan berkas"
    if n == errno.ENAMETOOLONG:
        return "nama berkas terlalu panjang"
    if n in (errno.EBUSY, getattr(errno, "ETXTBSY", -1)):
        return "berkas sedang dipakai program lain"
    return f"galat sistem operasi (kode {n})" if n else "galat sistem operasi"


def galat_dari(exc: BaseException, berkas: str | None, bagian: str | None = None, sheet: str | None = None,
               sel: str | None = None, langkah: str | None = None) -> ZiError:
    """The :class:`ZiError` a user reads for ``exc`` raised while handling ``berkas`` (the user's file — never a
    temporary copy): a ZiError gets the file/sheet/cell it lacks; anything else becomes an Indonesian message
    naming the part (``bagian``), sheet and cell, without the exception's own text."""
    if isinstance(exc, ZiError):
        if exc.berkas is None:
            exc.berkas = berkas
        if exc.sheet is None and sheet is not None:
            exc.sheet, exc.sel = sheet, exc.sel or sel
        return exc
    pesan, cls = _pesan(exc, bagian, langkah)
    return cls(pesan, berkas=berkas, sheet=sheet, sel=sel)


@contextlib.contextmanager
def pada_berkas(berkas: str | None, bagian: str | None = None, sheet: str | None = None,
                langkah: str | None = None, ganti: str | None = None) -> Iterator[None]:
    """Translate what goes wrong inside the block into a :class:`ZiError` naming ``berkas`` (see
    :func:`galat_dari`). ``ganti``: a path (a temporary copy) that must never appear in a message; a ZiError naming
    it is renamed to ``berkas``."""
    try:
        yield
    except ZiError as err:
        if ganti is not None and err.berkas == ganti:
            err.berkas = berkas
        raise galat_dari(err, berkas, sheet=sheet) from None
    except RUSAK as exc:
        raise galat_dari(exc, berkas, bagian=bagian, sheet=sheet, langkah=langkah) from exc
