"""``xl/workbook.xml``: the sheet list, adding a sheet, the date system, forcing a full recalculation on open.

Example::

    sheets(data)                                    # [WbSheet(name='LKE ZI', sheet_id=3, rid='rId3', state=None)]
    data = add_sheet(data, "Hasil Hitung", "rId9")
    data = set_full_calc_on_load(data)              # <calcPr ... fullCalcOnLoad="1"/>
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ZiError
from .parts import NS_REL
from .xmlspan import El, esc, parse, set_attrs, splice

_AFTER_CALCPR = ("oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing",
                 "fileRecoveryPr", "webPublishObjects", "extLst")
_BAD_CHARS = set('[]:*?/\\')


@dataclass
class WbSheet:
    name: str
    sheet_id: int
    rid: str
    state: str | None


def _root(data: bytes) -> El:
    return parse(data, max_depth=2, name="xl/workbook.xml")


def _rel_prefix(data: bytes, root: El) -> str | None:
    for k, v in root.attrs.items():
        if v == NS_REL and k.startswith("xmlns:"):
            return k[6:]
    return None


def sheets(data: bytes) -> list[WbSheet]:
    root = _root(data)
    sh = root.find("sheets")
    out = []
    for s in (sh.findall("sheet") if sh is not None else []):
        rid = next((v for k, v in s.attrs.items() if k.endswith(":id") or k == "id"), "")
        out.append(WbSheet(s.attrs.get("name", ""), int(s.attrs.get("sheetId", "0")), rid, s.attrs.get("state")))
    return out


def date1904(data: bytes) -> bool:
    wp = _root(data).find("workbookPr")
    return wp is not None and wp.attrs.get("date1904") in ("1", "true")


def check_name(name: str, existing: list[str]) -> None:
    if not name or len(name) > 31 or any(ch in _BAD_CHARS for ch in name) or name.startswith("'") \
            or name.endswith("'"):
        raise ZiError(f"nama sheet tidak sah untuk Excel: {name!r} (maks. 31 karakter, tanpa []:*?/\\)")
    if name.lower() in (e.lower() for e in existing):
        raise ZiError(f"sheet {name!r} sudah ada")


def add_sheet(data: bytes, name: str, rid: str) -> bytes:
    """Append ``<sheet name=.. sheetId=.. r:id=..>`` at the end of ``<sheets>``."""
    root = _root(data)
    sh = root.find("sheets")
    if sh is None or sh.empty:
        raise ZiError("xl/workbook.xml tidak memiliki daftar sheet")
    sid = max([0] + [s.sheet_id for s in sheets(data)]) + 1
    pre = _rel_prefix(data, root)
    ridattr = f'{pre}:id="{rid}"' if pre else f'xmlns:r="{NS_REL}" r:id="{rid}"'
    new = f'<{sh.prefix}sheet name="{esc(name, True)}" sheetId="{sid}" {ridattr}/>'.encode()
    return splice(data, [(sh.close, sh.close, new)])


def set_full_calc_on_load(data: bytes) -> bytes:
    """Make Excel (and LibreOffice) recalculate every formula when the file is opened."""
    root = _root(data)
    cp = root.find("calcPr")
    if cp is not None:
        return splice(data, [(cp.start, cp.inner, set_attrs(data[cp.start:cp.inner], fullCalcOnLoad="1"))])
    new = f'<{root.prefix}calcPr fullCalcOnLoad="1"/>'.encode()
    nxt = next((c for c in root.children if c.local in _AFTER_CALCPR), None)
    pos = nxt.start if nxt is not None else root.close
    return splice(data, [(pos, pos, new)])


_AFTER_DEFINEDNAMES = ("calcPr",) + _AFTER_CALCPR
PRINT_TITLES = "_xlnm.Print_Titles"


def set_sheet_name(data: bytes, name: str, sheet: str, value: str | None) -> bytes:
    """Set (or, with ``value`` None, remove) the sheet-level defined name ``name`` of ``sheet`` — e.g. the print
    titles ``_xlnm.Print_Titles`` = "'Riwayat'!$1:$1". Other names are kept as they are."""
    names = [s.name.lower() for s in sheets(data)]
    if sheet.lower() not in names:
        raise ZiError(f"sheet {sheet!r} tidak ada di xl/workbook.xml")
    idx = str(names.index(sheet.lower()))
    root = _root(data)
    dn = root.find("definedNames")
    edits: list[tuple[int, int, bytes]] = []
    if dn is not None and not dn.empty:
        for d in dn.findall("definedName"):
            if d.attrs.get("name", "").lower() == name.lower() and d.attrs.get("localSheetId") == idx:
                edits.append((d.start, d.end, b""))
    if value is not None:
        prefix = root.prefix
        new = f'<{prefix}definedName name="{esc(name, True)}" localSheetId="{idx}">{esc(value)}</{prefix}definedName>'
        if dn is not None and not dn.empty:
            edits.append((dn.close, dn.close, new.encode()))
        elif dn is not None:                                   # <definedNames/>
            edits.append((dn.start, dn.end, f"<{prefix}definedNames>{new}</{prefix}definedNames>".encode()))
        else:
            nxt = next((c for c in root.children if c.local in _AFTER_DEFINEDNAMES), None)
            pos = nxt.start if nxt is not None else root.close
            edits.append((pos, pos, f"<{prefix}definedNames>{new}</{prefix}definedNames>".encode()))
    return splice(data, edits) if edits else data
