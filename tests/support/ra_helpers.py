"""Helpers for the rencana aksi tests: real-world-like layouts of the seed's BAB III written with openpyxl."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.support import ROOT, SHARED, run_cli  # noqa: F401  (run_cli re-exported for the rencana aksi tests)

SEED_TXT = SHARED / "seeds" / "000_51d3a08af0ad7292.txt"
WORKBOOKS = ROOT / "workbooks"
PER_CONTOH = date(2022, 5, 31)

#: fields compared between two readings of the same plan
FIELDS = ("area", "komponen", "indikator", "langkah_aksi", "bukti_fisik", "target_waktu", "mulai", "tenggat",
          "berulang", "status", "penanggung_jawab", "realisasi")


def actions(ra) -> list[tuple]:
    return [tuple(getattr(a, f) for f in FIELDS) for a in ra.aksi]


def seed_rows() -> list[tuple[str, dict]]:
    """(area heading as in the seed, row) for every seed row, with the example's realisasi and PIC."""
    from zi_xl.rencana_aksi.seed import seed_data

    data = seed_data()
    ex = data["contoh"]
    out = []
    for area in data["area"]:
        for r in area["baris"]:
            real = ex["realisasi"].get(str(r["baris_seed"]))
            real = date.fromisoformat(real) if real and real[0].isdigit() else real
            out.append((area["judul_seed"], r | {"realisasi": real, "pic": ex["penanggung_jawab"][area["area"]]}))
    return out


def write_layout(path, columns: list[tuple[str, str]], *, merged: bool = False, notes: bool = False,
                 sheet: str = "RA 2022") -> Path:
    """Write the seed's table with openpyxl in another layout.

    ``columns``: (header text, field) in sheet order; field is one of the seed's keys, 'realisasi' or 'pic'.
    ``merged``: KOMPONEN/INDIKATOR/TARGET WAKTU written once and merged over their continuation rows.
    ``notes``: title rows, a column-number row, blank and '----' rows, note rows, a repeated header and a
    signature block."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    r = 1
    if notes:
        ws.cell(1, 1, "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS")
        ws.cell(2, 1, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KAB. PADANG PARIAMAN TAHUN 2022")
        r = 4
    header_row = r
    for c, (head, _) in enumerate(columns, start=1):
        ws.cell(r, c, head)
    if notes:
        r += 1
        for c in range(1, len(columns) + 1):
            ws.cell(r, c, f"({c})")
    current_area = None
    merge_cols = {f: c for c, (_, f) in enumerate(columns, start=1) if f in ("komponen", "indikator",
                                                                           "target_waktu")}
    open_runs: dict[str, int] = {}
    last_row = {f: None for f in merge_cols}
    for n, (area, row) in enumerate(seed_rows()):
        if area != current_area:
            if merged:
                _close_runs(ws, open_runs, last_row, merge_cols)
            r += 1
            if notes:
                ws.cell(r, 1, "")
                r += 1
            ws.cell(r, 1, area)
            current_area = area
        r += 1
        if notes and n == 20:
            ws.cell(r, 1, "Catatan: baris berikut dilanjutkan dari halaman sebelumnya")
            r += 1
            for c, (head, _) in enumerate(columns, start=1):
                ws.cell(r, c, head)
            r += 1
            for c in range(1, len(columns) + 1):
                ws.cell(r, c, "-----")
            r += 1
        for c, (_, f) in enumerate(columns, start=1):
            v = row.get(f) if f not in ("realisasi", "pic") else row[f]
            if merged and f in merge_cols:
                if v:
                    _close_run(ws, f, open_runs, last_row, merge_cols)
                    open_runs[f] = r
                last_row[f] = r
            if v not in (None, ""):
                ws.cell(r, c, v)
                if isinstance(v, date):
                    ws.cell(r, c).number_format = "dd/mm/yyyy"
    if merged:
        _close_runs(ws, open_runs, last_row, merge_cols)
    if notes:
        ws.cell(r + 2, 1, "Mengetahui,")
        ws.cell(r + 3, 1, "Kepala Dinas Kependudukan dan Pencatatan Sipil")
    assert header_row
    wb.save(path)
    return Path(path)


def _close_run(ws, f, open_runs, last_row, merge_cols):
    start = open_runs.pop(f, None)
    if start is not None and last_row[f] is not None and last_row[f] > start:
        c = merge_cols[f]
        ws.merge_cells(start_row=start, start_column=c, end_row=last_row[f], end_column=c)


def _close_runs(ws, open_runs, last_row, merge_cols):
    for f in list(open_runs):
        _close_run(ws, f, open_runs, last_row, merge_cols)
    for f in last_row:
        last_row[f] = None


SEED_COLUMNS = [("NO", "no"), ("KOMPONEN", "komponen"), ("INDIKATOR", "indikator"), ("LANGKAH AKSI", "langkah_aksi"),
                ("BUKTI FISIK", "bukti_fisik"), ("TARGET WAKTU", "target_waktu"), ("PENANGGUNG JAWAB", "pic"),
                ("REALISASI", "realisasi")]
SYNONYM_COLUMNS = [("PIC", "pic"), ("Kegiatan", "langkah_aksi"), ("Jadwal", "target_waktu"),
                   ("Data Dukung", "bukti_fisik"), ("Indikator", "indikator"), ("No.", "no"),
                   ("Komponen", "komponen"), ("Tanggal Selesai", "realisasi")]
