"""The report's wording comes from a text template the user copies (``--buat-templat``), edits and passes back
(``--templat``): placeholders filled from the workbooks, lists renumbered, mistakes named with file and line."""

from __future__ import annotations

import pytest

from tests.laporan.bantu import docx_teks
from tests.support import run_cli
from zi_xl.errors import ZiError
from zi_xl.laporan.templat import BAGIAN, ISIAN, ISIAN_DAFTAR, Teks, baca, isi, teks_bawaan


def _tulis(tmp_path, text: str):
    p = tmp_path / "teks.txt"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("text,line,words", [
    ("[latar_belakang]\nTeks {unit}.\n[pengantar_baru]\nx\n", 3, "bagian [pengantar_baru] tidak dikenal"),
    ("# catatan\n\n[maksud]\nUnit {nama_unit} ...\n", 4, "isian {nama_unit} tidak dikenal"),
    ("Teks tanpa bagian\n[maksud]\nx\n", 1, "teks sebelum bagian pertama"),
    ("[dasar_hukum]\nSemua {regulasi}\n", 2, "isian daftar"),
    ("[maksud]\nx\n[maksud]\ny\n", 3, "ditulis dua kali"),
])
def test_mistakes_are_named_with_file_and_line(tmp_path, text, line, words):
    p = _tulis(tmp_path, text)
    with pytest.raises(ZiError) as e:
        baca(p)
    assert e.value.berkas == str(p)
    assert e.value.pesan.startswith(f"baris {line}: ") and words in e.value.pesan


def test_lists_repeat_for_each_value_and_are_renumbered(tmp_path):
    tpl = baca(_tulis(tmp_path, "[dasar_hukum]\n1. Undang-Undang A;\n2. {regulasi};\n9. Peraturan {{B}} tahun "
                                "{tahun}.\n\n- satu\n  lanjut\n- dua\n"))
    out = isi(tpl, "dasar_hukum", {"tahun": "2022"}, {"regulasi": ["Peraturan X", "Peraturan Y"]})
    assert out == [Teks("angka", ["Undang-Undang A;", "Peraturan X;", "Peraturan Y;", "Peraturan {B} tahun 2022."]),
                   Teks("butir", ["satu lanjut", "dua"])]


def test_a_users_template_replaces_only_its_sections():
    base = baca()
    assert list(base.bagian) == list(BAGIAN)        # the shipped template has every section, in order
    header = teks_bawaan().split("\n[judul]\n")[0]
    for name in ISIAN + ISIAN_DAFTAR:                 # and documents every placeholder
        assert "{" + name + "}" in header, name


def test_buat_templat_then_the_edited_template_is_honoured(contoh, tmp_path):
    teks = tmp_path / "teks-laporan.txt"
    r = run_cli("laporan", "--buat-templat", "-o", teks)
    assert r.returncode == 0 and teks.read_text(encoding="utf-8") == teks_bawaan()
    assert run_cli("laporan", "--buat-templat", "-o", teks).returncode == 2      # never replaced silently
    edited = teks.read_text(encoding="utf-8").replace(
        "Reformasi birokrasi merupakan upaya pemerintah",
        "Kalimat kami sendiri untuk {unit} pada tahun {tahun}. Reformasi birokrasi merupakan upaya pemerintah")
    teks.write_text(edited, encoding="utf-8")
    out = tmp_path / "L.docx"
    r = run_cli("laporan", "--semester", "1", "--tahun", "2022", contoh, "-o", out, "--templat", teks)
    assert r.returncode == 0, r.stderr
    text = docx_teks(out)
    assert ("Kalimat kami sendiri untuk Dinas Kependudukan dan Pencatatan Sipil Kabupaten Padang Pariaman pada "
            "tahun 2022.") in text
    assert "Puji syukur kami panjatkan" in text          # the other sections as shipped
    bad = _tulis(tmp_path, "[penutup]\nTerima kasih {nama_kepala}.\n")
    r = run_cli("laporan", "--semester", "1", "--tahun", "2022", contoh, "-o", tmp_path / "X.docx", "--templat", bad)
    assert r.returncode == 2 and "baris 2: isian {nama_kepala} tidak dikenal" in r.stderr
    assert not (tmp_path / "X.docx").exists()


def test_templat_laporan_command_writes_the_shipped_text(tmp_path):
    out = tmp_path / "teks-laporan.txt"
    r = run_cli("templat", "laporan", "-o", out)
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8") == teks_bawaan() and "[latar_belakang]" in teks_bawaan()
    assert run_cli("templat", "laporan", "-o", tmp_path / "x.xlsx").returncode == 2      # a text file, .txt
    r = run_cli("templat", "laporan", "-o", tmp_path / "y.txt", "--tahun", "2022")
    assert r.returncode == 2 and "tidak dipakai templat laporan" in r.stderr
