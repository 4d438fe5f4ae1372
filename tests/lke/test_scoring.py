"""Scoring rules worked by hand from the regulation (not from the code under test)."""

import pytest

from zi_xl.lke.rules import RuleSet, load_rules
from zi_xl.lke.scoring import JawabanTidakSah, hitung, normalisasi_jawaban


def tiny(jenis_list, bobot=2.0):
    """komponen A (10) > area A.1 (10) > indikator A.1.i (bobot) > questions a, b, c ..."""
    nodes = [
        {"id": "A", "induk": None, "tingkat": "komponen", "nama": "PENGUNGKIT", "bobot": 10, "agregasi": "jumlah",
         "peran": ["pengungkit"]},
        {"id": "A.1", "induk": "A", "tingkat": "area", "nama": "MANAJEMEN PERUBAHAN", "bobot": 10,
         "agregasi": "jumlah", "area": "manajemen_perubahan"},
        {"id": "A.1.i", "induk": "A.1", "tingkat": "indikator", "nama": "X", "bobot": bobot, "agregasi": "rata_rata"},
    ]
    for k, j in enumerate(jenis_list):
        nodes.append({"id": f"A.1.i.{'abcdefgh'[k]}", "induk": "A.1.i", "tingkat": "pertanyaan", "nama": f"q{k}",
                      "jenis": j})
    return RuleSet.from_dict({"versi": "t", "nama": "t", "sumber": {}, "nodes": nodes})


@pytest.mark.parametrize("jenis,answer,value", [
    ("ya_tidak", "Ya", 1.0), ("ya_tidak", "Tidak", 0.0),
    ("abc", "A", 1.0), ("abc", "B", 0.5), ("abc", "C", 0.0),
    ("abcd", "A", 1.0), ("abcd", "B", 0.67), ("abcd", "C", 0.33), ("abcd", "D", 0.0),
    ("abcde", "A", 1.0), ("abcde", "B", 0.75), ("abcde", "C", 0.5), ("abcde", "D", 0.25), ("abcde", "E", 0.0),
])
def test_answer_values_are_the_official_literals(jenis, answer, value):
    s = hitung(tiny([jenis], bobot=1.0), {"A.1.i.a": answer})
    assert s.nodes["A.1.i.a"].nilai == value
    assert s.nodes["A.1.i"].nilai == value  # AVERAGE of one × 1


def test_blank_is_left_out_of_the_average_not_zero():
    r = tiny(["abcd", "abcd", "ya_tidak"], bobot=3.0)
    s = hitung(r, {"A.1.i.a": "B", "A.1.i.b": None, "A.1.i.c": "Ya"})
    assert s.nodes["A.1.i"].nilai == pytest.approx((0.67 + 1.0) / 2 * 3.0)
    assert s.nodes["A.1.i"].belum_diisi == 1


def test_indicator_with_no_answer_is_belum_diisi_not_zero():
    s = hitung(tiny(["abc", "abc"]), {"A.1.i.a": "", "A.1.i.b": "Blm Diisi"})
    assert s.nodes["A.1.i"].nilai is None
    assert s.nodes["A.1"].nilai is None
    assert s.nodes["A"].belum_diisi == 2


@pytest.mark.parametrize("jenis,raw,expected", [
    ("ya_tidak", " ya ", "Ya"), ("ya_tidak", "YA", "Ya"), ("ya_tidak", "tidak", "Tidak"),
    ("abcde", "a", "A"), ("abcde", "A.", "A"), ("abcd", " d) ", "D"),
    ("nilai_0_4", "3,60", 3.6), ("nilai_0_4", 3.6, 3.6), ("nilai_0_4", "4", 4.0),
    ("persen", "80%", 0.8), ("persen", 0.8, 0.8), ("persen", "80", 0.8),
    ("jumlah", "12", 12.0), ("jumlah", 7, 7.0), ("jumlah", "1.234", 1234.0),
])
def test_tolerant_answers(jenis, raw, expected):
    assert normalisasi_jawaban(jenis, raw) == pytest.approx(expected) if isinstance(expected, float) \
        else normalisasi_jawaban(jenis, raw) == expected


@pytest.mark.parametrize("jenis,raw", [
    ("abcde", "Yaa"), ("ya_tidak", "mungkin"), ("abc", "D"), ("nilai_0_4", "4,5"), ("nilai_0_4", "baik"),
    ("jumlah", "-3"), ("jumlah", "banyak"), ("abcd", "#N/A"),
])
def test_invalid_answers_raise(jenis, raw):
    with pytest.raises(JawabanTidakSah):
        normalisasi_jawaban(jenis, raw)


def test_invalid_answer_is_a_warning_naming_the_cell():
    s = hitung(tiny(["abcde", "abcde"]), {"A.1.i.a": "Yaa", "A.1.i.b": "A"}, {"A.1.i.a": "K26"})
    assert [(w.sel, w.pesan) for w in s.peringatan] == [
        ("K26", 'jawaban "Yaa" bukan pilihan yang sah (A/B/C/D/E)')]
    assert s.nodes["A.1.i"].nilai == 2.0  # the invalid one is left out, like a blank


def _rules_2021_question(qid):
    r = load_rules("2021")
    return r, r.node(qid)


def test_ratio_is_capped_at_100_percent():
    r, q = _rules_2021_question("A.II.1.i.a")  # agen perubahan: perubahan / agen
    den, num = q.isian[0]["id"], q.isian[1]["id"]
    s = hitung(r, {den: 4, num: 10})
    assert s.nodes[q.id].nilai == 1.0
    s = hitung(r, {den: 4, num: 3})
    assert s.nodes[q.id].nilai == 0.75


def test_zero_denominator_is_reported_and_unscored():
    r, q = _rules_2021_question("A.II.1.i.a")
    s = hitung(r, {q.isian[0]["id"]: 0, q.isian[1]["id"]: 0}, {q.isian[0]["id"]: "K129"})
    assert s.nodes[q.id].nilai is None
    assert any(w.sel == "K129" and "penyebut nol" in w.pesan for w in s.peringatan)


@pytest.mark.parametrize("lalu,kini,expected", [(0, 0, 1.0), (10, 4, 0.6), (4, 10, 0.0), (5, 5, 0.0), (0, 3, 0.0)])
def test_pelanggaran_disiplin(lalu, kini, expected):
    r, q = _rules_2021_question("A.II.3.iii.a")
    ids = [i["id"] for i in q.isian]
    s = hitung(r, {ids[0]: lalu, ids[1]: kini, ids[2]: 0})
    assert s.nodes[q.id].nilai == pytest.approx(expected)
    assert s.nodes["A.II.3.iii"].nilai == pytest.approx(expected * 2)


def test_lhkpn_required_count_is_the_sum_of_three():
    r, q = _rules_2021_question("A.II.5.iii.i.1")
    ids = [i["id"] for i in q.isian]  # harus (=sum), kepala, pejabat, lainnya, sudah
    s = hitung(r, {ids[1]: 1, ids[2]: 2, ids[3]: 7, ids[4]: 8})
    assert s.nodes[q.id].nilai == pytest.approx(0.8)


def test_hasil_conversions_2021():
    r = load_rules("2021")
    s = hitung(r, {"B.I.a": "3,6", "B.I.b": "B", "B.II.a": 3.0})
    assert s.nodes["B.I.a"].nilai == pytest.approx(3.6 / 4 * 17.5)   # 15.75
    assert s.nodes["B.I.b"].nilai == pytest.approx(0.75 * 5)          # 3.75
    assert s.nodes["B.II.a"].nilai == pytest.approx(3.0 / 4 * 17.5)   # 13.125
    assert s.nodes["B"].nilai == pytest.approx(15.75 + 3.75 + 13.125)


def best_answers(rules):
    ans = {}
    for q in rules.questions():
        if q.jenis in ("ya_tidak",):
            ans[q.id] = "Ya"
        elif q.jenis in ("abc", "abcd", "abcde"):
            ans[q.id] = "A"
        elif q.jenis == "nilai_0_4":
            ans[q.id] = 4
        elif q.jenis == "nilai_langsung":
            ans[q.id] = q.bobot
        elif q.jenis == "persen" and not q.rumus:
            ans[q.id] = 1
        for it in q.isian:
            ans[it["id"]] = 5
        if q.rumus and q.rumus["jenis"] == "rasio":
            ans[q.rumus["pembilang"]] = 100  # more than required: capped at 100 %
        if q.rumus and q.rumus["jenis"] == "penurunan":
            ans[q.rumus["kini"]] = 0  # fewer violations than last year: 100 %
    return ans


@pytest.mark.parametrize("versi", ["2021", "2023"])
def test_all_best_answers_give_100(versi):
    r = load_rules(versi)
    s = hitung(r, best_answers(r))
    assert s.nodes["A"].nilai == pytest.approx(60)
    assert s.nodes["B"].nilai == pytest.approx(40)
    for n in r.nodes:
        if n.bobot is not None:
            assert s.nodes[n.id].nilai == pytest.approx(n.bobot), n.id


def test_2021_pengawasan_reform_by_hand():
    """Reform / Penguatan Pengawasan (7.5) worked by hand: Mekanisme Pengendalian C (0.5 × 2.5 = 1.25);
    pengaduan 3 of 6 done (0.5 × 3 = 1.5); LHKPN 8/10 and LHKASN 12/12 → (0.8 × 1) + (1 × 1) = 1.8.
    Total 1.25 + 1.5 + 1.8 = 4.55."""
    r = load_rules("2021")
    q_pengaduan = r.node("A.II.5.ii.1")
    q_lhkpn = r.node("A.II.5.iii.i.1")
    q_lhkasn = r.node("A.II.5.iii.2.1")
    p = [i["id"] for i in q_pengaduan.isian]   # harus, diproses, selesai
    k = [i["id"] for i in q_lhkpn.isian]
    a = [i["id"] for i in q_lhkasn.isian]      # harus (input), eselon III, IV, fungsional, sudah
    ans = {"A.II.5.i.1": "C", p[0]: 6, p[1]: 3, p[2]: 3, k[1]: 1, k[2]: 2, k[3]: 7, k[4]: 8, a[0]: 12, a[4]: 12}
    s = hitung(r, ans)
    assert s.nodes["A.II.5.i"].nilai == pytest.approx(1.25)
    assert s.nodes["A.II.5.ii"].nilai == pytest.approx(1.5)
    assert s.nodes["A.II.5.iii"].nilai == pytest.approx(1.8)
    assert s.nodes["A.II.5"].nilai == pytest.approx(4.55)


def test_2023_non_lhkpn_required_is_sum_of_three():
    r = load_rules("2023")
    ind = next(n for n in r.nodes if n.tingkat == "indikator" and "Non LHKPN" in n.nama)
    q = r.children(ind.id)[0]
    a = [i["id"] for i in q.isian]
    s = hitung(r, {a[1]: 1, a[2]: 3, a[3]: 6, a[4]: 5})  # 5 of 10
    assert s.nodes[q.id].nilai == pytest.approx(0.5)
    assert s.nodes[ind.id].nilai == pytest.approx(0.5)
