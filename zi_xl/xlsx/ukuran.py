"""The geometry of a worksheet as Excel shows it: column widths and row heights in pixels, hidden columns and rows,
the first visible cell of the opening view, the zoom and the frozen panes — read from the sheet's XML.

It answers "where on the screen is this cell when the workbook opens?", e.g. to put a button where the eye is::

    u = Ukuran.dari_xml(sheet_xml)
    u.kiri_atas()                  # (1, 2): row 1, column B (column A is hidden)
    u.piksel(1, 2)                 # (0, 0): that cell's offset from the top-left of the view, at the sheet's zoom

Pixel rules are Excel's at 96 dpi with the default Calibri 11 (a character of a column width is 7 px, plus 5 px
of padding; a point is 4/3 px).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .sheetxml import split_ref

LEBAR_KARAKTER = 7          # px per character of column width (Calibri 11 at 96 dpi)
TINGGI_BAWAAN = 15.0        # pt


def lebar_px(lebar: float) -> int:
    """A column width in characters as pixels (Excel: ⌊(256·w + ⌊128/7⌋)/256 · 7⌋)."""
    return int((256 * lebar + int(128 / LEBAR_KARAKTER)) / 256 * LEBAR_KARAKTER)


@dataclass
class Ukuran:
    lebar: dict[int, float] = field(default_factory=dict)      # 1-based column -> width (characters)
    tersembunyi: set[int] = field(default_factory=set)          # hidden columns
    tinggi: dict[int, float] = field(default_factory=dict)      # 1-based row -> height (points)
    baris_tersembunyi: set[int] = field(default_factory=set)
    lebar_bawaan: float = 8.43
    tinggi_bawaan: float = TINGGI_BAWAAN
    zoom: int = 100
    awal: tuple[int, int] = (1, 1)                               # topLeftCell of the view (row, column)
    beku: tuple[int, int] = (0, 0)                               # frozen rows, frozen columns

    @classmethod
    def dari_xml(cls, xml: bytes | str) -> Ukuran:
        t = xml.decode("utf-8", "replace") if isinstance(xml, bytes) else xml
        u = cls()
        m = re.search(r"<(?:\w+:)?sheetFormatPr\b([^>]*)>", t)
        if m:
            a = _attrs(m.group(1))
            u.lebar_bawaan = float(a.get("defaultColWidth", a.get("baseColWidth", 8.43)))
            if "defaultColWidth" not in a and "baseColWidth" in a:
                u.lebar_bawaan = float(a["baseColWidth"]) + 0.71
            u.tinggi_bawaan = float(a.get("defaultRowHeight", TINGGI_BAWAAN))
        for m in re.finditer(r"<(?:\w+:)?col\b([^>]*)/?>", t):
            a = _attrs(m.group(1))
            lo, hi = int(a.get("min", 1)), min(int(a.get("max", 1)), 16384)
            w = float(a["width"]) if "width" in a else u.lebar_bawaan
            hidden = a.get("hidden") in ("1", "true")
            for c in range(lo, min(hi, lo + 512) + 1):                 # the first 512 columns are plenty
                u.lebar[c] = w
                if hidden:
                    u.tersembunyi.add(c)
        head = t[: t.find("<sheetData")] if "<sheetData" in t else t
        v = re.search(r"<(?:\w+:)?sheetView\b([^>]*)>", head)
        if v:
            a = _attrs(v.group(1))
            u.zoom = int(a.get("zoomScale", 100) or 100)
            if "topLeftCell" in a:
                u.awal = split_ref(a["topLeftCell"])
        p = re.search(r"<(?:\w+:)?pane\b([^>]*)/?>", head)
        if p:
            a = _attrs(p.group(1))
            if a.get("state") in ("frozen", "frozenSplit"):
                u.beku = (int(float(a.get("ySplit", 0))), int(float(a.get("xSplit", 0))))
        for m in re.finditer(r"<(?:\w+:)?row\b([^>]*)>", t):
            a = _attrs(m.group(1))
            if "r" not in a:
                continue
            r = int(a["r"])
            if r > 200:
                break
            if "ht" in a:
                u.tinggi[r] = float(a["ht"])
            if a.get("hidden") in ("1", "true"):
                u.baris_tersembunyi.add(r)
        return u

    def lebar_kolom_px(self, c: int) -> int:
        return 0 if c in self.tersembunyi else lebar_px(self.lebar.get(c, self.lebar_bawaan))

    def tinggi_baris_px(self, r: int) -> int:
        return 0 if r in self.baris_tersembunyi else round(self.tinggi.get(r, self.tinggi_bawaan) * 4 / 3)

    def kiri_atas(self) -> tuple[int, int]:
        """The first visible cell of the opening view (frozen rows/columns are visible from row/column 1)."""
        r = 1 if self.beku[0] else self.awal[0]
        c = 1 if self.beku[1] else self.awal[1]
        while c in self.tersembunyi and c < 16384:
            c += 1
        while r in self.baris_tersembunyi and r < 1048576:
            r += 1
        return r, c

    def piksel(self, baris: int, kolom: int) -> tuple[int, int]:
        """Screen offset (x, y) in px of the top-left corner of cell (baris, kolom) from the top-left of the
        opening view, at the sheet's zoom."""
        r0, c0 = self.kiri_atas()
        x = sum(self.lebar_kolom_px(c) for c in range(c0, kolom))
        y = sum(self.tinggi_baris_px(r) for r in range(r0, baris))
        return round(x * self.zoom / 100), round(y * self.zoom / 100)

    def sampai(self, baris: int, kolom: int, lebar: int, tinggi: int) -> tuple[int, int, int, int]:
        """Where a shape ``lebar`` × ``tinggi`` px (at 100 %) starting at the top-left of (baris, kolom) ends:
        (last column, px into it, last row, px into it) — Excel's anchor of a drawing."""
        c, x = kolom, lebar
        while x > self.lebar_kolom_px(c) or c in self.tersembunyi:
            x -= self.lebar_kolom_px(c)
            c += 1
        r, y = baris, tinggi
        while y > self.tinggi_baris_px(r) or r in self.baris_tersembunyi:
            y -= self.tinggi_baris_px(r)
            r += 1
        return c, x, r, y


def _attrs(raw: str) -> dict[str, str]:
    return {k.split(":")[-1]: v for k, v in re.findall(r'([\w:]+)="([^"]*)"', raw)}
