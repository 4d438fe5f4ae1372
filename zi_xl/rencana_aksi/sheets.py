"""Rencana aksi status into the user's own workbook, as :mod:`zi_xl.xlsx.edits` for the book that was read.

``zi-xl status RA.xlsx --tulis`` adds two tool-owned columns to the right of each rencana aksi table —
"ZI-XL TENGGAT" (the deadline computed from TARGET WAKTU, or "Berulang") and "ZI-XL STATUS (per dd/mm/yyyy)"
coloured red/amber/green — and (re)places the "Ringkasan Rencana Aksi" sheet: counts per status per area and
overall, % selesai, the overdue actions with their PIC, and a native chart of % selesai per area. The user's own
cells (including a STATUS column they maintain by hand) are never overwritten; a rerun reuses the same columns.
The header texts are chosen so that the reader does not take them for one of its own columns.

A *live* layout — our template: a STATUS column computed by Excel formulas from MULAI/TENGGAT — needs none of
that: only its empty MULAI/TENGGAT cells are filled from TARGET WAKTU, and a summary sheet that is itself made of
formulas is left alone, so the workbook keeps recalculating by itself.
"""

from __future__ import annotations

import os
from datetime import date

from ..area import AREA, LEGENDA_SINGKAT, kenali_area
from ..teks import tanggal, tanggal_pendek
from ..xlsx.edits import Cell, Cetak, ChartSeries, ChartSpec, Edit, ReplaceSheet, SetCell, SetStyle, SetWidth, Style
from ..xlsx.grid import Grid, address
from ..xlsx.sheetxml import col_letters
from .model import RencanaAksi
from .reader import cari_judul
from .ringkasan import HARI_KE_DEPAN
from .status import JATUH_TEMPO, KUNCI, SELESAI, STATUS, TERLAMBAT

SHEET_RINGKASAN = "Ringkasan Rencana Aksi"
JUDUL_REALISASI = "REALISASI (TANGGAL SELESAI)"   # read back as the plan's REALISASI column
JUDUL_TENGGAT = "ZI-XL TENGGAT"
JUDUL_STATUS = "ZI-XL STATUS"
LEBAR_TENGGAT, LEBAR_STATUS = 13, 22          # characters: a date; "Jatuh tempo bulan ini" in bold
WARNA = {TERLAMBAT: "FFC7CE", JATUH_TEMPO: "FFEB9C", SELESAI: "C6EFCE"}
_H = Style(bold=True, fill="DDEBF7", border=True, wrap=True)
_X = Style(border=True, wrap=True)
_D = Style(border=True, num_format="dd/mm/yyyy")
_P = Style(border=True, num_format="0.0%")


def _tool_columns(grid: Grid, header_row: int, rows: list[int]) -> tuple[int, int]:
    """(tenggat column, status column): the ones written by an earlier run, else the first two columns right of
    everything used in the header row and in the action rows."""
    found = {}
    for c, text in grid.row_texts(header_row):
        for key in (JUDUL_TENGGAT, JUDUL_STATUS):
            if text.upper().startswith(key):
                found[key] = c
    if len(found) == 2:
        return found[JUDUL_TENGGAT], found[JUDUL_STATUS]
    last = max([c for c, _ in grid.row_texts(header_row)] +
               [c for r in rows for c, _ in grid.row_texts(r)] + [0])
    return last + 1, last + 2


def _live(grid: Grid, cols: dict[str, int], rows: list[int]) -> bool:
    """A STATUS column computed by formulas on every action row, with a TENGGAT column to feed them."""
    c = cols.get("status_manual")
    return bool(c and "tenggat" in cols and rows and all(grid.formula(r, c) for r in rows))


def _fill_live(sheet: str, grid: Grid, cols: dict[str, int], mine) -> list[Edit]:
    out: list[Edit] = []
    for a in mine:
        wanted = {"tenggat": "Berulang" if a.berulang else a.tenggat, "mulai": None if a.berulang else a.mulai}
        for field, value in wanted.items():
            c = cols.get(field)
            if c and value is not None and grid.value(a.baris, c) is None and not grid.formula(a.baris, c):
                out.append(SetCell(sheet, address(a.baris, c), value))  # the cell keeps its own date format
    return out


def edits_status(ra: RencanaAksi, grids: dict[str, Grid]) -> list[Edit]:
    edits: list[Edit] = []
    all_live = True
    for sheet in dict.fromkeys(a.sheet for a in ra.aksi):
        grid = grids[sheet]
        hr, cols = cari_judul(grid)
        mine = [a for a in ra.aksi if a.sheet == sheet]
        if _live(grid, cols, [a.baris for a in mine]):
            edits += _fill_live(sheet, grid, cols, mine)
            continue
        all_live = False
        ct, cs = _tool_columns(grid, hr, [a.baris for a in mine])
        if sheet in ra.tanpa_realisasi:
            # a place to record completion: REALISASI right of everything, the tool's columns after it
            cr, ct, cs = ct, ct + 1, cs + 1
            edits.append(SetCell(sheet, address(hr, cr), JUDUL_REALISASI, style=_H))
            edits += [SetStyle(sheet, address(a.baris, cr), _D) for a in mine]
        edits.append(SetCell(sheet, address(hr, ct), JUDUL_TENGGAT, style=_H))
        edits.append(SetCell(sheet, address(hr, cs), f"{JUDUL_STATUS} (per {tanggal_pendek(ra.per)})", style=_H))
        # wide enough for a date and for "Jatuh tempo bulan ini" / "Berkelanjutan" (never ### or cut mid-word)
        edits += [SetWidth(sheet, col_letters(ct), LEBAR_TENGGAT),
                  SetWidth(sheet, col_letters(cs), LEBAR_STATUS)]
        if sheet in ra.tanpa_realisasi:
            edits.append(SetWidth(sheet, col_letters(cr), LEBAR_TENGGAT))
        for a in mine:
            tenggat = "Berulang" if a.berulang else a.tenggat
            edits.append(SetCell(sheet, address(a.baris, ct), tenggat, style=_D if a.tenggat else _X))
            edits.append(SetCell(sheet, address(a.baris, cs), a.status,
                                 style=Style(fill=WARNA.get(a.status, "FFFFFF"), border=True, wrap=True)))
    summary = grids.get(SHEET_RINGKASAN)
    if not (all_live and summary is not None and summary.formulas):
        edits.append(sheet_ringkasan(ra))  # a live summary (formulas) of a live table stays as it is
    return edits


def sheet_ringkasan(ra: RencanaAksi) -> ReplaceSheet:
    """Counts per status per area and overall with % selesai, a chart of % selesai under them, then the overdue
    actions (days late) and those due within 30 days (days left), each with its PIC. Prints landscape on A4."""
    r = ra.ringkasan()
    head = ["Area perubahan", "Jumlah"] + list(STATUS) + ["% selesai"]
    rows: list[list] = [
        [Cell("RINGKASAN RENCANA AKSI", style=Style(bold=True, font_size=14))],
        [f"Tanggal acuan: {tanggal(ra.per)}" + (f" — berkas: {os.path.basename(ra.berkas)}" if ra.berkas else "")],
        [],
        [Cell(h, style=_H) for h in head],
    ]
    first = len(rows) + 1
    for row in r["area"] + [{"area": "KESELURUHAN", **r["keseluruhan"]}]:
        bold = row["area"] == "KESELURUHAN"
        rows.append([Cell(row["area"], style=Style(bold=bold, border=True, wrap=True)),
                     Cell(row["jumlah"], style=_X)]
                    + [Cell(row[KUNCI[s]], style=Style(border=True, fill=WARNA.get(s))) for s in STATUS]
                    + [Cell(row["persen_selesai"] / 100, style=_P)])
    last_area = first + len(r["area"]) - 1
    merges: list[str] = []
    chart = None
    if r["area"]:
        rows.append([])
        nc = col_letters(len(head))
        chart = ChartSpec(kind="bar", title="% langkah aksi selesai per area perubahan", anchor=f"A{len(rows) + 1}",
                          y_max=1.0, y_num_format="0%", width=760, height=260,
                          series=[ChartSeries("% selesai", f"A{first}:A{last_area}", f"{nc}{first}:{nc}{last_area}",
                                              color="70AD47", labels=True)])
        rows += [[] for _ in range(14)]             # the rows the chart covers
    daftar = (("terlambat", f"Langkah aksi terlambat ({len(r['terlambat'])})", "Terlambat (hari)",
               "terlambat_hari"),
              ("jatuh_tempo_30_hari", f"Jatuh tempo dalam {HARI_KE_DEPAN} hari ({len(r['jatuh_tempo_30_hari'])})",
               "Sisa (hari)", "sisa_hari"))
    banyak_sheet = len({a.sheet for a in ra.aksi}) > 1
    for key, judul, hari, kunci_hari in daftar:
        rows += [[], [Cell(judul, style=Style(bold=True))],
                 [Cell(h, style=_H) for h in ("Langkah aksi", "Baris", "Area", "Target waktu", "Tenggat", hari,
                                              "Penanggung jawab")]]
        merges.append(f"G{len(rows)}:J{len(rows)}")
        for t in r[key]:
            kunci = kenali_area(t["area"] or "")
            rows.append([Cell(t["langkah_aksi"], style=_X),
                         Cell(f"{t['sheet']}!{t['baris']}" if banyak_sheet else t["baris"], style=_X),
                         Cell(AREA[kunci].singkat if kunci else "", style=_X), Cell(t["target_waktu"], style=_X),
                         Cell(date.fromisoformat(t["tenggat"]) if t["tenggat"] else None, style=_D),
                         Cell(t[kunci_hari], style=_X), Cell(t["penanggung_jawab"] or "", style=_X)])
            merges.append(f"G{len(rows)}:J{len(rows)}")      # the PIC over four columns: one or two lines
        if not r[key]:
            rows.append([Cell("tidak ada", style=_X)])
    rows += [[], [Cell(f"Area: {LEGENDA_SINGKAT}", style=Style(italic=True, wrap=True))]]
    merges.append(f"A{len(rows)}:J{len(rows)}")
    widths = {"A": 44, "B": 9} | {col_letters(3 + i): 13 for i in range(len(STATUS))} | {"J": 11}
    return ReplaceSheet(SHEET_RINGKASAN, rows=rows, widths=widths, chart=chart, merges=merges, freeze="A5",
                        cetak=Cetak(landscape=True, repeat_rows=(4, 4)))
