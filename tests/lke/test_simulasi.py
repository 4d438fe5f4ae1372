"""Simulasi: the solver's plan is optimal (exhaustive enumeration on small generated LKE), the rescored LKE meets the
target (real rule sets, and a workbook written and read back), unreachable thresholds are named with what they need,
costs per question are honoured; the CLI, its sheet and the Excel button's message."""

from __future__ import annotations

import itertools
import json
import random

import openpyxl
import pytest

import zi_xl.excel as ze
from tests.support import run_cli
from tests.support.lke_answers import varied_answers
from tests.support.xlwings_payload import actions, remote_book
from zi_xl.errors import ZiError
from zi_xl.lke.contoh import jawaban_contoh
from zi_xl.lke.predikat import load_batas, tentukan
from zi_xl.lke.reader import read_lke
from zi_xl.lke.rules import NILAI_PILIHAN, Node, RuleSet, load_rules
from zi_xl.lke.scoring import hitung
from zi_xl.lke.simulasi import nama_sheet, simulasikan, terapkan
from zi_xl.lke.templat import tulis_templat_lke

JENIS = ("ya_tidak", "abc", "abcd", "abcde", "persen")


# --------------------------------------------------------------------------------------------- small cases
def kasus(seed: int) -> tuple[RuleSet, dict, dict, bool]:
    """A small LKE (two areas, 4–6 questions of every type, some blank, a survey) with answers and thresholds
    somewhere between the current scores and the best the answers can give."""
    rnd = random.Random(seed)
    nodes = [Node("A", None, "komponen", "PENGUNGKIT", bobot=0, peran=["pengungkit"], agregasi="jumlah")]
    ans: dict = {}
    nq = 0
    area_bobot = 0.0
    for ak, key in enumerate(("manajemen_perubahan", "tatalaksana")):
        aid = f"A.{ak + 1}"
        area = Node(aid, "A", "area", key, bobot=0, area=key, agregasi="jumlah")
        nodes.append(area)
        for ik in range(rnd.choice((1, 2))):
            iid = f"{aid}.{ik + 1}"
            b = float(rnd.choice((1, 2, 3, 4)))
            area.bobot += b
            nodes.append(Node(iid, aid, "indikator", f"Indikator {iid}", bobot=b, agregasi="rata_rata"))
            for qk in range(rnd.choice((1, 2, 2, 3))):
                if nq >= 6:
                    break
                qid = f"{iid}.{'abc'[qk]}"
                jenis = rnd.choice(JENIS)
                nodes.append(Node(qid, iid, "pertanyaan", f"Pertanyaan {qid}", jenis=jenis))
                nq += 1
                if rnd.random() < 0.25:
                    continue                                   # blank
                if jenis == "persen":
                    ans[qid] = rnd.choice((0.0, 0.4, 0.75, 1.0))
                else:
                    ans[qid] = rnd.choice(list(NILAI_PILIHAN[jenis]))
        area_bobot += area.bobot
    nodes[0].bobot = area_bobot
    nodes += [Node("B", None, "komponen", "HASIL", bobot=10, peran=["hasil"], agregasi="jumlah"),
              Node("B.a", "B", "indikator", "Survei IPAK", bobot=10, jenis="nilai_0_4", peran=["ipak"],
                   agregasi="jawaban")]
    ans["B.a"] = rnd.choice((2.8, 3.2, 3.6, 4.0))
    rules = RuleSet("uji", "LKE uji", {}, nodes)
    now = hitung(rules, ans).total
    best = area_bobot + 10 * ans["B.a"] / 4
    t1 = round(now + (best - now) * rnd.uniform(0.2, 1.05), 2)
    batas = {"sumber": "uji",
             "WBK": [{"kode": "total", "syarat": "Nilai total", "jenis": "nilai", "peran": "total", "min": t1},
                     {"kode": "area", "syarat": "Area", "jenis": "area_persen", "min": rnd.choice((0.5, 0.6))},
                     {"kode": "ipak", "syarat": "IPAK", "jenis": "nilai", "peran": "ipak", "min": 7.5}],
             "WBBM": [{"kode": "total", "syarat": "Nilai total", "jenis": "nilai", "peran": "total",
                       "min": round(min(t1 + 1, best + 0.5), 2)},
                      {"kode": "pengungkit", "syarat": "Pengungkit", "jenis": "nilai", "peran": "pengungkit",
                       "min": round(area_bobot * 0.8, 2)},
                      {"kode": "area", "syarat": "Area", "jenis": "area_persen", "min": 0.75},
                      {"kode": "wbk_sebelumnya", "syarat": "Telah WBK", "jenis": "wbk_sebelumnya"}]}
    return rules, ans, batas, rnd.random() < 0.8


def pilihan(rules: RuleSet, ans: dict) -> list[list[tuple[object, int]]]:
    """Per answerable node, every (answer, steps) it may take — written here from the rules, not from the solver:
    a choice stays or rises (blank: may stay blank, or take any level, lowest = 1 step); a % stays or becomes 100 %;
    a survey stays."""
    out = []
    for q in rules.questions():
        cur = ans.get(q.id)
        if q.jenis in NILAI_PILIHAN:
            levels = sorted(NILAI_PILIHAN[q.jenis], key=lambda a: NILAI_PILIHAN[q.jenis][a])
            if cur is None:
                out.append([(None, 0)] + [(a, i + 1) for i, a in enumerate(levels)])
            else:
                r = levels.index(cur)
                out.append([(a, i - r) for i, a in enumerate(levels) if i >= r])
        elif q.jenis == "persen":
            out.append([(cur, 0)] + ([(1.0, 1)] if cur is None or cur < 1 else []))
        else:
            out.append([(cur, 0)])
    return out


def termurah(rules, ans, batas, target, sudah_wbk) -> float | None:
    levels = ("WBK",) if target == "WBK" else ("WBK", "WBBM")
    qs = rules.questions()
    best = None
    for combo in itertools.product(*pilihan(rules, ans)):
        cost = sum(c for _, c in combo)
        if best is not None and cost >= best:
            continue
        trial = {q.id: a for q, (a, _) in zip(qs, combo, strict=True) if a is not None}
        sk = hitung(rules, trial)
        pred = tentukan(rules, sk, batas, sudah_wbk=sudah_wbk)
        if all(s.terpenuhi for s in pred.syarat if s.predikat in levels):
            best = cost
    return best


@pytest.mark.parametrize("seed", range(40))
def test_plan_is_optimal_against_exhaustive_enumeration(seed):
    rules, ans, batas, sudah_wbk = kasus(seed)
    assert 1 <= len(list(itertools.product(*pilihan(rules, ans)))) <= 40_000
    for target in ("WBK", "WBBM"):
        s = simulasikan(rules, hitung(rules, ans), batas, target, sudah_wbk=sudah_wbk)
        best = termurah(rules, ans, batas, target, sudah_wbk)
        if best is None:                                          # unreachable: the solver says which threshold
            assert not s.tercapai_sekarang
            top = {q.id: opts[-1][0] for q, opts in zip(rules.questions(), pilihan(rules, ans), strict=True)
                   if opts[-1][0] is not None}
            pred = tentukan(rules, hitung(rules, top), batas, sudah_wbk=sudah_wbk)
            levels = ("WBK",) if target == "WBK" else ("WBK", "WBBM")
            failing = [(x.predikat, x.syarat) for x in pred.syarat if x.predikat in levels and not x.terpenuhi]
            assert [(t.predikat, t.syarat) for t in s.tidak_terjangkau] == failing != [], (seed, target)
            continue
        assert not s.tidak_terjangkau, (seed, target, s.tidak_terjangkau)
        assert s.tercapai_sekarang == (best == 0)
        assert s.biaya == best, (seed, target, s.ringkas())
        # applied to the answers, the rescored LKE meets the target
        after = terapkan(rules, ans, s.langkah)
        sk = hitung(rules, after)
        pred = tentukan(rules, sk, batas, sudah_wbk=sudah_wbk)
        assert pred.hasil in ((target, "WBBM") if target == "WBK" else ("WBBM",)), (seed, target)
        assert sk.total == pytest.approx(s.nilai_setelah["total"])
        assert sum(x.tambah_nilai for x in s.langkah) == pytest.approx(sk.total - hitung(rules, ans).total)


def test_a_blank_question_changes_the_average_exactly():
    """Indicator 'i' (bobot 4): q1 = C (0), q2 blank (A/B/C). Area 'i' needs ≥ 50 % of 4 = 2: raising q1 C → B gives
    AVERAGE(0.5) × 4 = 2 (1 step) — answering q2 with A gives AVERAGE(0, 1) × 4 = 2 too, but costs 3 steps; answering
    q2 with C would lower nothing and help nothing. The cheapest plan is the single step."""
    rules = RuleSet("uji", "uji", {}, [
        Node("A", None, "komponen", "P", bobot=4, peran=["pengungkit"], agregasi="jumlah"),
        Node("A.1", "A", "area", "MP", bobot=4, area="manajemen_perubahan", agregasi="jumlah"),
        Node("A.1.i", "A.1", "indikator", "i", bobot=4, agregasi="rata_rata"),
        Node("A.1.i.a", "A.1.i", "pertanyaan", "q1", jenis="abc"),
        Node("A.1.i.b", "A.1.i", "pertanyaan", "q2", jenis="abc"),
    ])
    batas = {"WBK": [{"kode": "area", "syarat": "Area", "jenis": "area_persen", "min": 0.5}]}
    s = simulasikan(rules, hitung(rules, {"A.1.i.a": "C"}), batas, "WBK")
    assert [(x.id, x.dari, x.ke, x.biaya) for x in s.langkah] == [("A.1.i.a", "C", "B", 1.0)]
    # with q1 fixed (cost None), the blank q2 must be answered A: AVERAGE(0, 1) × 4 = 2
    s = simulasikan(rules, hitung(rules, {"A.1.i.a": "C"}), batas, "WBK", biaya={"A.1.i.a": None})
    assert [(x.id, x.dari, x.ke, x.biaya) for x in s.langkah] == [("A.1.i.b", None, "A", 3.0)]
    assert s.langkah[0].tambah_nilai == pytest.approx(2.0)


# --------------------------------------------------------------------------------------------- real rule sets
def _tinggi(rules, ans: dict) -> dict:
    """Surveys high and Capaian Kinerja A: every threshold reachable by answers."""
    out = {k: v for k, v in ans.items() if v is not None}
    for q in rules.questions():
        if q.jenis == "nilai_0_4":
            out[q.id] = 3.9
    return out


@pytest.mark.parametrize("versi,seed", [("2021", 1), ("2021", 4), ("2023", 2), ("2019", 3)])
def test_plan_applied_to_the_answers_meets_the_target(versi, seed):
    rules = load_rules(versi)
    ans = _tinggi(rules, varied_answers(rules, seed, blank_rate=0.2))
    batas = load_batas(versi)
    for target in ("WBK", "WBBM"):
        s = simulasikan(rules, hitung(rules, ans), batas, target, sudah_wbk=True)
        assert not s.tercapai_sekarang and not s.tidak_terjangkau, s.ringkas()
        sk = hitung(rules, terapkan(rules, ans, s.langkah))
        pred = tentukan(rules, sk, batas, sudah_wbk=True)
        assert pred.hasil in ((target, "WBBM") if target == "WBK" else ("WBBM",))
        assert s.predikat_setelah == pred.hasil
        assert sk.total == pytest.approx(s.nilai_setelah["total"])
        # never lowered, never erased
        for x in s.langkah:
            assert x.dari != x.ke and x.ke is not None


def test_the_rescored_workbook_meets_the_target(tmp_path):
    """Written with the improved answers and read back by 'Hitung Nilai', the LKE has the target predikat."""
    rules = load_rules("2021")
    ans = _tinggi(rules, varied_answers(rules, 7, blank_rate=0.15))
    p = tmp_path / "sebelum.xlsx"
    tulis_templat_lke(p, versi="2021", jawaban=ans, unit="Unit Uji", sudah_wbk=True)
    h = read_lke(p)
    assert h.predikat.hasil == "Tidak memenuhi"
    r = run_cli("simulasi", p, "--target", "WBBM", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert set(d) >= {"target", "tercapai_sekarang", "langkah", "tidak_terjangkau", "nilai_setelah",
                      "predikat_setelah"}
    assert d["target"] == "WBBM" and d["tercapai_sekarang"] is False and d["tidak_terjangkau"] == []
    for x in d["langkah"]:
        assert set(x) >= {"sheet", "sel", "pertanyaan", "dari", "ke", "tambah_nilai"}
        assert x["sheet"] == "LKE ZI" and x["sel"].startswith("K")
    # the cells named are the questions' answer cells
    wb = openpyxl.load_workbook(p)
    for x in d["langkah"]:
        row = int(x["sel"][1:])
        assert wb["LKE ZI"][f"A{row}"].value == x["id"]
    sim = simulasikan(rules, h.unit.skor, load_batas("2021"), "WBBM", sudah_wbk=True)
    after = {k: v for k, v in terapkan(rules, ans, sim.langkah).items() if v is not None}
    q = tmp_path / "sesudah.xlsx"
    tulis_templat_lke(q, versi="2021", jawaban=after, unit="Unit Uji", sudah_wbk=True)
    h2 = read_lke(q)
    assert h2.predikat.hasil == "WBBM" == d["predikat_setelah"]
    assert h2.nilai("total") == pytest.approx(d["nilai_setelah"]["total"])


# --------------------------------------------------------------------------------------------- unreachable, met, costs
def test_unreachable_thresholds_say_what_they_need():
    rules = load_rules("2021")
    ans = _tinggi(rules, varied_answers(rules, 2))
    ans["B.I.a"], ans["B.II.a"] = 3.0, 3.2                        # IPAK 3,00 (needs 3,60); IPKP 3,20
    s = simulasikan(rules, hitung(rules, ans), load_batas("2021"), "WBBM", sudah_wbk=False)
    got = {t.syarat: t.perlu for t in s.tidak_terjangkau}
    assert got["Nilai sub-komponen 'Survei Persepsi Anti Korupsi'"] == "survei IPAK minimal 3,60 (sekarang 3,00)"
    # Pelayanan Publik yang Prima WBBM 15,75 of 17,5 = survey 3,60
    assert got["Nilai komponen hasil 'Pelayanan Publik yang Prima'"] == "survei IPKP minimal 3,60 (sekarang 3,20)"
    # Bersih dan Akuntabel WBBM 19,50 = IPAK + Capaian Kinerja (best A = 5): IPAK ≥ 14,5 → survey 3,31
    assert got["Nilai komponen hasil 'Pemerintah yang Bersih dan Akuntabel'"] == \
        "survei IPAK minimal 3,31 (sekarang 3,00)"
    assert got["Telah mendapatkan predikat Menuju WBK"].startswith("predikat Menuju WBK lebih dulu")
    assert not s.tercapai_sekarang and s.predikat_setelah != "WBBM"
    # the rest is still planned: the pengungkit thresholds are met after the steps
    after = {x.kode: x.terpenuhi for x in s.syarat_setelah if x.predikat == "WBBM" and x.kode in ("pengungkit",)}
    assert after == {"pengungkit": True}
    assert "tidak tercapai dengan jawaban saja" in s.ringkas()


def test_target_already_met_says_so(ref_lke):
    h = read_lke(ref_lke)
    r = run_cli("simulasi", ref_lke, "--target", "WBK")
    assert r.returncode == 0, r.stderr
    assert f"Target WBK sudah tercapai (nilai {h.nilai('total'):.2f}".replace(".", ",") in r.stdout
    assert "tidak perlu perbaikan jawaban" in r.stdout
    d = json.loads(run_cli("simulasi", ref_lke, "--target", "wbk", "--json").stdout)
    assert d["tercapai_sekarang"] is True and d["langkah"] == [] and d["predikat_setelah"] == "WBK"


def test_cost_per_question_and_fixed_answers(tmp_path):
    rules = load_rules("2021")
    ans = _tinggi(rules, varied_answers(rules, 4))
    sk = hitung(rules, ans)
    batas = load_batas("2021")
    s0 = simulasikan(rules, sk, batas, "WBK", biaya={q.id: 1.0 for q in rules.questions()})
    first = s0.langkah[0].id
    # the question of the first step fixed (None) or made very expensive: the plan goes around it
    s1 = simulasikan(rules, sk, batas, "WBK", biaya={q.id: 1.0 for q in rules.questions()} | {first: None})
    assert first not in {x.id for x in s1.langkah} and s1.biaya >= s0.biaya
    s2 = simulasikan(rules, sk, batas, "WBK", biaya={q.id: 1.0 for q in rules.questions()} | {first: 1000.0})
    assert first not in {x.id for x in s2.langkah}
    # through the CLI: keys are ids or answer cells; bad costs are refused in Indonesian
    p = tmp_path / "lke.xlsx"
    tulis_templat_lke(p, versi="2021", jawaban=ans, unit="Unit Biaya")
    h = read_lke(p)
    cell = f"K{h.baris[first]}"
    biaya = tmp_path / "biaya.json"
    biaya.write_text(json.dumps({cell: None}), encoding="utf-8")
    d = json.loads(run_cli("simulasi", p, "--target", "WBK", "--biaya", biaya, "--json").stdout)
    assert cell not in {x["sel"] for x in d["langkah"]}
    biaya.write_text(json.dumps({"Z999": 2}), encoding="utf-8")
    r = run_cli("simulasi", p, "--biaya", biaya)
    assert r.returncode == 2 and "'Z999' bukan id pertanyaan atau sel jawaban LKE" in r.stderr
    biaya.write_text(json.dumps({first: -1}), encoding="utf-8")
    r = run_cli("simulasi", p, "--biaya", biaya)
    assert r.returncode == 2 and "harus angka lebih dari 0" in r.stderr
    with pytest.raises(ZiError, match="target 'WBX' tidak dikenal"):
        simulasikan(rules, sk, batas, "WBX")


# --------------------------------------------------------------------------------------------- sheet and button
def test_tulis_writes_the_plan_sheet(tmp_path):
    rules = load_rules("2021")
    p = tmp_path / "lke.xlsx"
    tulis_templat_lke(p, versi="2021", jawaban=_tinggi(rules, varied_answers(rules, 9)), unit="Unit Tulis")
    out = tmp_path / "lke-rencana.xlsx"
    r = run_cli("simulasi", p, "--target", "WBK", "-o", out)
    assert r.returncode == 0, r.stderr
    assert f"sheet '{nama_sheet('WBK')}'" in r.stdout and nama_sheet("WBK") == "Jalan Menuju WBK"
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-1] == "Jalan Menuju WBK"
    ws = wb["Jalan Menuju WBK"]
    col_a = [c.value for c in ws["A"] if c.value is not None]
    assert col_a[0] == "Jalan Menuju WBK: perbaikan jawaban paling sedikit"
    d = json.loads(run_cli("simulasi", p, "--target", "WBK", "--json").stdout)
    header = next(c.row for c in ws["A"] if c.value == "Pertanyaan")
    cells = [ws[f"B{header + 1 + i}"].value for i in range(len(d["langkah"]))]
    assert cells == [x["sel"] for x in d["langkah"]]


def test_excel_button_shows_the_first_steps(tmp_path):
    p = tmp_path / "contoh.xlsx"
    tulis_templat_lke(p, versi="2021", jawaban=jawaban_contoh("2021"), unit="Unit Contoh")
    d = json.loads(run_cli("simulasi", p, "--json").stdout)
    book = remote_book(p, client="Office.js")
    ze.hitung_nilai(book)
    (alert,) = actions(book, "alert")
    prompt = alert["args"][0]
    assert d["target"] == "WBBM"
    first = d["langkah"][0]
    assert f"Menuju WBBM: {len(d['langkah'])} perbaikan jawaban, mis. {first['sel']} {first['dari']} → " \
           f"{first['ke']}" in prompt
    assert "Menuju WBBM tidak tercapai dengan jawaban saja: Telah mendapatkan predikat Menuju WBK" in prompt
    assert "sheet 'Jalan Menuju WBBM'" in prompt
    assert len(prompt.splitlines()) <= 12                           # short: the sheet holds the full plan
