"""``zi-xl laporan``: how it is called, and what it says when it is called wrong (Indonesian, exit 2, nothing
written)."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.support import run_cli
from zi_xl.cli import COMMANDS
from zi_xl.cli.laporan import BANTUAN


def test_the_command_is_listed_with_its_help():
    assert COMMANDS["laporan"] == ("zi_xl.cli.laporan", BANTUAN)
    r = run_cli("-h")
    assert "laporan" in r.stdout
    r = run_cli("laporan", "-h")
    assert r.returncode == 0 and "--semester" in r.stdout and "--ketat" in r.stdout and "tanda tangan" in r.stdout


@pytest.mark.parametrize("args,pesan", [
    (("--tahun", "2022", "{f}", "-o", "{o}"), "sebutkan --semester"),
    (("--semester", "1", "--tahun", "2022", "{f}"), "sebutkan berkas laporan: -o LAPORAN.docx"),
    (("--semester", "1", "--tahun", "2022", "{f}", "-o", "{t}/L.pdf"), "berkas laporan harus berakhiran .docx"),
    (("--semester", "1", "--tahun", "2022", "{t}/tidak-ada", "-o", "{o}"), "folder tidak ditemukan"),
    (("--semester", "1", "--tahun", "2022", "-o", "{o}"), "beri FOLDER berisi workbook"),
    (("--semester", "3", "--tahun", "2022", "{f}", "-o", "{o}"), "pilihan tidak sah"),
    (("--semester", "1", "--tahun", "2022", "--monev", "{t}/x.xlsx", "-o", "{o}"), "berkas tidak ditemukan"),
    (("--semester", "1", "--tahun", "2022", "{f}", "-o", "{t}/tidak-ada/L.docx"), "folder tujuan tidak ada"),
    (("--semester", "1", "--tahun", "2022", "{f}", "--lke", "{f}/contoh-lke-2021.xlsx", "--versi", "2019", "-o",
      "{o}"), "--versi hanya dipakai tanpa workbook LKE"),
])
def test_wrong_calls(contoh, tmp_path, args, pesan):
    fill = {"f": str(contoh), "o": str(tmp_path / "L.docx"), "t": str(tmp_path)}
    r = run_cli("laporan", *[a.format(**fill) for a in args])
    assert r.returncode == 2, r.stderr
    assert pesan in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "L.docx").exists()


def test_a_folder_with_two_monev_workbooks_asks_which_one(contoh, tmp_path):
    for name in ("monev-contoh.xlsx", "rencana-aksi-contoh.xlsx"):
        shutil.copy(contoh / name, tmp_path / name)
    shutil.copy(contoh / "monev-contoh.xlsx", tmp_path / "monev-salinan.xlsx")
    r = run_cli("laporan", "--semester", "1", "--tahun", "2022", tmp_path, "-o", tmp_path / "L.docx")
    assert r.returncode == 2
    assert "lebih dari satu workbook monev (monev-contoh.xlsx, monev-salinan.xlsx)" in r.stderr
    assert "--monev BERKAS" in r.stderr
    r = run_cli("laporan", "--semester", "1", "--tahun", "2022", tmp_path, "--monev", tmp_path / "monev-salinan.xlsx",
                "-o", tmp_path / "L.docx", "--json")
    assert r.returncode == 0, r.stderr


def test_an_existing_report_is_never_replaced_silently(laporan_contoh, contoh):
    before = laporan_contoh.docx.read_bytes()
    r = run_cli("laporan", "--semester", "1", "--tahun", "2022", contoh, "-o", laporan_contoh.docx)
    assert r.returncode == 2 and "--timpa" in r.stderr
    assert laporan_contoh.docx.read_bytes() == before


def test_the_example_folder_with_its_empty_templates_picks_the_filled_lke(laporan_contoh):
    # zi-xl contoh writes the example LKE and two empty LKE templates: the filled one is the unit's
    assert "contoh-lke-2021.xlsx" in laporan_contoh.hasil.stdout


def test_an_unreadable_workbook_in_the_folder_is_reported_not_skipped_silently(contoh, tmp_path):
    for name in ("monev-contoh.xlsx", "rencana-aksi-contoh.xlsx", "contoh-lke-2021.xlsx"):
        shutil.copy(contoh / name, tmp_path / name)
    (tmp_path / "lke-lama.xlsx").write_text("bukan workbook", encoding="utf-8")
    r = run_cli("laporan", "--semester", "1", "--tahun", "2022", tmp_path, "-o", tmp_path / "L.docx", "--json")
    assert r.returncode == 0, r.stderr
    lewat = [p for p in json.loads(r.stdout)["peringatan"] if p["kode"] == "berkas_tidak_terbaca"]
    assert len(lewat) == 1 and lewat[0]["berkas"] == str(tmp_path / "lke-lama.xlsx")
