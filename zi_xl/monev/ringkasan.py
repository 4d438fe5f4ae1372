"""The per-month table of a monev ledger (pure): for every month from the first to the last, the meeting and what
became of the masukan raised that month.

* ``jumlah_masukan`` — masukan raised in the month; ``ditutup`` — of those, closed (status Selesai) by the last
  month; ``terbuka`` — of those, still open; ``persen_ditindaklanjuti`` = ditutup / jumlah_masukan × 100 (one
  decimal; None when nothing was raised).
* A month inside the range without a sheet, or whose sheet has no meeting date, is a month with no meeting
  (``ada_rapat`` False); ``aksi_terlambat``/``persen_ra_selesai`` come from the rencana aksi snapshot written in
  that month's sheet when it was made (None without one).

The same figures fill the "Ringkasan Monev" sheet and ``zi-xl monev status --json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import bulan as bl

if TYPE_CHECKING:
    from .model import Monev

TANPA_BULAN = "(tanpa bulan asal)"


def persen(ditutup: int, jumlah: int) -> float | None:
    return round(100 * ditutup / jumlah, 1) if jumlah else None


def rentang_bulan(monev: Monev) -> list[str]:
    """Every month from the first month with a sheet or a masukan to the last month with a sheet."""
    months = [r.bulan for r in monev.rapat] + [m.bulan_asal for m in monev.masukan if m.bulan_asal]
    if not months:
        return []
    last = max([r.bulan for r in monev.rapat] or months)
    return bl.rentang(min(months), last)


def per_bulan(monev: Monev) -> list[dict]:
    rows = []
    for b in rentang_bulan(monev):
        rapat = monev.rapat_bulan(b)
        raised = [m for m in monev.masukan if m.bulan_asal == b]
        closed = sum(1 for m in raised if not m.terbuka)
        dates = sorted(r.tanggal_rapat for r in rapat if r.tanggal_rapat)
        snap = next((r.rencana_aksi for r in rapat if r.rencana_aksi), None) or {}
        rows.append({
            "bulan": b, "tanggal_rapat": dates[0] if dates else None, "jumlah_masukan": len(raised),
            "ditutup": closed, "terbuka": len(raised) - closed, "persen_ditindaklanjuti": persen(closed, len(raised)),
            "sheet": [r.sheet for r in rapat], "ada_sheet": bool(rapat), "ada_rapat": bool(dates),
            "pimpinan": next((r.pimpinan for r in rapat if r.pimpinan), ""),
            "aksi_terlambat": snap.get("terlambat"), "persen_ra_selesai": snap.get("persen_selesai"),
        })
    return rows


def tanpa_bulan(monev: Monev) -> dict | None:
    """The row of the masukan without an origin month (None when every masukan has one)."""
    items = [m for m in monev.masukan if not m.bulan_asal]
    if not items:
        return None
    closed = sum(1 for m in items if not m.terbuka)
    return {"bulan": TANPA_BULAN, "jumlah_masukan": len(items), "ditutup": closed, "terbuka": len(items) - closed,
            "persen_ditindaklanjuti": persen(closed, len(items))}


def keseluruhan(monev: Monev) -> dict:
    """Totals over every masukan (with or without an origin month) and the months without a meeting (the last month
    is left out of those: its meeting may still be ahead)."""
    n = len(monev.masukan)
    closed = sum(1 for m in monev.masukan if not m.terbuka)
    rows = per_bulan(monev)
    tanpa = [r["bulan"] for r in rows[:-1] if not r["ada_rapat"]]   # the last month may still be under way
    return {"jumlah_masukan": n, "ditutup": closed, "terbuka": n - closed, "persen_ditindaklanjuti": persen(closed, n),
            "bulan": len(rows), "bulan_rapat": sum(1 for r in rows if r["ada_rapat"]), "bulan_tanpa_rapat": tanpa}
