"""The pure parts: a semester's months and dates, the regulations in force for an LKE version at the end of a
semester (dates from the regulations' own text), the package's public names."""

from __future__ import annotations

from datetime import date

import pytest

import zi_xl.laporan as laporan
from zi_xl.errors import ZiError
from zi_xl.laporan.gather import regulasi, versi_tahun
from zi_xl.laporan.semester import Semester


def test_semester_months_and_dates():
    s1, s2 = Semester(1, 2022), Semester(2, 2024)
    assert s1.bulan == ["2022-01", "2022-02", "2022-03", "2022-04", "2022-05", "2022-06"]
    assert (s1.mulai, s1.akhir) == (date(2022, 1, 1), date(2022, 6, 30))
    assert s2.bulan[0] == "2024-07" and s2.akhir == date(2024, 12, 31)
    assert s1.nama == "Semester 1 Tahun 2022" and s2.periode == "Juli s.d. Desember 2024"
    assert s1.memuat("2022-06") and not s1.memuat("2022-07") and not s1.memuat("2021-03")
    with pytest.raises(ZiError):
        Semester(3, 2022)


def test_regulations_of_each_version_in_force_at_the_end_of_the_semester():
    kode = lambda versi, akhir: [r["kode"] for r in regulasi(versi, akhir)]        # noqa: E731
    assert kode("2019", date(2020, 12, 31)) == ["permenpanrb-52-2014", "permenpanrb-10-2019"]
    assert kode("2021", date(2022, 6, 30)) == ["permenpanrb-90-2021"]
    # PermenPANRB 5/2024: ditetapkan 15 Juli 2024 (its text, p.2)
    assert kode("2021", date(2024, 6, 30)) == ["permenpanrb-90-2021"]
    assert kode("2021", date(2024, 12, 31)) == ["permenpanrb-90-2021", "permenpanrb-5-2024"]
    # 90/2021 was enacted on 31 Desember 2021 (its text, p.7) and revoked 52/2014 and 10/2019 (Pasal 6)
    assert kode("2021", date(2021, 6, 30)) == []
    assert {r["dicabut"] for r in regulasi("2019", date(2023, 6, 30))} == {date(2021, 12, 31)}


def test_lke_version_of_a_year_without_an_lke():
    assert [versi_tahun(y) for y in (2018, 2019, 2021, 2022, 2023, 2025, 2026)] == \
           ["2014", "2019", "2019", "2021", "2023", "2023", "2026"]


def test_public_names():
    for name in laporan.__all__:
        assert callable(getattr(laporan, name)), name
    with pytest.raises(AttributeError):
        laporan.tidak_ada  # noqa: B018
