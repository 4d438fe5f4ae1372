"""Suggested LKE answers (soal 6, 7, 8, 92 of the 2026 master) from hand-made ledgers and the seed's rencana aksi:
the thresholds as the data file states them, the figures in the reason, never an answer the data do not support."""

from __future__ import annotations

from datetime import date

import pytest

from zi_xl.monev.model import Masukan, Rapat
from zi_xl.monev.saran import data_soal, pilih, saran_6, saran_7, saran_8, saran_92
from zi_xl.rencana_aksi.seed import rencana_aksi_seed


def _ambang(sid):
    return next(s["ambang"] for s in data_soal()["soal"] if s["soal_id"] == sid)


@pytest.mark.parametrize("pct,jawab", [(100, "A"), (99.9, "B"), (50.1, "B"), (50, "C"), (0.1, "C"), (0, "D")])
def test_thresholds_of_6_and_8(pct, jawab):
    assert pilih(_ambang(6), pct) == pilih(_ambang(8), pct) == jawab


@pytest.mark.parametrize("pct,jawab", [(100, "A"), (80.1, "A"), (80, "B"), (50.1, "B"), (50, "C"), (1, "C"),
                                       (0, "D")])
def test_thresholds_of_92_follow_its_own_criteria(pct, jawab):
    assert pilih(_ambang(92), pct) == jawab


def _r(bulan, tgl=None, pimpinan=""):
    return Rapat(bulan, sheet=bulan, tanggal_rapat=date.fromisoformat(tgl) if tgl else None, pimpinan=pimpinan)


@pytest.mark.parametrize("rapat,jawab,kata", [
    ([_r("2023-01", "2023-01-10", "A"), _r("2023-02", "2023-02-10", "A"), _r("2023-03", "2023-03-10", "A")], "A",
     "rapat pada 3 dari 3 bulan"),
    ([_r("2023-01", "2023-01-10", "A"), _r("2023-03", "2023-03-10", "A")], "B", "tanpa rapat: Februari 2023"),
    ([_r("2023-01", "2023-01-10", "A"), _r("2023-02"), _r("2023-03", "2023-03-10", "A")], "B",
     "tanpa rapat: Februari 2023"),
    ([_r("2023-01", "2023-01-10", "A"), _r("2023-02", "2023-02-10", "A"), _r("2023-03")], "A",
     "rapat pada 2 dari 3 bulan"),                  # the last month's meeting may still be ahead
    ([_r("2023-01", "2023-01-10", "A"), _r("2023-02", "2023-02-10"), _r("2023-03", "2023-03-10")], "C",
     "pimpinan tercatat pada 1 dari 3 rapat"),
    ([_r("2023-01", "2023-01-10", "A"), _r("2023-02", "2023-02-10")], "A", "pimpinan tercatat pada 1 dari 2"),
    ([_r("2023-01", "2023-01-10", "A")], "B", "baru satu rapat"),
    ([_r("2023-01"), _r("2023-02")], None, "belum ada rapat monev yang bertanggal"),
])
def test_soal_7_leadership_and_regularity(rapat, jawab, kata):
    s = saran_7(rapat)
    assert s.jawaban == jawab and kata in s.alasan and s.soal_id == 7


def _mk(ident, bulan, status):
    return Masukan(id=ident, bulan_asal=bulan, status=status)


def test_soal_8_counts_masukan_that_had_time():
    rapat = [_r("2023-01", "2023-01-10"), _r("2023-02", "2023-02-10")]
    masukan = [_mk("a", "2023-01", "Selesai"), _mk("b", "2023-01", "Selesai"), _mk("c", "2023-01", "Proses"),
               _mk("d", None, "Selesai"), _mk("e", "2023-02", "Belum")]
    s = saran_8(masukan, rapat)
    assert s.jawaban == "B" and s.data == {"masukan": 4, "selesai": 3, "proses": 1, "belum": 0,
                                           "masukan_bulan_terakhir": 1, "persen": 75.0}
    assert s.alasan.startswith("3 dari 4 masukan selesai ditindaklanjuti (75,0%; 1 proses, 0 belum); 1 masukan "
                               "Februari 2023 belum dihitung")
    assert saran_8([_mk("e", "2023-02", "Belum")], rapat).jawaban is None
    assert saran_8([_mk("a", "2023-01", "Belum")], rapat).jawaban == "D"
    assert saran_8([_mk("a", "2023-01", "Selesai")], rapat).jawaban == "A"


def test_soal_6_and_92_from_the_rencana_aksi_package():
    ra = rencana_aksi_seed(per=date(2022, 5, 31))
    k = ra.ringkasan()["keseluruhan"]
    s6, s92 = saran_6(ra), saran_92(ra)
    due = k["selesai"] + k["terlambat"]
    assert s6.data == {"selesai": k["selesai"], "terlambat": k["terlambat"], "jatuh_tempo": due,
                       "per": "2022-05-31", "persen": round(100 * k["selesai"] / due, 1)}
    assert s6.jawaban == pilih(_ambang(6), 100 * k["selesai"] / due)
    assert f"{k['selesai']} dari {due} langkah aksi yang sudah jatuh tempo per 31 Mei 2022 selesai" in s6.alasan
    assert s92.jawaban == pilih(_ambang(92), 100 * k["selesai"] / k["jumlah"])
    assert "periksa juga target di dokumen perencanaan unit" in s92.alasan
    assert saran_6(None).jawaban is None and "tidak ditautkan" in saran_6(None).alasan
    assert saran_92(None).jawaban is None


def test_reason_quotes_the_official_option():
    s = saran_7([_r("2023-01", "2023-01-10", "A"), _r("2023-02", "2023-02-10", "A")])
    assert s.alasan.endswith("— Jika monitoring dan evaluasi melibatkan pimpinan dan dilakukan secara berkala")
    assert set(s.to_dict()) == {"soal_id", "pertanyaan", "jawaban", "alasan"}
