"""Predikat verdicts worked by hand from the threshold tables (seed: 52/2014, 10/2019; DESIGN.md: 90/2021)."""

import json

import pytest

from tests.lke.test_scoring import best_answers
from tests.support import run_cli
from zi_xl.errors import ZiError
from zi_xl.lke.predikat import load_batas, tentukan
from zi_xl.lke.rules import load_rules
from zi_xl.lke.scoring import hitung


def verdict(versi, ans, **kw):
    r = load_rules(versi)
    return tentukan(r, hitung(r, ans), load_batas(versi, kw.pop("batas", None)), **kw)


def test_2019_all_best_is_wbbm():
    r = load_rules("2019")
    assert verdict("2019", best_answers(r)).hasil == "WBBM"


def test_2019_pengawasan_zero_fails_wbk_on_the_area_minimum():
    r = load_rules("2019")
    ans = best_answers(r)
    for q in r.questions():
        if q.id.startswith("A.5."):  # Penguatan Pengawasan: every answer the lowest
            ans[q.id] = "Tidak" if q.jenis == "ya_tidak" else {"abc": "C", "abcd": "D", "abcde": "E"}[q.jenis]
    p = verdict("2019", ans)
    # by hand: pengungkit 60 − 15 = 45 (≥ 40 WBK, < 48 WBBM); total 85; Pengawasan 0 % < 60 %
    assert p.hasil == "Tidak memenuhi"
    failed = {(s.predikat, s.syarat) for s in p.syarat if not s.terpenuhi}
    assert ("WBK", "Area Penguatan Pengawasan (% bobot)") in failed
    assert ("WBBM", "Nilai komponen pengungkit") in failed
    assert ("WBK", "Nilai komponen pengungkit") not in failed
    assert [s.nilai for s in p.syarat if s.predikat == "WBK" and s.syarat.startswith("Nilai total")] == [85.0]
    assert p.ringkas().startswith("belum memenuhi WBK: Area Penguatan Pengawasan (% bobot) 0,0% < 60%")


def test_2019_survey_thresholds_by_hand():
    r = load_rules("2019")
    ans = best_answers(r)
    ipak = r.with_peran("ipak")[0].id
    ipkp = r.with_peran("ipkp")[0].id
    ans[ipak], ans[ipkp] = 3.6, 3.4    # IPAK 3.6/4 × 15 = 13.5: meets WBK (13.5), not WBBM (13.88)
    p = verdict("2019", ans)           # IPKP 3.4/4 × 20 = 17.0: exactly the WBBM minimum used (17)
    assert p.hasil == "WBK"
    fails = [s.syarat for s in p.gagal("WBBM")]
    assert any("Anti Korupsi" in f for f in fails)
    assert not any("Pelayanan" in f for f in fails)


def test_2014_thresholds():
    r = load_rules("2014")
    ans = best_answers(r)
    tl = r.with_peran("tlhp")[0]
    tq = r.children(tl.id)[0].id
    ans[tq] = 0.6                       # TLHP 60 % × 5 = 3.0 < 3.5
    p = verdict("2014", ans)
    assert p.hasil == "Tidak memenuhi"
    assert {s.syarat for s in p.gagal("WBK")} == {"Sub-komponen Persentase TLHP"}


def test_2021_wbbm_needs_a_prior_wbk():
    r = load_rules("2021")
    ans = best_answers(r)
    assert verdict("2021", ans).hasil == "WBK"
    assert verdict("2021", ans, sudah_wbk=True).hasil == "WBBM"
    v = verdict("2021", ans)
    assert all(s.terkonfirmasi for s in v.syarat)                       # confirmed: Tabel 6 of the regulation
    assert "Tabel 6 (hlm. 58)" in v.sumber and "PermenPANRB Nomor 90 Tahun 2021" in v.sumber
    assert v.gagal("WBBM")[0].catatan == "belum pernah memperoleh predikat WBK (syarat WBBM)"


def test_user_override_file(tmp_path):
    f = tmp_path / "b.json"
    f.write_text(json.dumps({"2021": {"WBK": [{"kode": "ipak", "min": 17.6}]}}), encoding="utf-8")
    b = load_batas("2021", str(f))
    ipak = [c for c in b["WBK"] if c["kode"] == "ipak"][0]
    assert ipak["min"] == 17.6 and ipak["dari_pengguna"] and ipak["terkonfirmasi"]
    r = load_rules("2021")
    assert verdict("2021", best_answers(r), batas=str(f)).hasil == "Tidak memenuhi"
    bad = tmp_path / "rusak.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ZiError, match="bukan JSON"):
        load_batas("2021", str(bad))


def test_seed_contradiction_is_documented_in_the_data():
    b = load_batas("2019")
    pel = [c for c in b["WBBM"] if c["kode"] == "pelayanan"][0]
    assert pel["min"] == 17 and pel["terkonfirmasi"] is False and "3,40" in pel["catatan"]


def test_api_dataframe_and_lazy_import(ref_lke):
    import subprocess
    import sys

    code = "import sys, zi_xl; assert 'pandas' not in sys.modules and 'openpyxl' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
    import zi_xl

    h = zi_xl.read_lke(ref_lke)
    df = h.to_frame()
    assert df.loc["A.II.5.iii", "nilai"] == pytest.approx(13 / 15 + 1)
    assert set(df["tingkat"]) == {"komponen", "bagian", "area", "indikator", "pertanyaan"}


def test_2021_gaps_worked_by_hand():
    """What stands between the unit and WBBM, in points (PermenPANRB 90/2021 Tabel 6, hlm. 58)."""
    r = load_rules("2021")
    ans = best_answers(r)
    ans["A.II.5.i.1"] = "E"                                   # Mekanisme Pengendalian 2,5 → 0
    ans["A.II.5.ii.1#1"], ans["A.II.5.ii.1#3"] = 100, 0         # pengaduan 0 of 100 handled: 3,0 → 0
    ans[r.with_peran("ipkp")[0].id] = 3.4                     # IPKP 3,4/4 × 17,5 = 14,875
    skor = hitung(r, ans)
    p = tentukan(r, skor, load_batas("2021"), sudah_wbk=True)
    # by hand: Penguatan Pengawasan (7,5 + 7,5) − 2,5 − 3 = 9,5 = 63,3 % → WBK (≥ 60 %), not WBBM (75 %):
    # short of 75 % by 11,7 % of 15 = 1,75 points; Pelayanan Prima 14,875 < 15,75 (IPKP 3,60): 0,875 short
    assert p.hasil == "WBK" and p.target() == "WBBM"
    gagal = {s.kode: s for s in p.gagal("WBBM")}
    assert set(gagal) == {"area", "pelayanan"}
    assert gagal["area"].kurang == pytest.approx(1.75)
    assert gagal["area"].kekurangan() == "kurang 11,7% bobot (1,75 poin)"
    assert gagal["pelayanan"].kurang == pytest.approx(0.875)
    assert gagal["pelayanan"].kekurangan() == "perlu survei ≥ 3,60, sekarang 3,40 (kurang 0,88 poin)"
    tingkat = {a.kunci: a.tingkat for a in p.area}
    assert tingkat["pengawasan"] == "WBK"
    assert set(tingkat.values()) == {"WBBM", "WBK"}
    assert [s.kekurangan() for s in p.syarat if s.terpenuhi][:1] == ["terpenuhi"]


def test_2021_weakest_indicators_worked_by_hand(tmp_path):
    from zi_xl.lke.reader import read_lke
    from zi_xl.lke.templat import tulis_templat_lke

    r = load_rules("2021")
    ans = best_answers(r)
    ans["A.II.5.i.1"] = "E"
    ans["A.II.5.ii.1#1"], ans["A.II.5.ii.1#3"] = 100, 0
    dihitung = {it["id"] for q in r.questions() for it in q.isian if it.get("rumus")}
    ans = {k: v for k, v in ans.items() if k not in dihitung}     # the template computes these itself
    f = tmp_path / "lke.xlsx"
    tulis_templat_lke(f, "2021", jawaban=ans)
    h = read_lke(f)
    lemah = h.terlemah()
    assert [(x.nama, x.hilang) for x in lemah] == [
        ("Penanganan Pengaduan Masyarakat", pytest.approx(3.0)),
        ("Mekanisme Pengendalian", pytest.approx(2.5)),
    ]
    assert {x.area for x in lemah} == {"Penguatan Pengawasan"}
    out = run_cli("hitung", f).stdout                       # what to fix next comes before the tables
    block = out[out.index("Yang perlu dipenuhi untuk WBBM:"):out.index("Komponen / bagian / area")]
    assert "Area Penguatan Pengawasan (% bobot): kurang 11,7% bobot (1,75 poin)" in block
    assert "belum pernah memperoleh predikat WBK" in block
    assert "Penanganan Pengaduan Masyarakat (Penguatan Pengawasan): 0,00 dari 3,00, hilang 3,00" in block


def test_target_of_each_verdict():
    r = load_rules("2021")
    assert verdict("2021", best_answers(r), sudah_wbk=True).target() is None
    assert verdict("2021", best_answers(r)).target() == "WBBM"
    assert verdict("2021", {}).target() == "WBK"


@pytest.mark.parametrize("isi, pesan", [
    ({"WBK": [{"kode": "baru", "min": 3}]}, "syarat WBK ke-1 (kode 'baru'): kode baru perlu \"jenis\""),
    ({"WBK": [{"kode": "total", "minimal": 80}]}, "kunci 'minimal' tidak dikenal"),
    ({"WBK": [{"kode": "total", "min": "80"}]}, "\"min\" harus angka ≥ 0, bukan '80'"),
    ({"WBBM": [{"kode": "area", "min": 75}]}, "pecahan bobot 0–1 (mis. 0.6 untuk 60%), bukan 75"),
    ({"WBK": [{"kode": "x", "jenis": "nilai", "syarat": "X", "peran": "ipk", "min": 1}]},
     "\"peran\" 'ipk' tidak dikenal"),
    ({"WBK": [{"kode": "x", "jenis": "rata", "syarat": "X", "min": 1}]}, "\"jenis\" 'rata' tidak dikenal"),
    ({"WBK": [{"kode": "ipak", "survei": 36}]}, "\"survei\" harus indeks 0–4"),
    ({"WBK": {"kode": "total"}}, "\"WBK\" harus berupa daftar syarat"),
    ({"WBK": ["total"]}, "syarat WBK ke-1 harus berupa objek dengan \"kode\""),
    ({"wbk": [{"kode": "total", "min": 80}]}, "kunci 'wbk' tidak dikenal"),
    ([1, 2], "harus berisi objek"),
])
def test_bad_threshold_files_are_named_errors(tmp_path, isi, pesan):
    f = tmp_path / "batas.json"
    f.write_text(json.dumps(isi), encoding="utf-8")
    with pytest.raises(ZiError) as e:
        load_batas("2021", str(f))
    assert pesan in str(e.value) and str(f) in str(e.value)


def test_override_of_a_survey_minimum_drops_the_shipped_survey_index(tmp_path):
    f = tmp_path / "b.json"
    f.write_text(json.dumps({"WBBM": [{"kode": "pelayanan", "min": 16.0}]}), encoding="utf-8")
    r = load_rules("2021")
    ans = best_answers(r)
    ans[r.with_peran("ipkp")[0].id] = 3.4               # 14,875 < 16 by 1,125 points
    s = {x.kode: x for x in verdict("2021", ans, batas=str(f), sudah_wbk=True).gagal("WBBM")}["pelayanan"]
    assert s.survei is None and s.kekurangan() == "kurang 1,13 poin"


def test_bad_threshold_file_through_the_cli(tmp_path, ref_lke):
    f = tmp_path / "batas.json"
    f.write_text('{"WBK": [{"kode": "baru", "min": 3}]}', encoding="utf-8")
    r = run_cli("hitung", ref_lke, "--batas", f)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith("GALAT") and str(f) in r.stderr and "kode baru perlu" in r.stderr
