""""Sudah WBK sebelumnya" (a WBBM requirement) is read from the workbook by the CLI and the Excel button alike."""

from __future__ import annotations

import json

import openpyxl
import pytest

import zi_xl.excel as ze
from tests.lke.test_scoring import best_answers
from tests.support import run_cli
from tests.support.xlwings_payload import remote_book, written_cells
from zi_xl.lke.reader import read_lke
from zi_xl.lke.rules import load_rules
from zi_xl.lke.sheets import SHEET_HASIL
from zi_xl.lke.templat import SEL_PREDIKAT, tulis_templat_lke
from zi_xl.lke.templat import SHEET_HASIL as SHEET_PENILAIAN


@pytest.fixture(scope="module")
def templat(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wbk")
    rules = load_rules("2021")
    computed = {it["id"] for q in rules.questions() for it in q.isian if it.get("rumus")}
    ans = {k: v for k, v in best_answers(rules).items() if k not in computed}
    out = {}
    for sudah in (True, False):
        p = tmp / f"lke-{'sudah' if sudah else 'belum'}.xlsx"
        tulis_templat_lke(p, versi="2021", jawaban=ans, sudah_wbk=sudah)
        out[sudah] = p
    return out


def test_cli_reads_the_template_input(templat):
    d = json.loads(run_cli("hitung", templat[True], "--json").stdout)
    assert d["predikat"]["hasil"] == "WBBM"
    assert d["sudah_wbk"] == {"nilai": True, "dari": f"{SHEET_PENILAIAN}!B5"}
    d = json.loads(run_cli("hitung", templat[False], "--json").stdout)
    assert d["predikat"]["hasil"] == "WBK" and d["sudah_wbk"]["nilai"] is False
    assert "belum pernah memperoleh predikat WBK (syarat WBBM)" in d["predikat"]["ringkas"] or any(
        s["catatan"] == "belum pernah memperoleh predikat WBK (syarat WBBM)" for s in d["predikat"]["syarat"])
    # the option still says yes when the workbook does not
    assert json.loads(run_cli("hitung", templat[False], "--json", "--sudah-wbk").stdout)["predikat"]["hasil"] == "WBBM"


def test_the_template_and_the_button_agree(templat):
    """The template's own "Hasil Penilaian" (a formula) and the button's "Hasil Hitung" give the same predikat."""
    p = templat[True]
    own = openpyxl.load_workbook(p, data_only=True)[SHEET_PENILAIAN][SEL_PREDIKAT].value
    assert own == "WBBM"
    book = remote_book(p)
    hasil = ze.hitung_nilai(book)
    assert hasil.predikat.hasil == "WBBM" and hasil.sudah_wbk_dari == f"{SHEET_PENILAIAN}!B5"
    cells = written_cells(book)
    assert "WBBM" in {v for (s, _), v in cells.items() if s == SHEET_HASIL}


def test_a_profile_field_predikat_sebelumnya(tmp_path, templat):
    p = tmp_path / "profil.xlsx"
    wb = openpyxl.load_workbook(templat[False])
    ws = wb.create_sheet("Profil")
    ws["A1"], ws["B1"] = "Unit kerja", "Disdukcapil Contoh"
    ws["A2"], ws["B2"] = "Predikat sebelumnya:", "Menuju WBK (2023)"
    wb.save(p)
    h = read_lke(p)          # the template's input says "Tidak"; the profile's earlier predikat is the evidence
    assert h.sudah_wbk and h.sudah_wbk_dari == "Profil!B2" and h.predikat.hasil == "WBBM"
    wb["Profil"]["B2"] = "-"
    wb.save(p)
    assert not read_lke(p).sudah_wbk
