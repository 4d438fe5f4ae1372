"""The seed as the example: its BAB IV–V tables as data with provenance and as workbooks/monev-contoh.xlsx, cell for
cell (text), with the seed's inconsistencies listed in the data and reported by the checks; the seed's own layout
(BAB IV–V pasted into one sheet) read with its slips reported; the 2026 questions copied faithfully."""

from __future__ import annotations

import json

import openpyxl
import pytest

from tests.monev.bantu import CONTOH, RA_CONTOH, SEED_TXT, salin, tabel_seed, tabel_sheet
from tests.support import REFERENCE
from zi_xl.monev.reader import read_monev
from zi_xl.monev.saran import data_soal
from zi_xl.monev.seed import rapat_seed, seed_data, tulis_contoh

SHEETS_IV = ["Monev Februari 2022", "Monev Maret 2022", "Monev April 2022", "Monev Mei 2022"]
# BAB V section → (sheet it is recorded in, the BULAN ASAL its rows show)
SHEETS_V = [("Monev Februari 2022", "Tahun 2021"), ("Monev Maret 2022", "Februari 2022"),
            ("Monev April 2022", "Maret 2022"), ("Monev Mei 2022", "April 2022"), ("Monev Juni 2022", "Mei 2022")]


@pytest.fixture(scope="module")
def wb():
    return openpyxl.load_workbook(CONTOH)


def test_data_file_holds_the_seed_text_line_by_line():
    lines = SEED_TXT.read_text(encoding="utf-8").split("\n")
    data = seed_data()
    for r in data["rapat"]:
        assert lines[r["baris_judul"] - 1].strip() == r["judul_seed"]
        assert lines[r["baris_kalimat"] - 1].strip() == r["kalimat_seed"]
        for m in r["masukan"]:
            assert lines[m["baris_seed"] - 1].split("\t") == [m["no"], m["uraian"], m["masukan"]]
    for s in data["tindak_lanjut"]:
        assert lines[s["baris_judul"] - 1].strip() == s["judul_seed"]
        for row in s["baris"]:
            assert lines[row["baris_seed"] - 1].split("\t") == [row["no"], row["masukan"], row["tindak_lanjut"]]
    assert data["sumber"]["berkas"] == "shared/seeds/000_51d3a08af0ad7292.txt"


def test_bab_iv_tables_cell_for_cell(wb):
    iv, _ = tabel_seed()
    assert [t.judul for t in iv] == ["1. Resume Kegiatan Monitoring dan Evaluasi Bulan Maret",
                                     "2. Resume kegiatan monitoring dan evaluasi bulan Maret",
                                     "3. Resume kegiatan monitoring dan evaluasi bulan April",
                                     "4. Resume kegiatan monitoring dan evaluasi bulan Mei"]
    for t, sheet in zip(iv, SHEETS_IV, strict=True):
        ws = wb[sheet]
        hr, rows = tabel_sheet(ws, "AREA PERUBAHAN")
        assert [ws.cell(hr, c).value for c in (1, 4, 5)] == ["NO", "URAIAN", "MASUKAN PERBAIKAN"]
        got = [[str(r[0]), r[3], r[4]] for r in rows]
        assert got == t.baris, sheet


def test_bab_v_tables_cell_for_cell(wb):
    """Each BAB V table is the follow-up rows of its origin month in the sheet where they were recorded: NO (the
    masukan's number in its month, the end of its ID), MASUKAN PERBAIKAN and TINDAKLANJUT as the seed writes them."""
    _, v = tabel_seed()
    assert len(v) == len(SHEETS_V) == 5
    for t, (sheet, asal) in zip(v, SHEETS_V, strict=True):
        ws = wb[sheet]
        hr, rows = tabel_sheet(ws, "BULAN ASAL")
        assert [ws.cell(hr, c).value for c in (4, 7)] == ["MASUKAN PERBAIKAN", "TINDAK LANJUT BULAN INI"]
        mine = [r for r in rows if r[2] == asal]
        got = [[r[1].rsplit("-", 1)[1].lstrip("ML"), r[3], r[6]] for r in mine]
        assert got == t.baris, sheet


def test_meetings_dates_and_periods(wb):
    expect = {"Monev Februari 2022": ("2022-02", "2022-03-08"), "Monev Maret 2022": ("2022-03", "2022-03-16"),
              "Monev April 2022": ("2022-04", "2022-05-18"), "Monev Mei 2022": ("2022-05", "2022-05-31"),
              "Monev Juni 2022": ("2022-06", None)}
    for sheet, (bulan, tgl) in expect.items():
        ws = wb[sheet]
        assert ws["A4"].value == "Bulan monev" and ws["C4"].value == bulan
        assert ws["A6"].value == "Tanggal rapat"
        assert (ws["C6"].value.date().isoformat() if ws["C6"].value else None) == tgl
    assert wb.sheetnames == ["Petunjuk", "Pengaturan Monev", "Ringkasan Monev", *SHEETS_IV, "Monev Juni 2022"]
    assert wb["Pengaturan Monev"]["C5"].value == "rencana-aksi-contoh.xlsx"


def test_open_masukan_are_carried_every_month(wb):
    """The example is kept as zi_xl keeps it: a masukan still open is in every later month's follow-up table."""
    carried = {sheet: [r[1] for r in tabel_sheet(wb[sheet], "BULAN ASAL")[1]] for sheet in SHEETS_IV[1:]}
    for ident in ("2022-02-L1", "2022-02-L2", "2022-02-L3"):   # 'Tahun 2021', status Proses, never closed
        assert all(ident in ids for ids in carried.values())
    assert "2022-02-M1" in carried["Monev April 2022"] and "2022-02-M1" in carried["Monev Mei 2022"]
    assert "2022-02-M2" not in carried["Monev April 2022"]     # closed in March
    juni = [r[1] for r in tabel_sheet(wb["Monev Juni 2022"], "BULAN ASAL")[1]]
    assert juni == ["2022-02-L1", "2022-02-L2", "2022-02-L3", "2022-02-M1", "2022-04-M5", "2022-05-M1",
                    "2022-05-M2", "2022-05-M3", "2022-05-M4", "2022-05-M5"]


def test_inconsistencies_listed_and_reported(tmp_path):
    data = seed_data()
    kinds = {x["kode"] for x in data["inkonsistensi"]}
    assert {"bulan_ganda", "tahun_campur", "judul_tindak_lanjut", "tanpa_bulan_asal", "teks_berbeda",
            "laporan_sebelum_rapat", "penomoran", "tanda_tangan"} <= kinds
    lines = SEED_TXT.read_text(encoding="utf-8").split("\n")
    dup = next(x for x in data["inkonsistensi"] if x["kode"] == "bulan_ganda")
    assert all("Maret" in lines[n - 1] for n in dup["baris_seed"])
    # the example still shows what cannot be corrected without inventing: reported by the checks
    salin(CONTOH, tmp_path / "m.xlsx")
    salin(RA_CONTOH, tmp_path / "rencana-aksi-contoh.xlsx")
    m = read_monev(tmp_path / "m.xlsx")
    pesan = [str(p) for p in m.peringatan]
    assert sum("tidak tercatat sebagai masukan baru" in p for p in pesan) == 3           # 'Tahun 2021'
    assert any("Monev Maret 2022!B" in p and "2022-02-M3 berbeda" in p and "Tim ZI" in p for p in pesan)
    assert any("Monev Juni 2022!B" in p and "2022-05-M4 berbeda" in p for p in pesan)
    assert sum("pimpinan rapat monev" in p and "tidak tercatat" in p for p in pesan) == 4   # no name, no NIP
    assert len(pesan) == 9


def test_example_ledger_hand_worked(tmp_path):
    """Statuses (the data file's rule: 'Telah …'/'Diterbitkan …' = Selesai, else Proses) and the ledger."""
    salin(CONTOH, tmp_path / "m.xlsx")
    salin(RA_CONTOH, tmp_path / "rencana-aksi-contoh.xlsx")
    m = read_monev(tmp_path / "m.xlsx")
    assert len(m) == 3 + 22
    assert [x.id for x in m.terbuka()] == ["2022-02-L1", "2022-02-L2", "2022-02-L3", "2022-02-M1", "2022-04-M5"]
    assert [(r["bulan"], r["jumlah_masukan"], r["ditutup"], r["terbuka"], r["persen_ditindaklanjuti"])
            for r in m.bulan()] == [("2022-02", 5, 4, 1, 80.0), ("2022-03", 6, 6, 0, 100.0),
                                    ("2022-04", 6, 5, 1, 83.3), ("2022-05", 5, 5, 0, 100.0),
                                    ("2022-06", 0, 0, 0, None)]
    x = m.cari("2022-04-M5")
    assert (x.status, x.tindak_lanjut, x.bulan_tindak_lanjut) == (
        "Proses", "Penyempurnaan aplikasi pengukuran kinerja petugas pelayanan", "2022-05")
    assert m.cari("2022-05-M3").bulan_ditutup == "2022-06"
    saran = {s.soal_id: s.jawaban for s in m.saran}
    # 20 of 25 closed = 80% -> B; no leader recorded -> C; plan linked at 30/06/2022
    assert saran[8] == "B" and saran[7] == "C" and saran[6] is not None and saran[92] is not None
    assert m.rencana_aksi is not None and m.rencana_aksi.per.isoformat() == "2022-06-30"


def test_rebuilding_the_example_is_what_is_shipped(tmp_path):
    from zi_xl.excel.bawaan import DIBUAT

    p = tulis_contoh(tmp_path / "c.xlsx", dibuat=DIBUAT)
    assert p and (tmp_path / "c.xlsx").read_bytes() == CONTOH.read_bytes()
    assert [r.bulan for r in rapat_seed()] == ["2022-02", "2022-03", "2022-04", "2022-05", "2022-06"]


def _write_seed_as_pasted(path):
    """BAB IV–V exactly as the report has it, pasted into one sheet (a line per row, tab-separated cells)."""
    lines = SEED_TXT.read_text(encoding="utf-8").split("\n")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Laporan Monev"
    for i, line in enumerate(lines[455:578], start=1):
        for j, cell in enumerate(line.split("\t"), start=1):
            if cell.strip():
                ws.cell(i, j, int(cell) if cell.isdigit() else cell)
    wb.save(path)
    return path


def test_seed_layout_read_with_its_slips_reported(tmp_path):
    m = read_monev(_write_seed_as_pasted(tmp_path / "seed.xlsx"))
    assert [(r.bulan, r.tanggal_rapat.isoformat(), len(r.masukan)) for r in m.rapat] == [
        ("2022-03", "2022-03-08", 5), ("2022-03", "2022-03-16", 6), ("2022-04", "2022-05-18", 6),
        ("2022-05", "2022-05-31", 5)]
    pesan = [p.pesan for p in m.peringatan]
    assert any(p.startswith("bulan Maret 2022 tercatat dua kali") for p in pesan)
    assert sum("menyebut Maret 2021" in p or "menyebut April 2021" in p or "menyebut Mei 2021" in p
               for p in pesan if p.startswith("periode yang dipantau")) == 3
    assert any("menyebut Februari 2021, tetapi masukannya tercatat pada monev Maret 2022 (rapat 08/03/2022)" in p
               for p in pesan)
    assert any("menyebut Mei 2021, tetapi masukannya tercatat pada monev Mei 2022" in p for p in pesan)
    assert sum("tidak tercatat sebagai masukan baru" in p for p in pesan) == 3
    where = {p.sel for p in m.peringatan if p.pesan.startswith("bulan Maret 2022 tercatat dua kali")}
    assert where == {"A20"}        # the second "bulan Maret" heading (seed line 475 = row 20)
    # every masukan followed up in BAB V is found: only the 3 'Tahun 2021' ones have no origin
    assert sum(1 for x in m.masukan if x.bulan_asal is None) == 3
    followed = [x for x in m.masukan if x.tindak_lanjut]
    assert len(followed) == 3 + 5 + 6 + 6 + 5


def test_soal_lke_data_equals_the_2026_master():
    master = json.loads((REFERENCE / "master-soal-lke-zi-2026.json").read_text(encoding="utf-8"))
    found = {}

    def walk(n):
        for s in n.get("soals", []):
            found[s["id"]] = s
        for c in n.get("children", []):
            walk(c)

    for n in master["data"]:
        walk(n)
    data = data_soal()
    assert [s["soal_id"] for s in data["soal"]] == [6, 7, 8, 92]
    for s in data["soal"]:
        src = found[s["soal_id"]]
        assert s["pertanyaan"] == src["teks_pertanyaan"] and s["kriteria_nilai"] == src["kriteria_nilai"]
        assert s["skema_penilaian"] == src["skema_penilaian"] and s["excel_baris"] == src["excel_baris"]
