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
from zi_xl.lke.sheets import RIWAYAT_HEADER, SHEET_HASIL, SHEET_RIWAYAT, edits_hasil
from zi_xl.xlsx.book import Book
from zi_xl.xlsx.edits import ReplaceSheet
from zi_xl.xlsx.patch import worksheet_parts
from zi_xl.xlsx.recalc import recalculate

OFFICIAL = ["Utama", "Ctt Eval", "LKE ZI"]


@pytest.fixture(scope="module")
def ditulis(tmp_path_factory):
    d = tmp_path_factory.mktemp("tulis")
    p = d / "lke.xlsx"
    shutil.copyfile(REF_LKE, p)
    p.chmod(0o644)
    original = p.read_bytes()
    r1 = run_cli("hitung", p, "--tulis")
    after1 = p.read_bytes()
    r2 = run_cli("hitung", p, "--tulis")
    out = d / "lain.xlsx"
    r3 = run_cli("hitung", REF_LKE, "--json", "-o", out)       # the read-only reference itself, written elsewhere
    lo = recalculate([p, out], d / "lo")
    return dict(p=p, r1=r1, r2=r2, r3=r3, original=original, after1=after1, out=out, lo=lo, hasil=read_lke(REF_LKE))


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
    # workbook.xml: only the two <sheet> entries and Riwayat's print titles were added (no recalculation forced: no
    # formula changed)
    wb = re.sub(rb'<sheet name="(Hasil Hitung|Riwayat)"[^>]*/>', b"", b["xl/workbook.xml"])
    wb = wb.replace(b"<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"4\">'Riwayat'!$1:$1</definedName>", b"")
    assert wb == a["xl/workbook.xml"]
    assert "xl/calcChain.xml" in b                           # still valid: the official formulas are untouched


def test_backups_are_numbered_and_the_original_is_kept(ditulis):
    p = str(ditulis["p"])
    assert Path(p + ".bak").read_bytes() == ditulis["original"]     # the true original survives a second run
    assert Path(p + ".bak2").read_bytes() == ditulis["after1"]
    assert not Path(p + ".bak3").exists()


def test_two_runs_two_riwayat_rows(ditulis):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(ditulis["p"])
    assert wb.sheetnames == OFFICIAL + [SHEET_HASIL, SHEET_RIWAYAT]
    rw = wb[SHEET_RIWAYAT]
    assert [c.value for c in rw[1]] == RIWAYAT_HEADER
    assert RIWAYAT_HEADER[:7] == ["Waktu", "Versi LKE", "Jawaban", "Pengungkit", "Hasil", "Nilai total", "Predikat"]
    assert rw.max_row == 3
    h = ditulis["hasil"]
    for r in (2, 3):
        row = [c.value for c in rw[r]]
        assert row[1] == "2021" and row[2] == "Jawaban unit" and row[6] == "WBK"
        assert row[3] == pytest.approx(h.nilai("pengungkit")) and row[4] == pytest.approx(h.nilai("hasil"))
        assert row[5] == pytest.approx(h.nilai("total"))
        # per-area % of weight: the official sheet's own L values, Pemenuhan + Reform over the area's weight
        assert row[7:] == pytest.approx([a.persen for a in h.predikat.area])
        assert isinstance(row[0], datetime)
    assert rw["A2"].number_format == rw["A3"].number_format == "[$-421]d mmmm yyyy hh:mm"
    assert rw["H3"].number_format == "0.0%" and rw["D3"].number_format == "0.00"
    assert len(wb[SHEET_HASIL]._charts) == 1 and len(rw._charts) == 1     # replaced, not duplicated
    names = entries(ditulis["p"])
    assert sum(1 for n in names if n.startswith("xl/charts/chart")) == 2


def test_old_riwayat_rows_are_kept_under_the_new_columns(tmp_path):
    """A Riwayat written by an earlier version (8 columns, "Total", "Versi zi-xl") keeps its rows."""
    p = tmp_path / "lama.xlsx"
    old = ReplaceSheet(SHEET_RIWAYAT, rows=[
        ["Waktu", "Versi LKE", "Versi zi-xl", "Jawaban", "Pengungkit", "Hasil", "Total", "Predikat"],
        [datetime(2022, 1, 31, 8, 0), "2021", "0.3.0", "unit", 50.5, 30.25, 80.75, "WBK"]])
    Book.open(REF_LKE).apply([old], output=p)
    r = run_cli("hitung", p, "--tulis")
    assert r.returncode == 0, r.stderr
    rw = openpyxl.load_workbook(p)[SHEET_RIWAYAT]
    assert rw.max_row == 3
    first = [c.value for c in rw[2]]
    assert first[:7] == [datetime(2022, 1, 31, 8, 0), "2021", "unit", 50.5, 30.25, 80.75, "WBK"]
    assert first[7:] == [None] * 6                       # that version kept no area values
    assert rw["F3"].value == pytest.approx(95.7095238095238)


def _hasil_values(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[SHEET_HASIL]
    return ws, {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}


def _table(ws, rows, judul, ncol=7):
    """The rows of the table under the section heading ``judul`` (up to the first empty row)."""
    r = rows[judul] + 2
    out = []
    while ws.cell(r, 1).value not in (None, ""):
        out.append([ws.cell(r, c).value for c in range(1, ncol + 1)])
        r += 1
    return out


@pytest.mark.parametrize("which", ["p", "out"])
def test_hasil_hitung_equals_read_lke(ditulis, which):
    ws, rows = _hasil_values(ditulis[which])
    h = ditulis["hasil"]
    p = h.predikat
    assert ws.cell(rows["Predikat"], 2).value == "WBK" and ws.cell(rows["Predikat"], 4).value == p.ringkas()
    for label, peran in (("Pengungkit", "pengungkit"), ("Hasil", "hasil"), ("Nilai total", "total")):
        assert ws.cell(rows[label], 3).value == pytest.approx(h.nilai(peran))
    # what to fix next comes first: the one WBBM criterion the official example misses (Tabel 6: a prior WBK)
    assert rows["Yang perlu dipenuhi untuk WBBM"] < rows["Nilai per area perubahan (Pemenuhan + Reform)"]
    perlu = _table(ws, rows, "Yang perlu dipenuhi untuk WBBM")
    assert [x[0] for x in perlu] == ["Telah mendapatkan predikat Menuju WBK"]
    assert perlu[0][4] == "belum pernah memperoleh predikat WBK (syarat WBBM)"
    # the weakest indicators, worst first; their values are the official sheet's own cached L values
    lemah = _table(ws, rows, "Indikator dengan nilai hilang terbesar (perbaikan yang paling berdampak)")
    resmi = openpyxl.load_workbook(REF_LKE, data_only=True)["LKE ZI"]
    assert lemah[0][0] == "Penanganan Pengaduan Masyarakat" and lemah[0][4] == "Penguatan Pengawasan"
    hilang = [x[3] for x in lemah]
    assert hilang == sorted(hilang, reverse=True) and len(lemah) == len(h.terlemah())
    for x, ind in zip(lemah, h.terlemah(), strict=True):
        assert x[2] == pytest.approx(resmi[f"L{h.baris[ind.id]}"].value)
        assert x[3] == pytest.approx(x[1] - x[2])
    # areas coloured by the level they meet
    areas = _table(ws, rows, "Nilai per area perubahan (Pemenuhan + Reform)")
    assert areas[-1][0].startswith("Warna: hijau = memenuhi minimum WBBM; kuning = hanya memenuhi minimum WBK")
    for row, a in zip(areas[:-1], p.area, strict=True):
        assert row[:6] == [a.nama, pytest.approx(a.bobot), pytest.approx(a.nilai), pytest.approx(a.persen),
                           pytest.approx(0.6), pytest.approx(0.75)]
        assert row[6] == "memenuhi WBBM"
    r0 = rows["Nilai per area perubahan (Pemenuhan + Reform)"] + 2
    assert ws.cell(r0, 7).fill.fgColor.rgb[-6:] == "C6EFCE"
    # every threshold once, both levels side by side
    syarat = _table(ws, rows, next(k for k in rows if str(k).startswith("Syarat predikat — PermenPANRB")))
    assert len(syarat) == 13 and syarat[-1][:5] == ["Telah mendapatkan predikat Menuju WBK", "—", "—", "Ya", "Tidak"]
    assert all(x[2] == "Ya" and x[4] == "Ya" for x in syarat[:-1])
    # the workbook's own formula anomalies, numbers as numbers
    anom = _table(ws, rows, next(k for k in rows if str(k).startswith("Rumus berkas yang berbeda")))
    assert anom.pop()[0].startswith("Nilai pada lembar ini mengikuti aturan regulasi")
    assert [x[0] for x in anom] == [f"LKE ZI!{a.sel}" for a in h.anomali]
    assert [x[2] for x in anom] == pytest.approx([a.nilai_aturan for a in h.anomali])
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
    t = book.apply(edits_hasil(h, datetime(2022, 6, 30, 9, 0), book.grids), cadangan=tmp_path / "arsip")
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
