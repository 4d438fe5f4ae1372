"""Hitung Nilai from Excel (zi_xl.excel.hitung_nilai) on a real xlwings Book of the remote engine.

The book is built from the payload an xlwings client sends for the workbook (tests/support/xlwings_payload.py); the test
reads the actions ``book.json()`` returns — what Excel would be told to do — and compares the written values with
the CLI's JSON for the same file."""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

import zi_xl.excel as ze
from tests.support import REF_LKE, run_cli
from tests.support.xlwings_payload import actions, remote_book, written_cells
from zi_xl.lke.reader import read_lke
from zi_xl.lke.sheets import SHEET_HASIL, SHEET_RIWAYAT, edits_hasil
from zi_xl.xlsx.book import Book


@pytest.fixture(scope="module")
def cli_ref() -> dict:
    r = run_cli("hitung", REF_LKE, "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.fixture(scope="module")
def contoh_lke(tmp_path_factory) -> Path:
    from zi_xl.lke.contoh import jawaban_contoh
    from zi_xl.lke.templat import tulis_templat_lke

    p = tmp_path_factory.mktemp("lke") / "contoh-lke-2021.xlsx"
    tulis_templat_lke(p, versi="2021", jawaban=jawaban_contoh("2021"), unit="Unit Contoh")
    return p


def _sheet_cells(book, sheet: str) -> dict[str, object]:
    return {ref: v for (s, ref), v in written_cells(book).items() if s == sheet}


def _row_of(cells: dict[str, object], label: str) -> int:
    return next(int(ref[1:]) for ref, v in cells.items() if ref.startswith("A") and v == label)


def _alert(book) -> list:
    al = actions(book, "alert")
    assert len(al) == 1, al
    return al[0]["args"]


@pytest.mark.parametrize("client", ["VBA", "Office.js"])
def test_values_written_equal_cli(client, cli_ref):
    book = remote_book(REF_LKE, client=client)
    hasil = ze.hitung_nilai(book)
    assert hasil is not None
    cells = _sheet_cells(book, SHEET_HASIL)
    # the totals block: label in A, value in C
    for label, key in (("Pengungkit", "pengungkit"), ("Hasil", "hasil"), ("Nilai total", "total")):
        assert cells[f"C{_row_of(cells, label)}"] == pytest.approx(cli_ref["nilai"][key])
    r = _row_of(cells, "Predikat")
    assert cells[f"B{r}"] == cli_ref["predikat"]["hasil"] == "WBK"
    assert cells[f"D{r}"] == cli_ref["predikat"]["ringkas"]            # the "why" beside the verdict
    # one row per area perubahan: the sum of the six areas is the Pengungkit of the CLI
    r0 = _row_of(cells, "Area perubahan")
    areas = [cells[f"C{r}"] for r in range(r0 + 1, r0 + 7)]
    assert sum(areas) == pytest.approx(cli_ref["nilai"]["pengungkit"])
    # every criterion of the CLI's verdict is listed once (both levels side by side) with its value in F
    syarat = {cells[f"A{r}"]: cells[f"F{r}"] for r in range(1, 400) if f"A{r}" in cells and f"F{r}" in cells}
    for s in cli_ref["predikat"]["syarat"]:
        if isinstance(s["nilai"], int | float):
            assert syarat[s["syarat"].replace(" (% bobot)", "")] == pytest.approx(s["nilai"])
    # the Riwayat row
    riw = _sheet_cells(book, SHEET_RIWAYAT)
    assert riw["A1"] == "Waktu" and riw["F2"] == pytest.approx(cli_ref["nilai"]["total"])
    assert riw["G2"] == "WBK"
    # the anomalies of the official workbook are reported as the CLI reports them
    assert len(hasil.anomali) == len(cli_ref["anomali"]) > 0
    assert hasil.to_dict()["rincian"] == cli_ref["rincian"]


def test_sheets_colours_and_alert(cli_ref):
    book = remote_book(REF_LKE, client="Office.js")
    ze.hitung_nilai(book)
    added = [a["args"][1] for a in actions(book, "addSheet")]
    assert added == [SHEET_HASIL, SHEET_RIWAYAT]
    names = [s.name for s in book.sheets]
    hasil_pos = names.index(SHEET_HASIL)
    fills = {a["args"][0].upper() for a in actions(book, "setRangeColor") if a["sheet_position"] == hasil_pos}
    assert {"#C6EFCE", "#FFC7CE"} <= fills           # met / not met criteria
    charts = actions(book, "addChart")
    assert [c["args"][2] for c in charts] == [SHEET_HASIL, SHEET_RIWAYAT]      # areas; the trend of the runs
    prompt, title, buttons, mode, _ = _alert(book)
    assert prompt.startswith(f"Nilai {cli_ref['nilai']['total']:.2f}".replace(".", ",") + " — ")
    assert "memenuhi WBK; belum WBBM" in prompt and cli_ref["predikat"]["ringkas"] in prompt
    assert title == "Zona Integritas — Hitung Nilai" and mode == "info" and buttons == "ok"
    # Office.js applies everything but the page setup (xlwings' remote engine has none), and says so
    assert "tidak mendukung pengaturan cetak" in prompt


def test_vba_client_gets_only_what_remote_bas_can_do():
    """RunRemotePython's VBA client knows values, colours, number formats, sheets and alerts only."""
    import xlwings

    remote_bas = (Path(xlwings.__file__).parent / "addin" / "Remote.bas").read_text(encoding="utf-8")
    book = remote_book(REF_LKE, client="VBA")
    ze.hitung_nilai(book)
    funcs = {a["func"] for a in actions(book)}
    for f in funcs:
        assert f"Sub {f}(" in remote_bas, f
    assert "tidak mendukung" in _alert(book)[0]


def test_caller_book(cli_ref):
    """Without an argument the entry point works on xw.Book.caller() (what RunPython gives)."""
    import xlwings as xw

    book = remote_book(REF_LKE)
    book.set_mock_caller()
    try:
        hasil = ze.hitung_nilai()
    finally:
        del xw.Book._mock_caller
    assert hasil.nilai("total") == pytest.approx(cli_ref["nilai"]["total"])
    assert _alert(book)[3] == "info"


def test_example_unit_message(contoh_lke):
    r = run_cli("hitung", contoh_lke, "--json")
    cli = json.loads(r.stdout)
    book = remote_book(contoh_lke, client="Office.js")
    ze.hitung_nilai(book)
    prompt = _alert(book)[0]
    first = prompt.splitlines()[0]
    assert first == f"Nilai {cli['nilai']['total']:.2f}".replace(".", ",") + " — " + cli["predikat"]["ringkas"]
    assert "belum WBBM: Area Penguatan Pengawasan (% bobot)" in first and "% < 75%" in first


def test_second_run_replaces_results_and_appends_history(tmp_path, cli_ref):
    """A workbook that already has Hasil Hitung and one Riwayat row (written by the file writer)."""
    out = tmp_path / "LKE-sudah.xlsx"
    book = Book.open(REF_LKE)
    book.apply(edits_hasil(read_lke(book), datetime(2022, 6, 30, 9, 0), book.grids), output=out)
    book = remote_book(out, client="Office.js")
    ze.hitung_nilai(book)
    assert actions(book, "addSheet") == []
    names = [s.name for s in book.sheets]
    cleared = [a["sheet_position"] for a in actions(book, "sheetClear")]
    assert cleared == [names.index(SHEET_HASIL), names.index(SHEET_RIWAYAT)]
    riw = _sheet_cells(book, SHEET_RIWAYAT)
    # the earlier run is kept (read back from the sheet) and the new one added under it
    assert str(riw["A2"]).startswith("2022-06-30 09:00") and riw["A1"] == "Waktu"
    assert riw["F3"] == pytest.approx(cli_ref["nilai"]["total"]) and riw["F2"] == riw["F3"]


def test_not_an_lke_gives_indonesian_message_box():
    book = remote_book(Path(os.environ.get("ZI_XL_SHARED", REF_LKE.parent.parent)) / "corpus" / "excel-made"
                       / "simple01.xlsx")
    assert ze.hitung_nilai(book) is None
    prompt, title, _, mode, _ = _alert(book)
    assert mode == "critical" and title == "Zona Integritas — Hitung Nilai"
    assert prompt.startswith("Tidak dapat diproses: ") and "simple01.xlsx" in prompt
    assert "Traceback" not in prompt
    assert [a["func"] for a in actions(book)] == ["alert"]   # nothing was written


def test_unexpected_error_is_a_message_box_with_log(tmp_path, monkeypatch):
    import tempfile

    import zi_xl.excel

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def boom(*a, **k):
        raise RuntimeError("contoh kerusakan")

    monkeypatch.setattr(zi_xl.excel, "hitung_grids", boom)
    book = remote_book(REF_LKE)
    assert ze.hitung_nilai(book) is None
    prompt, _, _, mode, _ = _alert(book)
    assert mode == "critical" and "kesalahan tak terduga (RuntimeError: contoh kerusakan)" in prompt
    log = tmp_path / ze.LOG
    assert str(log) in prompt and "Traceback" in log.read_text(encoding="utf-8")


def test_grid_from_xlwings_equals_file_grid():
    """The seam: a sheet read through xlwings gives the grid of the file reader (values as Excel shows them)."""
    from zi_xl.xlsx.read import read_workbook
    from zi_xl.xlsx.xlwings_io import read_workbook as read_live

    file_grids = read_workbook(REF_LKE)
    live = read_live(remote_book(REF_LKE))
    assert list(live) == list(file_grids)
    for name, g in file_grids.items():
        assert live[name].values == {k: v for k, v in g.values.items() if v != ""}, name
        assert live[name].formulas == {}          # the remote payload carries values only


def test_template_copy_untouched(tmp_path):
    """The entry point never writes files: the workbook on disk stays as it was."""
    p = tmp_path / "LKE.xlsx"
    shutil.copy(REF_LKE, p)
    before = p.read_bytes()
    ze.hitung_nilai(remote_book(p))
    assert p.read_bytes() == before
