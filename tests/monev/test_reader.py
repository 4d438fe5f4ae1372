"""Reading monev workbooks of other layouts, as units keep them: column titles by synonym and in any order, the
meeting as "Label: value" cells, the month from the sheet name, area headings inside the table, follow-up rows
found by their code or by their text; and the checks on what they got wrong (a month twice, dates outside the
period, a follow-up of nothing)."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from tests.support import REF_LKE
from zi_xl.errors import SheetTidakDitemukan
from zi_xl.monev import bulan as bl
from zi_xl.monev.model import normalisasi_status
from zi_xl.monev.reader import read_monev


def _unit_layout(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Mar 2023"
    ws["A1"] = "NOTULEN RAPAT MONEV ZI BAGIAN ORGANISASI"
    ws["A2"] = "Hari/Tanggal : Kamis, 16 Maret 2023"
    ws["A3"] = "Dipimpin oleh"
    ws["C3"] = ":"
    ws["D3"] = "Sekretaris Daerah"
    ws["A4"] = "NIP: 196805121990031004"
    for c, h in enumerate(["No.", "Area", "Uraian Kegiatan", "Rekomendasi", "PJ", "Tenggat"], start=1):
        ws.cell(6, c, h)
    ws.cell(7, 1, "(1)")
    ws.cell(7, 2, "(2)")
    ws.cell(7, 3, "(3)")
    ws.cell(8, 1, "I. MANAJEMEN PERUBAHAN")
    ws.append([1, None, "Sosialisasi ZI", "Tambah infografis", "Humas", "April 2023"])
    ws.append(["----", "----", "----", "----"])
    ws.append([2, None, "Agen perubahan", "Tetapkan SK agen perubahan", "Kasubbag", "Mei 2023"])
    ws.append(["II. PENATAAN TATALAKSANA"])
    ws.append([3, None, "SOP", "Reviu SOP pelayanan", "Kabag", "Juni 2023"])
    ws.append([])
    ws.append(["Mengetahui,"])
    ws2 = wb.create_sheet("Apr 2023")
    ws2["A1"] = "Tanggal rapat: 14/04/2023"
    ws2["A2"] = "Pimpinan: Sekretaris Daerah"
    ws2["A3"] = "NIP: 196805121990031004"
    for c, h in enumerate(["No", "Kode", "Saran Perbaikan", "Realisasi Tindak Lanjut", "Progres", "Data Dukung",
                           "Tgl"], start=1):
        ws2.cell(5, c, h)
    ws2.append([1, "2023-03-M1", "Tambah infografis", "Infografis dipasang", "Sudah", "foto.jpg",
                datetime(2023, 4, 10)])
    ws2.append([2, None, "Tetapkan SK agen perubahan.", "Draf SK", "on progress", None, datetime(2023, 2, 1)])
    ws2.append([3, None, "Sesuatu yang tidak pernah dimasukkan", "dikerjakan", "??", None, None])
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def unit(tmp_path_factory):
    return read_monev(_unit_layout(tmp_path_factory.mktemp("u") / "notulen.xlsx"))


def test_meeting_and_new_masukan_by_synonyms(unit):
    mar, apr = unit.rapat
    assert (mar.bulan, mar.sheet, mar.tanggal_rapat, mar.pimpinan, mar.nip) == (
        "2023-03", "Mar 2023", date(2023, 3, 16), "Sekretaris Daerah", "196805121990031004")
    assert [(m.id, m.area, m.uraian, m.masukan, m.pic, m.target) for m in mar.masukan] == [
        ("2023-03-M1", "Manajemen Perubahan", "Sosialisasi ZI", "Tambah infografis", "Humas", "April 2023"),
        ("2023-03-M2", "Manajemen Perubahan", "Agen perubahan", "Tetapkan SK agen perubahan", "Kasubbag",
         "Mei 2023"),
        ("2023-03-M3", "Penataan Tatalaksana", "SOP", "Reviu SOP pelayanan", "Kabag", "Juni 2023")]
    assert (apr.bulan, apr.tanggal_rapat) == ("2023-04", date(2023, 4, 14))


def test_follow_up_by_code_and_by_text(unit):
    got = {m.id: (m.status, m.tindak_lanjut, m.bulan_tindak_lanjut) for m in unit.masukan}
    assert got == {"2023-03-M1": ("Selesai", "Infografis dipasang", "2023-04"),
                   "2023-03-M2": ("Proses", "Draf SK", "2023-04"),
                   "2023-03-M3": ("Belum", "", None),
                   "2023-04-L1": ("Proses", "dikerjakan", "2023-04")}
    pesan = {(p.sheet, p.sel): p.pesan for p in unit.peringatan}
    assert pesan[("Apr 2023", "B8")].startswith("masukan 'Sesuatu yang tidak pernah dimasukkan' (tanpa bulan asal) "
                                                "tidak tercatat")
    assert pesan[("Apr 2023", "E8")].startswith("status '??' tidak dikenal")
    assert not any("berbeda" in p for p in pesan.values())     # "… agen perubahan." is the same text
    assert pesan[("Apr 2023", "G7")].startswith("tanggal tindak lanjut 1 Februari 2023 di luar periode")
    assert pesan[("Apr 2023", "A5")].startswith("masukan 2023-03-M3 (Maret 2023, status Belum) tidak ada di tabel")


def test_month_twice_and_meeting_outside_its_period(tmp_path):
    wb = openpyxl.Workbook()
    for name, tgl in (("Monev Maret 2023", "5 Januari 2023"), ("Maret 2023 (revisi)", "30 Maret 2023")):
        ws = wb.create_sheet(name)
        ws["A1"] = "Bulan monev"
        ws["C1"] = "Maret 2023"
        ws["A2"] = "Tanggal rapat"
        ws["C2"] = tgl
        ws["A3"] = "Pimpinan rapat"
        ws["C3"] = "Kepala"
        ws.append([])
        ws.append(["NO", "URAIAN", "MASUKAN PERBAIKAN"])
        ws.append([1, "a", "b"])
    del wb["Sheet"]
    wb.save(tmp_path / "dua.xlsx")
    m = read_monev(tmp_path / "dua.xlsx")
    assert [x.id for x in m.masukan] == ["2023-03-M1", "2023-03-M1-2"]
    pesan = {(p.sheet, p.sel): p.pesan for p in m.peringatan}
    assert pesan[("Maret 2023 (revisi)", "C1")].startswith(
        "bulan Maret 2023 tercatat dua kali (juga di sheet 'Monev Maret 2023' sel C1)")
    assert pesan[("Monev Maret 2023", "C2")] == ("tanggal rapat 5 Januari 2023 di luar periode monev Maret 2023 "
                                                 "(seharusnya Maret 2023 atau April 2023)")
    assert pesan[("Maret 2023 (revisi)", "A6")].startswith("nomor masukan 2023-03-M1 sudah dipakai")
    assert ("Monev Maret 2023", "C3") in {(p.sheet, p.sel) for p in m.peringatan if "NIP" in p.pesan}


def test_not_a_monev_workbook(tmp_path):
    with pytest.raises(SheetTidakDitemukan, match="bukan workbook monev.*Masukan Perbaikan"):
        read_monev(REF_LKE)
    openpyxl.Workbook().save(tmp_path / "kosong.xlsx")
    with pytest.raises(SheetTidakDitemukan):
        read_monev(tmp_path / "kosong.xlsx")


@pytest.mark.parametrize("teks,bulan", [("Maret 2022", "2022-03"), ("2022-03", "2022-03"), ("03/2022", "2022-03"),
                                        ("Monev Mar 2022", "2022-03"), ("Pebruari 22", "2022-02"),
                                        ("16/03/2022", "2022-03"), ("Bulan Nopember 2021", "2021-11"),
                                        ("Tahun 2021", None), ("Bulan Maret", None), (date(2022, 5, 31), "2022-05")])
def test_months_as_written(teks, bulan):
    assert bl.kenali_bulan(teks) == bulan


def test_month_arithmetic():
    assert (bl.geser("2022-12", 1), bl.geser("2023-01", -1), bl.selisih("2021-11", "2022-02")) == (
        "2023-01", "2022-12", 3)
    assert bl.rentang("2022-11", "2023-01") == ["2022-11", "2022-12", "2023-01"]
    assert bl.dalam_bulan(date(2022, 9, 9), "2022-07") == date(2022, 7, 31)
    assert bl.dalam_bulan(date(2022, 5, 9), "2022-07") == date(2022, 7, 1)


@pytest.mark.parametrize("teks,status", [("Selesai", "Selesai"), ("sudah", "Selesai"), ("100%", "Selesai"),
                                         ("Tuntas", "Selesai"), ("Proses", "Proses"), ("dalam proses", "Proses"),
                                         ("On progress", "Proses"), ("Belum", "Belum"), ("belum selesai", "Belum"),
                                         ("tidak ditindaklanjuti", "Belum"), ("", None), ("-", None), ("??", None)])
def test_status_words(teks, status):
    assert normalisasi_status(teks) == status
