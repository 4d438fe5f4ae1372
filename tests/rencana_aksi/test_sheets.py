"""`zi-xl status FILE --tulis`: status and summary written into the user's own workbook by the preserving writer."""

import zipfile
from datetime import date

import openpyxl
import pytest

from tests.support.paket import compare
from tests.support.ra_helpers import PER_CONTOH, WORKBOOKS, run_cli, write_layout
from zi_xl.rencana_aksi.reader import read_rencana_aksi
from zi_xl.rencana_aksi.sheets import JUDUL_REALISASI, JUDUL_STATUS, JUDUL_TENGGAT, SHEET_RINGKASAN, WARNA
from zi_xl.rencana_aksi.status import STATUS
from zi_xl.xlsx.recalc import recalculate

COLUMNS = [("NO", "no"), ("KOMPONEN", "komponen"), ("INDIKATOR", "indikator"), ("LANGKAH AKSI", "langkah_aksi"),
           ("BUKTI FISIK", "bukti_fisik"), ("TARGET WAKTU", "target_waktu"), ("PIC", "pic")]


@pytest.fixture()
def plain(tmp_path):
    return write_layout(tmp_path / "ra.xlsx", COLUMNS, notes=True)


def _tool_cols(ws, header_row):
    heads = {c.value: c.column for c in ws[header_row] if isinstance(c.value, str)}
    ct = heads[JUDUL_TENGGAT]
    cs = next(c for h, c in heads.items() if h.startswith(JUDUL_STATUS))
    return ct, cs


def test_status_columns_equal_python_and_are_coloured(plain):
    before = read_rencana_aksi(plain, per=PER_CONTOH)
    r = run_cli("status", plain, "--per", PER_CONTOH.isoformat(), "--tulis")
    assert r.returncode == 0, r.stderr
    assert (plain.parent / (plain.name + ".bak")).exists()
    wb = openpyxl.load_workbook(plain)
    ws = wb["RA 2022"]
    hr = next(c.row for c in ws["F"] if c.value == "TARGET WAKTU")
    ct, cs = _tool_cols(ws, hr)
    assert ws.cell(hr, cs).value == f"{JUDUL_STATUS} (per 31/05/2022)"
    seen = set()
    for a in before.aksi:
        assert ws.cell(a.baris, cs).value == a.status, a.baris
        t = ws.cell(a.baris, ct).value
        assert (t == "Berulang") if a.berulang else (t is None if a.tenggat is None else t.date() == a.tenggat)
        if a.status in WARNA:
            assert ws.cell(a.baris, cs).fill.fgColor.rgb.endswith(WARNA[a.status])
        seen.add(a.status)
    assert len(seen) >= 4  # the example date gives varied statuses
    # the reader ignores the tool's columns: a second reading gives the same actions
    after = read_rencana_aksi(plain, per=PER_CONTOH)
    assert [(a.baris, a.status, a.tenggat) for a in after.aksi] == [(a.baris, a.status, a.tenggat)
                                                                    for a in before.aksi]


def test_summary_sheet_with_native_chart_and_rerun_reuses_columns(plain):
    ra = read_rencana_aksi(plain, per=PER_CONTOH)
    assert run_cli("status", plain, "--per", "2022-05-31", "--tulis").returncode == 0
    assert run_cli("status", plain, "--per", "2022-12-31", "--tulis").returncode == 0
    wb = openpyxl.load_workbook(plain)
    assert wb.sheetnames == ["RA 2022", SHEET_RINGKASAN]
    ws = wb["RA 2022"]
    hr = next(c.row for c in ws["F"] if c.value == "TARGET WAKTU")
    ct, cs = _tool_cols(ws, hr)
    # right of PIC (G): a REALISASI column for the user (the layout had none), then the tool's two columns;
    # the same columns after the second run
    assert ws.cell(hr, 8).value == JUDUL_REALISASI and (ct, cs) == (9, 10)
    assert [c.value for c in ws[hr]].count(JUDUL_REALISASI) == 1
    assert ws.cell(next(a.baris for a in ra.aksi), 8).number_format == "dd/mm/yyyy"
    assert ws.cell(hr, cs).value.endswith("(per 31/12/2022)")
    late = ra.pada(date(2022, 12, 31))
    assert [ws.cell(a.baris, cs).value for a in late.aksi] == [a.status for a in late.aksi]
    summ = wb[SHEET_RINGKASAN]
    r = late.ringkasan()
    keseluruhan = next(row for row in summ.iter_rows(values_only=True) if row[0] == "KESELURUHAN")
    assert list(keseluruhan[1:2 + len(STATUS)]) == [r["keseluruhan"]["jumlah"]] + \
        [r["keseluruhan"][k] for k in ("selesai", "terlambat", "jatuh_tempo_bulan_ini", "berjalan", "belum_mulai",
                                       "berkelanjutan", "tidak_terbaca")]
    with zipfile.ZipFile(plain) as zf:
        assert sum(n.startswith("xl/charts/chart") for n in zf.namelist()) == 1


def test_tulis_to_output_preserves_every_other_part(tmp_path):
    src = WORKBOOKS / "rencana-aksi-contoh.xlsx"
    out = tmp_path / "hasil.xlsx"
    before = src.read_bytes()
    r = run_cli("status", src, "--per", "2022-05-31", "--tulis", "-o", out)
    assert r.returncode == 0, r.stderr
    assert src.read_bytes() == before
    diff = compare(src, out)
    changed = diff.changed
    # only the rencana aksi sheet, the replaced summary sheet (with its drawing/chart) and the package lists change
    allowed_prefixes = ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/workbook.xml",
                        "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml", "xl/drawings/",
                        "xl/charts/", "xl/worksheets/_rels/sheet2.xml.rels", "xl/calcChain.xml", "docProps/app.xml")
    assert diff.outside(allowed_prefixes, prefixes=True, added_ok=diff.added) == []
    assert "xl/worksheets/sheet3.xml" not in changed  # Petunjuk and Daftar Pilihan untouched
    assert "xl/worksheets/sheet4.xml" not in changed
    conv = recalculate([out], tmp_path / "lo")[0]
    assert openpyxl.load_workbook(conv)[SHEET_RINGKASAN]["A1"].value == "RINGKASAN RENCANA AKSI"


def test_bad_input_leaves_the_file_alone(tmp_path):
    p = tmp_path / "bukan-ra.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Daftar hadir rapat"
    wb.save(p)
    before = p.read_bytes()
    r = run_cli("status", p, "--tulis")
    assert r.returncode != 0 and "Traceback" not in r.stderr and str(p) in r.stderr
    assert p.read_bytes() == before and not (tmp_path / "bukan-ra.xlsx.bak").exists()


def test_live_template_only_gets_its_empty_tenggat_filled(tmp_path):
    """Our own layout computes STATUS by formulas: --tulis fills the empty MULAI/TENGGAT cells from TARGET WAKTU,
    adds no columns, keeps the formula summary, and after recalculation every STATUS equals Python's."""
    from dataclasses import replace

    from zi_xl.rencana_aksi.seed import rencana_aksi_seed
    from zi_xl.rencana_aksi.workbook import tulis_rencana_aksi
    from zi_xl.xlsx.read import read_workbook

    ra = rencana_aksi_seed(per=PER_CONTOH)
    blank = {i for i, a in enumerate(ra.aksi) if i % 5 == 0 and not a.berulang}
    gapped = replace(ra, aksi=[replace(a, tenggat=None, mulai=None) if i in blank else a
                               for i, a in enumerate(ra.aksi)])
    p = tmp_path / "templat-terisi.xlsx"
    tulis_rencana_aksi(p, gapped, tanggal_acuan=PER_CONTOH)
    rows = [a.baris for a in read_rencana_aksi(p, per=PER_CONTOH).aksi]  # sheet rows, in the same order
    before = read_workbook(p)
    sheet = next(n for n in before if n != SHEET_RINGKASAN and "Rencana" in n)
    r = run_cli("status", p, "--tulis")
    assert r.returncode == 0, r.stderr
    after = read_workbook(p)
    assert after[sheet].max_col == before[sheet].max_col           # no tool columns
    assert after[SHEET_RINGKASAN].formulas == before[SHEET_RINGKASAN].formulas
    changed = {k for k in set(after[sheet].values) | set(before[sheet].values)
               if after[sheet].values.get(k) != before[sheet].values.get(k) and k not in before[sheet].formulas}
    assert {row for row, _ in changed} == {rows[i] for i in blank}
    out = recalculate([p], tmp_path / "lo")[0]
    g = read_workbook(out)[sheet]
    read_back = read_rencana_aksi(p, per=PER_CONTOH)
    col = next(c for (row, c), v in g.values.items() if v == "STATUS")
    assert [g.value(a.baris, col) for a in read_back.aksi] == [a.status for a in ra.aksi]
    assert run_cli("status", p, "--tulis").stdout.rstrip().endswith("dihitung rumus Excel sendiri")


def test_a_plan_without_realisasi_is_warned_and_gets_a_place_to_record_completion(plain):
    ra = read_rencana_aksi(plain, per=PER_CONTOH)
    assert ra.tanpa_realisasi == ["RA 2022"] and "tidak punya kolom REALISASI" in ra.peringatan[0]
    assert all(a.status != "Selesai" for a in ra.aksi)
    r = run_cli("status", plain, "--per", "2022-05-31")
    assert "PERINGATAN: sheet 'RA 2022' tidak punya kolom REALISASI" in r.stdout
    assert run_cli("status", plain, "--per", "2022-05-31", "--tulis").returncode == 0
    # the user records a completion in the new column: the next reading sees it, the warning is gone
    wb = openpyxl.load_workbook(plain)
    ws = wb["RA 2022"]
    first = ra.aksi[0]
    ws.cell(first.baris, 8).value = date(2022, 1, 20)
    wb.save(plain)
    again = read_rencana_aksi(plain, per=PER_CONTOH)
    assert again.peringatan == [] and again.aksi[0].status == "Selesai"
