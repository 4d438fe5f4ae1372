"""The built workbooks: regenerated identically, template structure, and live formulas recalculated by
LibreOffice (with a fixed 'Tanggal acuan') equal to Python's status for every row of the seed example."""

import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from tests.support.ra_helpers import PER_CONTOH, WORKBOOKS
from zi_xl.excel.bawaan import tulis_bawaan
from zi_xl.rencana_aksi import read_rencana_aksi, rencana_aksi_seed
from zi_xl.rencana_aksi.seed import tulis_contoh, tulis_templat
from zi_xl.rencana_aksi.status import hitung_status, realisasi_selesai
from zi_xl.rencana_aksi.workbook import SHEET, SHEET_RINGKASAN
from zi_xl.xlsx.read import read_workbook
from zi_xl.xlsx.recalc import recalculate

HEADERS = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU", "PENANGGUNG JAWAB",
           "REALISASI (TANGGAL SELESAI)", "STATUS", "MULAI", "TENGGAT", "KETERANGAN"]
STATUS_COL, HEAD_ROW = 9, 5


def _contents(path, with_cached: bool):
    out = {}
    for name, g in read_workbook(path).items():
        values = {k: v for k, v in g.values.items() if with_cached or k not in g.formulas}
        out[name] = (values, dict(g.formulas), sorted(g.validations))
    return out


@pytest.mark.parametrize("name,with_cached", [("rencana-aksi-contoh.xlsx", True),
                                               ("templat-rencana-aksi.xlsx", False)])
def test_regenerating_gives_the_same_cells(tmp_path, name, with_cached):
    tulis_bawaan(tmp_path)
    assert _contents(tmp_path / "workbooks" / name, with_cached) == _contents(WORKBOOKS / name, with_cached)


class TestTemplate:
    @pytest.fixture(scope="class")
    @classmethod
    def path(cls, tmp_path_factory):
        return tulis_templat(tmp_path_factory.mktemp("t") / "ra.xlsx", tahun=2026)

    def test_columns_sections_and_reference_date(self, path):
        wb = openpyxl.load_workbook(path)
        ws = wb[SHEET]
        assert [ws.cell(HEAD_ROW, c).value for c in range(1, 13)] == HEADERS
        sections = [ws.cell(r, 1).value for r in range(6, ws.max_row + 1)
                    if str(ws.cell(r, 1).value or "").split(".")[0] in ("I", "II", "III", "IV", "V", "VI")]
        assert sections == ["I. MANAJEMEN PERUBAHAN", "II. PENATAAN TATALAKSANA",
                            "III. PENATAAN SISTEM MANAJEMEN SDM", "IV. PENGUATAN AKUNTABILITAS KINERJA",
                            "V. PENGUATAN PENGAWASAN", "VI. PENINGKATAN KUALITAS PELAYANAN PUBLIK"]
        assert ws["C3"].value == "=TODAY()" and ws["A3"].value == "Tanggal acuan status:"
        assert wb.defined_names["TanggalAcuan"].attr_text == "'Rencana Aksi'!$C$3"
        assert ws.freeze_panes == "A6"
        assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$5:$5"
        assert wb.sheetnames == ["Rencana Aksi", "Ringkasan Rencana Aksi", "Petunjuk", "Daftar Pilihan"]
        assert wb["Daftar Pilihan"].sheet_state == "hidden"
        assert ws.column_dimensions["M"].hidden and ws.column_dimensions["N"].hidden

    def test_formulas_dropdowns_and_colours(self, path):
        wb = openpyxl.load_workbook(path)
        ws = wb[SHEET]
        assert ws["I7"].value.startswith('=IF(AND(TRIM(D7&"")=""') and "TanggalAcuan" in ws["I7"].value
        assert "_xlfn" not in ws["I7"].value and "XLOOKUP" not in ws["I7"].value
        sources = {dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
        assert "'Daftar Pilihan'!$A$2:$A$22" in sources  # 12 months + year + 4 TW + 2 semesters + 2 recurring
        assert "'Daftar Pilihan'!$B$2:$B$5" in sources  # the 4 Manajemen Perubahan komponen of the seed
        daftar = wb["Daftar Pilihan"]
        assert [daftar.cell(r, 1).value for r in (2, 13, 14, 15, 19, 22)] == [
            "Januari 2026", "Desember 2026", "Januari-Desember 2026", "Triwulan I 2026", "Semester 1 2026",
            "Setiap ada pertemuan"]
        rules = {r.formula[0]: r.dxf.fill.bgColor.rgb for rng in ws.conditional_formatting for r in rng.rules
                 if r.type == "cellIs"}
        assert rules['"Terlambat"'].endswith("FFC7CE") and rules['"Selesai"'].endswith("C6EFCE")
        assert rules['"Jatuh tempo bulan ini"'].endswith("FFEB9C")

    def test_summary_sheet_has_native_chart(self, path):
        with zipfile.ZipFile(path) as z:
            charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
            assert charts and b"<c:barChart>" in z.read(charts[0])
        ws = openpyxl.load_workbook(path)[SHEET_RINGKASAN]
        assert [ws.cell(4, c).value for c in range(1, 11)] == [
            "Area perubahan", "Jumlah aksi", "Selesai", "Terlambat", "Jatuh tempo bulan ini", "Berjalan",
            "Belum mulai", "Berkelanjutan", "Tidak terbaca", "% selesai"]
        assert ws["A11"].value == "Keseluruhan" and ws["C11"].value == "=SUM(C5:C10)"


def test_example_cached_values_are_python_results():
    g = read_workbook(WORKBOOKS / "rencana-aksi-contoh.xlsx")[SHEET]
    ra = read_rencana_aksi(WORKBOOKS / "rencana-aksi-contoh.xlsx")
    assert [g.value(a.baris, STATUS_COL) for a in ra.aksi] == [a.status for a in ra.aksi]
    assert g.value(3, 3) == datetime(2022, 5, 31)


DATES = [date(2022, 5, 31), date(2022, 2, 28), date(2022, 12, 1), date(2023, 1, 1), date(2021, 12, 31)]


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    """The seed example at several fixed dates plus a hand-filled template, written WITHOUT cached results,
    then recalculated by LibreOffice in one call."""
    tmp = tmp_path_factory.mktemp("lo")
    paths = [tulis_contoh(tmp / f"contoh-{d.isoformat()}.xlsx", tanggal_acuan=d, cache=False) for d in DATES]
    paths.append(_filled_template(tmp / "isi.xlsx"))
    outs = recalculate(paths, tmp / "out")
    return dict(zip([*DATES, "isi"], outs, strict=True))


@pytest.mark.parametrize("per", DATES)
def test_libreoffice_status_equals_python_for_every_seed_row(recalculated, per):
    grids = read_workbook(recalculated[per])
    g = grids[SHEET]
    assert g.value(3, 3) == datetime(per.year, per.month, per.day)
    ra = read_rencana_aksi(recalculated[per])
    assert ra.per == per and len(ra) == 76
    expected = rencana_aksi_seed(per=per)
    assert [a.status for a in ra.aksi] == [a.status for a in expected.aksi]
    assert [g.value(a.baris, STATUS_COL) for a in ra.aksi] == [a.status for a in ra.aksi]
    # the summary: counts per area and overall, % selesai, overdue list with PIC
    s = grids[SHEET_RINGKASAN]
    data = expected.ringkasan()
    keys = ["jumlah", "selesai", "terlambat", "jatuh_tempo_bulan_ini", "berjalan", "belum_mulai", "berkelanjutan",
            "tidak_terbaca"]
    for i, row in enumerate([*data["area"], data["keseluruhan"]]):
        assert [s.value(5 + i, c) for c in range(2, 10)] == [row[k] for k in keys]
        assert round(100 * s.value(5 + i, 10), 1) == row["persen_selesai"]
    # the overdue list (25 lines, then a line counting the rest) and the coming list, found by their titles
    titles = {str(s.value(r, 1)).split(" (")[0]: r for r in range(1, 200) if s.value(r, 1)}
    r0 = titles["AKSI TERLAMBAT"] + 2
    late = [(s.value(r, 1), s.value(r, 2), s.value(r, 4), s.value(r, 5), s.value(r, 7)) for r in range(r0, r0 + 25)]
    n = min(len(data["terlambat"]), 25)
    assert late[:n] == [(t["area"], t["langkah_aksi"], datetime.fromisoformat(t["tenggat"]), t["penanggung_jawab"],
                         t["terlambat_hari"]) for t in data["terlambat"][:n]]
    assert all(v in ("", None) for x in late[n:] for v in x)
    more = len(data["terlambat"]) - 25
    assert (s.value(r0 + 25, 1) or "") == (f"… dan {more} aksi terlambat lainnya (lihat kolom STATUS sheet "
                                           "Rencana Aksi)" if more > 0 else "")
    # the coming list (due within 30 days, soonest first) from the hidden ranking column
    r1 = titles["JATUH TEMPO DALAM 30 HARI"]
    assert s.value(r1 + 1, 7) == "Sisa (hari)"
    coming = [(s.value(r, 6), s.value(r, 2), s.value(r, 4), s.value(r, 7), s.value(r, 5))
              for r in range(r1 + 2, r1 + 2 + 25)]
    want = ra.ringkasan()["jatuh_tempo_30_hari"]          # rows of the workbook (the seed counts lines)
    assert [t["langkah_aksi"] for t in want] == [t["langkah_aksi"] for t in data["jatuh_tempo_30_hari"]]
    n = min(len(want), 25)
    assert coming[:n] == [(t["baris"], t["langkah_aksi"], datetime.fromisoformat(t["tenggat"]),
                           t["sisa_hari"], t["penanggung_jawab"]) for t in want[:n]]
    assert all(v in ("", None) for x in coming[n:] for v in x)
    more = len(want) - 25
    assert (s.value(r1 + 2 + 25, 1) or "") == (f"… dan {more} aksi lain jatuh tempo dalam 30 hari" if more > 0
                                               else "")


# Hand-filled template rows: (langkah, realisasi, mulai, tenggat), status at 2024-02-29 worked out by hand.
FILLED = [
    ("a", None, date(2024, 2, 1), date(2024, 2, 29), "Jatuh tempo bulan ini"),
    ("b", None, date(2024, 1, 1), date(2024, 2, 28), "Terlambat"),
    ("c", "belum", date(2024, 1, 1), date(2024, 1, 31), "Terlambat"),
    ("d", "-", date(2024, 3, 1), date(2024, 3, 31), "Belum mulai"),
    ("e", date(2024, 1, 5), date(2024, 1, 1), date(2024, 1, 31), "Selesai"),
    ("f", "Sudah", None, None, "Selesai"),
    ("g", "Dalam Proses", None, "Berulang", "Berkelanjutan"),
    ("h", None, None, None, "Tidak terbaca"),
    ("i", None, date(2024, 1, 1), date(2024, 12, 31), "Berjalan"),
    ("j", None, None, date(2024, 4, 30), "Berjalan"),
    ("k", 0, date(2023, 12, 1), date(2023, 12, 31), "Terlambat"),
]
PER_ISI = date(2024, 2, 29)


def _filled_template(path):
    tmp = tulis_templat(path.with_name("kosong.xlsx"), tahun=2024)
    wb = openpyxl.load_workbook(tmp)
    ws = wb[SHEET]
    ws["C3"] = PER_ISI
    for i, (langkah, real, mulai, tenggat, _) in enumerate(FILLED):
        r = 7 + i
        for col, v in ((4, langkah), (8, real), (10, mulai), (11, tenggat)):
            ws.cell(r, col, v)
    wb.save(path)
    return path


def test_libreoffice_formula_rules_on_hand_filled_rows(recalculated):
    g = read_workbook(recalculated["isi"])[SHEET]
    got = [g.value(7 + i, STATUS_COL) for i in range(len(FILLED))]
    assert got == [row[-1] for row in FILLED]
    python = [hitung_status(PER_ISI, tenggat=t if isinstance(t, date) else None, mulai=m, berulang=t == "Berulang",
                            selesai=realisasi_selesai(real)) for _, real, m, t, _ in FILLED]
    assert python == got
    # empty template rows stay empty; the area's count sees the 11 filled rows
    assert g.value(7 + len(FILLED), STATUS_COL) in ("", None)
    s = read_workbook(recalculated["isi"])[SHEET_RINGKASAN]
    assert s.value(5, 2) == len(FILLED) and s.value(5, 3) == 2 and s.value(5, 4) == 3


def test_example_built_at_fixed_date_reads_that_date(tmp_path):
    p = tulis_contoh(tmp_path / "c.xlsx", tanggal_acuan=date(2022, 12, 1))
    assert read_rencana_aksi(p).per == date(2022, 12, 1)
    assert read_rencana_aksi(p, per=PER_CONTOH).per == PER_CONTOH
