"""Helpers of the report tests: the seed's own table rows, hand-built monev workbooks, and reading a printed
report back — by column (a table cell's words are contiguous only within their column) and from the .docx."""

from __future__ import annotations

import html
import re
import subprocess
from datetime import date
from pathlib import Path

from tests.support import SHARED

SEED = next((SHARED / "seeds").glob("*.txt"))
KIRI_CM = 3.0                      # left margin: tables start here (16 cm wide, centred in the text width)


def rapat(s: str) -> str:
    """Text without any whitespace (a PDF breaks long words and URLs inside narrow cells)."""
    return re.sub(r"\s+", "", html.unescape(re.sub(r"</?i>", "", s)))


def _seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


def seed_tabel(mulai: str, sampai: str, kolom: int, after: int = 0) -> list[list[str]]:
    """The tab-separated table rows of the seed between the line equal to ``mulai`` (the first one after line
    ``after``) and the line equal to ``sampai``, with ``kolom`` cells (a numbered first cell, or an empty one for
    a continuation row); separator rows ("----") left out."""
    lines = _seed_lines()
    start = next(i for i, x in enumerate(lines) if i >= after and x.strip() == mulai)
    end = next(i for i, x in enumerate(lines) if i > start and x.strip() == sampai)
    out = []
    for x in lines[start:end]:
        cells = [c.strip() for c in x.split("\t")]
        if len(cells) != kolom or set("".join(cells)) <= set("-| "):
            continue
        if cells[0] and not re.fullmatch(r"\d+\.?", cells[0]):
            continue
        out.append(cells)
    return out


def seed_bab_iv() -> list[list[str]]:
    """BAB IV: NO | URAIAN | MASUKAN PERBAIKAN."""
    return seed_tabel("BAB IV PELAKSANAAN MONITORING DAN EVALUASI", "BAB V", 3)


def seed_bab_v() -> list[list[str]]:
    """BAB V: NO | MASUKAN PERBAIKAN | TINDAKLANJUT."""
    return seed_tabel("BAB V", "BAB V PENUTUP", 3)


def seed_bab_iii() -> list[list[str]]:
    """BAB III rencana aksi: NO | KOMPONEN | INDIKATOR | LANGKAH AKSI | BUKTI FISIK | TARGET WAKTU."""
    lines = _seed_lines()
    second = [i for i, x in enumerate(lines) if x.strip() == "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS"][1]
    return seed_tabel("RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS", "BAB IV PELAKSANAAN MONITORING DAN EVALUASI", 6,
                      after=second)


# --------------------------------------------------------------------------------------------- the printed report
def kata_per_halaman(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Every page's words: (x, y, word) in points, from poppler."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.findall(r"<page[^>]*>(.*?)</page>", out, re.S):
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</word>', page)
        pages.append([(float(x), float(y), html.unescape(w)) for x, y, w in words])
    return pages


def kolom(pdf: Path, lebar: list[float], kiri_cm: float = KIRI_CM) -> list[str]:
    """The text of each table column on every page (columns of widths ``lebar`` cm from the left margin), top to
    bottom, whitespace removed: a cell's text is one piece of its column's text."""
    pt = 72 / 2.54
    edges = [kiri_cm]
    for w in lebar:
        edges.append(edges[-1] + w)
    out = []
    for words in kata_per_halaman(pdf):
        for a, b in zip(edges, edges[1:], strict=False):
            col = sorted((y, x, w) for x, y, w in words if a * pt - 1 <= x < b * pt - 1)
            out.append("".join(w for _, _, w in col))
    return out


def docx_teks(path: Path) -> str:
    """Every paragraph and table cell of a .docx, one per line."""
    import docx

    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def tabel(path: Path, kepala: str) -> list[list[str]]:
    """The rows (header included) of the first table of a .docx whose first header cell is ``kepala``."""
    import docx

    d = docx.Document(str(path))
    for t in d.tables:
        if t.rows[0].cells[0].text.strip() == kepala:
            return [[c.text for c in row.cells] for row in t.rows]
    raise AssertionError(f"no table headed {kepala!r}")


def semua_tabel(path: Path, kepala: str) -> list[list[list[str]]]:
    import docx

    d = docx.Document(str(path))
    return [[[c.text for c in row.cells] for row in t.rows] for t in d.tables
            if t.rows[0].cells[0].text.strip() == kepala]


# --------------------------------------------------------------------------------------------- hand-built monev
def bulan_sheet(wb, title: str, bulan: str, periode: str, tgl: date | None, baru: list[tuple[str, str, str]],
                tl: list[tuple[str, str, str, str]] = (), pimpinan: str = "Budi Santoso",
                nip: str = "198001012005011001") -> None:
    """A month sheet as a unit keeps it by hand: labels, a table NO | URAIAN | MASUKAN PERBAIKAN (row 11 on) and a
    follow-up table ID | MASUKAN PERBAIKAN | TINDAK LANJUT | STATUS under it."""
    ws = wb.create_sheet(title)
    ws["A1"] = "MONITORING DAN EVALUASI PEMBANGUNAN ZONA INTEGRITAS"
    for r, (label, value) in enumerate([("Bulan monev", bulan), ("Periode dipantau", periode),
                                        ("Tanggal rapat", tgl), ("Pimpinan rapat", pimpinan), ("NIP pimpinan", nip),
                                        ("Jabatan pimpinan", "Kepala Dinas")], start=3):
        ws.cell(r, 1, label)
        if value is not None:
            ws.cell(r, 3, value)
    ws.append([])
    ws.cell(10, 1, "NO"), ws.cell(10, 2, "URAIAN"), ws.cell(10, 3, "MASUKAN PERBAIKAN")
    for i, (no, uraian, masukan) in enumerate(baru):
        ws.cell(11 + i, 1, no), ws.cell(11 + i, 2, uraian), ws.cell(11 + i, 3, masukan)
    r = 12 + len(baru) + 1
    ws.cell(r, 1, "ID"), ws.cell(r, 2, "MASUKAN PERBAIKAN"), ws.cell(r, 3, "TINDAK LANJUT"), ws.cell(r, 4, "STATUS")
    for i, row in enumerate(tl, 1):
        for c, v in enumerate(row, 1):
            ws.cell(r + i, c, v or None)


def pengaturan(wb, unit: str, tahun: int, **isi) -> None:
    ws = wb.create_sheet("Pengaturan Monev")
    ws["A1"] = "PENGATURAN MONEV"
    rows = [("Unit kerja", unit), ("Tahun", tahun), ("Nama pimpinan", isi.get("nama")),
            ("NIP pimpinan", isi.get("nip")), ("Jabatan pimpinan", isi.get("jabatan"))]
    if "tempat" in isi:
        rows.append(("Tempat", isi["tempat"]))
    for r, (label, value) in enumerate(rows, start=3):
        ws.cell(r, 1, label)
        if value is not None:
            ws.cell(r, 3, value)
