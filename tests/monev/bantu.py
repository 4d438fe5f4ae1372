"""Helpers of the monev tests: the seed's BAB IV–V tables read straight from the seed text, and a user filling a
month's sheet in Excel (simulated with openpyxl on the test's own copy; the tool itself never writes that way)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tests.support import ROOT, SHARED, WORKBOOKS, run_cli  # noqa: F401  (re-exported for the monev tests)

SEED_TXT = SHARED / "seeds" / "000_51d3a08af0ad7292.txt"
CONTOH = WORKBOOKS / "monev-contoh.xlsx"
RA_CONTOH = WORKBOOKS / "rencana-aksi-contoh.xlsx"
BAB_IV_HEAD = ["NO", "URAIAN", "MASUKAN PERBAIKAN"]
BAB_V_HEAD = ["NO", "MASUKAN PERBAIKAN", "TINDAKLANJUT"]


@dataclass
class TabelSeed:
    judul: str            # the heading line above the table
    baris_judul: int      # its line number (1-based)
    baris: list[list[str]]


def tabel_seed() -> tuple[list[TabelSeed], list[TabelSeed]]:
    """(BAB IV tables, BAB V tables) of the seed text: every tab-separated table under a header line, with the
    nearest numbered heading line above it ("2. Resume kegiatan monitoring dan evaluasi bulan Maret")."""
    lines = SEED_TXT.read_text(encoding="utf-8").split("\n")
    iv, v = [], []
    for i, line in enumerate(lines):
        head = line.split("\t")
        if head not in (BAB_IV_HEAD, BAB_V_HEAD):
            continue
        j = i - 1
        while not (re.match(r"\d+\.\s", lines[j]) and ("Resume" in lines[j] or "Pemantauan" in lines[j])):
            j -= 1
        rows = []
        k = i + 1
        while k < len(lines) and lines[k].strip():
            rows.append(lines[k].split("\t"))
            k += 1
        (iv if head == BAB_IV_HEAD else v).append(TabelSeed(lines[j].strip(), j + 1, rows))
    return iv, v


def tabel_sheet(ws, judul_c: str) -> tuple[int, list[list]]:
    """(header row, rows A–K) of the table of a month's sheet whose column C header is ``judul_c`` ("AREA PERUBAHAN"
    for new masukan, "BULAN ASAL" for follow-up): the rows until the next empty-NO row or section."""
    hr = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "NO" and ws.cell(r, 3).value == judul_c)
    rows = []
    r = hr + 1
    while isinstance(ws.cell(r, 1).value, int | float):
        rows.append([ws.cell(r, c).value for c in range(1, 12)])
        r += 1
    return hr, rows


def isi_bulan(path: str | os.PathLike, sheet: str, *, rapat: dict | None = None, baru: list[dict] = (),
              tl: dict[str, tuple] | None = None, hapus: tuple[str, ...] = (), tambah: list[tuple] = ()) -> None:
    """Fill a month's sheet as a user would: ``rapat`` {"tanggal", "pimpinan", "nip", "jabatan"}; ``baru``: new
    masukan {"uraian", "masukan", "area", "pic", "target"} in the empty rows; ``tl``: ID → (tindak lanjut,
    status[, bukti, tanggal]); ``hapus``: IDs whose follow-up row is emptied (the row "disappears");
    ``tambah``: (ID, masukan, tindak lanjut, status) rows written into empty follow-up rows (reopening)."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    labels = {ws.cell(r, 1).value: r for r in range(1, 15)}
    for key, label in (("tanggal", "Tanggal rapat"), ("pimpinan", "Pimpinan rapat"),
                       ("nip", "NIP pimpinan"), ("jabatan", "Jabatan pimpinan")):
        if rapat and key in rapat:
            ws.cell(labels[label], 3, rapat[key])
    hr_new, _ = tabel_sheet(ws, "AREA PERUBAHAN")
    for i, m in enumerate(baru):
        r = hr_new + 1 + i
        assert ws.cell(r, 4).value is None and ws.cell(r, 5).value is None, (sheet, r)
        for col, key in ((3, "area"), (4, "uraian"), (5, "masukan"), (6, "target"), (8, "pic")):
            if m.get(key):
                ws.cell(r, col, m[key])
    hr_tl, rows = tabel_sheet(ws, "BULAN ASAL")
    by_id = {row[1]: hr_tl + 1 + i for i, row in enumerate(rows) if row[1]}
    for ident, vals in (tl or {}).items():
        r = by_id[ident]
        teks, status, *rest = vals
        ws.cell(r, 7, teks)
        ws.cell(r, 8, status)
        if rest:
            ws.cell(r, 9, rest[0])
        if len(rest) > 1:
            ws.cell(r, 10, rest[1])
    for ident in hapus:
        r = by_id[ident]
        for c in range(2, 12):
            ws.cell(r, c).value = None
    free = [hr_tl + 1 + i for i, row in enumerate(rows) if not row[1] and not row[3]]
    for (ident, masukan, teks, status), r in zip(tambah, free, strict=False):
        for c, v in ((2, ident), (4, masukan), (7, teks), (8, status)):
            ws.cell(r, c, v)
    wb.save(path)


def ids_tl(path: str | os.PathLike, sheet: str) -> list[str]:
    """The IDs of a month's follow-up table, in order."""
    import openpyxl

    ws = openpyxl.load_workbook(path)[sheet]
    _, rows = tabel_sheet(ws, "BULAN ASAL")
    return [row[1] for row in rows if row[1]]


def d(s: str) -> date:
    return date.fromisoformat(s)


def salin(src: Path, dst: Path) -> Path:
    dst.write_bytes(Path(src).read_bytes())
    return dst
