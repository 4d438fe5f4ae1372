"""The VBA side: macros/ files, the macro-enabled templates of workbooks/, and ``zi-xl pasang-tombol``.

VBA is read back with a real parser (oletools' olevba) from the built files, never from our own source text."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from oletools.olevba import VBA_Parser

from tests.support import CORPUS, REF_LKE, ROOT, run_cli
from tests.support.paket import compare
from zi_xl.errors import ZiError
from zi_xl.excel import vba
from zi_xl.xlsx.content_types import content_type
from zi_xl.xlsx.parts import parse_rels, rels_name
from zi_xl.xlsx.vba import RT_UI, crlf
from zi_xl.xlsx.workbookxml import sheets as wb_sheets

SHIPPED = {"lke": ROOT / "workbooks" / "templat-lke-2021.xlsm",
           "rencana-aksi": ROOT / "workbooks" / "templat-rencana-aksi.xlsm"}
RT_VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
_SUB = re.compile(r"^\s*(?:Public\s+|Private\s+)?(?:Sub|Function)\s+(\w+)", re.I | re.M)


# --------------------------------------------------------------------------------------------- helpers
def modules(path) -> dict[str, str]:
    """module name → code, as olevba extracts it from the file's VBA project."""
    p = VBA_Parser(str(path))
    try:
        assert p.detect_vba_macros(), f"{path}: no VBA project"
        return {Path(vba_name).stem: code for _, _, vba_name, code in p.extract_macros()}
    finally:
        p.close()


def procedures(mods: dict[str, str], public_only: bool = False) -> set[str]:
    out = set()
    for code in mods.values():
        for m in _SUB.finditer(code):
            if not public_only or not m.group(0).lstrip().lower().startswith("private"):
                out.add(m.group(1))
    return out


def button_macros(path, sheet: str) -> list[str]:
    """The macros of the form buttons drawn on ``sheet`` (the VML drawing's FmlaMacro)."""
    with zipfile.ZipFile(path) as z:
        wb = z.read("xl/workbook.xml")
        wrels = {r.id: r.target for r in parse_rels(z.read("xl/_rels/workbook.xml.rels"), "xl/workbook.xml")}
        part = wrels[next(s.rid for s in wb_sheets(wb) if s.name == sheet)]
        if rels_name(part) not in z.namelist():
            return []
        srels = parse_rels(z.read(rels_name(part)), part)
        out = []
        for r in srels:
            if r.type.endswith("/vmlDrawing"):
                out += re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", z.read(r.target).decode("utf-8"))
        return out


def declares_project(path) -> None:
    with zipfile.ZipFile(path) as z:
        ct = z.read("[Content_Types].xml").decode()
        assert 'PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"' in ct
        assert content_type(ct.encode(), "xl/vbaProject.bin") == "application/vnd.ms-office.vbaProject"
        rels = parse_rels(z.read("xl/_rels/workbook.xml.rels"), "xl/workbook.xml")
        assert [r.target for r in rels if r.type == RT_VBA] == ["xl/vbaProject.bin"]
        assert "xl/vbaProject.bin" in z.namelist()


def code_names(path) -> tuple[str, list[str]]:
    with zipfile.ZipFile(path) as z:
        wb = z.read("xl/workbook.xml").decode()
        book = re.search(r'<workbookPr\b[^>]*codeName="([^"]+)"', wb).group(1)
        wrels = {r.id: r.target for r in parse_rels(z.read("xl/_rels/workbook.xml.rels"), "xl/workbook.xml")}
        sheets = []
        for s in wb_sheets(z.read("xl/workbook.xml")):
            m = re.search(r'<sheetPr\b[^>]*codeName="([^"]+)"', z.read(wrels[s.rid]).decode())
            sheets.append(m.group(1) if m else None)
        return book, sheets


def libreoffice_opens(paths: list[Path], tmp: Path) -> None:
    from zi_xl.xlsx.recalc import recalculate

    outs = recalculate(paths, tmp / "lo")
    for src, out in zip(paths, outs, strict=True):
        assert out.exists(), f"LibreOffice could not open {src.name}"
        assert openpyxl.load_workbook(out, read_only=True).sheetnames == \
            openpyxl.load_workbook(src, read_only=True).sheetnames


# --------------------------------------------------------------------------------------------- macros/
def test_macros_folder_is_current():
    assert (ROOT / "macros" / "ZonaIntegritas.bas").read_bytes() == crlf(vba.MODUL_VBA).encode("utf-8")
    assert (ROOT / "macros" / "customUI.xml").read_text(encoding="utf-8") == vba.CUSTOM_UI
    ui = (ROOT / "macros" / "README.md").read_text(encoding="utf-8")
    assert "ZonaIntegritas.bas" in ui and "customUI.xml" in ui


def test_ribbon_callbacks_resolve(tmp_path):
    import xml.etree.ElementTree as ET

    mods = modules(SHIPPED["lke"])
    actions = [b.get("onAction") for b in ET.fromstring(vba.CUSTOM_UI.split("?>", 1)[1]).iter()
               if b.get("onAction")]
    assert actions == ["HitungNilaiRibbon", "PerbaruiStatusRibbon", "PerbaruiMonevRibbon"]
    assert set(actions) <= procedures(mods, public_only=True)


# --------------------------------------------------------------------------------------------- templates
@pytest.mark.parametrize("jenis", ["lke", "rencana-aksi"])
def test_template_vba_project(jenis):
    path = SHIPPED[jenis]
    mods = modules(path)
    ours = mods[vba.MODUL]
    subs = procedures({vba.MODUL: ours}, public_only=True)
    assert {"HitungNilai", "PerbaruiStatus"} <= subs
    calls = re.findall(r'^\s*RunPython\s+(\w+)', ours, re.M)
    assert calls == ["perintah"]
    consts = dict(re.findall(r'Const (PERINTAH_\w+) As String = "([^"]+)"', ours))
    assert consts["PERINTAH_HITUNG"] == "import zi_xl.excel as zi; zi.hitung_nilai()"
    assert consts["PERINTAH_STATUS"] == "import zi_xl.excel as zi; zi.perbarui_status()"
    # what xlwings needs to run standalone: RunPython itself and its Dictionary class
    assert "RunPython" in procedures({"xlwings": mods["xlwings"]})
    assert "Dictionary" in mods
    import xlwings

    assert f'XLWINGS_VERSION As String = "{xlwings.__version__}"' in mods["xlwings"]
    declares_project(path)


@pytest.mark.parametrize("jenis,sheet,macro", [("lke", "LKE ZI", "HitungNilai"),
                                               ("rencana-aksi", "Rencana Aksi", "PerbaruiStatus")])
def test_template_buttons_and_code_names(jenis, sheet, macro):
    path = SHIPPED[jenis]
    mods = modules(path)
    found = button_macros(path, sheet)
    assert found == [macro]
    assert set(found) <= procedures(mods, public_only=True)
    book, sheets = code_names(path)
    assert book == "ThisWorkbook" and book in mods
    assert all(s is not None and s in mods for s in sheets), sheets    # every sheet has its document module
    with zipfile.ZipFile(path) as z:
        rels = parse_rels(z.read("_rels/.rels"), "")
        assert [r.target for r in rels if r.type == RT_UI] == ["customUI/customUI.xml"]


def test_templates_open_in_openpyxl_and_libreoffice(tmp_path):
    for path in SHIPPED.values():
        wb = openpyxl.load_workbook(path, keep_vba=True)
        assert wb.vba_archive is not None and "xl/vbaProject.bin" in wb.vba_archive.namelist()
    libreoffice_opens(list(SHIPPED.values()), tmp_path)


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        out = {n: z.read(n) for n in z.namelist()}
    core = out.pop("docProps/core.xml")
    out["docProps/core.xml"] = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*<", b"<", core)
    return out


def test_cli_templat_xlsm(tmp_path):
    out = tmp_path / "LKE.xlsm"
    r = run_cli("templat", "lke", "-o", out)
    assert r.returncode == 0, r.stderr
    assert "Templat bermakro" in r.stdout
    assert _parts(out) == _parts(SHIPPED["lke"])
    out = tmp_path / "RA.xlsm"
    r = run_cli("templat", "rencana-aksi", "-o", out)
    assert r.returncode == 0, r.stderr
    assert button_macros(out, "Rencana Aksi") == ["PerbaruiStatus"]


# --------------------------------------------------------------------------------------------- pasang-tombol
def _first_sheet(path) -> str:
    with zipfile.ZipFile(path) as z:
        return wb_sheets(z.read("xl/workbook.xml"))[0].name


def _sans_code_name(xml: bytes) -> bytes:
    return re.sub(rb' codeName="[^"]*"', b"", xml).replace(b"<sheetPr/>", b"")


def assert_only_intended_changes(src: Path, out: Path, sheet: str) -> None:
    """Every part of ``src`` is in ``out``; byte-identical unless it is one the buttons need: the package's
    content types, the workbook part and its relationships (project, code name), the VBA project, the sheet
    with the buttons (+ its relationships and VML). Another sheet may differ only by the code name Excel writes
    into every sheet with the first macro."""
    d = compare(src, out)
    wrels = {r.id: r.target for r in parse_rels(d.a["xl/_rels/workbook.xml.rels"], "xl/workbook.xml")}
    part = wrels[next(s.rid for s in wb_sheets(d.a["xl/workbook.xml"]) if s.name == sheet)]
    allowed = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/vbaProject.bin",
               "_rels/.rels", "customUI/customUI.xml", part, rels_name(part)}    # + the ribbon tab, by default
    allowed |= {r.target for r in parse_rels(d.b[rels_name(part)], part) if r.type.endswith("/vmlDrawing")}
    sheet_parts = set(wrels.values())
    assert not d.removed, f"{src.name}: parts lost {d.removed}"
    for n in set(d.a) - allowed:
        if n in d.changed:
            assert n in sheet_parts, f"{src.name}: {n} changed"
            assert _sans_code_name(d.b[n]) == _sans_code_name(d.a[n]), f"{src.name}: {n} changed beyond codeName"
        else:
            assert d.raw_copied(n), f"{src.name}: {n} re-written"
    assert d.added <= allowed, d.added


CORPUS_FILES = sorted(CORPUS.glob("*.xls*"))


def test_corpus_is_there():
    assert len(CORPUS_FILES) == 55


@pytest.fixture(scope="module")
def pasang_corpus(tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("tombol")
    done = []
    for src in [*CORPUS_FILES, REF_LKE]:
        before = src.read_bytes()
        out = out_dir / (src.stem + ".xlsm")
        if src == REF_LKE:
            h = vba.pasang_tombol(src, out)
            assert (h.jenis, h.sheet, h.tombol) == ("lke", "LKE ZI", ["HitungNilai"])
        else:
            h = vba.pasang_tombol(src, out, jenis="lke", sheet=_first_sheet(src))
        assert src.read_bytes() == before          # the input is never written
        done.append((src, out, h))
    return done


def test_pasang_tombol_keeps_every_other_part(pasang_corpus):
    assert len(pasang_corpus) == 56
    for src, out, h in pasang_corpus:
        assert_only_intended_changes(src, out, h.sheet)


def test_pasang_tombol_buttons_resolve(pasang_corpus):
    for src, out, h in pasang_corpus:
        declares_project(out)
        mods = modules(out)
        old = button_macros(src, h.sheet)
        assert button_macros(out, h.sheet) == old + ([] if "HitungNilai" in old else ["HitungNilai"]), src.name
        assert "HitungNilai" in procedures(mods, public_only=True)
        book, sheets = code_names(out)
        assert book in mods and all(s in mods for s in sheets if s), src.name


def test_existing_vba_project_keeps_its_modules(pasang_corpus):
    for src, out, _ in pasang_corpus:
        if src.suffix != ".xlsm":
            continue
        old, new = modules(src), modules(out)
        for name, code in old.items():
            assert new[name].strip() == code.strip(), f"{src.name}: module {name} changed"
        assert {vba.MODUL, "xlwings", "Dictionary"} <= set(new)


def test_pasang_tombol_outputs_open(pasang_corpus, tmp_path):
    outs = [out for _, out, _ in pasang_corpus]
    for out in outs:
        wb = openpyxl.load_workbook(out, keep_vba=True, read_only=False)
        if wb.vba_archive is not None:  # openpyxl keeps the source zip open for keep_vba; close it ourselves
            wb.vba_archive.close()
        wb.close()
    # comment03's sheet declares the whole 1048576 x 16384 grid (row 1048576 with spans 1:16384), which takes
    # LibreOffice minutes to load, with or without our buttons; openpyxl above opens it.
    libreoffice_opens([o for o in outs if o.stem != "comment03"], tmp_path)


def test_pasang_tombol_twice_does_not_duplicate(tmp_path):
    once = tmp_path / "sekali.xlsm"
    vba.pasang_tombol(REF_LKE, once)
    twice = tmp_path / "dua.xlsm"
    vba.pasang_tombol(once, twice)
    assert button_macros(twice, "LKE ZI") == ["HitungNilai"]
    assert list(modules(twice)).count(vba.MODUL) == 1
    assert_only_intended_changes(once, twice, "LKE ZI")


def test_pasang_tombol_rencana_aksi_detected(tmp_path):
    src = ROOT / "workbooks" / "rencana-aksi-contoh.xlsx"
    h = vba.pasang_tombol(src, tmp_path / "ra.xlsm")
    assert (h.jenis, h.sheet) == ("rencana-aksi", "Rencana Aksi")
    assert button_macros(tmp_path / "ra.xlsm", "Rencana Aksi") == ["PerbaruiStatus"]
    assert_only_intended_changes(src, tmp_path / "ra.xlsm", "Rencana Aksi")


def test_pasang_tombol_cli(tmp_path):
    src = tmp_path / "LKE resmi.xlsx"
    shutil.copy(REF_LKE, src)
    r = run_cli("pasang-tombol", src)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "LKE resmi.xlsm").exists() and "Hitung Nilai" in r.stdout and "LKE ZI" in r.stdout
    r = run_cli("pasang-tombol", CORPUS / "simple01.xlsx", "-o", tmp_path / "s.xlsm")
    assert r.returncode == 2 and "GALAT" in r.stderr and "--jenis" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("pasang-tombol", src, "-o", tmp_path / "x.xlsx")
    assert r.returncode == 2 and ".xlsm" in r.stderr


def test_pasang_tombol_refuses(tmp_path):
    bad = tmp_path / "lama.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(ZiError, match="xls"):
        vba.pasang_tombol(bad)
    out = tmp_path / "sama.xlsm"
    shutil.copy(SHIPPED["lke"], out)
    with pytest.raises(ZiError, match="sama dengan berkas masukan"):
        vba.pasang_tombol(out, out)
    with pytest.raises(ZiError, match="tidak ada"):
        vba.pasang_tombol(REF_LKE, tmp_path / "y.xlsm", jenis="lke", sheet="Tidak Ada")


def test_help_in_the_macros_says_how_zi_xl_is_really_installed():
    """zi_xl is installed from its folder (README: "pip install ."), not from PyPI; the guide is in that folder."""
    text = (ROOT / "macros" / "ZonaIntegritas.bas").read_text(encoding="utf-8")
    assert "pip install zi_xl" not in text and '"    pip install ."' in text
    assert "folder zi_xl (folder yang berisi setup.cfg)" in text
    assert (ROOT / "docs" / "excel-setup.md").exists() and "docs\\excel-setup.md di folder zi_xl" in text
