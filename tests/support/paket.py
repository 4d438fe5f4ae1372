"""One way to compare two workbook packages part by part, for every "nothing else changed" test.

    d = compare(before, after)
    d.changed, d.added, d.removed              # part names
    d.outside(allowed)                         # parts changed, lost or added that are not allowed to
    d.raw_copied(name)                         # stored exactly as before (same CRC and compressed size)
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path


def entries(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def outside_sheetdata(xml: bytes) -> bytes:
    """A worksheet part without its <sheetData> content and <dimension>: what a cell edit must not change."""
    xml = re.sub(rb"<(\w+:)?dimension\b[^>]*/>", b"", xml)
    return re.sub(rb"<((?:\w+:)?sheetData)\b[^>]*?(/>|>.*</\1>)", b"<SD/>", xml, flags=re.S)


@dataclass
class Perbandingan:
    a: dict[str, bytes]
    b: dict[str, bytes]
    infos_a: dict[str, zipfile.ZipInfo] = field(repr=False, default_factory=dict)
    infos_b: dict[str, zipfile.ZipInfo] = field(repr=False, default_factory=dict)

    @property
    def changed(self) -> set[str]:
        return {n for n in self.a if n in self.b and self.a[n] != self.b[n]}

    @property
    def added(self) -> set[str]:
        return set(self.b) - set(self.a)

    @property
    def removed(self) -> set[str]:
        return set(self.a) - set(self.b)

    def outside(self, allowed, prefixes: bool = False, added_ok=(), removed_ok=()) -> list[str]:
        """Every part changed, removed or added that is not in ``allowed`` (names, or name prefixes with
        ``prefixes=True``); ``added_ok``/``removed_ok`` widen what may appear or disappear."""
        allowed = tuple(allowed)

        def ok(name: str, extra=()) -> bool:
            if name in extra:
                return True
            return name.startswith(allowed) if prefixes else name in allowed

        out = [f"changed: {n}" for n in sorted(self.changed) if not ok(n)]
        out += [f"lost: {n}" for n in sorted(self.removed) if not ok(n, tuple(removed_ok))]
        out += [f"added: {n}" for n in sorted(self.added) if not ok(n, tuple(added_ok))]
        return out

    def raw_copied(self, name: str) -> bool:
        """The entry is stored exactly as before: same bytes, same CRC, same compressed size (not re-deflated)."""
        ia, ib = self.infos_a[name], self.infos_b[name]
        return self.a[name] == self.b[name] and ia.CRC == ib.CRC and ia.compress_size == ib.compress_size


def compare(before: Path | str, after: Path | str) -> Perbandingan:
    with zipfile.ZipFile(before) as za, zipfile.ZipFile(after) as zb:
        return Perbandingan({n: za.read(n) for n in za.namelist()}, {n: zb.read(n) for n in zb.namelist()},
                            {i.filename: i for i in za.infolist()}, {i.filename: i for i in zb.infolist()})
