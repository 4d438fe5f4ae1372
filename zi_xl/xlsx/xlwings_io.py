"""Live Excel through xlwings: read sheets into :class:`~zi_xl.xlsx.grid.Grid` s, apply :mod:`zi_xl.xlsx.edits`.

The same two functions serve every xlwings engine:

* classic Excel on Windows/macOS (``RunPython`` + ``xw.Book.caller()``): everything is applied;
* xlwings Lite / Office.js (``client == "Office.js"``): everything is applied, charts included;
* xlwings Server called from VBA (``RunRemotePython``, ``client == "VBA"``): that client only knows values, fill
  colours, number formats, sheets and message boxes (the ``Sub``\\ s of ``xlwings/addin/Remote.bas``), so formulas
  are written as their cached values and fonts, widths, borders, alignment, frozen panes and charts are left out.
  What was left out is listed in :attr:`ApplyResult.dilewati`, never silently.

Example::

    import xlwings as xw
    book = LiveBook(xw.Book.caller())   # the twin of zi_xl.xlsx.book.Book: berkas, grids, apply
    book.grids                          # {"LKE ZI": Grid(...), ...}  (read_workbook(xw_book))
    book.apply(edits)                   # ApplyResult(sel=..., dilewati=[...])  (apply_edits(xw_book, edits))
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from ..errors import ZiError
from .cetak import tinggi_baris
from .edits import (
    AppendRows,
    Cell,
    Cetak,
    ChartSpec,
    Edit,
    ReplaceSheet,
    SetCell,
    SetStyle,
    SetWidth,
    Style,
    is_formula_text,
)
from .grid import Grid

#: What each kind of client can do. "excel" is the classic desktop engine (COM / AppleScript).
SEMUA = frozenset({"nilai", "rumus", "warna", "format_angka", "font", "lebar", "bekukan", "bagan", "rata",
                   "bungkus", "garis", "gabung", "tinggi", "cetak"})
KEMAMPUAN = {
    "excel": SEMUA,
    "Office.js": SEMUA - {"cetak"},           # xlwings' remote engine has no page setup (only the print area)
    "VBA": frozenset({"nilai", "warna", "format_angka"}),
    "Google Apps Script": frozenset({"nilai", "warna", "format_angka"}),
}
_NAMA_FITUR = {"rumus": "rumus (ditulis sebagai nilai)", "font": "huruf tebal/warna huruf", "lebar": "lebar kolom",
               "bekukan": "bekukan panel", "bagan": "bagan", "rata": "perataan teks", "bungkus": "bungkus teks",
               "garis": "garis sel", "warna": "warna sel", "format_angka": "format angka",
               "gabung": "gabung sel", "tinggi": "tinggi baris", "cetak": "pengaturan cetak"}
_JENIS_BAGAN = {"bar": "bar_clustered", "column": "column_clustered", "line": "line_markers"}
_PT_PER_PX = 0.75


@dataclass
class ApplyResult:
    """What :func:`apply_edits` did: cells written, sheets added, and features this client cannot apply."""

    klien: str
    sel: int = 0
    sheet_baru: list[str] = field(default_factory=list)
    bagan: int = 0
    dilewati: list[str] = field(default_factory=list)

    def lewati(self, fitur: str) -> None:
        teks = _NAMA_FITUR.get(fitur, fitur)
        if teks not in self.dilewati:
            self.dilewati.append(teks)


# --------------------------------------------------------------------------------------------- reading
def client(book) -> str:
    """"excel" for the desktop engines, else the remote client's name ("VBA", "Office.js", ...)."""
    if book.app.engine.name == "remote":
        return str(book.impl.api.get("client") or "VBA")
    return "excel"


def book_name(book) -> str:
    """The workbook's full name when Excel knows it, else its name."""
    try:
        return book.fullname
    except Exception:  # some engines know only the name
        return book.name


def read_sheet(sheet, berkas: str | None = None) -> Grid:
    """A sheet of an open workbook as a :class:`Grid`: the values Excel shows (errors as text, e.g. "#DIV/0!",
    like the cached values of a file) and, where the engine can read them synchronously (desktop Excel), the
    formulas. Remote clients send values only; the domain code then cross-checks against values alone."""
    g = Grid(title=sheet.name, berkas=berkas)
    last = sheet.used_range.last_cell
    nrows, ncols = last.row, last.column
    rng = sheet.range((1, 1), (nrows, ncols))
    values = rng.options(ndim=2, err_to_str=True).value or []
    for r, row in enumerate(values, start=1):
        for c, v in enumerate(row, start=1):
            if v is None or (isinstance(v, str) and v == ""):
                continue
            g.values[(r, c)] = v
            g.max_row, g.max_col = max(g.max_row, r), max(g.max_col, c)
    for (r, c), f in _formulas(rng).items():
        g.formulas[(r, c)] = f
        g.max_row, g.max_col = max(g.max_row, r), max(g.max_col, c)
    g.protected = _protected(sheet)
    return g


def _formulas(rng) -> dict[tuple[int, int], str]:
    try:
        raw = rng.formula
    except Exception:  # remote engines: formulas are not part of the payload
        return {}
    if isinstance(raw, str):
        raw = ((raw,),)
    out = {}
    for r, row in enumerate(raw, start=1):
        for c, f in enumerate(row, start=1):
            if isinstance(f, str) and f.startswith("=") and len(f) > 1:
                out[(r, c)] = f
    return out


def _protected(sheet) -> bool:
    try:
        return bool(sheet.api.ProtectContents)
    except Exception:  # not a COM sheet
        return False


def read_workbook(book, sheets: list[str] | None = None) -> dict[str, Grid]:
    """Every sheet (or the named ones) of an open workbook as grids, keyed by sheet name, in sheet order."""
    berkas = book_name(book)
    out = {}
    for sh in book.sheets:
        if sheets is None or sh.name in sheets:
            out[sh.name] = read_sheet(sh, berkas=berkas)
    return out


class LiveBook:
    """A workbook open in Excel (any xlwings engine), with the interface of :class:`zi_xl.xlsx.book.Book`:
    ``berkas``, ``grids`` (read once, when first asked for) and ``apply(edits)``."""

    def __init__(self, book):
        self.xw_book = book
        self.berkas = book_name(book)
        self._grids: dict[str, Grid] | None = None

    @property
    def grids(self) -> dict[str, Grid]:
        if self._grids is None:
            self._grids = read_workbook(self.xw_book)
        return self._grids

    def apply(self, edits: list[Edit]) -> ApplyResult:
        return apply_edits(self.xw_book, edits)


# --------------------------------------------------------------------------------------------- writing
def apply_edits(book, edits: list[Edit]) -> ApplyResult:
    """Apply ``edits`` to an open workbook through xlwings. Raises :class:`ZiError` (Indonesian) when Excel
    refuses (protected sheet or workbook structure)."""
    hasil = ApplyResult(klien=client(book))
    bisa = KEMAMPUAN.get(hasil.klien, KEMAMPUAN["VBA"])
    for e in edits:
        try:
            if isinstance(e, SetCell):
                _set_cell(book, e, bisa, hasil)
            elif isinstance(e, SetStyle):
                _gaya(_sheet(book, e.sheet)[e.ref], e.style, bisa, hasil)
            elif isinstance(e, ReplaceSheet):
                _replace_sheet(book, e, bisa, hasil)
            elif isinstance(e, SetWidth):
                _lebar(_sheet(book, e.sheet), {e.col: e.width}, bisa, hasil)
            elif isinstance(e, AppendRows):
                _append_rows(book, e, bisa, hasil)
            else:
                raise TypeError(f"unknown edit {e!r}")
        except ZiError:
            raise
        except Exception as exc:
            raise _ditolak(book, e, exc) from exc
    return hasil


def _ditolak(book, e, exc: Exception) -> ZiError:
    """Excel's refusals (mostly protection) as an Indonesian error naming the sheet."""
    sheet = getattr(e, "sheet", None) or getattr(e, "name", None)
    teks = str(exc)
    if "protect" in teks.lower() or "lindung" in teks.lower():
        return ZiError("sheet atau struktur workbook dilindungi (Protect); buka proteksinya (Review > Unprotect) "
                       "lalu klik tombol lagi", berkas=book_name(book), sheet=sheet)
    return ZiError(f"Excel menolak perubahan ({type(exc).__name__}: {teks})", berkas=book_name(book), sheet=sheet)


def _sheet(book, name: str):
    for sh in book.sheets:
        if sh.name.casefold() == name.casefold():
            return sh
    raise ZiError("sheet tidak ada di workbook", berkas=book_name(book), sheet=name)


def _find_sheet(book, name: str):
    return next((sh for sh in book.sheets if sh.name.casefold() == name.casefold()), None)


def _tulis_nilai(v: Any) -> Any:
    """A value as Excel must receive it: user text that looks like a formula stays text."""
    if is_formula_text(v):
        return "'" + v
    return v


def _rumus(f: str) -> str:
    return f if f.startswith("=") else "=" + f


def _set_cell(book, e: SetCell, bisa, hasil: ApplyResult) -> None:
    rng = _sheet(book, e.sheet)[e.ref]
    if e.formula:
        if "rumus" in bisa:
            rng.formula = _rumus(e.formula)
        else:
            rng.value = _tulis_nilai(e.cached)
            hasil.lewati("rumus")
    else:
        rng.value = _tulis_nilai(e.value)
    hasil.sel += 1
    if e.style is not None:
        _gaya(rng, e.style, bisa, hasil)
    elif isinstance(e.value, dt.datetime | dt.date) and "format_angka" in bisa:
        rng.number_format = "dd/mm/yyyy hh:mm" if isinstance(e.value, dt.datetime) else "dd/mm/yyyy"


def _hex(c: str) -> str:
    return c if c.startswith("#") else "#" + c


def _gaya(rng, s: Style, bisa, hasil: ApplyResult) -> None:
    def boleh(fitur: str) -> bool:
        if fitur in bisa:
            return True
        hasil.lewati(fitur)
        return False

    if s.fill and boleh("warna"):
        rng.color = _hex(s.fill)
    if s.num_format and boleh("format_angka"):
        rng.number_format = s.num_format
    if any(x is not None for x in (s.bold, s.italic, s.font_color, s.font_size)) and boleh("font"):
        if s.bold is not None:
            rng.font.bold = s.bold
        if s.italic is not None:
            rng.font.italic = s.italic
        if s.font_color:
            rng.font.color = _hex(s.font_color)
        if s.font_size:
            rng.font.size = s.font_size
    if s.wrap is not None and boleh("bungkus"):
        rng.wrap_text = s.wrap
    if s.align and boleh("rata"):
        rng.horizontal_alignment = s.align
    if s.border and boleh("garis"):
        for edge in ("edge_top", "edge_bottom", "edge_left", "edge_right"):
            rng.borders[edge].line_style = "continuous"


def _sheet_baru(book, name: str, hasil: ApplyResult):
    sh = book.sheets.add(name=name, after=book.sheets[len(book.sheets) - 1])
    hasil.sheet_baru.append(name)
    return sh


def _replace_sheet(book, e: ReplaceSheet, bisa, hasil: ApplyResult) -> None:
    sh = _find_sheet(book, e.name)
    if sh is None:
        sh = _sheet_baru(book, e.name, hasil)
    else:
        if "bagan" in bisa:
            for ch in reversed(list(sh.charts)):
                ch.delete()
        sh.clear()
    _tulis_baris(sh, 1, e.rows, bisa, hasil)
    _lebar(sh, e.widths, bisa, hasil)
    if e.merges:
        if "gabung" in bisa:
            for m in e.merges:
                sh.range(m).merge()
        else:
            hasil.lewati("gabung")
    tinggi = tinggi_baris(e)
    if tinggi:
        if "tinggi" in bisa:
            for r, h in tinggi.items():
                sh.range(f"{r}:{r}").row_height = h
        else:
            hasil.lewati("tinggi")
    if "cetak" in bisa:
        _cetak(sh, e, hasil)
    else:
        hasil.lewati("cetak")
    if e.freeze:
        if "bekukan" in bisa:
            sh.freeze_panes.freeze_at(e.freeze)
        else:
            hasil.lewati("bekukan")
    if e.chart is not None:
        if "bagan" in bisa:
            _bagan(sh, e.chart, hasil)
        else:
            hasil.lewati("bagan")


def _cetak(sh, e: ReplaceSheet, hasil: ApplyResult) -> None:
    """Page setup through Excel's own object model (desktop Excel on Windows: ``PageSetup``); where that model is
    not there (Excel for Mac's AppleScript bridge), the feature is reported as not applied."""
    c = e.cetak or Cetak()
    try:
        ps = sh.api.PageSetup
        ps.PaperSize = 9                                   # xlPaperA4
        ps.Orientation = 2 if c.landscape else 1           # xlLandscape / xlPortrait
        if c.fit_width:
            ps.Zoom = False
            ps.FitToPagesWide = 1
            ps.FitToPagesTall = False
        if c.repeat_rows:
            ps.PrintTitleRows = f"${c.repeat_rows[0]}:${c.repeat_rows[1]}"
        for part, teks in (("Header", c.header), ("Footer", c.footer)):
            kiri, tengah, kanan = _bagian(teks)
            setattr(ps, f"Left{part}", kiri)
            setattr(ps, f"Center{part}", tengah)
            setattr(ps, f"Right{part}", kanan)
        for r in c.page_breaks:
            sh.api.HPageBreaks.Add(sh.api.Range(f"A{r}"))
    except Exception:                                      # no COM PageSetup on this engine
        hasil.lewati("cetak")


def _bagian(teks: str) -> tuple[str, str, str]:
    """An Excel header/footer string ("&Lkiri&Ctengah&Rkanan") as its three parts."""
    parts = {"L": "", "C": "", "R": ""}
    cur = "C"
    i = 0
    while i < len(teks):
        if teks[i] == "&" and i + 1 < len(teks) and teks[i + 1] in "LCR":
            cur = teks[i + 1]
            i += 2
            continue
        parts[cur] += teks[i]
        i += 1
    return parts["L"], parts["C"], parts["R"]


def _lebar(sh, widths: dict[str, float], bisa, hasil: ApplyResult) -> None:
    if not widths:
        return
    if "lebar" not in bisa:
        hasil.lewati("lebar")
        return
    for col, w in widths.items():
        sh.range(f"{col}:{col}").column_width = w


def _tulis_baris(sh, first_row: int, rows: list[list[Any]], bisa, hasil: ApplyResult) -> None:
    """Write rows of values/:class:`Cell` s at ``first_row``: one block of values, then formulas and styles."""
    if not rows:
        return
    width = max(len(r) for r in rows)
    if width == 0:
        return
    block = []
    formulas: list[tuple[int, int, str, Any]] = []
    styles: list[tuple[int, int, Style]] = []
    dates: list[tuple[int, int, Any]] = []
    for i, row in enumerate(rows):
        out = []
        for j in range(width):
            item = row[j] if j < len(row) else None
            if isinstance(item, Cell):
                if item.formula:
                    formulas.append((i, j, item.formula, item.value))
                    out.append(None if "rumus" in bisa else _tulis_nilai(item.value))
                else:
                    out.append(_tulis_nilai(item.value))
                if item.style is not None:
                    styles.append((i, j, item.style))
                elif isinstance(item.value, dt.date):
                    dates.append((i, j, item.value))
            else:
                out.append(_tulis_nilai(item))
                if isinstance(item, dt.date):
                    dates.append((i, j, item))
        block.append(out)
    sh.range((first_row, 1)).value = block
    hasil.sel += sum(1 for row in rows for item in row if item is not None)
    for i, j, f, _cached in formulas:
        if "rumus" in bisa:
            sh.range((first_row + i, j + 1)).formula = _rumus(f)
        else:
            hasil.lewati("rumus")
    for (i, j0, j1), st in _runs(styles):
        _gaya(sh.range((first_row + i, j0 + 1), (first_row + i, j1 + 1)), st, bisa, hasil)
    if "format_angka" in bisa:
        for i, j, v in dates:
            sh.range((first_row + i, j + 1)).number_format = (
                "dd/mm/yyyy hh:mm" if isinstance(v, dt.datetime) else "dd/mm/yyyy")


def _runs(styles: list[tuple[int, int, Style]]):
    """Consecutive cells of one row with the same style, as ((row, first col, last col), style)."""
    out: list[tuple[tuple[int, int, int], Style]] = []
    for i, j, st in sorted(styles, key=lambda x: (x[0], x[1])):
        if out and out[-1][1] == st and out[-1][0][0] == i and out[-1][0][2] == j - 1:
            (ri, j0, _), _ = out[-1]
            out[-1] = ((ri, j0, j), st)
        else:
            out.append(((i, j, j), st))
    return out


def _append_rows(book, e: AppendRows, bisa, hasil: ApplyResult) -> None:
    sh = _find_sheet(book, e.sheet)
    if sh is None:
        sh = _sheet_baru(book, e.sheet, hasil)
        nxt = 1
    else:
        last = sh.used_range.last_cell
        empty = last.row == 1 and last.column == 1 and sh.range("A1").value is None
        nxt = 1 if empty else last.row + 1
    if nxt == 1 and e.header:
        _tulis_baris(sh, 1, [[Cell(h, style=Style(bold=True)) for h in e.header]], bisa, hasil)
        _lebar(sh, e.widths, bisa, hasil)
        nxt = 2
    _tulis_baris(sh, nxt, e.rows, bisa, hasil)


def _rng_of(ref: str) -> tuple[tuple[int, int], tuple[int, int]]:
    a, _, b = ref.replace("$", "").partition(":")
    b = b or a
    (ca, ra), (cb, rb) = coordinate_from_string(a), coordinate_from_string(b)
    return (ra, column_index_from_string(ca)), (rb, column_index_from_string(cb))


def _bagan(sh, spec: ChartSpec, hasil: ApplyResult) -> None:
    """A native chart: the series whose value ranges sit side by side with the same categories become one
    source block (Excel's own way: one series per column); an overlay series ("line") is re-typed."""
    if not spec.series:
        return
    first = spec.series[0]
    (r0, c0), (r1, c1) = _rng_of(first.values)
    cols = [c0]
    for s in spec.series[1:]:
        (sr0, sc0), (sr1, _) = _rng_of(s.values)
        if s.categories != first.categories or (sr0, sr1) != (r0, r1) or sc0 != cols[-1] + 1:
            hasil.lewati("bagan (seri yang tidak bersebelahan)")
            break
        cols.append(sc0)
    source = sh.range((r0, cols[0]), (r1, cols[-1]))
    chart = sh.charts.add(width=spec.width * _PT_PER_PX, height=spec.height * _PT_PER_PX,
                          chart_type=_JENIS_BAGAN.get(spec.kind, "bar_clustered"), source=source,
                          plot_by="columns", anchor=sh[spec.anchor])
    chart.set_x_axis_values(sh.range(first.categories))
    if spec.title:
        chart.title = spec.title
    for k, s in enumerate(spec.series[: len(cols)]):
        ser = _seri(chart, k, len(cols))
        ser.name = s.name
        if s.color:
            ser.fill_color = _hex(s.color)
        if s.kind and s.kind != spec.kind:
            ser.chart_type = _JENIS_BAGAN.get(s.kind, "line_markers")
    if spec.y_title or spec.y_max is not None or spec.y_num_format:
        ax = chart.value_axis
        if spec.y_title:
            ax.title = spec.y_title
        if spec.y_max is not None:
            ax.maximum_scale = spec.y_max
        if spec.y_num_format:
            ax.number_format = spec.y_num_format
    hasil.bagan += 1


def _seri(chart, k: int, n: int):
    """Series ``k`` (0-based) of a chart just made from ``n`` columns. The remote engines cannot count a new
    chart's series synchronously, but we know the count: we made the chart."""
    try:
        return chart.series[k]
    except NotImplementedError:
        import xlwings as xw

        impl = type(chart.impl.series)(chart.impl, count=n)
        return xw.main.ChartSeriesCollection(impl=impl)[k]
