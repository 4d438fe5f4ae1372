"""`zi-xl hitung FILE --tulis` on the official LKE: "Hasil Hitung" + "Riwayat" are added, the official sheets stay
byte-identical, the written values are those of `read_lke`, and the file still opens everywhere."""

from __future__ import annotations

import json
import re
import shutil
import warnings
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from tests.support import REF_LKE, run_cli
from tests.support.paket import compare, entries
from zi_xl.lke.reader import read_lke
from zi_xl.lke.sheets import RIWAYAT_HEADER, SHEET_HASIL, SHEET_RIWAYAT, area_rows, edits_hasil
from zi_xl.xlsx.book import Book
from zi_xl.xlsx.patch import worksheet_parts
from zi_xl.xlsx.recalc import recalculate

OFFICIAL = ["Utama", "Ctt Eval", "LKE ZI"]


@pytest.fixture(scope="module")
def ditulis(tmp_path_factory):
    d = tmp_path_factory.mktemp("tulis")
    p = d / "lke.xlsx"
    shutil.copyfile(REF_LKE, p)
    p.chmod(0o644)
    r1 = run_cli("hitung", p, "--tulis")
    after1 = p.read_bytes()
    r2 = run_cli("hitung", p, "--tulis")
    out = d / "lain.xlsx"
    r3 = run_cli("hitung", REF_LKE, "--json", "-o", out)       # the read-only reference itself, written elsewhere
    lo = recalculate([p, out], d / "lo")
    return dict(p=p, r1=r1, r2=r2, r3=r3, after1=after1, out=out, lo=lo, hasil=read_lke(REF_LKE))


def test_cli_runs_and_says_where(ditulis):
    for r in (ditulis["r1"], ditulis["r2"]):
        assert r.returncode == 0, r.stderr
        assert "Hasil ditulis ke" in r.stdout and "cadangan berkas asli" in r.stdout
    r3 = ditulis["r3"]
    assert r3.returncode == 0, r3.stderr
    json.loads(r3.stdout)                                   # stdout stays pure JSON; the note goes to stderr
    assert "Hasil ditulis ke" in r3.stderr


def test_official_sheets_byte_identical(ditulis):
    diff = compare(REF_LKE, ditulis["p"])
    a, b = diff.a, diff.b
    parts = worksheet_parts(REF_LKE)
    assert list(parts) == OFFICIAL
    for name in parts.values():
        assert diff.raw_copied(name), name
    assert diff.outside({"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"},
                        added_ok=diff.added) == []
    # workbook.xml: only the two <sheet> entries were added (no recalculation forced: no formula changed)
    wb = re.sub(rb'<sheet name="(Hasil Hitung|Riwayat)"[^>]*/>', b"", b["xl/workbook.xml"])
    assert wb == a["xl/workbook.xml"]
    assert "xl/calcChain.xml" in b                           # still valid: the official formulas are untouched


def test_backup_is_the_previous_file(ditulis):
    assert Path(str(ditulis["p"]) + ".bak").read_bytes() == ditulis["after1"]


def test_two_runs_two_riwayat_rows(ditulis):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(ditulis["p"])
    assert wb.sheetnames == OFFICIAL + [SHEET_HASIL, SHEET_RIWAYAT]
    rw = wb[SHEET_RIWAYAT]
    assert [c.value for c in rw[1]] == RIWAYAT_HEADER
    assert rw.max_row == 3
    h = ditulis["hasil"]
    for r in (2, 3):
        row = [c.value for c in rw[r]]
        assert row[1] == "2021" and row[3] == "unit" and row[7] == h.predikat.hasil
        assert row[4] == pytest.approx(h.nilai("pengungkit")) and row[5] == pytest.approx(h.nilai("hasil"))
        assert row[6] == pytest.approx(h.nilai("total"))
        assert row[0].year >= 2024
    assert rw["A3"].number_format == rw["A2"].number_format        # appended row keeps the format above
    assert len(wb[SHEET_HASIL]._charts) == 1                         # replaced, not duplicated
    names = entries(ditulis["p"])
    assert sum(1 for n in names if n.startswith("xl/charts/chart")) == 1


def _hasil_values(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[SHEET_HASIL]
    return ws, {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}


@pytest.mark.parametrize("which", ["p", "out"])
def test_hasil_hitung_equals_read_lke(ditulis, which):
    ws, rows = _hasil_values(ditulis[which])
    h = ditulis["hasil"]
    for nama, v, b, p, wbk, wbbm in area_rows(h):
        r = rows[nama]
        assert ws.cell(r, 2).value == pytest.approx(b) and ws.cell(r, 3).value == pytest.approx(v)
        assert ws.cell(r, 4).value == pytest.approx(p)
        assert ws.cell(r, 5).value == pytest.approx(wbk) and ws.cell(r, 6).value == pytest.approx(wbbm)
    assert ws.cell(rows["Pengungkit"], 3).value == pytest.approx(h.nilai("pengungkit"))
    assert ws.cell(rows["Hasil"], 3).value == pytest.approx(h.nilai("hasil"))
    assert ws.cell(rows["Nilai total"], 3).value == pytest.approx(h.nilai("total"))
    assert ws.cell(rows["Predikat"], 2).value == h.predikat.hasil
    assert ws.cell(rows["Ringkasan"], 2).value == h.predikat.ringkas()
    gagal = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1) if ws.cell(r, 5).value == "TIDAK"]
    assert gagal == [s.syarat for s in h.predikat.syarat if not s.terpenuhi]
    sels = [ws.cell(r, 2).value for r in range(rows[next(k for k in rows if str(k).startswith("Anomali"))] + 2,
                                               ws.max_row + 1)]
    assert sels == [a.sel for a in h.anomali]
    assert any(str(k).startswith(f"Peringatan ({len(h.peringatan)})") for k in rows)


def test_written_file_opens_in_libreoffice_and_scores_the_same(ditulis, tmp_path):
    for lo in ditulis["lo"]:
        wb = openpyxl.load_workbook(lo, data_only=True)
        assert SHEET_HASIL in wb.sheetnames and SHEET_RIWAYAT in wb.sheetnames
    again = read_lke(ditulis["p"])
    assert again.sheet == "LKE ZI" and again.nilai("total") == pytest.approx(ditulis["hasil"].nilai("total"))


def test_api_and_backup_folder(tmp_path):
    p = tmp_path / "unit.xlsx"
    shutil.copyfile(REF_LKE, p)
    p.chmod(0o644)
    before = p.read_bytes()
    book = Book.open(p)
    h = read_lke(book)
    t = book.apply(edits_hasil(h, datetime(2022, 6, 30, 9, 0)), cadangan=tmp_path / "arsip")
    assert Path(t.cadangan).parent == tmp_path / "arsip" and Path(t.cadangan).read_bytes() == before
    assert not Path(str(p) + ".bak").exists()
    assert h.nilai("total") == pytest.approx(95.7095238095238)
    r = run_cli("hitung", p, "--tulis", "--cadangan", tmp_path / "arsip")
    assert r.returncode == 0, r.stderr
    assert len(list((tmp_path / "arsip").iterdir())) == 2


def test_tulis_refused_when_open_in_excel(tmp_path):
    p = tmp_path / "lke-unit.xlsx"
    shutil.copyfile(REF_LKE, p)
    p.chmod(0o644)
    (tmp_path / "~$e-unit.xlsx").write_bytes(b"x")
    before = p.read_bytes()
    r = run_cli("hitung", p, "--tulis")
    assert r.returncode != 0 and "sedang dibuka" in r.stderr and str(p) in r.stderr and "Traceback" not in r.stderr
    assert p.read_bytes() == before
