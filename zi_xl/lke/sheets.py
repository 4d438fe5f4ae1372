"""Hitung Nilai into the user's workbook: the "Hasil Hitung" and "Riwayat" sheets, as :mod:`zi_xl.xlsx.edits`.

:func:`edits_hasil` turns a :class:`~zi_xl.lke.model.HasilLKE` into two :class:`ReplaceSheet` edits. "Hasil Hitung"
reads top-down as a ZI admin acts: the predikat and the scores; what stands between the unit and the next predikat
(each failed threshold with its gap in points); the indicators that lose the most points; the areas coloured by the
level they meet, with a chart whose bars say the same; then (page 2) every threshold of both levels side by side,
the other answer sources, warnings and the workbook's own formula anomalies. "Riwayat" keeps one row per run —
scores, predikat and each area's % — under a trend chart; its earlier rows are read back from the workbook. Both
print on A4 by themselves. The official sheets are never edited; the book that was read applies the edits
(:meth:`zi_xl.xlsx.book.Book.apply`).

Example::

    book = Book.open("LKE.xlsx")
    hasil = read_lke(book)
    book.apply(edits_hasil(hasil, datetime(2022, 6, 30, 9, 0), book.grids))   # LKE.xlsx.bak keeps the original
"""

from __future__ import annotations

import datetime as dt
import os

from .. import __version__
from ..area import DAFTAR, kenali_area
from ..istilah import (
    BELUM_TERKONFIRMASI,
    MINIMUM,
    TERPENUHI,
    TINGKAT_AREA,
    WARNA_PREDIKAT,
    WARNA_TIDAK,
    WARNA_TINGKAT,
    WARNA_YA,
    minimum,
    nama_predikat,
    ya_tidak,
)
from ..teks import tanggal, waktu
from ..xlsx.edits import Cell, Cetak, ChartSeries, ChartSpec, Edit, ReplaceSheet, Style
from ..xlsx.grid import Grid
from .model import HasilLKE
from .predikat import Syarat

SHEET_HASIL = "Hasil Hitung"
SHEET_RIWAYAT = "Riwayat"

# Number formats: the cell keeps the exact value, the format rounds it for people. [$-421] = Indonesian.
F_NILAI, F_PERSEN, F_WAKTU = "0.00", "0.0%", "[$-421]d mmmm yyyy hh:mm"

_T = Style(bold=True, font_size=14)
_SEKSI = Style(bold=True, font_size=12, font_color="1F4E79")
_H = Style(bold=True, fill="DDEBF7", border=True, wrap=True, align="center")
_X = Style(border=True, wrap=True)
_N = Style(num_format=F_NILAI, border=True)
_P = Style(num_format=F_PERSEN, border=True)
_CATATAN = Style(italic=True, font_color="595959", wrap=True)
_YA = Style(fill=WARNA_YA, border=True, align="center")
_TIDAK = Style(fill=WARNA_TIDAK, border=True, align="center", bold=True)

#: A..G: names, five numbers, a wide text column. Portrait A4, one page wide.
LEBAR = {"A": 44, "B": 11, "C": 11, "D": 11, "E": 12, "F": 12, "G": 36}


class _Lembar:
    """Rows, merges and page breaks of a sheet being built, with the row number at hand."""

    def __init__(self) -> None:
        self.rows: list[list] = []
        self.merges: list[str] = []
        self.breaks: list[int] = []

    @property
    def n(self) -> int:
        """1-based number of the last row written."""
        return len(self.rows)

    def baris(self, *cells, gabung: str | None = None) -> int:
        """Append a row; ``gabung`` ("B:G") merges those columns of it."""
        self.rows.append(list(cells))
        if gabung:
            a, b = gabung.split(":")
            self.merges.append(f"{a}{self.n}:{b}{self.n}")
        return self.n

    def kosong(self) -> None:
        self.rows.append([])

    def seksi(self, judul: str) -> None:
        self.kosong()
        self.baris(Cell(judul, style=_SEKSI), gabung="A:G")

    def judul(self, *heads: str, gabung: str | None = None) -> None:
        self.baris(*(Cell(h, style=_H) for h in heads), gabung=gabung)


def _v(x):
    """Anything from the computation as a cell value: numbers stay numbers, everything else is text."""
    if x is None or isinstance(x, bool | int | float):
        return x
    return str(x)


def _batas_nilai(s: Syarat, x) -> Cell:
    if isinstance(x, int | float) and not isinstance(x, bool):
        return Cell(x, style=_P if s.area is not None else _N)
    return Cell(_v(x), style=Style(border=True, align="center"))


def _pasangan(syarat: list[Syarat]) -> list[dict[str, Syarat]]:
    """The criteria of both levels side by side: one entry per (kode, area), {"WBK": …, "WBBM": …}."""
    out: dict[tuple, dict[str, Syarat]] = {}
    for s in syarat:
        out.setdefault((s.kode, s.area, s.syarat if s.kode is None else ""), {})[s.predikat] = s
    return list(out.values())


def sheet_hasil(hasil: HasilLKE, waktu_hitung: dt.datetime) -> ReplaceSheet:
    L = _Lembar()
    pen = hasil.penilaian
    p = hasil.predikat
    berkas = os.path.basename(hasil.berkas)
    L.baris(Cell("Hasil Hitung Nilai LKE Zona Integritas", style=_T), gabung="A:G")
    L.baris(Cell(f"{berkas} — sheet {hasil.sheet} — {hasil.rules.nama}", style=_CATATAN), gabung="A:G")
    L.baris(Cell(f"{pen.label} (kolom {pen.kolom}); dihitung {waktu(waktu_hitung)}; nilai menurut aturan regulasi, "
                 "bukan rumus berkas", style=_CATATAN), gabung="A:G")

    # -- the verdict and the scores
    L.kosong()
    if pen.kosong:
        L.baris(Cell("Predikat", style=Style(bold=True, font_size=12)),
                Cell(pen.ringkas(), style=Style(bold=True, wrap=True)), gabung="B:G")
    else:
        tampil = nama_predikat(p.hasil)
        L.baris(Cell("Predikat", style=Style(bold=True, font_size=12)),
                Cell(tampil, style=Style(bold=True, font_size=14, fill=WARNA_PREDIKAT[tampil], border=True,
                                         align="center")),
                None, Cell(p.ringkas(), style=Style(wrap=True)), gabung="D:G")
        L.merges.append(f"B{L.n}:C{L.n}")
    L.kosong()
    L.judul("Nilai", "Bobot", "Nilai", "% bobot")
    for label, peran, bobot in (("Pengungkit", "pengungkit", 60.0), ("Hasil", "hasil", 40.0),
                                ("Nilai total", "total", 100.0)):
        v = hasil.nilai(peran)
        bold = peran == "total"
        L.baris(Cell(label, style=Style(border=True, bold=bold)), Cell(bobot, style=_N),
                Cell(v, style=Style(num_format=F_NILAI, border=True, bold=bold)),
                Cell(None if v is None else v / bobot, style=_P))

    # -- what to fix next
    target = p.target()
    if target and not pen.kosong:
        L.seksi(f"Yang perlu dipenuhi untuk {target}")
        L.judul("Syarat", MINIMUM, "Nilai", "Kurang (poin)", "Yang perlu dicapai", gabung="E:G")
        for s in p.perlu():
            L.baris(Cell(s.syarat, style=_X), _batas_nilai(s, s.batas), _batas_nilai(s, s.nilai),
                    Cell(s.kurang, style=_N), Cell(s.kekurangan(), style=_X), gabung="E:G")
    lemah = hasil.terlemah()
    if lemah and not pen.kosong:
        L.seksi("Indikator dengan nilai hilang terbesar (perbaikan yang paling berdampak)")
        L.judul("Indikator", "Bobot", "Nilai", "Hilang (poin)", "Area perubahan", gabung="E:G")
        for x in lemah:
            L.baris(Cell(x.nama, style=_X), Cell(x.bobot, style=_N), Cell(x.nilai, style=_N),
                    Cell(x.hilang, style=_N), Cell(x.area, style=_X), gabung="E:G")

    # -- areas, coloured by the level they meet, and their chart
    L.seksi("Nilai per area perubahan (Pemenuhan + Reform)")
    L.judul("Area perubahan", "Bobot", "Nilai", "% bobot", minimum("WBK"), minimum("WBBM"), "Tingkat")
    first = L.n + 1
    for a in p.area:
        st = Style(fill=WARNA_TINGKAT[a.tingkat], border=True, wrap=True)
        L.baris(Cell(a.nama, style=_X), Cell(a.bobot, style=_N), Cell(a.nilai, style=_N),
                Cell(a.persen, style=Style(num_format=F_PERSEN, border=True, fill=WARNA_TINGKAT[a.tingkat])),
                Cell(a.minimum.get("WBK"), style=_P), Cell(a.minimum.get("WBBM"), style=_P),
                Cell(TINGKAT_AREA[a.tingkat], style=st))
    last = L.n
    L.baris(Cell("Warna: hijau = memenuhi minimum WBBM; kuning = hanya memenuhi minimum WBK; merah = di bawah "
                 "minimum WBK.", style=_CATATAN), gabung="A:G")
    chart = None
    if p.area:
        L.kosong()
        anchor = L.n + 1
        cats, rng = f"A{first}:A{last}", lambda col: f"{col}{first}:{col}{last}"
        chart = ChartSpec(kind="column", title="Capaian area (% bobot) terhadap minimum predikat",
                          series=[ChartSeries("% bobot", cats, rng("D"), color="4472C4", labels=True,
                                              point_colors=tuple(WARNA_GRAFIK[a.tingkat] for a in p.area)),
                                  ChartSeries(minimum("WBK"), cats, rng("E"), color="ED7D31", kind="line"),
                                  ChartSeries(minimum("WBBM"), cats, rng("F"), color="375623", kind="line")],
                          anchor=f"A{anchor}", width=760, height=330, y_max=1.0, y_num_format="0%")
        for _ in range(18):                # the rows the chart covers
            L.kosong()

    # -- page 2: every threshold of both levels, other sources, warnings, anomalies
    L.kosong()
    L.breaks.append(L.n + 1)
    L.baris(Cell(f"Syarat predikat — {p.sumber.split(';')[0]}", style=_SEKSI), gabung="A:G")
    L.judul("Syarat", minimum("WBK"), f"{TERPENUHI} WBK", minimum("WBBM"), f"{TERPENUHI} WBBM", "Nilai",
            "Keterangan")
    for pas in _pasangan(p.syarat):
        s0 = pas.get("WBK") or pas["WBBM"]
        row = [Cell(s0.syarat.replace(" (% bobot)", ""), style=_X)]
        for lv in ("WBK", "WBBM"):
            s = pas.get(lv)
            if s is None:
                row += [Cell("—", style=Style(border=True, align="center")), Cell("—", style=Style(border=True,
                                                                                                    align="center"))]
            else:
                row += [_batas_nilai(s, s.batas), Cell(ya_tidak(s.terpenuhi), style=_YA if s.terpenuhi else _TIDAK)]
        ket = "; ".join(dict.fromkeys(
            [f"{s.predikat}: {s.kekurangan()}" for s in pas.values() if not s.terpenuhi and not pen.kosong]
            + [s.catatan for s in pas.values() if s.catatan and s.terpenuhi]
            + [BELUM_TERKONFIRMASI for s in pas.values() if not s.terkonfirmasi]))
        L.baris(*row, _batas_nilai(s0, s0.nilai), Cell(ket or None, style=_X))

    if hasil.lainnya:
        L.seksi("Sumber jawaban lain")
        L.judul("Sumber jawaban", "Nilai total", "Predikat", gabung="C:G")
        for o in hasil.lainnya:
            L.baris(Cell(f"{o.label} (kolom {o.kolom})", style=_X), Cell(None if o.kosong else o.skor.total,
                                                                          style=_N),
                    Cell(o.ringkas() if o.kosong else f"{nama_predikat(o.hasil)} — {o.predikat.ringkas()}", style=_X),
                    gabung="C:G")

    L.seksi(f"Peringatan ({len(hasil.peringatan)})")
    if hasil.peringatan:
        L.judul("Letak", "Pesan", gabung="B:G")
        for w in hasil.peringatan:
            letak = f"{w.sheet}!{w.sel}" if w.sel else (w.sheet or "")
            L.baris(Cell(letak, style=_X), Cell(_v(w.pesan), style=_X), gabung="B:G")
    else:
        L.baris("tidak ada")

    L.seksi(f"Rumus berkas yang berbeda dengan aturan ({len(hasil.anomali)})")
    if hasil.anomali:
        L.judul("Letak", "Nilai berkas", "Nilai aturan", "Penjelasan", gabung="D:G")
        for a in hasil.anomali:
            L.baris(Cell(f"{a.sheet}!{a.sel}", style=_X),
                    Cell(_v(a.nilai_berkas), style=_N if isinstance(a.nilai_berkas, int | float) else _X),
                    Cell(a.nilai_aturan, style=_N), Cell(_v(a.pesan), style=_X), gabung="D:G")
        L.baris(Cell("Nilai pada lembar ini mengikuti aturan regulasi; sel di atas perlu diperiksa di berkas.",
                     style=_CATATAN), gabung="A:G")
    else:
        L.baris("tidak ada")

    cetak = Cetak(landscape=False, page_breaks=tuple(L.breaks),
                  header=f"&L{_kode(berkas)}&RDihitung {_kode(tanggal(waktu_hitung))}",
                  footer=f"&L{_kode(SHEET_HASIL)} — zi-xl {__version__}&RHalaman &P dari &N")
    return ReplaceSheet(SHEET_HASIL, rows=L.rows, widths=LEBAR, chart=chart, merges=L.merges, cetak=cetak)


#: bar colours of the area chart, by the level an area meets (stronger than the cell fills)
WARNA_GRAFIK = {"WBBM": "70AD47", "WBK": "FFC000", "belum WBK": "C00000", "belum diisi": "A5A5A5"}


def _kode(text: str) -> str:
    """Text for a header/footer: "&" doubled (Excel reads "&x" as a code)."""
    return text.replace("&", "&&")


# ----------------------------------------------------------------------------------------------------- Riwayat
#: Riwayat columns: (header, width); the six area columns follow, one per area perubahan.
RIWAYAT_KOLOM = [("Waktu", 20), ("Versi LKE", 10), ("Jawaban", 14), ("Pengungkit", 11), ("Hasil", 9),
                 ("Nilai total", 10), ("Predikat", 14)]
RIWAYAT_AREA = [(f"{a.singkat} (% bobot)", 10) for a in DAFTAR]
RIWAYAT_HEADER = [h for h, _ in RIWAYAT_KOLOM + RIWAYAT_AREA]
_F_RIWAYAT = [F_WAKTU, None, None, F_NILAI, F_NILAI, F_NILAI, None] + [F_PERSEN] * len(DAFTAR)


def riwayat_row(hasil: HasilLKE, waktu_hitung: dt.datetime) -> list:
    persen = {a.kunci: a.persen for a in hasil.predikat.area}
    return [waktu_hitung, hasil.rules.versi, hasil.penilaian.label, hasil.nilai("pengungkit"), hasil.nilai("hasil"),
            hasil.nilai("total"), nama_predikat(hasil.penilaian.hasil)] + \
        [persen.get(a.kunci) for a in DAFTAR]


def _riwayat_lama(grid: Grid | None) -> list[list]:
    """Earlier runs from an existing Riwayat sheet, mapped onto today's columns by their headers (older runs
    wrote "Total", "Versi zi-xl" and no area columns)."""
    if grid is None:
        return []
    head: dict[int, int] = {}
    alias = {"total": "Nilai total"}
    for c, text in grid.row_texts(1):
        t = " ".join(text.split())
        t = alias.get(t.lower(), t)
        for i, h in enumerate(RIWAYAT_HEADER):
            if t.lower() == h.lower():
                head[c] = i
        key = kenali_area(t.split("(")[0]) if "%" in t else None
        if key is not None:
            head[c] = len(RIWAYAT_KOLOM) + [a.kunci for a in DAFTAR].index(key)
    out = []
    for r in grid.rows():
        if r == 1:
            continue
        row: list = [None] * len(RIWAYAT_HEADER)
        for c, i in head.items():
            row[i] = grid.value(r, c)
        if any(v not in (None, "") for v in row):
            out.append(row)
    return out


def sheet_riwayat(hasil: HasilLKE, waktu_hitung: dt.datetime, lama: Grid | None) -> ReplaceSheet:
    data = [*_riwayat_lama(lama), riwayat_row(hasil, waktu_hitung)]
    rows: list[list] = [[Cell(h, style=_H) for h in RIWAYAT_HEADER]]
    for d in data:
        rows.append([Cell(v, style=Style(border=True, num_format=f) if f else _X)
                     for v, f in zip(d, _F_RIWAYAT, strict=True)])
    n = len(rows)
    first_area = len(RIWAYAT_KOLOM)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    warna = ("4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47")
    chart = ChartSpec(kind="line", title="Tren capaian area (% bobot) per perhitungan",
                      series=[ChartSeries(RIWAYAT_HEADER[first_area + i], f"A2:A{n}",
                                          f"{letters[first_area + i]}2:{letters[first_area + i]}{n}", color=c)
                              for i, c in enumerate(warna)],
                      anchor=f"A{n + 3}", width=900, height=320, y_max=1.0, y_num_format="0%",
                      x_num_format="[$-421]d mmm yyyy")
    widths = {letters[i]: w for i, (_, w) in enumerate(RIWAYAT_KOLOM + RIWAYAT_AREA)}
    return ReplaceSheet(SHEET_RIWAYAT, rows=rows, widths=widths, chart=chart, freeze="B2",
                        cetak=Cetak(landscape=True, repeat_rows=(1, 1),
                                    footer=f"&L{_kode(SHEET_RIWAYAT)} — {_kode(os.path.basename(hasil.berkas))}"
                                           "&RHalaman &P dari &N"))


def edits_hasil(hasil: HasilLKE, waktu_hitung: dt.datetime, grids: dict[str, Grid]) -> list[Edit]:
    """The edits "Hitung Nilai --tulis" applies: the Hasil Hitung sheet and the Riwayat sheet with one more run,
    stamped ``waktu_hitung`` (the time of the run, given by the caller). ``grids`` are the workbook's sheets as read
    (the earlier Riwayat rows come from there)."""
    waktu_hitung = waktu_hitung.replace(microsecond=0)
    lama = next((g for name, g in grids.items() if name.lower() == SHEET_RIWAYAT.lower()), None)
    return [sheet_hasil(hasil, waktu_hitung), sheet_riwayat(hasil, waktu_hitung, lama)]

