"""Every sheet the tool writes prints well by itself (issue "Results a user can act on", item 2).

Each workbook the tool makes is printed sheet by sheet to PDF by LibreOffice in an Indonesian locale
(tests/support/cetak.py) and read back: the page count per sheet stays within what an office expects, no cell
prints as ``###``, no developer word reaches the page, and the print settings are in the file (A4, one page wide,
a footer with "Halaman X dari Y"). The rendered pages were also looked at (see CHANGELOG / the issue's closing note).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.support import REF_LKE, run_cli
from tests.support.cetak import cetak_sheet, pengaturan_cetak

#: words that must never reach a printed page (developer files, options, Python values)
KATA_PENGEMBANG = re.compile(r"DESIGN\.md|shared/|seeds/|\.json\b|\.py\b|--[a-z]|\bNone\b|\bTrue\b|\bFalse\b|"
                             r"\bnan\b|Traceback|zi_xl\.|\bTODO\b")


@dataclass(frozen=True)
class Lembar:
    berkas: str            # key of the workbook built by the fixture
    sheet: str
    halaman: int           # at most this many pages
    lanskap: bool
    judul_berulang: bool = False


def _lke_templat(d: Path) -> dict[str, Path]:
    from zi_xl.lke.contoh import jawaban_contoh
    from zi_xl.lke.templat import tulis_templat_lke

    out = {"templat-2021": d / "templat-lke-2021.xlsx", "contoh-lke": d / "contoh-lke-2021.xlsx",
           "templat-2019": d / "templat-lke-2019.xlsx"}
    tulis_templat_lke(out["templat-2021"], "2021")
    tulis_templat_lke(out["contoh-lke"], "2021", jawaban=jawaban_contoh("2021"), unit="Unit Contoh")
    tulis_templat_lke(out["templat-2019"], "2019")
    return out


def _rencana_aksi(d: Path) -> dict[str, Path]:
    from zi_xl.rencana_aksi.seed import tulis_contoh, tulis_templat

    out = {"ra-contoh": d / "rencana-aksi-contoh.xlsx", "ra-templat": d / "templat-rencana-aksi.xlsx"}
    tulis_contoh(out["ra-contoh"], tanggal_acuan=date(2022, 5, 31))
    tulis_templat(out["ra-templat"], 2026)
    return out


def _hasil_hitung(d: Path) -> dict[str, Path]:
    """"Hasil Hitung" and "Riwayat" written by the CLI into the official LKE (twice: two Riwayat rows) and into the
    example LKE; "Ringkasan Rencana Aksi" and the status columns written into a user's own rencana aksi layout."""
    from tests.support.ra_helpers import SEED_COLUMNS, write_layout

    out = {"resmi": d / "lke-resmi.xlsx", "contoh-hasil": d / "contoh-hasil.xlsx", "ra-pengguna": d / "ra.xlsx"}
    assert run_cli("hitung", REF_LKE, "-o", out["resmi"]).returncode == 0
    assert run_cli("hitung", out["resmi"], "--tulis").returncode == 0
    _lke_templat(d / "c")
    assert run_cli("hitung", d / "c" / "contoh-lke-2021.xlsx", "-o", out["contoh-hasil"]).returncode == 0
    write_layout(out["ra-pengguna"], SEED_COLUMNS)
    assert run_cli("status", out["ra-pengguna"], "--per", "2022-05-31", "--tulis").returncode == 0
    return out


def _monev_dan_penilai(d: Path) -> dict[str, Path]:
    """The monev template and example (shipped), a monev batch recap, and the evaluators' workbooks: a rekap of four
    files (official LKE, example LKE, an LKE with unit and TPI answers, a rencana aksi that is no LKE), the
    "Banding Jawaban" and "Jalan Menuju WBK" sheets."""
    import shutil

    from tests.support import WORKBOOKS
    from tests.support.jawaban import tulis_jawaban
    from tests.support.lke_answers import varied_answers
    from zi_xl.lke.rules import load_rules
    from zi_xl.monev.workbook import tulis_rekap

    out = {"monev-templat": WORKBOOKS / "templat-monev.xlsx", "monev-contoh": WORKBOOKS / "monev-contoh.xlsx",
           "rekap-monev": d / "rekap-monev.xlsx", "rekap": d / "rekap.xlsx", "banding": d / "banding.xlsx",
           "simulasi": d / "simulasi.xlsx"}
    unit = "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Padang Pariaman"
    tulis_rekap(out["rekap-monev"], [
        {"berkas": f"bidang-{i}.xlsx", "unit": unit if i % 2 else f"Bidang {i}", "hasil": "diperbarui",
         "sheet": "Monev Juli 2022", "masukan": 10 + i, "ditutup": i, "terbuka": 10, "aksi_terlambat": i % 3,
         "persen_ditindaklanjuti": 100 * i / (10 + i), "peringatan": i % 4} for i in range(1, 13)]
        + [{"berkas": "rusak.xlsx", "hasil": "galat", "pesan": "bukan berkas Excel (.xlsx/.xlsm) yang sah"}],
        "2022-07")
    folder = d / "unit"
    folder.mkdir()
    rules = load_rules("2026")
    tulis_jawaban(folder / "lke-tpi.xlsx", varied_answers(rules, 31), varied_answers(rules, 32))
    shutil.copyfile(REF_LKE, folder / "lke-resmi.xlsx")
    (d / "c2").mkdir()
    _lke_templat(d / "c2")
    shutil.copyfile(d / "c2" / "contoh-lke-2021.xlsx", folder / "contoh-lke.xlsx")
    shutil.copyfile(WORKBOOKS / "rencana-aksi-contoh.xlsx", folder / "bukan-lke.xlsx")
    assert run_cli("rekap", folder, "-o", out["rekap"], "--per", "2026-05-31").returncode == 0
    assert run_cli("banding", folder / "lke-tpi.xlsx", "-o", out["banding"]).returncode == 0
    assert run_cli("simulasi", folder / "contoh-lke.xlsx", "--target", "WBK", "-o", out["simulasi"]).returncode == 0
    return out


LEMBAR = [
    Lembar("resmi", "Hasil Hitung", 2, False),                 # the official LKE: at most 2 pages (the issue)
    Lembar("resmi", "Riwayat", 1, True, True),
    Lembar("contoh-hasil", "Hasil Hitung", 2, False),
    Lembar("ra-pengguna", "Ringkasan Rencana Aksi", 3, True, True),
    Lembar("templat-2021", "LKE ZI", 4, True, True),
    Lembar("templat-2021", "Hasil Penilaian", 1, True),
    Lembar("contoh-lke", "LKE ZI", 4, True, True),
    Lembar("contoh-lke", "Hasil Penilaian", 1, True),
    Lembar("templat-2019", "LKE ZI", 3, True, True),
    Lembar("templat-2019", "Hasil Penilaian", 1, True),
    Lembar("ra-contoh", "Rencana Aksi", 6, True, True),       # 76 actions of the seed
    Lembar("ra-contoh", "Ringkasan Rencana Aksi", 2, True),
    Lembar("ra-contoh", "Petunjuk", 1, True),
    Lembar("ra-templat", "Rencana Aksi", 4, True, True),      # 6 areas × 15 empty rows
    Lembar("ra-templat", "Ringkasan Rencana Aksi", 2, True),
    Lembar("monev-templat", "Petunjuk", 1, True),
    Lembar("monev-templat", "Pengaturan Monev", 1, True),
    Lembar("monev-templat", "Ringkasan Monev", 1, True),
    Lembar("monev-templat", "Monev Januari 2026", 1, True),
    Lembar("monev-contoh", "Ringkasan Monev", 2, True),
    Lembar("monev-contoh", "Monev Februari 2022", 3, True),  # meeting, new masukan, follow-up, the plan's snapshot
    Lembar("monev-contoh", "Monev Juni 2022", 3, True),
    Lembar("rekap-monev", "Rekap Monev", 1, True),            # 13 workbooks of a batch
    Lembar("rekap", "Ringkasan", 1, True),
    Lembar("rekap", "Rekap", 1, True, True),
    Lembar("rekap", "Rekap TPI", 1, True, True),
    Lembar("rekap", "Syarat Usulan", 1, True, True),
    Lembar("rekap", "Tidak Terbaca", 1, True, True),
    Lembar("banding", "Banding Jawaban", 5, False),          # 83 differing answers, every indicator and area
    Lembar("simulasi", "Jalan Menuju WBK", 1, False),
]


@pytest.fixture(scope="module")
def dicetak(tmp_path_factory) -> dict:
    d = tmp_path_factory.mktemp("cetak")
    (d / "c").mkdir()
    files = {**_lke_templat(d), **_rencana_aksi(d), **_hasil_hitung(d), **_monev_dan_penilai(d)}
    out = {}
    for key, path in files.items():
        want = [x.sheet for x in LEMBAR if x.berkas == key]
        for sheet, c in cetak_sheet(path, d / "pdf", want).items():
            out[(key, sheet)] = (path, c)
    return out


@pytest.mark.parametrize("x", LEMBAR, ids=lambda x: f"{x.berkas}:{x.sheet}")
def test_sheet_prints_well(dicetak, x):
    path, c = dicetak[(x.berkas, x.sheet)]
    assert 1 <= c.pages <= x.halaman, f"{x.sheet}: {c.pages} halaman"
    assert "###" not in c.text, f"{x.sheet}: a number or date too wide for its column"
    assert not KATA_PENGEMBANG.search(c.text), KATA_PENGEMBANG.search(c.text).group(0)
    s = pengaturan_cetak(path, x.sheet)
    assert s["kertas"] == "9" and s["satu_halaman_lebar"], s                   # A4, one page wide
    assert s["lanskap"] is x.lanskap and s["judul_berulang"] is x.judul_berulang, s
    assert "&P" in s["kaki"] and "&N" in s["kaki"], s                          # "Halaman X dari Y"
    if c.pages > 1:
        assert "Halaman 2 dari" in c.text


def test_status_columns_on_a_users_own_layout_show_every_date(dicetak, tmp_path):
    """`status --tulis` adds ZI-XL TENGGAT/STATUS to the user's table: wide enough that every deadline prints as a
    date (75 of the seed's 76 actions have one; one is "Berulang") and no status is cut mid-word."""
    from openpyxl.utils import get_column_letter

    from tests.support.ra_helpers import SEED_COLUMNS, write_layout
    from zi_xl.rencana_aksi.reader import read_rencana_aksi

    p = tmp_path / "ra.xlsx"
    write_layout(p, SEED_COLUMNS)
    assert run_cli("status", p, "--per", "2022-05-31", "--tulis").returncode == 0
    ra = read_rencana_aksi(p, per="2022-05-31")
    sheet = ra.aksi[0].sheet
    c = cetak_sheet(p, tmp_path / "pdf", [sheet])[sheet]
    tenggat = [a.tenggat.strftime("%d/%m/%Y") for a in ra.aksi if a.tenggat]
    assert len(tenggat) == 75
    for d in set(tenggat):
        assert c.text.count(d) >= tenggat.count(d), d
    assert "Berkelanjutan" in c.text                            # the recurring action's status, whole
    import openpyxl

    ws = openpyxl.load_workbook(p)[sheet]
    widths = {c.value: ws.column_dimensions[get_column_letter(c.column)].width
              for row in ws.iter_rows(max_row=12) for c in row
              if isinstance(c.value, str) and c.value.startswith("ZI-XL")}
    assert len(widths) == 2 and min(widths.values()) >= 13, widths
