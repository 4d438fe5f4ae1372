"""Read worksheets in one pass: values, formulas and cached results together.

openpyxl needs two loads for formulas *and* cached values and parses the stylesheet each time; this reader walks
each worksheet part once with defusedxml's ``iterparse`` (no DTDs, no entities) and leans on openpyxl only for the
parts of the format that are easy to get wrong: shared-formula translation (:class:`Translator`), date formats
(:func:`is_date_format`, ``BUILTIN_FORMATS``) and serial-date conversion (:func:`from_excel`).

Example::

    with zipfile.ZipFile("LKE.xlsx") as zf:
        for name, part in sheet_parts(zf):
            g = read_sheet(zf, part, name, context(zf))
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from datetime import datetime

from defusedxml.ElementTree import fromstring, iterparse
from openpyxl.formula.translate import Translator
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel
from openpyxl.utils.escape import unescape

from .grid import Grid

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RNS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PNS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass
class Context:
    """Workbook-wide data every sheet needs: shared strings, which styles are dates, the date epoch."""

    strings: list[str]
    date_styles: set[int]
    epoch: object


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
    epoch = CALENDAR_MAC_1904 if pr is not None and pr.get("date1904") in ("1", "true") else CALENDAR_WINDOWS_1900
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
    data = _read(zf, styles_part) if styles_part else None
    if data:
        st = fromstring(data)
        custom = {int(n.get("numFmtId")): n.get("formatCode", "") for n in st.iter(f"{NS}numFmt")}
        xfs = st.find(f"{NS}cellXfs")
        for i, xf in enumerate(xfs if xfs is not None else []):
            fid = int(xf.get("numFmtId", 0))
            code = custom.get(fid, BUILTIN_FORMATS.get(fid, "General"))
            if is_date_format(code):
                dates.add(i)
    return Context(strings=strings, date_styles=dates, epoch=epoch)


def _number(v: str):
    try:
        return int(v) if v.lstrip("-").isdigit() else float(v)
    except ValueError:
        return v


def read_sheet(zf: zipfile.ZipFile, part: str, title: str, ctx: Context, berkas: str | None = None) -> Grid:
    """One worksheet part as a :class:`Grid` (values incl. cached formula results, formulas, validations)."""
    g = Grid(title=title, berkas=berkas)
    shared: dict[str, tuple[str, str]] = {}  # si -> (master formula, master cell)
    with zf.open(part) as fh:
        for _, el in iterparse(fh, events=("end",)):
            tag = el.tag
            if tag == f"{NS}c":
                _cell(el, g, ctx, shared)
            elif tag == f"{NS}row":
                el.clear()
            elif tag == f"{NS}sheetProtection":
                g.protected = el.get("sheet") in ("1", "true")
            elif tag == f"{NS}dataValidation" and el.get("type") == "list":
                f1 = el.find(f"{NS}formula1")
                if f1 is not None and f1.text:
                    g.validations.append((el.get("sqref", ""), f1.text))
    return g


def _coord(ref: str) -> tuple[int, int]:
    col = 0
    i = 0
    while i < len(ref) and ref[i].isalpha():
        col = col * 26 + (ord(ref[i].upper()) - 64)
        i += 1
    return int(ref[i:]), col


def _cell(el, g: Grid, ctx: Context, shared: dict) -> None:
    ref = el.get("r")
    if ref is None:
        return  # cells without a reference do not occur in files made by Excel; skip rather than guess
    key = _coord(ref)
    t = el.get("t", "n")
    f = el.find(f"{NS}f")
    v = el.find(f"{NS}v")
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
                formula = Translator("=" + master, origin=origin).translate_formula(ref)[1:]
        elif f.text:
            formula = f.text
    raw = v.text if v is not None else None
    if t == "inlineStr":
        is_ = el.find(f"{NS}is")
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
        if int(el.get("s", 0)) in ctx.date_styles and isinstance(value, int | float):
            value = from_excel(value, ctx.epoch)
    if formula is not None:
        g.formulas[key] = "=" + formula
    if value is not None and value != "":
        g.values[key] = value
    elif formula is None:
        return
    g.max_row = max(g.max_row, key[0])
    g.max_col = max(g.max_col, key[1])
