"""Turn an .xlsx/.xlsm into the JSON payload an xlwings remote client sends, and open it as a real ``xw.Book``.

The payload follows ``xlwings/addin/Remote.bas`` (``RunRemotePython``): ``client``, ``version``, ``book``
(name, active sheet index, selection), ``names`` (defined names that refer to a range) and ``sheets`` (name and
the values of A1 down to the bottom-right corner of the used range, as ``Range.Value`` shows them). Like Excel's
client it sends cached formula results (not formulas), errors as text ("#DIV/0!"), empty cells as "" and
dates as "yyyy-mm-ddTHH:MM:SS.000Z".

Example::

    book = remote_book("LKE.xlsx")          # xw.Book(json=payload), remote engine, no Excel needed
    zi_xl.excel.hitung_nilai(book)
    actions = book.json()["actions"]        # what Excel would do
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
from pathlib import Path

LICENSE_ENV = "XLWINGS_LICENSE_KEY"
# xlwings registers its remote engine at import time, and only with a license key (PolyForm Noncommercial here).
os.environ.setdefault(LICENSE_ENV, "noncommercial")


def _cell(v):
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(v, dt.time):
        return (v.hour * 3600 + v.minute * 60 + v.second) / 86400
    if isinstance(v, dt.timedelta):
        return v.total_seconds() / 86400
    if isinstance(v, bool | int | float | str):
        return v
    return str(v)


def _names(wb) -> list[dict]:
    """Defined names that refer to one range (Remote.bas sends only those)."""
    from openpyxl.utils.cell import range_boundaries

    out = []
    titles = [ws.title for ws in wb.worksheets]

    def add(name, value, scope_ix):
        try:
            dests = list(value.destinations)
        except Exception:  # constants and formulas are not ranges
            return
        if len(dests) != 1 or dests[0][0] not in titles:
            return
        sheet, ref = dests[0]
        try:
            range_boundaries(ref.replace("$", ""))
        except ValueError:
            return
        out.append({"name": name if scope_ix is None else f"{titles[scope_ix]}!{name}",
                    "sheet_index": titles.index(sheet), "address": ref.replace("$", ""),
                    "book_scope": scope_ix is None,
                    "scope_sheet_name": None if scope_ix is None else titles[scope_ix],
                    "scope_sheet_index": scope_ix})

    for name, dn in wb.defined_names.items():
        add(name, dn, None)
    for i, ws in enumerate(wb.worksheets):
        for name, dn in ws.defined_names.items():
            add(name, dn, i)
    return out


def payload_from_file(path: str | os.PathLike, client: str = "VBA", active: str | int = 0,
                      selection: str = "A1") -> dict:
    """The remote payload of a workbook file. ``client``: "VBA" (RunRemotePython) or "Office.js" (xlwings Lite).
    ``active``: the active sheet (name or 0-based index). Cell values are those of the project's file reader
    (cached results for formula cells), so a grid read back through xlwings can be compared with it."""
    import openpyxl
    import xlwings as xw

    from zi_xl.xlsx.read import read_workbook

    grids = read_workbook(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path, read_only=True)
    try:
        states = {ws.title: ws.sheet_state for ws in wb.worksheets}
        names = _names(wb)
    finally:
        wb.close()
    sheets = []
    for title, g in grids.items():
        values = [[_cell(g.values.get((r, c))) for c in range(1, g.max_col + 1)] for r in range(1, g.max_row + 1)]
        sheets.append({"name": title, "values": values or [[]], "pictures": [], "tables": [], "charts": [],
                       "shapes": [], "notes": [], "print_area": None,
                       "visibility": "Visible" if states.get(title, "visible") == "visible" else "Hidden"})
    titles = [s["name"] for s in sheets]
    ix = titles.index(active) if isinstance(active, str) else active
    return {"client": client, "version": xw.__version__,
            "book": {"name": Path(path).name, "active_sheet_index": ix, "selection": selection},
            "names": names, "sheets": sheets}


def remote_book(path: str | os.PathLike, **kw):
    """A real ``xw.Book`` on xlwings' remote engine, built from the payload of ``path``."""
    import xlwings as xw

    if "remote" not in [e.name for e in xw.engines]:  # xlwings was imported before the key was set
        from xlwings.pro import _xlremote

        xw.engines.add(xw.Engine(impl=_xlremote.engine))
    return xw.Book(json=payload_from_file(path, **kw))


def actions(book, func: str | None = None) -> list[dict]:
    """The queued actions of ``book`` (only those of ``func`` when given)."""
    acts = book.json()["actions"]
    return [a for a in acts if func is None or a["func"] == func]


def written_cells(book) -> dict[tuple[str, str], object]:
    """(sheet name, A1 address) → value for every setValues/setFormula action, resolved cell by cell.
    Sheet positions are resolved against the book's sheets *after* the actions (the book's api is updated
    optimistically by xlwings, e.g. for an added sheet)."""
    from openpyxl.utils import get_column_letter

    names = [s.name for s in book.sheets]
    out = {}
    for a in book.json()["actions"]:
        if a["func"] not in ("setValues", "setFormula"):
            continue
        sheet = names[a["sheet_position"]]
        vals = a["values"]
        if not isinstance(vals, list):
            vals = [[vals] * a["column_count"]] * a["row_count"]
        for i, row in enumerate(vals):
            for j, v in enumerate(row):
                out[(sheet, f"{get_column_letter(a['start_column'] + j + 1)}{a['start_row'] + i + 1}")] = v
    return out
