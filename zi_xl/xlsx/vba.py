"""Macro-enabled packages: a VBA project with given modules, form buttons on a sheet, an optional ribbon part.

Workbook I/O only — which macros, which sheet and which captions is decided above (:mod:`zi_xl.excel.vba`).

* :func:`vba_project_parts` adds modules to the workbook's VBA project (made new when it has none) with pyopenvba, the
  way Excel makes a first macro (``ThisWorkbook`` and one document module per sheet, their code names written into the
  workbook and sheet parts), and returns only the parts that changed.
* :func:`write_xlsm` writes the .xlsm: those parts, a VML form button per macro on the sheet (as Excel and XlsxWriter's
  ``insert_button`` write them), the macro-enabled content type, and optionally ``customUI/customUI.xml``; every
  other part is copied byte for byte (:class:`~zi_xl.xlsx.parts.Package`).

Example::

    snap = check_workbook_file("LKE.xlsx")
    write_xlsm(snap, "LKE.xlsm", "LKE ZI", [("HitungNilai", "Hitung Nilai")], [("Modul1", code, "standard")])
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ZiError
from .content_types import add_override, content_type
from .parts import Package, add_rel, parse_rels, rels_name
from .read import Snapshot
from .workbookxml import sheets as wb_sheets

CT_MAIN_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_MAIN_XLSM = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
RT_VML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing"
RT_UI = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_AFTER_LEGACY = ("legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
                 "tableParts", "extLst")

Module = tuple[str, str, str]   # (name, source, "standard" | "class")


def crlf(text: str) -> str:
    """VBA source as the VBA editor stores it (CRLF line ends)."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def modul_xlwings() -> list[Module]:
    """What xlwings needs in a workbook to run standalone: its ``xlwings`` module and the ``Dictionary`` class, from
    the installed xlwings package (their version must equal the Python xlwings)."""
    import xlwings

    base = Path(xlwings.__file__).parent
    return [("xlwings", (base / "xlwings.bas").read_text(encoding="utf-8"), "standard"),
            ("Dictionary", (base / "addin" / "Dictionary.cls").read_text(encoding="utf-8"), "class")]


@dataclass
class XlsmResult:
    """What :func:`write_xlsm` wrote: part names replaced and added."""

    berkas: str
    diubah: set[str] = field(default_factory=set)
    ditambah: set[str] = field(default_factory=set)


def vba_project_parts(snap: Snapshot, modules: list[Module]) -> dict[str, bytes]:
    """The parts that change when the VBA project (new, or the workbook's own) gets ``modules``: vbaProject.bin, code
    names in workbook/sheet parts, the project's relationship and content type. Returns part name → new bytes (only
    parts that differ from the snapshot)."""
    from pyopenvba import ExcelFile, PyOpenVBAError, VBAModuleKind

    with tempfile.TemporaryDirectory(prefix="zi-xl-") as tmp:
        work, done = os.path.join(tmp, "kerja.xlsm"), os.path.join(tmp, "hasil.xlsm")
        Path(work).write_bytes(snap.data)
        try:
            with ExcelFile(work) as x:
                if not x.has_vba_project():
                    x.add_vba_project()
                proj = x.vba_project()
                if getattr(proj, "has_password", False):
                    raise ZiError("proyek VBA workbook ini berpassword; buka proteksinya di Excel (Tools > "
                                  "VBAProject Properties > Protection) lalu ulangi", berkas=snap.berkas)
                present = {m.name.casefold() for m in proj.modules}
                for name, source, kind in modules:
                    if name.casefold() in present:
                        x.set_module(name, crlf(source))
                    else:
                        proj.add_module(name, crlf(source), kind=VBAModuleKind.standard if kind == "standard"
                                        else VBAModuleKind.other)
                x.save(done)
        except PyOpenVBAError as exc:
            raise ZiError(f"proyek VBA tidak dapat dibuat/diubah ({exc})", berkas=snap.berkas) from None
        out = {}
        with snap.zip() as a, zipfile.ZipFile(done) as b:
            old = set(a.namelist())
            for name in b.namelist():
                data = b.read(name)
                if name not in old or a.read(name) != data:
                    out[name] = data
    return out


def _vml_button(shape_id: int, col: int, row: int, caption: str, macro: str, cols: int = 2, rows: int = 2) -> str:
    """One form button (as XlsxWriter's ``insert_button`` and Excel write it) anchored at 0-based ``col``/``row``
    spanning ``cols`` columns and ``rows`` rows of default size."""
    left, top, width, height = col * 48, row * 15, cols * 48, rows * 15
    return (f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t201" style="position:absolute;margin-left:{left}pt;'
            f'margin-top:{top}pt;width:{width}pt;height:{height}pt;z-index:{shape_id % 1024};'
            'mso-wrap-style:tight" o:button="t" fillcolor="buttonFace [67]" strokecolor="windowText [64]" '
            'o:insetmode="auto"><v:fill color2="buttonFace [67]" o:detectmouseclick="t"/><o:lock v:ext="edit" '
            'rotation="t"/><v:textbox style="mso-direction-alt:auto" o:singleclick="f"><div style="text-align:'
            f'center"><font face="Calibri" size="220" color="#000000"><b>{caption}</b></font></div></v:textbox>'
            f'<x:ClientData ObjectType="Button"><x:Anchor>{col}, 0, {row}, 0, {col + cols}, 0, {row + rows}, 0'
            '</x:Anchor><x:PrintObject>False</x:PrintObject><x:AutoFill>False</x:AutoFill>'
            f'<x:FmlaMacro>[0]!{macro}</x:FmlaMacro><x:TextHAlign>Center</x:TextHAlign><x:TextVAlign>Center'
            '</x:TextVAlign></x:ClientData></v:shape>')


_SHAPETYPE = ('<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" path="m,l,21600r21600,l21600,xe">'
              '<v:stroke joinstyle="miter"/><v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" '
              'o:connecttype="rect"/><o:lock v:ext="edit" shapetype="t"/></v:shapetype>')


def _tombol_vml(existing: str | None, data_id: int, buttons: list[tuple[str, str]], col: int) -> str:
    """A VML drawing with our buttons: added to ``existing`` (comments, other buttons) or a new one."""
    shapes = []
    if existing is None:
        first = data_id * 1024 + 1
    else:
        ids = [int(m) for m in re.findall(r"_x0000_s(\d+)", existing)]
        first = max(ids, default=data_id * 1024) + 1
    for k, (macro, caption) in enumerate(buttons):
        shapes.append(_vml_button(first + k, col, 1 + 3 * k, caption, macro))
    if existing is None:
        return ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
                'xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" '
                f'data="{data_id}"/></o:shapelayout>{_SHAPETYPE}{"".join(shapes)}</xml>')
    add = ("" if "_x0000_t201" in existing else _SHAPETYPE) + "".join(shapes)
    at = existing.rfind("</xml>")
    if at < 0:
        raise ZiError("gambar VML sheet rusak (tanpa </xml>)")
    return existing[:at] + add + existing[at:]


def _sisip_legacy(sheet_xml: bytes, rid: str) -> bytes:
    """``<legacyDrawing r:id=…/>`` at its place in the worksheet's element order."""
    text = sheet_xml.decode("utf-8")
    el = f'<legacyDrawing xmlns:r="{NS_R}" r:id="{rid}"/>'
    m = re.search(r"<(?:\w+:)?(?:" + "|".join(_AFTER_LEGACY) + r")\b", text)
    at = m.start() if m else text.rfind("</")
    pre = re.match(r"<(\w+:)?worksheet\b", text[text.find("<", text.find("?>") + 2 if "?>" in text else 0):])
    if pre and pre.group(1):
        el = el.replace("<legacyDrawing", f"<{pre.group(1)}legacyDrawing")
    return (text[:at] + el + text[at:]).encode("utf-8")


def write_xlsm(snap: Snapshot, out: str | os.PathLike, sheet: str, buttons: list[tuple[str, str]],
               modules: list[Module], col: int, ribbon_xml: str | None = None) -> XlsmResult:
    """Write ``out``: the snapshot's workbook with ``modules`` in its VBA project, a form button per
    ``(macro, caption)`` on ``sheet`` at 0-based column ``col`` (a button already bound to the same macro is kept as
    it is), and ``ribbon_xml`` as ``customUI/customUI.xml`` when given. The snapshot's file is never modified."""
    out = os.fspath(out)
    with Package.open(snap) as pkg:
        parts = vba_project_parts(snap, modules)

        def read(name: str) -> bytes | None:
            return parts[name] if name in parts else (pkg.read(name) if pkg.has(name) else None)

        wb_rels = {r.id: r.target for r in parse_rels(read("xl/_rels/workbook.xml.rels"), "xl/workbook.xml")}
        ws = next(s for s in wb_sheets(read("xl/workbook.xml")) if s.name == sheet)
        part = wb_rels[ws.rid]
        srels_name = rels_name(part)
        sxml = read(part)
        srels = read(srels_name)
        legacy = re.search(rb'<(?:\w+:)?legacyDrawing\b[^>]*\bid="([^"]+)"', sxml)
        vml_names = [n for n in [*pkg.names, *parts] if n.lower().endswith(".vml")]
        used_ids = [int(x) for n in set(vml_names) for x in
                    re.findall(r'<o:idmap[^>]*data="(\d+)', (read(n) or b"").decode("utf-8", "replace"))]
        if legacy:
            vml_part = next(r.target for r in parse_rels(srels, part) if r.id == legacy.group(1).decode())
            old_vml = read(vml_part).decode("utf-8")
            baru = [b for b in buttons if f"!{b[0]}</x:FmlaMacro>" not in old_vml]
            if baru:
                parts[vml_part] = _tombol_vml(old_vml, 0, baru, col).encode("utf-8")
        else:
            n = 1
            while f"xl/drawings/vmlDrawing{n}.vml" in vml_names:
                n += 1
            vml_part = f"xl/drawings/vmlDrawing{n}.vml"
            parts[vml_part] = _tombol_vml(None, max(used_ids, default=0) + 1, buttons, col).encode("utf-8")
            new_rels, rid = add_rel(srels, part, RT_VML, vml_part)
            parts[srels_name] = new_rels
            parts[part] = _sisip_legacy(sxml, rid)
        ct = read("[Content_Types].xml").replace(CT_MAIN_XLSX.encode(), CT_MAIN_XLSM.encode())
        if content_type(ct, vml_part) is None:
            ct = add_override(ct, vml_part, CT_VML)
        parts["[Content_Types].xml"] = ct
        if ribbon_xml is not None:
            rels, _ = add_rel(read("_rels/.rels"), "", RT_UI, "customUI/customUI.xml")
            parts["_rels/.rels"] = rels
            parts["customUI/customUI.xml"] = ribbon_xml.encode("utf-8")
        replace = {k: v for k, v in parts.items() if pkg.has(k)}
        add = {k: v for k, v in parts.items() if not pkg.has(k)}
        folder = os.path.dirname(os.path.abspath(out))
        fd, tmp_out = tempfile.mkstemp(prefix=".~zi-xl-", suffix=".xlsm", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                pkg.write(fh, replace=replace, add=add)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_out, 0o666 & ~umask)
            os.replace(tmp_out, out)
        except BaseException:
            if os.path.exists(tmp_out):
                os.unlink(tmp_out)
            raise
    return XlsmResult(out, set(replace), set(add))

