"""Preservation over every Excel-made workbook of the corpus plus the official LKE: the patch writer changes only
what the edits need; everything else stays byte-identical; the result opens in openpyxl and LibreOffice, and
recalculated formulas give the intended values. LibreOffice runs once for all files."""

from __future__ import annotations

import re
import shutil
import warnings

import openpyxl
import pytest

from tests.support.paket import compare, entries, outside_sheetdata
from tests.support.patch_helpers import (
    USER_TEXT,
    WHEN,
    cell_edits,
    corpus_files,
    log_rows,
    sheet_with_chart,
)
from zi_xl.xlsx.edits import SetCell
from zi_xl.xlsx.patch import apply_edits, worksheet_parts
from zi_xl.xlsx.recalc import recalculate
from zi_xl.xlsx.sheetxml import SheetXml, col_index, ref_of

FILES = corpus_files()
ALLOWED = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"}


def _existing_constant(xml: bytes):
    """An existing constant cell (number or shared string) to overwrite, or None."""
    sx = SheetXml(xml)
    for (r, c), el in sorted(sx.cells.items()):
        if el.find("f") is None and el.find("v") is not None and el.attrs.get("t", "n") in ("n", "s"):
            return ref_of(r, c)
    return None


@pytest.fixture(scope="module")
def patched(tmp_path_factory):
    base = tmp_path_factory.mktemp("preserve")
    out = {}
    for src in FILES:
        stem = f"{src.stem}-{src.suffix[1:]}"
        orig = base / f"{stem}{src.suffix}"
        shutil.copyfile(src, orig)
        sheets = worksheet_parts(orig)
        sheet, part = next(iter(sheets.items()))
        over = _existing_constant(entries(orig)[part])
        edits = cell_edits(sheet) + [sheet_with_chart(), log_rows(1)]
        if over:
            edits.append(SetCell(sheet, over, "ditimpa"))
        mid = base / f"{stem}.mid{src.suffix}"
        apply_edits(orig, edits, mid)
        final = base / f"{stem}.final{src.suffix}"
        rep = apply_edits(mid, [sheet_with_chart(), log_rows(2)], final)   # replace our sheet, append again
        out[src.name] = dict(orig=orig, final=final, sheet=sheet, part=part, over=over, rep=rep,
                             before=src.read_bytes())
    lo = base / "lo"
    todo = [v for v in out.values() if lo_can_open(v["orig"])]
    recalced = recalculate([v["final"] for v in todo], lo, timeout=600)
    for v, r in zip(todo, recalced, strict=True):
        v["lo"] = r
    return out


_REF_ATTR = re.compile(rb'\b(?:r|ref|sqref)="\$?([A-Z]{1,3})\$?\d+')


def lo_can_open(path) -> bool:
    """LibreOffice 7.x opens at most 1024 columns (AMJ) without its experimental "jumbo sheets"; a workbook
    touching a later column makes headless LibreOffice wait on a warning dialog forever — for the original file
    as much as for ours (comment03.xlsx has a comment in XFD1048576). Such files are checked without it."""
    for name, data in entries(path).items():
        if name.startswith("xl/") and name.endswith(".xml"):
            for m in _REF_ATTR.finditer(data):
                if col_index(m.group(1).decode()) > 1024:
                    return False
    return True


def test_corpus_is_complete():
    assert len(FILES) == 56
    assert any(p.suffix == ".xlsm" for p in FILES)


@pytest.mark.parametrize("name", [p.name for p in FILES])
def test_untouched_parts_byte_identical(patched, name):
    d = patched[name]
    diff = compare(d["orig"], d["final"])
    a, b = diff.a, diff.b
    assert d["orig"].read_bytes() == d["before"]                     # the source is never written
    allowed = ALLOWED | {d["part"], "xl/calcChain.xml"}
    assert diff.outside(allowed, added_ok=diff.added) == []                 # nothing lost, nothing else changed
    if "xl/calcChain.xml" in a:                                       # formulas changed → stale chain dropped
        assert "xl/calcChain.xml" not in b
        assert b"calcChain" not in b["[Content_Types].xml"] and b"calcChain" not in b["xl/_rels/workbook.xml.rels"]
    assert b'fullCalcOnLoad="1"' in b["xl/workbook.xml"]
    # the edited sheet changed only inside <sheetData> (and its <dimension>)
    assert outside_sheetdata(a[d["part"]]) == outside_sheetdata(b[d["part"]])
    # replacing our own sheet left no orphans: exactly one drawing and one chart more than the original
    for folder in ("xl/drawings/drawing", "xl/charts/chart"):
        na = sum(1 for n in a if n.startswith(folder) and n.endswith(".xml"))
        nb = sum(1 for n in b if n.startswith(folder) and n.endswith(".xml"))
        assert nb == na + 1, folder
    # every original override is still there
    for line in a["[Content_Types].xml"].split(b"<Override")[1:]:
        if b"calcChain" not in line:
            assert line.split(b"/>")[0] in b["[Content_Types].xml"]


@pytest.mark.parametrize("name", [p.name for p in FILES])
def test_opens_in_openpyxl_with_intended_values(patched, name):
    d = patched[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(d["final"], keep_vba=name.endswith(".xlsm"))
    ws = wb[d["sheet"]]
    assert ws["AB1"].value == 41.5 and ws["AB1"].fill.fgColor.rgb == "FFFFFF00" and ws["AB1"].font.b
    assert ws["AB1"].number_format == "0.00"
    assert ws["AB2"].value == "=AB1*2" and ws["AB3"].value == "=AB1+AB2"
    assert ws["AB4"].value == WHEN and ws["AB5"].value is True and ws["AB6"].value == 7
    for i, t in enumerate(USER_TEXT):                                 # user text is text, never a formula
        c = ws[f"AC{i + 1}"]
        assert c.value == t and c.data_type == "s"
    if d["over"]:
        assert ws[d["over"]].value == "ditimpa"
    assert wb.sheetnames[-2:] == ["Hasil Uji", "Log"]
    h = wb["Hasil Uji"]
    assert [h.cell(r, 2).value for r in range(1, 5)] == ["Nilai", 0.5, 0.9, 0.7]
    assert h["A4"].value == "=bukan rumus" and h["A4"].data_type == "s" and h["B5"].value == "=SUM(B2:B4)"
    assert len(h._charts) == 1
    log = wb["Log"]
    assert [c.value for c in log[1]] == ["Waktu", "Catatan", "No", "Teks"]
    assert [log.cell(r, 2).value for r in (2, 3)] == ["run 1", "run 2"]
    assert log["A3"].value == WHEN and log["D3"].value == "=bukan rumus" and log.max_row == 3
    if name.endswith(".xlsm"):
        assert wb.vba_archive is not None


@pytest.mark.parametrize("name", [p.name for p in FILES])
def test_libreoffice_recalculates_intended_values(patched, name):
    d = patched[name]
    if "lo" not in d:
        assert name == "comment03.xlsx" and not lo_can_open(d["orig"])   # the only one LibreOffice cannot open
        return
    wb = openpyxl.load_workbook(d["lo"], data_only=True)
    ws = wb[d["sheet"]]
    assert ws["AB2"].value == pytest.approx(83.0)
    assert ws["AB3"].value == pytest.approx(124.5)                    # had no cached value: LibreOffice computed it
    assert ws["AC1"].value == "=HAPUS()"
    assert wb["Hasil Uji"]["B5"].value == pytest.approx(2.1)
    assert wb["Log"]["B3"].value == "run 2"
