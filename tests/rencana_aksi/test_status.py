"""Status rules at reference dates around month ends, leap days and year boundaries (expected by hand)."""

from datetime import date, datetime

import pytest

from zi_xl.periods import parse_target_waktu
from zi_xl.rencana_aksi.status import (
    BELUM_MULAI,
    BERJALAN,
    BERKELANJUTAN,
    JATUH_TEMPO,
    SELESAI,
    TERLAMBAT,
    TIDAK_TERBACA,
    hitung_status,
    realisasi_selesai,
    status_manual_selesai,
)

D = date


def status_of(text: str, per: date, selesai: bool = False, tahun: int | None = None) -> str:
    t = parse_target_waktu(text, tahun=tahun)
    return hitung_status(per, tenggat=t.tenggat, mulai=t.mulai, berulang=t.berulang, selesai=selesai)


CASES = [
    # month target: before, first day, last day, day after
    ("Maret 2022", D(2022, 2, 28), BELUM_MULAI),
    ("Maret 2022", D(2022, 3, 1), JATUH_TEMPO),
    ("Maret 2022", D(2022, 3, 31), JATUH_TEMPO),
    ("Maret 2022", D(2022, 4, 1), TERLAMBAT),
    # leap year: February 2024 ends on the 29th
    ("Februari 2024", D(2024, 2, 28), JATUH_TEMPO),
    ("Februari 2024", D(2024, 2, 29), JATUH_TEMPO),
    ("Februari 2024", D(2024, 3, 1), TERLAMBAT),
    ("Februari 2023", D(2023, 2, 28), JATUH_TEMPO),
    ("Februari 2023", D(2023, 3, 1), TERLAMBAT),
    ("29 Februari 2024", D(2024, 2, 29), JATUH_TEMPO),
    ("29/02/2024", D(2024, 3, 1), TERLAMBAT),
    ("29 Februari 2024", D(2024, 1, 31), BELUM_MULAI),
    # year boundaries
    ("Desember 2022", D(2022, 12, 31), JATUH_TEMPO),
    ("Desember 2022", D(2023, 1, 1), TERLAMBAT),
    ("Januari 2023", D(2022, 12, 31), BELUM_MULAI),
    ("Januari 2023", D(2023, 1, 1), JATUH_TEMPO),
    ("November 2021", D(2022, 5, 31), TERLAMBAT),
    # a whole-year range: running, then due in December, then late
    ("Januari-Desember 2022", D(2021, 12, 31), BELUM_MULAI),
    ("Januari-Desember 2022", D(2022, 1, 1), BERJALAN),
    ("Januari-Desember 2022", D(2022, 11, 30), BERJALAN),
    ("Januari-Desember 2022", D(2022, 12, 1), JATUH_TEMPO),
    ("Januari-Desember 2022", D(2023, 1, 1), TERLAMBAT),
    # range ending this month vs. next
    ("Januari s.d Mei 2022", D(2022, 5, 31), JATUH_TEMPO),
    ("Januari s.d Mei 2022", D(2022, 4, 30), BERJALAN),
    ("Januari s.d Pebruari 2022", D(2022, 3, 1), TERLAMBAT),
    # an explicit date earlier in the same month has passed: late, not "due this month"
    ("10 Mei 2022", D(2022, 5, 20), TERLAMBAT),
    ("30 Mei 2022", D(2022, 5, 20), JATUH_TEMPO),
    ("30 Mei 2022", D(2022, 4, 30), BELUM_MULAI),
    # quarters / semesters
    ("Triwulan I 2022", D(2022, 3, 31), JATUH_TEMPO),
    ("Triwulan I 2022", D(2022, 2, 15), BERJALAN),
    ("Semester 2 2022", D(2022, 6, 30), BELUM_MULAI),
    ("Semester 2 2022", D(2022, 12, 31), JATUH_TEMPO),
    # recurring and unreadable never become late
    ("Setiap ada pertemuan", D(2030, 1, 1), BERKELANJUTAN),
    ("Segera", D(2022, 5, 31), TIDAK_TERBACA),
    ("", D(2022, 5, 31), TIDAK_TERBACA),
]


@pytest.mark.parametrize("text,per,expected", CASES)
def test_status_at_reference_dates(text, per, expected):
    assert status_of(text, per) == expected


@pytest.mark.parametrize("text", ["Maret 2022", "Setiap bulan", "Segera", "Januari 2030"])
def test_done_wins_over_everything(text):
    assert status_of(text, D(2022, 5, 31), selesai=True) == SELESAI


def test_year_from_document():
    assert status_of("Mei", D(2022, 5, 31), tahun=2022) == JATUH_TEMPO
    assert status_of("Mei", D(2022, 5, 31)) == TIDAK_TERBACA


def test_unknown_start_is_running_until_due():
    assert hitung_status(D(2022, 1, 1), tenggat=D(2022, 6, 30)) == BERJALAN
    assert hitung_status(D(2022, 6, 1), tenggat=D(2022, 6, 30)) == JATUH_TEMPO


@pytest.mark.parametrize("value,done", [
    (None, False), ("", False), ("  ", False), ("-", False), ("Belum", False), ("belum  selesai", False),
    ("Dalam proses", False), (0, False), (0.0, False),
    (D(2022, 1, 20), True), (datetime(2022, 1, 20), True), ("Selesai", True), ("20/01/2022", True),
    ("sudah", True), (44581, True),
])
def test_realisasi_selesai(value, done):
    assert realisasi_selesai(value) is done


@pytest.mark.parametrize("value,done", [
    ("Selesai", True), ("Sudah dilaksanakan", True), ("100%", True), ("Terlaksana", True), ("Tuntas", True),
    ("Belum selesai", False), ("Tidak terlaksana", False), ("Proses", False), ("", False), (None, False),
    ("50%", False),
])
def test_status_manual(value, done):
    assert status_manual_selesai(value) is done


def test_a_plan_seen_on_an_earlier_date_counts_only_what_was_done_by_then():
    """The example's row 17 was done on 30 March 2022 (target "Maret 2022") and row 72 on 31 March ("Januari-Maret
    2022"). On 28 February neither was done: row 17 had not started (its month begins 1 March), row 72 was running;
    on 31 March both are done."""
    from tests.support import WORKBOOKS
    from zi_xl.rencana_aksi.reader import read_rencana_aksi

    ra = read_rencana_aksi(WORKBOOKS / "rencana-aksi-contoh.xlsx")
    baris = {a.baris: a for a in ra.pada(date(2022, 2, 28)).aksi}
    assert (baris[17].status, baris[72].status) == ("Belum mulai", "Berjalan")
    baris = {a.baris: a for a in ra.pada(date(2022, 3, 31)).aksi}
    assert (baris[17].status, baris[72].status) == ("Selesai", "Selesai")
