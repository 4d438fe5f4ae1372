"""The preserving writer: apply a list of :mod:`zi_xl.xlsx.edits` to an existing .xlsx/.xlsm as a zip patch.

Only the parts that must change are rewritten — the edited sheets, ``xl/workbook.xml`` (a new sheet; a full
recalculation on open when formulas or cells that formulas may read changed), ``xl/_rels/workbook.xml.rels``,
``[Content_Types].xml``, and ``xl/styles.xml`` when a new format is needed; a stale ``xl/calcChain.xml`` is dropped
with its relationship and override. Every other entry (VBA project, VML, controls, drawings, images, comments,
custom XML, printer settings, other sheets ...) is copied as its raw compressed bytes. Macros are never run: the
writer never interprets ``vbaProject.bin``.

Example::

    from zi_xl.xlsx.edits import SetCell, ReplaceSheet
    with open("out.xlsx", "wb") as fh:
        rep = apply_edits("LKE.xlsx", [SetCell("LKE ZI", "O5", "cek")], fh)
    rep.expect        # {("LKE ZI", "O5"): ("value", "cek")} — what verification should read back

Use :meth:`zi_xl.xlsx.book.Book.apply` to write into the user's file (temp file, verify, backup, replace).
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from dataclasses import dataclass, field, fields, replace
from typing import Any, BinaryIO

from ..errors import ZiError, pada_berkas
from . import content_types as ctx
from . import workbookxml as wbx
from .edits import AppendRows, Cell, Edit, ReplaceSheet, SetCell, SetStyle, SetWidth, Style
from .parts import (
    RT_CALCCHAIN,
    RT_CHART,
    RT_DRAWING,
    RT_WORKSHEET,
    Package,
    add_rel,
    parse_rels,
    relative,
    rels_name,
    remove_rels,
)
from .read import Snapshot, check_workbook_file, jeda_gc, read_grids
from .sheetreader import sheet_parts
from .sheetxml import SheetXml, cell_xml, col_index, ref_of, serial, set_col_width, split_ref
from .styles import Styles
from .transplant import adapt_sheet, build_sheet
from .xmlspan import set_attrs

WB = "xl/workbook.xml"
CT = "[Content_Types].xml"
_RELS_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.'
             b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{type}" '
             b'Target="{target}"/></Relationships>')


@dataclass
class PatchResult:
    """What a patch did. ``expect[(sheet, ref)] = (value, formula)`` lists every written cell with the value a
    reader must find (for formulas: the cached value, or None when unknown)."""

    changed: set[str] = field(default_factory=set)
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    expect: dict[tuple[str, str], tuple[Any, str | None]] = field(default_factory=dict)
    full_calc: bool = False
    date1904: bool = False


class _Work:
    """The package being edited: original parts plus replaced/added/removed ones."""

    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.new: dict[str, bytes] = {}
        self.gone: set[str] = set()
        self.version = 0          # bumped on every change: caches of parsed parts compare it


    def exists(self, name: str) -> bool:
        return name in self.new or (self.pkg.has(name) and name not in self.gone)

    def read(self, name: str) -> bytes:
        if name in self.new:
            return self.new[name]
        if name in self.gone:
            raise KeyError(name)
        return self.pkg.read(name)

    def write(self, name: str, data: bytes) -> None:
        self.gone.discard(name)
        if self.pkg.has(name) and name not in self.new and self.pkg.read(name) == data:
            return
        self.new[name] = data
        self.version += 1

    def delete(self, name: str) -> None:
        self.new.pop(name, None)
        if self.pkg.has(name):
            self.gone.add(name)
        self.version += 1

    def names(self) -> set[str]:
        return ({i.filename for i in self.pkg.infos} - self.gone) | set(self.new)

    def rels(self, part: str) -> list:
        rn = rels_name(part)
        return parse_rels(self.read(rn), part) if self.exists(rn) else []

    def free_name(self, pattern: str) -> str:
        have = {n.lower() for n in self.names()}
        n = 1
        while (pattern % n).lower() in have:
            n += 1
        return pattern % n


def _is_date(v) -> bool:
    return isinstance(v, dt.date)


class _Patcher:
    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.w = _Work(pkg)
        self.berkas = pkg.path
        wb = self.w.read(WB)
        self.date1904 = wbx.date1904(wb)
        self._styles: Styles | None = None
        self.pending: dict[str, dict[tuple[int, int], dict]] = {}
        self.next_row: dict[str, int] = {}
        self.calc_dirty = False
        self.rep = PatchResult(date1904=self.date1904)
        self._map: tuple[int, dict[str, tuple[str, str, str]], dict[str, str]] | None = None

    # ------------------------------------------------------------------ lookups
    def sheet_map(self) -> dict[str, tuple[str, str, str]]:
        """sheet name → (part name, rId, relationship type). Parsed once, again only after the package changed
        (thousands of cell edits must not parse workbook.xml thousands of times)."""
        if self._map is None or self._map[0] != self.w.version:
            rels = {r.id: r for r in self.w.rels(WB)}
            out = {}
            for s in wbx.sheets(self.w.read(WB)):
                r = rels.get(s.rid)
                if r is not None:
                    out[s.name] = (r.target, r.id, r.type)
            self._map = (self.w.version, out, {k.casefold(): k for k in reversed(out)})
        return self._map[1]

    def sheet_name(self, name: str) -> str | None:
        """The workbook's own spelling of a sheet name (Excel compares sheet names without case), or None."""
        m = self.sheet_map()
        return name if name in m else self._map[2].get(name.casefold())

    def sheet_part(self, name: str) -> str:
        real = self.sheet_name(name)
        if real is None:
            raise ZiError(f"sheet {name!r} tidak ada di workbook", berkas=self.berkas)
        hit = self.sheet_map()[real]
        if hit[2] != RT_WORKSHEET:
            raise ZiError("sheet ini bukan lembar kerja biasa (chartsheet/dialog); tidak dapat ditulisi",
                          berkas=self.berkas, sheet=real)
        return hit[0]

    @property
    def styles(self) -> Styles:
        if self._styles is None:
            self._styles = Styles(self.w.read("xl/styles.xml"))
        return self._styles

    # ------------------------------------------------------------------ cell edits (batched per sheet)
    def _entry(self, sheet: str, ref: str) -> dict:
        self.sheet_part(sheet)
        try:
            r, c = split_ref(ref)
        except ZiError as err:
            raise ZiError(err.pesan, berkas=self.berkas, sheet=sheet) from None
        return self.pending.setdefault(self.sheet_name(sheet), {}).setdefault((r, c), {})

    def set_cell(self, e: SetCell) -> None:
        ent = self._entry(e.sheet, e.ref)
        ent.update(value=e.value, formula=e.formula, cached=e.cached, set=True, append=False)
        if e.style is not None:
            ent["style"] = _merge(ent.get("style"), e.style)

    def set_style(self, e: SetStyle) -> None:
        ent = self._entry(e.sheet, e.ref)
        ent["style"] = _merge(ent.get("style"), e.style)

    def append_rows(self, e: AppendRows) -> None:
        sheet = self.sheet_name(e.sheet)
        if sheet is None:
            hdr = [Cellh(h) for h in e.header]
            self.replace_sheet(ReplaceSheet(e.sheet, rows=([hdr] if hdr else []) + [list(r) for r in e.rows],
                                            widths=e.widths, freeze="A2" if hdr else None))
            return
        if sheet not in self.next_row:
            self.flush(sheet)
            sx = SheetXml(self.w.read(self.sheet_part(sheet)), name=sheet)
            self.next_row[sheet] = sx.last_row() + 1
        r0 = self.next_row[sheet]
        for i, row in enumerate(e.rows):
            for j, v in enumerate(row):
                ent = self.pending.setdefault(sheet, {}).setdefault((r0 + i, j + 1), {})
                ent.update(value=v, formula=None, cached=None, set=True, append=True)
        self.next_row[sheet] = r0 + len(e.rows)

    def flush(self, sheet: str) -> None:
        cells = self.pending.pop(sheet, None)
        if not cells:
            return
        part = self.sheet_part(sheet)
        sx = SheetXml(self.w.read(part), name=part)
        last = sx.last_row()
        new: dict[tuple[int, int], str] = {}
        for (r, c), ent in sorted(cells.items()):
            ref = ref_of(r, c)
            try:
                had_formula = sx.check_overwrite(r, c) if ent.get("set") else False
            except ZiError as err:
                raise ZiError(err.pesan, berkas=self.berkas, sheet=sheet, sel=ref) from None
            if ent.get("append") and (r, c) not in sx.cells and last:
                base = sx.style_at(last, c)
            else:
                base = sx.style_at(r, c)
            if not ent.get("set"):   # style only: keep the cell's content
                s = self.styles.derive(base, ent.get("style"))
                el = sx.cells.get((r, c))
                if el is None:
                    new[(r, c)] = f'<c r="{ref}" s="{s}"/>'
                else:
                    tag = set_attrs(sx.data[el.start:el.inner], s=str(s))
                    new[(r, c)] = (tag + sx.data[el.inner:el.end]).decode("utf-8")
                continue
            v, f, cached = ent.get("value"), ent.get("formula"), ent.get("cached")
            date = _is_date(cached if f is not None else v)
            s = self.styles.derive(base, ent.get("style"), date=date)
            try:
                xml, _ = cell_xml(ref, v, f, cached, s=s, date1904=self.date1904)
            except ZiError as err:
                raise ZiError(err.pesan, berkas=self.berkas, sheet=sheet, sel=ref) from None
            new[(r, c)] = xml
            shown = cached if f is not None else v
            if _is_date(shown):
                shown = serial(shown, self.date1904)
            self.rep.expect[(sheet, ref)] = (shown, f)
            if f is not None or had_formula or not ent.get("append"):
                self.calc_dirty = True
        self.w.write(part, sx.render(new))

    def set_width(self, e: SetWidth) -> None:
        sheet = self.sheet_name(e.sheet)
        if sheet is None:
            raise ZiError("sheet tidak ada", berkas=self.berkas, sheet=e.sheet)
        self.flush(sheet)
        part = self.sheet_part(sheet)
        self.w.write(part, set_col_width(self.w.read(part), col_index(e.col), e.width))

    # ------------------------------------------------------------------ whole sheets
    def replace_sheet(self, e: ReplaceSheet) -> None:
        existing = self.sheet_name(e.name)    # "HASIL HITUNG" is the sheet "Hasil Hitung" (Excel ignores case)
        if existing is not None:
            self.flush(existing)
            self.pending.pop(existing, None)
            self.next_row.pop(existing, None)
        else:
            wbx.check_name(e.name, list(self.sheet_map()))
        target = existing or e.name
        built = build_sheet(e, date1904=self.date1904)
        sheet_xml = adapt_sheet(built, self.styles)
        if existing is not None:
            part = self.sheet_part(existing)
            old = self.w.read(part)
            if b"<f>" in old or b"<f " in old or b":f>" in old or b":f " in old:
                self.calc_dirty = True
            self._drop_owned(part)
        else:
            part = self.w.free_name("xl/worksheets/sheet%d.xml")
            rels, rid = add_rel(self.w.read(rels_name(WB)) if self.w.exists(rels_name(WB)) else None, WB,
                                RT_WORKSHEET, part)
            self.w.write(rels_name(WB), rels)
            self.w.write(WB, wbx.add_sheet(self.w.read(WB), e.name, rid))
            self.w.write(CT, ctx.add_override(self.w.read(CT), "/" + part, ctx.CT_WORKSHEET))
        self.w.write(part, sheet_xml)
        wb = self.w.read(WB)
        titles = wbx.set_sheet_name(wb, wbx.PRINT_TITLES, target, built.print_titles)
        if titles != wb:
            self.w.write(WB, titles)
        if built.drawing is not None:
            drawing = self.w.free_name("xl/drawings/drawing%d.xml")
            chart = self.w.free_name("xl/charts/chart%d.xml")
            self.w.write(drawing, built.drawing)
            self.w.write(chart, built.chart)
            self.w.write(rels_name(part), _RELS_XML.replace(b"{type}", RT_DRAWING.encode()).replace(
                b"{target}", relative(part, drawing).encode()))
            self.w.write(rels_name(drawing), _RELS_XML.replace(b"{type}", RT_CHART.encode()).replace(
                b"{target}", relative(drawing, chart).encode()))
            ct = ctx.add_override(self.w.read(CT), "/" + drawing, ctx.CT_DRAWING)
            self.w.write(CT, ctx.add_override(ct, "/" + chart, ctx.CT_CHART))
        else:
            self.w.delete(rels_name(part))
        if built.has_formulas:
            self.calc_dirty = True
        for i, row in enumerate(e.rows):
            for j, item in enumerate(row):
                v = getattr(item, "value", item)
                f = getattr(item, "formula", None)
                if v is None and f is None:
                    continue
                if _is_date(v):
                    v = serial(v, self.date1904)
                self.rep.expect[(target, ref_of(i + 1, j + 1))] = (v, f)

    def _drop_owned(self, part: str) -> None:
        """Remove the parts reachable only from ``part`` (its drawing, charts, comments ...), and its rels."""
        reach: set[str] = set()
        todo = [part]
        while todo:
            p = todo.pop()
            for r in self.w.rels(p):
                if not r.external and r.target not in reach and self.w.exists(r.target):
                    reach.add(r.target)
                    todo.append(r.target)
        reach.discard(part)
        if reach:
            keep: set[str] = set()
            for n in self.w.names():
                if not n.endswith(".rels") or "/_rels/" not in "/" + n:
                    continue
                d, f = posixpath.split(n)
                src = posixpath.join(posixpath.dirname(d), f[:-5])
                if src == part or src in reach:
                    continue
                keep |= {r.target for r in parse_rels(self.w.read(n), src)}
            ct = self.w.read(CT)
            for p in reach - keep:
                self.w.delete(p)
                self.w.delete(rels_name(p))
                ct = ctx.remove_override(ct, "/" + p)
            self.w.write(CT, ct)
        self.w.delete(rels_name(part))

    # ------------------------------------------------------------------ finish
    def finish(self, out: BinaryIO) -> PatchResult:
        for sheet in list(self.pending):
            self.flush(sheet)
        if self.calc_dirty:
            self.rep.full_calc = True
            self.w.write(WB, wbx.set_full_calc_on_load(self.w.read(WB)))
            for r in self.w.rels(WB):
                if r.type == RT_CALCCHAIN:
                    self.w.delete(r.target)
                    self.w.write(CT, ctx.remove_override(self.w.read(CT), "/" + r.target))
            if any(r.type == RT_CALCCHAIN for r in self.w.rels(WB)):
                self.w.write(rels_name(WB), remove_rels(self.w.read(rels_name(WB)),
                                                        lambda a: a.get("Type") == RT_CALCCHAIN))
        if self._styles is not None:
            st = self._styles.render()
            if st is not None:
                self.w.write("xl/styles.xml", st)
        replace = {k: v for k, v in self.w.new.items() if self.pkg.has(k)}
        add = {k: v for k, v in self.w.new.items() if not self.pkg.has(k)}
        self.pkg.write(out, replace=replace, remove=self.w.gone, add=add)
        self.rep.changed, self.rep.added, self.rep.removed = set(replace), set(add), set(self.w.gone)
        return self.rep


def Cellh(text: str):
    """A header cell (bold, filled) for sheets created by :class:`AppendRows`."""
    return Cell(value=text, style=Style(bold=True, fill="DDEBF7", border=True))


def _merge(a: Style | None, b: Style) -> Style:
    if a is None:
        return b
    return replace(a, **{f.name: getattr(b, f.name) for f in fields(b) if getattr(b, f.name) is not None})


def apply_edits(src, edits: list[Edit], out: BinaryIO | str | os.PathLike) -> PatchResult:
    """Apply ``edits`` to the workbook ``src`` (a path or a :class:`~zi_xl.xlsx.read.Snapshot`) and write the result
    to ``out`` (a binary file object or a path that is not ``src``). Raises :class:`ZiError` with an Indonesian
    message on bad input or impossible edits."""
    with Package.open(src) as pkg, pada_berkas(pkg.path), jeda_gc():
        p = _Patcher(pkg)
        for e in edits:
            if isinstance(e, SetCell):
                p.set_cell(e)
            elif isinstance(e, SetStyle):
                p.set_style(e)
            elif isinstance(e, AppendRows):
                p.append_rows(e)
            elif isinstance(e, ReplaceSheet):
                p.replace_sheet(e)
            elif isinstance(e, SetWidth):
                p.set_width(e)
            else:
                raise TypeError(f"bukan suntingan yang dikenal: {e!r}")
        if isinstance(out, str | os.PathLike):
            if os.path.abspath(os.fspath(out)) == os.path.abspath(pkg.path):
                raise ZiError("keluaran tidak boleh sama dengan berkas sumber", berkas=pkg.path)
            with open(out, "wb") as fh:
                return p.finish(fh)
        return p.finish(out)


def read_cells(src, sheet: str, refs: list[str]) -> dict[str, Any]:
    """Stored values (cached values for formulas) and formulas of some cells of a workbook (a path or a checked
    :class:`~zi_xl.xlsx.read.Snapshot`): ``{ref: (value, formula)}``. Used to verify a write; it reads through the
    same one-pass reader as everything else, keeping only these cells (a 50,000-row sheet costs one pass, not a
    grid). The sheet name is matched as Excel does (without case)."""
    snap = src if isinstance(src, Snapshot) and src.checked else check_workbook_file(src)
    keys = {ref: split_ref(ref) for ref in refs}
    with snap.zip() as zf, pada_berkas(snap.berkas):
        names = [n for n, _ in sheet_parts(zf)]
    real = sheet if sheet in names else next((n for n in names if n.casefold() == sheet.casefold()), None)
    if real is None:
        raise ZiError(f"sheet {sheet!r} tidak ada", berkas=snap.berkas)
    g = read_grids(snap, sheets=[real], only=set(keys.values()))[real]
    return {ref: (g.value(r, c), g.formula(r, c)) for ref, (r, c) in keys.items()}


def worksheet_parts(path: str | os.PathLike) -> dict[str, str]:
    """Worksheet name → part name (chartsheets and dialog sheets left out)."""
    with Package.open(path) as pkg:
        return {k: v[0] for k, v in _Patcher(pkg).sheet_map().items() if v[2] == RT_WORKSHEET}
