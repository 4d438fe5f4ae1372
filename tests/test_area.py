"""The six area perubahan, defined once (zi_xl/area.py), as PermenPANRB 90/2021 Tabel 3 (p.43) names them."""

import json

import pytest

from tests.support import REFERENCE
from zi_xl.area import AREA, DAFTAR, LEGENDA_SINGKAT, kenali_area, nama_area, urutan_area
from zi_xl.lke.rules import VERSI, load_rules


def test_names_are_those_of_the_regulation_table():
    text = (REFERENCE / "permenpanrb-90-2021.txt").read_text(encoding="utf-8")
    tabel = text[text.index("Tabel 3. Komponen Pengungkit"):text.index("Tabel 4. Komponen Hasil")]
    for a in DAFTAR:
        assert a.nama in tabel, a.nama
    assert [a.romawi for a in DAFTAR] == ["I", "II", "III", "IV", "V", "VI"]
    assert LEGENDA_SINGKAT.startswith("MP = Manajemen Perubahan, PT = Penataan Tatalaksana")


@pytest.mark.parametrize("teks,kunci", [
    ("I. MANAJEMEN PERUBAHAN", "manajemen_perubahan"), ("Area II Penataan Tatalaksana", "tatalaksana"),
    ("PENATAAN SISTEM MANAJEMEN SDM APARATUR", "sdm"), ("3. Penataan Manajemen Sumber Daya Manusia", "sdm"),
    ("IV. PENGUATAN AKUNTABILITAS", "akuntabilitas"), ("Penguatan Akuntabilitas Kinerja (10)", "akuntabilitas"),
    ("V PENGUATAN PENGAWASAN", "pengawasan"), ("6 Peningkatan Kualitas Pelayanan Publik", "pelayanan"),
    ("PEMENUHAN", None), ("REFORM", None), ("Pelayanan publik yang prima", None), ("", None),
])
def test_kenali_area(teks, kunci):
    assert kenali_area(teks) == kunci


@pytest.mark.parametrize("versi", VERSI)
def test_every_rule_set_area_is_one_of_the_six(versi):
    areas = [n for n in load_rules(versi).nodes if n.tingkat == "area"]
    assert {n.area for n in areas} == set(AREA)
    assert all(kenali_area(n.nama) == n.area for n in areas)


def test_master_2026_sub_areas_are_recognised():
    master = json.loads((REFERENCE / "master-soal-lke-zi-2026.json").read_text(encoding="utf-8"))
    names = []

    def walk(nodes):
        for n in nodes:
            names.append(n.get("nama", ""))
            walk(n.get("children", []))

    walk(master["data"])
    found = {kenali_area(n) for n in names} - {None}
    assert found == set(AREA)


def test_order_and_names():
    assert [urutan_area(a.kunci) for a in DAFTAR] == list(range(6))
    assert urutan_area("Penguatan Pengawasan") == 4 and urutan_area("(tanpa area)") == 6
    assert nama_area("akuntabilitas") == "Penguatan Akuntabilitas Kinerja" and nama_area("Lainnya") == "Lainnya"
