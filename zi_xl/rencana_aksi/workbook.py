"""Build NEW rencana aksi workbooks with XlsxWriter: the template, the seed example and ``status -o`` output.

Sheets: 'Rencana Aksi' (the table, live STATUS formulas, conditional formatting, drop-downs, frozen header,
print setup), 'Ringkasan Rencana Aksi' (live counts per area, % selesai, overdue list, native bar chart),
'Petunjuk' (how to fill it) and a hidden 'Daftar Pilihan' (drop-down lists).

Formula cells carry Python's results as cached values (computed at the reference date), so viewers that do not
recalculate still show the right statuses; Excel and LibreOffice recalculate them on open."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..area import DAFTAR
from ..teks import nama_bulan
from ..xlsx.cetak import TINGGI_BARIS, baris_teks
from ..xlsx.safe_write import simpan_baru
from ..xlsx.vba import NAMA_TEMPAT
from . import formulas as fx
from .ringkasan import HARI_KE_DEPAN, TANPA_AREA, akan_jatuh_tempo, ringkas
from .status import JATUH_TEMPO, KUNCI, SELESAI, STATUS, TERLAMBAT, TIDAK_TERBACA, baca_realisasi

if TYPE_CHECKING:  # the model builds workbooks through this module (RencanaAksi.to_excel)
    from .model import Aksi, RencanaAksi

SHEET = "Rencana Aksi"
SHEET_RINGKASAN = "Ringkasan Rencana Aksi"
SHEET_PETUNJUK = "Petunjuk"
SHEET_DAFTAR = "Daftar Pilihan"

#: (header, width) of the table's columns A..O; M, N and O are hidden helpers.
KOLOM = [("NO", 5), ("KOMPONEN", 20), ("INDIKATOR", 32), ("LANGKAH AKSI", 40), ("BUKTI FISIK", 32),
         ("TARGET WAKTU", 16), ("PENANGGUNG JAWAB", 18), ("REALISASI (TANGGAL SELESAI)", 14), ("STATUS", 17),
         ("MULAI", 11), ("TENGGAT", 11), ("KETERANGAN", 24), ("URUT TERLAMBAT (bantu)", 6),
         ("AREA PERUBAHAN (bantu)", 20), ("JATUH TEMPO 30 HARI (bantu)", 6)]
BARIS_JUDUL = 5  # header row (1-based)
UKURAN = 10      # font size of the table
MAKS_DAFTAR = 25  # lines of each list of the summary (overdue, due within 30 days); a note counts the rest
BARIS_GRAFIK = 14  # rows under the summary table taken by its chart
BARIS_ACUAN = 3  # 'Tanggal acuan' row; the date is in column C
BARIS_KOSONG_TEMPLAT = 15  # empty rows per area in the template


@dataclass
class _Block:
    area: str | None
    rows: list[Aksi | None]  # None: an empty row to fill in


def _blocks_of(rencana: RencanaAksi) -> list[_Block]:
    """Consecutive runs of actions of the same area (keeps the reading order)."""
    blocks: list[_Block] = []
    for a in rencana.aksi:
        if not blocks or blocks[-1].area != a.area:
            blocks.append(_Block(a.area, []))
        blocks[-1].rows.append(a)
    return blocks


def _section_label(area: str | None) -> str:
    for a in DAFTAR:
        if area == a.nama:
            return f"{a.romawi}. {a.nama.upper()}"
    return (area or TANPA_AREA).upper()


def tulis_rencana_aksi(path: str | os.PathLike, rencana: RencanaAksi | None = None, *,
                       tanggal_acuan: date | None = None, tahun: int | None = None,
                       komponen_lke: dict[str, list[str]] | None = None, cache: bool = True,
                       dibuat: datetime | None = None) -> str:
    """Write a new workbook. ``rencana=None`` writes the empty template (six areas, empty rows; ``tahun`` required).

    ``tanggal_acuan``: a fixed reference date, or None for ``=TODAY()`` (the statuses of ``rencana`` are then cached
    at ``rencana.per``; ``=TODAY()`` itself never carries a cached value, so no output depends on the day it was
    made). ``tahun``: year of the TARGET WAKTU suggestions (default: the plan's year). ``cache=False`` leaves formula
    results empty (tests use it to prove that a spreadsheet really recalculated). ``dibuat``: the creation time in
    the file's properties (default: now)."""
    import xlsxwriter

    path = os.fspath(path)
    per = tanggal_acuan
    if rencana is not None:
        per = per or rencana.per
        rencana = rencana.pada(per)
        blocks = _blocks_of(rencana)
        judul, unit = rencana.judul, rencana.unit
        tahun = tahun or rencana.tahun or per.year
    else:
        blocks = [_Block(a.nama, [None] * BARIS_KOSONG_TEMPLAT) for a in DAFTAR]
        judul, unit = "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS", ""
        if tahun is None:
            raise ValueError("tahun is required for the empty template")
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"strings_to_numbers": False, "strings_to_formulas": False, "in_memory": True})
    props = {"title": judul, "subject": "Rencana aksi Zona Integritas", "author": "zi-xl"}
    wb.set_properties(props | ({"created": dibuat} if dibuat else {}))
    f = _formats(wb)
    ws = wb.add_worksheet(SHEET)
    summary = wb.add_worksheet(SHEET_RINGKASAN)
    petunjuk = wb.add_worksheet(SHEET_PETUNJUK)
    daftar = wb.add_worksheet(SHEET_DAFTAR)
    daftar.hide()

    lists = _write_lists(daftar, tahun, komponen_lke or {})
    late = [a for b in blocks for a in b.rows if a is not None and a.status == TERLAMBAT]
    urut = {id(a): k for k, a in enumerate(late, start=1)}
    semua = [a for b in blocks for a in b.rows if a is not None]
    coming = sorted((i for i, a in enumerate(semua) if tanggal_acuan and akan_jatuh_tempo(a, tanggal_acuan)),
                    key=lambda i: (semua[i].tenggat, i))                # by deadline, then row (as the formula)
    datang = {id(semua[i]): k for k, i in enumerate(coming, start=1)}
    placed = _write_table(ws, f, blocks, judul, unit, tanggal_acuan, lists, cache, urut, datang)
    wb.define_name(fx.NAMA_ACUAN, f"='{SHEET}'!$C${BARIS_ACUAN}")
    wb.define_name(NAMA_TEMPAT, f"='{SHEET}'!$A${BARIS_ACUAN + 1}")  # the buttons: the empty row under the date
    _write_summary(wb, summary, f, placed, rencana, tanggal_acuan, cache)
    _write_petunjuk(petunjuk, f)
    ws.activate()
    wb.close()
    return simpan_baru(path, buf.getvalue(), "workbook rencana aksi")


def _formats(wb) -> dict:
    base = {"valign": "top", "text_wrap": True, "border": 1, "font_size": UKURAN}
    return {
        "title": wb.add_format({"bold": True, "font_size": 13}),
        "sub": wb.add_format({"italic": True, "font_size": 10}),
        "label": wb.add_format({"bold": True, "font_size": 10}),
        "acuan": wb.add_format({"num_format": "dd/mm/yyyy", "bold": True, "bg_color": "#FFF2CC", "border": 1}),
        "note": wb.add_format({"italic": True, "font_size": 9, "font_color": "#595959"}),
        "head": wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True,
                               "border": 1, "bg_color": "#1F4E78", "font_color": "#FFFFFF", "font_size": 10}),
        "section": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "font_size": 10}),
        "cell": wb.add_format(base),
        "center": wb.add_format(base | {"align": "center"}),
        "date": wb.add_format(base | {"num_format": "dd/mm/yyyy", "align": "center"}),
        "status": wb.add_format(base | {"bold": True, "align": "center"}),
        "int": wb.add_format({"border": 1, "align": "center", "font_size": 10}),
        "bantu": wb.add_format({"num_format": ";;;"}),       # hidden helper columns: never shown or printed
        "daftar": wb.add_format({"valign": "top", "border": 1, "font_size": UKURAN}),   # one line, no wrap
        "pct": wb.add_format({"border": 1, "num_format": "0.0%", "align": "center", "font_size": 10}),
        "total": wb.add_format({"border": 1, "bold": True, "align": "center", "bg_color": "#DDEBF7",
                                "font_size": 10}),
        "total_l": wb.add_format({"border": 1, "bold": True, "bg_color": "#DDEBF7", "font_size": 10}),
        "total_pct": wb.add_format({"border": 1, "bold": True, "num_format": "0.0%", "align": "center",
                                    "bg_color": "#DDEBF7", "font_size": 10}),
        "red": wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"}),
        "amber": wb.add_format({"bg_color": "#FFEB9C", "font_color": "#9C5700"}),
        "green": wb.add_format({"bg_color": "#C6EFCE", "font_color": "#006100"}),
        "grey": wb.add_format({"bg_color": "#E7E6E6", "font_color": "#3A3838"}),
    }


def _write_lists(ws, tahun: int, komponen_lke: dict[str, list[str]]) -> dict[str, str]:
    """Drop-down sources on the hidden sheet; returns name → absolute range."""
    waktu = [f"{nama_bulan(m)} {tahun}" for m in range(1, 13)]
    waktu += [f"Januari-Desember {tahun}"] + [f"Triwulan {r} {tahun}" for r in ("I", "II", "III", "IV")]
    waktu += [f"Semester {s} {tahun}" for s in (1, 2)] + ["Setiap bulan", "Setiap ada pertemuan"]
    ws.write(0, 0, "Target waktu")
    for i, w in enumerate(waktu):
        ws.write(i + 1, 0, w)
    ranges = {"waktu": f"='{SHEET_DAFTAR}'!$A$2:$A${len(waktu) + 1}"}
    for j, area in enumerate((a.nama for a in DAFTAR), start=1):
        items = komponen_lke.get(area, [])
        ws.write(0, j, area)
        for i, k in enumerate(items):
            ws.write(i + 1, j, k)
        if items:
            col = chr(ord("A") + j)
            ranges[area] = f"='{SHEET_DAFTAR}'!${col}$2:${col}${len(items) + 1}"
    return ranges


def _write_table(ws, f, blocks: list[_Block], judul: str, unit: str, tanggal_acuan: date | None,
                 lists: dict[str, str], cache: bool, urut: dict[int, int], datang: dict[int, int]) -> list[tuple]:
    """The 'Rencana Aksi' sheet. Returns, per block, (area, first row, last row, [(action, row)]) with
    1-based rows."""
    last_col = 11  # L, 0-based
    ws.merge_range(0, 0, 0, last_col, judul, f["title"])
    ws.merge_range(1, 0, 1, last_col, unit or "Unit kerja: ……………………………", f["sub"])
    ws.merge_range(BARIS_ACUAN - 1, 0, BARIS_ACUAN - 1, 1, "Tanggal acuan status:", f["label"])
    if tanggal_acuan is not None:
        ws.write_datetime(BARIS_ACUAN - 1, 2, tanggal_acuan, f["acuan"])
        note = "Tanggal tetap untuk laporan. Ketik =TODAY() di sel ini agar status mengikuti tanggal hari ini."
    else:
        ws.write_formula(BARIS_ACUAN - 1, 2, "=TODAY()", f["acuan"], "")  # volatile: never a cached value
        note = "=TODAY(): status dihitung ulang setiap workbook dibuka. Ketik tanggal tetap untuk laporan per tanggal."
    ws.merge_range(BARIS_ACUAN - 1, 3, BARIS_ACUAN - 1, last_col, note, f["note"])
    for c, (head, width) in enumerate(KOLOM):
        ws.write(BARIS_JUDUL - 1, c, head, f["head"])
        ws.set_column(c, c, width, f["cell"] if c <= last_col else f["bantu"], {"hidden": c > last_col})
    ws.set_row(BARIS_JUDUL - 1, 30)
    ws.set_row(BARIS_ACUAN, 30)          # row 4: room for the buttons of the macro-enabled template

    row = BARIS_JUDUL  # 0-based index of the next row
    last = max(BARIS_JUDUL + sum(len(b.rows) + 1 for b in blocks), BARIS_JUDUL + 1)  # 1-based last table row
    placed = []
    for block in blocks:
        ws.merge_range(row, 0, row, last_col, _section_label(block.area), f["section"])
        ws.write(row, 13, block.area or TANPA_AREA, f["bantu"])
        row += 1
        first = row + 1  # 1-based
        written = []
        for a in block.rows:
            _write_row(ws, f, row, a, block, lists, cache, urut.get(id(a), ""), datang.get(id(a), ""), last)
            if a is not None:
                written.append((a, row + 1))
            row += 1
        placed.append((block.area, first, row, written))
    _merge_continuations(ws, f, blocks, BARIS_JUDUL + 1)
    _row_heights(ws, blocks, BARIS_JUDUL + 1)
    first_data, last_data = BARIS_JUDUL + 1, max(row, BARIS_JUDUL + 1)
    rng = f"{fx.C_STATUS}{first_data}:{fx.C_STATUS}{last_data}"
    for text, fmt in ((TERLAMBAT, "red"), (JATUH_TEMPO, "amber"), (SELESAI, "green"), (TIDAK_TERBACA, "grey")):
        ws.conditional_format(rng, {"type": "cell", "criteria": "==", "value": f'"{text}"', "format": f[fmt]})
    for text, fmt in ((TERLAMBAT, "red"), (JATUH_TEMPO, "amber")):
        ws.conditional_format(f"{fx.C_TENGGAT}{first_data}:{fx.C_TENGGAT}{last_data}",
                              {"type": "formula", "criteria": f'=${fx.C_STATUS}{first_data}="{text}"',
                               "format": f[fmt]})
    ws.data_validation(f"{fx.C_REALISASI}{first_data}:{fx.C_REALISASI}{last_data}", {
        "validate": "any", "input_title": "Realisasi", "input_message":
        "Isi tanggal selesai (dd/mm/yyyy) bila langkah aksi sudah selesai; kosongkan bila belum."})
    ws.data_validation(f"{fx.C_MULAI}{first_data}:{fx.C_TENGGAT}{last_data}", {
        "validate": "any", "input_title": "Mulai / Tenggat", "input_message":
        "Diisi otomatis dari TARGET WAKTU oleh tombol 'Perbarui Status'; boleh diketik manual (tanggal), "
        "atau 'Berulang' untuk kegiatan rutin."})
    ws.freeze_panes(BARIS_JUDUL, 0)
    ws.autofilter(BARIS_JUDUL - 1, 0, last_data - 1, last_col)
    _print_setup(ws, f"$A$1:$L${last_data}")
    return placed


def _write_row(ws, f, row: int, a: Aksi | None, block: _Block, lists: dict[str, str], cache: bool,
               urut: int | str, datang: int | str, last: int) -> None:
    r = row + 1  # 1-based
    if a is not None:
        ws.write_string(row, 0, a.no, f["center"])
        if not a.lanjut_komponen:
            ws.write_string(row, 1, a.komponen, f["cell"])
        if not a.lanjut_indikator:
            ws.write_string(row, 2, a.indikator, f["cell"])
        ws.write_string(row, 3, a.langkah_aksi, f["cell"])
        ws.write_string(row, 4, a.bukti_fisik, f["cell"])
        if not a.lanjut_target:
            ws.write_string(row, 5, a.target_waktu, f["center"])
        ws.write_string(row, 6, a.penanggung_jawab, f["cell"])
        realisasi = a.realisasi
        if (realisasi is None or realisasi == "") and not baca_realisasi(a.status_manual).kosong:
            realisasi = a.status_manual
        if isinstance(realisasi, date):
            ws.write_datetime(row, 7, realisasi, f["date"])
        elif realisasi is not None:
            ws.write(row, 7, realisasi, f["date"])
        if a.berulang:
            ws.write_string(row, 10, fx.BERULANG, f["date"])
        else:
            if a.mulai:
                ws.write_datetime(row, 9, a.mulai, f["date"])
            if a.tenggat:
                ws.write_datetime(row, 10, a.tenggat, f["date"])
        ws.write_string(row, 11, a.keterangan, f["cell"])
    status = a.status if a is not None else ""
    ws.write_formula(row, 8, fx.status(r), f["status"], status if cache else 0)
    ws.write_formula(row, 12, fx.urut_terlambat(r, BARIS_JUDUL + 1), f["bantu"], str(urut) if cache else 0)
    ws.write(row, 13, block.area or TANPA_AREA, f["bantu"])
    ws.write_formula(row, 14, fx.urut_jatuh_tempo(r, BARIS_JUDUL + 1, last, HARI_KE_DEPAN), f["bantu"],
                     str(datang) if cache else 0)
    if "waktu" in lists:
        ws.data_validation(row, 5, row, 5, {"validate": "list", "source": lists["waktu"], "error_type":
                                            "information", "ignore_blank": True, "error_title": "Target waktu",
                                            "error_message": "Teks bebas boleh (mis. 'Januari s/d Maret 2026')."})
    if block.area in lists:
        ws.data_validation(row, 1, row, 1, {"validate": "list", "source": lists[block.area],
                                            "error_type": "information", "ignore_blank": True})


def _merge_continuations(ws, f, blocks: list[_Block], first_row: int) -> None:
    """Merge KOMPONEN/NO and INDIKATOR cells over their continuation rows (as in the seed's table)."""
    row = first_row - 1  # 0-based row of the first section
    for block in blocks:
        row += 1
        rows = block.rows
        for col, flag, value in ((1, "lanjut_komponen", "komponen"), (2, "lanjut_indikator", "indikator")):
            i = 0
            while i < len(rows):
                a = rows[i]
                j = i + 1
                while a is not None and j < len(rows) and rows[j] is not None and getattr(rows[j], flag):
                    j += 1
                if a is not None and j - i > 1:
                    ws.merge_range(row + i, col, row + j - 1, col, getattr(a, value), f["cell"])
                i = j
        row += len(rows)


def _row_heights(ws, blocks: list[_Block], first_row: int) -> None:
    """Rows tall enough for their wrapped text (a program-written row does not grow by itself, and text would be
    cut or overlap when printed); KOMPONEN/INDIKATOR merged over continuation rows spread over those rows."""
    width = [w for _, w in KOLOM]
    teks = ((3, "langkah_aksi"), (4, "bukti_fisik"), (5, "target_waktu"), (6, "penanggung_jawab"),
            (11, "keterangan"))
    row = first_row - 1
    for block in blocks:
        row += 1
        rows = block.rows
        need = [max([1] + [baris_teks(getattr(a, k) or "", width[c], UKURAN) for c, k in teks]) if a else 1
                for a in rows]
        for col, flag, value in ((1, "lanjut_komponen", "komponen"), (2, "lanjut_indikator", "indikator")):
            i = 0
            while i < len(rows):
                a, j = rows[i], i + 1
                while a is not None and j < len(rows) and rows[j] is not None and getattr(rows[j], flag):
                    j += 1
                if a is not None:
                    lines = baris_teks(getattr(a, value) or "", width[col], UKURAN)
                    need[j - 1] += max(0, lines - sum(need[i:j]))
                i = j
        for i, n in enumerate(need):
            if n > 1:
                ws.set_row(row + i, n * TINGGI_BARIS * UKURAN / 11 + 2)
        row += len(rows)


def _ratio(d: dict) -> float:
    return d["selesai"] / d["jumlah"] if d.get("jumlah") else 0


def _serial(d: date) -> int:
    return (d - date(1899, 12, 30)).days


def _print_setup(ws, area: str) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(BARIS_JUDUL - 1)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.set_footer("&L&A&RHalaman &P dari &N")
    ws.print_area(area)


def _write_summary(wb, ws, f, placed, rencana: RencanaAksi | None, tanggal_acuan: date | None,
                   cache: bool) -> None:
    """'Ringkasan Rencana Aksi': per area counts, % selesai, overall, overdue list, chart."""
    aksi = rencana.aksi if rencana is not None else []
    data = ringkas(aksi)
    by_area = {d["area"]: d for d in data["area"]}
    ws.write(0, 0, "RINGKASAN RENCANA AKSI", f["title"])
    ws.write(1, 0, "Tanggal acuan:", f["label"])
    acuan = _serial(tanggal_acuan) if (cache and tanggal_acuan) else ("" if cache else 0)
    ws.write_formula(1, 1, f"={fx.NAMA_ACUAN}", f["acuan"], acuan)  # =TODAY() behind it: no cached value
    heads = ["Area perubahan", "Jumlah aksi", *STATUS, "% selesai"]
    for c, h in enumerate(heads):
        ws.write(3, c, h, f["head"])
    ws.set_row(3, 30)
    ws.set_column(0, 0, 38)
    ws.set_column(1, len(heads) - 1, 12)
    areas: list[str | None] = []
    for area, *_ in placed:
        if area not in areas:
            areas.append(area)
    r = 4
    for area in areas:
        blocks = [(a, b) for ar, a, b, _ in placed if ar == area and b >= a]
        d = by_area.get(area or TANPA_AREA, {})
        ws.write(r, 0, area or TANPA_AREA, f["cell"])
        for c, s in enumerate(STATUS, start=2):
            ws.write_formula(r, c, fx.hitung_status_blok(SHEET, blocks, s), f["int"],
                             d.get(KUNCI[s], 0) if cache else 0)
        ws.write_formula(r, 1, f"=SUM(C{r + 1}:I{r + 1})", f["int"], d.get("jumlah", 0) if cache else 0)
        ws.write_formula(r, 9, f"=IF(B{r + 1}=0,0,C{r + 1}/B{r + 1})", f["pct"],
                         _ratio(d) if cache else 0)
        r += 1
    first, last = 5, r  # 1-based rows of the area lines
    tot = data["keseluruhan"]
    ws.write(r, 0, "Keseluruhan", f["total_l"])
    for c in range(1, 9):
        col = chr(ord("A") + c)
        key = "jumlah" if c == 1 else KUNCI[STATUS[c - 2]]
        ws.write_formula(r, c, f"=SUM({col}{first}:{col}{last})", f["total"], tot[key] if cache else 0)
    ws.write_formula(r, 9, f"=IF(B{r + 1}=0,0,C{r + 1}/B{r + 1})", f["total_pct"],
                     _ratio(tot) if cache else 0)
    _write_chart(wb, ws, first, last, r + 2)

    # Overdue list: MAKS_DAFTAR lines filled by formulas from the helper columns, and a line saying how many more.
    r += 2 + BARIS_GRAFIK + 1
    ws.write(r, 0, "AKSI TERLAMBAT (tenggat lewat, belum ada realisasi)", f["label"])
    r += 1
    heads = ["Area perubahan", "Langkah aksi", "Target waktu", "Tenggat", "Penanggung jawab", "Baris",
             "Terlambat (hari)"]
    for c, h in enumerate(heads):
        ws.write(r, c, h, f["head"])
    ws.set_row(r, 27)
    last_row = max((b for _, _, b, _ in placed), default=BARIS_JUDUL + 1)
    n_lines = MAKS_DAFTAR
    status_rng = f"{fx.sheet_ref(SHEET)}!${fx.C_STATUS}${BARIS_JUDUL + 1}:${fx.C_STATUS}${last_row}"
    datang_rng = f"{fx.sheet_ref(SHEET)}!${fx.C_DATANG}${BARIS_JUDUL + 1}:${fx.C_DATANG}${last_row}"
    written = {id(a): rr for _, _, _, w in placed for a, rr in w}
    late = [(a, rr) for _, _, _, w in placed for a, rr in w if a.status == TERLAMBAT]
    for k in range(1, n_lines + 1):
        item, written_row = late[k - 1] if k <= len(late) else (None, "")

        def val(key, item=item):
            return (getattr(item, key) or "") if (cache and item) else ("" if cache else 0)

        rr = r + k
        ws.write_formula(rr, 0, fx.daftar_terlambat(SHEET, fx.C_AREA, k, last_row), f["daftar"],
                         (item.area or TANPA_AREA if item else "") if cache else 0)
        ws.write_formula(rr, 1, fx.daftar_terlambat(SHEET, fx.C_LANGKAH, k, last_row), f["daftar"],
                         val("langkah_aksi"))
        ws.write_formula(rr, 2, fx.daftar_terlambat(SHEET, fx.C_TARGET, k, last_row), f["daftar"],
                         "" if item is not None and item.lanjut_target else val("target_waktu"))
        tenggat = item.tenggat if item else None
        ws.write_formula(rr, 3, fx.daftar_terlambat(SHEET, fx.C_TENGGAT, k, last_row, text=False), f["date"],
                         (_serial(tenggat) if tenggat else "") if cache else 0)
        ws.write_formula(rr, 4, fx.daftar_terlambat(SHEET, fx.C_PIC, k, last_row), f["daftar"],
                         val("penanggung_jawab"))
        ws.write_formula(rr, 5, fx.baris_terlambat(SHEET, k, last_row), f["int"],
                         written_row if cache else 0)
        hari = (tanggal_acuan - tenggat).days if (item and tenggat and tanggal_acuan) else ""
        ws.write_formula(rr, 6, f'=IF(D{rr + 1}="","",{fx.NAMA_ACUAN}-D{rr + 1})', f["int"], hari if cache else 0)

    n_late = f'COUNTIF({status_rng},"{TERLAMBAT}")'
    lebih = len(late) - n_lines
    ws.write_formula(r + n_lines + 1, 0, f'=IF({n_late}>{n_lines},"… dan "&({n_late}-{n_lines})&" aksi terlambat '
                     f'lainnya (lihat kolom STATUS sheet {SHEET})","")', f["note"],
                     (f"… dan {lebih} aksi terlambat lainnya (lihat kolom STATUS sheet {SHEET})" if lebih > 0
                      else "") if cache else 0)

    # Coming list: actions due within HARI_KE_DEPAN days, soonest first.
    r += n_lines + 4
    ws.set_h_pagebreaks([r])                       # the coming list starts a page of its own
    ws.write(r, 0, f"JATUH TEMPO DALAM {HARI_KE_DEPAN} HARI (belum selesai, tenggat belum lewat)", f["label"])
    r += 1
    for c, h in enumerate([*heads[:6], "Sisa (hari)"]):
        ws.write(r, c, h, f["head"])
    ws.set_row(r, 27)
    coming = (sorted((a for _, _, _, w in placed for a, _ in w if akan_jatuh_tempo(a, tanggal_acuan)),
                     key=lambda a: (a.tenggat, written[id(a)])) if tanggal_acuan else [])
    for k in range(1, n_lines + 1):
        item = coming[k - 1] if k <= len(coming) else None
        rr = r + k
        b = f"F{rr + 1}"

        def cached(v, item=item):
            return (v if item is not None else "") if cache else 0

        ws.write_formula(rr, 5, fx.baris_jatuh_tempo(SHEET, k, last_row), f["int"],
                         cached(written[id(item)] if item else ""))
        ws.write_formula(rr, 0, fx.dari_baris(SHEET, fx.C_AREA, b, last_row), f["daftar"],
                         cached((item.area or TANPA_AREA) if item else ""))
        ws.write_formula(rr, 1, fx.dari_baris(SHEET, fx.C_LANGKAH, b, last_row), f["daftar"],
                         cached(item.langkah_aksi if item else ""))
        ws.write_formula(rr, 2, fx.dari_baris(SHEET, fx.C_TARGET, b, last_row), f["daftar"],
                         cached("" if item is None or item.lanjut_target else item.target_waktu))
        ws.write_formula(rr, 3, fx.dari_baris(SHEET, fx.C_TENGGAT, b, last_row, text=False), f["date"],
                         cached(_serial(item.tenggat) if item else ""))
        ws.write_formula(rr, 4, fx.dari_baris(SHEET, fx.C_PIC, b, last_row), f["daftar"],
                         cached(item.penanggung_jawab if item else ""))
        ws.write_formula(rr, 6, f'=IF(D{rr + 1}="","",D{rr + 1}-{fx.NAMA_ACUAN})', f["int"],
                         cached((item.tenggat - tanggal_acuan).days if item else ""))
    n_coming = f'COUNTIF({datang_rng},"?*")'
    lebih = len(coming) - n_lines
    ws.write_formula(r + n_lines + 1, 0, f'=IF({n_coming}>{n_lines},"… dan "&({n_coming}-{n_lines})&" aksi lain '
                     f'jatuh tempo dalam {HARI_KE_DEPAN} hari","")', f["note"],
                     (f"… dan {lebih} aksi lain jatuh tempo dalam {HARI_KE_DEPAN} hari" if lebih > 0 else "")
                     if cache else 0)
    ws.set_column(1, 1, 40)
    ws.set_column(4, 4, 18)
    ws.freeze_panes(4, 1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_footer("&L&A&RHalaman &P dari &N")


def _write_chart(wb, ws, first: int, last: int, row: int) -> None:
    chart = wb.add_chart({"type": "bar"})
    chart.add_series({
        "name": "% selesai",
        "categories": [SHEET_RINGKASAN, first - 1, 0, last - 1, 0],
        "values": [SHEET_RINGKASAN, first - 1, 9, last - 1, 9],
        "data_labels": {"value": True, "num_format": "0%"},
        "fill": {"color": "#2E75B6"},
    })
    chart.set_title({"name": "% langkah aksi selesai per area perubahan"})
    chart.set_x_axis({"min": 0, "max": 1, "num_format": "0%", "major_gridlines": {"visible": True}})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    chart.set_size({"width": 640, "height": BARIS_GRAFIK * 20})
    ws.insert_chart(row, 0, chart)


def _write_petunjuk(ws, f) -> None:
    lines = [
        "PETUNJUK PENGISIAN RENCANA AKSI",
        "",
        "1. Isi satu baris per langkah aksi di bawah judul area perubahan yang sesuai (I s.d. VI).",
        "2. Baris lanjutan: KOMPONEN/INDIKATOR boleh dikosongkan (atau sel digabung) bila sama dengan baris",
        "   di atasnya;",
        "   TARGET WAKTU kosong berarti mengikuti target langkah di atasnya.",
        "3. TARGET WAKTU berupa teks bebas: 'Maret 2026', 'Januari-Desember 2026', 'Januari s/d Maret 2026',",
        "   '30 Mei 2026', 'Triwulan II 2026', 'Semester 1 2026', atau 'Setiap bulan' (kegiatan rutin).",
        "4. REALISASI: isi tanggal selesai bila langkah aksi sudah selesai. STATUS menjadi 'Selesai'.",
        "5. MULAI dan TENGGAT diisi otomatis dari TARGET WAKTU dengan tombol 'Perbarui Status' (tab Zona Integritas);",
        "   boleh juga diketik manual (tanggal), atau 'Berulang' untuk kegiatan rutin.",
        "6. STATUS dihitung rumus Excel terhadap 'Tanggal acuan' (sel C3 sheet Rencana Aksi, bawaan =TODAY()):",
        "   Selesai, Terlambat (merah), Jatuh tempo bulan ini (kuning), Berjalan, Belum mulai, Berkelanjutan,",
        "   Tidak terbaca (TENGGAT kosong / teks target waktu tidak dimengerti).",
        "7. Sheet 'Ringkasan Rencana Aksi' menghitung jumlah per status, % selesai per area, daftar aksi",
        "   terlambat (berapa hari) dan daftar aksi yang jatuh tempo dalam 30 hari, beserta penanggung jawabnya.",
        "8. Jangan menghapus kolom M, N dan O yang disembunyikan: ketiganya dipakai rumus ringkasan.",
    ]
    ws.set_column(0, 0, 110)
    for i, line in enumerate(lines):
        ws.write(i, 0, line, f["title"] if i == 0 else None)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_footer("&L&A&RHalaman &P dari &N")
