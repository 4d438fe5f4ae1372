"""The **Perbarui Monev** button (zi_xl.excel.perbarui_monev) on a real xlwings Book of the remote engine, the xlwings
Lite script, and the macro-enabled template: the button writes what ``zi-xl monev perbarui BERKAS --bulan … -o OUT``
writes into a file (the test runs the CLI, reads OUT back and compares every cell the xlwings actions write)."""

from __future__ import annotations

import asyncio
import datetime as dt
import re

import pytest

import zi_xl.excel as ze
from tests.excel.test_vba import button_macros, declares_project, modules, procedures
from tests.monev.bantu import CONTOH, RA_CONTOH, WORKBOOKS, run_cli, salin
from tests.support import REF_LKE
from tests.support.xlwings_payload import actions, remote_book, written_cells
from zi_xl.excel import vba
from zi_xl.monev.reader import SHEET_RINGKASAN
from zi_xl.xlsx.edits import is_formula_text
from zi_xl.xlsx.read import read_workbook
from zi_xl.xlsx.sheetxml import split_ref

HARI = dt.date(2022, 7, 5)
JULI = "Monev Juli 2022"


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    salin(CONTOH, tmp_path / "monev.xlsx")
    salin(RA_CONTOH, tmp_path / "rencana-aksi-contoh.xlsx")
    monkeypatch.chdir(tmp_path)       # Excel gives the workbook's full name; the remote payload only its name
    return tmp_path


def _norm(v):
    if isinstance(v, str) and v[:1] == "'" and is_formula_text(v[1:]):
        return v[1:]       # text that looks like a formula ("-") is sent to Excel with a leading apostrophe
    if isinstance(v, dt.datetime):
        return v.date() if v.time() == dt.time() else v
    if isinstance(v, str) and re.fullmatch(r"\d{4}-\d\d-\d\d(T[\d:.]+Z?)?", v):      # xlwings' dates
        d = dt.datetime.fromisoformat(v.replace("Z", ""))
        return d.date() if d.time() == dt.time() else d
    return v


def _cli(folder):
    out = folder / "cli.xlsx"
    r = run_cli("monev", "perbarui", folder / "monev.xlsx", "--bulan", "2022-07", "--per", HARI.isoformat(), "-o", out)
    assert r.returncode == 0, r.stderr
    return read_workbook(out)


@pytest.mark.parametrize("client", ["VBA", "Office.js"])
def test_button_writes_what_the_cli_writes(folder, client):
    grids = _cli(folder)
    book = remote_book(folder / "monev.xlsx", client=client)
    rencana = ze.perbarui_monev(book, bulan="2022-07", hari_ini=HARI)
    assert rencana is not None and rencana.sheet_baru and len(rencana.dibawa) == 5
    cells = written_cells(book)
    assert {s for s, _ in cells} == {SHEET_RINGKASAN, JULI}
    for (sheet, ref), v in cells.items():
        expect = grids[sheet].value(*split_ref(ref))
        formula = grids[sheet].formula(*split_ref(ref))
        got = _norm(v)
        if isinstance(got, str) and got.startswith("="):          # Office.js writes the formula itself
            assert got == formula, (sheet, ref)
            continue
        if formula is not None and got == "" and expect in (0, None):
            continue     # a formula whose result is "" (e.g. % of no masukan): the file caches 0 until recalculated
        if isinstance(expect, float) or isinstance(got, float):
            assert got == pytest.approx(expect), (sheet, ref)
        else:
            assert got == (_norm(expect) if expect is not None else ""), (sheet, ref, got, expect)
    # every cell the CLI wrote into the new sheet is written by the button too
    assert {ref for (s, ref) in cells if s == JULI} >= {
        f"{chr(64 + c)}{r}" for (r, c), v in grids[JULI].values.items() if c <= 26 and v not in (None, "")}
    names = [s.name for s in book.sheets]
    assert [a["args"][1] for a in actions(book, "addSheet")] == [JULI]
    assert [a["sheet_position"] for a in actions(book, "sheetClear")] == [names.index(SHEET_RINGKASAN)]
    assert len(actions(book, "addChart")) == (1 if client == "Office.js" else 0)


def test_message_box_summarises(folder):
    book = remote_book(folder / "monev.xlsx")
    ze.perbarui_monev(book, bulan="2022-07", hari_ini=HARI)
    (alert,) = actions(book, "alert")
    prompt, title, _, mode, _ = alert["args"]
    assert title == "Zona Integritas — Perbarui Monev" and mode == "info"
    assert prompt.startswith("Monev Juli 2022: sheet 'Monev Juli 2022' ditambahkan; 5 masukan yang belum selesai "
                             "dibawa")
    assert "Masukan 25: 20 ditutup, 5 masih terbuka (80,0% ditindaklanjuti)." in prompt
    assert "Saran jawaban LKE (tidak ditulis ke LKE): soal 6 C, soal 7 C, soal 8 B, soal 92 C." in prompt
    assert f"lihat sheet '{SHEET_RINGKASAN}'" in prompt


@pytest.mark.parametrize("hari,bulan,baru,ringkasan", [(dt.date(2022, 7, 5), "2022-07", True, True),
                                                       (dt.date(2022, 9, 30), "2022-07", True, True),
                                                       (dt.date(2022, 6, 20), "2022-06", False, True),
                                                       (dt.date(2022, 6, 30), "2022-06", False, False)])
def test_button_month_is_the_next_one_not_past_today(folder, hari, bulan, baru, ringkasan):
    """The month after the last monev sheet (June 2022), not past the current month. In June itself the last month
    is only refreshed: on 20 June the summary's rencana aksi figures are taken at that day; on 30 June the example's
    summary (made at 30 June) is already fresh, so nothing is written at all."""
    book = remote_book(folder / "monev.xlsx")
    rencana = ze.perbarui_monev(book, hari_ini=hari)
    assert rencana.bulan == bulan and rencana.sheet_baru is baru and rencana.ringkasan_baru is ringkasan
    written = {s for s, _ in written_cells(book)}
    assert written == ({JULI} if baru else set()) | ({SHEET_RINGKASAN} if ringkasan else set())
    if not ringkasan:
        assert rencana.edits == []
        assert "tidak ada yang berubah" in actions(book, "alert")[0]["args"][0]


def test_lke_workbook_gives_indonesian_message_box():
    book = remote_book(REF_LKE)
    assert ze.perbarui_monev(book, bulan="2022-07", hari_ini=HARI) is None
    (alert,) = actions(book, "alert")
    prompt, _, _, mode, _ = alert["args"]
    assert mode == "critical" and prompt.startswith("Tidak dapat diproses: workbook ini bukan workbook monev")
    assert len(actions(book)) == 1


def test_bad_month_is_a_message_box(folder):
    book = remote_book(folder / "monev.xlsx")
    assert ze.perbarui_monev(book, bulan="Juli", hari_ini=HARI) is None
    (alert,) = actions(book, "alert")
    assert "TTTT-BB" in alert["args"][0] and alert["args"][3] == "critical"


def test_lite_script(folder):
    import inspect

    import xlwings as xw

    from zi_xl import lite

    target = inspect.unwrap(lite.perbarui_monev)
    assert list(inspect.signature(target).parameters) == ["book"]
    assert inspect.get_annotations(target, eval_str=True)["book"] is xw.Book
    book = remote_book(folder / "monev.xlsx", client="Office.js")
    if hasattr(lite.perbarui_monev, "__xlscript__"):
        assert lite.perbarui_monev.__xlscript__["name"] == "Perbarui Monev"
        asyncio.run(lite.perbarui_monev(None, book))
    else:
        lite.perbarui_monev(book)
    (alert,) = actions(book, "alert")
    assert alert["args"][0].startswith("Monev ") and alert["args"][3] == "info"


# --------------------------------------------------------------------------------------------- VBA side
def test_template_xlsm_has_the_button_and_the_macro():
    path = WORKBOOKS / "templat-monev.xlsm"
    mods = modules(path)
    assert {"PerbaruiMonev", "PerbaruiMonevAktif", "PerbaruiMonevRibbon"} <= procedures(mods, public_only=True)
    assert button_macros(path, "Monev Januari 2026") == ["PerbaruiMonev"]
    assert 'PERINTAH_MONEV As String = "import zi_xl.excel as zi; zi.perbarui_monev()"' in mods[vba.MODUL]
    declares_project(path)


def test_pasang_tombol_finds_the_monev_sheet(tmp_path):
    h = vba.pasang_tombol(CONTOH, tmp_path / "m.xlsm")
    assert (h.jenis, h.sheet, h.tombol) == ("monev", "Monev Februari 2022", ["PerbaruiMonev"])
    assert button_macros(tmp_path / "m.xlsm", "Monev Februari 2022") == ["PerbaruiMonev"]


def test_cli_templat_monev(tmp_path):
    r = run_cli("templat", "monev", "-o", tmp_path / "m.xlsm", "--bulan", "2026-08")
    assert r.returncode == 0, r.stderr
    assert button_macros(tmp_path / "m.xlsm", "Monev Agustus 2026") == ["PerbaruiMonev"]
    r = run_cli("templat", "monev", "-o", tmp_path / "m.xlsx", "--tahun", "2027")
    assert r.returncode == 0 and "Monev Januari 2027" in read_workbook(tmp_path / "m.xlsx")
    r = run_cli("templat", "monev", "-o", tmp_path / "x.xlsx", "--bulan", "Agustus")
    assert r.returncode == 2 and "TTTT-BB" in r.stderr
    r = run_cli("templat", "lke", "-o", tmp_path / "y.xlsx", "--bulan", "2026-01")
    assert r.returncode == 2 and "--bulan hanya untuk templat monev" in r.stderr
