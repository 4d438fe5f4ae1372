"""Hitung Nilai into the user's workbook: the "Hasil Hitung" and "Riwayat" sheets, as :mod:`zi_xl.xlsx.edits`.

:func:`edits_hasil` turns a :class:`~zi_xl.lke.model.HasilLKE` into two edits — a :class:`ReplaceSheet` "Hasil Hitung"
(area table against the WBK/WBBM minimums, total, predikat with the criteria not met, warnings, anomalies, and a
native chart of area % against the minimums) and an :class:`AppendRows` "Riwayat" (one row per run). The official
sheets are never edited. The book that was read applies them (:meth:`zi_xl.xlsx.book.Book.apply`).

Example::

    book = Book.open("LKE.xlsx")
    hasil = read_lke(book)
    book.apply(edits_hasil(hasil, waktu=datetime(2022, 6, 30, 9, 0)))   # LKE.xlsx.bak keeps the original
"""

from __future__ import annotations

import datetime as dt
import os

from .. import __version__
from ..teks import angka
from ..xlsx.edits import AppendRows, Cell, ChartSeries, ChartSpec, Edit, ReplaceSheet, Style
from .model import HasilLKE

SHEET_HASIL = "Hasil Hitung"
SHEET_RIWAYAT = "Riwayat"
RIWAYAT_HEADER = ["Waktu", "Versi LKE", "Versi zi-xl", "Jawaban", "Pengungkit", "Hasil", "Total", "Predikat"]

_H = Style(bold=True, fill="DDEBF7", border=True, wrap=True)
_T = Style(bold=True, font_size=14)
_B = Style(bold=True)
_N = Style(num_format="0.00", border=True)
_P = Style(num_format="0.0%", border=True)
_X = Style(border=True, wrap=True)
_GAGAL = Style(fill="FFC7CE", border=True, wrap=True)
_OK = Style(fill="C6EFCE", border=True, wrap=True)


def _v(x):
    """Anything from the computation as a cell value: numbers stay numbers, everything else is text."""
    if x is None or isinstance(x, bool | int | float):
        return x
    return str(x)


def area_rows(hasil: HasilLKE) -> list[tuple[str, float | None, float, float | None, float | None, float | None]]:
    """(area name, nilai, bobot, % of weight, WBK minimum %, WBBM minimum %) per area perubahan."""
    return [(a.nama, a.nilai, a.bobot, a.persen, a.minimum.get("WBK"), a.minimum.get("WBBM"))
            for a in hasil.predikat.area]


def sheet_hasil(hasil: HasilLKE, waktu: dt.datetime) -> ReplaceSheet:
    rows: list[list] = [
        [Cell("Hasil Hitung Nilai LKE Zona Integritas", style=_T)],
        ["Berkas", os.path.basename(hasil.berkas)],
        ["Sheet LKE", hasil.sheet],
        ["Versi LKE", hasil.rules.nama],
        ["Jawaban", f"{hasil.penilaian.label} (kolom {hasil.penilaian.kolom})"],
        *[[f"{o.label} (kolom {o.kolom})",
           o.ringkas() if o.kosong else f"nilai {angka(o.skor.total)}, predikat {o.hasil}"] for o in hasil.lainnya],
        ["Dihitung", Cell(waktu, style=Style(num_format="yyyy-mm-dd hh:mm", align="left"))],
        ["Alat", f"zi-xl {__version__} (nilai menurut aturan regulasi, bukan rumus berkas)"],
        [],
        [Cell(h, style=_H) for h in ("Area perubahan", "Bobot", "Nilai", "% bobot", "Minimum WBK",
                                     "Minimum WBBM", "Status")],
    ]
    areas = area_rows(hasil)
    first = len(rows) + 1
    for nama, v, b, p, wbk, wbbm in areas:
        if p is None:
            status, st = "belum diisi", _GAGAL
        elif wbbm is not None and p >= wbbm - 1e-9:
            status, st = "memenuhi minimum WBBM", _OK
        elif wbk is not None and p >= wbk - 1e-9:
            status, st = "memenuhi minimum WBK", _OK
        else:
            status, st = "di bawah minimum WBK", _GAGAL
        rows.append([Cell(nama, style=_X), Cell(b, style=_N), Cell(v, style=_N), Cell(p, style=_P),
                     Cell(wbk, style=_P), Cell(wbbm, style=_P), Cell(status, style=st)])
    last = len(rows)
    rows.append([])
    for label, peran in (("Pengungkit", "pengungkit"), ("Hasil", "hasil"), ("Nilai total", "total")):
        rows.append([Cell(label, style=_B), None, Cell(hasil.nilai(peran), style=_N)])
    rows.append([])
    p = hasil.predikat
    rows.append([Cell("Predikat", style=_B), Cell(hasil.penilaian.hasil or "belum dapat ditentukan",
                                                  style=Style(bold=True, font_size=12))])
    rows.append(["Ringkasan", hasil.penilaian.ringkas()])
    rows.append([])
    rows.append([Cell(h, style=_H) for h in ("Syarat", "Predikat", "Batas", "Nilai", "Terpenuhi",
                                             "Batas terkonfirmasi", "Catatan")])
    for s in p.syarat:
        pct = "% bobot" in s.syarat
        fmt = _P if pct else _N
        st = _OK if s.terpenuhi else _GAGAL
        rows.append([Cell(s.syarat, style=st), Cell(s.predikat, style=_X),
                     Cell(_v(s.batas), style=fmt), Cell(_v(s.nilai), style=fmt),
                     Cell("ya" if s.terpenuhi else "TIDAK", style=st),
                     Cell("ya" if s.terkonfirmasi else "belum", style=_X), Cell(_v(s.catatan), style=_X)])
    rows.append([])
    rows.append([Cell(f"Peringatan ({len(hasil.peringatan)})", style=_B)])
    if hasil.peringatan:
        rows.append([Cell(h, style=_H) for h in ("Sheet", "Sel", "Pesan")])
        for w in hasil.peringatan:
            rows.append([Cell(_v(w.sheet), style=_X), Cell(_v(w.sel), style=_X), Cell(_v(w.pesan), style=_X)])
    else:
        rows.append(["tidak ada"])
    rows.append([])
    rows.append([Cell(f"Anomali rumus berkas ({len(hasil.anomali)}) — nilai di atas mengikuti aturan",
                      style=_B)])
    if hasil.anomali:
        rows.append([Cell(h, style=_H) for h in ("Sheet", "Sel", "Nilai berkas", "Nilai aturan", "Pesan")])
        for a in hasil.anomali:
            rows.append([Cell(_v(a.sheet), style=_X), Cell(_v(a.sel), style=_X), Cell(_v(a.nilai_berkas), style=_X),
                         Cell(_v(a.nilai_aturan), style=_N), Cell(_v(a.pesan), style=_X)])
    else:
        rows.append(["tidak ada"])
    cats, rng = f"A{first}:A{last}", lambda col: f"{col}{first}:{col}{last}"
    chart = ChartSpec(kind="column", title="Capaian area (% bobot) dan minimum predikat",
                      series=[ChartSeries("% bobot", cats, rng("D"), color="4472C4"),
                              ChartSeries("Minimum WBK", cats, rng("E"), color="ED7D31", kind="line"),
                              ChartSeries("Minimum WBBM", cats, rng("F"), color="70AD47", kind="line")],
                      anchor="I2", width=720, height=380, y_max=1.0, y_num_format="0%")
    widths = {"A": 44, "B": 12, "C": 12, "D": 12, "E": 14, "F": 14, "G": 60}
    return ReplaceSheet(SHEET_HASIL, rows=rows, widths=widths, chart=chart)


def riwayat_row(hasil: HasilLKE, waktu: dt.datetime) -> list:
    return [waktu, hasil.rules.versi, __version__, hasil.penilaian.jawaban, hasil.nilai("pengungkit"),
            hasil.nilai("hasil"), hasil.nilai("total"), hasil.predikat.hasil]


def edits_hasil(hasil: HasilLKE, waktu: dt.datetime) -> list[Edit]:
    """The edits "Hitung Nilai --tulis" applies: the Hasil Hitung sheet and one Riwayat row, stamped ``waktu``
    (the time of the run, given by the caller)."""
    waktu = waktu.replace(microsecond=0)
    return [sheet_hasil(hasil, waktu),
            AppendRows(SHEET_RIWAYAT, rows=[riwayat_row(hasil, waktu)], header=RIWAYAT_HEADER,
                       widths={"A": 18, "B": 10, "C": 11, "D": 9, "E": 12, "F": 12, "G": 12, "H": 16})]
