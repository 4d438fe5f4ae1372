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
import zipfile
from dataclasses import dataclass, replace

from .edits import Cell, ChartSpec, ReplaceSheet, Style
from .sheetxml import col_index, split_ref
from .styles import Styles
from .xmlspan import parse, set_attrs, splice

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
    for r, row in enumerate(spec.rows):
        for c, item in enumerate(row):
            has_f |= _write(wb, ws, r, c, item, cache, date_fmt)
    for letter, w in spec.widths.items():
        i = col_index(letter) - 1
        ws.set_column(i, i, w)
    if spec.freeze:
        fr, fc = split_ref(spec.freeze)
        ws.freeze_panes(fr - 1, fc - 1)
    if spec.chart is not None and spec.chart.series:
        ws.insert_chart(spec.chart.anchor, _chart(wb, spec.name, spec.chart))
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
                 z.read("xl/charts/chart1.xml") if "xl/charts/chart1.xml" in names else None, has_f)


def adapt_sheet(built: Built, target: Styles) -> bytes:
    """The built sheet with inline strings, target style indices, and no tab selection."""
    src = Styles(built.styles, name="xlsxwriter styles")
    xf_map: dict[int, int] = {0: 0}

    def xf(i: int) -> int:
        if i not in xf_map:
            xf_map[i] = target.import_xf(src, i)
        return xf_map[i]

    d = built.sheet
    root = parse(d, max_depth=4, text_of={"v"})
    edits = []
    sv = root.find("sheetViews")
    for v in (sv.findall("sheetView") if sv is not None else []):
        if "tabSelected" in v.attrs:
            edits.append((v.start, v.inner, set_attrs(d[v.start:v.inner], tabSelected=None)))
    cols = root.find("cols")
    for c in (cols.findall("col") if cols is not None else []):
        if "style" in c.attrs:
            edits.append((c.start, c.inner, set_attrs(d[c.start:c.inner], style=str(xf(int(c.attrs["style"]))))))
    sd = root.find("sheetData")
    for row in (sd.findall("row") if sd is not None else []):
        if "s" in row.attrs:
            edits.append((row.start, row.inner, set_attrs(d[row.start:row.inner], s=str(xf(int(row.attrs["s"]))))))
        for c in row.findall("c"):
            tag = d[c.start:c.inner]
            upd = {}
            if "s" in c.attrs:
                upd["s"] = str(xf(int(c.attrs["s"])))
            if c.attrs.get("t") == "s":
                v = c.find("v")
                si = built.shared[int(v.text)] if v is not None else b""
                upd["t"] = "inlineStr"
                tag = set_attrs(tag, **upd)
                edits.append((c.start, c.end, tag + b"<is>" + si + b"</is></c>"))
            elif upd:
                edits.append((c.start, c.inner, set_attrs(tag, **upd)))
    return splice(d, edits)
