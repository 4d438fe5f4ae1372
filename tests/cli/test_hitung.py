"""Reader tolerance, layout detection and the CLI (table, JSON, bad input)."""

import json

import openpyxl
import pytest

from tests.support import run_cli
from zi_xl.lke.reader import read_lke


@pytest.fixture(scope="module")
def base(ref_lke):
    return read_lke(ref_lke)


def test_tolerant_answers_invalid_answer_and_tpi_column(ref_lke, tmp_path, base):
    wb = openpyxl.load_workbook(ref_lke)
    ws = wb["LKE ZI"]
    ws["K9"], ws["K11"], ws["K25"], ws["K27"] = "a", " ya ", "A.", "a"
    ws["K26"] = "Yaa"
    ws["K202"] = "3,60"           # decimal comma in a survey value, as text
    ws["K129"], ws["K130"] = "7", "7"  # counts as numeric text
    ws["R2"] = "Jawaban TPI"
    ws["R9"], ws["R11"], ws["R202"] = "C", "Tidak", 3.0
    p = tmp_path / "toleran.xlsx"
    wb.save(p)
    h = read_lke(p)
    msgs = [f"{w.sheet}!{w.sel}: {w.pesan}" for w in h.peringatan]
    assert 'LKE ZI!K26: jawaban "Yaa" bukan pilihan yang sah (A/B/C/D/E)' in msgs
    # K26 is left out of its indicator (the others are A): still 1.0; IPAK 3.60 → 3.6/4 × 17.5 = 15.75
    assert h.unit.skor.nodes["A.I.2.i"].nilai == pytest.approx(1.0)
    assert h.nilai("hasil") == pytest.approx(40 - 17.5 + 15.75)
    assert h.nilai("pengungkit") == pytest.approx(base.nilai("pengungkit"))
    # TPI answers are read too: C on A.I.1.i.b and Tidak on A.I.1.ii.a, IPAK 3.0, the rest unanswered
    assert h.tpi is not None
    t = h.tpi.skor.nodes
    assert t["A.I.1.i"].nilai == pytest.approx(0.0)      # AVERAGE(C=0) × 0.5 (J8 row has no TPI answer)
    assert t["A.I.1.ii"].nilai == pytest.approx(0.0)
    assert t["B.I.a"].nilai == pytest.approx(3.0 / 4 * 17.5)
    assert t["A.I.2"].nilai is None                       # no TPI answer at all in that area


def test_extra_columns_and_inserted_rows_are_tolerated(ref_lke, tmp_path, base):
    wb = openpyxl.load_workbook(ref_lke)
    ws = wb["LKE ZI"]
    ws.protection.sheet = True
    for rng in list(ws.merged_cells.ranges):  # openpyxl does not move merged ranges when inserting
        ws.unmerge_cells(str(rng))
    ws.insert_cols(11)            # a new column before "Jawaban" (e.g. bukti dukung link)
    ws["K2"] = "Link Bukti Dukung"
    ws.insert_rows(60)            # an empty row inside an indicator
    ws.insert_rows(12)
    ws["G12"] = "catatan: dokumen menyusul"  # a stray note row
    p = tmp_path / "geser.xlsx"
    wb.save(p)
    h = read_lke(p)
    assert h.nilai("pengungkit") == pytest.approx(base.nilai("pengungkit"))
    assert h.nilai("total") == pytest.approx(base.nilai("total"))
    assert h.baris["A.I.1.ii.b"] == 13                   # rows found where they are now
    assert any("tidak menyimpan hasil rumus" in w.pesan for w in h.peringatan)  # openpyxl dropped the cache


def test_cli_table_in_indonesian(ref_lke):
    r = run_cli("hitung", ref_lke)
    assert r.returncode == 0, r.stderr
    assert "PREDIKAT: WBK" in r.stdout
    assert "NILAI TOTAL" in r.stdout and "95,71" in r.stdout
    assert "LKE ZI!L175" in r.stdout and "LKE ZI!L8" in r.stdout


def test_cli_json_contract(ref_lke):
    r = run_cli("hitung", ref_lke, "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert {"berkas", "versi", "nilai", "predikat", "rincian", "peringatan", "anomali"} <= set(d)
    assert d["versi"] == "2021"
    assert set(d["nilai"]) == {"pengungkit", "hasil", "total"}
    assert all(isinstance(v, float) for v in d["nilai"].values())
    assert d["predikat"]["hasil"] in ("WBBM", "WBK", "Tidak memenuhi")
    for s in d["predikat"]["syarat"]:
        assert {"syarat", "batas", "nilai", "terpenuhi"} <= set(s) and isinstance(s["terpenuhi"], bool)
    tingkat = {"komponen", "bagian", "area", "indikator", "pertanyaan"}
    assert len(d["rincian"]) == 175
    for n in d["rincian"]:
        assert {"kode", "nama", "tingkat", "bobot", "nilai", "persen", "sheet", "baris"} <= set(n)
        assert n["tingkat"] in tingkat and isinstance(n["baris"], int) and n["sheet"] == "LKE ZI"
    rows = {n["kode"]: n for n in d["rincian"]}
    assert rows["A.II.5.iii"]["baris"] == 175 and rows["A.II.5.iii"]["bobot"] == 2
    assert rows["A"]["persen"] == pytest.approx(rows["A"]["nilai"] / 60)
    for a in d["anomali"]:
        assert {"sheet", "sel", "pesan", "nilai_berkas", "nilai_aturan"} <= set(a)
    assert {a["sel"] for a in d["anomali"]} >= {"L8", "L175"}
    for w in d["peringatan"]:
        assert {"sheet", "sel", "pesan"} <= set(w)


def test_cli_versi_option_and_override(ref_lke, tmp_path):
    batas = tmp_path / "batas.json"
    batas.write_text(json.dumps({"WBK": [{"kode": "total", "min": 99}]}), encoding="utf-8")
    r = run_cli("hitung", ref_lke, "--json", "--versi", "2021", "--batas", batas)
    d = json.loads(r.stdout)
    assert d["predikat"]["hasil"] == "Tidak memenuhi"
    assert any(s["syarat"].startswith("Nilai total") and s["batas"] == 99 and not s["terpenuhi"]
               for s in d["predikat"]["syarat"])
    r = run_cli("hitung", ref_lke, "--json", "--sudah-wbk")
    assert json.loads(r.stdout)["predikat"]["hasil"] == "WBBM"


@pytest.mark.parametrize("name,content,expected", [
    ("bukan.xlsx", b"ini bukan excel", "bukan berkas Excel"),
    ("lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, ".xls"),
    ("rahasia.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "terenkripsi"),
    ("terpotong.xlsx", None, "bukan berkas Excel"),
])
def test_cli_bad_input_clear_message_no_traceback(ref_lke, tmp_path, name, content, expected):
    p = tmp_path / name
    p.write_bytes(content if content is not None else ref_lke.read_bytes()[:5000])
    before = p.read_bytes()
    r = run_cli("hitung", p)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    assert expected in r.stderr and str(p) in r.stderr
    assert p.read_bytes() == before


def test_cli_missing_file_and_workbook_without_lke(tmp_path):
    r = run_cli("hitung", tmp_path / "tidak-ada.xlsx")
    assert r.returncode != 0 and "tidak ditemukan" in r.stderr and "Traceback" not in r.stderr
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Daftar hadir"
    p = tmp_path / "lain.xlsx"
    wb.save(p)
    r = run_cli("hitung", p)
    assert r.returncode != 0 and "tidak ada sheet LKE" in r.stderr and str(p) in r.stderr
    assert "Traceback" not in r.stderr


def test_contoh_writes_and_scores_the_examples(tmp_path):
    r = run_cli("contoh", tmp_path / "contoh")
    assert r.returncode == 0, r.stderr
    names = {p.name for p in (tmp_path / "contoh").iterdir()}
    assert {"contoh-lke-2021.xlsx", "templat-lke-2021.xlsx", "templat-lke-2019.xlsx"} <= names
    assert any(n.startswith("rencana-aksi") for n in names)
    assert "PREDIKAT: WBK — memenuhi WBK; belum WBBM" in r.stdout
    h = read_lke(tmp_path / "contoh" / "contoh-lke-2021.xlsx")
    assert h.predikat.hasil == "WBK" and not h.anomali  # the template's own formulas agree with the rules


def test_hitung_ulang_cross_checks_a_file_without_cached_values(ref_lke, tmp_path):
    p = tmp_path / "tanpa-cache.xlsx"
    openpyxl.load_workbook(ref_lke).save(p)  # openpyxl drops every cached formula result
    plain = read_lke(p)
    assert any("tidak menyimpan hasil rumus" in w.pesan for w in plain.peringatan)
    # audited from the formula text alone: the two faults of the official file, and where they carry
    static = {a.sel: a.pesan for a in plain.anomali}
    assert set(static) == {"L8", "L175"}
    assert "J8 berisi 'Ya', bukan 'Ya/Tidak'" in static["L8"]
    assert "dapat terbawa ke L4, L5, L6, L7, L198" in static["L8"]
    assert "ikut mengambil L177" in static["L175"] and "tidak mengambil L183" in static["L175"]
    assert "dapat terbawa ke L4, L125, L167, L198, L208" in static["L175"]
    assert plain.nilai("total") == pytest.approx(95.7095238095238)
    r = run_cli("hitung", p, "--json", "--hitung-ulang")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert {"L8", "L175"} <= {a["sel"] for a in d["anomali"]}
    assert d["berkas"] == str(p)
