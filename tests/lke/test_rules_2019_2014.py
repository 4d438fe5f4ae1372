"""The shipped 10/2019 and 52/2014 rule sets: derived by tools/build_rules_2019.py, weights as in the seed."""

from __future__ import annotations

import importlib.util
import json

import pytest

from tests.support import REFERENCE, ROOT
from zi_xl.lke.rules import NILAI_PILIHAN, data_path, load_rules
from zi_xl.lke.scoring import hitung

REF = REFERENCE
SQL = REF / "wbk-siapzi-2019.sql"


def _tool():
    spec = importlib.util.spec_from_file_location("build_rules_2019", ROOT / "tools" / "build_rules_2019.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


tool = _tool()

# Written by hand from the seed (shared/seeds/000_51d3a08af0ad7292.txt, BAB III 3.1 tables); the last two
# Pelayanan indicators follow the figures in their names (3, 4), not the swapped SCORE column (4,0 / 3,0).
SEED_2019 = {
    "A.1": (8, [1, 2, 2, 3]),
    "A.2": (7, [2, 4, 1]),
    "A.3": (10, [0.5, 1, 2.5, 4, 1.5, 0.5]),
    "A.4": (10, [5, 5]),
    "A.5": (15, [3, 3, 3, 3, 3]),
    "A.6": (10, [3, 3, 4]),
}
AREA_KEYS = ["manajemen_perubahan", "tatalaksana", "sdm", "akuntabilitas", "pengawasan", "pelayanan"]
AREA_2014 = [5, 5, 15, 10, 15, 10]
# Questions per area in the SIAPZI extract (abcsoal per nomorsoal, counted by hand from the SQL file).
SOAL_PER_AREA = {"A.1": 12, "A.2": 9, "A.3": 18, "A.4": 11, "A.5": 19, "A.6": 12}


@pytest.fixture(scope="module")
def r2019():
    return load_rules("2019")


@pytest.fixture(scope="module")
def r2014():
    return load_rules("2014")


# ---------------------------------------------------------------- shipped == generated
def test_shipped_2019_equals_tool_output():
    assert SQL.exists(), f"{SQL} missing: shared/ must sit beside the checkout"
    shipped = json.loads(data_path("lke-2019.json").read_text(encoding="utf-8"))
    assert tool.build_2019(SQL).to_dict() == shipped
    assert data_path("lke-2019.json").read_text(encoding="utf-8") == tool.build_2019(SQL).to_json()


def test_shipped_2014_equals_tool_output():
    shipped = json.loads(data_path("lke-2014.json").read_text(encoding="utf-8"))
    assert tool.build_2014().to_dict() == shipped
    assert data_path("lke-2014.json").read_text(encoding="utf-8") == tool.build_2014().to_json()


# ---------------------------------------------------------------- structure and weights
def test_load(r2019, r2014):
    assert (r2019.versi, r2019.nama) == ("2019", "LKE ZI PermenPANRB 10/2019")
    assert (r2014.versi, r2014.nama) == ("2014", "LKE ZI PermenPANRB 52/2014")
    for r in (r2019, r2014):
        assert [n.id for n in r.roots()] == ["A", "B"]
        assert "regulasi" in r.sumber and r.sumber["pembangkit"] == "tools/build_rules_2019.py"
    assert "wbk-siapzi-2019.sql" == r2019.sumber["berkas"]
    assert "000_51d3a08af0ad7292.txt" in r2019.sumber["bobot"]


def test_2019_weights_as_seed(r2019):
    areas = r2019.children("A")
    assert [a.id for a in areas] == list(SEED_2019)
    assert [a.area for a in areas] == AREA_KEYS
    assert all(a.tingkat == "area" for a in areas)
    for a in areas:
        bobot, ind = SEED_2019[a.id]
        assert a.bobot == bobot
        kids = r2019.children(a.id)
        assert [k.bobot for k in kids] == ind
        assert sum(k.bobot for k in kids) == pytest.approx(a.bobot)
        assert [k.id for k in kids] == [f"{a.id}.{r}" for r in ["i", "ii", "iii", "iv", "v", "vi"][:len(ind)]]
    assert r2019.node("A.1.iii").nama == "Pemantauan dan Evaluasi Pembangunan WBK/WBBM"
    assert r2019.node("A.6.ii").nama == "Budaya Pelayanan Prima" and r2019.node("A.6.ii").bobot == 3
    assert r2019.node("A.6.iii").nama == "Penilaian kepuasan terhadap pelayanan" and r2019.node("A.6.iii").bobot == 4
    assert any("tertukar" in c for c in r2019.node("A.6").catatan)
    assert any("tertukar" in c for c in r2019.node("A.6.iii").catatan)


@pytest.mark.parametrize("versi", ["2019", "2014"])
def test_totals_and_hasil(versi):
    r = load_rules(versi)
    a, b = r.node("A"), r.node("B")
    assert a.bobot == 60 and sum(k.bobot for k in r.children("A")) == pytest.approx(60)
    assert b.bobot == 40 and sum(k.bobot for k in r.children("B")) == pytest.approx(40)
    assert [(n.id, n.bobot) for n in r.children("B")] == [("B.I", 20), ("B.II", 20)]
    assert [(n.id, n.bobot) for n in r.children("B.I")] == [("B.I.a", 15), ("B.I.b", 5)]
    assert [(n.id, n.bobot) for n in r.children("B.II")] == [("B.II.a", 20)]
    peran = {p: [n.id for n in r.with_peran(p)] for p in
             ("pengungkit", "hasil", "bersih", "ipak", "tlhp", "pelayanan_hasil", "ipkp")}
    assert peran == {"pengungkit": ["A"], "hasil": ["B"], "bersih": ["B.I"], "ipak": ["B.I.a"],
                     "tlhp": ["B.I.b"], "pelayanan_hasil": ["B.II"], "ipkp": ["B.II.a"]}
    assert r.node("B.I.a").jenis == r.node("B.II.a").jenis == "nilai_0_4"
    assert r.node("B.I.b").agregasi == "rata_rata"
    (tlhp_q,) = r.children("B.I.b")
    assert tlhp_q.jenis == "persen" and not tlhp_q.rumus


def test_2014_areas(r2014):
    areas = r2014.children("A")
    assert [a.bobot for a in areas] == AREA_2014
    assert [a.area for a in areas] == AREA_KEYS
    assert areas[3].nama == "PENGUATAN AKUNTABILITAS KINERJA" and areas[4].nama == "PENGUATAN PENGAWASAN"
    for a in areas:
        assert a.tingkat == "area" and a.jenis == "nilai_langsung" and not r2014.children(a.id)
        assert any("dijawab langsung" in c for c in a.catatan)


def test_2019_questions(r2019):
    qs = [n for n in r2019.nodes if n.tingkat == "pertanyaan"]
    assert len(qs) == 81 + 1  # 81 SIAPZI questions + the TLHP percentage
    for area, n in SOAL_PER_AREA.items():
        assert len([q for q in qs if q.id.startswith(area + ".")]) == n
    valid = set(NILAI_PILIHAN) | {"persen"}
    for q in qs:
        assert q.jenis in valid, q.id
        assert q.nama and "\r" not in q.nama and "  " not in q.nama
        if q.id.startswith("A."):
            # every jenis is either read from SQL options or reconstructed, and says so
            assert any(c.startswith(("jenis direkonstruksi:", "jenis dari pilihan jawaban SQL")) for c in q.catatan)
            assert q.penjelasan and "<" not in q.penjelasan and "&nbsp;" not in q.penjelasan
    # no SQL option set belongs to its question in this extract: all 81 are reconstructed
    rekon = [q for q in qs if any(c.startswith("jenis direkonstruksi:") for c in q.catatan)]
    assert len(rekon) == 81
    q = r2019.node("A.1.i.a")
    assert q.kode == "a." and q.nama.startswith("Apakah unit kerja telah membentuk tim kerja WBK / WBBM")
    assert any("tidak dipakai" in c and "Tim Reformasi Birokrasi" in c for c in q.catatan)
    assert r2019.node("A.3.v.1").kode == "-"  # no letter in the SQL
    # all indicators have SQL questions → none is answered directly
    assert not [n for n in r2019.nodes if n.tingkat == "indikator" and n.jenis == "nilai_langsung"]


def test_baris_in_tree_order(r2019, r2014):
    for r in (r2019, r2014):
        assert [n.baris for n in r.nodes] == list(range(4, 4 + len(r.nodes)))
    assert r2019.node("A").baris == 4 and r2019.node("A.1").baris == 5 and r2019.node("A.1.i.a").baris == 7


# ---------------------------------------------------------------- tool helpers
def test_jenis_dari_pilihan():
    f = tool.jenis_dari_pilihan
    assert f(["Ya", "Tidak"]) == "ya_tidak"
    assert f(["a. x", "b. y", "c. z"]) == "abc"
    assert f(["a. x", "b. y", "c. z", "d. w"]) == "abcd"
    assert f(["A) x", "B) y", "C) z", "D) w", "E) v"]) == "abcde"
    assert f(["a. x", "b. y"]) is None
    assert f(["sangat baik", "baik"]) is None


def test_sql_parser_and_html():
    sql = ("-- comment\nCREATE TABLE `t` (`id` int);\n"
           "insert  into `t`(`id`,`nama`,`x`) values \n(1,'a. it\\'s\\r\\nok','<p>A&amp;B</p>'),\n"
           "(2,'don''t',NULL),(3,'',-1.5);\n")
    rows = tool.parse_mysql_inserts(sql)["t"]
    assert rows == [{"id": 1, "nama": "a. it's\r\nok", "x": "<p>A&amp;B</p>"},
                    {"id": 2, "nama": "don't", "x": None}, {"id": 3, "nama": "", "x": -1.5}]
    assert tool.pisah_kode("b. Apakah\r\n tim  ada ?") == ("b", "Apakah tim ada?")
    assert tool.pisah_kode("Data dimutakhirkan.") == (None, "Data dimutakhirkan.")
    src = "<p>a.&nbsp;Satu,</p>\r\n\r\n<ol>\r\n\t<li>x</li>\r\n\t<li>y</li>\r\n</ol><p>b<br />c</p>"
    assert tool.html_ke_teks(src) == "a. Satu,\n1. x\n2. y\nb\nc"


# ---------------------------------------------------------------- scoring
def _terbaik(r):
    best = {"ya_tidak": "Ya", "abc": "A", "abcd": "A", "abcde": "A", "persen": "100%"}
    return {q.id: best[q.jenis] for q in r.nodes if q.tingkat == "pertanyaan" and q.id.startswith("A.")}


def test_scoring_2019_hand_computed(r2019):
    jaw = _terbaik(r2019) | {"B.I.a": "3,60", "B.I.b.1": "80%", "B.II.a": 3.0}
    s = hitung(r2019, jaw)
    assert not s.peringatan
    assert s.nodes["A"].nilai == pytest.approx(60)
    for a in r2019.children("A"):
        assert s.nodes[a.id].nilai == pytest.approx(a.bobot)
    assert s.nodes["B.I.a"].nilai == pytest.approx(13.5)   # 3.6 / 4 × 15
    assert s.nodes["B.I.b"].nilai == pytest.approx(4.0)    # 80 % × 5
    assert s.nodes["B.I"].nilai == pytest.approx(17.5)
    assert s.nodes["B.II.a"].nilai == pytest.approx(15)    # 3.0 / 4 × 20
    assert s.nodes["B"].nilai == pytest.approx(32.5)

    # Tim Kerja (bobot 1): a = Ya (1), b = B (0.5) → AVERAGE 0.75 → 0.75
    # Rencana (bobot 2): a = Tidak (0), b = A (1), c unanswered → AVERAGE 0.5 → 1.0
    # Pemantauan (bobot 2, A/B/C/D): B, C, D → (0.67 + 0.33 + 0) / 3 × 2 = 0.6667
    # Penegakan disiplin (bobot 1.5, one A/B/C/D question): B → 0.67 × 1.5 = 1.005
    jaw2 = {"A.1.i.a": "ya", "A.1.i.b": "b", "A.1.ii.a": "Tidak", "A.1.ii.b": "A",
            "A.1.iii.a": "B", "A.1.iii.b": "C", "A.1.iii.c": "D", "A.3.v.1": "B", "B.I.b.1": 120}
    s2 = hitung(r2019, jaw2)
    assert s2.nodes["A.1.i"].nilai == pytest.approx(0.75)
    assert s2.nodes["A.1.ii"].nilai == pytest.approx(1.0)
    assert s2.nodes["A.1.ii"].belum_diisi == 1
    assert s2.nodes["A.1.iii"].nilai == pytest.approx(2 / 3)
    assert s2.nodes["A.1.iv"].nilai is None
    assert s2.nodes["A.1"].nilai == pytest.approx(0.75 + 1.0 + 2 / 3)
    assert s2.nodes["A.3.v"].nilai == pytest.approx(1.005)
    assert s2.nodes["B.I.b"].nilai == pytest.approx(5.0)   # 120 % capped at 100 %


def test_scoring_2014_hand_computed(r2014):
    jaw = {"A.1": 4.5, "A.2": "4,25", "A.3": 12, "A.4": 8, "A.5": 13.5, "A.6": 9,
           "B.I.a": 3.6, "B.I.b.1": "80", "B.II.a": "3"}
    s = hitung(r2014, jaw)
    assert not s.peringatan
    assert s.nodes["A"].nilai == pytest.approx(4.5 + 4.25 + 12 + 8 + 13.5 + 9)  # 51.25
    assert s.nodes["B.I.a"].nilai == pytest.approx(13.5)
    assert s.nodes["B.I.b"].nilai == pytest.approx(4.0)
    assert s.nodes["B.II"].nilai == pytest.approx(15)
    assert s.nodes["B"].nilai == pytest.approx(32.5)
    # an area score above its weight is capped, with a warning
    s2 = hitung(r2014, {"A.1": 7})
    assert s2.nodes["A.1"].nilai == 5 and s2.peringatan
