"""``zi-xl portalrb``: the JSON PortalRB fetches, validated against the 2026 master; a round trip loses nothing."""

from __future__ import annotations

import json

import openpyxl
import pytest

from tests.support import REFERENCE, WORKBOOKS, run_cli
from tests.support.jawaban import RULES, tulis_jawaban
from tests.support.lke_answers import varied_answers
from zi_xl.lke.portalrb import soal_aturan, soal_master, validasi
from zi_xl.lke.reader import read_lke
from zi_xl.lke.scoring import normalisasi_jawaban

MASTER = json.loads((REFERENCE / "master-soal-lke-zi-2026.json").read_text(encoding="utf-8"))
SOAL = soal_master(MASTER)


def _slots():
    out = {}
    for n in RULES.nodes:
        if n.soal_id:
            out[n.soal_id] = (n.id, n.jenis)
        for it in n.isian:
            if it.get("soal_id"):
                out[it["soal_id"]] = (it["id"], "jumlah")
    return out


def _expected(jenis, raw):
    v = normalisasi_jawaban(jenis, raw)
    if v is None:
        return None
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def test_the_rule_set_knows_exactly_the_master_soal_table():
    assert soal_aturan() == SOAL and len(SOAL) == 127


@pytest.fixture(scope="module")
def ekspor(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("prb")
    ans, tpi = varied_answers(RULES, 31), varied_answers(RULES, 32)
    notes = {"A.I.1.i.a": ("SK Tim ZI Nomor 5/2026", "https://contoh.go.id/sk.pdf", "sesuai"),
             "A.II.5.iii.i.1#2": ("kepala satker", None, None)}
    src = tulis_jawaban(tmp / "unit-a.xlsx", ans, tpi, catatan=notes)
    out = tmp / "portal"
    r = run_cli("portalrb", src, "-o", out, "--unit-id", "UNIT-A", "--nama-unit", "Disdukcapil A")
    assert r.returncode == 0, r.stderr
    payload = json.loads((out / "lke" / "jawaban-unit" / "UNIT-A.json").read_text(encoding="utf-8"))
    return ans, tpi, notes, src, out, payload


def test_layout_of_the_folder_and_unit_lists(ekspor):
    *_, out, payload = ekspor
    assert json.loads((out / "pengusulan" / "unit-wbk.json").read_text()) == {
        "tahun": 2026, "units": [{"id": "UNIT-A", "nama": "Disdukcapil A", "kategori": "WBK", "afirmasi": False}]}
    assert json.loads((out / "pengusulan" / "unit-wbbm.json").read_text()) == {"tahun": 2026, "units": []}
    assert (payload["unit_id"], payload["nama_unit"], payload["tahun"]) == ("UNIT-A", "Disdukcapil A", 2026)


def test_payload_is_valid_against_the_master_and_keeps_every_answer(ekspor):
    ans, tpi, notes, *_, payload = ekspor
    assert validasi(payload, SOAL) == []
    slots = _slots()
    assert [a["soal_id"] for a in payload["answers"]] == sorted(SOAL)
    for a in payload["answers"]:
        key, jenis = slots[a["soal_id"]]
        assert a["jawaban_unit"] == _expected(jenis, ans.get(key)), key
        assert a["jawaban_tpi"] == _expected(jenis, tpi.get(key)), key
        note = notes.get(key, (None, None, None))
        assert (a["catatan_unit"], a["bukti_dukung_unit"], a["catatan_tpi"]) == note


def test_round_trip_workbook_json_workbook(ekspor, tmp_path):
    _, _, _, src, _, payload = ekspor
    slots = _slots()
    back_unit = {slots[a["soal_id"]][0]: a["jawaban_unit"] for a in payload["answers"] if a["jawaban_unit"]}
    back_tpi = {slots[a["soal_id"]][0]: a["jawaban_tpi"] for a in payload["answers"] if a["jawaban_tpi"]}
    again = tulis_jawaban(tmp_path / "kembali.xlsx", back_unit, back_tpi)
    a, b = read_lke(src), read_lke(again)
    assert [p.skor.total for p in a.sumber] == pytest.approx([p.skor.total for p in b.sumber], abs=1e-12)
    r = run_cli("portalrb", again, "-o", tmp_path / "p2", "--unit-id", "UNIT-A", "--nama-unit", "Disdukcapil A")
    assert r.returncode == 0, r.stderr
    second = json.loads((tmp_path / "p2" / "lke" / "jawaban-unit" / "UNIT-A.json").read_text())
    strip = [{k: v for k, v in x.items() if not k.startswith("catatan") and k != "bukti_dukung_unit"}
             for x in payload["answers"]]
    assert [{k: v for k, v in x.items() if not k.startswith("catatan") and k != "bukti_dukung_unit"}
            for x in second["answers"]] == strip


def test_many_workbooks_with_a_csv_and_the_official_layout(tmp_path, ref_lke):
    folder = tmp_path / "unit"
    folder.mkdir()
    tulis_jawaban(folder / "a.xlsx", varied_answers(RULES, 41))
    tulis_jawaban(folder / "b.xlsx", varied_answers(RULES, 42))
    (folder / "resmi.xlsx").write_bytes(ref_lke.read_bytes())
    csv = tmp_path / "unit.csv"
    csv.write_text("berkas,id,nama,kategori,afirmasi\na.xlsx,U-A,Unit A,WBK,ya\nb.xlsx,U-B,Unit B,WBBM,\n"
                   "resmi.xlsx,U-R,Puskesmas Contoh,WBK-AFIRMASI,\n", encoding="utf-8")
    r = run_cli("portalrb", folder, "-o", tmp_path / "out", "--unit", csv)
    assert r.returncode == 0, r.stderr
    wbk = json.loads((tmp_path / "out" / "pengusulan" / "unit-wbk.json").read_text())["units"]
    wbbm = json.loads((tmp_path / "out" / "pengusulan" / "unit-wbbm.json").read_text())["units"]
    assert [(u["id"], u["kategori"], u["afirmasi"]) for u in wbk] == [("U-A", "WBK", True),
                                                                      ("U-R", "WBK-AFIRMASI", True)]
    assert [u["id"] for u in wbbm] == ["U-B"]
    for uid in ("U-A", "U-B", "U-R"):
        payload = json.loads((tmp_path / "out" / "lke" / "jawaban-unit" / f"{uid}.json").read_text())
        assert validasi(payload, SOAL) == [] and len(payload["answers"]) == 127
    resmi = json.loads((tmp_path / "out" / "lke" / "jawaban-unit" / "U-R.json").read_text())["answers"]
    # the official 2021 sheet: its LHKASN counts land on the Non LHKPN soal (117–120), its answers as typed
    by_id = {a["soal_id"]: a["jawaban_unit"] for a in resmi}
    assert by_id[1] == "Ya" and by_id[118] == "1" and by_id[120] == "12"


def test_an_answer_that_cannot_be_mapped_names_the_cell_and_writes_nothing(tmp_path):
    q = RULES.node("A.I.1.i.b")                               # A/B/C
    p = tulis_jawaban(tmp_path / "salah.xlsx", varied_answers(RULES, 51) | {q.id: "Z"})
    r = run_cli("portalrb", p, "-o", tmp_path / "out")
    assert r.returncode == 2 and f"Jawaban!K{q.excel_baris}" in r.stderr and "tidak dapat dipetakan" in r.stderr
    assert not (tmp_path / "out").exists()


def test_existing_files_are_not_overwritten_without_timpa(ekspor):
    *_, src, out, _ = ekspor
    before = (out / "pengusulan" / "unit-wbk.json").read_bytes()
    r = run_cli("portalrb", src, "-o", out, "--unit-id", "UNIT-A", "--nama-unit", "Lain")
    assert r.returncode == 2 and "--timpa" in r.stderr
    assert (out / "pengusulan" / "unit-wbk.json").read_bytes() == before
    assert run_cli("portalrb", src, "-o", out, "--unit-id", "UNIT-A", "--nama-unit", "Lain", "--timpa").returncode == 0


def test_unit_name_from_the_workbook_and_old_versions_refused(tmp_path):
    p = tmp_path / "templat.xlsx"
    wb = openpyxl.load_workbook(WORKBOOKS / "templat-lke-2021.xlsx")
    ws = wb["LKE ZI"]
    ws["G1"] = str(ws["G1"].value).replace("Unit kerja: .....................................",
                                           "Unit kerja: Kecamatan Contoh")
    wb.save(p)
    r = run_cli("portalrb", p, "-o", tmp_path / "o")
    assert r.returncode == 0, r.stderr
    assert "KECAMATAN-CONTOH: Kecamatan Contoh [WBK]" in r.stdout
    r = run_cli("portalrb", WORKBOOKS / "templat-lke-2019.xlsx", "-o", tmp_path / "o2")
    assert r.returncode == 2 and "versi 2019 tidak dapat diekspor" in r.stderr

