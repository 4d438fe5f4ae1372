"""``zi-xl monev status|perbarui`` as a user meets them: Indonesian help and errors (exit codes, no traceback), the
stable JSON keys of ``status --json``, an injectable "today", -o meaning a copy, and ``zi-xl contoh``."""

from __future__ import annotations

import json

import pytest

import zi_xl.cli.monev as cli_monev
from tests.monev.bantu import CONTOH, RA_CONTOH, d, run_cli, salin
from tests.support import REF_LKE

KEYS_BULAN = {"bulan", "tanggal_rapat", "jumlah_masukan", "ditutup", "terbuka", "persen_ditindaklanjuti"}
KEYS_MASUKAN = {"id", "bulan_asal", "area", "uraian", "masukan", "pic", "status", "tindak_lanjut",
                "bulan_tindak_lanjut"}


@pytest.fixture()
def folder(tmp_path):
    salin(CONTOH, tmp_path / "monev.xlsx")
    salin(RA_CONTOH, tmp_path / "rencana-aksi-contoh.xlsx")
    return tmp_path


def test_status_json_keys_are_the_issues(folder):
    r = run_cli("monev", "status", folder / "monev.xlsx", "--json", "--per", "2022-06-30")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert list(data) == ["berkas", "bulan", "masukan", "peringatan", "saran_lke"]
    assert data["berkas"] == str(folder / "monev.xlsx")
    assert all(set(b) == KEYS_BULAN for b in data["bulan"])
    assert all(set(m) == KEYS_MASUKAN for m in data["masukan"])
    assert all(set(p) == {"sheet", "sel", "pesan"} for p in data["peringatan"])
    assert [s["soal_id"] for s in data["saran_lke"]] == [6, 7, 8, 92]
    assert all(set(s) == {"soal_id", "pertanyaan", "jawaban", "alasan"} for s in data["saran_lke"])
    assert {m["status"] for m in data["masukan"]} == {"Proses", "Selesai"}


def test_status_report_text(folder):
    r = run_cli("monev", "status", folder / "monev.xlsx", "--per", "2022-06-30")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Rencana aksi: rencana-aksi-contoh.xlsx per 30/06/2022" in out
    assert "Februari 2022       08/03/2022         5       4       1   80,0%" in out
    assert "(tanpa bulan asal)  -                  3       0       3    0,0%" in out
    assert "KESELURUHAN                           25      20       5   80,0%" in out
    assert "Masukan terbuka: 5" in out and "  - 2022-04-M5 [April 2022, 2 bln; Proses]" in out
    assert "Soal   8: B — 20 dari 25 masukan selesai ditindaklanjuti (80,0%" in out
    assert "Peringatan: 9" in out


def test_today_is_injectable(folder, monkeypatch):
    """Without --per, the rencana aksi figures are taken at "today" moved into the last monev month."""
    monkeypatch.setattr(cli_monev, "hari_ini", lambda: d("2022-06-15"))
    data = json.loads(run_cli("monev", "status", folder / "monev.xlsx", "--json").stdout)
    assert "per 15 Juni 2022" in data["saran_lke"][0]["alasan"]
    monkeypatch.setattr(cli_monev, "hari_ini", lambda: d("2031-02-28"))
    data = json.loads(run_cli("monev", "status", folder / "monev.xlsx", "--json").stdout)
    assert "per 30 Juni 2022" in data["saran_lke"][0]["alasan"]
    monkeypatch.setattr(cli_monev, "hari_ini", lambda: d("2022-07-09"))
    r = run_cli("monev", "perbarui", folder / "monev.xlsx", "--bulan", "2022-07", "--json")
    assert json.loads(r.stdout)["hasil"][0]["sheet"] == "Monev Juli 2022"
    from zi_xl.xlsx.read import read_workbook

    g = read_workbook(folder / "monev.xlsx")["Monev Juli 2022"]
    acuan = next(r for r in range(1, g.max_row + 1) if g.value(r, 1) == "Tanggal acuan")
    assert g.value(acuan, 3).date() == d("2022-07-09")


def test_perbarui_o_is_a_copy(folder):
    src = folder / "monev.xlsx"
    r = run_cli("monev", "perbarui", src, "--bulan", "2022-07", "--per", "2022-07-01", "-o", folder / "baru.xlsx")
    assert r.returncode == 0, r.stderr
    assert "Ditulis ke " in r.stdout and src.read_bytes() == CONTOH.read_bytes()
    r = run_cli("monev", "perbarui", src, "--bulan", "2022-07", "-o", src)
    assert r.returncode == 3 and "berkas keluaran sama dengan berkas masukan" in r.stderr
    assert src.read_bytes() == CONTOH.read_bytes() and not (folder / "monev.xlsx.bak").exists()


@pytest.mark.parametrize("args,pesan,kode", [
    (["monev"], "argumen berikut wajib diisi: SUB-PERINTAH", 2),
    (["monev", "perbarui", "x.xlsx"], "argumen berikut wajib diisi: --bulan", 2),
    (["monev", "perbarui", "x.xlsx", "--bulan", "2022-13"], "bulan '2022-13' tidak sah; pakai format TTTT-BB", 2),
    (["monev", "status", "tidak-ada.xlsx"], "tidak-ada.xlsx: berkas tidak ditemukan", 2),
    (["monev", "status", str(REF_LKE)], "bukan workbook monev", 2),
    (["monev", "status", str(CONTOH), "--per", "30-06-2022"], "TTTT-BB-HH", 2),
])
def test_errors_are_indonesian(args, pesan, kode):
    r = run_cli(*args)
    assert r.returncode == kode and pesan in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


def test_help_says_what_o_is_for_many_workbooks():
    r = run_cli("monev", "perbarui", "-h")
    assert r.returncode == 0
    text = " ".join(r.stdout.split())
    assert "Banyak workbook (beberapa berkas atau folder): tiap workbook diperbarui di tempat dan BERKAS ini " \
           "menjadi workbook rekap (.xlsx)" in text
    assert "opsi:" in r.stdout and "usage" not in r.stdout


def test_contoh_writes_and_shows_the_monev_example(tmp_path):
    r = run_cli("contoh", tmp_path / "c")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "c" / "monev-contoh.xlsx").read_bytes()[:2] == b"PK"
    assert "Contoh monev (BAB IV–V seed" in r.stdout
    assert "KESELURUHAN                           25      20       5   80,0%" in r.stdout
    assert "Rencana aksi: rencana-aksi-contoh.xlsx per 30/06/2022" in r.stdout
