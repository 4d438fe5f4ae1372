"""The seed's BAB III as data: every row of the seed text is in the JSON, exactly; the example plan built from it."""

import re
from datetime import date

from tests.support.ra_helpers import PER_CONTOH, SEED_TXT
from zi_xl.rencana_aksi.seed import rencana_aksi_seed, seed_data
from zi_xl.rencana_aksi.status import BERKELANJUTAN, JATUH_TEMPO, SELESAI

KEYS = ("no", "komponen", "indikator", "langkah_aksi", "bukti_fisik", "target_waktu")


def seed_table_lines() -> list[tuple[int, list[str]]]:
    """(line number, 6 cells) of the seed's 'RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS' table rows."""
    lines = SEED_TXT.read_text(encoding="utf-8").split("\n")
    start = lines.index("NO.\tKOMPONEN\tINDIKATOR\tLANGKAH AKSI\tBUKTI FISIK\tTARGET WAKTU")
    end = next(i for i, line in enumerate(lines) if line.startswith("BAB IV"))
    out = []
    for i in range(start + 1, end):
        cells = lines[i].split("\t")
        if len(cells) == 6 and not all(re.fullmatch(r"-*", c.strip()) for c in cells):
            out.append((i + 1, [re.sub(r"</?i>", "", c).strip() for c in cells]))
    return out


def test_every_seed_row_is_in_the_json_exactly():
    data = seed_data()
    rows = [(r["baris_seed"], [r[k] for k in KEYS]) for a in data["area"] for r in a["baris"]]
    assert rows == seed_table_lines()


def test_counts_per_area_and_headings():
    data = seed_data()
    # counted by hand in the seed text (lines 348-454)
    assert [(a["kode"], a["judul_seed"], len(a["baris"])) for a in data["area"]] == [
        ("I", "I MANAJEMEN PERUBAHAN", 9), ("II", "II. PENATAAN TATALAKSANA", 7),
        ("III", "III. PENATAAN SISTEM MANAJEMEN SDM", 15), ("IV", "IV. Penguatan Akuntabilitas", 11),
        ("V", "V. Penguatan Pengawasan", 22), ("VI", "VI. PENINGKATAN KUALITAS PELAYANAN PUBLIK", 12)]


def test_provenance_and_continuation_rule_are_recorded():
    data = seed_data()
    assert data["sumber"]["berkas"].endswith("seeds/000_51d3a08af0ad7292.txt")
    assert "BAB III" in data["sumber"]["bagian"]
    assert "TARGET WAKTU kosong" in data["catatan"]["sel_kosong"]
    empty = [r["baris_seed"] for a in data["area"] for r in a["baris"] if not r["target_waktu"]]
    assert empty == data["catatan"]["target_kosong_seed"] == [349, 350, 363]


def test_first_and_last_rows():
    data = seed_data()
    first = data["area"][0]["baris"][0]
    assert (first["no"], first["komponen"], first["langkah_aksi"], first["target_waktu"]) == (
        "1", "Tim Kerja", "Menyusun SOP pemilihan tim kerja ZI", "Januari 2022")
    last = data["area"][-1]["baris"][-1]
    assert last["indikator"] == "Dilakukan tindaklanjut atas hasil survey kepuasan masyarakat"
    assert last["target_waktu"] == "Januari-Desember 2022"


def test_plan_from_seed_carries_down_and_inherits_targets():
    ra = rencana_aksi_seed(contoh=False, per=PER_CONTOH)
    assert len(ra) == 76
    a349 = next(a for a in ra.aksi if a.baris == 349)
    assert (a349.komponen, a349.target_waktu, a349.tenggat) == ("Tim Kerja", "Januari 2022", date(2022, 1, 31))
    assert a349.lanjut_komponen and a349.lanjut_indikator and a349.lanjut_target
    assert a349.peringatan == ["target waktu kosong; mengikuti baris 348 seed (Januari 2022)"]
    a363 = next(a for a in ra.aksi if a.baris == 363)  # E-Office, new indicator, empty target
    assert (a363.komponen, a363.target_waktu, a363.lanjut_indikator) == ("E-Office", "Januari-Desember 2022", False)
    assert {a.area for a in ra.aksi} == {"Manajemen Perubahan", "Penataan Tatalaksana",
                                         "Penataan Sistem Manajemen SDM", "Penguatan Akuntabilitas Kinerja",
                                         "Penguatan Pengawasan", "Peningkatan Kualitas Pelayanan Publik"}
    assert all(a.tenggat or a.berulang for a in ra.aksi)


def test_example_statuses_on_31_may_2022():
    ra = rencana_aksi_seed()
    assert ra.per == PER_CONTOH
    by_line = {a.baris: a.status for a in ra.aksi}
    assert by_line[348] == SELESAI and by_line[429] == SELESAI  # a date / the text "Selesai"
    assert by_line[356] == BERKELANJUTAN  # "Setiap ada pertemuan"
    assert by_line[437] == JATUH_TEMPO  # "Januari s.d Mei 2022"
    assert by_line[380] == "Belum mulai"  # "Juni 2022"
    tot = ra.ringkasan()["keseluruhan"]
    # By hand: 11 realisasi in the example; whole-year targets: 37 "Januari-Desember 2022" + 2 "Januari s/d
    # Desember 2022" + row 363 (inherits one) = 40, none of them done -> Berjalan; 1 recurring (356);
    # 1 due in May (437); 1 not started (380, Juni); the remaining 76-11-40-1-1-1 = 22 are late.
    assert tot == {"jumlah": 76, "selesai": 11, "terlambat": 22, "jatuh_tempo_bulan_ini": 1, "berjalan": 40,
                   "belum_mulai": 1, "berkelanjutan": 1, "tidak_terbaca": 0, "persen_selesai": 14.5}
