"""Banding (unit vs TPI and any other source): differences worked by hand on a small LKE, totals equal to the
difference of the two sources' scores on generated workbooks, the CLI and the "Banding Jawaban" sheet."""

from __future__ import annotations

import json

import openpyxl
import pytest

from tests.support import run_cli
from tests.support.jawaban import RULES, tulis_jawaban
from tests.support.lke_answers import varied_answers
from zi_xl.errors import ZiError
from zi_xl.lke.banding import SHEET_BANDING, banding, banding_semua, kontribusi
from zi_xl.lke.model import HasilLKE, Penilaian
from zi_xl.lke.predikat import area_gabungan, tentukan
from zi_xl.lke.reader import read_lke
from zi_xl.lke.rules import Node, RuleSet
from zi_xl.lke.scoring import hitung

# --------------------------------------------------------------------------------------------- a small LKE
KECIL = RuleSet("uji", "LKE uji", {}, [
    Node("A", None, "komponen", "PENGUNGKIT", bobot=10, peran=["pengungkit"], agregasi="jumlah"),
    Node("A.1", "A", "area", "MANAJEMEN PERUBAHAN", bobot=10, area="manajemen_perubahan", agregasi="jumlah"),
    Node("A.1.i", "A.1", "indikator", "Tim kerja", bobot=4, agregasi="rata_rata"),
    Node("A.1.i.a", "A.1.i", "pertanyaan", "Tim sudah dibentuk", jenis="ya_tidak"),
    Node("A.1.i.b", "A.1.i", "pertanyaan", "Anggota dipilih terbuka", jenis="abc"),
    Node("A.1.ii", "A.1", "indikator", "Rencana pembangunan", bobot=6, agregasi="rata_rata"),
    Node("A.1.ii.a", "A.1.ii", "pertanyaan", "Ada dokumen rencana", jenis="abcd"),
    Node("A.1.ii.b", "A.1.ii", "pertanyaan", "Target prioritas", jenis="abcde"),
    Node("A.1.ii.c", "A.1.ii", "pertanyaan", "Media sosialisasi", jenis="abc"),
    Node("B", None, "komponen", "HASIL", bobot=10, peran=["hasil"], agregasi="jumlah"),
    Node("B.a", "B", "indikator", "Survei IPAK", bobot=10, jenis="nilai_0_4", peran=["ipak"], agregasi="jawaban"),
])
BATAS = {"sumber": "uji",
         "WBK": [{"kode": "total", "syarat": "Nilai total", "jenis": "nilai", "peran": "total", "min": 15},
                 {"kode": "area", "syarat": "Area", "jenis": "area_persen", "min": 0.6}],
         "WBBM": [{"kode": "area", "syarat": "Area", "jenis": "area_persen", "min": 0.75}]}
UNIT = {"A.1.i.a": "Ya", "A.1.i.b": "B", "A.1.ii.a": "A", "A.1.ii.b": "C", "B.a": 3.2}
TPI = {"A.1.i.a": "Ya", "A.1.i.b": "C", "A.1.ii.a": "B", "A.1.ii.b": "C", "A.1.ii.c": "A", "B.a": 3.2}


def _hasil(rules: RuleSet, sources: list[tuple[str, str, dict]], batas: dict = BATAS) -> HasilLKE:
    ps = []
    for nama, kolom, ans in sources:
        sk = hitung(rules, ans)
        ps.append(Penilaian(nama, sk, tentukan(rules, sk, batas), kolom=kolom, kosong=not ans,
                            judul="" if nama == "unit" else f"Jawaban {nama.upper()}"))
    baris = {n.id: i + 5 for i, n in enumerate(rules.nodes)}
    return HasilLKE("uji.xlsx", "LKE ZI", rules, ps, baris=baris)


def test_differences_worked_by_hand():
    """Unit: A.1.i = AVG(1, 0.5)×4 = 3; A.1.ii = AVG(1, 0.5)×6 = 4.5 (c blank); IPAK 3.2/4×10 = 8 → 15.5.
    TPI: A.1.i = AVG(1, 0)×4 = 2; A.1.ii = AVG(0.67, 0.5, 1)×6 = 4.34; IPAK 8 → 14.34.
    A question's worth = value × bobot / answered: unit A.1.ii factor 6/2 = 3, TPI 6/3 = 2."""
    b = banding(_hasil(KECIL, [("unit", "K", UNIT), ("tpi", "N", TPI)]))
    assert (b.a.jawaban, b.b.jawaban) == ("unit", "tpi")
    got = {q.id: round(q.selisih, 9) for q in b.pertanyaan}
    assert got == {"A.1.i.a": 0.0, "A.1.i.b": 1.0, "A.1.ii.a": 1.66, "A.1.ii.b": 0.5, "A.1.ii.c": -2.0, "B.a": 0.0}
    # sorted by impact: |−2| > 1.66 > 1 > 0.5, then the equal ones (different answers first), LKE order
    assert [q.id for q in b.pertanyaan] == ["A.1.ii.c", "A.1.ii.a", "A.1.i.b", "A.1.ii.b", "A.1.i.a", "B.a"]
    # the same letter C can be worth more or less: the unit answered 2 questions there, the TPI 3
    ii_b = next(q for q in b.pertanyaan if q.id == "A.1.ii.b")
    assert (ii_b.jawaban_a, ii_b.jawaban_b, ii_b.berbeda) == ("C", "C", False)
    assert (ii_b.nilai_a, ii_b.nilai_b) == pytest.approx((1.5, 1.0))
    assert b.jawaban_berbeda == 3                                   # i.b B/C, ii.a A/B, ii.c blank/A
    assert {i.id: round(i.selisih, 9) for i in b.indikator} == {"A.1.i": 1.0, "A.1.ii": 0.16, "B.a": 0.0}
    assert [i.id for i in b.indikator] == ["A.1.i", "A.1.ii", "B.a"]
    assert b.selisih == pytest.approx({"pengungkit": 1.16, "hasil": 0.0, "total": 1.16})
    (area,) = b.area
    assert (area.nilai_a, area.nilai_b, area.selisih) == pytest.approx((7.5, 6.34, 1.16))
    # thresholds crossed: total 15 (15.5 vs 14.34) and area WBK 60%? no: 75% vs 63.4% both ≥ 60%; WBBM 75%: yes
    crossed = [(s.predikat, s.syarat, s.terpenuhi_a, s.terpenuhi_b) for s in b.syarat]
    assert crossed == [("WBK", "Nilai total", True, False),
                       ("WBBM", "Area Manajemen Perubahan (% bobot)", True, False)]
    assert b.a.hasil == "WBBM" and b.b.hasil == "Tidak memenuhi"
    # cells: the question's row in each source's column
    assert next(q for q in b.pertanyaan if q.id == "A.1.i.b").sel_a == f"K{5 + 4}"
    assert next(q for q in b.pertanyaan if q.id == "A.1.i.b").sel_b == f"N{5 + 4}"
    text = b.syarat[0].teks("Jawaban unit", "Jawaban TPI")
    assert text == ("[WBK] Nilai total (batas 15,00): terpenuhi menurut Jawaban unit (15,50), tidak menurut "
                    "Jawaban TPI (14,34)")


def test_contributions_add_up_to_each_total():
    h = _hasil(KECIL, [("unit", "K", UNIT), ("tpi", "N", TPI)])
    for p in h.sumber:
        assert sum(kontribusi(KECIL, p).values()) == pytest.approx(p.skor.total)


def test_sources_are_chosen_by_name_or_column_and_errors_are_indonesian():
    h = _hasil(KECIL, [("unit", "K", UNIT), ("tpi", "N", TPI), ("tpi itjen", "R", {})])
    assert banding(h, "n", "k").a.jawaban == "tpi"                  # column letters
    assert [x.b.jawaban for x in banding_semua(h)] == ["tpi"]        # the empty source is left out
    with pytest.raises(ZiError, match="sumber jawaban 'tpn' tidak ada di sheet"):
        banding(h, "unit", "tpn")
    with pytest.raises(ZiError, match="tidak ada sumber jawaban lain yang terisi"):
        banding(_hasil(KECIL, [("unit", "K", UNIT)]))


# --------------------------------------------------------------------------------------------- generated LKE
@pytest.fixture(scope="module")
def lke_tiga_sumber(tmp_path_factory):
    p = tmp_path_factory.mktemp("banding") / "tiga-sumber.xlsx"
    itjen = varied_answers(RULES, 33)
    tulis_jawaban(p, varied_answers(RULES, 31), varied_answers(RULES, 32), tukar_huruf={"A.I.1.i"},
                  sumber=[("Jawaban TPI Itjen", itjen, True)])
    return p


def test_totals_equal_the_difference_of_the_scores(lke_tiga_sumber):
    h = read_lke(lke_tiga_sumber)
    daftar = banding_semua(h)
    assert [(b.a.jawaban, b.b.jawaban) for b in daftar] == [("unit", "tpi"), ("unit", "tpi itjen")]
    for b in daftar:
        assert sum(q.selisih for q in b.pertanyaan) == pytest.approx(b.a.skor.total - b.b.skor.total)
        assert b.selisih["total"] == pytest.approx(b.a.skor.total - b.b.skor.total)
        # per indicator: the questions below it add up to its difference
        for i in b.indikator:
            below = [q for q in b.pertanyaan if q.id.startswith(i.id + ".")]
            if below and all(h.rules.node(q.id).induk == i.id for q in below):
                assert sum(q.selisih for q in below) == pytest.approx(i.selisih)
        # per area (Pemenuhan + Reform): as the verdict adds them
        ga = {k: v for k, v, _ in area_gabungan(h.rules, b.a.skor)}
        gb = {k: v for k, v, _ in area_gabungan(h.rules, b.b.skor)}
        for a in b.area:
            assert a.selisih == pytest.approx((ga[a.id] or 0) - (gb[a.id] or 0))
            assert sum(q.selisih for q in b.pertanyaan if q.area == a.id) == pytest.approx(a.selisih)
        # the differing answers: normalised answers differ (a percentage: its scored, capped value)
        def seen(p, q):
            return p.skor.nodes[q.id].nilai if q.jenis == "persen" else p.skor.nodes[q.id].jawaban

        want = sum(1 for q in h.rules.questions() if seen(b.a, q) != seen(b.b, q))
        assert b.jawaban_berbeda == want > 0
        changed = {(s.predikat, s.syarat) for s in b.syarat}
        expect = {(x.predikat, x.syarat) for x, y in zip(b.a.predikat.syarat, b.b.predikat.syarat, strict=True)
                  if x.terpenuhi != y.terpenuhi}
        assert changed == expect


def test_cli_table_json_and_the_sheet(lke_tiga_sumber, tmp_path):
    r = run_cli("banding", lke_tiga_sumber)
    assert r.returncode == 0, r.stderr
    assert "Jawaban unit (kolom K) dibanding Jawaban TPI (kolom N)" in r.stdout
    assert "Jawaban TPI Itjen" in r.stdout and "Syarat predikat yang dilintasi" in r.stdout
    r = run_cli("banding", lke_tiga_sumber, "--dengan", "tpi", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    (b,) = d["banding"]
    h = read_lke(lke_tiga_sumber)
    assert b["selisih"]["total"] == pytest.approx(h.unit.skor.total - h.tpi.skor.total)
    assert {"a", "b", "selisih", "jawaban_berbeda", "syarat_berubah", "area", "indikator", "pertanyaan"} <= set(b)
    assert abs(b["pertanyaan"][0]["selisih"]) >= abs(b["pertanyaan"][-1]["selisih"])
    out = tmp_path / "banding.xlsx"
    r = run_cli("banding", lke_tiga_sumber, "-o", out)
    assert r.returncode == 0, r.stderr
    assert f"sheet '{SHEET_BANDING}'" in r.stdout
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Jawaban", SHEET_BANDING]
    ws = wb[SHEET_BANDING]
    col_a = [c.value for c in ws["A"] if c.value]
    assert col_a[0] == "Banding Jawaban LKE Zona Integritas"
    assert "Jawaban unit dibanding Jawaban TPI" in col_a and "Jawaban unit dibanding Jawaban TPI Itjen" in col_a


def test_cli_without_a_second_source_says_so(tmp_path):
    p = tmp_path / "sendiri.xlsx"
    tulis_jawaban(p, varied_answers(RULES, 5))
    r = run_cli("banding", p)
    assert r.returncode == 2
    assert "tidak ada sumber jawaban lain yang terisi" in r.stderr and "Traceback" not in r.stderr
