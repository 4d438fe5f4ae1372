"""Read worksheets in one pass: values, formulas and cached results together.

openpyxl needs two loads for formulas *and* cached values and parses the stylesheet each time; this reader walks
each worksheet part once with ElementTree's C ``iterparse``, behind the guard's streaming DTD check (no DTDs, no
entities: :func:`zi_xl.xlsx.guard.iterparse`). Shared formulas, date formats, serial dates and string escapes come
from :mod:`.spreadsheetml` (checked against openpyxl on real files), so reading imports neither openpyxl nor numpy.

Example::

    with zipfile.ZipFile("LKE.xlsx") as zf:
        for name, part in sheet_parts(zf):
            g = read_sheet(zf, part, name, context(zf))
"""

from __future__ import annotations

import math
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..errors import galat_dari
from .grid import Grid, address
from .guard import fromstring, iterparse
from .spreadsheetml import (
    BUILTIN_DATE,
    EPOCH_1900,
    EPOCH_1904,
    from_serial,
    is_date_format,
    is_time_format,
    shift_to,
    unescape,
)

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RNS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PNS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass
class Context:
    """Workbook-wide data every sheet needs: shared strings, which styles are dates (and which of them show only a
    time of day), the date epoch (1900 or 1904 date system)."""

    strings: list[str]
    date_styles: set[int]
    epoch: object
    time_styles: set[int] = field(default_factory=set)


def _text(el) -> str:
    """Text of a shared/inline string item: its <t> and the <t> of its runs, phonetic runs excluded; Excel's
    ``_xHHHH_`` escapes decoded (openpyxl leaves them in)."""
    out = []
    for child in el:
        if child.tag == f"{NS}t":
            out.append(child.text or "")
        elif child.tag == f"{NS}r":
            t = child.find(f"{NS}t")
            out.append((t.text or "") if t is not None else "")
    return unescape("".join(out))


def _read(zf: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        return zf.read(name)
    except KeyError:
        return None


def _workbook_part(zf: zipfile.ZipFile) -> str:
    rels = fromstring(_read(zf, "_rels/.rels") or b"<Relationships/>")
    for r in rels:
        if r.get("Type", "").endswith("/officeDocument"):
            return r.get("Target", "xl/workbook.xml").lstrip("/")
    return "xl/workbook.xml"


def _rels_of(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    folder, base = posixpath.split(part)
    data = _read(zf, posixpath.join(folder, "_rels", base + ".rels"))
    out = {}
    if data:
        for r in fromstring(data):
            target = r.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[r.get("Id")] = (r.get("Type", ""), path)
    return out


def sheet_parts(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, worksheet part) in workbook order; chartsheets and dialog sheets are left out."""
    wb = _workbook_part(zf)
    rels = _rels_of(zf, wb)
    root = fromstring(zf.read(wb))
    out = []
    for s in root.iter(f"{NS}sheet"):
        typ, path = rels.get(s.get(f"{RNS}id"), ("", ""))
        if typ.endswith("/worksheet"):
            out.append((s.get("name"), path))
    return out


def context(zf: zipfile.ZipFile) -> Context:
    wb = _workbook_part(zf)
    rels = _rels_of(zf, wb)
    root = fromstring(zf.read(wb))
    pr = root.find(f"{NS}workbookPr")
    epoch = EPOCH_1904 if pr is not None and pr.get("date1904") in ("1", "true") else EPOCH_1900
    strings: list[str] = []
    styles_part = None
    for typ, path in rels.values():
        if typ.endswith("/sharedStrings"):
            data = _read(zf, path)
            if data:
                strings = [_text(si) for si in fromstring(data).iter(f"{NS}si")]
        elif typ.endswith("/styles"):
            styles_part = path
    dates: set[int] = set()
    times: set[int] = set()
    data = _read(zf, styles_part) if styles_part else None
    if data:
        st = fromstring(data)
        custom = {int(n.get("numFmtId")): n.get("formatCode", "") for n in st.iter(f"{NS}numFmt")}
        xfs = st.find(f"{NS}cellXfs")
        for i, xf in enumerate(xfs if xfs is not None else []):
            fid = int(xf.get("numFmtId", 0))
            code = custom.get(fid, BUILTIN_DATE.get(fid, "General"))
            if is_date_format(code):
                dates.add(i)
                if is_time_format(code):
                    times.add(i)
    return Context(strings=strings, date_styles=dates, epoch=epoch, time_styles=times)


def _number(v: str):
    """A cell's stored number; what is not a finite number (``NaN``, ``inf`` — never written by Excel) stays text."""
    try:
        if v.lstrip("-").isdigit():
            return int(v)
        f = float(v)
    except (ValueError, OverflowError):
        return v
    return f if math.isfinite(f) else v


def read_sheet(zf: zipfile.ZipFile, part: str, title: str, ctx: Context, berkas: str | None = None,
               only: set[tuple[int, int]] | None = None) -> Grid:
    """One worksheet part as a :class:`Grid` (values incl. cached formula results, formulas, validations).
    ``only``: keep just these (row, column) cells — the part is still read in one streaming pass, but the grid
    stays small (verification of a write reads back the cells it wrote this way). A cell that cannot be read is
    refused naming the sheet and the cell."""
    g = Grid(title=title, berkas=berkas)
    shared: dict[str, tuple[str, str]] = {}  # si -> (master formula, master cell)
    if only is not None:   # verification: compare the reference text first, parse it only for the cells asked for
        refs = {address(r, c) for r, c in only}
        only_cell = _cell

        def _pick(el, g, ctx, shared, only):
            if el.get("r") in refs:
                only_cell(el, g, ctx, shared, only)
    else:
        _pick = _cell
    with zf.open(part) as fh:
        for _, el in iterparse(fh, bagian=part):
            tag = el.tag
            if tag == _C:
                try:
                    _pick(el, g, ctx, shared, only)
                except (ValueError, IndexError, KeyError, OverflowError, TypeError) as exc:
                    raise galat_dari(exc, berkas, bagian=part, sheet=title, sel=el.get("r")) from exc
            elif tag == _ROW:
                el.clear()
            elif tag == _PROTECTION:
                g.protected = el.get("sheet") in ("1", "true")
            elif tag == _VALIDATION and el.get("type") == "list":
                f1 = el.find(_FORMULA1)
                if f1 is not None and f1.text:
                    g.validations.append((el.get("sqref", ""), f1.text))
    return g


_C, _ROW, _V, _F, _IS = f"{NS}c", f"{NS}row", f"{NS}v", f"{NS}f", f"{NS}is"
_PROTECTION, _VALIDATION, _FORMULA1 = f"{NS}sheetProtection", f"{NS}dataValidation", f"{NS}formula1"
_REF = re.compile(r"([A-Za-z]{1,7})([0-9]{1,10})")
_COLS: dict[str, int] = {}


def _coord(ref: str) -> tuple[int, int]:
    m = _REF.fullmatch(ref)
    if m is None:
        raise ValueError(ref)
    letters = m.group(1)
    col = _COLS.get(letters)
    if col is None:
        col = 0
        for ch in letters.upper():
            col = col * 26 + (ord(ch) - 64)
        if len(_COLS) < 20000:
            _COLS[letters] = col
    return int(m.group(2)), col


def _date(value, epoch, time_only: bool = False):
    """A serial number in a date-formatted cell as a date (in the workbook's own date system); a number no calendar
    holds stays a number (Excel shows it as ####). In the 1904 system serial 0 is 1 January 1904 (openpyxl would
    give a time of day for any serial below 1, which is right only for time formats and for the 1900 system)."""
    try:
        if epoch == EPOCH_1904 and 0 <= value < 1 and not time_only:
            return epoch + timedelta(milliseconds=round(value * 86400000))
        return from_serial(value, epoch)
    except (OverflowError, ValueError):
        return value


def _cell(el, g: Grid, ctx: Context, shared: dict, only: set[tuple[int, int]] | None = None) -> None:
    ref = el.get("r")
    if ref is None:
        return  # cells without a reference do not occur in files made by Excel; skip rather than guess
    key = _coord(ref)
    if only is not None and key not in only:
        return
    t = el.get("t", "n")
    f = v = is_ = None
    for child in el:
        ctag = child.tag
        if ctag == _V:
            v = child
        elif ctag == _F:
            f = child
        elif ctag == _IS:
            is_ = child
    formula = None
    if f is not None:
        ftype = f.get("t")
        if ftype == "shared":
            si = f.get("si")
            if f.text:
                shared[si] = (f.text, ref)
                formula = f.text
            elif si in shared:
                master, origin = shared[si]
                formula = shift_to(master, origin, ref)
        elif f.text:
            formula = f.text
    raw = v.text if v is not None else None
    if t == "inlineStr":
        value = _text(is_) if is_ is not None else None
    elif raw is None:
        value = None
    elif t == "s":
        value = ctx.strings[int(raw)]
    elif t == "str":
        value = unescape(raw)
    elif t == "e":
        value = raw
    elif t == "b":
        value = raw in ("1", "true")
    elif t == "d":
        value = datetime.fromisoformat(raw)
    else:
        value = _number(raw)
        if not isinstance(value, str) and (s := int(el.get("s", 0))) in ctx.date_styles:
            value = _date(value, ctx.epoch, s in ctx.time_styles)
    if formula is not None:
        g.formulas[key] = "=" + formula
    if value is not None and value != "":
        g.values[key] = value
    elif formula is None:
        return
    if key[0] > g.max_row:
        g.max_row = key[0]
    if key[1] > g.max_col:
        g.max_col = key[1]
