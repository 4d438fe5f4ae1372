"""Printing of the sheets the tool builds: page setup, merged cells and row heights, on an XlsxWriter worksheet.

A sheet built by the tool (:class:`~zi_xl.xlsx.edits.ReplaceSheet`) must print well by itself: A4, one page wide,
header rows repeated, a header and a footer with page numbers, and rows tall enough for their wrapped text (Excel
and LibreOffice do not grow a row's height for wrapped text written by a program; without a height the text is cut
or overlaps when printed). The height is estimated from the text length and the column widths — the same estimate
a person makes: characters per line ≈ column width in characters.

Print titles are a defined name of the workbook (``_xlnm.Print_Titles``), not a part of the sheet;
:func:`judul_cetak` gives its value for the writer to add to the target workbook.
"""

from __future__ import annotations

import math
import textwrap

from .edits import Cell, Cetak, ReplaceSheet, Style
from .sheetxml import col_index, split_ref

BAWAAN = Cetak()
LEBAR_BAWAAN = 8.43          # Excel's default column width, in characters
TINGGI_BARIS = 15.0          # points per line of 11-pt text


def _rentang(a1: str) -> tuple[int, int, int, int]:
    """"B7:G7" → (7, 2, 7, 7), 1-based."""
    a, _, b = a1.partition(":")
    r1, c1 = split_ref(a)
    r2, c2 = split_ref(b or a)
    return r1, c1, r2, c2


def lebar_kolom(spec: ReplaceSheet) -> dict[int, float]:
    """1-based column → width in characters (default width where the spec gives none)."""
    return {col_index(k): float(v) for k, v in spec.widths.items()}


def _teks(item) -> tuple[str, Style | None]:
    cell = item if isinstance(item, Cell) else Cell(value=item)
    v = cell.value
    if v is None or isinstance(v, bool | int | float) or cell.formula is not None:
        return "", cell.style
    return str(v), cell.style


def baris_teks(teks: str, lebar: float, ukuran: float = 11.0, tebal: bool = False) -> int:
    """How many lines ``teks`` takes in a wrapped cell ``lebar`` characters wide (words are not split)."""
    per_baris = max(1, int((lebar - 1) * 11.0 / ukuran * (0.92 if tebal else 1.0)))
    return sum(max(1, len(textwrap.wrap(p, per_baris))) for p in teks.split("\n"))


def tinggi_baris(spec: ReplaceSheet) -> dict[int, float]:
    """1-based row → height in points: ``spec.heights``, else enough for the row's wrapped text and font size."""
    widths = lebar_kolom(spec)
    merged: dict[tuple[int, int], float] = {}
    covered: set[tuple[int, int]] = set()
    for m in spec.merges:
        r1, c1, r2, c2 = _rentang(m)
        merged[(r1, c1)] = sum(widths.get(c, LEBAR_BAWAAN) for c in range(c1, c2 + 1)) / (r2 - r1 + 1)
        covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - {(r1, c1)}
    out: dict[int, float] = {}
    for i, row in enumerate(spec.rows, start=1):
        if i in spec.heights:
            continue
        best = 0.0
        for j, item in enumerate(row, start=1):
            if (i, j) in covered:
                continue
            text, st = _teks(item)
            size = (st.font_size if st and st.font_size else 11.0)
            lines = 1
            if text and st is not None and st.wrap:
                lines = baris_teks(text, merged.get((i, j), widths.get(j, LEBAR_BAWAAN)), size, bool(st.bold))
            best = max(best, lines * TINGGI_BARIS * size / 11.0)
        if best > TINGGI_BARIS + 0.01:
            out[i] = math.ceil(best * 4) / 4
    return {**out, **spec.heights}


def judul_cetak(spec: ReplaceSheet) -> str | None:
    """The value of the sheet's ``_xlnm.Print_Titles`` name ("'Riwayat'!$1:$1"), or None."""
    c = spec.cetak or BAWAAN
    if not c.repeat_rows:
        return None
    a, b = c.repeat_rows
    return "'" + spec.name.replace("'", "''") + f"'!${a}:${b}"


def atur(ws, spec: ReplaceSheet) -> None:
    """Page setup, merges and row heights of ``spec`` on the XlsxWriter worksheet ``ws`` (its cells written)."""
    c = spec.cetak or BAWAAN
    ws.set_paper(9)                                     # A4
    if c.landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    if c.fit_width:
        ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    ws.set_start_page(1)                                # "Halaman 1" on the sheet's first page, printed alone
    if c.header:
        ws.set_header(c.header)
    if c.footer:
        ws.set_footer(c.footer)
    if c.page_breaks:
        ws.set_h_pagebreaks([r - 1 for r in c.page_breaks])
    for r, h in tinggi_baris(spec).items():
        ws.set_row(r - 1, h)


def gabung(spec: ReplaceSheet) -> list[tuple[int, int, int, int]]:
    """The merged ranges, 0-based (first row, first col, last row, last col), for ``worksheet.merge_range``."""
    out = []
    for m in spec.merges:
        r1, c1, r2, c2 = _rentang(m)
        out.append((r1 - 1, c1 - 1, r2 - 1, c2 - 1))
    return out
