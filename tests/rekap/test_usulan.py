"""Dapat diusulkan? PermenPANRB 5/2024 Tabel 5 and the 90/2021 pra-evaluasi gates, worked by hand: where each value
comes from (table, workbook, LKE, options), the scales, the affirmation route, "belum pasti" when data is missing."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest

from tests.support import run_cli
from tests.support.jawaban import RULES, tulis_jawaban
from zi_xl.errors import ZiError
from zi_xl.lke.reader import read_lke
from zi_xl.rekap.reader import Opsi, read_rekap
from zi_xl.rekap.usulan import BELUM, TIDAK, YA, Nilai, afirmasi, baca_tabel, baris_tabel, dari_grids, periksa
from zi_xl.xlsx.read import read_workbook

LENGKAP = {"jenis_instansi": "Pemerintah Daerah", "opini_bpk": "WTP", "sakip_instansi": "BB", "indeks_rb": "B",
           "spip": 3, "core_layanan": "Ya", "dampak": "Ya", "tlhp": "100%", "lama_zi": 2, "sakip_unit": "BB"}


def terbaik(rules, survei: float = 3.9) -> dict:
    """Every answer at its best: letters A/Ya, counts giving 100 %, surveys ``survei``."""
    ans: dict = {}
    for q in rules.questions():
        if q.jenis in ("ya_tidak", "abc", "abcd", "abcde"):
            ans[q.id] = max(q.nilai_pilihan(), key=q.nilai_pilihan().get)
        elif q.jenis == "nilai_0_4":
            ans[q.id] = survei
        for it in q.isian:
            if not it.get("rumus"):
                ans[it["id"]] = 10
        if q.rumus and q.rumus["jenis"] == "penurunan":
            ans[q.rumus["lalu"]], ans[q.rumus["kini"]] = 5, 0
        if q.rumus and q.rumus["jenis"] == "rasio":                 # numerator = denominator (a sum or a count)
            den = next(it for it in q.isian if it["id"] == q.rumus["penyebut"])
            parts = den["rumus"]["dari"] if den.get("rumus") else [den["id"]]
            ans[q.rumus["pembilang"]] = 10 * len(parts)
    return ans


def _nilai(d: dict) -> dict[str, Nilai]:
    return {k: Nilai(v, "uji") for k, v in d.items()}


@pytest.fixture(scope="module")
def lke_baik(tmp_path_factory):
    p = tmp_path_factory.mktemp("usulan") / "baik.xlsx"
    tulis_jawaban(p, terbaik(RULES), terbaik(RULES))
    return read_lke(p)


@pytest.fixture(scope="module")
def lke_tanpa_tpi(tmp_path_factory):
    p = tmp_path_factory.mktemp("usulan") / "tanpa-tpi.xlsx"
    tulis_jawaban(p, terbaik(RULES))
    return read_lke(p)


def test_everything_met_gives_ya(lke_baik):
    u = periksa(lke_baik, _nilai(LENGKAP), unit="Bagian Umum", per=date(2026, 5, 31))
    assert (u.target, u.dapat, u.afirmasi, u.dinilai) == ("WBK", YA, None, "Jawaban TPI")
    assert u.karena == "semua syarat Menuju WBK terpenuhi"
    by = {b.kode: b for b in u.butir}
    assert by["dinilai_tpi"].terpenuhi is True
    # the gates are the WBK thresholds of the TPI's answers (Tabel 6 / pra-evaluasi angka 3–6)
    gates = [b for b in u.butir if b.tingkat == "pra-evaluasi" and b.kode != "dinilai_tpi"]
    assert [b.syarat for b in gates] == [s.syarat for s in lke_baik.tpi.predikat.syarat if s.predikat == "WBK"]
    assert all(b.terpenuhi for b in gates)
    # LHKPN/LHKASN compliance read from the LKE itself: 10 of 10 = 100 %
    assert (by["lhkpn"].nilai, by["lhkpn"].terpenuhi, by["lhkpn"].dari) == ("100,0%", True, "LKE (Jawaban TPI)")


@pytest.mark.parametrize("ubah,karena", [
    ({"opini_bpk": "WDP"}, "Opini BPK minimal WTP (WDP, perlu minimal WTP)"),
    ({"opini_bpk": "Wajar Dengan Pengecualian"}, "Opini BPK minimal WTP (WDP, perlu minimal WTP)"),
    ({"sakip_instansi": "CC"}, "Predikat SAKIP instansi (CC, perlu minimal B)"),
    ({"spip": "Level 2"}, "Level maturitas SPIP minimal level 3 (2, perlu minimal 3)"),
    ({"tlhp": "95%"}, "Penyelesaian tindak lanjut hasil pengawasan/pemeriksaan APIP/BPK 100% (95,0%, perlu 100%)"),
    ({"core_layanan": "Tidak"}, "Unit merupakan core layanan instansinya (tidak, perlu ya)"),
    ({"lama_zi": "0,5"}, "Sudah membangun ZI minimal satu tahun (0,5 tahun, perlu minimal 1 tahun)"),
])
def test_a_failed_requirement_gives_tidak(lke_baik, ubah, karena):
    u = periksa(lke_baik, _nilai(LENGKAP | ubah), unit="Bagian Umum")
    assert u.dapat == TIDAK and u.karena == karena


def test_indeks_rb_depends_on_the_kind_of_instansi(lke_baik, lke_tanpa_tpi):
    # WBK: Pemerintah Daerah minimal CC, kementerian/lembaga minimal B
    assert periksa(lke_baik, _nilai(LENGKAP | {"indeks_rb": "CC"}), unit="X").dapat == YA
    u = periksa(lke_baik, _nilai(LENGKAP | {"indeks_rb": "CC", "jenis_instansi": "Kementerian"}), unit="X")
    assert u.dapat == TIDAK and "Indeks RB instansi (CC, perlu minimal B (" in u.karena
    # unknown kind: CC meets the one and not the other — not decided
    u = periksa(lke_baik, _nilai({k: v for k, v in LENGKAP.items() if k != "jenis_instansi"} | {"indeks_rb": "CC"}),
                unit="X")
    assert u.dapat == BELUM and "Indeks RB instansi" in u.karena
    by = {b.kode: b for b in u.butir}
    assert by["indeks_rb"].nilai == "CC (jenis instansi belum diketahui)"


def test_wbbm_asks_the_higher_marks_and_an_earlier_wbk(lke_baik):
    u = periksa(lke_baik, _nilai(LENGKAP | {"sakip_instansi": "B", "indeks_rb": "B"}), unit="X", target="WBBM")
    assert u.dapat == TIDAK
    assert "Predikat SAKIP instansi (B, perlu minimal BB)" in u.karena
    assert "Telah mendapatkan predikat Menuju WBK (Tidak, perlu Ya)" in u.karena        # the TPI-scored verdict
    assert "Indeks RB" not in u.karena                                                   # pemda WBBM: minimal B


def test_missing_data_and_missing_tpi_give_belum_pasti(lke_baik, lke_tanpa_tpi):
    u = periksa(lke_baik, _nilai({k: v for k, v in LENGKAP.items() if k not in ("spip", "dampak")}), unit="X")
    assert u.dapat == BELUM
    assert u.karena == ("belum diketahui: Level maturitas SPIP minimal level 3; Berdampak signifikan pada persepsi "
                        "masyarakat tentang kualitas birokrasi")
    u = periksa(lke_tanpa_tpi, _nilai(LENGKAP), unit="X")
    assert u.dapat == BELUM and u.karena == "belum diketahui: LKE sudah dinilai TPI"
    assert u.dinilai == "Jawaban unit"


def test_thresholds_of_the_tpi_scored_lke_block(tmp_path):
    ans = terbaik(RULES)
    tpi = terbaik(RULES, survei=3.0)                          # IPAK 3,00 < 3,60; IPKP 3,00 < 3,20
    p = tmp_path / "ipak.xlsx"
    tulis_jawaban(p, ans, tpi)
    u = periksa(read_lke(p), _nilai(LENGKAP), unit="RSUD Kota Padang")
    assert u.dapat == TIDAK
    assert "Nilai sub-komponen 'Survei Persepsi Anti Korupsi' (13,13, perlu 15,75)" in u.karena
    # the affirmation route does not lift the thresholds
    assert u.afirmasi == "rumah sakit umum daerah"


def test_affirmation_route_for_pemda_units(lke_baik):
    kurang = LENGKAP | {"opini_bpk": "WDP", "spip": 2}
    u = periksa(lke_baik, _nilai(kurang), unit="RSUD Kabupaten Agam")
    assert u.dapat == YA and u.afirmasi == "rumah sakit umum daerah"
    assert u.karena == ("semua syarat Menuju WBK terpenuhi; jalur afirmasi (rumah sakit umum daerah): 2 syarat "
                        "Tabel 5 masih dalam proses pemenuhan")
    assert not next(b for b in u.butir if b.kode == "opini_bpk").menghalangi
    # a kementerian/lembaga unit has no affirmation route
    u = periksa(lke_baik, _nilai(kurang | {"jenis_instansi": "Lembaga"}), unit="RSUD Kabupaten Agam")
    assert u.dapat == TIDAK and u.afirmasi is None
    # the kind can be given in a field instead of the name
    u = periksa(lke_baik, _nilai(kurang | {"jenis_layanan": "Pelayanan Terpadu Satu Pintu"}), unit="Dinas X")
    assert u.dapat == YA and u.afirmasi == "pelayanan terpadu satu pintu (PTSP)"
    assert afirmasi("Dinas Kependudukan dan Catatan Sipil Kota Padang")["kode"] == "disdukcapil"
    assert afirmasi("SMP Negeri 2 Padang")["kode"] == "pendidikan"
    assert afirmasi("Dinas Tenaga Kerja")["kode"] == "ketenagakerjaan"
    assert afirmasi("Kantor SAMSAT Padang")["kode"] == "samsat"
    assert afirmasi("Bagian Umum Setda", "Kecamatan") is None


def test_one_year_of_zi_from_the_start_date(lke_baik):
    d = {k: v for k, v in LENGKAP.items() if k != "lama_zi"} | {"mulai_zi": "1 Juni 2025"}
    u = periksa(lke_baik, _nilai(d), unit="X", per=date(2026, 5, 31))
    lama = next(b for b in u.butir if b.kode == "lama_zi")
    assert (lama.terpenuhi, lama.nilai) == (False, "1,0 tahun (sejak 1 Juni 2025)")
    assert periksa(lke_baik, _nilai(d), unit="X", per=date(2026, 6, 1)).dapat == YA
    u = periksa(lke_baik, _nilai(d), unit="X", per=None)
    assert next(b for b in u.butir if b.kode == "lama_zi").terpenuhi is None


# --------------------------------------------------------------------------------------------- where values come from
def test_fields_read_from_the_unit_workbook(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Profil"
    ws["A1"] = "Profil Unit"
    ws["A2"], ws["C2"] = "Opini BPK", "WTP"                    # value two cells right of its label
    ws["A3"] = "Level maturitas SPIP: 3"                      # label and value in one cell
    ws["A4"], ws["B4"] = "1. Predikat SAKIP", "BB"            # numbered label
    ws["A5"], ws["B5"] = "Kepatuhan LHKPN/LHKASN", 0.95
    ws["A6"], ws["B6"] = "Tanggal pencanangan ZI", "15/01/2024"
    ws["A7"], ws["B7"] = "Core layanan", "......"             # a placeholder is not a value
    p = tmp_path / "profil.xlsx"
    wb.save(p)
    got = dari_grids(read_workbook(p))
    assert {k: v.nilai for k, v in got.items()} == {"opini_bpk": "WTP", "spip": "3", "sakip_instansi": "BB",
                                                    "lhkpn": 0.95, "mulai_zi": "15/01/2024"}
    assert got["opini_bpk"].dari == "sheet 'Profil'!C2"


def test_the_evaluators_table_csv_and_xlsx(tmp_path, lke_baik):
    csv_p = tmp_path / "syarat.csv"
    csv_p.write_text("Unit kerja;Opini BPK;Predikat SAKIP;Level maturitas SPIP\n*;WTP;BB;3\n"
                     "Dinas A;WDP;;\n", encoding="utf-8")
    tabel = baca_tabel(csv_p)
    a = baris_tabel(tabel, "Dinas A", "a.xlsx")
    b = baris_tabel(tabel, "Dinas B", "b.xlsx")
    assert (a["opini_bpk"].nilai, a["sakip_instansi"].nilai, a["spip"].nilai) == ("WDP", "BB", "3")
    assert (b["opini_bpk"].nilai, b["spip"].nilai) == ("WTP", "3")
    wb = openpyxl.Workbook()
    wb.active.append(["Berkas", "TLHP", "Core layanan"])
    wb.active.append(["baik.xlsx", "80%", "Ya"])
    x = tmp_path / "syarat.xlsx"
    wb.save(x)
    got = baris_tabel(baca_tabel(x), "Unit Apa Pun", "/jalan/ke/baik.xlsx")
    assert (got["tlhp"].nilai, got["core_layanan"].nilai) == ("80%", "Ya")
    assert got["tlhp"].dari == "tabel syarat (syarat.xlsx)"
    bad = tmp_path / "salah.csv"
    bad.write_text("Nama;Alamat\nA;B\n", encoding="utf-8")
    with pytest.raises(ZiError, match="baris judul tidak memuat satu pun syarat"):
        baca_tabel(bad)


def test_table_over_workbook_over_options_in_the_rekap(tmp_path):
    p = tmp_path / "u.xlsx"
    tulis_jawaban(p, terbaik(RULES), terbaik(RULES))
    wb = openpyxl.load_workbook(p)
    prof = wb.create_sheet("Profil")
    for row in (("Unit kerja", "Kecamatan Lubuk Begalung"), ("Opini BPK", "WDP"), ("Core layanan", "Ya"),
                ("Dampak signifikan", "Ya"), ("TLHP", "100%"), ("Lama pembangunan ZI", "3 tahun"),
                ("Predikat SAKIP unit", "B")):
        prof.append(row)
    wb.save(p)
    tabel = tmp_path / "t.csv"
    tabel.write_text("Unit kerja,Opini BPK\nKecamatan Lubuk Begalung,WTP\n", encoding="utf-8")
    opsi = Opsi(instansi={"opini_bpk": Nilai("TMP", "opsi --opini"), "sakip_instansi": Nilai("B", "opsi --sakip"),
                          "indeks_rb": Nilai("CC", "opsi --indeks-rb"), "spip": Nilai("3", "opsi --spip"),
                          "jenis_instansi": Nilai("pemda", "opsi --jenis-instansi")},
                tabel=tuple(baca_tabel(tabel)), per=date(2026, 5, 31))
    (row,) = read_rekap([p], opsi, proses=1).baris
    by = {b.kode: b for b in row.usulan.butir}
    assert (by["opini_bpk"].nilai, by["opini_bpk"].dari) == ("WTP", "tabel syarat")        # table wins
    assert by["sakip_instansi"].dari == "opsi --sakip"                                      # options fill the rest
    assert by["sakip_unit"].dari == "sheet 'Profil'!B7"
    assert row.unit == "Kecamatan Lubuk Begalung" and row.usulan.dapat == YA
    # through the CLI, the options reach every unit
    r = run_cli("rekap", p, "--json", "--opini", "WDP", "--sakip", "B", "--indeks-rb", "CC", "--spip", "3",
                "--jenis-instansi", "pemda", "--per", "2026-05-31")
    assert r.returncode == 0, r.stderr
    u = json.loads(r.stdout)["unit"][0]["usulan"]
    assert u["dapat"] == "tidak" and u["karena"].startswith("Opini BPK minimal WTP (WDP")
