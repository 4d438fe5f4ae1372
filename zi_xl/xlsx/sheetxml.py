"""A worksheet part (``xl/worksheets/sheetN.xml``): read cells, and set cells by splicing ``<sheetData>``.

Only the ``<c>`` elements that change, the rows that receive new cells (their ``spans`` hint) and ``<dimension>``
are rewritten; every other byte of the part stays as it was. New text is written as an inline string
(``t="inlineStr"``), so the shared-string table is never touched and text is never taken for a formula.

Example::

    sx = SheetXml(pkg.read("xl/worksheets/sheet1.xml"))
    new = sx.render({(2, 3): cell_xml("C2", 42, s=sx.style_at(2, 3))})
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections.abc import Mapping
from xml.parsers import expat

from ..errors import ZiError
from .xmlspan import El, XmlTidakAman, _tag_end, esc, parse, prefixed, set_attrs, splice

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
            raise ZiError("nilai bukan angka terhingga (NaN/tak hingga) tidak dapat ditulis ke sel")
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
        fast = _fast_index(data, name)
        self.root = fast[0] if fast else parse(data, max_depth=5, text_of={"v", "f", "t"}, name=name)
        if self.root.local != "worksheet":
            raise ZiError(f"{name} bukan worksheet")
        self.sd = self.root.find("sheetData")
        if self.sd is None:
            raise ZiError(f"{name}: tidak ada sheetData")
        self.p = self.sd.prefix
        self.rows: dict[int, El] = {}
        raw: dict[int, El | int] = {}
        row_cols: dict[int, list[int]] = {}
        if fast:
            _, self.rows, raw, row_cols = fast
        else:
            last = 0
            for row in self.sd.findall("row"):
                r = int(row.attrs.get("r", last + 1))
                last = r
                self.rows[r] = row
                lc = 0
                cols = []
                for c in row.findall("c"):
                    col = split_ref(c.attrs["r"])[1] if "r" in c.attrs else lc + 1
                    lc = col
                    raw[_key(r, col)] = c
                    cols.append(col)
                row_cols[r] = cols
        #: (row, col) → the cell's element (made when first asked for: a big sheet is indexed, not built)
        self.cells = _Cells(data, raw)
        #: row → [(col, element)] in document order
        self.row_cells = _RowCells(self.cells, row_cols)
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
                k = bisect.bisect_right(existing, r)
                nxt = existing[k] if k < len(existing) else None
                if nxt is None:
                    sd_tail.append(xml)
                else:
                    edits.append((self.rows[nxt].start, self.rows[nxt].start, xml))
                continue
            old_cols = self.row_cells.cols(r)
            tail: list[str] = []
            for c, xml in cells:
                span = self.cells.span((r, c))
                if span is not None:
                    edits.append((span[0], span[1], xml.encode()))
                    continue
                k = bisect.bisect_right(old_cols, c)
                if k < len(old_cols):
                    at = self.cells.span((r, old_cols[k]))[0]
                    edits.append((at, at, xml.encode()))
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


# ---------------------------------------------------------------------------------------------- the fast path
# A sheet of 50,000 rows has a million elements; handing each to Python twice (expat's start and end handlers) costs
# seconds. The fast path lets expat check the whole part in C (well-formed, no DTD), then finds the rows and cells of
# <sheetData> with regular expressions, walking them in order and insisting that rows are the direct children of
# sheetData and cells the direct children of rows (only white space between them). Whatever does not fit — comments,
# processing instructions or CDATA inside sheetData, other elements between rows or cells — goes the slow, general
# way (:func:`zi_xl.xlsx.xmlspan.parse`), which gives the same result.
_NAME = rb"(?:[A-Za-z_][\w.-]*:)?"
_ATTRS = rb"""(?:[^>"'/]|"[^"]*"|'[^']*'|/(?!>))*"""
_SHEETDATA = re.compile(rb"<(" + _NAME + rb")sheetData\b")
_TOKEN = re.compile(rb"[ \t\r\n]*(?:"
                    rb"<(?P<rp>" + _NAME + rb")row\b(?P<ra>" + _ATTRS + rb")(?P<rse>/?)>"
                    rb"|</(?P<rcp>" + _NAME + rb")row\s*>"
                    rb"|<(?P<cp>" + _NAME + rb")c\b(?P<ca>" + _ATTRS + rb")(?:/>|>(?P<cb>.*?)</(?P=cp)c\s*>))",
                    re.S)
_CELL_AT = re.compile(rb"<(?P<cp>" + _NAME + rb")c\b(?P<ca>" + _ATTRS + rb")(?:/>|>(?P<cb>.*?)</(?P=cp)c\s*>)", re.S)
_CHILD = re.compile(rb"<(?P<p>" + _NAME + rb")(?P<t>[A-Za-z_][\w.-]*)(?P<a>" + _ATTRS
                    + rb")(?:/>|>(?P<b>.*?)</(?P=p)(?P=t)\s*>)", re.S)
_ATTR = re.compile(rb"""([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);")
_PREDEFINED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: _PREDEFINED.get(m.group(1)) or chr(int(m.group(1)[2:], 16) if m.group(1)[1] in "xX"
                                                                    else int(m.group(1)[1:])), text)


def _attrs(raw: bytes) -> dict[str, str]:
    out = {}
    for k, v1, v2 in _ATTR.findall(raw):
        v = (v1 or v2).decode("utf-8")
        if "&" in v or "\t" in v or "\n" in v or "\r" in v:
            v = _unescape(v.replace("\t", " ").replace("\n", " ").replace("\r", " "))
        out[k.decode("utf-8")] = v
    return out


class _Cells(Mapping):
    """Cells by (row, col): elements from the general parser, or — from the fast path — just the offset where each
    cell starts, turned into an element when asked for (a compact index: a big sheet costs a few dozen bytes a
    cell here, not a parsed element)."""

    def __init__(self, data: bytes, raw: dict[int, El | int]):
        self._data = data
        self._raw = raw          # _key(row, col) → element or start offset

    def __getitem__(self, key) -> El:
        k = _key(*key)
        v = self._raw[k]
        if isinstance(v, El):
            return v
        el = _cell_at(self._data, v)
        self._raw[k] = el
        return el

    def __contains__(self, key) -> bool:
        try:
            return _key(*key) in self._raw
        except (TypeError, ValueError):
            return False

    def span(self, key) -> tuple[int, int] | None:
        """(start, end) offsets of a cell, without building its element; None when there is no such cell."""
        v = self._raw.get(_key(*key))
        if v is None:
            return None
        if isinstance(v, El):
            return v.start, v.end
        return v, _CELL_AT.match(self._data, v).end()

    def __iter__(self):
        for k in self._raw:
            yield k >> 14, (k & 0x3FFF) + 1

    def __len__(self) -> int:
        return len(self._raw)


def _key(row: int, col: int) -> int:
    """One int for (row, col): column in the low 14 bits (Excel has 16,384 columns)."""
    if not 1 <= col <= 16384:
        raise ValueError(col)
    return (row << 14) | (col - 1)


def _cell_at(data: bytes, start: int) -> El:
    m = _CELL_AT.match(data, start)
    el = El(m.group("cp").decode() + "c", _attrs(m.group("ca")), start)
    if m.group("cb") is None:
        el.inner = el.close = el.end = m.end()
    else:
        el.inner, el.close, el.end = m.start("cb"), m.end("cb"), m.end()
        if el.close > el.inner:
            el.children = _fast_children(data, el.inner, el.close)
    return el


class _RowCells(Mapping):
    def __init__(self, cells: _Cells, row_cols: dict[int, list[int]]):
        self._cells = cells
        self._cols = row_cols

    def __getitem__(self, r: int) -> list[tuple[int, El]]:
        return [(c, self._cells[(r, c)]) for c in self._cols[r]]

    def cols(self, r: int) -> list[int]:
        """The columns of a row's cells, in document order."""
        return self._cols.get(r, [])

    def __iter__(self):
        return iter(self._cols)

    def __len__(self) -> int:
        return len(self._cols)


def _fast_index(data: bytes, name: str, min_size: int = 1 << 16):
    """(root, rows, cells, row → columns) of a worksheet part found the fast way, or None when the part does not
    fit it (or is smaller than ``min_size``: the general parser is fast enough there). ``cells`` holds positions,
    not elements (see :class:`_Cells`)."""
    m = _SHEETDATA.search(data)
    if m is None or len(data) < min_size:
        return None
    p = expat.ParserCreate()
    p.StartDoctypeDeclHandler = p.EntityDeclHandler = _no_dtd
    try:
        p.Parse(data, True)
    except (expat.ExpatError, XmlTidakAman, ValueError):
        return None                               # the general parser gives the message
    prefix = m.group(1)
    try:
        sd_inner = _tag_end(data, m.start())
    except ValueError:
        return None
    if data[sd_inner - 2] == 0x2F:
        return None
    end = re.compile(rb"</" + re.escape(prefix) + rb"sheetData\s*>").search(data, sd_inner)
    if end is None:
        return None
    sd_close = end.start()
    if data.find(b"<!", sd_inner, sd_close) >= 0 or data.find(b"<?", sd_inner, sd_close) >= 0:
        return None
    found = _fast_rows(data, sd_inner, sd_close)
    if found is None:
        return None
    blank = data[:sd_inner] + b" " * (sd_close - sd_inner) + data[sd_close:]
    root = parse(blank, max_depth=5, text_of={"v", "f", "t"}, name=name)
    sd = root.find("sheetData")
    if sd is None or sd.start != m.start() or sd.close != sd_close:
        return None
    rows, cells, row_cols = found
    sd.children = list(rows.values())
    return root, rows, cells, row_cols


_R_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Z]{1,3})([0-9]{1,7})["']""")
_COL_CACHE: dict[bytes, int] = {}


def _fast_rows(data: bytes, pos: int, limit: int):
    """The rows of sheetData's content ``data[pos:limit]`` and the positions of their cells, or None when it is not
    only rows of cells with references (then the general parser decides)."""
    rows: dict[int, El] = {}
    cells: dict[int, int] = {}
    row_cols: dict[int, list[int]] = {}
    row: El | None = None
    cols: list[int] = []
    r = last = 0
    r_attr = _R_ATTR.search
    for m in _TOKEN.finditer(data, pos, limit):
        if m.start() != pos:
            return None
        pos = m.end()
        cp = m.group("cp")
        if cp is not None:
            if row is None:
                return None
            ca = m.group("ca")
            ref = r_attr(ca)
            if ref is None or int(ref.group(2)) != r:
                return None
            letters = ref.group(1)
            col = _COL_CACHE.get(letters)
            if col is None:
                col = col_index(letters.decode())
                if col > 16384:
                    return None
                _COL_CACHE[letters] = col
            cells[(r << 14) | (col - 1)] = m.start("cp") - 1
            cols.append(col)
            continue
        rp = m.group("rp")
        if rp is not None:
            if row is not None:
                return None
            row = El(rp.decode() + "row", _attrs(m.group("ra")), m.start("rp") - 1, pos)
            r = int(row.attrs.get("r", last + 1))
            if not 1 <= r <= 1048576 or r in rows:
                return None
            last = r
            rows[r] = row
            cols = row_cols[r] = []
            if m.group("rse"):
                row.close = row.end = pos
                row = None
        else:
            if row is None:
                return None
            row.close, row.end = m.start("rcp") - 2, pos
            row = None
    if row is not None or data[pos:limit].strip(b" \t\r\n"):
        return None
    return rows, cells, row_cols


def _fast_children(data: bytes, start: int, stop: int) -> list[El]:
    out = []
    for m in _CHILD.finditer(data, start, stop):
        t = m.group("t").decode()
        el = El(m.group("p").decode() + t, _attrs(m.group("a")) if m.group("a").strip() else {}, m.start())
        if m.group("b") is None:
            el.inner = el.close = el.end = m.end()
        else:
            el.inner, el.close, el.end = m.start("b"), m.end("b"), m.end()
            if t in ("f", "v", "t"):
                el.text = _unescape(m.group("b").decode("utf-8"))
        out.append(el)
    return out


def _no_dtd(*_a, **_k):
    raise XmlTidakAman("DTD")



_COLS = re.compile(rb"<(?P<p>\w+:)?cols>(?P<body>.*?)</(?P=p)?cols>|<(?:\w+:)?cols/>", re.S)
_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*?)/?>(?:</(?:\w+:)?col>)?")


def set_col_width(data: bytes, kolom: int, width: float) -> bytes:
    """The sheet with column ``kolom`` (1-based) ``width`` characters wide; a ``<col>`` range covering it is split
    so the other columns keep their widths, style and hidden state."""
    sd = re.search(rb"<(\w+:)?sheetData\b", data)
    if sd is None:
        raise ZiError("sheet tanpa sheetData")
    prefix = sd.group(1) or b""
    m = _COLS.search(data, 0, sd.start())
    mine = b' width="%s" customWidth="1"' % f"{width:g}".encode()

    def col(lo: int, hi: int, attrs: bytes) -> bytes:
        attrs = re.sub(rb'\s(min|max)="\d+"', b"", attrs)
        return b'<%scol min="%d" max="%d"%s/>' % (prefix, lo, hi, attrs)

    if m is None or m.group("body") is None:              # no <cols>, or an empty <cols/>
        block = b"<%scols>%s</%scols>" % (prefix, col(kolom, kolom, mine), prefix)
        at, to = (sd.start(), sd.start()) if m is None else (m.start(), m.end())
        return data[:at] + block + data[to:]
    out: list[bytes] = []
    placed = False
    for c in _COL.finditer(m.group("body")):
        attrs = c.group(1).rstrip(b"/")
        lo = int(re.search(rb'\bmin="(\d+)"', attrs).group(1))
        hi = int(re.search(rb'\bmax="(\d+)"', attrs).group(1))
        if hi < kolom or lo > kolom:
            if lo > kolom and not placed:
                out.append(col(kolom, kolom, mine))
                placed = True
            out.append(c.group(0))
            continue
        keep = re.sub(rb'\s(width|customWidth|bestFit)="[^"]*"', b"", attrs)
        if lo < kolom:
            out.append(col(lo, kolom - 1, attrs))
        out.append(col(kolom, kolom, keep + mine))
        if hi > kolom:
            out.append(col(kolom + 1, hi, attrs))
        placed = True
    if not placed:
        out.append(col(kolom, kolom, mine))
    return data[:m.start("body")] + b"".join(out) + data[m.end("body"):]
