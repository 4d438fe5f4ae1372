"""``zi-xl monev perbarui FILE --bulan …``: the new month's sheet through the preserving writer — every open masukan
carried forward (origin month, age, last tindak lanjut), room for new masukan, the rencana aksi snapshot computed by
zi_xl.rencana_aksi — and "Ringkasan Monev" with a native chart; nothing else in the workbook changes; twice for the
same month changes nothing; the user's sheets are never overwritten."""

from __future__ import annotations

import json
import zipfile
from datetime import date

import openpyxl
import pytest

from tests.monev.bantu import CONTOH, RA_CONTOH, ids_tl, run_cli, salin, tabel_sheet
from tests.support import REF_LKE
from tests.support.paket import compare
from zi_xl.monev.reader import read_monev
from zi_xl.rencana_aksi.reader import read_rencana_aksi
from zi_xl.xlsx.read import read_workbook

JULI = "Monev Juli 2022"


@pytest.fixture()
def folder(tmp_path):
    salin(CONTOH, tmp_path / "monev.xlsx")
    salin(RA_CONTOH, tmp_path / "rencana-aksi-contoh.xlsx")
    return tmp_path


def _perbarui(path, bulan="2022-07", per="2022-07-05", *extra):
    r = run_cli("monev", "perbarui", path, "--bulan", bulan, "--per", per, *extra)
    assert r.returncode == 0, r.stdout + r.stderr
    return r


def test_new_month_carries_every_open_masukan(folder):
    p = folder / "monev.xlsx"
    before = read_monev(p)
    r = _perbarui(p)
    assert "sheet 'Monev Juli 2022' ditambahkan, 5 masukan terbuka dibawa" in r.stdout
    assert (folder / "monev.xlsx.bak").read_bytes() == CONTOH.read_bytes()
    ws = openpyxl.load_workbook(p)[JULI]
    assert ws["C4"].value == "2022-07" and ws["C5"].value == "Juli 2022" and ws["C6"].value is None
    _, rows = tabel_sheet(ws, "BULAN ASAL")
    carried = [r for r in rows if r[1]]
    assert [r[1] for r in carried] == [m.id for m in before.terbuka()]
    by_id = {r[1]: r for r in carried}
    # origin month, last tindak lanjut with its month, status at the month's start, empty STATUS, age in months
    assert by_id["2022-02-M1"][2:6] == ["Februari 2022", before.cari("2022-02-M1").masukan,
                                        "Target capaian LKE 2021 dengan nilai meningkat (Maret 2022)", "Proses"]
    assert by_id["2022-02-M1"][7] is None and by_id["2022-02-M1"][10] == 5
    assert by_id["2022-04-M5"][10] == 3 and by_id["2022-02-L1"][2] == "Tahun 2021"
    assert by_id["2022-02-L1"][10] is None
    # room for the new masukan: 10 numbered rows with the ID formula
    hr, new = tabel_sheet(ws, "AREA PERUBAHAN")
    assert [r[0] for r in new] == list(range(1, 11)) and all(r[3] is None for r in new)
    assert ws.cell(hr + 1, 2).value == f'=IF(TRIM(D{hr + 1}&E{hr + 1})="","",$C$4&"-M"&A{hr + 1})'


def test_rencana_aksi_snapshot_is_the_rencana_aksi_packages(folder):
    p = folder / "monev.xlsx"
    _perbarui(p, "2022-07", "2022-07-20")
    g = read_workbook(p)[JULI]
    ra = read_rencana_aksi(folder / "rencana-aksi-contoh.xlsx", per=date(2022, 7, 20))
    ring = ra.ringkasan()
    acuan = next(r for r in range(1, g.max_row + 1) if g.value(r, 1) == "Tanggal acuan")
    assert g.value(acuan, 3).date() == date(2022, 7, 20)
    head = acuan + 1
    assert [g.value(head, c) for c in range(4, 10)] == ["Area perubahan", "Jumlah aksi", "Selesai", "Terlambat",
                                                         "Jatuh tempo bulan ini", "Persen selesai"]
    for i, row in enumerate([*ring["area"], ring["keseluruhan"]]):
        assert [g.value(head + 1 + i, c) for c in range(5, 9)] == [
            row["jumlah"], row["selesai"], row["terlambat"], row["jatuh_tempo_bulan_ini"]]
        assert g.value(head + 1 + i, 9) == pytest.approx(row["persen_selesai"] / 100)
    listed = [(g.value(r, 2), g.value(r, 4)) for r in range(head, g.max_row + 1) if g.value(r, 2) in
              ("Terlambat", "Jatuh tempo bulan ini", "Selesai", "Berjalan")]
    want = [a for a in ra.aksi if a.tenggat and (a.tenggat.year, a.tenggat.month) == (2022, 7)]
    want += [a for a in ra.aksi if a.status == "Terlambat" and a.tenggat < date(2022, 7, 1)]
    assert listed == [(a.status, a.langkah_aksi) for a in want]
    m = read_monev(p)
    assert m.rapat[-1].rencana_aksi == {"per": date(2022, 7, 20), "terlambat": ring["keseluruhan"]["terlambat"],
                                        "persen_selesai": ring["keseluruhan"]["persen_selesai"]}


def test_nothing_else_changes_and_summary_has_a_native_chart(folder):
    p = folder / "monev.xlsx"
    out = folder / "salinan.xlsx"
    _perbarui(p, "2022-07", "2022-07-05", "-o", out)
    assert p.read_bytes() == CONTOH.read_bytes() and not (folder / "monev.xlsx.bak").exists()
    d = compare(p, out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == openpyxl.load_workbook(p).sheetnames + [JULI]
    ring_part = "xl/worksheets/sheet3.xml"        # 'Ringkasan Monev' (Petunjuk, Pengaturan, Ringkasan, months)
    allowed = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", ring_part,
               "xl/worksheets/_rels/sheet3.xml.rels", "xl/drawings/drawing1.xml", "xl/charts/chart1.xml",
               "xl/drawings/_rels/drawing1.xml.rels"}
    assert d.outside(allowed, added_ok={"xl/worksheets/sheet9.xml"}) == []
    for n in d.a:
        if n not in allowed:
            assert d.raw_copied(n), n             # every month sheet, the settings, the help: byte for byte
    with zipfile.ZipFile(out) as z:
        assert b"<c:barChart>" in z.read("xl/charts/chart1.xml") and b'<c:barDir val="col"/>' in \
            z.read("xl/charts/chart1.xml")
    g = read_workbook(out)["Ringkasan Monev"]
    months = [g.value(r, 1) for r in range(1, 20)]
    assert months[months.index("Bulan") + 1:months.index("Bulan") + 7] == [
        "Februari 2022", "Maret 2022", "April 2022", "Mei 2022", "Juni 2022", "Juli 2022"]


def test_twice_for_the_same_month_changes_nothing(folder):
    p = folder / "monev.xlsx"
    _perbarui(p)
    once = p.read_bytes()
    bak = (folder / "monev.xlsx.bak").read_bytes()
    r = _perbarui(p)
    assert "Tidak ada yang berubah" in r.stdout
    assert p.read_bytes() == once and (folder / "monev.xlsx.bak").read_bytes() == bak
    # and for the example's own last month, nothing to do at all
    fresh = salin(CONTOH, folder / "lagi.xlsx")
    r = _perbarui(fresh, "2022-06", "2022-06-30")
    assert "Tidak ada yang berubah" in r.stdout and fresh.read_bytes() == CONTOH.read_bytes()
    assert not (folder / "lagi.xlsx.bak").exists()


def test_existing_month_sheet_is_never_rewritten(folder):
    p = folder / "monev.xlsx"
    wb = openpyxl.load_workbook(p)
    wb["Monev Mei 2022"]["G25"] = "catatan tangan pengguna"
    wb.save(p)
    before = read_workbook(p)["Monev Mei 2022"]
    _perbarui(p, "2022-05", "2022-05-31")
    after = read_workbook(p)["Monev Mei 2022"]
    assert after.values == before.values and after.formulas == before.formulas


def test_a_skipped_month_is_reported_and_everything_open_carried(folder):
    p = folder / "monev.xlsx"
    _perbarui(p, "2022-09", "2022-09-01")
    assert ids_tl(p, "Monev September 2022") == [m.id for m in read_monev(CONTOH).terbuka()]
    m = read_monev(p)
    assert any(w.sheet == "Monev September 2022" and w.sel == "C4"
               and w.pesan.startswith("bulan Juli 2022 s.d. Agustus 2022 tidak tercatat") for w in m.peringatan)


def test_user_sheet_with_the_months_name_is_refused(folder):
    p = folder / "monev.xlsx"
    wb = openpyxl.load_workbook(p)
    wb.create_sheet("Monev Juli 2022")["A1"] = "catatan pribadi"
    wb.save(p)
    before = p.read_bytes()
    r = run_cli("monev", "perbarui", p, "--bulan", "2022-07", "--per", "2022-07-05")
    assert r.returncode == 2 and "sheet 'Monev Juli 2022' sudah ada tetapi tidak terbaca" in r.stderr
    assert p.read_bytes() == before and not (folder / "monev.xlsx.bak").exists()


def test_rencana_aksi_option_is_remembered_in_an_empty_settings_cell(tmp_path):
    p = tmp_path / "baru.xlsx"
    assert run_cli("templat", "monev", "-o", p, "--bulan", "2022-05").returncode == 0
    salin(RA_CONTOH, tmp_path / "ra.xlsx")
    r = run_cli("monev", "perbarui", p, "--bulan", "2022-06", "--per", "2022-06-15", "--rencana-aksi",
                tmp_path / "ra.xlsx", "--json")
    assert r.returncode == 0, r.stderr
    row = json.loads(r.stdout)["hasil"][0]
    assert row["aksi_terlambat"] == read_rencana_aksi(tmp_path / "ra.xlsx", per=date(2022, 6, 15)).ringkasan()[
        "keseluruhan"]["terlambat"]
    assert openpyxl.load_workbook(p)["Pengaturan Monev"]["C5"].value == str(tmp_path / "ra.xlsx")
    m = read_monev(p)
    assert m.rencana_aksi is not None and m.pengaturan["rencana_aksi"] == str(tmp_path / "ra.xlsx")


def test_broken_link_is_a_warning_not_an_error(folder):
    (folder / "rencana-aksi-contoh.xlsx").unlink()
    p = folder / "monev.xlsx"
    r = run_cli("monev", "perbarui", p, "--bulan", "2022-07", "--per", "2022-07-05", "--json")
    assert r.returncode == 0, r.stderr
    row = json.loads(r.stdout)["hasil"][0]
    assert row["aksi_terlambat"] is None
    g = read_workbook(p)
    assert any(isinstance(v, str) and "C. RENCANA AKSI: tidak ditautkan" in v for v in g[JULI].values.values())
    ring = g["Ringkasan Monev"]
    column_b = " ".join(ring.text(r, 2) for r in range(1, ring.max_row + 1) if ring.text(r, 2))
    assert "berkas rencana aksi 'rencana-aksi-contoh.xlsx' tidak ditemukan" in column_b


def test_not_a_monev_workbook_is_refused(tmp_path):
    r = run_cli("monev", "perbarui", REF_LKE, "--bulan", "2022-07", "-o", tmp_path / "x.xlsx")
    assert r.returncode == 2 and "bukan workbook monev" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "x.xlsx").exists()
