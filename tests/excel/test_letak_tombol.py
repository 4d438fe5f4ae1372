"""The buttons are where the eye is (issue "Results a user can act on", item 4): on the official LKE and on every
macro-enabled template, the button lies within the first screen — within 20 columns × 30 rows and about
1,200 × 450 px of the opening view, computed here from the sheet's own column widths, row heights and zoom (read
with openpyxl, independently of the code that placed it). On our templates it covers no cell with content."""

from __future__ import annotations

import re
import warnings
import zipfile

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from tests.support import REF_LKE, run_cli


def _anchors(xlsm) -> list[list[int]]:
    with zipfile.ZipFile(xlsm) as z:
        vml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".vml"))
    return [[int(x) for x in a.split(",")] for a in re.findall(r"<x:Anchor>([^<]*)</x:Anchor>", vml)]


def _col_px(ws, c: int) -> int:
    d = ws.column_dimensions.get(get_column_letter(c))
    for dim in ws.column_dimensions.values():               # openpyxl keeps ranges under their first letter
        if dim.min and dim.max and dim.min <= c <= dim.max:
            d = dim
    if d is not None and d.hidden:
        return 0
    w = d.width if d is not None and d.width else (ws.sheet_format.defaultColWidth or 8.43)
    return int(w * 7 + 5)


def _row_px(ws, r: int) -> int:
    d = ws.row_dimensions.get(r)
    if d is not None and d.hidden:
        return 0
    h = d.height if d is not None and d.height else (ws.sheet_format.defaultRowHeight or 15)
    return round(h * 4 / 3)


def _view(ws) -> tuple[int, int, int]:
    """(first row, first column, zoom) of the opening view."""
    zoom = ws.sheet_view.zoomScale or 100
    if ws.freeze_panes:
        return 1, 1, zoom
    m = re.match(r"([A-Z]+)(\d+)", ws.sheet_view.topLeftCell or "A1")
    c = openpyxl.utils.column_index_from_string(m.group(1))
    while _col_px(ws, c) == 0:
        c += 1
    return int(m.group(2)), c, zoom


@pytest.fixture(scope="module")
def bertombol(tmp_path_factory) -> dict:
    d = tmp_path_factory.mktemp("tombol")
    out = {"LKE resmi": (d / "lke.xlsm", "LKE ZI", False)}
    assert run_cli("pasang-tombol", REF_LKE, "-o", out["LKE resmi"][0]).returncode == 0
    for jenis, sheet in (("lke", "LKE ZI"), ("rencana-aksi", "Rencana Aksi"), ("monev", "Monev Januari 2026")):
        p = d / f"templat-{jenis}.xlsm"
        args = ["--bulan", "2026-01"] if jenis == "monev" else (["--tahun", "2026"] if jenis != "lke" else [])
        r = run_cli("templat", jenis, "-o", p, *args)
        assert r.returncode == 0, r.stderr
        out[f"templat {jenis}"] = (p, sheet, True)
    return out


@pytest.mark.parametrize("nama", ["LKE resmi", "templat lke", "templat rencana-aksi", "templat monev"])
def test_button_is_on_the_first_screen(bertombol, nama):
    path, sheet, ours = bertombol[nama]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(path)[sheet]
    anchors = _anchors(path)
    assert anchors, "no button"
    r0, c0, zoom = _view(ws)
    for c1, _dx1, r1, _dy1, c2, dx2, r2, dy2 in anchors:
        c1, r1, c2, r2 = c1 + 1, r1 + 1, c2 + 1, r2 + 1                   # 1-based
        assert c1 >= c0 and r1 >= r0, "the button starts left of / above the opening view"
        assert c2 - c0 < 20 and r2 - r0 < 30
        right = (sum(_col_px(ws, c) for c in range(c0, c2)) + dx2) * zoom / 100
        bottom = (sum(_row_px(ws, r) for r in range(r0, r2)) + dy2) * zoom / 100
        assert right <= 1200 and bottom <= 450, (right, bottom)
        if ours:                                           # our templates keep a place free for it
            covered = [ws.cell(r, c).coordinate for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
                       if ws.cell(r, c).value not in (None, "")]
            assert not covered, covered


def test_ribbon_tab_comes_by_default(bertombol, tmp_path):
    with zipfile.ZipFile(bertombol["LKE resmi"][0]) as z:
        assert "customUI/customUI.xml" in z.namelist()
    out = tmp_path / "tanpa.xlsm"
    assert run_cli("pasang-tombol", REF_LKE, "-o", out, "--tanpa-ribbon").returncode == 0
    with zipfile.ZipFile(out) as z:
        assert "customUI/customUI.xml" not in z.namelist()
