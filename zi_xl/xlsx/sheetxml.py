"""A worksheet part (``xl/worksheets/sheetN.xml``): read cells, and set cells by splicing ``<sheetData>``.

Only the ``<c>`` elements that change, the rows that receive new cells (their ``spans`` hint) and ``<dimension>``
are rewritten; every other byte of the part stays as it was. New text is written as an inline string
(``t="inlineStr"``), so the shared-string table is never touched and text is never taken for a formula.

Example::

    sx = SheetXml(pkg.read("xl/worksheets/sheet1.xml"))
    new = sx.render({(2, 3): cell_xml("C2", 42, s=sx.style_at(2, 3))})
"""

from __future__ import annotations

import datetime as dt
import math
import re

from ..errors import ZiError
from .xmlspan import El, esc, parse, prefixed, set_attrs, splice

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
# control characters XML cannot carry, and CR (an XML parser would turn it into LF): written as _xHHHH_
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]")
_ESCAPED = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def col_letters(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def split_ref(ref: str) -> tuple[int, int]:
    """``"C12"`` → ``(12, 3)`` (row, column)."""
    m = _REF.match(ref.strip())
    if not m:
        raise ZiError(f"alamat sel tidak sah: {ref!r}")
    r, c = int(m.group(2)), col_index(m.group(1))
    if not (1 <= r <= 1048576 and 1 <= c <= 16384):
        raise ZiError(f"alamat sel di luar lembar: {ref!r}")
    return r, c


def ref_of(row: int, col: int) -> str:
    return f"{col_letters(col)}{row}"


def excel_text(s: str) -> str:
    """Escape text for a ``<t>`` element: XML escapes, and Excel's ``_xHHHH_`` for control characters (a literal
    ``_x0041_`` in the text is protected as ``_x005F_x0041_``)."""
    s = _ESCAPED.sub(r"_x005F_\1", s)
    s = _ILLEGAL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", s)
    return esc(s)


def serial(d: dt.date | dt.datetime, date1904: bool = False) -> float:
    """Excel's serial number of a date/datetime (1900 or 1904 date system)."""
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    if not isinstance(d, dt.datetime):
        d = dt.datetime(d.year, d.month, d.day)
    if d.tzinfo is not None:
        d = d.replace(tzinfo=None)
    delta = d - base
    v = delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6
    return float(int(v)) if v == int(v) else v


def _num(v: float | int) -> str:
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            raise ZiError(f"nilai {v} tidak dapat ditulis ke sel")
        return repr(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    return str(int(v))


def _typed(v, date1904: bool) -> tuple[str, str, bool] | None:
    """(t attribute, <v> text, is a date) for a boolean, number or date; None for text."""
    if isinstance(v, bool):
        return ' t="b"', str(int(v)), False
    if isinstance(v, int | float):
        return "", _num(v), False
    if isinstance(v, dt.date):
        return "", _num(serial(v, date1904)), True
    return None


def cell_xml(ref: str, value=None, formula: str | None = None, cached=None, s: int | None = None,
             date1904: bool = False) -> tuple[str, bool]:
    """The ``<c>`` element for a value or a formula; returns (xml, is_date)."""
    sa = f' s="{s}"' if s else ""
    if formula is not None:
        f = formula[1:] if formula.startswith("=") else formula
        fx = f"<f>{esc(f)}</f>"
        if cached is None:
            return f'<c r="{ref}"{sa}>{fx}</c>', False
        typed = _typed(cached, date1904)
        if typed is not None:
            t, v, is_date = typed
            return f'<c r="{ref}"{sa}{t}>{fx}<v>{v}</v></c>', is_date
        t = "e" if str(cached) in ERRORS else "str"
        return f'<c r="{ref}"{sa} t="{t}">{fx}<v>{excel_text(str(cached))}</v></c>', False
    if value is None:
        return f'<c r="{ref}"{sa}/>', False
    typed = _typed(value, date1904)
    if typed is not None:
        t, v, is_date = typed
        return f'<c r="{ref}"{sa}{t}><v>{v}</v></c>', is_date
    text = str(value)
    if len(text) > 32767:
        raise ZiError(f"teks untuk sel {ref} melebihi 32.767 karakter")
    return (f'<c r="{ref}"{sa} t="inlineStr"><is><t xml:space="preserve">{excel_text(text)}</t></is></c>',
            False)


class SheetXml:
    """Cells of one worksheet part with their byte positions."""

    def __init__(self, data: bytes, name: str = "sheet"):
        self.data = data
        self.name = name
        self.root = parse(data, max_depth=5, text_of={"v", "f", "t"}, name=name)
        if self.root.local != "worksheet":
            raise ZiError(f"{name} bukan worksheet")
        self.sd = self.root.find("sheetData")
        if self.sd is None:
            raise ZiError(f"{name}: tidak ada sheetData")
        self.p = self.sd.prefix
        self.rows: dict[int, El] = {}
        self.cells: dict[tuple[int, int], El] = {}
        self.row_cells: dict[int, list[tuple[int, El]]] = {}
        last = 0
        for row in self.sd.findall("row"):
            r = int(row.attrs.get("r", last + 1))
            last = r
            self.rows[r] = row
            lc = 0
            lst = []
            for c in row.findall("c"):
                col = split_ref(c.attrs["r"])[1] if "r" in c.attrs else lc + 1
                lc = col
                self.cells[(r, col)] = c
                lst.append((col, c))
            self.row_cells[r] = lst
        self.col_styles: list[tuple[int, int, int]] = []
        cols = self.root.find("cols")
        for c in (cols.findall("col") if cols is not None else []):
            if "style" in c.attrs:
                self.col_styles.append((int(c.attrs["min"]), int(c.attrs["max"]), int(c.attrs["style"])))

    # ------------------------------------------------------------------ reading
    def style_at(self, row: int, col: int) -> int:
        """The cellXfs index a value written into (row, col) should keep: the cell's, else row's, else column's."""
        c = self.cells.get((row, col))
        if c is not None:
            return int(c.attrs.get("s", "0"))
        r = self.rows.get(row)
        if r is not None and r.attrs.get("customFormat") in ("1", "true"):
            return int(r.attrs.get("s", "0"))
        for a, b, s in self.col_styles:
            if a <= col <= b:
                return s
        return 0

    def formula(self, row: int, col: int) -> El | None:
        c = self.cells.get((row, col))
        return c.find("f") if c is not None else None

    def has_formulas(self) -> bool:
        return any(c.find("f") is not None for c in self.cells.values())

    def last_row(self) -> int:
        """Last row holding a value or formula (rows that only carry formatting do not count)."""
        for r in sorted(self.rows, reverse=True):
            for _, c in self.row_cells[r]:
                if c.children:
                    return r
        return 0

    # ------------------------------------------------------------------ writing
    def check_overwrite(self, row: int, col: int) -> bool:
        """Whether (row, col) holds a formula now; refuses the master cell of a shared or array formula."""
        f = self.formula(row, col)
        if f is None:
            return False
        if f.attrs.get("ref") and f.attrs.get("t") in ("shared", "array"):
            raise ZiError("sel ini adalah induk rumus bersama/array; tidak ditimpa agar rumus lain tidak rusak",
                          sheet=None, sel=ref_of(row, col))
        return True

    def render(self, new: dict[tuple[int, int], str]) -> bytes:
        """The part with the cells in ``new`` (row, col) → ``<c>`` xml set (replaced or inserted)."""
        d = self.data
        edits: list[tuple[int, int, bytes]] = []
        by_row: dict[int, list[tuple[int, str]]] = {}
        for (r, c), xml in new.items():
            by_row.setdefault(r, []).append((c, prefixed(xml, self.p)))
        existing = sorted(self.rows)
        sd_tail: list[bytes] = []
        for r, cells in sorted(by_row.items()):
            cells.sort()
            row = self.rows.get(r)
            if row is None:
                body = "".join(x for _, x in cells)
                xml = f'<{self.p}row r="{r}">{body}</{self.p}row>'.encode()
                nxt = next((x for x in existing if x > r), None)
                if nxt is None:
                    sd_tail.append(xml)
                else:
                    edits.append((self.rows[nxt].start, self.rows[nxt].start, xml))
                continue
            old = self.row_cells[r]
            tail: list[str] = []
            for c, xml in cells:
                el = self.cells.get((r, c))
                if el is not None:
                    edits.append((el.start, el.end, xml.encode()))
                    continue
                after = next((e for cc, e in old if cc > c), None)
                if after is not None:
                    edits.append((after.start, after.start, xml.encode()))
                else:
                    tail.append(xml)
            start_tag = d[row.start:row.inner]
            if "spans" in row.attrs:
                try:
                    a, b = (int(x) for x in row.attrs["spans"].split(":"))
                    cols = [c for c, _ in cells]
                    start_tag = set_attrs(start_tag, spans=f"{min(a, *cols)}:{max(b, *cols)}")
                except ValueError:
                    start_tag = set_attrs(start_tag, spans=None)
            if row.empty:
                start_tag = start_tag[:-2].rstrip() + b">"
                edits.append((row.start, row.end, start_tag + "".join(tail).encode() + f"</{row.tag}>".encode()))
            else:
                if start_tag != d[row.start:row.inner]:
                    edits.append((row.start, row.inner, start_tag))
                if tail:
                    edits.append((row.close, row.close, "".join(tail).encode()))
        if sd_tail:
            body = b"".join(sd_tail)
            if self.sd.empty:
                edits.append((self.sd.start, self.sd.end, d[self.sd.start:self.sd.end - 2].rstrip() + b">" + body
                              + f"</{self.sd.tag}>".encode()))
            else:
                edits.append((self.sd.close, self.sd.close, body))
        dim = self.root.find("dimension")
        if dim is not None and new:
            edits.append((dim.start, dim.end, set_attrs(d[dim.start:dim.end], ref=self._dimension(new))))
        return splice(d, edits)

    def _dimension(self, new) -> str:
        keys = list(self.cells) + list(new)
        r1 = min(k[0] for k in keys)
        r2 = max(k[0] for k in keys)
        c1 = min(k[1] for k in keys)
        c2 = max(k[1] for k in keys)
        a, b = ref_of(r1, c1), ref_of(r2, c2)
        return a if a == b else f"{a}:{b}"
