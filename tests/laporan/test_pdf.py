"""``--pdf``: the same document converted by LibreOffice with the table of contents brought up to date (and the
.docx given the same page numbers); a clear message when LibreOffice is missing; the optional logo."""

from __future__ import annotations

import re
import subprocess

import docx
from PIL import Image

from tests.support import run_cli
from zi_xl.laporan import pdf as pdf_mod

ARGS = ("--semester", "1", "--tahun", "2022")


def test_pdf_with_an_up_to_date_table_of_contents(contoh, tmp_path):
    out = tmp_path / "LAPORAN.docx"
    r = run_cli("laporan", *ARGS, contoh, "-o", out, "--pdf", "--tempat", "Parit Malintang")
    assert r.returncode == 0, r.stderr
    pdf = tmp_path / "LAPORAN.pdf"
    assert pdf.exists() and f"PDF ditulis    : {pdf}" in r.stdout
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    toc = next(p for p in text.split("\f") if "DAFTAR ISI" in p)
    assert re.search(r"KATA PENGANTAR\.{5,}\s*ii\b", toc)
    assert re.search(r"BAB I PENDAHULUAN\.{5,}\s*1\n", toc)
    pages = [int(n) for n in re.findall(r"BAB [IVX]+ [A-Z ]+\.{3,}\s*(\d+)", toc)]
    assert len(pages) == 7 and pages == sorted(pages)
    # the .docx shows the same numbers before Word updates the field
    d = docx.Document(str(out))
    entries = [p.text for p in d.paragraphs if p.style.name.startswith("TOC")]
    assert entries[1] == "BAB I PENDAHULUAN\t1"
    assert [int(e.rsplit("\t", 1)[1]) for e in entries if e.startswith("BAB")] == pages
    assert run_cli("laporan", *ARGS, contoh, "-o", tmp_path / "lain.docx", "--pdf").returncode == 0
    r = run_cli("laporan", *ARGS, contoh, "-o", out, "--pdf", "--timpa")
    assert r.returncode == 0
    r = run_cli("laporan", *ARGS, contoh, "-o", tmp_path / "LAPORAN.docx", "--pdf")
    assert r.returncode == 2 and "sudah ada" in r.stderr


def test_without_libreoffice_the_docx_is_written_and_the_pdf_refused_clearly(contoh, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_mod, "soffice_path", lambda: None)
    out = tmp_path / "L.docx"
    r = run_cli("laporan", *ARGS, contoh, "-o", out, "--pdf")
    assert r.returncode == 3
    assert out.exists() and not (tmp_path / "L.pdf").exists()
    assert "GALAT: LibreOffice tidak ditemukan, PDF tidak dibuat (laporan .docx sudah ditulis)" in r.stderr
    assert "Laporan ditulis" in r.stdout


def test_the_logo_goes_on_the_cover(contoh, tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 120), (30, 90, 160)).save(logo)
    out = tmp_path / "L.docx"
    r = run_cli("laporan", *ARGS, contoh, "-o", out, "--logo", logo)
    assert r.returncode == 0, r.stderr
    d = docx.Document(str(out))
    assert len(d.inline_shapes) == 3                                 # the logo and the two charts
    body = d.element.body
    first_break = next(i for i, el in enumerate(body) if el.find(".//" + docx.oxml.ns.qn("w:sectPr")) is not None)
    assert any(el.findall(".//" + docx.oxml.ns.qn("w:drawing")) for el in list(body)[:first_break + 1])
    bad = tmp_path / "bukan-gambar.png"
    bad.write_text("bukan gambar", encoding="utf-8")
    r = run_cli("laporan", *ARGS, contoh, "-o", tmp_path / "X.docx", "--logo", bad)
    assert r.returncode == 2 and "logo tidak dapat dibaca sebagai gambar (PNG/JPG" in r.stderr
    assert str(bad) in r.stderr and not (tmp_path / "X.docx").exists()
