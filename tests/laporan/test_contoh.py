"""The report of the seed's example workbooks (``zi-xl contoh``), Semester 1 Tahun 2022, as the unit's admin and
the evaluator get it: printed by LibreOffice and read back, and its Word settings read back with python-docx."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import UTC, datetime

import docx
from docx.shared import Cm, Pt

from tests.laporan.bantu import kolom, rapat, seed_bab_iii, seed_bab_iv, seed_bab_v, semua_tabel, tabel
from tests.support import run_cli
from zi_xl.lke.reader import read_lke
from zi_xl.teks import angka, persen

BAB = ["KATA PENGANTAR", "DAFTAR ISI", "BAB I PENDAHULUAN", "BAB II PROGRAM KERJA PEMBANGUNAN ZONA INTEGRITAS",
       "BAB III RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS", "BAB IV PELAKSANAAN MONITORING DAN EVALUASI",
       "BAB V TINDAK LANJUT HASIL MONITORING DAN EVALUASI", "BAB VI CAPAIAN PEMBANGUNAN ZONA INTEGRITAS",
       "BAB VII PENUTUP"]


def _flat(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------- printed
def test_the_printed_report_has_the_seeds_structure(cetakan_contoh):
    c = cetakan_contoh
    assert 20 <= c.pages <= 45, c.pages
    t = _flat(c.text)
    assert "LAPORAN MONITORING DAN EVALUASI PEMBANGUNAN ZONA INTEGRITAS" in t
    assert "SEMESTER 1 TAHUN 2022" in t
    assert "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN PADANG PARIAMAN" in t
    for head in BAB:
        assert head in t, head
    # the chapters in the seed's order, BAB V once (the seed has it twice)
    body = t[t.index("BAB I PENDAHULUAN 1.1"):] if "BAB I PENDAHULUAN 1.1" in t else t
    positions = [body.rindex(h) for h in BAB[2:]]
    assert positions == sorted(positions)
    assert t.count("BAB V PENUTUP") == 0


def test_every_row_of_the_seeds_bab_iii_to_v_is_in_the_printed_report(cetakan_contoh):
    pdf = cetakan_contoh.pdf
    bab_iv = "\n".join(kolom(pdf, [1.0, 7.0, 8.0]))
    for no, uraian, masukan in seed_bab_iv():
        assert rapat(uraian) in bab_iv and rapat(masukan) in bab_iv, (no, uraian)
    bab_v = "\n".join(kolom(pdf, [1.0, 6.6, 6.4, 2.0]))
    for no, masukan, tindak_lanjut in seed_bab_v():
        assert rapat(masukan) in bab_v and rapat(tindak_lanjut) in bab_v, (no, masukan)
    bab_iii = "\n".join(kolom(pdf, [0.8, 3.5, 4.0, 3.4, 2.1, 2.2]))
    rows = seed_bab_iii()
    assert len(rows) == 76
    for row in rows:
        for cell in row[1:]:
            if cell:
                assert rapat(cell) in bab_iii, cell


def test_thresholds_weights_and_dates_are_the_regulations_in_indonesian(cetakan_contoh, laporan_contoh):
    t = _flat(cetakan_contoh.text)
    # PermenPANRB 90/2021, Lampiran II Tabel 6 (p.58): WBK / WBBM, in the document's table
    syarat = {row[0]: tuple(row[1:]) for row in tabel(laporan_contoh.docx, "SYARAT")[1:]}
    assert syarat == {
        "Nilai total (pengungkit + hasil)": ("75,00", "85,00"),
        "Nilai komponen pengungkit": ("40,00", "48,00"),
        "Bobot nilai minimal per area pengungkit (Pemenuhan + Reform)": ("60% dari bobot tiap area",
                                                                          "75% dari bobot tiap area"),
        "Nilai komponen hasil 'Pemerintah yang Bersih dan Akuntabel'": ("18,25", "19,50"),
        "Nilai sub-komponen 'Survei Persepsi Anti Korupsi'": ("15,75 (survei 3,60)", "15,75 (survei 3,60)"),
        "Nilai sub-komponen 'Kinerja Lebih Baik'": ("2,50", "3,75"),
        "Nilai komponen hasil 'Pelayanan Publik yang Prima'": ("14,00 (survei 3,20)", "15,75 (survei 3,60)"),
        "Telah mendapatkan predikat Menuju WBK": ("-", "Ya"),
    }
    for value in ("75,00", "85,00", "18,25", "19,50", "15,75 (survei 3,60)", "14,00 (survei 3,20)"):
        assert value in t, value
    # Tabel 3 (p.43): area weights 8/7/10/10/15/10, Pemenuhan and Reform half each; minimum 60% / 75% of them
    bobot = tabel(laporan_contoh.docx, "NO")
    assert bobot[0] == ["NO", "AREA PERUBAHAN", "PEMENUHAN", "REFORM", "BOBOT AREA", "MINIMUM WBK (60%)",
                        "MINIMUM WBBM (75%)"]
    assert [r[1:] for r in bobot[1:]] == [
        ["Manajemen Perubahan", "4,00", "4,00", "8,00", "4,80", "6,00"],
        ["Penataan Tatalaksana", "3,50", "3,50", "7,00", "4,20", "5,25"],
        ["Penataan Sistem Manajemen SDM", "5,00", "5,00", "10,00", "6,00", "7,50"],
        ["Penguatan Akuntabilitas Kinerja", "5,00", "5,00", "10,00", "6,00", "7,50"],
        ["Penguatan Pengawasan", "7,50", "7,50", "15,00", "9,00", "11,25"],
        ["Peningkatan Kualitas Pelayanan Publik", "5,00", "5,00", "10,00", "6,00", "7,50"],
        ["JUMLAH", "30,00", "30,00", "60,00", "", ""]]
    assert re.search(r"Manajemen Perubahan\s+4,00\s+4,00\s+8,00\s+4,80\s+6,00", cetakan_contoh.text)
    # the seed's meetings, the end of the semester, the regulation in force
    for d in ("8 Maret 2022", "16 Maret 2022", "18 Mei 2022", "31 Mei 2022", "30 Juni 2022"):
        assert d in t, d
    assert "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 90 Tahun 2021 tentang " \
           "Pembangunan dan Evaluasi Zona Integritas" in t
    assert "Nomor 5 Tahun 2024" not in t          # not yet in force on 30 Juni 2022
    assert "Sumber: PermenPANRB Nomor 90 Tahun 2021, Lampiran II, Bab III huruf D, Tabel 6 (hlm. 58)." in t
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", t)       # no ISO dates
    assert "00:00" not in t


def test_the_closing_shows_what_the_lke_says(cetakan_contoh, laporan_contoh, contoh):
    h = read_lke(contoh / "contoh-lke-2021.xlsx")
    t = _flat(cetakan_contoh.text)
    assert angka(h.nilai("total")) in t
    assert f"{h.nilai('total'):.2f}" not in t                 # no English decimal point
    assert "Predikat menurut penilaian LKE: WBK." in t
    assert "Syarat predikat WBBM yang belum dipenuhi" in t
    areas = {r[0]: r[1:] for r in tabel(laporan_contoh.docx, "AREA PERUBAHAN")[1:]}
    for a in h.predikat.area:
        assert areas[a.nama][2] == persen(a.persen)
    # what stands between the unit and WBBM (the example misses it on Penguatan Pengawasan and the IPKP survey)
    gaps = {r[0]: r[3] for t in semua_tabel(laporan_contoh.docx, "SYARAT") for r in t[1:] if len(r) == 4}
    assert gaps == {s.syarat: s.kekurangan() for s in h.predikat.perlu()}
    assert "Area Penguatan Pengawasan (% bobot)" in gaps
    weak = next(t for t in semua_tabel(laporan_contoh.docx, "NO") if t[0][1] == "INDIKATOR")
    assert [(r[1], r[5]) for r in weak[1:]] == [(w.nama, angka(w.hilang)) for w in h.terlemah(5)]


DEVELOPER = ("None", "null", "True", "False", "nan", "NaN", "Traceback", "zi_xl", "ZiError", "{", "}", "dict(",
             "TODO", "Blm Diisi", "#DIV")
ENGLISH = ("the", "and", "of", "page", "Page", "Table", "Figure", "Chart", "Score", "SCORE", "Total score",
           "Contents", "Status:", "Month", "January", "February", "March", "May", "June", "Yes", "No.")


def test_no_developer_words_and_no_english(cetakan_contoh):
    t = cetakan_contoh.text
    for w in DEVELOPER:
        assert not re.search(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])", t), w
    words = set(re.findall(r"[A-Za-z.:]+", t))
    assert not words & set(ENGLISH), words & set(ENGLISH)


# --------------------------------------------------------------------------------------------- Word settings
TOLERANSI = Cm(0.01)


def _near(a, b):
    return abs(int(a) - int(b)) <= int(TOLERANSI)


def test_tata_naskah_dinas_settings_read_back(laporan_contoh):
    d = docx.Document(str(laporan_contoh.docx))
    assert len(d.sections) == 3                        # cover, front matter (i, ii …), body (1, 2 …)
    for s in d.sections:
        assert _near(s.page_width, Cm(21.0)) and _near(s.page_height, Cm(29.7))          # A4 portrait
        assert _near(s.top_margin, Cm(2)) and _near(s.bottom_margin, Cm(2.5))
        assert _near(s.left_margin, Cm(3)) and _near(s.right_margin, Cm(2))
    normal = d.styles["Normal"]
    assert normal.font.name == "Arial" and Pt(11) <= normal.font.size <= Pt(12)
    for name in ("Normal", "Heading 1", "Heading 2", "Isi Tabel"):
        fonts = d.styles[name].element.rPr.rFonts
        assert {fonts.get(f"{{{fonts.nsmap['w']}}}{k}") for k in ("ascii", "hAnsi", "cs")} == {"Arial"}, name
    xml = d.element.xml
    assert 'w:val="id-ID"' in d.styles.element.xml                                   # document language
    # every table repeats its header row on each page; rows are never split
    for t in d.tables[1:]:
        assert t.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    assert xml.count("w:cantSplit") > 100
    # a real table of contents field, page numbers: none on the cover, roman, then arabic from 1
    assert 'TOC \\o "1-2" \\h \\z \\u' in xml
    assert "PAGE" not in "".join(p.text for p in d.sections[0].footer.paragraphs)
    assert "PAGE" not in d.sections[0].footer._element.xml
    for s, fmt in ((d.sections[1], "lowerRoman"), (d.sections[2], "decimal")):
        assert " PAGE " in s.footer._element.xml
        pg = s._sectPr.find(docx.oxml.ns.qn("w:pgNumType"))
        assert pg.get(docx.oxml.ns.qn("w:fmt")) == fmt and pg.get(docx.oxml.ns.qn("w:start")) == "1"


def test_the_file_is_the_same_on_every_build_and_dated_by_the_report(contoh, tmp_path, laporan_contoh):
    again = tmp_path / "LAPORAN.docx"
    r = run_cli("laporan", "--semester", "1", "--tahun", "2022", contoh, "-o", again)
    assert r.returncode == 0, r.stderr
    assert again.read_bytes() == laporan_contoh.docx.read_bytes()
    cp = docx.Document(str(again)).core_properties
    assert cp.created == cp.modified == datetime(2022, 6, 30, tzinfo=UTC)
    assert cp.language == "id-ID" and "Semester 1 Tahun 2022" in cp.title
    with zipfile.ZipFile(again) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert not any("thumbnail" in n for n in z.namelist())


# --------------------------------------------------------------------------------------------- warnings
def test_the_seeds_own_slips_are_listed_and_noted_in_the_report(laporan_contoh, cetakan_contoh):
    out = laporan_contoh.hasil.stdout
    assert "PERINGATAN (" in out
    for expected in ("monev-contoh.xlsx: Monev Maret 2022!B29: teks masukan 2022-02-M3 berbeda",
                     "monev-contoh.xlsx: Monev Februari 2022!C7: pimpinan rapat monev Februari 2022 tidak tercatat",
                     "monev-contoh.xlsx: tidak ada sheet monev Januari 2022",
                     "monev-contoh.xlsx: Monev Juni 2022!C6: monev Juni 2022 belum mencatat tanggal rapat",
                     "monev-contoh.xlsx: Pengaturan Monev!C8: blok tanda tangan tanpa tempat, jabatan, nama, NIP"):
        assert expected in out, expected
    assert "unit kerja berbeda" not in out             # the example's three workbooks are one unit's
    # a visible note before the report's own text; the unsigned block is left with dots to fill by hand
    pages = cetakan_contoh.text.split("\f")
    assert "CATATAN PEMERIKSAAN DATA" in pages[1]
    assert "NIP. ....." in cetakan_contoh.text


def test_json_lists_the_same_warnings(contoh, tmp_path):
    r = run_cli("laporan", "--semester", "1", "--tahun", "2022", contoh, "-o", tmp_path / "L.docx", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["ditulis"] is True and data["berkas"].endswith("L.docx")
    assert data["semester"] == {"nomor": 1, "tahun": 2022, "mulai": "2022-01-01", "akhir": "2022-06-30"}
    assert data["predikat"] == "WBK" and data["versi_lke"] == "2021"
    assert data["sumber"]["monev"].endswith("monev-contoh.xlsx")
    found = {(p["kode"], p["sheet"], p["sel"]) for p in data["peringatan"]}
    assert ("bulan_tanpa_rapat", "Monev Juni 2022", "C6") in found
    assert ("monev", "Monev Maret 2022", "B29") in found
    assert ("tanda_tangan", "Pengaturan Monev", "C8") in found
    assert all(set(p) == {"kode", "berkas", "sheet", "sel", "pesan"} for p in data["peringatan"])
