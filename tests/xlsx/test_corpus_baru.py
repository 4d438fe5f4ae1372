"""Preservation over the project's own Excel-made corpus (tests/corpus, see its README): a workbook whose VBA
project is digitally signed (XlsxWriter's macro04.xlsm) and a workbook on the 1904 date system (date_1904_02.xlsx).

Both are given buttons (``zi-xl pasang-tombol``) and results (the edits ``hitung --tulis`` writes: cells, a sheet
with a chart, a log row — written in place, verified, backed up). Every part the tool did not mean to change stays
byte-identical; the signature goes with its relationship and content type, and the user is told; every part of
every output has a content type; the outputs open in openpyxl and LibreOffice."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from oletools.olevba import VBA_Parser

from tests.support import ROOT, run_cli
from tests.support.paket import compare
from tests.support.patch_helpers import WHEN, cell_edits, log_rows, sheet_with_chart
from zi_xl.xlsx.content_types import content_type, overrides
from zi_xl.xlsx.parts import parse_rels, rels_name
from zi_xl.xlsx.patch import read_cells, worksheet_parts
from zi_xl.xlsx.recalc import recalculate
from zi_xl.xlsx.safe_write import write_safely

CORPUS_BARU = ROOT / "tests" / "corpus"
FILES = sorted(CORPUS_BARU.glob("*.xls*"))
SIGNED = CORPUS_BARU / "macro04.xlsm"
D1904 = CORPUS_BARU / "date_1904_02.xlsx"
SIGNATURE_PARTS = {"xl/vbaProjectSignature.bin", "xl/_rels/vbaProject.bin.rels"}
#: what a write of results or buttons may change besides the sheets it writes
ALLOWED = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
           "xl/vbaProject.bin", "_rels/.rels", "customUI/customUI.xml"}      # the ribbon tab comes by default


def test_corpus_is_there_and_made_by_excel():
    assert [f.name for f in FILES] == ["date_1904_02.xlsx", "macro04.xlsm"]
    readme = (CORPUS_BARU / "README.md").read_text(encoding="utf-8")
    assert "jmcnamara/XlsxWriter" in readme and "BSD 2-Clause" in readme
    for f in FILES:
        with zipfile.ZipFile(f) as z:
            assert b'appName="xl"' in z.read("xl/workbook.xml")        # saved by Excel itself
    with zipfile.ZipFile(SIGNED) as z:
        assert SIGNATURE_PARTS <= set(z.namelist())
        assert content_type(z.read("[Content_Types].xml"), "xl/vbaProjectSignature.bin") == \
            "application/vnd.ms-office.vbaProjectSignature"
    with zipfile.ZipFile(D1904) as z:
        assert b'date1904="1"' in z.read("xl/workbook.xml")


# --------------------------------------------------------------------------------------------------- helpers
def package_is_whole(path: Path) -> None:
    """Every part has a content type, every Override and every internal relationship points at a part."""
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        ct = z.read("[Content_Types].xml")
        for n in names - {"[Content_Types].xml"}:
            assert content_type(ct, n) is not None, f"{path.name}: {n} has no content type"
        for p in overrides(ct):
            assert p.lstrip("/") in names, f"{path.name}: Override for missing part {p}"
        for n in names:
            if n.endswith(".rels"):
                d, f = n.rsplit("/_rels/", 1) if "/_rels/" in n else ("", n.split("_rels/", 1)[1])
                source = f"{d}/{f[:-5]}" if d else f[:-5]
                for r in parse_rels(z.read(n), source):
                    assert r.external or r.target in names, f"{path.name}: {n} points at missing {r.target}"
        assert z.testzip() is None


def modules(path: Path) -> dict[str, str]:
    p = VBA_Parser(str(path))
    try:
        return {Path(name).stem: code for _, _, name, code in p.extract_macros()} if p.detect_vba_macros() else {}
    finally:
        p.close()


def _sans_code_name(xml: bytes) -> bytes:
    return re.sub(rb'\s?codeName="[^"]*"', b"", re.sub(rb"<(\w+:)?sheetPr\s*/>", b"", xml))


def libreoffice_opens(paths: list[Path], tmp: Path) -> list[Path]:
    outs = recalculate(paths, tmp / "lo")
    for src, out in zip(paths, outs, strict=True):
        assert openpyxl.load_workbook(out, read_only=True).sheetnames == \
            openpyxl.load_workbook(src, read_only=True).sheetnames, src.name
    return outs


# --------------------------------------------------------------------------------------------------- buttons
@pytest.fixture(scope="module")
def tombol(tmp_path_factory):
    base = tmp_path_factory.mktemp("tombol-baru")
    done = {}
    for src in FILES:
        copy = base / src.name
        shutil.copyfile(src, copy)
        out = base / (src.stem + "-tombol.xlsm")
        sheet = next(iter(worksheet_parts(copy)))
        r = run_cli("pasang-tombol", copy, "-o", out, "--jenis", "lke", "--sheet", sheet)
        done[src.name] = dict(src=copy, out=out, sheet=sheet, r=r)
    return done


def test_pasang_tombol_keeps_every_other_part(tombol):
    for name, v in tombol.items():
        r = v["r"]
        assert r.returncode == 0, r.stderr
        assert v["src"].read_bytes() == (CORPUS_BARU / name).read_bytes()       # the input is never written
        part = worksheet_parts(v["src"])[v["sheet"]]
        d = compare(v["src"], v["out"])
        allowed = ALLOWED | {part, rels_name(part)}
        allowed |= {t.target for t in parse_rels(d.b[rels_name(part)], part) if t.type.endswith("/vmlDrawing")}
        for n in set(d.a) - allowed - d.removed:
            if n in d.changed:
                assert n.startswith("xl/worksheets/"), f"{name}: {n} changed"
                assert _sans_code_name(d.b[n]) == _sans_code_name(d.a[n]), f"{name}: {n} changed beyond codeName"
            else:
                assert d.raw_copied(n), f"{name}: {n} re-written"
        assert d.added <= allowed, d.added
        package_is_whole(v["out"])


def test_signed_project_loses_its_signature_whole_and_says_so(tombol):
    v = tombol["macro04.xlsm"]
    d = compare(v["src"], v["out"])
    assert d.removed == SIGNATURE_PARTS                        # the signature and its relationships part
    with zipfile.ZipFile(v["out"]) as z:
        ct = z.read("[Content_Types].xml")
    assert b"vbaProjectSignature" not in ct                    # and its content type, together
    assert "PERHATIAN" in v["r"].stderr and "tanda tangan digital" in v["r"].stderr
    assert str(v["src"]) in v["r"].stderr and "Traceback" not in v["r"].stderr
    assert "UserWarning" not in v["r"].stderr and "allow_invalidate_signature" not in v["r"].stderr
    old, new = modules(v["src"]), modules(v["out"])
    for mod, code in old.items():
        assert new[mod].strip() == code.strip(), f"module {mod} changed"
    assert {"ZonaIntegritas", "xlwings", "Dictionary"} <= set(new)


def test_unsigned_workbook_loses_nothing(tombol):
    v = tombol["date_1904_02.xlsx"]
    assert compare(v["src"], v["out"]).removed == set()
    assert "PERHATIAN" not in v["r"].stderr


def test_pasang_tombol_outputs_open(tombol, tmp_path):
    outs = [v["out"] for v in tombol.values()]
    for out in outs:
        wb = openpyxl.load_workbook(out, keep_vba=True)
        if wb.vba_archive is not None:
            wb.vba_archive.close()
        wb.close()
    libreoffice_opens(outs, tmp_path)


# --------------------------------------------------------------------------------------------------- results
@pytest.fixture(scope="module")
def ditulis(tmp_path_factory):
    """Each workbook written in place twice, as `hitung --tulis` writes (edits, verification, backup, replace)."""
    base = tmp_path_factory.mktemp("tulis-baru")
    done = {}
    for src in FILES:
        p = base / src.name
        shutil.copyfile(src, p)
        sheet, part = next(iter(worksheet_parts(p).items()))
        r1 = write_safely(p, cell_edits(sheet) + [sheet_with_chart(), log_rows(1)])
        r2 = write_safely(p, [sheet_with_chart(), log_rows(2)], cadangan=base / "cadangan")
        done[src.name] = dict(path=p, sheet=sheet, part=part, r1=r1, r2=r2)
    return done


def test_results_keep_every_other_part(ditulis):
    for name, v in ditulis.items():
        src = CORPUS_BARU / name
        assert Path(v["r1"].cadangan).read_bytes() == src.read_bytes()
        d = compare(src, v["path"])
        assert d.removed <= {"xl/calcChain.xml"}
        new_parts = {n for n in d.added if n.startswith(("xl/worksheets/", "xl/drawings/", "xl/charts/"))}
        assert d.added == new_parts
        for n in set(d.a) - ALLOWED - {v["part"]} - d.removed:
            assert d.raw_copied(n), f"{name}: {n} re-written"
        package_is_whole(v["path"])
    signed = compare(SIGNED, ditulis["macro04.xlsm"]["path"])
    for n in SIGNATURE_PARTS | {"xl/vbaProject.bin"}:       # writing results never touches the VBA project
        assert signed.raw_copied(n)


def test_dates_are_written_in_the_workbooks_own_date_system(ditulis):
    v = ditulis["date_1904_02.xlsx"]
    assert read_cells(v["path"], v["sheet"], ["AB4"])["AB4"] == (WHEN, None)
    assert read_cells(v["path"], "Log", ["A2", "A3"]) == {"A2": (WHEN, None), "A3": (WHEN, None)}
    with zipfile.ZipFile(v["path"]) as z:
        xml = z.read(v["part"]).decode()
    # 2024-05-06 07:08:09 is 45418.29732 in the 1900 system; the 1904 system counts 1462 days fewer
    serial = float(re.search(r'<c r="AB4"[^>]*><v>([^<]+)</v>', xml).group(1))
    assert serial == pytest.approx(45418 - 1462 + (7 * 3600 + 8 * 60 + 9) / 86400, abs=1e-9)
    # the dates Excel wrote are still the dates Excel shows (test_date_1904_02.py in XlsxWriter)
    got = read_cells(v["path"], v["sheet"], [f"A{i}" for i in range(1, 7)])
    assert [got[f"A{i}"][0].date() for i in range(1, 7)] == [
        dt.date(1904, 1, 1), dt.date(1906, 9, 27), dt.date(1917, 9, 9), dt.date(1931, 5, 19),
        dt.date(2177, 10, 15), dt.date(4641, 11, 27)]


def test_results_open_and_libreoffice_reads_the_same_dates(ditulis, tmp_path):
    paths = [v["path"] for v in ditulis.values()]
    outs = libreoffice_opens(paths, tmp_path)
    for (name, v), out in zip(ditulis.items(), outs, strict=True):
        wb = openpyxl.load_workbook(out, data_only=True)
        assert wb["Log"]["A2"].value == WHEN, name            # openpyxl and LibreOffice: independent readers
        assert wb[v["sheet"]]["AB2"].value == pytest.approx(83.0)
