"""The official 90/2021 workbook: rule import, the workbook's own totals, and its known anomalies."""

import json
from pathlib import Path

import pytest

from tests.support import REFERENCE
from zi_xl.lke.reader import read_lke
from zi_xl.lke.rules import data_path, load_rules
from zi_xl.lke.rules.derive import build_2021, build_2023


@pytest.fixture(scope="module")
def hasil(ref_lke):
    return read_lke(ref_lke)


def test_import_reproduces_shipped_2021_exactly(ref_lke):
    shipped = json.loads(Path(data_path("lke-2021.json")).read_text(encoding="utf-8"))
    assert build_2021(ref_lke).to_dict() == shipped


def test_2023_variant_reproduces_shipped(ref_lke):
    shipped = json.loads(Path(data_path("lke-2023.json")).read_text(encoding="utf-8"))
    got = build_2023(build_2021(ref_lke), REFERENCE / "master-soal-lke-zi-2026.json")
    assert got.to_dict() == shipped
    names = [n.nama for n in got.nodes]
    assert not any("LHKASN" in n for n in names)
    assert any("Non LHKPN" in n for n in names)


def test_2021_tree_matches_the_regulation_weights():
    r = load_rules("2021")
    areas = [(n.induk, n.area, n.bobot) for n in r.nodes if n.tingkat == "area"]
    expected = [("manajemen_perubahan", 4), ("tatalaksana", 3.5), ("sdm", 5), ("akuntabilitas", 5),
                ("pengawasan", 7.5), ("pelayanan", 5)]
    assert [(a, b) for _, a, b in areas if _ == "A.I"] == expected
    assert [(a, b) for _, a, b in areas if _ == "A.II"] == expected
    assert r.node("A").bobot == 60 and r.node("B").bobot == 40
    assert [(n.peran, n.bobot, n.jenis) for n in r.children("B.I")] == [
        (["ipak"], 17.5, "nilai_0_4"), (["capaian_kinerja"], 5, "abcde")]
    assert [(n.peran, n.bobot) for n in r.children("B.II")] == [(["ipkp"], 17.5)]
    for n in r.nodes:  # children's weights add up to the parent's, wherever the parent sums them
        kids = [k for k in r.children(n.id) if k.bobot is not None]
        if n.agregasi == "jumlah" and kids:
            assert sum(k.bobot for k in kids) == pytest.approx(n.bobot), n.id
    q = [n for n in r.nodes if n.tingkat == "pertanyaan"]
    # counted by hand in the official sheet: Pemenuhan 12+9+18+11+18+19 = 87, Reform 4+6+3+3+4+3 = 23
    assert len([n for n in q if n.id.startswith("A.I.")]) == 87
    assert len(q) == 110
    assert {n.jenis for n in q} == {"ya_tidak", "abc", "abcd", "abcde", "persen"}


def test_importer_records_the_j8_fix_and_percentage_formulas():
    r = load_rules("2021")
    q = r.node("A.I.1.i.a")
    assert q.jenis == "ya_tidak" and any("J8" in c and "validasi" in c for c in q.catatan)
    assert r.node("A.II.3.iii.a").rumus["jenis"] == "penurunan"
    lhkpn = r.node("A.II.5.iii.i.1")
    assert lhkpn.rumus["jenis"] == "rasio"
    harus = lhkpn.isian[0]
    assert harus["rumus"] == {"jenis": "jumlah", "wajib": [i["id"] for i in lhkpn.isian[1:4]],
                              "dari": [i["id"] for i in lhkpn.isian[1:4]]}
    assert lhkpn.rumus["penyebut"] == harus["id"] and lhkpn.rumus["pembilang"] == lhkpn.isian[4]["id"]


def test_reference_totals_and_known_anomalies(hasil):
    # regulation values worked by hand: every answer in the file is the best one except
    #  - Reform MP i.b: 1 of 7 changes integrated → (1 + 1/7)/2 × 2 = 1.142857 (indikator weight 2)
    #  - Akuntabilitas i: 3 of 5 targets → 0.6 × 2 = 1.2
    #  - Pengaduan: 1 of 6 done → 1/6 × 3 = 0.5
    #  - LHKPN 13 of 15 (1+1+13) and LHKASN 12 of 12 → 13/15 + 1 = 1.866667 (official cell gives 1.733333)
    reform = 30 - (2 - 8 / 7) - (2 - 1.2) - (3 - 0.5) - (2 - (13 / 15 + 1))
    assert hasil.nilai("pengungkit") == pytest.approx(30 + reform, abs=1e-9)
    assert hasil.nilai("hasil") == pytest.approx(40)
    cached = {a.sel: a.nilai_berkas for a in hasil.anomali}
    # the workbook's own cached totals (Pengungkit 55.576…, total 95.576…) are reported, not followed
    assert cached["L4"] == pytest.approx(55.576190476190476)
    assert cached["L208"] == pytest.approx(95.57619047619048)
    assert hasil.nilai("total") - cached["L208"] == pytest.approx(2 * (13 / 15 + 1) / 2 - 1.7333333333333334,
                                                                 abs=1e-9)
    by = {a.sel: a for a in hasil.anomali}
    assert "J8" in by["L8"].pesan and by["L8"].nilai_berkas == "-" and by["L8"].nilai_aturan == 1.0
    assert "L183" in by["L175"].pesan and "L177" in by["L175"].pesan
    assert by["L175"].nilai_aturan == pytest.approx(13 / 15 + 1)
    assert set(by) == {"L4", "L8", "L125", "L167", "L175", "L198", "L208"}


def test_every_other_node_equals_the_workbook_cached_value(hasil):
    from zi_xl.xlsx.read import read_workbook

    g = read_workbook(hasil.berkas)["LKE ZI"]
    anomalous = {int(a.sel[1:]) for a in hasil.anomali}
    checked = 0
    for n in hasil.rules.nodes:
        row = hasil.baris[n.id]
        if row in anomalous:
            continue
        wb = g.value(row, 12)
        reg = hasil.unit.skor.nodes[n.id].nilai
        assert isinstance(wb, int | float) and wb == pytest.approx(reg, abs=1e-9), (n.id, wb, reg)
        checked += 1
    assert checked >= 160
