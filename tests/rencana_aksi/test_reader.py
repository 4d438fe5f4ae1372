"""Reading rencana aksi layouts: the seed example and real-world variants give the same actions."""

from datetime import date, datetime

import openpyxl
import pytest

from tests.support.ra_helpers import PER_CONTOH, SEED_COLUMNS, SYNONYM_COLUMNS, WORKBOOKS, actions, write_layout
from zi_xl.errors import BerkasTidakValid, SheetTidakDitemukan, ZiError
from zi_xl.rencana_aksi import read_rencana_aksi, rencana_aksi_seed
from zi_xl.rencana_aksi.status import BERKELANJUTAN, JATUH_TEMPO, SELESAI, TERLAMBAT, TIDAK_TERBACA


@pytest.fixture(scope="module")
def expected():
    return actions(rencana_aksi_seed(per=PER_CONTOH))


def test_shipped_example(expected):
    ra = read_rencana_aksi(WORKBOOKS / "rencana-aksi-contoh.xlsx")
    assert ra.per == PER_CONTOH  # the workbook's fixed 'Tanggal acuan'
    assert actions(ra) == expected
    assert ra.tahun == 2022 and {a.sheet for a in ra.aksi} == {"Rencana Aksi"}


def test_seed_columns_blank_continuations(tmp_path, expected):
    p = write_layout(tmp_path / "seed.xlsx", SEED_COLUMNS)
    assert actions(read_rencana_aksi(p, per="2022-05-31")) == expected


def test_reordered_and_renamed_by_synonyms(tmp_path, expected):
    p = write_layout(tmp_path / "sinonim.xlsx", SYNONYM_COLUMNS)
    assert actions(read_rencana_aksi(p, per=PER_CONTOH)) == expected


def test_merged_indicator_and_target_cells(tmp_path, expected):
    p = write_layout(tmp_path / "gabung.xlsx", SEED_COLUMNS, merged=True)
    ws = openpyxl.load_workbook(p).active
    assert len(ws.merged_cells.ranges) > 20  # really merged
    assert actions(read_rencana_aksi(p, per=PER_CONTOH)) == expected


def test_extra_note_rows(tmp_path, expected):
    p = write_layout(tmp_path / "catatan.xlsx", SYNONYM_COLUMNS, notes=True)
    ra = read_rencana_aksi(p, per=PER_CONTOH)
    assert actions(ra) == expected


def test_row_numbers_and_inherited_target_warning(tmp_path):
    p = write_layout(tmp_path / "seed.xlsx", SEED_COLUMNS)
    ra = read_rencana_aksi(p, per=PER_CONTOH)
    # header row 1, section row 2, seed rows from row 3 on
    assert [a.baris for a in ra.aksi[:3]] == [3, 4, 5]
    assert ra.aksi[1].peringatan == ["target waktu kosong; mengikuti baris 3 (Januari 2022)"]


def _sheet(path, rows, title="Sheet1", merges=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row, start=1):
            if v is not None:
                ws.cell(r, c, v)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return path


class TestOtherLayouts:
    def test_tenggat_only_with_real_excel_dates(self, tmp_path):
        p = _sheet(tmp_path / "a.xlsx", [
            ["Rencana Aksi", "Tenggat", "PIC"],
            ["Susun SK tim", datetime(2022, 5, 10), "Budi"],
            ["Sosialisasi", datetime(2022, 5, 31), "Ani"],
        ])
        ra = read_rencana_aksi(p, per="2022-05-20")
        assert [(a.langkah_aksi, a.tenggat, a.status, a.penanggung_jawab) for a in ra.aksi] == [
            ("Susun SK tim", date(2022, 5, 10), TERLAMBAT, "Budi"),
            ("Sosialisasi", date(2022, 5, 31), JATUH_TEMPO, "Ani")]
        assert ra.aksi[0].area is None and ra.ringkasan()["area"][0]["area"] == "(tanpa area)"

    def test_manual_status_column_and_area_column(self, tmp_path):
        p = _sheet(tmp_path / "b.xlsx", [
            ["Area Perubahan", "Kegiatan", "Output", "Waktu", "Status"],
            ["Penguatan Pengawasan", "Sosialisasi WBS", "Notulen", "Maret 2022", "Sudah"],
            [None, "Evaluasi WBS", "Laporan", "Maret 2022", "Belum"],
            ["Area VI Peningkatan Kualitas Pelayanan Publik", "Survei IKM", "Laporan", "Setiap semester", None],
        ], merges=["A2:A3"])
        ra = read_rencana_aksi(p, per="2022-04-01")
        assert [(a.area, a.status) for a in ra.aksi] == [
            ("Penguatan Pengawasan", SELESAI), ("Penguatan Pengawasan", TERLAMBAT),
            ("Peningkatan Kualitas Pelayanan Publik", BERKELANJUTAN)]
        assert ra.aksi[0].bukti_fisik == "Notulen"

    def test_year_from_title_with_warning(self, tmp_path):
        p = _sheet(tmp_path / "c.xlsx", [
            ["RENCANA AKSI ZI TAHUN 2023"], [],
            ["No", "Langkah Aksi", "Target Waktu"],
            [1, "Reviu SOP", "Maret"],
        ])
        a = read_rencana_aksi(p, per="2023-03-15").aksi[0]
        assert (a.tenggat, a.status) == (date(2023, 3, 31), JATUH_TEMPO)
        assert a.peringatan == ["tahun tidak disebut; dianggap 2023 (tahun dokumen)"]

    def test_year_from_other_targets_and_parameter(self, tmp_path):
        p = _sheet(tmp_path / "d.xlsx", [
            ["Langkah Aksi", "Jadwal"], ["A", "Januari 2024"], ["B", "Februari 2024"], ["C", "Maret"]])
        assert read_rencana_aksi(p, per="2024-03-01").aksi[2].tenggat == date(2024, 3, 31)
        assert read_rencana_aksi(p, per="2024-03-01", tahun=2025).aksi[2].tenggat == date(2025, 3, 31)

    def test_unreadable_target_uses_typed_tenggat(self, tmp_path):
        p = _sheet(tmp_path / "e.xlsx", [
            ["Langkah Aksi", "Target Waktu", "Tenggat"],
            ["A", "Segera", datetime(2022, 6, 30)],
            ["B", "Segera", None],
        ])
        a, b = read_rencana_aksi(p, per="2022-05-31").aksi
        assert (a.tenggat, a.status) == (date(2022, 6, 30), "Berjalan")
        assert a.peringatan[-1] == "tenggat diambil dari sel C2"
        assert (b.tenggat, b.status) == (None, TIDAK_TERBACA)
        assert "kata tidak dikenal: 'segera'" in b.peringatan[0]

    def test_sheet_choice(self, tmp_path):
        p = tmp_path / "f.xlsx"
        wb = openpyxl.Workbook()
        wb.active.title = "Sampul"
        wb.active["A1"] = "Laporan"
        ws = wb.create_sheet("RA")
        ws.append(["Kegiatan", "Waktu"])
        ws.append(["X", "Mei 2022"])
        wb.save(p)
        assert [a.sheet for a in read_rencana_aksi(p, per="2022-05-01").aksi] == ["RA"]
        assert len(read_rencana_aksi(p, per="2022-05-01", sheet="RA")) == 1
        with pytest.raises(SheetTidakDitemukan, match="sheet 'Tidak Ada' tidak ada"):
            read_rencana_aksi(p, sheet="Tidak Ada")
        with pytest.raises(ZiError) as err:
            read_rencana_aksi(p, sheet="Sampul")
        assert err.value.sheet == "Sampul"


class TestBadInput:
    def test_unknown_layout_names_sheet_and_missing_headers(self, tmp_path):
        p = _sheet(tmp_path / "x.xlsx", [["Nama", "Alamat"], ["a", "b"]], title="Data")
        with pytest.raises(ZiError) as err:
            read_rencana_aksi(p)
        msg = str(err.value)
        assert err.value.sheet == "Data" and str(p) in msg
        assert "'Langkah Aksi' (atau Kegiatan/Rencana Aksi)" in msg and "'Target Waktu'" in msg

    def test_partial_header_says_what_is_missing(self, tmp_path):
        p = _sheet(tmp_path / "y.xlsx", [[], ["No", "Kegiatan", "PIC"], [1, "a", "b"]], title="RA")
        with pytest.raises(ZiError) as err:
            read_rencana_aksi(p)
        e = err.value
        assert (e.sheet, e.sel) == ("RA", "A2")
        assert "ada 'No', 'Kegiatan', 'PIC'" in e.pesan and "'Target Waktu' (atau Waktu/Jadwal/Tenggat) tidak ada" \
            in e.pesan

    def test_empty_template(self):
        with pytest.raises(ZiError, match="belum ada langkah aksi"):
            read_rencana_aksi(WORKBOOKS / "templat-rencana-aksi.xlsx")

    def test_bad_reference_date(self):
        with pytest.raises(ZiError, match="tanggal acuan '31-05-2022' tidak sah"):
            read_rencana_aksi(WORKBOOKS / "rencana-aksi-contoh.xlsx", per="31-05-2022")

    def test_not_a_workbook(self, tmp_path):
        p = tmp_path / "bukan.xlsx"
        p.write_text("halo")
        with pytest.raises(BerkasTidakValid):
            read_rencana_aksi(p)
        with pytest.raises(BerkasTidakValid, match="tidak ditemukan"):
            read_rencana_aksi(tmp_path / "tidak-ada.xlsx")


def test_recompute_at_other_date_and_frame():
    ra = read_rencana_aksi(WORKBOOKS / "rencana-aksi-contoh.xlsx")
    later = ra.pada("2023-01-01")
    assert later.per == date(2023, 1, 1) and ra.per == PER_CONTOH
    # on 1 Jan 2023 every action not done and not recurring is late: 76 - 11 - 1
    assert later.ringkasan()["keseluruhan"]["terlambat"] == 64
    df = ra.to_frame()
    assert len(df) == 76 and list(df.columns[:13]) == [
        "sheet", "baris", "area", "komponen", "indikator", "langkah_aksi", "bukti_fisik", "target_waktu", "mulai",
        "tenggat", "berulang", "status", "peringatan"]
    assert str(df["tenggat"].dtype).startswith("datetime64")
    assert df.groupby("area").size()["Penguatan Pengawasan"] == 22
    assert (df["status"] == "Selesai").sum() == 11
