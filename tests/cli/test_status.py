"""``zi-xl status``, ``zi-xl templat rencana-aksi`` and the rencana aksi part of ``zi-xl contoh``."""

import json
from datetime import date

import openpyxl

from tests.support.ra_helpers import SEED_COLUMNS, WORKBOOKS, actions, run_cli, write_layout
from zi_xl.rencana_aksi import read_rencana_aksi

CONTOH = WORKBOOKS / "rencana-aksi-contoh.xlsx"


def test_status_table_in_indonesian():
    r = run_cli("status", CONTOH)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Tanggal acuan: 31/05/2022   Jumlah langkah aksi: 76" in out
    assert "    9  MP   Terbentuknya Tim Kerja ZI" in out and "31/01/2022  Terlambat" in out
    assert "Setiap ada pertemuan       berulang    Berkelanjutan" in out
    assert "KESELURUHAN                                76   11   22    1   40    1    1    0      14,5%" in out
    assert "(Area: MP = Manajemen Perubahan, PT = Penataan Tatalaksana," in out
    assert "Aksi terlambat: 22" in out
    # 31 January → 31 May 2022: 28 + 31 + 30 + 31 = 120 days late
    assert "baris 9 [MP] Terbentuknya Tim Kerja ZI (tenggat 31/01/2022, terlambat 120 hari; PJ: Koordinator Area " \
           "Manajemen Perubahan)" in out
    # due by 30 June (31 May + 30 days), soonest first: row 74 ("Januari s.d Mei 2022", due today) and row 30
    # ("Juni 2022")
    coming = out[out.index("Jatuh tempo dalam 30 hari: 2"):].splitlines()[1:3]
    assert coming[0].startswith("  - baris 74 [PW] ") and "(tenggat 31/05/2022, hari ini;" in coming[0]
    assert coming[1].startswith("  - baris 30 [SDM] ") and "(tenggat 30/06/2022, 30 hari lagi;" in coming[1]


def test_status_json():
    r = run_cli("status", CONTOH, "--per", "2022-12-01", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert set(d) == {"berkas", "per", "aksi", "ringkasan", "peringatan"} and d["per"] == "2022-12-01"
    assert d["peringatan"] == []                       # the example has its REALISASI column
    assert d["berkas"].endswith("rencana-aksi-contoh.xlsx") and len(d["aksi"]) == 76
    a = d["aksi"][0]
    assert list(a)[:13] == ["sheet", "baris", "area", "komponen", "indikator", "langkah_aksi", "bukti_fisik",
                            "target_waktu", "mulai", "tenggat", "berulang", "status", "peringatan"]
    assert (a["sheet"], a["baris"], a["area"], a["target_waktu"], a["mulai"], a["tenggat"], a["status"],
            a["peringatan"], a["realisasi"]) == ("Rencana Aksi", 7, "Manajemen Perubahan", "Januari 2022",
                                                 "2022-01-01", "2022-01-31", "Selesai", None, "2022-01-20")
    rec = next(x for x in d["aksi"] if x["target_waktu"] == "Setiap ada pertemuan")
    assert (rec["mulai"], rec["tenggat"], rec["berulang"], rec["status"]) == (None, None, True, "Berkelanjutan")
    inherited = d["aksi"][2]
    assert inherited["peringatan"] == "target waktu kosong; mengikuti baris 7 (Januari 2022)"
    tot = d["ringkasan"]["keseluruhan"]
    # on 1 Dec 2022 the 40 whole-year actions fall due this month; 22 late + 2 more (Juni 2022, Januari s.d Mei)
    assert (tot["jatuh_tempo_bulan_ini"], tot["terlambat"], tot["berjalan"]) == (40, 24, 0)
    assert [x["area"] for x in d["ringkasan"]["area"]][0] == "Manajemen Perubahan"
    assert d["ringkasan"]["terlambat"][0] == {
        "sheet": "Rencana Aksi", "baris": 9, "area": "Manajemen Perubahan", "langkah_aksi": "Terbentuknya Tim Kerja ZI",
        "target_waktu": "Januari 2022", "tenggat": "2022-01-31",
        "penanggung_jawab": "Koordinator Area Manajemen Perubahan", "terlambat_hari": 304}   # day 335 − day 31
    # the 40 whole-year actions end 31 December: within 30 days of 1 December, 30 days left each
    coming = d["ringkasan"]["jatuh_tempo_30_hari"]
    assert len(coming) == 40 and {(c["tenggat"], c["sisa_hari"]) for c in coming} == {("2022-12-31", 30)}


def test_templat_from_a_plan_is_a_new_workbook(tmp_path):
    src = write_layout(tmp_path / "unit.xlsx", SEED_COLUMNS)
    before = src.read_bytes()
    out = tmp_path / "hasil.xlsx"
    r = run_cli("templat", "rencana-aksi", "--dari", src, "--per", "2022-05-31", "-o", out)
    assert r.returncode == 0, r.stderr
    assert f"Workbook rencana aksi baru ditulis dari {src}: {out}" in r.stdout
    assert src.read_bytes() == before  # the user's workbook is untouched
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:2] == ["Rencana Aksi", "Ringkasan Rencana Aksi"]
    assert wb["Rencana Aksi"]["C3"].value.date() == date(2022, 5, 31)  # --per fixes the reference date
    assert actions(read_rencana_aksi(out)) == actions(read_rencana_aksi(src, per="2022-05-31"))


def test_templat_from_a_plan_without_per_uses_today_formula(tmp_path):
    src = write_layout(tmp_path / "unit.xlsx", SEED_COLUMNS)
    out = tmp_path / "hasil.xlsx"
    assert run_cli("templat", "rencana-aksi", "--dari", src, "-o", out).returncode == 0
    assert openpyxl.load_workbook(out)["Rencana Aksi"]["C3"].value == "=TODAY()"


def test_errors_are_indonesian_without_traceback(tmp_path):
    r = run_cli("status", tmp_path / "tidak-ada.xlsx")
    assert r.returncode != 0 and "GALAT" in r.stderr and "tidak ditemukan" in r.stderr
    assert "Traceback" not in r.stderr
    r = run_cli("status", CONTOH, "--per", "31/05/2022")
    assert r.returncode != 0 and "tanggal acuan '31/05/2022' tidak sah" in r.stderr
    r = run_cli("status", CONTOH, "-o", CONTOH)
    assert r.returncode != 0 and "sama dengan berkas masukan" in r.stderr
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.active.append(["Nama", "Kegiatan"])
    wb.save(tmp_path / "lain.xlsx")
    r = run_cli("status", tmp_path / "lain.xlsx")
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert "lain.xlsx: Data!A1: baris judul tabel rencana aksi tidak lengkap" in r.stderr
    assert "'Target Waktu' (atau Waktu/Jadwal/Tenggat) tidak ada" in r.stderr


def test_help_is_indonesian():
    r = run_cli("status", "--help")
    assert r.returncode == 0 and "tanggal acuan" in r.stdout and "berkas asli tidak diubah" in r.stdout
    r = run_cli("templat", "--help")
    assert r.returncode == 0 and "--dari BERKAS" in r.stdout and "isi templat dengan langkah aksi" in r.stdout


def test_templat_command(tmp_path):
    out = tmp_path / "RA.xlsx"
    r = run_cli("templat", "rencana-aksi", "-o", out)
    assert r.returncode == 0, r.stderr
    assert f"Templat rencana aksi ditulis: {out}" in r.stdout
    ws = openpyxl.load_workbook(out)["Rencana Aksi"]
    assert ws["D5"].value == "LANGKAH AKSI" and ws["C3"].value == "=TODAY()"
    r = run_cli("templat", "rencana-aksi", "-o", tmp_path / "RA.txt")
    assert r.returncode != 0 and "harus berakhiran .xlsx" in r.stderr


def test_contoh_writes_example_and_prints_summary(tmp_path):
    r = run_cli("contoh", tmp_path / "contoh")
    assert r.returncode == 0, r.stderr
    paths = [str(tmp_path / "contoh" / "rencana-aksi-contoh.xlsx")]
    out = r.stdout.split("Contoh rencana aksi", 1)[1]
    assert "Tanggal acuan: 31/05/2022" in out and "Aksi terlambat: 22" in out
    assert "Penguatan Pengawasan                       22    2    5    1   14    0    0    0       9,1%" in out
    assert actions(read_rencana_aksi(paths[0])) == actions(read_rencana_aksi(CONTOH))
