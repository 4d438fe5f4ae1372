"""The checks before writing (issue item 3), on monev workbooks built by hand the way units get them wrong: a month
copied and recorded twice, a meeting dated outside its period, a masukan never followed up, a month after the
semester, an incomplete signature, a report dated before what it reports. Each finding names the workbook, the
sheet and the cell; the report is still written with a visible note, unless ``--ketat``."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest

from tests.laporan.bantu import bulan_sheet, docx_teks, pengaturan
from tests.support import run_cli

SEMESTER = ("--semester", "2", "--tahun", "2023")
TT = {"nama": "Budi Santoso", "nip": "198001012005011001", "jabatan": "Kepala Kantor", "tempat": "Padang"}
M2 = ("2023-07-M2", "Pasang banner janji layanan", "", "")
M3 = ("2023-09-M3", "Analisis hasil survei kepuasan")


def _monev(path, tanda_tangan: dict | None = None):
    """Semester 2 2023, with four slips: Agustus met on 5 Oktober; September recorded twice (a copied sheet);
    masukan 2023-07-M2 carried every month and never followed up; a Januari 2024 sheet."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    pengaturan(wb, "Kantor Contoh", 2023, **(TT if tanda_tangan is None else tanda_tangan))
    bulan_sheet(wb, "Monev Juli 2023", "2023-07", "Juli 2023", date(2023, 7, 10),
                [("1", "SOP pelayanan belum diperbarui", "Perbarui SOP pelayanan"),
                 ("2", "Janji layanan belum dipasang", "Pasang banner janji layanan")])
    bulan_sheet(wb, "Monev Agustus 2023", "2023-08", "Agustus 2023", date(2023, 10, 5), [],
                [("2023-07-M1", "Perbarui SOP pelayanan", "SOP pelayanan diperbarui dan ditetapkan", "Selesai"), M2])
    bulan_sheet(wb, "Monev September 2023", "2023-09", "September 2023", date(2023, 9, 12), [], [M2])
    bulan_sheet(wb, "Monev September 2023 (2)", "2023-09", "September 2023", date(2023, 9, 26),
                [("3", "Survei kepuasan belum dianalisis", "Analisis hasil survei kepuasan")])
    bulan_sheet(wb, "Monev Oktober 2023", "2023-10", "Oktober 2023", date(2023, 10, 11), [],
                [M2, (*M3, "Analisis selesai dan dilaporkan", "Selesai")])
    for sheet, bulan, periode, d in (("Monev November 2023", "2023-11", "November 2023", date(2023, 11, 8)),
                                     ("Monev Desember 2023", "2023-12", "Desember 2023", date(2023, 12, 6)),
                                     ("Monev Januari 2024", "2024-01", "Januari 2024", date(2024, 1, 10))):
        bulan_sheet(wb, sheet, bulan, periode, d, [], [M2])
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def buruk(tmp_path_factory):
    folder = tmp_path_factory.mktemp("buruk")
    monev = _monev(folder / "monev.xlsx")
    out = folder / "LAPORAN.docx"
    r = run_cli("laporan", *SEMESTER, "--monev", monev, "-o", out, "--json")
    assert r.returncode == 0, r.stderr
    return folder, monev, out, json.loads(r.stdout)


def test_each_slip_is_named_with_workbook_sheet_and_cell(buruk):
    _, monev, _, data = buruk
    found = {(p["kode"], p["sheet"], p["sel"]): p for p in data["peringatan"] if p["kode"] != "tanpa_berkas"}
    assert set(found) == {
        ("monev", "Monev September 2023 (2)", "C3"),            # the month recorded twice
        ("monev", "Monev Agustus 2023", "C5"),                  # met on 5 Oktober: outside August/September
        ("bulan_di_luar_semester", "Monev Januari 2024", "C3"),
        ("tanpa_tindak_lanjut", "Monev Juli 2023", "C12"),      # its MASUKAN PERBAIKAN cell
    }
    assert all(p["berkas"] == str(monev) for p in found.values())
    assert "September 2023 tercatat dua kali" in found[("monev", "Monev September 2023 (2)", "C3")]["pesan"]
    assert "5 Oktober 2023 di luar periode" in found[("monev", "Monev Agustus 2023", "C5")]["pesan"]
    assert "2023-07-M2" in found[("tanpa_tindak_lanjut", "Monev Juli 2023", "C12")]["pesan"]
    # the workbooks not given are said too (without a place)
    missing = [p for p in data["peringatan"] if p["kode"] == "tanpa_berkas"]
    assert len(missing) == 2 and all(p["sheet"] is None for p in missing)


def test_the_report_is_still_written_with_a_visible_note(buruk):
    _, _, out, data = buruk
    assert data["ditulis"] is True and out.exists()
    text = docx_teks(out)
    assert "CATATAN PEMERIKSAAN DATA" in text
    assert "Monev Agustus 2023!C5" in text
    # months after the semester stay out; the semester's months are there, in Indonesian
    assert "Bulan Januari 2024" not in text and "monev Januari 2024 sesudah akhir Semester 2" in text
    for b in ("Juli 2023", "Agustus 2023", "September 2023", "Desember 2023"):
        assert f"Resume Monitoring dan Evaluasi Bulan {b}" in text
    assert "31 Desember 2023" in text
    # the signature of the settings sheet
    assert "Padang, 31 Desember 2023" in text and "Budi Santoso" in text and "NIP. 198001012005011001" in text


def test_ketat_writes_nothing(buruk, tmp_path):
    _, monev, _, _ = buruk
    out = tmp_path / "L.docx"
    r = run_cli("laporan", *SEMESTER, "--monev", monev, "-o", out, "--ketat")
    assert r.returncode == 1 and not out.exists()
    assert "--ketat" in r.stderr and "Monev Agustus 2023!C5" in r.stdout
    r = run_cli("laporan", *SEMESTER, "--monev", monev, "-o", out, "--ketat", "--json")
    data = json.loads(r.stdout)
    assert r.returncode == 1 and data["ditulis"] is False and data["berkas"] is None and not out.exists()


def test_an_incomplete_signature_is_named_where_to_fill_it(tmp_path):
    monev = _monev(tmp_path / "monev.xlsx", tanda_tangan={})
    r = run_cli("laporan", *SEMESTER, "--monev", monev, "-o", tmp_path / "L.docx", "--json")
    data = json.loads(r.stdout)
    tt = [p for p in data["peringatan"] if p["kode"] == "tanda_tangan"]
    assert len(tt) == 1
    assert tt[0]["sheet"] == "Pengaturan Monev" and tt[0]["sel"] == "C7"      # Jabatan pimpinan, row 7
    assert "tanpa tempat, jabatan, nama, NIP" in tt[0]["pesan"]
    assert "--nama atau sel Pengaturan Monev!C5" in tt[0]["pesan"]
    # the block is printed with dots to fill by hand, never a blank or a developer word
    assert "NIP. ....." in docx_teks(tmp_path / "L.docx")
    # options fill it
    r = run_cli("laporan", *SEMESTER, "--monev", monev, "-o", tmp_path / "L2.docx", "--json", "--tempat",
                "Parit Malintang", "--jabatan", "Kepala Dinas", "--nama", "Ani", "--nip", "197501012000032001")
    data = json.loads(r.stdout)
    assert not [p for p in data["peringatan"] if p["kode"] == "tanda_tangan"]
    assert data["tanda_tangan"] == {"tempat": "Parit Malintang", "tanggal": "2023-12-31", "jabatan": "Kepala Dinas",
                                    "nama": "Ani", "nip": "197501012000032001"}


def test_a_report_dated_before_what_it_reports(buruk, tmp_path):
    _, monev, _, _ = buruk
    # the seed was signed 30 Mei 2022 and reported a meeting of 31 Mei 2022, for a semester ending 30 Juni
    r = run_cli("laporan", *SEMESTER, "--monev", monev, "-o", tmp_path / "L.docx", "--json", "--tanggal",
                "2023-12-01")
    pesan = [p["pesan"] for p in json.loads(r.stdout)["peringatan"] if p["kode"] == "tanggal_laporan"]
    assert pesan == ["tanggal laporan 1 Desember 2023 sebelum akhir Semester 2 Tahun 2023 (31 Desember 2023); "
                     "status dihitung per 31 Desember 2023",
                     "tanggal laporan 1 Desember 2023 sebelum rapat monev 6 Desember 2023 yang dilaporkannya "
                     "(sheet 'Monev Desember 2023')"]


def test_a_plan_of_another_year_and_workbooks_of_another_unit(buruk, contoh, tmp_path):
    _, monev, _, _ = buruk
    r = run_cli("laporan", *SEMESTER, "--monev", monev, "--rencana-aksi", contoh / "rencana-aksi-contoh.xlsx",
                "--lke", contoh / "contoh-lke-2021.xlsx", "-o", tmp_path / "L.docx", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    kode = {p["kode"]: p for p in data["peringatan"]}
    assert kode["tahun_rencana_aksi"]["pesan"] == "rencana aksi tahun 2022, laporan Semester 2 Tahun 2023"
    assert kode["tahun_rencana_aksi"]["sheet"] == "Rencana Aksi"
    pesan = kode["unit_berbeda"]["pesan"]
    assert "'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Padang Pariaman'" in pesan and "'Kantor Contoh'" in pesan
    assert data["unit"] == "Kantor Contoh"
