"""Predikat verdicts worked by hand from the threshold tables (seed: 52/2014, 10/2019; DESIGN.md: 90/2021)."""

import json

import pytest

from tests.lke.test_scoring import best_answers
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
