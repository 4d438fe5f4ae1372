"""Monev sheets as plain specifications (:class:`~zi_xl.xlsx.edits.ReplaceSheet`), and "Perbarui Monev" as edits of
the user's own workbook.

**A sheet per month, not one ledger sheet.** A month's sheet is the record of that month's meeting — what units
print, sign and keep as the evidence ("notulen monev") the LKE asks for: the meeting (date, period, leader with
NIP, participants), the new masukan, and the follow-up of every earlier masukan still open, as the seed's BAB IV–V
record them. A new month is a new sheet: earlier months are never rewritten (the history the evaluators check stays
as it was signed), "Perbarui Monev" for a month that already has its sheet adds nothing, and one month prints on its
own pages. One ledger sheet with a column per month would grow sideways past any page, and every update would
rewrite the sheet the user types into. The cross-month view is the "Ringkasan Monev" sheet, rebuilt from the
ledger on every update.

The same specification serves both writers: :func:`lembar_bulan` / :func:`lembar_ringkasan` are applied to a
user's workbook through the preserving writer (:func:`edits_perbarui`), and rendered by :mod:`.workbook` (XlsxWriter)
for the template and the example, which add what a patch cannot (conditional colours, drop-downs, print setup).

Layout of a month's sheet "Monev Maret 2022" (rows 1-based)::

    1  MONITORING DAN EVALUASI PEMBANGUNAN ZONA INTEGRITAS
    2  Unit kerja: …
    4–11  Bulan monev (C4 "2022-03") · Periode dipantau · Tanggal rapat · Pimpinan rapat · NIP pimpinan ·
          Jabatan pimpinan · Peserta rapat · Notulen / bukti                   G4–H9: live counts of the month
    13 A. MASUKAN PERBAIKAN BARU            NO | ID | AREA PERUBAHAN | URAIAN | MASUKAN PERBAIKAN | TARGET WAKTU |
                                            KETERANGAN | PIC
       B. TINDAK LANJUT …                   NO | ID | BULAN ASAL | MASUKAN PERBAIKAN | TINDAK LANJUT TERAKHIR |
                                            STATUS TERAKHIR | TINDAK LANJUT BULAN INI | STATUS | BUKTI DUKUNG |
                                            TANGGAL TL | UMUR (BULAN)
       C. RENCANA AKSI (snapshot at the sheet's making, computed by zi_xl.rencana_aksi), signature block.

A carried row shows what the tool knows (ID, origin, age, last tindak lanjut, STATUS TERAKHIR = the status at the
month's start); the user writes this month's tindak lanjut and STATUS — an empty STATUS means "unchanged", so a
correction made later in an earlier month's sheet is never overridden by a copy of the old status.

The ID of a new masukan is a live formula ``=C4&"-M"&A15`` (month + number: "2022-03-M1"), the reader's own rule
(:func:`zi_xl.monev.reader.id_masukan`); carried rows carry their ID as text.
"""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass
from datetime import date, datetime

from ..rencana_aksi.status import JATUH_TEMPO, TERLAMBAT
from ..rencana_aksi.status import SELESAI as RA_SELESAI
from ..teks import tanggal
from ..xlsx.edits import Cell, ChartSeries, ChartSpec, Edit, ReplaceSheet, SetCell, Style
from ..xlsx.grid import Grid
from . import bulan as bl
from .model import BELUM, PROSES, SELESAI, Masukan, Monev, Rapat, TindakLanjut, normalisasi_status
from .reader import SHEET_PENGATURAN, SHEET_RINGKASAN, id_masukan
from .ringkasan import keseluruhan, per_bulan, tanpa_bulan

JUDUL = "MONITORING DAN EVALUASI PEMBANGUNAN ZONA INTEGRITAS"
JUDUL_RINGKASAN = "RINGKASAN MONITORING DAN EVALUASI ZONA INTEGRITAS"
KOLOM_BARU = ["NO", "ID", "AREA PERUBAHAN", "URAIAN", "MASUKAN PERBAIKAN", "TARGET WAKTU", "KETERANGAN", "PIC"]
KOLOM_TL = ["NO", "ID", "BULAN ASAL", "MASUKAN PERBAIKAN", "TINDAK LANJUT TERAKHIR", "STATUS TERAKHIR",
            "TINDAK LANJUT BULAN INI", "STATUS", "BUKTI DUKUNG", "TANGGAL TL", "UMUR (BULAN)"]
LEBAR = {"A": 5, "B": 13, "C": 15, "D": 32, "E": 30, "F": 12, "G": 32, "H": 12, "I": 18, "J": 11, "K": 8}
C_STATUS_AWAL, C_STATUS, C_UMUR, C_TANGGAL = "F", "H", "K", "J"   # follow-up table
LABEL_RAPAT = [("bulan", "Bulan monev"), ("periode", "Periode dipantau"), ("tanggal_rapat", "Tanggal rapat"),
               ("pimpinan", "Pimpinan rapat"), ("nip", "NIP pimpinan"), ("jabatan", "Jabatan pimpinan"),
               ("peserta", "Peserta rapat"), ("notulen", "Notulen / bukti")]   # short: they fit in A–B
BARIS_INFO = 4          # first meeting row; values in column C
KOLOM_NILAI = "C"
BARIS_KOSONG_BARU = 10  # empty rows for new masukan in a new month's sheet
BARIS_KOSONG_TL = 3     # empty follow-up rows below the carried ones
UMUR_KUNING, UMUR_MERAH = 3, 6
WARNA_STATUS = {BELUM: "FFC7CE", PROSES: "FFEB9C", SELESAI: "C6EFCE"}

_T = Style(bold=True, font_size=14)
_B = Style(bold=True)
_I = Style(italic=True, font_color="595959")
_H = Style(bold=True, fill="1F4E78", font_color="FFFFFF", border=True, wrap=True, align="center")
_S = Style(bold=True, fill="DDEBF7")
_X = Style(border=True, wrap=True)
_N = Style(border=True, align="center")
_ID = Style(border=True, align="center", num_format='0;-0;;@')   # a formula's 0 before recalculation shows nothing
_D = Style(border=True, num_format="dd/mm/yyyy", align="center")
_P = Style(border=True, num_format="0.0%", align="center")
_V = Style(bold=True, fill="FFF2CC", border=True)
_VD = Style(bold=True, fill="FFF2CC", border=True, num_format="dd/mm/yyyy", align="left")
_TOT = Style(bold=True, fill="DDEBF7", border=True, align="center")
_TOTP = Style(bold=True, fill="DDEBF7", border=True, num_format="0.0%", align="center")


def nama_sheet(bulan: str) -> str:
    """"2022-03" → "Monev Maret 2022"."""
    return f"Monev {bl.nama(bulan)}"


def _row(n: int) -> list:
    return [None] * n


@dataclass
class Tata:
    """Where things landed in a month's sheet (1-based rows), for the formulas and the template's extras."""

    baru: tuple[int, int]          # first, last row of the new-masukan table
    tl: tuple[int, int]            # first, last row of the follow-up table
    judul_baru: int
    judul_tl: int
    akhir: int                     # last used row


def _umur_style(umur: int | None) -> Style:
    if umur is not None and umur >= UMUR_MERAH:
        return Style(border=True, align="center", fill="FFC7CE")
    if umur is not None and umur >= UMUR_KUNING:
        return Style(border=True, align="center", fill="FFEB9C")
    return _N


def rekap_lembar(rapat: Rapat) -> dict:
    """The live counts of a month's sheet (G4–H9) as Python computes them from the rows read: new masukan; follow-up
    rows; of those, Selesai and Proses by the STATUS typed this month or, where it is empty, the STATUS TERAKHIR (as
    written, any case); the rest; % Selesai of the rows."""
    dipantau = len(rapat.tindak_lanjut)
    eff = [(t.status_tertulis or t.status_awal).lower() for t in rapat.tindak_lanjut]
    selesai, proses = eff.count(SELESAI.lower()), eff.count(PROSES.lower())
    return {"baru": len(rapat.masukan), "dipantau": dipantau, "selesai": selesai, "proses": proses,
            "belum": dipantau - selesai - proses, "persen": selesai / dipantau if dipantau else None}


def lembar_bulan(rapat: Rapat, keadaan_awal: list[Masukan], *, unit: str = "", ra: dict | None = None,
                 kosong_baru: int = 0, kosong_tl: int = 0) -> tuple[ReplaceSheet, Tata]:
    """The sheet of one month. ``keadaan_awal``: the ledger's masukan at the start of the month (for each follow-up
    row's last tindak lanjut); ``ra``: the rencana aksi snapshot (:func:`cuplikan_rencana_aksi`); ``kosong_*``:
    empty rows to add below the rows of ``rapat``."""
    n = len(LEBAR)
    before = {m.id: m for m in keadaan_awal}
    rows: list[list] = [[Cell(JUDUL, style=_T)], [f"Unit kerja: {unit}" if unit else "Unit kerja: ……………………"], []]
    info = {"bulan": rapat.bulan, "periode": rapat.periode, "tanggal_rapat": rapat.tanggal_rapat,
            "pimpinan": rapat.pimpinan, "nip": rapat.nip, "jabatan": rapat.jabatan, "peserta": rapat.peserta,
            "notulen": rapat.notulen}
    for fld, label in LABEL_RAPAT:
        row = _row(n)
        row[0] = Cell(label, style=_B)
        v = info[fld]
        row[2] = Cell(v or None, style=_VD if fld == "tanggal_rapat" else _V)
        if fld == "bulan":
            row[3] = Cell(f"({bl.nama(rapat.bulan)})", style=_B)
        rows.append(row)
    rows.append([])
    # A. new masukan
    rows.append([Cell("A. MASUKAN PERBAIKAN BARU BULAN INI (hasil rapat monev)", style=_S)])
    judul_baru = len(rows) + 1
    rows.append([Cell(h, style=_H) for h in KOLOM_BARU])
    first_baru = len(rows) + 1
    items: list[Masukan | None] = list(rapat.masukan) + [None] * kosong_baru
    if not items:
        items = [None]
    nomor = 0
    for m in items:
        r = len(rows) + 1
        nomor = int(m.no) if m is not None and m.no.isdigit() else nomor + 1
        no = m.no if m is not None else str(nomor)
        shown = id_masukan(rapat.bulan, no) if m is not None else None
        rows.append([Cell(int(no) if no.isdigit() else no, style=_N),
                     Cell(shown, formula=f'IF(TRIM(D{r}&E{r})="","",${KOLOM_NILAI}${BARIS_INFO}&"-M"&A{r})',
                          style=_ID),
                     Cell(m.area if m else None, style=_X), Cell(m.uraian if m else None, style=_X),
                     Cell(m.masukan if m else None, style=_X), Cell(m.target if m else None, style=_N),
                     Cell(m.keterangan if m else None, style=_X), Cell(m.pic if m else None, style=_X)])
    last_baru = len(rows)
    rows.append([])
    # B. follow-up
    rows.append([Cell("B. TINDAK LANJUT MASUKAN BULAN-BULAN SEBELUMNYA (yang belum selesai dibawa otomatis "
                      "sampai Selesai; isi STATUS bila berubah bulan ini, kosong = tetap)", style=_S)])
    judul_tl = len(rows) + 1
    rows.append([Cell(h, style=_H) for h in KOLOM_TL])
    first_tl = len(rows) + 1
    tls: list[TindakLanjut | None] = list(rapat.tindak_lanjut) + [None] * kosong_tl
    if not tls:
        tls = [None]
    for k, t in enumerate(tls, start=1):
        if t is None:
            rows.append([Cell(k, style=_N)] + [Cell(None, style=_D if j == 9 else _X) for j in range(1, n)])
            continue
        prev = before.get(t.id or "")
        terakhir = (f"{prev.tindak_lanjut} ({bl.nama(prev.bulan_tindak_lanjut)})" if prev and prev.tindak_lanjut
                    else "-")
        umur = bl.selisih(t.bulan_asal, rapat.bulan) if t.bulan_asal else None
        awal = normalisasi_status(t.status_awal)
        rows.append([Cell(k, style=_N), Cell(t.id, style=_N),
                     Cell(bl.nama(t.bulan_asal) if t.bulan_asal else (t.asal_teks or "-"), style=_N),
                     Cell(t.masukan, style=_X), Cell(terakhir, style=_X),
                     Cell(t.status_awal or None, style=Style(border=True, align="center", fill=WARNA_STATUS.get(awal))),
                     Cell(t.teks or None, style=_X),
                     Cell(t.status_tertulis or None, style=Style(border=True, bold=True, align="center")),
                     Cell(t.bukti or None, style=_X), Cell(t.tanggal, style=_D), Cell(umur, style=_umur_style(umur))])
    last_tl = len(rows)
    # live counts of the month, beside the meeting block
    rk = rekap_lembar(rapat)
    b0, b1, t0, t1 = first_baru, last_baru, first_tl, last_tl
    g = BARIS_INFO - 1  # 0-based index of the first meeting row in ``rows``
    ada = f"(LEN(TRIM(B{t0}:B{t1}&D{t0}:D{t1}))>0)"
    st, aw = f"{C_STATUS}{t0}:{C_STATUS}{t1}", f"{C_STATUS_AWAL}{t0}:{C_STATUS_AWAL}{t1}"

    def hitung(status: str) -> str:   # the STATUS typed, else the STATUS TERAKHIR
        return f'SUMPRODUCT({ada}*(({st}="{status}")+({st}="")*({aw}="{status}")))'

    v = [f"H{BARIS_INFO + i}" for i in range(6)]
    counts = [("Jumlah masukan baru", f"SUMPRODUCT(--(LEN(TRIM(D{b0}:D{b1}&E{b0}:E{b1}))>0))", rk["baru"], _N),
              ("Jumlah masukan dipantau (tabel B)", f"SUMPRODUCT(--{ada})", rk["dipantau"], _N),
              ("Selesai", hitung(SELESAI), rk["selesai"], _N),
              ("Proses", hitung(PROSES), rk["proses"], _N),
              ("Belum", f"{v[1]}-{v[2]}-{v[3]}", rk["belum"], _N),
              ("Persen selesai dari yang dipantau", f'IF({v[1]}=0,"",{v[2]}/{v[1]})', rk["persen"], _P)]
    for i, (label, f, cached, style) in enumerate(counts):
        rows[g + i][6] = Cell(label, style=Style(bold=True, align="right"))
        rows[g + i][7] = Cell(cached, formula=f, style=style)
    rows.append([])
    rows += _bagian_ra(ra, rapat.bulan)
    rows.append([])
    rows += _tanda_tangan(rapat)
    tata = Tata(baru=(first_baru, last_baru), tl=(first_tl, last_tl), judul_baru=judul_baru, judul_tl=judul_tl,
                akhir=len(rows))
    return ReplaceSheet(rapat.sheet or nama_sheet(rapat.bulan), rows=rows, widths=dict(LEBAR)), tata


def _tanda_tangan(rapat: Rapat) -> list[list]:
    """The signature block: the leader's jabatan, name and NIP, taken by formulas from the meeting block."""
    c = KOLOM_NILAI
    ref = {fld: f"${c}${BARIS_INFO + i}" for i, (fld, _) in enumerate(LABEL_RAPAT)}

    def f(fld: str, kosong: str, prefix: str = "") -> Cell:
        expr = f'IF({ref[fld]}="","{kosong}",{ref[fld]})'
        return Cell(prefix + (getattr(rapat, fld) or kosong), formula=f'"{prefix}"&{expr}' if prefix else expr,
                    style=Style(align="center"))

    pad = [None] * 6
    return [pad + [Cell("Mengetahui,", style=Style(align="center"))],
            pad + [f("jabatan", "(jabatan pimpinan)")], [], [],
            pad + [f("pimpinan", "(nama pimpinan)", "")],
            pad + [f("nip", "……………………", "NIP. ")]]


# --------------------------------------------------------------------------------------------- rencana aksi
def cuplikan_rencana_aksi(ra, bulan: str, per: date) -> dict:
    """The rencana aksi at ``per`` as the month's sheet shows it: counts per area and overall (from
    :meth:`RencanaAksi.ringkasan`), and the langkah aksi due in ``bulan`` or overdue from before it."""
    ra = ra.pada(per)
    ring = ra.ringkasan()
    first = bl.hari_pertama(bulan)
    daftar = [a for a in ra.aksi if a.tenggat and bl.dari_tanggal(a.tenggat) == bulan]
    daftar += [a for a in ra.aksi if a.status == TERLAMBAT and a.tenggat and a.tenggat < first]
    return {"per": per, "berkas": os.path.basename(ra.berkas) if ra.berkas else "", "area": ring["area"],
            "keseluruhan": ring["keseluruhan"],
            "daftar": [{"status": a.status, "tenggat": a.tenggat, "langkah_aksi": a.langkah_aksi, "area": a.area or "",
                        "penanggung_jawab": a.penanggung_jawab} for a in daftar]}


def _bagian_ra(ra: dict | None, bulan: str) -> list[list]:
    if ra is None:
        return [[Cell("C. RENCANA AKSI: tidak ditautkan (isi 'Berkas rencana aksi' di sheet "
                      f"'{SHEET_PENGATURAN}')", style=_S)]]
    rows: list[list] = [[Cell("C. RENCANA AKSI (cuplikan saat sheet ini dibuat; dihitung oleh zi-xl dari berkas "
                              "rencana aksi)", style=_S)],
                        [Cell("Tanggal acuan", style=_B), None, Cell(ra["per"], style=_VD),
                         Cell(f"Berkas: {ra['berkas']}", style=_I)],
                        [None, None, None] + [Cell(h, style=_H) for h in
                                              ("Area perubahan", "Jumlah aksi", "Selesai", "Terlambat",
                                               "Jatuh tempo bulan ini", "Persen selesai")]]
    for row in [*ra["area"], {"area": "KESELURUHAN", **ra["keseluruhan"]}]:
        tot = row["area"] == "KESELURUHAN"
        st = _TOT if tot else _N
        rows.append([None, None, None, Cell(row["area"], style=Style(bold=tot, border=True, wrap=True)),
                     Cell(row["jumlah"], style=st), Cell(row["selesai"], style=st), Cell(row["terlambat"], style=st),
                     Cell(row["jatuh_tempo_bulan_ini"], style=st),
                     Cell(row["persen_selesai"] / 100, style=_TOTP if tot else _P)])
    rows.append([])
    rows.append([Cell(f"Langkah aksi jatuh tempo {bl.nama(bulan)} dan yang terlambat dari bulan sebelumnya "
                      f"({len(ra['daftar'])})", style=_B)])
    rows.append([None] + [Cell(h, style=_H) for h in ("Status", "Jatuh tempo", "Butir rencana aksi",
                                                        "Area perubahan", "Penanggung jawab")])
    warna = {TERLAMBAT: "FFC7CE", JATUH_TEMPO: "FFEB9C", RA_SELESAI: "C6EFCE"}
    for a in ra["daftar"]:
        rows.append([None, Cell(a["status"], style=Style(border=True, wrap=True, fill=warna.get(a["status"]))),
                     Cell(a["tenggat"], style=_D), Cell(a["langkah_aksi"], style=_X), Cell(a["area"], style=_X),
                     Cell(a["penanggung_jawab"] or None, style=_X)])
    return rows


# --------------------------------------------------------------------------------------------- summary
def lembar_ringkasan(monev: Monev) -> tuple[ReplaceSheet, dict]:
    """The "Ringkasan Monev" sheet: per month the meeting and the masukan raised, closed, still open, % followed up,
    the rencana aksi snapshot; totals; a native chart; the suggested LKE answers; the open masukan; the warnings.
    Returns the spec and where its parts are ({"bulan": (first, last), "total": row, "grafik": anchor row})."""
    rows: list[list] = [[Cell(JUDUL_RINGKASAN, style=_T)],
                        [f"Unit kerja: {monev.unit}" if monev.unit else "Unit kerja: -"]]
    months = per_bulan(monev)
    span = f"{bl.nama(months[0]['bulan'])} s.d. {bl.nama(months[-1]['bulan'])}" if months else "belum ada bulan"
    ra = monev.rencana_aksi
    rows.append([f"Bulan monev: {span}" + (f"; rencana aksi: {os.path.basename(ra.berkas or '')} per "
                                           f"{tanggal(ra.per)}" if ra is not None else "; rencana aksi: -")])
    rows.append([Cell("Dihitung oleh zi-xl (Perbarui Monev) dari sheet-sheet monev; jalankan lagi setelah mengubah "
                      "status atau tindak lanjut.", style=_I)])
    rows.append([])
    head = ["Bulan", "Pimpinan rapat", "Tanggal rapat", "Masukan baru", "Ditutup", "Masih terbuka",
            "% ditindaklanjuti", "Aksi terlambat", "% rencana aksi selesai", "Sheet"]
    rows.append([Cell(h, style=_H) for h in head])
    first = len(rows) + 1
    extra = tanpa_bulan(monev)
    for m in months + ([extra] if extra else []):
        r = len(rows) + 1
        rapat = m.get("ada_rapat", True)
        last = m is months[-1]
        label = bl.nama(m["bulan"]) if bl.sah(m["bulan"]) else m["bulan"]
        pimp = m.get("pimpinan") or ("-" if rapat else "belum ada rapat" if last else (
            "tidak ada sheet" if not m.get("ada_sheet", True) else "tidak ada rapat"))
        fill = None if rapat or last else "FCE4D6"
        rows.append([Cell(label, style=Style(border=True, fill=fill)),
                     Cell(pimp, style=Style(border=True, wrap=True, fill=fill)),
                     Cell(m.get("tanggal_rapat"), style=_D),
                     Cell(m["jumlah_masukan"], style=_N), Cell(m["ditutup"], style=_N), Cell(m["terbuka"], style=_N),
                     Cell(_frac(m["persen_ditindaklanjuti"]), formula=f'IF(D{r}=0,"",E{r}/D{r})', style=_P),
                     Cell(m.get("aksi_terlambat"), style=_N),
                     Cell(m["persen_ra_selesai"] / 100 if m.get("persen_ra_selesai") is not None else None, style=_P),
                     Cell(", ".join(m.get("sheet", [])) or None, style=_X)])
    last = len(rows)
    tot = keseluruhan(monev)
    r = last + 1
    rows.append([Cell("KESELURUHAN", style=Style(bold=True, fill="DDEBF7", border=True)),
                 Cell(f"rapat {tot['bulan_rapat']} dari {tot['bulan']} bulan", style=_TOT), Cell(None, style=_TOT)]
                + [Cell(tot[k], formula=f"SUM({c}{first}:{c}{last})", style=_TOT)
                   for k, c in (("jumlah_masukan", "D"), ("ditutup", "E"), ("terbuka", "F"))]
                + [Cell(_frac(tot["persen_ditindaklanjuti"]), formula=f'IF(D{r}=0,"",E{r}/D{r})', style=_TOTP),
                   Cell(None, style=_TOT), Cell(None, style=_TOT), Cell(None, style=_TOT)])
    rows.append([Cell("Bulan tanpa rapat: " + (", ".join(bl.nama(b) for b in tot["bulan_tanpa_rapat"]) or "tidak ada"),
                      style=_B)])
    rows.append([])
    anchor = len(rows) + 1
    rows += [[] for _ in range(17)]     # room for the chart
    rows.append([Cell("SARAN JAWABAN LKE 2026 (hanya saran dari data monev dan rencana aksi; tidak ditulis ke LKE)",
                      style=_S)])
    rows.append([Cell(h, style=_H) for h in ("Soal", "Pertanyaan / dasar saran", "Saran jawaban")])
    for s in monev.saran:      # long texts broken into lines of their own: they print and show without row heights
        lines = [(t, True) for t in pecah(s.pertanyaan)] + [(t, False) for t in pecah(s.alasan)]
        for i, (t, tanya) in enumerate(lines):
            rows.append([Cell(s.soal_id if i == 0 else None, style=_N if i == 0 else None),
                         Cell(t, style=Style(bold=tanya, italic=not tanya)),
                         Cell(s.jawaban or "-", style=Style(bold=True, align="center", font_size=12)) if i == 0
                         else None])
    rows.append([])
    terbuka = monev.terbuka()
    last_month = monev.bulan_terakhir
    rows.append([Cell(f"MASUKAN YANG MASIH TERBUKA ({len(terbuka)})", style=_S)])
    rows.append([Cell(h, style=_H) for h in ("ID", "Masukan perbaikan", "Bulan asal", "Umur (bulan)", "Status",
                                               "PIC", None, None, None, "Tindak lanjut terakhir")])
    for m in terbuka:
        umur = m.umur(last_month) if last_month else None
        rows.append([Cell(m.id, style=_N), Cell(m.masukan, style=_X),
                     Cell(bl.nama(m.bulan_asal) if m.bulan_asal else (m.asal_teks or "-"), style=_N),
                     Cell(umur, style=_umur_style(umur)),
                     Cell(m.status, style=Style(border=True, align="center", fill=WARNA_STATUS[m.status])),
                     Cell(m.pic or None, style=_X), None, None, None,
                     Cell(f"{m.tindak_lanjut} ({bl.nama(m.bulan_tindak_lanjut)})" if m.tindak_lanjut else "-",
                          style=_X)])
    rows.append([])
    rows.append([Cell(f"PERINGATAN ({len(monev.peringatan)})", style=_S)])
    rows.append([Cell(h, style=_H) for h in ("Sheet", "Pesan", "Sel")])
    for p in monev.peringatan:
        for i, t in enumerate(pecah(p.pesan)):
            rows.append([Cell(p.sheet if i == 0 else None), Cell(t), Cell(p.sel if i == 0 else None,
                                                                          style=Style(align="center"))])
    chart = None
    if months:
        cats = f"A{first}:A{first + len(months) - 1}"
        chart = ChartSpec(kind="column", title="Masukan monev per bulan asal", anchor=f"A{anchor}", width=720,
                          height=320, y_title="Jumlah masukan",
                          series=[ChartSeries("Masukan baru", cats, f"D{first}:D{first + len(months) - 1}",
                                              color="5B9BD5"),
                                  ChartSeries("Ditutup", cats, f"E{first}:E{first + len(months) - 1}",
                                              color="70AD47"),
                                  ChartSeries("Masih terbuka", cats, f"F{first}:F{first + len(months) - 1}",
                                              color="ED7D31")])
    widths = {"A": 19, "B": 46, "C": 14, "D": 12, "E": 12, "F": 12, "G": 13, "H": 12, "I": 13, "J": 28}
    spec = ReplaceSheet(SHEET_RINGKASAN, rows=rows, widths=widths, chart=chart, freeze=None)
    return spec, {"bulan": (first, first + len(months) - 1), "total": r, "grafik": anchor}


def pecah(teks: str, lebar: int = 56) -> list[str]:
    """A long text as lines of at most ``lebar`` characters (the summary's column B), broken at spaces."""
    return textwrap.wrap(" ".join(str(teks).split()), lebar) or [""]


def _frac(pct: float | None):
    """A percentage as the fraction a % cell holds; None (no cached value: the formula shows "") when undefined —
    never "" as a formula's cached value (the writer's verification reads it back as no value)."""
    return None if pct is None else pct / 100


# --------------------------------------------------------------------------------------------- comparisons
def _same(a, b) -> bool:
    if isinstance(a, datetime):
        a = a.date() if a.time() == datetime.min.time() else a
    if isinstance(b, datetime):
        b = b.date() if b.time() == datetime.min.time() else b
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)))
    return a == b


def sama_isi(spec: ReplaceSheet, grid: Grid | None) -> bool:
    """True when ``grid`` already holds exactly the cells of ``spec`` (values, and formulas where the grid knows
    them): writing it again would change nothing."""
    if grid is None:
        return False
    want: dict[tuple[int, int], tuple] = {}
    for i, row in enumerate(spec.rows, start=1):
        for j, item in enumerate(row, start=1):
            v = item.value if isinstance(item, Cell) else item
            f = item.formula if isinstance(item, Cell) else None
            if v is None and f is None:
                continue
            want[(i, j)] = (v, f)
    have = set(grid.values) | set(grid.formulas)
    if any(k not in want and grid.value(*k) not in (None, "") for k in have):
        return False
    for (r, c), (v, f) in want.items():
        gf = grid.formula(r, c)
        if f is not None and grid.formulas:
            if (gf or "") != ("=" + f.lstrip("=")):
                return False
            if v is not None and grid.value(r, c) is not None and not _same(grid.value(r, c), v):
                return False
        elif f is not None and v is None:
            continue  # a formula without a known result: its value cannot differ
        elif not _same(grid.value(r, c), v):
            return False
    return True


# --------------------------------------------------------------------------------------------- Perbarui Monev
def rapat_baru(bulan: str, terbawa: list[Masukan], pengaturan: dict | None = None) -> Rapat:
    """The record of a new month: no meeting yet, every open masukan carried with its current status."""
    p = pengaturan or {}
    r = Rapat(bulan=bulan, sheet=nama_sheet(bulan), periode=bl.nama(bulan),
              pimpinan=str(p.get("pimpinan") or ""), nip=str(p.get("nip") or ""), jabatan=str(p.get("jabatan") or ""))
    r.tindak_lanjut = [TindakLanjut(id=m.id, bulan=bulan, bulan_asal=m.bulan_asal, asal_teks=m.asal_teks,
                                    masukan=m.masukan, status_awal=m.status) for m in terbawa]
    return r


def edits_pengaturan(monev: Monev, grids: dict[str, Grid], berkas_ra: str | None) -> list[Edit]:
    """Remember the rencana aksi given on the command line in an empty 'Berkas rencana aksi' cell."""
    p = monev.pengaturan
    ref = p.get("sel", {}).get("rencana_aksi")
    if not berkas_ra or not ref or p.get("rencana_aksi") or p.get("sheet") not in grids:
        return []
    return [SetCell(p["sheet"], ref, berkas_ra)]

