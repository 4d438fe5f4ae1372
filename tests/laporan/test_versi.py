"""Generated workbooks of other semesters and LKE versions give reports with that version's thresholds, weights
and regulations (values by hand from the seed's BAB II table and the regulations), and paper F4 on request."""

from __future__ import annotations

import json
from datetime import date

import docx
import pytest
from docx.shared import Cm

from tests.laporan.bantu import docx_teks, semua_tabel, tabel
from tests.support import run_cli
from zi_xl.lke.contoh import jawaban_contoh
from zi_xl.lke.reader import read_lke
from zi_xl.lke.templat import tulis_templat_lke
from zi_xl.monev.model import Masukan, Rapat, TindakLanjut
from zi_xl.monev.workbook import tulis_monev
from zi_xl.teks import angka

PIMPINAN = {"pimpinan": "Sri Wahyuni", "nip": "197001012000032002"}
JUDUL_52 = ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 52 Tahun 2014 tentang "
            "Pedoman Pembangunan Zona Integritas Menuju Wilayah Bebas dari Korupsi dan Wilayah Birokrasi Bersih dan "
            "Melayani di Lingkungan Instansi Pemerintah")
JUDUL_10 = ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 10 Tahun 2019 tentang "
            "Perubahan atas Peraturan Menteri")


def _monev_semester_2(path, tahun: int):
    """Juli–Desember: a masukan in Juli, closed in Agustus; a meeting every month."""
    y = tahun
    m1 = Masukan(id=f"{y}-07-M1", bulan_asal=f"{y}-07", no="1", uraian="Maklumat pelayanan belum dipasang",
                 masukan="Pasang maklumat pelayanan di ruang tunggu")
    rapat = [Rapat(bulan=f"{y}-07", tanggal_rapat=date(y, 7, 15), periode=f"{y}-07", masukan=[m1], **PIMPINAN),
             Rapat(bulan=f"{y}-08", tanggal_rapat=date(y, 8, 12), periode=f"{y}-08", **PIMPINAN,
                   tindak_lanjut=[TindakLanjut(id=m1.id, bulan=f"{y}-08", bulan_asal=m1.bulan_asal,
                                               masukan=m1.masukan, teks="Maklumat dipasang di ruang tunggu",
                                               status_tertulis="Selesai")])]
    rapat += [Rapat(bulan=f"{y}-{m:02d}", tanggal_rapat=date(y, m, 9), periode=f"{y}-{m:02d}", **PIMPINAN)
              for m in range(9, 13)]
    tulis_monev(path, rapat, unit="Kantor Uji",
                pengaturan={"unit": "Kantor Uji", "tahun": y, "jabatan": "Kepala Kantor", **PIMPINAN})
    return path


@pytest.fixture(scope="module")
def versi_2019(tmp_path_factory):
    folder = tmp_path_factory.mktemp("v2019")
    tulis_templat_lke(folder / "lke-2019.xlsx", versi="2019", jawaban=jawaban_contoh("2019"), unit="Kantor Uji")
    _monev_semester_2(folder / "monev.xlsx", 2020)
    out = folder / "LAPORAN.docx"
    r = run_cli("laporan", "--semester", "2", "--tahun", "2020", folder, "-o", out, "--tempat", "Bukittinggi",
                "--json")
    assert r.returncode == 0, r.stderr
    return folder, out, json.loads(r.stdout)


def test_2019_thresholds_are_the_seeds_table(versi_2019):
    _, out, data = versi_2019
    assert data["versi_lke"] == "2019"
    syarat = {row[0]: tuple(row[1:]) for row in tabel(out, "SYARAT")[1:]}
    # the seed's BAB II, right-hand table ("2019"); 17 for WBBM Pelayanan is marked (the seed's survey 3,80 is not
    # 17 points of 20)
    assert syarat == {
        "Nilai total (pengungkit + hasil)": ("75,00", "85,00"),
        "Nilai komponen pengungkit": ("40,00", "48,00"),
        "Nilai area pengungkit (minimal % bobot area)": ("60% dari bobot tiap area", "75% dari bobot tiap area"),
        "Komponen hasil 'Pemerintah yang Bersih dan Bebas KKN'": ("18,50", "18,88"),
        "Sub-komponen Survei Persepsi Anti Korupsi": ("13,50 (survei 3,60)", "13,88 (survei 3,70)"),
        "Sub-komponen Persentase TLHP": ("5,00", "5,00"),
        "Komponen hasil 'Peningkatan Kualitas Pelayanan Publik'": ("15,00 (survei 3,00)", "17,00 *"),
    }
    assert "17 poin dari bobot 20 setara survei 3,40" in docx_teks(out)


def test_2019_weights_and_regulations(versi_2019):
    folder, out, _ = versi_2019
    bobot = tabel(out, "NO")
    assert bobot[0] == ["NO", "AREA PERUBAHAN", "BOBOT AREA", "MINIMUM WBK (60%)", "MINIMUM WBBM (75%)"]
    assert [r[1:] for r in bobot[1:]] == [
        ["Manajemen Perubahan", "8,00", "4,80", "6,00"], ["Penataan Tatalaksana", "7,00", "4,20", "5,25"],
        ["Penataan Sistem Manajemen SDM", "10,00", "6,00", "7,50"],
        ["Penguatan Akuntabilitas Kinerja", "10,00", "6,00", "7,50"],
        ["Penguatan Pengawasan", "15,00", "9,00", "11,25"],
        ["Peningkatan Kualitas Pelayanan Publik", "10,00", "6,00", "7,50"], ["JUMLAH", "60,00", "", ""]]
    hasil = [r for r in tabel(out, "KOMPONEN HASIL / INDIKATOR")[1:]]
    assert [r[1] for r in hasil] == ["20,00", "15,00", "5,00", "20,00", "20,00", "40,00"]
    text = docx_teks(out)
    assert JUDUL_52 in text and JUDUL_10 in text and "Nomor 90 Tahun 2021" not in text
    # the closing is the LKE's own score
    h = read_lke(folder / "lke-2019.xlsx")
    nilai = {r[0]: r[2] for r in tabel(out, "KOMPONEN")[1:]}
    assert nilai["NILAI TOTAL"] == angka(h.nilai("total"))


def test_semester_2_months_and_dates(versi_2019):
    _, out, data = versi_2019
    text = docx_teks(out)
    assert data["semester"]["akhir"] == "2020-12-31"
    for b in ("Juli", "Agustus", "September", "Oktober", "November", "Desember"):
        assert f"Resume Monitoring dan Evaluasi Bulan {b} 2020" in text
    assert ("Pelaksanaan monitoring dan evaluasi bulan September 2020 dilakukan pada tanggal 9 September 2020 dengan "
            "periode yang dipantau September 2020, dipimpin oleh Sri Wahyuni.") in text
    assert "Bukittinggi, 31 Desember 2020" in text and "NIP. 197001012000032002" in text
    assert not [p for p in data["peringatan"] if p["kode"] not in ("tanpa_berkas",)]


def test_regulations_in_force_follow_the_semester(contoh, tmp_path):
    lke = contoh / "contoh-lke-2021.xlsx"
    texts = {}
    for sem in ("1", "2"):
        out = tmp_path / f"L{sem}.docx"
        r = run_cli("laporan", "--semester", sem, "--tahun", "2024", "--lke", lke, "-o", out)
        assert r.returncode == 0, r.stderr
        texts[sem] = docx_teks(out)
    # PermenPANRB 5/2024 was enacted on 15 Juli 2024: not yet in force at the end of Semester 1
    assert "Nomor 5 Tahun 2024" not in texts["1"]
    assert ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 5 Tahun 2024 tentang "
            "Perubahan atas Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 90 Tahun "
            "2021") in texts["2"]
    assert ("sebagaimana diatur dalam Peraturan Menteri PANRB Nomor 90 Tahun 2021 sebagaimana telah diubah dengan "
            "Peraturan Menteri PANRB Nomor 5 Tahun 2024") in texts["2"]


def test_2014_without_an_lke_and_on_f4(tmp_path):
    monev = _monev_semester_2(tmp_path / "monev.xlsx", 2018)
    out = tmp_path / "L.docx"
    r = run_cli("laporan", "--semester", "2", "--tahun", "2018", "--monev", monev, "--versi", "2014", "-o", out,
                "--kertas", "F4", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["versi_lke"] == "2014" and data["predikat"] is None
    syarat = {row[0]: tuple(row[1:]) for row in tabel(out, "SYARAT")[1:]}
    # the seed's BAB II, left-hand table (PermenPANRB 52/2014)
    assert syarat == {"Nilai total (pengungkit + hasil)": ("75,00", "85,00"),
                      "Komponen hasil 'Pemerintah yang Bersih dan Bebas KKN'": ("18,00", "18,00"),
                      "Sub-komponen Survei Persepsi Anti Korupsi": ("13,50", "13,50"),
                      "Sub-komponen Persentase TLHP": ("3,50", "3,50"),
                      "Komponen hasil 'Peningkatan Kualitas Pelayanan Publik'": ("-", "16,00")}
    bobot = tabel(out, "NO")
    assert bobot[0] == ["NO", "AREA PERUBAHAN", "BOBOT AREA"]      # 52/2014 sets no area minimum
    assert [r[2] for r in bobot[1:]] == ["5,00", "5,00", "15,00", "10,00", "15,00", "10,00", "60,00"]
    text = docx_teks(out)
    assert "Nilai LKE belum tersedia" in text
    for s in docx.Document(str(out)).sections:
        assert abs(s.page_width - Cm(21.5)) <= Cm(0.01) and abs(s.page_height - Cm(33)) <= Cm(0.01)
    assert any(p["kode"] == "tanpa_berkas" and "LKE" in p["pesan"] for p in data["peringatan"])


def test_an_lke_version_revoked_before_the_semester_is_reported(versi_2019, tmp_path):
    folder, _, _ = versi_2019
    r = run_cli("laporan", "--semester", "1", "--tahun", "2023", "--lke", folder / "lke-2019.xlsx", "-o",
                tmp_path / "L.docx", "--json")
    data = json.loads(r.stdout)
    versi = [p for p in data["peringatan"] if p["kode"] == "versi_lke"]
    assert versi and versi[0]["sheet"] and versi[0]["berkas"].endswith("lke-2019.xlsx")
    assert "dicabut sejak 31 Desember 2021" in versi[0]["pesan"]
    assert len(semua_tabel(tmp_path / "L.docx", "SYARAT")) >= 1
