"""``zi-xl rekap``: 200 generated unit workbooks in several layouts and versions, some broken — every good row equals
``zi-xl hitung --json`` for its file, every broken file is listed with its reason, the ranking, the other answer
sources, the workbook (sheets, print setup, chart), the progress bar only on a terminal."""

from __future__ import annotations

import concurrent.futures as cf
import fcntl
import json
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
import zipfile

import openpyxl
import pytest

from tests.rekap.korpus import buat_korpus
from tests.support import run_cli
from tests.support.jawaban import RULES, tulis_jawaban
from tests.support.lke_answers import varied_answers
from zi_xl.area import DAFTAR
from zi_xl.rekap.reader import Opsi, read_rekap
from zi_xl.rekap.workbook import SHEET_GALAT, SHEET_REKAP, SHEET_RINGKASAN, SHEET_USULAN

PER = "2026-05-31"


def _hitung_json(args: tuple) -> dict:
    r = run_cli("hitung", *args, "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.fixture(scope="module")
def korpus(tmp_path_factory):
    return buat_korpus(tmp_path_factory.mktemp("korpus"))


@pytest.fixture(scope="module")
def hasil_rekap(korpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("rekap") / "REKAP.xlsx"
    r = run_cli("rekap", korpus.root, "-o", out, "--json", "--per", PER)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout), out, r


@pytest.fixture(scope="module")
def hitung_semua(korpus) -> dict[str, dict]:
    """``zi-xl hitung FILE --json`` of every good file (run in parallel: the files are many)."""
    files = sorted(korpus.good)
    with cf.ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return dict(zip(files, pool.map(_hitung_json, [(f,) for f in files], chunksize=8), strict=True))


def _gagal(h: dict) -> list[str]:
    pred = h["predikat"]
    level = {"Tidak memenuhi": "WBK", "WBK": "WBBM"}.get(pred["hasil"])
    return [s["syarat"] for s in pred["syarat"] if level and s["predikat"] == level and not s["terpenuhi"]]


def test_every_good_file_is_a_row_equal_to_hitung_json(korpus, hasil_rekap, hitung_semua):
    data, _, r = hasil_rekap
    rows = {u["berkas"]: u for u in data["unit"]}
    assert len(korpus.good) >= 200
    assert set(rows) == set(korpus.good)
    assert not set(korpus.skipped) & set(rows)
    for f, h in hitung_semua.items():
        u = rows[f]
        assert u["unit"] == korpus.good[f], f                      # the name the workbook gives, not the file's
        assert (u["versi"], u["sumber"]) == (h["versi"], h["jawaban"]), f
        assert u["nilai"] == h["nilai"], f
        assert u["predikat"] == h["predikat"]["hasil"], f
        assert u["gagal"] == _gagal(h), f
        utama = next(p for p in h["penilaian"] if p["sumber"] == h["jawaban"])
        assert u["belum_diisi"] == utama["belum_diisi"], f
        assert u["anomali"] == sum(1 for a in h["anomali"] if a["sumber"] == h["jawaban"]), f
        area_syarat = {s["syarat"]: s["nilai"] for s in h["predikat"]["syarat"] if "(% bobot)" in s["syarat"]}
        assert [a["nama"] for a in u["area"]] == [a.nama for a in DAFTAR]
        for a in u["area"]:
            assert a["persen"] == pytest.approx(area_syarat[f"Area {a['nama']} (% bobot)"]), f
        # the other answer sources: the same figures as hitung's "penilaian"
        lain = [x for x in data["sumber_lain"] if x["berkas"] == f]
        want = [p for p in h["penilaian"] if p["sumber"] != h["jawaban"] and not p["kosong"]]
        assert [x["sumber"] for x in lain] == [p["sumber"] for p in want], f
        for x, p in zip(lain, want, strict=True):
            assert x["nilai"] == p["nilai"] and x["predikat"] == p["predikat"]["hasil"], f
        # unit − TPI where the TPI answered
        tpi = next((p for p in h["penilaian"] if p["sumber"].startswith("tpi") and not p["kosong"]), None)
        if tpi is None:
            assert u["banding"] == {"selisih_total": None, "jawaban_berbeda": None}
        else:
            assert u["banding"]["selisih_total"] == pytest.approx(h["nilai"]["total"] - tpi["nilai"]["total"])
            assert u["banding"]["jawaban_berbeda"] > 0
    # several layouts, versions and sources really are in the corpus
    assert {u["versi"] for u in data["unit"]} == {"2019", "2021", "2023", "2026"}
    assert {x["sumber"] for x in data["sumber_lain"]} == {"tpi", "tpi itjen"}
    assert r.stderr.startswith(f"Rekap {len(rows)} unit ditulis ke ")            # messages to stderr with --json


def test_every_broken_file_is_listed_with_its_reason(korpus, hasil_rekap):
    data, _, _ = hasil_rekap
    galat = {g["berkas"]: g["pesan"] for g in data["galat"]}
    assert set(galat) == set(korpus.broken)
    for f, words in korpus.broken.items():
        assert words in galat[f], (f, galat[f])
        assert "Traceback" not in galat[f]
    assert data["ringkasan"]["galat"] == len(korpus.broken)
    assert data["ringkasan"]["terbaca"] == len(korpus.good)


def test_ranking_best_total_first(hasil_rekap):
    data, _, _ = hasil_rekap
    units = data["unit"]
    ranked = [u for u in units if u["peringkat"] is not None]
    totals = [u["nilai"]["total"] for u in ranked]
    assert totals == sorted(totals, reverse=True)
    assert ranked[0]["peringkat"] == 1
    for i, u in enumerate(ranked):
        # ties share a rank; otherwise the rank is the position
        same = [v for v in ranked if v["nilai"]["total"] == u["nilai"]["total"]]
        assert u["peringkat"] == ranked.index(same[0]) + 1 and u["peringkat"] <= i + 1


def test_proposal_columns_for_every_unit(hasil_rekap):
    data, _, _ = hasil_rekap
    for u in data["unit"]:
        us = u["usulan"]
        assert us["dapat"] in ("ya", "tidak", "belum pasti")
        assert us["karena"]
        if us["dapat"] == "tidak":
            failed = [b["syarat"] for b in us["butir"] if b["terpenuhi"] is False and b["menghalangi"]]
            assert failed and all(f in us["karena"] for f in failed)
    # a 2026 unit's Profil sheet is read: its Opini BPK, SPIP …
    u = next(u for u in data["unit"] if u["versi"] == "2026" and u["sumber"] == "unit")
    butir = {b["kode"]: b for b in u["usulan"]["butir"]}
    assert butir["opini_bpk"]["dari"].startswith("sheet 'Profil'!B")
    assert butir["lama_zi"]["nilai"].endswith(("(sejak 15 Januari 2024)", "(sejak 1 November 2025)"))


def test_the_workbook(hasil_rekap, korpus):
    data, out, _ = hasil_rekap
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [SHEET_RINGKASAN, SHEET_REKAP, "Rekap TPI", "Rekap TPI Itjen", SHEET_USULAN, SHEET_GALAT]
    ws = wb[SHEET_REKAP]
    head = [c.value for c in ws[5]]
    assert head[:8] == ["Peringkat", "Unit kerja", "Berkas", "Versi LKE", "Sumber jawaban", "Pengungkit", "Hasil",
                        "Total"]
    assert head[8:14] == [f"{a.singkat} (% bobot)" for a in DAFTAR]
    assert head[14:] == ["Predikat", "Belum terpenuhi menuju predikat berikutnya", "Belum diisi",
                         "Anomali rumus", "Unit − TPI (total)", "Jawaban berbeda (unit/ TPI)", "Dapat diusulkan",
                         "Karena (rincian: sheet 'Syarat Usulan')"]
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=6) if row[1].value]
    assert len(body) == len(data["unit"])
    assert [r[1] for r in body] == [u["unit"] for u in data["unit"]]
    assert body[0][7] == pytest.approx(data["unit"][0]["nilai"]["total"])
    assert body[0][14] == (data["unit"][0]["predikat"] or "belum diisi")
    # print setup: A4 landscape, one page wide, header row repeated, "Halaman &P dari &N"
    for name in (SHEET_REKAP, "Rekap TPI", SHEET_USULAN, SHEET_GALAT):
        s = wb[name]
        assert s.page_setup.orientation == "landscape" and s.page_setup.paperSize == 9
        assert s.sheet_properties.pageSetUpPr.fitToPage
        assert s.page_setup.fitToWidth in (None, 1) and s.page_setup.fitToHeight == 0   # 1 is the default
        assert s.print_title_rows == "$5:$5"
        assert "Halaman &P dari &N" in s.oddFooter.right.text
    galat = wb[SHEET_GALAT]
    listed = {galat.cell(r, 1).value: galat.cell(r, 2).value for r in range(6, 6 + len(korpus.broken))}
    assert set(listed) == set(korpus.broken)
    with zipfile.ZipFile(out) as z:                                # native charts on the summary sheet
        assert len([n for n in z.namelist() if n.startswith("xl/charts/chart")]) == 2
    ring = wb[SHEET_RINGKASAN]
    counts = {ring.cell(r, 1).value: ring.cell(r, 2).value for r in range(1, 40)}
    assert counts["Terbaca dan dinilai"] == len(korpus.good)
    for k, v in data["ringkasan"]["predikat"].items():
        assert counts[k] == v


def test_existing_output_needs_timpa_and_bad_paths_are_indonesian(tmp_path, hasil_rekap):
    _, out, _ = hasil_rekap
    p = tmp_path / "satu.xlsx"
    tulis_jawaban(p, varied_answers(RULES, 1))
    dst = tmp_path / "R.xlsx"
    shutil.copyfile(out, dst)
    r = run_cli("rekap", p, "-o", dst)
    assert r.returncode == 2 and "sudah ada dan tidak ditimpa" in r.stderr and "--timpa" in r.stderr
    r = run_cli("rekap", p, "-o", dst, "--timpa", "--per", PER)
    assert r.returncode == 0, r.stderr
    assert openpyxl.load_workbook(dst)[SHEET_REKAP].cell(6, 3).value == "satu.xlsx"
    r = run_cli("rekap", tmp_path / "tidak-ada")
    assert r.returncode == 2 and "berkas atau folder tidak ditemukan" in r.stderr
    kosong = tmp_path / "kosong"
    kosong.mkdir()
    r = run_cli("rekap", kosong)
    assert r.returncode == 2 and "tidak ada berkas .xlsx/.xlsm" in r.stderr
    r = run_cli("rekap", p, "-o", tmp_path / "r.csv")
    assert r.returncode == 2 and "harus berakhiran .xlsx" in r.stderr
    assert "Traceback" not in r.stderr


def test_jawaban_tpi_headlines_and_falls_back_with_a_note(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    tulis_jawaban(a, varied_answers(RULES, 1), varied_answers(RULES, 2))
    tulis_jawaban(b, varied_answers(RULES, 3))
    r = read_rekap([tmp_path], Opsi(jawaban="tpi"), proses=1)
    by = {os.path.basename(x.berkas): x for x in r.baris}
    assert by["a.xlsx"].sumber == "tpi" and by["a.xlsx"].catatan.startswith("nama unit tidak tertulis")
    assert by["b.xlsx"].sumber == "unit"
    assert "sumber jawaban 'tpi' tidak ada atau kosong; dipakai Jawaban unit" in by["b.xlsx"].catatan
    assert [x.sumber for x in r.lainnya] == ["unit"]
    # the same with the pool (2 processes) and in this process: identical rows
    r2 = read_rekap([tmp_path], Opsi(jawaban="tpi"), proses=2)
    assert [x.to_dict() for x in r2.baris] == [x.to_dict() for x in r.baris]


def test_progress_bar_on_a_terminal_only(tmp_path):
    for i in range(3):
        tulis_jawaban(tmp_path / f"u{i}.xlsx", varied_answers(RULES, i))
    cmd = [sys.executable, "-m", "zi_xl", "rekap", str(tmp_path), "--per", PER]
    piped = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert piped.returncode == 0 and piped.stderr == "", piped.stderr
    assert "3 unit dinilai" in piped.stdout
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))     # a 100×30 terminal
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    proc.communicate(timeout=300)
    os.close(master)
    assert proc.returncode == 0
    assert b"Menghitung" in seen and b"berkas" in seen


def test_json_written_row_by_row_equals_the_whole(tmp_path):
    import io

    for i in range(2):
        tulis_jawaban(tmp_path / f"u{i}.xlsx", varied_answers(RULES, i), varied_answers(RULES, i + 9))
    (tmp_path / "rusak.xlsx").write_text("bukan workbook", encoding="utf-8")
    r = read_rekap([tmp_path], Opsi(), proses=1)
    buf = io.StringIO()
    r.tulis_json(buf)
    assert json.loads(buf.getvalue()) == json.loads(r.to_json())
    assert len(r.galat) == 1 and len(r.lainnya) == 2
