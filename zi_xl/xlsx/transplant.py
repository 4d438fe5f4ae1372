"""A sheet built by the tool: written by XlsxWriter in a scratch workbook, then made fit for the user's package.

XlsxWriter writes correct sheets and native charts; but its parts belong to its own scratch workbook. We take
its worksheet, drawing and chart parts and make them stand on their own in the target: shared strings become
inline strings (the target's ``sharedStrings.xml`` is never touched), style indices are remapped into the target's
``styles.xml`` (appended, never renumbered), and the sheet is not "selected" (so Excel does not group it with the
user's active sheet).

Example::

    built = build_sheet(ReplaceSheet("Hasil Hitung", rows=[["Area", "Nilai"]]))
    sheet_xml = adapt_sheet(built, target_styles)      # bytes for xl/worksheets/sheetN.xml
    built.drawing, built.chart                        # bytes or None
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, replace

from . import cetak
from .edits import Cell, ChartSpec, ReplaceSheet, Style
from .sheetxml import col_index, split_ref
from .styles import Styles
from .xmlspan import parse

DATE_FORMAT = "yyyy-mm-dd hh:mm"


@dataclass
class Built:
    name: str
    sheet: bytes
    styles: bytes
    shared: list[bytes]          # inner XML of each <si>
    drawing: bytes | None = None
    chart: bytes | None = None
    has_formulas: bool = False
    print_titles: str | None = None   # the sheet's _xlnm.Print_Titles (a workbook defined name, set by the writer)


def _fmt(wb, style: Style | None, cache: dict):
    if style is None:
        return None
    if style in cache:
        return cache[style]
    d: dict = {}
    if style.bold:
        d["bold"] = True
    if style.italic:
        d["italic"] = True
    if style.font_color:
        d["font_color"] = "#" + style.font_color[-6:]
    if style.font_size:
        d["font_size"] = style.font_size
    if style.fill:
        d["bg_color"] = "#" + style.fill[-6:]
        d["pattern"] = 1
    if style.num_format:
        d["num_format"] = style.num_format
    if style.border:
        d["border"] = 1
    if style.wrap:
        d["text_wrap"] = True
    if style.align:
        d["align"] = style.align
    d["valign"] = "top"
    cache[style] = wb.add_format(d)
    return cache[style]


def _write(wb, ws, r: int, c: int, item, cache: dict, date_fmt) -> bool:
    cell = item if isinstance(item, Cell) else Cell(value=item)
    fmt = _fmt(wb, cell.style, cache)
    v = cell.value
    if cell.formula is not None:
        f = cell.formula if cell.formula.startswith("=") else "=" + cell.formula
        ws.write_formula(r, c, f, fmt, v if v is not None else 0)
        return True
    if v is None:
        if fmt is not None:
            ws.write_blank(r, c, None, fmt)
    elif isinstance(v, bool):
        ws.write_boolean(r, c, v, fmt)
    elif isinstance(v, int | float):
        ws.write_number(r, c, v, fmt)
    elif isinstance(v, dt.date):
        if not (cell.style and cell.style.num_format):
            fmt = date_fmt if cell.style is None else _fmt(wb, replace(cell.style, num_format=DATE_FORMAT), cache)
        ws.write_datetime(r, c, v if isinstance(v, dt.datetime) else dt.datetime(v.year, v.month, v.day), fmt)
    else:
        ws.write_string(r, c, str(v), fmt)   # text stays text, even "=..." / "+..." / "-..." / "@..."
    return False


def _chart(wb, name: str, spec: ChartSpec):
    def rng(a1: str) -> str:
        a, _, b = a1.partition(":")
        ra, ca = split_ref(a)
        rb, cb = split_ref(b or a)
        return [name, ra - 1, ca - 1, rb - 1, cb - 1]

    main = wb.add_chart({"type": spec.kind})
    extra = None
    for s in spec.series:
        opts = {"name": s.name, "categories": rng(s.categories), "values": rng(s.values)}
        if s.color:
            key = "line" if (s.kind or spec.kind) == "line" else "fill"
            opts[key] = {"color": "#" + s.color[-6:]}
            if key == "line":
                opts["marker"] = {"type": "diamond", "fill": {"color": "#" + s.color[-6:]},
                                  "border": {"color": "#" + s.color[-6:]}}
        if s.point_colors:
            opts["points"] = [{"fill": {"color": "#" + c[-6:]}} if c else None for c in s.point_colors]
        if s.labels:
            opts["data_labels"] = {"value": True, "category": False, "series_name": False, "legend_key": False,
                                   **({"num_format": spec.y_num_format} if spec.y_num_format else {})}
        if s.kind and s.kind != spec.kind:
            if extra is None:
                extra = wb.add_chart({"type": s.kind})
            extra.add_series(opts)
        else:
            main.add_series(opts)
    if extra is not None:
        main.combine(extra)
    if spec.title:
        main.set_title({"name": spec.title, "name_font": {"size": 12}})
    ax = {}
    if spec.y_title:
        ax["name"] = spec.y_title
    if spec.y_max is not None:
        ax["max"] = spec.y_max
        ax["min"] = 0
    if spec.y_num_format:
        ax["num_format"] = spec.y_num_format
    if ax:
        (main.set_x_axis if spec.kind == "bar" else main.set_y_axis)(ax)
    if spec.x_num_format:
        (main.set_y_axis if spec.kind == "bar" else main.set_x_axis)({"num_format": spec.x_num_format,
                                                                      "num_format_linked": False,
                                                                      "text_axis": True})   # one point per run
    main.set_legend({"position": "bottom"})
    main.set_size({"width": spec.width, "height": spec.height})
    return main


def build_sheet(spec: ReplaceSheet, date1904: bool = False) -> Built:
    """Write the sheet (and its chart) with XlsxWriter in memory and return its parts."""
    import xlsxwriter

    bio = io.BytesIO()
    wb = xlsxwriter.Workbook(bio, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                   "strings_to_urls": False, "date_1904": date1904})
    ws = wb.add_worksheet(spec.name)
    cache: dict = {}
    date_fmt = wb.add_format({"num_format": DATE_FORMAT})
    has_f = False
    merged = {(r1, c1): (r1, c1, r2, c2) for r1, c1, r2, c2 in cetak.gabung(spec)}
    for r, row in enumerate(spec.rows):
        for c, item in enumerate(row):
            if (r, c) in merged:              # merge first (borders over the whole range), then the value
                style = item.style if isinstance(item, Cell) else None
                ws.merge_range(*merged.pop((r, c)), "", _fmt(wb, style, cache))
            has_f |= _write(wb, ws, r, c, item, cache, date_fmt)
    for rng in merged.values():               # merges whose first cell holds nothing
        ws.merge_range(*rng, "", None)
    for letter, w in spec.widths.items():
        i = col_index(letter) - 1
        ws.set_column(i, i, w)
    if spec.freeze:
        fr, fc = split_ref(spec.freeze)
        ws.freeze_panes(fr - 1, fc - 1)
    if spec.chart is not None and spec.chart.series:
        ws.insert_chart(spec.chart.anchor, _chart(wb, spec.name, spec.chart))
    cetak.atur(ws, spec)
    wb.close()
    z = zipfile.ZipFile(io.BytesIO(bio.getvalue()))
    names = set(z.namelist())
    shared: list[bytes] = []
    if "xl/sharedStrings.xml" in names:
        data = z.read("xl/sharedStrings.xml")
        root = parse(data, max_depth=1)
        shared = [data[si.inner:si.close] if not si.empty else b"" for si in root.findall("si")]
    return Built(spec.name, z.read("xl/worksheets/sheet1.xml"), z.read("xl/styles.xml"), shared,
                 z.read("xl/drawings/drawing1.xml") if "xl/drawings/drawing1.xml" in names else None,
                 _hanya_nilai(z.read("xl/charts/chart1.xml")) if "xl/charts/chart1.xml" in names else None, has_f,
                 cetak.judul_cetak(spec))


def _hanya_nilai(chart: bytes) -> bytes:
    """Data labels that show the value only. XlsxWriter writes just ``showVal``; LibreOffice reads the missing
    flags as "show" and prints category and series name beside every value."""
    return chart.replace(b'<c:showVal val="1"/></c:dLbls>',
                         b'<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
                         b'<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>')


def adapt_sheet(built: Built, target: Styles) -> bytes:
    """The built sheet with inline strings, target style indices, and no tab selection.

    The sheet is XlsxWriter's own output (known, regular XML), so its cells are rewritten with regular expressions
    in one pass — a summary sheet of tens of thousands of rows costs a fraction of a second per ten thousand."""
    src = Styles(built.styles, name="xlsxwriter styles")
    xf_map: dict[int, int] = {0: 0}

    def xf(i: int) -> int:
        if i not in xf_map:
            xf_map[i] = target.import_xf(src, i)
        return xf_map[i]

    def s_attr(m: re.Match) -> bytes:
        return b'%s="%d"' % (m.group(1), xf(int(m.group(2))))

    def cell(m: re.Match) -> bytes:
        if m.group("row") is not None:
            return _XW_S.sub(s_attr, m.group("row"))
        a = m.group("a")
        if not a:
            return m.group(0)
        a = _XW_S.sub(s_attr, a)
        if b' t="s"' not in a:
            return m.group("h") + a + m.group("e")
        v = _XW_V.search(m.group("b") or b"")
        si = built.shared[int(v.group(1))] if v is not None else b""
        return m.group("h") + a.replace(b' t="s"', b' t="inlineStr"') + b">" + b"<is>" + si + b"</is></c>"

    d = built.sheet
    sd = d.find(b"<sheetData")
    head, body = d[:sd], d[sd:]
    head = _XW_VIEW.sub(lambda m: _XW_TAB.sub(b"", m.group(0)), head)
    head = _XW_COL.sub(lambda m: _XW_STYLE.sub(s_attr, m.group(0)), head)
    return head + _XW_C.sub(cell, body)     # rows and cells in document order: styles imported in that order


# XlsxWriter's worksheet XML, as it writes it
_XW_C = re.compile(rb'(?P<row><row [^>]*>)|(?P<h><c r="[A-Z]+[0-9]+")(?P<a>[^>]*?)(?P<e>/>|>(?P<b>.*?)</c>)', re.S)
_XW_S = re.compile(rb'(?<= )(s)="([0-9]+)"')
_XW_STYLE = re.compile(rb'(?<= )(style)="([0-9]+)"')
_XW_V = re.compile(rb"<v>([0-9]+)</v>")
_XW_COL = re.compile(rb"<col [^>]*>")
_XW_VIEW = re.compile(rb"<sheetView [^>]*>")
_XW_TAB = re.compile(rb'\stabSelected="[^"]*"')
