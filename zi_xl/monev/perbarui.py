"""Perbarui Monev — the same steps for a file (CLI), a workbook open in Excel (button) and many files (batch):

    book = Book.open("monev.xlsx")                                     # or LiveBook(xw_book)
    ra = muat_rencana_aksi(book.berkas, book.grids, "RA.xlsx")          # or None: the link in 'Pengaturan Monev'
    p = rencanakan(book.grids, book.berkas, "2022-06", hari_ini=date(2022, 6, 14), rencana_aksi=ra)
    book.apply(p.edits)                                                 # nothing when p.edits == []

:func:`rencanakan` reads the ledger, and when the month has no sheet yet builds it: every masukan open at the start
of the month carried forward (origin month, age, last tindak lanjut, current status), empty rows for the new
masukan, and the rencana aksi snapshot at the month's reference date (``hari_ini`` moved into the month). It then
rebuilds "Ringkasan Monev" from the ledger *as a fresh read of the updated workbook would give it* — the new sheet
is read back through the reader — and leaves it out when the workbook already holds exactly that. So a second run
for the same month (same day, same files) makes no edit at all. A month's existing sheet is never rewritten.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime

from ..errors import ZiError
from ..rencana_aksi.reader import read_rencana_aksi
from ..xlsx.edits import Cell, Edit, ReplaceSheet
from ..xlsx.grid import Grid
from . import bulan as bl
from .ledger import terbuka_pada
from .model import Masukan, Monev, Peringatan
from .reader import (
    SHEET_RINGKASAN,
    baca_monev,
    berkas_rencana_aksi,
    from_grids,
    pengaturan,
    rapat_dari_grid,
    susun_monev,
)
from .ringkasan import keseluruhan
from .sheets import (
    BARIS_KOSONG_BARU,
    BARIS_KOSONG_TL,
    cuplikan_rencana_aksi,
    edits_pengaturan,
    lembar_bulan,
    lembar_ringkasan,
    nama_sheet,
    rapat_baru,
    sama_isi,
)

#: The plan is read once with a placeholder reference date (never the clock); every use takes it at its own date
#: with ``RencanaAksi.pada``.
_TANPA_ACUAN = date(2000, 1, 1)


@dataclass
class Rencana:
    """What an update does: the month, its sheet (new or existing), what was carried, the ledger after it, and the
    edits to apply (empty: nothing to change)."""

    bulan: str
    sheet: str
    sheet_baru: bool
    dibawa: list[Masukan]
    monev: Monev
    edits: list[Edit] = field(default_factory=list)
    per: date | None = None
    ringkasan_baru: bool = False


def cek_bulan(bulan: str) -> str:
    """``bulan`` as "YYYY-MM", or a :class:`ZiError` in Indonesian."""
    b = str(bulan).strip()
    if not bl.sah(b):
        raise ZiError(f"bulan '{bulan}' tidak sah; pakai format TTTT-BB, mis. 2022-06")
    return b


def grid_dari_spec(spec: ReplaceSheet, berkas: str | None = None) -> Grid:
    """A sheet spec as the reader would read it once written (values with formulas' cached values, formulas)."""
    g = Grid(title=spec.name, berkas=berkas)
    for i, row in enumerate(spec.rows, start=1):
        for j, item in enumerate(row, start=1):
            v = item.value if isinstance(item, Cell) else item
            f = item.formula if isinstance(item, Cell) else None
            if isinstance(v, date) and not isinstance(v, datetime):
                v = datetime(v.year, v.month, v.day)
            if v not in (None, ""):
                g.values[(i, j)] = v
            if f is not None:
                g.formulas[(i, j)] = "=" + f.lstrip("=")
            if v not in (None, "") or f is not None:
                g.max_row, g.max_col = max(g.max_row, i), max(g.max_col, j)
    return g


def muat_rencana_aksi(berkas_monev: str | None, grids: dict[str, Grid], rencana_aksi=None,
                      peringatan: list[Peringatan] | None = None):
    """The rencana aksi to link: ``rencana_aksi`` (a path, a Book or a RencanaAksi) when given — its errors are the
    user's — else the file named in "Pengaturan Monev" when it exists (a missing one becomes a warning). Statuses
    are recomputed at each use's own reference date (``RencanaAksi.pada``)."""
    if rencana_aksi is not None:
        if hasattr(rencana_aksi, "ringkasan"):
            return rencana_aksi
        return read_rencana_aksi(rencana_aksi, per=_TANPA_ACUAN)
    setting = pengaturan(grids)
    path = berkas_rencana_aksi(berkas_monev, setting)
    if not path:
        return None
    if not os.path.exists(path):
        if peringatan is not None:
            peringatan.append(Peringatan(setting.get("sheet"), setting.get("sel", {}).get("rencana_aksi"),
                                         f"berkas rencana aksi '{setting.get('rencana_aksi')}' tidak ditemukan "
                                         f"(dicari di {path}); cuplikan rencana aksi dilewati"))
        return None
    return read_rencana_aksi(path, per=_TANPA_ACUAN)


def rencanakan(grids: dict[str, Grid], berkas: str | None, bulan: str, *, hari_ini: date, rencana_aksi=None,
               tahun: int | None = None, ingat_rencana_aksi: str | None = None,
               peringatan: list[Peringatan] | None = None) -> Rencana:
    """Plan "Perbarui Monev" for ``bulan`` ("YYYY-MM") on a workbook's grids (see the module text). ``hari_ini``:
    today (the UI's clock; tests pin it). ``rencana_aksi``: a RencanaAksi (any reference date). ``ingat_rencana_aksi``:
    a path to write into an empty 'Berkas rencana aksi' cell of the settings sheet. ``peringatan``: warnings found
    on the way (a broken link) to add to the ledger's."""
    bulan = cek_bulan(bulan)
    rapat0, read_warns, setting = baca_monev(grids, berkas, tahun)
    monev0 = susun_monev(rapat0, [], berkas=berkas, pengaturan=setting)
    name = nama_sheet(bulan)
    existing = monev0.rapat_bulan(bulan)
    clash = next((n for n in grids if n.casefold() == name.casefold()), None)
    if not existing and clash is not None:
        raise ZiError(f"sheet '{clash}' sudah ada tetapi tidak terbaca sebagai monev {bl.nama(bulan)} (tidak ada "
                      "tabel masukan/tindak lanjut); ganti nama sheet itu lalu ulangi", berkas=berkas, sheet=clash)
    per = bl.dalam_bulan(hari_ini, bulan)
    edits: list[Edit] = []
    dibawa: list[Masukan] = []
    rapat = list(monev0.rapat)
    warns = read_warns + list(peringatan or [])
    if not existing:
        dibawa = terbuka_pada(monev0.rapat, bulan)
        r = rapat_baru(bulan, dibawa, monev0.pengaturan)
        snap = cuplikan_rencana_aksi(rencana_aksi, bulan, per) if rencana_aksi is not None else None
        spec, _ = lembar_bulan(r, dibawa, unit=monev0.unit, ra=snap, kosong_baru=BARIS_KOSONG_BARU,
                               kosong_tl=BARIS_KOSONG_TL)
        read_back, _ = rapat_dari_grid(grid_dari_spec(spec, berkas), tahun)
        rapat += read_back
        edits.append(spec)
    last = max(r.bulan for r in rapat)
    ra_now = rencana_aksi.pada(bl.dalam_bulan(hari_ini, last)) if rencana_aksi is not None else None
    monev1 = susun_monev(rapat, warns, berkas=berkas, pengaturan=monev0.pengaturan,
                         rencana_aksi=ra_now)
    ring, _ = lembar_ringkasan(monev1)
    summary = next((g for n, g in grids.items() if n.casefold() == SHEET_RINGKASAN.casefold()), None)
    baru_ringkasan = not sama_isi(ring, summary)
    if baru_ringkasan:
        edits.insert(0, ring)     # a new summary sheet goes before the new month's sheet
    edits += edits_pengaturan(monev0, grids, ingat_rencana_aksi)
    return Rencana(bulan=bulan, sheet=existing[0].sheet if existing else name, sheet_baru=not existing,
                   dibawa=dibawa, monev=monev1, edits=edits, per=per, ringkasan_baru=baru_ringkasan)


def bulan_otomatis(grids: dict[str, Grid], hari_ini: date, tahun: int | None = None) -> str:
    """The month the Excel button updates: the month after the last monev month, but not past the current month
    (then the last month itself: its summary is refreshed); the current month for a workbook without months."""
    now = bl.dari_tanggal(hari_ini)
    monev = from_grids(grids, tahun=tahun)
    last = monev.bulan_terakhir
    if last is None:
        return now
    return min(bl.geser(last, 1), max(now, last))


def status_monev(grids: dict[str, Grid], berkas: str | None, *, hari_ini: date, per: date | None = None,
                 rencana_aksi=None, tahun: int | None = None) -> Monev:
    """The ledger as read (``zi-xl monev status``), with the suggestions at ``per`` (default: ``hari_ini`` moved
    into the last monev month). ``rencana_aksi``: a path/Book/RencanaAksi, else the settings' link."""
    rapat, warns, setting = baca_monev(grids, berkas, tahun)
    ra = muat_rencana_aksi(berkas, grids, rencana_aksi, warns)
    last = max((r.bulan for r in rapat), default=None)
    if per is None:
        per = bl.dalam_bulan(hari_ini, last) if last else hari_ini
    return susun_monev(rapat, warns, berkas=berkas, pengaturan=setting,
                       rencana_aksi=ra.pada(per) if ra is not None else None)


def ringkas_hasil(monev: Monev) -> dict:
    """The recap figures of one unit: masukan, closed, open, % followed up, overdue actions, warnings."""
    tot = keseluruhan(monev)
    ra = monev.rencana_aksi
    return {"unit": monev.unit or None, "masukan": tot["jumlah_masukan"], "ditutup": tot["ditutup"],
            "terbuka": tot["terbuka"], "persen_ditindaklanjuti": tot["persen_ditindaklanjuti"],
            "aksi_terlambat": ra.ringkasan()["keseluruhan"]["terlambat"] if ra is not None else None,
            "bulan_tanpa_rapat": tot["bulan_tanpa_rapat"], "peringatan": len(monev.peringatan)}
