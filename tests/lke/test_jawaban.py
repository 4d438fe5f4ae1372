"""The 2026 "Jawaban" layout and the variants real institutions make of it: matched by content, every answer source
scored, each equal to the same answers in the official 90/2021 layout (recalculated by LibreOffice)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from tests.support import REFERENCE, run_cli
from tests.support.jawaban import RULES, tulis_jawaban
from tests.support.lke_answers import plain, varied_answers
from zi_xl.lke.reader import read_lke
from zi_xl.lke.rules import data_path, load_rules
from zi_xl.lke.rules.derive import build_2026
from zi_xl.lke.scoring import hitung
from zi_xl.xlsx.read import read_workbook
from zi_xl.xlsx.recalc import recalculate

MASTER = REFERENCE / "master-soal-lke-zi-2026.json"
VARIANTS = {
    "baku": {},
    "huruf-tertukar": {"tukar_huruf": {"A.I.1.i", "A.I.6.v", "A.II.2.ii"}},
    "baris-tertukar": {"tukar_baris": {"A.I.6.v": (1, 2), "A.I.4.ii": (0, 3)}},
    "lhkpn-datar": {"lhkpn": "datar"},
    "hasil-strip": {"kode_hasil": "-"},
    "hasil-tanpa-kode": {"kode_hasil": ""},
    "kolom-diurut-ulang": {"urutan": "NQKLM"},
}


def _soals(nodes):
    for n in nodes:
        yield from n.get("soals", [])
        yield from _soals(n.get("children", []))


# --------------------------------------------------------------------------------------------- the rule set
def test_2026_rule_set_is_rebuilt_from_the_master_exactly():
    shipped = json.loads(Path(data_path("lke-2026.json")).read_text(encoding="utf-8"))
    assert build_2026(load_rules("2023"), MASTER).to_dict() == shipped


def test_every_master_soal_lands_once_with_its_type_row_and_multipliers():
    master = json.loads(MASTER.read_text(encoding="utf-8"))
    soals = {s["id"]: s for s in _soals(master["data"])}
    got = {}
    for n in RULES.nodes:
        if n.soal_id:
            got[n.soal_id] = (n.jenis, n.excel_baris, n.nama, n.skema)
        for it in n.isian:
            if it.get("soal_id"):
                got[it["soal_id"]] = ("jumlah", it["excel_baris"], it["nama"], None)
    assert sorted(got) == sorted(soals) and len(got) == 127
    kinds = {"YA_TIDAK": "ya_tidak", "ABC": "abc", "ABCD": "abcd", "ABCDE": "abcde", "0-4": "nilai_0_4",
             "JUMLAH": "jumlah"}
    for sid, s in soals.items():
        jenis, baris, nama, skema = got[sid]
        assert jenis == kinds[s["jenis_jawaban"].upper()] and baris == s["excel_baris"]
        assert nama == s["teks_pertanyaan"].strip()
    # the multipliers, worked from the master by hand: one table per type, equal to the official formulas
    assert RULES.node("A.I.1.iii.a").skema == {"A": 1.0, "B": 0.67, "C": 0.33, "D": 0.0}      # soal 6
    assert RULES.node("A.I.1.i.a").skema == {"Ya": 1.0, "Tidak": 0.0}                       # soal 1
    assert RULES.node("B.I.a").soal_id == 125 and RULES.node("B.II.a").excel_baris == 202


def test_a_master_that_disagrees_with_the_tree_is_refused(tmp_path):
    master = json.loads(MASTER.read_text(encoding="utf-8"))
    master["data"][0]["children"][0]["children"][0]["children"][0]["soals"][1]["jenis_jawaban"] = "ABCD"
    bad = tmp_path / "master.json"
    bad.write_text(json.dumps(master), encoding="utf-8")
    with pytest.raises(ValueError, match="soal 2 .*abc"):
        build_2026(load_rules("2023"), bad)


# --------------------------------------------------------------------------------------------- layouts
def _official(ans: dict, path: Path, ref_lke: Path) -> Path:
    """The same answers typed into the official 90/2021 workbook (LHKASN's 'harus' = its three counts)."""
    r21 = load_rules("2021")
    ans = dict(ans)
    q = r21.node("A.II.5.iii.2.1")
    parts = [ans.get(i["id"]) for i in q.isian[1:4]]
    ans[q.isian[0]["id"]] = None if None in parts else sum(parts)
    wb = openpyxl.load_workbook(ref_lke)
    ws = wb["LKE ZI"]
    for n in r21.questions():
        if n.id in ans:
            ws.cell(n.baris, 11).value = plain(ans[n.id])
        for it in n.isian:
            if it["id"] in ans:
                ws.cell(it["baris"], 11).value = ans[it["id"]]
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def kasus(ref_lke, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("jawaban")
    out = {}
    for seed in (5, 6):
        ans, tpi = varied_answers(RULES, seed), varied_answers(RULES, seed + 100)
        official = _official(ans, tmp / f"resmi-{seed}.xlsx", ref_lke)
        files = {name: tulis_jawaban(tmp / f"{name}-{seed}.xlsx", ans, tpi, **kw) for name, kw in VARIANTS.items()}
        out[seed] = (ans, tpi, official, files)
    return out


@pytest.mark.parametrize("name", list(VARIANTS))
def test_every_variant_scores_as_the_official_layout(kasus, name):
    for ans, tpi, official, files in kasus.values():
        resmi = read_lke(official)
        h = read_lke(files[name])
        assert h.versi == "2026" and h.sheet == "Jawaban"
        assert not [w for w in h.peringatan if "ditemukan" in w.pesan or "bukan pilihan" in w.pesan], h.peringatan
        for n in RULES.nodes:
            a, b = h.unit.skor.nodes[n.id].nilai, resmi.unit.skor.nodes[n.id].nilai
            assert (a is None and b is None) or a == pytest.approx(b, abs=1e-9), (name, n.id, a, b)
        assert h.nilai("total") == pytest.approx(resmi.nilai("total"), abs=1e-9)
        assert h.nilai("total") == pytest.approx(hitung(RULES, ans).total, abs=1e-9)
        assert h.tpi.skor.total == pytest.approx(hitung(RULES, tpi).total, abs=1e-9)


def test_official_layout_recalculated_by_libreoffice_agrees(kasus, tmp_path):
    """Where the official formulas apply (everything but the J8 and L175 chains), LibreOffice's value of the
    official workbook equals the tool's value of the Jawaban sheet with the same answers."""
    chains = {8, 7, 6, 5, 4, 175, 167, 125, 198, 208}
    seeds = list(kasus)
    outs = recalculate([kasus[s][2] for s in seeds], tmp_path / "lo")
    r21 = load_rules("2021")
    for seed, out in zip(seeds, outs, strict=True):
        g = read_workbook(out)["LKE ZI"]
        h = read_lke(kasus[seed][3]["baku"])
        compared = 0
        for n in r21.nodes:
            wb, ours = g.value(n.baris, 12), h.unit.skor.nodes[n.id].nilai
            if n.baris in chains or ours is None or not isinstance(wb, int | float):
                continue
            assert wb == pytest.approx(ours, abs=1e-9), (n.id, wb, ours)
            compared += 1
        assert compared >= 120


def test_swapped_letters_would_have_been_read_as_the_wrong_type(kasus):
    """The trap of matching by letter: in A.I.6.v the b. row now holds the A/B/C question; its answer is valid
    for the question actually there and is read as such (no 'bukan pilihan yang sah')."""
    ans, _, _, files = kasus[5]
    h = read_lke(files["huruf-tertukar"])
    ws = openpyxl.load_workbook(files["huruf-tertukar"])["Jawaban"]
    q_b, q_c = RULES.children("A.I.6.v")[1:3]
    row = h.baris[q_c.id]
    assert ws.cell(row, 6).value == "b." and ws.cell(row, 7).value == q_c.nama   # printed b., question c's text
    assert h.unit.skor.nodes[q_c.id].jawaban == (plain(ans[q_c.id]) if ans.get(q_c.id) else None)


# --------------------------------------------------------------------------------------------- answer sources
@pytest.fixture(scope="module")
def tiga_sumber(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sumber")
    ans, tpi, itjen = (varied_answers(RULES, s) for s in (11, 12, 13))
    ok = tulis_jawaban(tmp / "tiga.xlsx", ans, tpi, sumber=[("Jawaban TPI Itjen", itjen, True)])
    salah = tulis_jawaban(tmp / "salah.xlsx", ans, tpi, sumber=[("Jawaban TPI Itjen", itjen, {"A.I.2.i": 0.01})])
    kosong = tulis_jawaban(tmp / "kosong.xlsx", ans, {}, sumber=[("Jawaban TPI Itjen", {}, None)])
    return (ans, tpi, itjen), ok, salah, kosong


def test_every_source_is_scored_and_listed(tiga_sumber):
    (ans, tpi, itjen), ok, _, _ = tiga_sumber
    r = run_cli("hitung", ok, "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert [(p["sumber"], p["kolom"]) for p in d["penilaian"]] == [("unit", "K"), ("tpi", "N"), ("tpi itjen", "R")]
    for p, a in zip(d["penilaian"], (ans, tpi, itjen), strict=True):
        assert p["nilai"]["total"] == pytest.approx(hitung(RULES, a).total, abs=1e-9)
        assert p["predikat"]["hasil"] in ("WBK", "WBBM", "Tidak memenuhi")
    assert d["anomali"] == []               # each source is compared only with its own Nilai column
    text = run_cli("hitung", ok).stdout
    for label, col in (("Jawaban unit", "K"), ("Jawaban TPI", "N"), ("Jawaban TPI Itjen", "R")):
        assert f"  - {label} (kolom {col}): nilai" in text


@pytest.mark.parametrize("pilih,nama", [("tpi itjen", "tpi itjen"), ("R", "tpi itjen"), ("n", "tpi"),
                                        ("unit", "unit")])
def test_jawaban_option_takes_a_name_or_a_column(tiga_sumber, pilih, nama):
    _, ok, _, _ = tiga_sumber
    d = json.loads(run_cli("hitung", ok, "--json", "--jawaban", pilih).stdout)
    assert d["jawaban"] == nama
    assert d["nilai"] == next(p["nilai"] for p in d["penilaian"] if p["sumber"] == nama)


def test_unknown_source_is_a_clear_error(tiga_sumber):
    _, ok, _, _ = tiga_sumber
    r = run_cli("hitung", ok, "--jawaban", "tpn")
    assert r.returncode == 2 and "sumber jawaban 'tpn' tidak ada" in r.stderr and "tpi itjen (kolom R)" in r.stderr


def test_a_wrong_cached_value_is_an_anomaly_of_its_own_source_only(tiga_sumber):
    _, _, salah, _ = tiga_sumber
    h = read_lke(salah)
    assert [(a.sumber, a.sel[0]) for a in h.anomali] == [("tpi itjen", "S")]
    assert h.anomali[0].nilai_berkas == 0.01


def test_an_empty_source_is_not_scored_as_zero(tiga_sumber):
    _, _, _, kosong = tiga_sumber
    h = read_lke(kosong)
    assert [p.kosong for p in h.sumber] == [False, True, True] and h.tpi is None
    r = run_cli("hitung", kosong, "--jawaban", "tpi")
    assert r.returncode == 0, r.stderr
    assert "belum diisi — predikat belum dapat ditentukan" in r.stdout and "0,00" not in r.stdout.split("\n\n")[-1]
    d = json.loads(run_cli("hitung", kosong, "--json", "--jawaban", "tpi").stdout)
    assert d["predikat"]["hasil"] is None and d["predikat"]["ringkas"].startswith("belum diisi")


# --------------------------------------------------------------------------------------------- reporting
def test_a_missing_question_is_reported_never_silently_blank(tmp_path):
    ans = varied_answers(RULES, 21)
    p = tulis_jawaban(tmp_path / "kurang.xlsx", ans)
    wb = openpyxl.load_workbook(p)
    ws = wb["Jawaban"]
    q = RULES.node("A.I.3.iv.a")
    ws.delete_rows(q.excel_baris)
    wb.save(p)
    h = read_lke(p)
    hits = [w.pesan for w in h.peringatan if q.id in w.pesan]
    assert hits == [f"pertanyaan \"{q.nama[:60]}\" ({q.id}) tidak ditemukan di sheet; dihitung sebagai belum diisi"]
    assert h.unit.skor.nodes[q.id].nilai is None


def test_a_row_whose_own_type_disagrees_is_warned_and_read_by_the_rule(tmp_path):
    q = RULES.node("A.I.1.iii.a")                                      # A/B/C/D
    ans = varied_answers(RULES, 22) | {q.id: "D"}
    p = tulis_jawaban(tmp_path / "jenis.xlsx", ans)
    wb = openpyxl.load_workbook(p)
    wb["Jawaban"].cell(q.excel_baris, 10).value = "A/B/C"              # the row's own label says A/B/C
    wb.save(p)
    h = read_lke(p)
    assert h.unit.skor.nodes[q.id].nilai == 0.0 and h.unit.skor.nodes[q.id].jawaban == "D"
    assert [w.sel for w in h.peringatan if "berjenis 'A/B/C/D' menurut aturan" in w.pesan] == [f"J{q.excel_baris}"]
