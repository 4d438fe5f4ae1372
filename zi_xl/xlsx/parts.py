"""The package: the zip of parts, their relationships, and a writer that copies untouched parts byte for byte.

A workbook is a zip (OPC package). :class:`Package` reads the central directory once, gives a part's bytes on
demand, parses ``.rels`` files, and :meth:`Package.write` produces the new zip: every entry not replaced or
removed is copied as its raw compressed bytes (same compression, same CRC: not even re-deflated), replaced and
added parts are deflated anew. The entry order of the original is kept; added parts come last.

Example::

    pkg = Package.open("LKE.xlsx")
    rels = pkg.rels("xl/workbook.xml")          # [Rel(id='rId1', type=..., target='xl/worksheets/sheet1.xml')]
    with open("out.xlsx", "wb") as fh:
        pkg.write(fh, replace={"xl/workbook.xml": new_bytes}, remove={"xl/calcChain.xml"})
"""

from __future__ import annotations

import io
import os
import posixpath
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import BerkasTidakValid, pada_berkas, pesan_os
from . import guard
from .xmlspan import esc, parse, splice

NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT = NS_REL + "/"
RT_WORKSHEET = RT + "worksheet"
RT_CALCCHAIN = RT + "calcChain"
RT_DRAWING = RT + "drawing"
RT_CHART = RT + "chart"
#: Timestamp of entries the writer adds (as Excel and XlsxWriter write them): output never depends on the clock.
NEW_ENTRY_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class Rel:
    id: str
    type: str
    target: str           # resolved part name ("xl/worksheets/sheet1.xml") or the raw target when external
    external: bool = False


def rels_name(part: str) -> str:
    """``xl/workbook.xml`` → ``xl/_rels/workbook.xml.rels``."""
    d, f = posixpath.split(part)
    return posixpath.join(d, "_rels", f + ".rels")


def resolve(source_part: str, target: str) -> str:
    """A relationship target relative to its source part, as a part name without leading ``/``."""
    if target.startswith("/"):
        return posixpath.normpath(target[1:])
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def relative(source_part: str, target_part: str) -> str:
    return posixpath.relpath(target_part, posixpath.dirname(source_part) or ".")


def parse_rels(data: bytes, source_part: str) -> list[Rel]:
    root = parse(data, name=rels_name(source_part))
    out = []
    for r in root.findall("Relationship"):
        ext = r.attrs.get("TargetMode") == "External"
        tgt = r.attrs.get("Target", "")
        out.append(Rel(r.attrs.get("Id", ""), r.attrs.get("Type", ""), tgt if ext else resolve(source_part, tgt),
                       ext))
    return out


def add_rel(data: bytes | None, source_part: str, rtype: str, target_part: str) -> tuple[bytes, str]:
    """Add a relationship to a .rels file (created when ``data`` is None); returns (new bytes, new Id)."""
    if data is None:
        data = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>')
    root = parse(data)
    ids = {r.attrs.get("Id") for r in root.findall("Relationship")}
    n = 1
    while f"rId{n}" in ids:
        n += 1
    rid = f"rId{n}"
    new = (f'<{root.prefix}Relationship Id="{rid}" Type="{esc(rtype, True)}" '
           f'Target="{esc(relative(source_part, target_part), True)}"/>').encode()
    if root.empty:
        tag = data[root.start:root.end - 2] + b">"
        return splice(data, [(root.start, root.end, tag + new + f"</{root.tag}>".encode())]), rid
    return splice(data, [(root.close, root.close, new)]), rid


def remove_rels(data: bytes, pred) -> bytes:
    """Drop the ``Relationship`` elements for which ``pred(attrs)`` is true."""
    root = parse(data)
    return splice(data, [(r.start, r.end, b"") for r in root.findall("Relationship") if pred(r.attrs)])


class Package:
    """Read side of a workbook zip. Use :meth:`open`; parts are read lazily."""

    def __init__(self, path: str, zf: zipfile.ZipFile):
        self.path = path
        self.zf = zf
        self.infos = zf.infolist()
        self.names = {i.filename: i for i in self.infos}

    @classmethod
    def open(cls, source) -> Package:
        """Open a package from a path or from a :class:`~zi_xl.xlsx.read.Snapshot` (its bytes, as read once)."""
        data = getattr(source, "data", None)
        p = source.berkas if data is not None else os.fspath(source)
        try:
            with pada_berkas(p):         # a damaged directory, a name that is not UTF-8: an Indonesian message
                zf = zipfile.ZipFile(io.BytesIO(data) if data is not None else p)
        except OSError as exc:
            raise BerkasTidakValid(f"berkas tidak dapat dibuka ({pesan_os(exc)})", berkas=p) from None
        try:
            if not getattr(source, "checked", False):   # a checked snapshot was scanned when it was read
                guard.check_package(zf, p)
            for i in zf.infolist():
                if i.file_size >= 0xFFFFFFFF or i.header_offset >= 0xFFFFFFFF:
                    raise BerkasTidakValid("berkas zip64 (lebih dari 4 GB) tidak didukung", berkas=p)
                if i.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    raise BerkasTidakValid(f"bagian {i.filename} memakai kompresi yang tidak didukung", berkas=p)
            if "xl/workbook.xml" not in {i.filename for i in zf.infolist()}:
                raise BerkasTidakValid("bukan workbook Excel: bagian xl/workbook.xml tidak ada", berkas=p)
        except BaseException:
            zf.close()
            raise
        return cls(p, zf)

    def close(self) -> None:
        self.zf.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        if name not in self.names:
            raise BerkasTidakValid(f"bagian {name} tidak ada", berkas=self.path)
        with pada_berkas(self.path, bagian=name):
            return self.zf.read(name)

    def rels(self, part: str) -> list[Rel]:
        rn = rels_name(part)
        return parse_rels(self.read(rn), part) if rn in self.names else []

    def raw_entry(self, info: zipfile.ZipInfo) -> bytes:
        """The compressed bytes of an entry, exactly as stored."""
        fp = self.zf.fp
        fp.seek(info.header_offset)
        head = fp.read(30)
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            raise BerkasTidakValid(f"header lokal bagian {info.filename} rusak", berkas=self.path)
        n, m = struct.unpack("<HH", head[26:30])
        fp.seek(info.header_offset + 30 + n + m)
        data = fp.read(info.compress_size)
        if len(data) != info.compress_size:
            raise BerkasTidakValid(f"bagian {info.filename} terpotong", berkas=self.path)
        return data

    def write(self, out: BinaryIO, replace: dict[str, bytes] | None = None, remove: set[str] | None = None,
              add: dict[str, bytes] | None = None) -> None:
        """Write the new package to ``out``: untouched entries raw-copied, the others deflated."""
        replace = replace or {}
        remove = remove or set()
        add = {k: v for k, v in (add or {}).items() if k not in self.names}
        w = _ZipWriter(out)
        for info in self.infos:
            name = info.filename
            if name in remove:
                continue
            if name in replace:
                w.add(name, replace[name], like=info)
            else:
                w.copy_raw(info, self.raw_entry(info))
        for name, data in add.items():
            w.add(name, data)
        w.finish()


def _dos_time(dt: tuple) -> tuple[int, int]:
    y, mo, d, h, mi, s = dt
    return ((h << 11) | (mi << 5) | (s // 2)), (((max(y, 1980) - 1980) << 9) | (mo << 5) | d)


def _strip_zip64(extra: bytes) -> bytes:
    out, i = b"", 0
    while i + 4 <= len(extra):
        hid, ln = struct.unpack("<HH", extra[i:i + 4])
        if hid != 0x0001:
            out += extra[i:i + 4 + ln]
        i += 4 + ln
    return out


class _ZipWriter:
    """Minimal zip writer: raw copies and new deflated entries, no data descriptors, no zip64."""

    def __init__(self, fh: BinaryIO):
        self.fh = fh
        self.central: list[bytes] = []
        self.pos = fh.tell()

    def _entry(self, name: str, flags: int, method: int, dtime: tuple[int, int], crc: int, csize: int,
               usize: int, data: bytes, extra_local: bytes, extra_central: bytes, version: int,
               create: tuple[int, int], internal: int, external: int, comment: bytes) -> None:
        if not name.isascii():
            flags |= 0x800
        enc = name.encode("utf-8") if flags & 0x800 else name.encode("ascii")
        flags &= ~0x8  # sizes are in the local header: no data descriptor
        if csize >= 0xFFFFFFFF or usize >= 0xFFFFFFFF or self.pos >= 0xFFFFFFFF:
            raise BerkasTidakValid("hasil melebihi 4 GB (zip64) — tidak didukung")
        offset = self.pos
        local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", version, flags, method, dtime[0], dtime[1], crc, csize,
                            usize, len(enc), len(extra_local)) + enc + extra_local
        self.fh.write(local)
        self.fh.write(data)
        self.pos += len(local) + len(data)
        self.central.append(struct.pack("<4sBBHHHHHIIIHHHHHII", b"PK\x01\x02", create[1], create[0], version,
                                        flags, method, dtime[0], dtime[1], crc, csize, usize, len(enc),
                                        len(extra_central), len(comment), 0, internal, external, offset)
                            + enc + extra_central + comment)

    def copy_raw(self, info: zipfile.ZipInfo, data: bytes) -> None:
        self._entry(info.filename, info.flag_bits, info.compress_type, _dos_time(info.date_time), info.CRC,
                    info.compress_size, info.file_size, data, b"", _strip_zip64(info.extra), info.extract_version,
                    (info.create_system, info.create_version), info.internal_attr, info.external_attr,
                    info.comment)

    def add(self, name: str, data: bytes, like: zipfile.ZipInfo | None = None) -> None:
        if (name.lower().endswith((".xml", ".rels", ".vml")) or guard.looks_xml(data[:64])) and guard.has_dtd(data):
            raise BerkasTidakValid(f"bagian {name} yang akan ditulis memuat deklarasi DTD/ENTITY; tidak ditulis")
        co = zlib.compressobj(6, zlib.DEFLATED, -15)
        comp = co.compress(data) + co.flush()
        dt = like.date_time if like is not None else NEW_ENTRY_TIME
        self._entry(name, 0, zipfile.ZIP_DEFLATED, _dos_time(dt), zlib.crc32(data) & 0xFFFFFFFF, len(comp),
                    len(data), comp, b"", b"", 20, (0, 20), 0, 0, b"")

    def finish(self) -> None:
        cd = b"".join(self.central)
        self.fh.write(cd)
        self.fh.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(self.central), len(self.central), len(cd),
                                  self.pos, 0))
        self.fh.flush()
