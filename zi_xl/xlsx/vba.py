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
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BerkasTidakValid, GagalMenulis, Pemberitahuan, ZiError, pada_berkas, pesan_os
from .content_types import add_override, content_type, overrides, remove_override
from .parts import Package, add_rel, parse_rels, rels_name
from .read import Snapshot, check_workbook_file
from .safe_write import check_writable, clean_leftovers, temp_done, temp_file
from .sheetxml import split_ref
from .ukuran import Ukuran
from .workbookxml import sheets as wb_sheets

CT_MAIN_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_MAIN_XLSM = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
RT_VML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing"
RT_UI = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "[Content_Types].xml"
MAKS_KOLOM = 16384                   # XFD: the last column of a sheet
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
    """What :func:`write_xlsm` wrote: part names replaced, added and removed, and notices for the user (Indonesian;
    also issued as :class:`~zi_xl.errors.Pemberitahuan` warnings)."""

    berkas: str
    diubah: set[str] = field(default_factory=set)
    ditambah: set[str] = field(default_factory=set)
    dihapus: set[str] = field(default_factory=set)
    catatan: list[str] = field(default_factory=list)


@dataclass
class ProyekVBA:
    """What changing the VBA project does to the package: part name → new bytes (only parts that differ), the parts
    that go (a stale digital signature and its relationships), and the kinds of signature removed."""

    parts: dict[str, bytes]
    dihapus: set[str] = field(default_factory=set)
    tanda_tangan: list[str] = field(default_factory=list)


#: the kinds pyopenvba names, as a user reads them
_JENIS_TTD = {"legacy": "klasik", "agile": "agile", "v3": "V3"}


def vba_project_parts(snap: Snapshot, modules: list[Module]) -> ProyekVBA:
    """The parts that change when the VBA project (new, or the workbook's own) gets ``modules``: vbaProject.bin, code
    names in workbook/sheet parts, the project's relationship and content type. A digitally signed project cannot
    stay signed once its code changes: its signature parts go, with their relationships and content types, as
    Excel itself drops them (listed in ``dihapus``/``tanda_tangan``)."""
    from pyopenvba import ExcelFile, VBAModuleKind

    with tempfile.TemporaryDirectory(prefix="zi-xl-") as tmp:
        work, done = os.path.join(tmp, "kerja.xlsm"), os.path.join(tmp, "hasil.xlsm")
        Path(work).write_bytes(snap.data)
        try:
            with pada_berkas(snap.berkas, ganti=work), ExcelFile(work) as x:
                signed: list[str] = []
                if not x.has_vba_project():
                    x.add_vba_project()
                else:
                    sig = x.vba_signature()
                    signed = list(dict.fromkeys(sig.kinds)) if sig.present else []
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
                x.save(done, allow_invalidate_signature=True)   # we tell the user ourselves (ProyekVBA)
        except ZiError:
            raise
        except Exception:  # pyopenvba parses a binary the user gave us: whatever it cannot handle, we refuse
            raise ZiError("proyek VBA workbook ini tidak dapat dibaca atau diubah (rusak atau memakai format yang "
                          "tidak dikenal); buka di Excel, simpan ulang, lalu coba lagi", berkas=snap.berkas) from None
        out = ProyekVBA({}, tanda_tangan=signed)
        with snap.zip() as a, zipfile.ZipFile(done) as b, pada_berkas(snap.berkas):
            old = set(a.namelist())
            new = set(b.namelist())
            for name in b.namelist():
                data = b.read(name)
                if name not in old or a.read(name) != data:
                    out.parts[name] = data
            out.dihapus = old - new
    return out


#: a button's size (px at 100 % zoom) and the gap to the view's edge and between buttons
LEBAR_TOMBOL, TINGGI_TOMBOL, JARAK_TOMBOL = 150, 34, 6


def _vml_button(shape_id: int, anchor: tuple[int, int, int, int, int, int, int, int], caption: str, macro: str,
                left_px: int, top_px: int) -> str:
    """One form button (as XlsxWriter's ``insert_button`` and Excel write it). ``anchor`` is Excel's
    (first column, px, first row, px, last column, px, last row, px), 0-based; ``left_px``/``top_px`` its position
    on the sheet (the VML style LibreOffice reads)."""
    left, top = left_px * 0.75, top_px * 0.75
    width, height = LEBAR_TOMBOL * 0.75, TINGGI_TOMBOL * 0.75
    return (f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t201" style="position:absolute;margin-left:{left:g}pt;'
            f'margin-top:{top:g}pt;width:{width:g}pt;height:{height:g}pt;z-index:{shape_id % 1024};'
            'mso-wrap-style:tight" o:button="t" fillcolor="buttonFace [67]" strokecolor="windowText [64]" '
            'o:insetmode="auto"><v:fill color2="buttonFace [67]" o:detectmouseclick="t"/><o:lock v:ext="edit" '
            'rotation="t"/><v:textbox style="mso-direction-alt:auto" o:singleclick="f"><div style="text-align:'
            f'center"><font face="Calibri" size="220" color="#000000"><b>{caption}</b></font></div></v:textbox>'
            f'<x:ClientData ObjectType="Button"><x:Anchor>{", ".join(map(str, anchor))}'
            '</x:Anchor><x:PrintObject>False</x:PrintObject><x:AutoFill>False</x:AutoFill>'
            f'<x:FmlaMacro>[0]!{macro}</x:FmlaMacro><x:TextHAlign>Center</x:TextHAlign><x:TextVAlign>Center'
            '</x:TextVAlign></x:ClientData></v:shape>')


#: a workbook-level defined name a template may set to the cell where its buttons go (e.g. an empty row of its
#: frozen band, beside the title)
NAMA_TEMPAT = "TempatTombol"


def tempat_tombol(workbook_xml: bytes, sheet: str) -> tuple[int, int] | None:
    """The cell (row, column) of the defined name :data:`NAMA_TEMPAT` when it points at ``sheet``."""
    t = workbook_xml.decode("utf-8", "replace")
    m = re.search(rf'<(?:\w+:)?definedName\b[^>]*name="{NAMA_TEMPAT}"[^>]*>([^<]*)<', t)
    if m is None:
        return None
    ref = m.group(1).replace("&apos;", "'")
    nama, _, sel = ref.rpartition("!")
    if nama.strip("'").replace("''", "'") != sheet:
        return None
    return split_ref(sel.replace("$", ""))


def letak_tombol(sheet_xml: bytes, k: int, tempat: tuple[int, int] | None = None) -> tuple[tuple[int, ...], int, int]:
    """Where the ``k``-th button (0-based) goes: at ``tempat`` when the workbook names one, else at the top-left
    of the sheet's opening view (its first visible cell; row 1 when rows are frozen), side by side — where the eye
    is, whatever the sheet's width. Returns the anchor and the position in px on the sheet."""
    u = Ukuran.dari_xml(sheet_xml)
    r, c = tempat or u.kiri_atas()
    x0 = sum(u.lebar_kolom_px(j) for j in range(1, c)) + JARAK_TOMBOL + k * (LEBAR_TOMBOL + JARAK_TOMBOL)
    y0 = sum(u.tinggi_baris_px(i) for i in range(1, r)) + JARAK_TOMBOL
    # the cell holding (x0, y0), then the cell where the button ends
    c1, dx = 1, x0
    while dx >= u.lebar_kolom_px(c1) or c1 in u.tersembunyi:
        dx -= u.lebar_kolom_px(c1)
        c1 += 1
    r1, dy = 1, y0
    while dy >= u.tinggi_baris_px(r1) or r1 in u.baris_tersembunyi:
        dy -= u.tinggi_baris_px(r1)
        r1 += 1
    c2, dx2, r2, dy2 = u.sampai(r1, c1, dx + LEBAR_TOMBOL, dy + TINGGI_TOMBOL)
    return (c1 - 1, dx, r1 - 1, dy, c2 - 1, dx2, r2 - 1, dy2), x0, y0


_SHAPETYPE = ('<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" path="m,l,21600r21600,l21600,xe">'
              '<v:stroke joinstyle="miter"/><v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" '
              'o:connecttype="rect"/><o:lock v:ext="edit" shapetype="t"/></v:shapetype>')


def _tombol_vml(existing: str | None, data_id: int, buttons: list[tuple[str, str]], sheet_xml: bytes,
                sudah: int = 0, tempat: tuple[int, int] | None = None) -> str:
    """A VML drawing with our buttons: added to ``existing`` (comments, other buttons) or a new one. ``sudah``:
    how many of our buttons the sheet already has (the new ones go beside them)."""
    shapes = []
    if existing is None:
        first = data_id * 1024 + 1
    else:
        ids = [int(m) for m in re.findall(r"_x0000_s(\d+)", existing)]
        first = max(ids, default=data_id * 1024) + 1
    for k, (macro, caption) in enumerate(buttons):
        anchor, x, y = letak_tombol(sheet_xml, sudah + k, tempat)
        shapes.append(_vml_button(first + k, anchor, caption, macro, x, y))
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
               modules: list[Module], ribbon_xml: str | None = None) -> XlsmResult:
    """Write ``out``: the snapshot's workbook with ``modules`` in its VBA project, a form button per
    ``(macro, caption)`` on ``sheet`` at the top-left of its opening view (:func:`letak_tombol`; a button already
    bound to the same macro is kept as it is), and ``ribbon_xml`` as ``customUI/customUI.xml`` when given. The
    snapshot's file is never modified; ``out`` is refused while it is open in Excel/LibreOffice (owner file
    ``~$NAME``), read-only or locked, and it is replaced atomically, after its package was checked. A digital
    signature of the VBA project that can no longer hold is removed together with its relationships and content
    types, and the user is told (:class:`~zi_xl.errors.Pemberitahuan`). Every error names the user's file, never a
    temporary one."""
    out = os.fspath(out)
    check_writable(out)
    with Package.open(snap) as pkg, pada_berkas(snap.berkas):
        for name in (CT, "xl/_rels/workbook.xml.rels"):
            if not pkg.has(name):
                raise BerkasTidakValid(f"bagian {name} tidak ada; workbook ini tidak lengkap — buka di Excel, "
                                       "simpan ulang, lalu coba lagi", berkas=snap.berkas)
        proyek = vba_project_parts(snap, modules)
        parts, gone = proyek.parts, set(proyek.dihapus)

        def read(name: str) -> bytes | None:
            if name in gone:
                return None
            return parts[name] if name in parts else (pkg.read(name) if pkg.has(name) else None)

        def need(name: str) -> bytes:
            data = read(name)
            if data is None:
                raise BerkasTidakValid(f"bagian {name} tidak ada; workbook ini tidak lengkap", berkas=snap.berkas)
            return data

        ct = need(CT)
        wb_rels = {r.id: r.target for r in parse_rels(need("xl/_rels/workbook.xml.rels"), "xl/workbook.xml")}
        ws = next((s for s in wb_sheets(need("xl/workbook.xml")) if s.name == sheet), None)
        if ws is None or ws.rid not in wb_rels:
            raise ZiError(f"sheet '{sheet}' tidak ada di workbook", berkas=snap.berkas)
        part = wb_rels[ws.rid]
        tempat = tempat_tombol(need("xl/workbook.xml"), sheet)
        srels_name = rels_name(part)
        sxml = need(part)
        srels = read(srels_name)
        legacy = re.search(rb'<(?:\w+:)?legacyDrawing\b[^>]*\bid="([^"]+)"', sxml)
        vml_names = [n for n in [*pkg.names, *parts] if n.lower().endswith(".vml") and n not in gone]
        used_ids = [int(x) for n in set(vml_names) for x in
                    re.findall(r'<o:idmap[^>]*data="(\d+)', (read(n) or b"").decode("utf-8", "replace"))]
        vml_part = None
        if legacy and srels is not None:
            vml_part = next((r.target for r in parse_rels(srels, part) if r.id == legacy.group(1).decode()), None)
        if vml_part is not None and read(vml_part) is not None:
            old_vml = read(vml_part).decode("utf-8")
            baru = [b for b in buttons if f"!{b[0]}</x:FmlaMacro>" not in old_vml]
            if baru:
                parts[vml_part] = _tombol_vml(old_vml, 0, baru, sxml, len(buttons) - len(baru),
                                              tempat).encode("utf-8")
        else:
            if legacy:
                raise ZiError("gambar VML sheet ini dirujuk tetapi tidak ada (workbook rusak); buka di Excel, simpan "
                              "ulang, lalu coba lagi", berkas=snap.berkas, sheet=sheet)
            n = 1
            while f"xl/drawings/vmlDrawing{n}.vml" in vml_names:
                n += 1
            vml_part = f"xl/drawings/vmlDrawing{n}.vml"
            parts[vml_part] = _tombol_vml(None, max(used_ids, default=0) + 1, buttons, sxml,
                                          tempat=tempat).encode("utf-8")
            new_rels, rid = add_rel(srels, part, RT_VML, vml_part)
            parts[srels_name] = new_rels
            parts[part] = _sisip_legacy(sxml, rid)
        ct = ct.replace(CT_MAIN_XLSX.encode(), CT_MAIN_XLSM.encode())
        if content_type(ct, vml_part) is None:
            ct = add_override(ct, vml_part, CT_VML)
        for name in gone:                   # a removed part leaves no content type behind
            ct = remove_override(ct, name)
        if ribbon_xml is not None:
            rels, _ = add_rel(need("_rels/.rels"), "", RT_UI, "customUI/customUI.xml")
            parts["_rels/.rels"] = rels
            parts["customUI/customUI.xml"] = ribbon_xml.encode("utf-8")
        parts[CT] = ct
        _check_content_types(ct, set(parts) - {CT}, gone, snap.berkas)
        replace = {k: v for k, v in parts.items() if pkg.has(k) and k not in gone}
        add = {k: v for k, v in parts.items() if not pkg.has(k)}
        remove = {k for k in gone if pkg.has(k)}
        folder = os.path.dirname(os.path.abspath(out))
        clean_leftovers(folder)
        fd, tmp_out = temp_file(folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                pkg.write(fh, replace=replace, add=add, remove=remove)
            with pada_berkas(out, ganti=tmp_out):
                check_workbook_file(tmp_out)      # the output is a sound package: CRCs, no DTD, no overlap
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_out, 0o666 & ~umask)
            os.replace(tmp_out, out)
        except OSError as exc:
            raise GagalMenulis(f"gagal menulis ({pesan_os(exc)}); berkas asli tidak diubah", berkas=out) from None
        finally:
            temp_done(tmp_out)
    res = XlsmResult(out, set(replace), set(add), remove)
    if proyek.tanda_tangan:
        jenis = ", ".join(_JENIS_TTD.get(k, k) for k in proyek.tanda_tangan)
        pesan = (f"tanda tangan digital proyek VBA ({jenis}) dihapus dari {os.path.basename(out)} karena kode VBA-nya "
                 "berubah (tanda tangan lama tidak lagi sah); tandatangani ulang di Excel (Tools > Digital Signature) "
                 "bila kebijakan makro kantor Anda memerlukannya")
        res.catatan.append(pesan)
        warnings.warn(Pemberitahuan(pesan, berkas=snap.berkas), stacklevel=2)
    return res


def _check_content_types(ct: bytes, written: set[str], gone: set[str], berkas: str) -> None:
    """Every part we write has a content type (its Override or its extension's Default), and no Override is left
    for a part we removed."""
    missing = sorted(n for n in written if content_type(ct, n) is None)
    if missing:
        raise ZiError(f"bagian {missing[0]} tidak memiliki jenis isi di [Content_Types].xml; workbook ini tidak "
                      "lengkap — buka di Excel, simpan ulang, lalu coba lagi", berkas=berkas)
    left = {p.lstrip("/").lower() for p in overrides(ct)} & {n.lower() for n in gone}
    if left:
        raise ZiError(f"jenis isi bagian {sorted(left)[0]} yang dihapus masih tercatat", berkas=berkas)
