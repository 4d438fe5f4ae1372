"""Indonesian numbers and dates, written in one place (zi_xl/teks.py)."""

from datetime import date, datetime

import pytest

from zi_xl.teks import angka, nama_bulan, persen, potong, tanggal, tanggal_pendek, waktu


@pytest.mark.parametrize("x,nd,teks", [(18.25, 2, "18,25"), (1234.5, 2, "1.234,50"), (95.7095238, 4, "95,7095"),
                                       (0, 2, "0,00"), (-3.5, 1, "-3,5"), (None, 2, "belum diisi"),
                                       # rounded as Excel shows "0.00": half away from zero on the decimal form
                                       (1.125, 2, "1,13"), (0.875, 2, "0,88"), (2.675, 2, "2,68"),
                                       (-0.005, 2, "-0,01"), (-0.0001, 2, "0,00"), (float("nan"), 2, "-")])
def test_angka(x, nd, teks):
    assert angka(x, nd) == teks


def test_persen_dates_and_cuts():
    assert persen(0.6125) == "61,3%" and persen(1) == "100,0%" and persen(None) == "-"
    assert tanggal(date(2022, 6, 30)) == "30 Juni 2022" and tanggal(datetime(2022, 2, 1, 8)) == "1 Februari 2022"
    assert tanggal_pendek(date(2022, 6, 30)) == "30/06/2022" and tanggal(None) == tanggal_pendek(None) == "-"
    assert waktu(datetime(2022, 6, 30, 14, 5)) == "30 Juni 2022 14.05"
    assert [nama_bulan(m) for m in (1, 8, 12)] == ["Januari", "Agustus", "Desember"]
    assert potong("Terbentuknya  Tim\nKerja ZI", 12) == "Terbentukny…" and potong("pendek", 12) == "pendek"
