"""Checks a workbook package before anything reads or copies its parts: zip bombs, ambiguous zips and XML bombs.

:func:`check_package` looks at the zip's central directory (declared sizes — Python's ``zipfile`` never inflates
an entry past its declared size and checks its CRC —, names given twice, entries whose bytes overlap) and streams
every XML part *whole* (not its head: a DTD hidden after a long comment or processing instruction is found too),
refusing a DTD or entity declaration anywhere, in UTF-8 or UTF-16/32. A part is XML when its name says so
(.xml, .rels, .vml) or when its content starts like XML, whatever its name. It is part of
:func:`zi_xl.xlsx.read.check_workbook` (not a zip, encrypted, .xls, .ods) and of :meth:`zi_xl.xlsx.parts.Package.open`;
the zip writer (:mod:`zi_xl.xlsx.parts`) uses :func:`has_dtd` so that written output never carries one.

Example::

    check_package(zipfile.ZipFile("LKE.xlsx"), "LKE.xlsx")
    # raises BerkasTidakValid with an Indonesian message naming the file and the part
"""

from __future__ import annotations

import codecs
import re
import struct
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator

from ..errors import BerkasTidakValid, pada_berkas

MAKS_BAGIAN = 512 * 1024 * 1024      # one part, uncompressed
MAKS_TOTAL = 1024 * 1024 * 1024      # all parts, uncompressed
MAKS_RASIO = 200                     # uncompressed/compressed, for parts above MIN_RASIO bytes
MIN_RASIO = 16 * 1024 * 1024
MAKS_ENTRI = 20000
_XML_EXT = (".xml", ".rels", ".vml")
_CHUNK = 1 << 20
_PARSE_CHUNK = 16 * 1024             # what ElementTree's own iterparse feeds: small chunks keep the event lists short
_DTD = re.compile(rb"<!(?i:doctype|entity)")
_DTD_TEXT = re.compile(r"<!(?i:doctype|entity)")
_TAIL = 8                            # len("<!ENTITY") - 1: a declaration split between two chunks is still seen


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB".replace(",", ".")


def check_zip(zf: zipfile.ZipFile, berkas: str) -> None:
    """Refuse a zip bomb, a name given twice and entries whose bytes overlap, from the directory alone."""
    infos = zf.infolist()
    if len(infos) > MAKS_ENTRI:
        raise BerkasTidakValid(f"berkas berisi {len(infos)} bagian (batas {MAKS_ENTRI}); kemungkinan 'zip bomb'",
                               berkas=berkas)
    total = 0
    seen: set[str] = set()
    for i in infos:
        total += i.file_size
        key = i.filename.casefold()
        if key in seen:
            raise BerkasTidakValid(f"bagian {i.filename} ada lebih dari sekali di dalam zip (berkas rusak atau "
                                   "sengaja dibuat membingungkan)", berkas=berkas)
        seen.add(key)
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
    _check_overlap(zf, infos, berkas)


def _check_overlap(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], berkas: str) -> None:
    """Every entry's local header and data lie before the next entry and before the central directory (a zip
    whose entries share bytes is a known bomb and ambiguity trick)."""
    end_all = getattr(zf, "start_dir", None)
    ordered = sorted(infos, key=lambda i: i.header_offset)
    fp = zf.fp
    for k, i in enumerate(ordered):
        fp.seek(i.header_offset)
        head = fp.read(30)
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            raise BerkasTidakValid(f"header lokal bagian {i.filename} rusak", berkas=berkas)
        n, m = struct.unpack("<HH", head[26:30])
        end = i.header_offset + 30 + n + m + i.compress_size
        limit = ordered[k + 1].header_offset if k + 1 < len(ordered) else end_all
        if limit is not None and end > limit:
            raise BerkasTidakValid(f"bagian {i.filename} bertumpuk dengan bagian lain di dalam zip (berkas rusak "
                                   "atau sengaja dibuat sebagai 'zip bomb')", berkas=berkas)


def _encoding(head: bytes) -> str | None:
    """The text encoding of an XML part that is not ASCII-compatible (UTF-16/32, from BOM or first bytes), else None."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return enc
    for start, enc in ((b"<\0\0\0", "utf-32-le"), (b"\0\0\0<", "utf-32-be"), (b"<\0", "utf-16-le"),
                       (b"\0<", "utf-16-be")):
        if head.startswith(start):
            return enc
    return None


def looks_xml(head: bytes) -> bool:
    """Whether a part's first bytes look like XML (BOM and white space allowed), whatever its name."""
    if _encoding(head) is not None:
        return True
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


class _Pemindai:
    """Finds a DTD/entity declaration in a stream of chunks (UTF-8/ASCII, or UTF-16/32 decoded on the way); a
    declaration split between two chunks is still found."""

    def __init__(self):
        self.tail: bytes | str = b""
        self.decoder = None
        self.first = True

    def feed(self, chunk: bytes) -> bool:
        if self.first:
            enc = _encoding(chunk[:4])
            if enc is not None:
                self.decoder = codecs.getincrementaldecoder(enc)(errors="replace")
                self.tail = ""
            self.first = False
        if self.decoder is not None:
            text = self.tail + self.decoder.decode(chunk)
            self.tail = text[-_TAIL:]
            return _DTD_TEXT.search(text) is not None
        data = self.tail + chunk
        self.tail = data[-_TAIL:]
        return _DTD.search(data) is not None


def scan_dtd(chunks) -> bool:
    """True when the text made of ``chunks`` (bytes, in order) declares a DTD or an entity anywhere."""
    pemindai = _Pemindai()
    return any(pemindai.feed(chunk) for chunk in chunks)


def has_dtd(data: bytes) -> bool:
    """True when the XML ``data`` declares a DTD or entities anywhere (UTF-8, UTF-16 or UTF-32)."""
    return scan_dtd([data[i:i + _CHUNK] for i in range(0, len(data), _CHUNK)] or [b""])


def _tolak(bagian: str) -> BerkasTidakValid:
    return BerkasTidakValid(f"bagian {bagian or 'XML'} memuat deklarasi DTD/ENTITY (kemungkinan 'XML bomb'); berkas "
                            "ditolak tanpa dibaca")


def fromstring(data: bytes, bagian: str = "") -> ET.Element:
    """Parse a part with ElementTree's C parser after making sure it declares no DTD or entity (without a DTD,
    expat knows only the five predefined entities: nothing can expand or be fetched)."""
    if has_dtd(data):
        raise _tolak(bagian)
    return ET.fromstring(data)


def iterparse(fh, events: tuple[str, ...] = ("end",), bagian: str = "") -> Iterator[tuple[str, ET.Element]]:
    """``(event, element)`` of a part read from ``fh`` in chunks, with ElementTree's C parser; every chunk is
    scanned for a DTD/entity declaration before the parser sees it."""
    parser = ET.XMLPullParser(events)
    pemindai = _Pemindai()
    while chunk := fh.read(_PARSE_CHUNK):
        if pemindai.feed(chunk):
            raise _tolak(bagian)
        parser.feed(chunk)
        yield from parser.read_events()
    parser.close()
    yield from parser.read_events()


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo):
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            yield chunk


def check_xml(zf: zipfile.ZipFile, berkas: str) -> None:
    """Refuse a part that declares a DTD/entities (XML bomb, external entity), streaming every XML part whole."""
    for info in zf.infolist():
        if not info.file_size or info.is_dir():
            continue
        with pada_berkas(berkas, bagian=info.filename):
            if not info.filename.lower().endswith(_XML_EXT):
                with zf.open(info) as fh:
                    if not looks_xml(fh.read(64)):
                        continue
            if scan_dtd(_chunks(zf, info)):
                raise _tolak(info.filename)


def check_package(zf: zipfile.ZipFile, berkas: str) -> None:
    """Zip bomb + ambiguity + XML bomb checks of an open package."""
    with pada_berkas(berkas):
        check_zip(zf, berkas)
        check_xml(zf, berkas)
