"""Edits: what a feature wants changed in a workbook, as plain data, independent of how it is applied.

Domain modules (Hitung Nilai, rencana aksi, monev) produce a list of edits; a backend applies it:
:func:`zi_xl.xlsx.patch.apply_edits` patches a file and keeps every untouched part byte-identical; an xlwings
backend can apply the same list to a workbook open in Excel. Everything here is plain data (str, numbers,
bool, date/datetime, None, lists, dataclasses) so it can be turned into JSON.

Example::

    edits = [
        SetCell("LKE ZI", "O5", "Diperiksa"),                           # text (never a formula, even "=x")
        SetCell("Ringkasan", "B2", formula="SUM(B3:B9)", cached=12.5),  # formula with its cached value
        SetStyle("LKE ZI", "K9", Style(fill="FFFF00")),                 # flag a cell
        ReplaceSheet("Hasil Hitung", rows=[["Area", "Nilai"], ["MP", 7.1]], widths={"A": 40}),
        AppendRows("Riwayat", header=["Waktu", "Total"], rows=[[datetime.now(), 95.7]]),
    ]
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

Value = str | int | float | bool | _dt.date | _dt.datetime | None


@dataclass(frozen=True)
class Style:
    """Cell formatting to apply; ``None`` fields keep what the cell already has.

    Colours are RGB hex ("FFC7CE"); ``num_format`` an Excel format code ("0.00", "0.0%", "yyyy-mm-dd hh:mm")."""

    bold: bool | None = None
    italic: bool | None = None
    font_color: str | None = None
    font_size: float | None = None
    fill: str | None = None
    num_format: str | None = None
    border: bool | None = None          # thin border all round
    wrap: bool | None = None
    align: str | None = None            # "left" | "center" | "right"


@dataclass(frozen=True)
class Cell:
    """A cell of a sheet built by the tool (:class:`ReplaceSheet`): a value, or a formula with its cached value."""

    value: Value = None
    formula: str | None = None          # without or with leading "="
    style: Style | None = None

    @property
    def shown(self) -> Value:
        return self.value


@dataclass(frozen=True)
class SetCell:
    """Set one cell of an existing sheet. ``value`` is written as a constant (text stays text even when it starts
    with = + - @); ``formula`` (optional) makes it a formula whose cached value is ``cached``. ``style`` (optional)
    changes its formatting; otherwise the cell keeps its own format."""

    sheet: str
    ref: str
    value: Value = None
    formula: str | None = None
    cached: Value = None
    style: Style | None = None


@dataclass(frozen=True)
class SetStyle:
    """Change only the formatting of a cell (value and formula stay)."""

    sheet: str
    ref: str
    style: Style


@dataclass(frozen=True)
class SetWidth:
    """Set the width of one column of an existing sheet (e.g. a column the tool added), in characters."""

    sheet: str
    col: str                            # column letter(s)
    width: float


@dataclass(frozen=True)
class ChartSeries:
    name: str
    categories: str                     # range on the same sheet, e.g. "A2:A7"
    values: str                         # e.g. "C2:C7"
    color: str | None = None            # RGB hex
    kind: str | None = None             # None = the chart's kind; "line" to overlay a line (e.g. minimums)
    point_colors: tuple[str | None, ...] = ()   # per data point (e.g. a failing bar in red); None = ``color``
    labels: bool = False                # show each point's value


@dataclass(frozen=True)
class ChartSpec:
    """A native Excel chart on a sheet built by the tool."""

    kind: str = "bar"                   # "bar" (horizontal) | "column" | "line"
    title: str = ""
    series: list[ChartSeries] = field(default_factory=list)
    anchor: str = "E2"                  # top-left cell
    width: int = 640                    # pixels
    height: int = 360
    y_title: str | None = None
    y_max: float | None = None
    y_num_format: str | None = None
    x_num_format: str | None = None     # format of the category labels (e.g. dates: "d mmm yyyy")


@dataclass(frozen=True)
class Cetak:
    """How a sheet built by the tool prints: A4, fit to one page wide (as many pages down as needed), the header
    rows repeated on every page, a header and a footer. In ``header``/``footer`` the Excel codes work: ``&P`` page,
    ``&N`` pages, ``&A`` sheet name, ``&L``/``&C``/``&R`` left/centre/right part."""

    landscape: bool = False
    fit_width: bool = True
    repeat_rows: tuple[int, int] | None = None     # 1-based first and last row printed on top of every page
    page_breaks: tuple[int, ...] = ()              # 1-based rows that start a new page
    header: str = ""
    footer: str = "&L&A&RHalaman &P dari &N"


@dataclass(frozen=True)
class ReplaceSheet:
    """Add a sheet built by the tool, or replace the whole content of the sheet with that name (its position,
    and names that point at it, stay). ``rows[i][j]`` is a value or a :class:`Cell` for row i+1, column j+1.

    ``merges`` ("B7:G7") join cells (the first holds the value); rows with wrapped text get a height that shows
    all of it (from the column widths) unless ``heights`` gives one; ``cetak`` sets up printing (default
    :class:`Cetak`: portrait, one page wide, page numbers)."""

    name: str
    rows: list[list[Any]] = field(default_factory=list)
    widths: dict[str, float] = field(default_factory=dict)   # column letter -> width in characters
    chart: ChartSpec | None = None
    freeze: str | None = None            # e.g. "A2"
    merges: list[str] = field(default_factory=list)
    heights: dict[int, float] = field(default_factory=dict)  # 1-based row -> height in points
    cetak: Cetak | None = None


@dataclass(frozen=True)
class AppendRows:
    """Append rows under the last used row of a log sheet; the sheet is created (with ``header``) when missing.
    New cells take the format of the cell above when there is one."""

    sheet: str
    rows: list[list[Value]]
    header: list[str] = field(default_factory=list)
    widths: dict[str, float] = field(default_factory=dict)    # used when the sheet is created


Edit = SetCell | SetStyle | SetWidth | ReplaceSheet | AppendRows


def is_formula_text(text: Any) -> bool:
    """True for text that a spreadsheet would take as a formula when typed (= + - @); such user text is always
    written as text by the backends."""
    return isinstance(text, str) and text[:1] in ("=", "+", "-", "@")
