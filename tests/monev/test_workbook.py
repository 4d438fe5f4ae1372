"""The built monev workbooks: the template's structure (sheets, tables, status colours, drop-downs, print setup) and
the live formulas — a month's counts and % selesai, the new masukan's ID, the signature, the summary's % and totals —
recalculated by LibreOffice equal to Python, on the example written without cached results and on a workbook kept
with the CLI and filled by a user (so its cached values are missing or stale)."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from tests.monev.bantu import CONTOH, WORKBOOKS, isi_bulan, run_cli
from zi_xl.monev.reader import read_monev
from zi_xl.monev.seed import tulis_contoh, tulis_templat
from zi_xl.monev.sheets import KOLOM_BARU, KOLOM_TL, rekap_lembar
from zi_xl.xlsx.read import read_workbook
from zi_xl.xlsx.recalc import recalculate

TEMPLAT = WORKBOOKS / "templat-monev.xlsx"


class TestTemplate:
    @pytest.fixture(scope="class")
    @classmethod
    def wb(cls):
        return openpyxl.load_workbook(TEMPLAT)

    def test_sheets_and_tables(self, wb):
        assert wb.sheetnames == ["Petunjuk", "Pengaturan Monev", "Ringkasan Monev", "Monev Januari 2026"]
        ws = wb["Monev Januari 2026"]
        assert ws["C4"].value == "2026-01" and ws["C5"].value == "Januari 2026"
        heads = {r: [ws.cell(r, c).value for c in range(1, 12)] for r in range(1, ws.max_row + 1)
                 if ws.cell(r, 1).value == "NO"}
        (r_new, h_new), (r_tl, h_tl) = sorted(heads.items())
        assert h_new[:8] == KOLOM_BARU and h_tl == KOLOM_TL
        assert r_tl - r_new == 15 + 3       # 15 empty rows, a blank row, the section title
        assert ws.cell(r_new + 1, 2).value == f'=IF(TRIM(D{r_new + 1}&E{r_new + 1})="","",$C$4&"-M"&A{r_new + 1})'
        assert [ws.cell(r_new + i, 1).value for i in (1, 15)] == [1, 15]

    def test_status_colours_and_drop_downs(self, wb):
        ws = wb["Monev Januari 2026"]
        rules = {r.formula[0]: r.dxf.fill.bgColor.rgb for rng in ws.conditional_formatting for r in rng.rules
                 if r.type == "cellIs" and r.operator == "equal"}
        assert rules['"Selesai"'].endswith("C6EFCE") and rules['"Proses"'].endswith("FFEB9C")
        assert rules['"Belum"'].endswith("FFC7CE")
        lists = {dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
        assert '"Belum,Proses,Selesai"' in lists
        assert any("Manajemen Perubahan" in f for f in lists)
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9       # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0  # one page wide

    def test_settings_sheet_is_read(self, tmp_path):
        p = tulis_templat(tmp_path / "t.xlsx", "2026-03")
        wb = openpyxl.load_workbook(p)
        ws = wb["Pengaturan Monev"]
        ws["C3"] = "Bagian Umum"
        ws["C5"] = "ra.xlsx"
        ws["C6"] = "Ir. Siti"
        wb.save(p)
        m = read_monev(p)
        assert m.unit == "Bagian Umum" and m.pengaturan["rencana_aksi"] == "ra.xlsx"
        assert m.pengaturan["pimpinan"] == "Ir. Siti" and m.pengaturan["tahun"] == 2026
        assert [r.bulan for r in m.rapat] == ["2026-03"] and len(m) == 0 and m.peringatan == []


def _filled(tmp_path):
    """A workbook kept as a unit keeps it: template, January filled, Perbarui Februari, February filled (the user's
    saves drop every cached formula result), Perbarui Maret."""
    p = tmp_path / "isi.xlsx"
    assert run_cli("templat", "monev", "-o", p, "--bulan", "2024-01").returncode == 0
    rapat = {"tanggal": date(2024, 1, 25), "pimpinan": "Dr. Rina", "nip": "198001012005012001",
             "jabatan": "Kepala Dinas"}
    isi_bulan(p, "Monev Januari 2024", rapat=rapat,
              baru=[{"uraian": f"u{i}", "masukan": f"m{i}"} for i in range(1, 5)])
    assert run_cli("monev", "perbarui", p, "--bulan", "2024-02", "--per", "2024-02-05").returncode == 0
    isi_bulan(p, "Monev Februari 2024", rapat=rapat | {"tanggal": date(2024, 2, 20)},
              baru=[{"uraian": "u5", "masukan": "m5"}],
              tl={"2024-01-M1": ("ok", "Selesai"), "2024-01-M2": ("jalan", "Proses"),
                  "2024-01-M3": ("ok", "Selesai")})
    assert run_cli("monev", "perbarui", p, "--bulan", "2024-03", "--per", "2024-03-05").returncode == 0
    wb = openpyxl.load_workbook(p)     # stale caches: change a status after the summary was written
    ws = wb["Monev Februari 2024"]
    hr = next(r for r in range(1, 60) if ws.cell(r, 3).value == "BULAN ASAL")
    r2 = next(r for r in range(hr, hr + 10) if ws.cell(r, 2).value == "2024-01-M2")
    ws.cell(r2, 8, "Selesai")
    wb.save(p)
    return p


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lo")
    contoh = tulis_contoh(tmp / "contoh.xlsx", cache=False)
    filled = _filled(tmp)
    template = tulis_templat(tmp / "kosong.xlsx", "2026-01")
    outs = recalculate([contoh, filled, template], tmp / "out")
    return {"contoh": (contoh, outs[0]), "isi": (filled, outs[1]), "kosong": (template, outs[2])}


@pytest.mark.parametrize("name", ["contoh", "isi", "kosong"])
def test_libreoffice_month_formulas_equal_python(recalculated, name):
    src, out = recalculated[name]
    monev = read_monev(src)
    grids = read_workbook(out)
    assert monev.rapat
    for r in monev.rapat:
        g = grids[r.sheet]
        rk = rekap_lembar(r)
        got = [g.value(4 + i, 8) for i in range(6)]
        want = [rk["baru"], rk["dipantau"], rk["selesai"], rk["proses"], rk["belum"], rk["persen"]]
        assert got[:5] == want[:5], (name, r.sheet)
        assert (got[5] in (None, "") and want[5] is None) or got[5] == pytest.approx(want[5]), (name, r.sheet)
        for m in r.masukan:                                       # the ID formula is the reader's rule
            assert g.value(m.baris, 2) == m.id, (r.sheet, m.baris)
        hr = int(r.sel["tabel_baru"][1:])
        empty = [row for row in range(hr + 1, hr + 30) if g.value(row, 1) is not None
                 and g.value(row, 4) is None and g.value(row, 5) is None and g.value(row, 3) is None]
        assert all(g.value(row, 2) in (None, "") for row in empty)
        signature = [g.value(row, 7) for row in range(1, g.max_row + 1)
                     if isinstance(g.value(row, 7), str) and g.value(row, 7).startswith("NIP. ")]
        assert signature == [f"NIP. {r.nip or '……………………'}"]


@pytest.mark.parametrize("name", ["contoh", "isi"])
def test_libreoffice_summary_formulas_equal_python(recalculated, name):
    src, out = recalculated[name]
    monev = read_monev(src)
    g = read_workbook(out)["Ringkasan Monev"]
    first = next(r for r in range(1, 20) if g.value(r, 1) == "Bulan") + 1
    rows = monev.bulan()
    for i, row in enumerate(rows):
        r = first + i
        pct = g.value(r, 7)
        if name == "contoh":    # the example's counts are what Python wrote; % is recalculated from them
            assert [g.value(r, c) for c in (4, 5, 6)] == [row["jumlah_masukan"], row["ditutup"], row["terbuka"]]
        want = g.value(r, 5) / g.value(r, 4) if g.value(r, 4) else None
        assert (pct in (None, "") and want is None) or pct == pytest.approx(want)
    total = next(r for r in range(first, first + 30) if g.value(r, 1) == "KESELURUHAN")
    for c in (4, 5, 6):
        assert g.value(total, c) == sum(g.value(r, c) or 0 for r in range(first, total))
    if name == "contoh":
        assert (g.value(total, 4), g.value(total, 5), g.value(total, 7)) == (25, 20, pytest.approx(0.8))


def test_filled_workbook_stale_summary_is_refreshed_by_perbarui(recalculated, tmp_path):
    """The user changed a status after the summary was written: the month's live counts follow at once (above),
    the summary (the ledger's figures) on the next Perbarui Monev."""
    src, _ = recalculated["isi"]
    p = tmp_path / "isi.xlsx"
    p.write_bytes(src.read_bytes())
    r = run_cli("monev", "perbarui", p, "--bulan", "2024-03", "--per", "2024-03-05")
    assert r.returncode == 0 and "'Ringkasan Monev' diperbarui" in r.stdout, r.stdout + r.stderr
    g = read_workbook(p)["Ringkasan Monev"]
    jan = next(r for r in range(1, 20) if g.value(r, 1) == "Januari 2024")
    assert [g.value(jan, c) for c in (4, 5, 6)] == [4, 3, 1]     # M1, M2 (now), M3 closed; M4 open
    assert g.value(jan, 3) == datetime(2024, 1, 25)


def test_example_cached_values_are_python_results():
    m = read_monev(CONTOH)
    g = read_workbook(CONTOH)
    for r in m.rapat:
        rk = rekap_lembar(r)
        assert [g[r.sheet].value(4 + i, 8) for i in range(5)] == [rk["baru"], rk["dipantau"], rk["selesai"],
                                                                   rk["proses"], rk["belum"]]
