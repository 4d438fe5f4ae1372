"""Completion read strictly: a REALISASI cell means done only on a date or an explicit done word; negations and
partial progress are read as such; anything else is "tidak terbaca" with a warning naming the cell. Python and the
template's Excel formula (recalculated by LibreOffice) agree on every phrasing of the table (written by hand)."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from tests.support.ra_helpers import SEED_COLUMNS, write_layout
from zi_xl.rencana_aksi.reader import read_rencana_aksi
from zi_xl.rencana_aksi.seed import tulis_templat
from zi_xl.rencana_aksi.status import (
    BELUM_MULAI,
    BERJALAN,
    SELESAI,
    TERLAMBAT,
    baca_realisasi,
    hitung_status,
    status_pada,
)
from zi_xl.rencana_aksi.workbook import SHEET
from zi_xl.xlsx.read import read_workbook
from zi_xl.xlsx.recalc import recalculate

S, N, P = "selesai", "belum", "berjalan"     # done / not done, not started / not done, in progress
TABEL = [
    # dates and done words
    (date(2024, 1, 20), S), (datetime(2024, 1, 20, 9, 30), S), ("Selesai", S), ("SELESAI", S), ("  selesai ", S),
    ("Sudah", S), ("sudah dilaksanakan", S), ("Telah dilaksanakan", S), ("Terlaksana", S), ("dilaksanakan", S),
    ("Tercapai", S), ("Terpenuhi", S), ("Tuntas", S), ("Rampung", S), ("Lengkap", S), ("Done", S), ("ok", S),
    ("Ya", S), ("v", S), ("✓", S), ("100%", S), ("100 %", S), ("Maret 2022", S), ("Selesai 20 Januari 2024", S),
    ("20/01/2024", S), (44950, S), (1, S), (100, S), (True, S),
    # negations and postponements: not done, whatever else is written
    ("belum terlaksana", N), ("Tidak terlaksana", N), ("belum dilaksanakan", N), ("Belum", N), ("belum selesai", N),
    ("blm", N), ("tdk dilaksanakan", N), ("Ditunda", N), ("ditunda ke Maret 2024", N), ("Batal", N),
    ("gagal", N), ("", N), (None, N), ("-", N), (0, N), ("0%", N), (False, N),
    # progress: started, not done
    ("sedang berjalan", P), ("Berjalan", P), ("on going", P), ("ongoing", P), ("On progress", P), ("in progress", P),
    ("Proses", P), ("dalam proses", P), ("diproses", P), ("50%", P), ("75 %", P), ("sebagian", P),
    ("selesai sebagian", P), ("dalam pelaksanaan", P), (0.5, P), (30, P),
    # completed after the reference date (15 Feb 2024): not done — nor started — on that date
    (date(2024, 3, 10), N), (datetime(2024, 2, 16, 8, 0), N), (45366, N),
]
TIDAK_TERBACA = ["entah", "x", "lihat catatan", "N/A", 250]
PER, MULAI, TENGGAT = date(2024, 2, 15), date(2024, 3, 1), date(2024, 6, 30)   # the period has not started yet


def _expected_status(kind: str) -> str:
    return {S: SELESAI, N: BELUM_MULAI, P: BERJALAN}[kind]


@pytest.mark.parametrize("nilai,kind", TABEL)
def test_python_reads_the_phrasing(nilai, kind):
    r = baca_realisasi(nilai)
    assert r.terbaca and r.selesai_pada(PER) == (kind == S), r
    assert status_pada(PER, r, tenggat=TENGGAT, mulai=MULAI) == _expected_status(kind)


def test_the_table_is_large_and_covers_every_kind():
    assert len(TABEL) >= 40 and {k for _, k in TABEL} == {S, N, P}


@pytest.mark.parametrize("nilai", TIDAK_TERBACA)
def test_anything_else_is_not_readable(nilai):
    r = baca_realisasi(nilai)
    assert not r.terbaca and not r.selesai


def test_an_overdue_action_with_partial_progress_stays_overdue():
    r = baca_realisasi("50%")
    assert hitung_status(date(2024, 7, 1), tenggat=TENGGAT, mulai=MULAI, selesai=r.selesai,
                         sudah_mulai=r.mulai) == TERLAMBAT


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("realisasi")
    path = tulis_templat(tmp / "kosong.xlsx", tahun=2024)
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    ws["C3"] = PER
    rows = TABEL + [(v, "?") for v in TIDAK_TERBACA]
    free = [r for r in range(7, ws.max_row + 1) if str(ws.cell(r, 9).value or "").startswith("=IF(")]
    places = free[:len(rows)]
    assert len(places) == len(rows)
    for (nilai, _), r in zip(rows, places, strict=True):
        ws.cell(r, 4, f"Langkah {r}")
        if nilai is not None:
            ws.cell(r, 8, nilai)
        ws.cell(r, 10, MULAI)
        ws.cell(r, 11, TENGGAT)
    filled = tmp / "isi.xlsx"
    wb.save(filled)
    out = recalculate([filled], tmp / "lo")[0]
    return list(zip(rows, places, strict=True)), read_workbook(out)[SHEET], filled


def test_libreoffice_formula_agrees_with_python_on_every_row(recalculated):
    rows, g, _ = recalculated
    for (nilai, kind), row in rows:
        python = status_pada(PER, baca_realisasi(nilai), tenggat=TENGGAT, mulai=MULAI)
        assert g.value(row, 9) == python, (nilai, g.value(row, 9), python)
        if kind != "?":
            assert python == _expected_status(kind), nilai


def test_reader_warns_about_unreadable_realisasi_naming_the_cell(tmp_path):
    src = write_layout(tmp_path / "ra.xlsx", SEED_COLUMNS)
    first, second = read_rencana_aksi(src, per="2022-05-31").aksi[:2]
    wb = openpyxl.load_workbook(src)
    ws = wb.active
    col = next(c.column for row in ws.iter_rows(max_row=5) for c in row if c.value == "REALISASI")
    ws.cell(first.baris, col, "lihat catatan")
    ws.cell(second.baris, col, "belum terlaksana")
    wb.save(src)
    by_row = {a.baris: a for a in read_rencana_aksi(src, per="2022-05-31").aksi}
    letter = openpyxl.utils.get_column_letter(col)
    assert any(f"realisasi \"lihat catatan\" di sel {letter}{first.baris} tidak terbaca" in w
               for w in by_row[first.baris].peringatan)
    assert by_row[first.baris].status != SELESAI and by_row[second.baris].status != SELESAI
    assert not any("tidak terbaca" in w for w in by_row[second.baris].peringatan)
