"""Checks a workbook package before anything reads its parts: zip bombs and XML bombs.

:func:`check_package` looks only at the zip's central directory (declared sizes; Python's ``zipfile`` never
inflates an entry past its declared size and checks its CRC) and at the first bytes of every XML part (a DTD
must come before the root element). It is part of :func:`zi_xl.xlsx.read.check_workbook` (not a zip, encrypted,
.xls, .ods) and of :meth:`zi_xl.xlsx.parts.Package.open`.

Example::

    check_package(zipfile.ZipFile("LKE.xlsx"), "LKE.xlsx")
    # raises BerkasTidakValid with an Indonesian message naming the file
"""

from __future__ import annotations

import zipfile
import zlib

from ..errors import BerkasTidakValid

MAKS_BAGIAN = 512 * 1024 * 1024      # one part, uncompressed
MAKS_TOTAL = 1024 * 1024 * 1024      # all parts, uncompressed
MAKS_RASIO = 200                     # uncompressed/compressed, for parts above MIN_RASIO bytes
MIN_RASIO = 16 * 1024 * 1024
MAKS_ENTRI = 20000
_XML_EXT = (".xml", ".rels", ".vml")
_HEAD = 64 * 1024


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB".replace(",", ".")


def check_zip(zf: zipfile.ZipFile, berkas: str) -> None:
    """Refuse a zip bomb from the central directory alone."""
    infos = zf.infolist()
    if len(infos) > MAKS_ENTRI:
        raise BerkasTidakValid(f"berkas berisi {len(infos)} bagian (batas {MAKS_ENTRI}); kemungkinan 'zip bomb'",
                               berkas=berkas)
    total = 0
    for i in infos:
        total += i.file_size
        if i.file_size > MAKS_BAGIAN:
            raise BerkasTidakValid(f"bagian {i.filename} berukuran {_mb(i.file_size)} setelah diekstrak "
                                   f"(batas {_mb(MAKS_BAGIAN)}); kemungkinan 'zip bomb'", berkas=berkas)
        if i.file_size > MIN_RASIO and i.file_size > MAKS_RASIO * max(i.compress_size, 1):
            raise BerkasTidakValid(f"bagian {i.filename} mengembang {i.file_size // max(i.compress_size, 1)}× "
                                   f"saat diekstrak ({_mb(i.file_size)}); kemungkinan 'zip bomb'", berkas=berkas)
        if i.flag_bits & 0x1:
            raise BerkasTidakValid(f"bagian {i.filename} terenkripsi; buka di Excel, hapus password, "
                                   "lalu simpan sebagai .xlsx", berkas=berkas)
    if total > MAKS_TOTAL:
        raise BerkasTidakValid(f"isi berkas {_mb(total)} setelah diekstrak (batas {_mb(MAKS_TOTAL)}); "
                               "kemungkinan 'zip bomb'", berkas=berkas)


def xml_head(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The first bytes of a part, inflated without reading the whole entry."""
    with zf.open(info) as fh:
        return fh.read(_HEAD)


def has_dtd(head: bytes) -> bool:
    """True when the XML prolog declares a DTD or entities (UTF-8 or UTF-16)."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            head = head.decode("utf-16", errors="ignore").encode("utf-8")
        except UnicodeError:
            return True
    return b"<!DOCTYPE" in head or b"<!ENTITY" in head


def check_xml(zf: zipfile.ZipFile, berkas: str) -> None:
    """Refuse an XML part that declares a DTD/entities (XML bomb, external entity)."""
    for info in zf.infolist():
        if info.filename.lower().endswith(_XML_EXT) and info.file_size:
            try:
                head = xml_head(zf, info)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
                raise BerkasTidakValid(f"bagian {info.filename} rusak: {exc}", berkas=berkas) from None
            if has_dtd(head):
                raise BerkasTidakValid(f"bagian {info.filename} memuat deklarasi DTD/ENTITY (kemungkinan "
                                       "'XML bomb'); berkas ditolak tanpa dibaca", berkas=berkas)


def check_package(zf: zipfile.ZipFile, berkas: str) -> None:
    """Zip bomb + XML bomb checks of an open package."""
    check_zip(zf, berkas)
    check_xml(zf, berkas)
