"""Summary of a rencana aksi: counts per status per area and overall, % selesai, overdue list (pure)."""

from __future__ import annotations

from datetime import date, timedelta

from ..area import urutan_area
from .status import BELUM_MULAI, BERJALAN, JATUH_TEMPO, KUNCI, SELESAI, STATUS, TERLAMBAT

TANPA_AREA = "(tanpa area)"
HARI_KE_DEPAN = 30   # "jatuh tempo dalam 30 hari"


def _hitung(aksi: list) -> dict:
    row = {"jumlah": len(aksi)} | {KUNCI[s]: 0 for s in STATUS}
    for a in aksi:
        row[KUNCI[a.status]] += 1
    row["persen_selesai"] = round(100 * row[KUNCI[SELESAI]] / len(aksi), 1) if aksi else 0.0
    return row


def _baris(a) -> dict:
    return {"sheet": a.sheet, "baris": a.baris, "area": a.area, "langkah_aksi": a.langkah_aksi,
            "target_waktu": a.target_waktu, "tenggat": a.tenggat.isoformat() if a.tenggat else None,
            "penanggung_jawab": a.penanggung_jawab or None}


def akan_jatuh_tempo(a, per: date, hari: int = HARI_KE_DEPAN) -> bool:
    """Not done, not late, and due within ``hari`` days of ``per`` (both ends included)."""
    return (a.status in (JATUH_TEMPO, BERJALAN, BELUM_MULAI) and a.tenggat is not None
            and per <= a.tenggat <= per + timedelta(days=hari))


def ringkas(aksi: list, per: date | None = None) -> dict:
    """``{"area": [{"area", "jumlah", <status keys>, "persen_selesai"}], "keseluruhan": {...},
    "terlambat": [{"sheet", "baris", "area", "langkah_aksi", "target_waktu", "tenggat", "penanggung_jawab",
    "terlambat_hari"}], "jatuh_tempo_30_hari": [{... "sisa_hari"}]}``.

    Areas appear in LKE order; actions before any area heading are grouped as "(tanpa area)". The overdue list
    keeps the order of the rows; the coming list is ordered by deadline. With ``per`` None (no reference date)
    the day counts and the coming list are left out."""
    names: list[str] = []
    for a in aksi:
        n = a.area or TANPA_AREA
        if n not in names:
            names.append(n)
    first_seen = {n: i for i, n in enumerate(names)}
    names = sorted(names, key=lambda n: (urutan_area(n), first_seen[n]))
    per_area = [{"area": n} | _hitung([a for a in aksi if (a.area or TANPA_AREA) == n]) for n in names]
    terlambat = [_baris(a) | {"terlambat_hari": (per - a.tenggat).days if per and a.tenggat else None}
                 for a in aksi if a.status == TERLAMBAT]
    datang = sorted((a for a in aksi if per and akan_jatuh_tempo(a, per)), key=lambda a: (a.tenggat, a.baris))
    return {"area": per_area, "keseluruhan": _hitung(aksi), "terlambat": terlambat,
            "jatuh_tempo_30_hari": [_baris(a) | {"sisa_hari": (a.tenggat - per).days} for a in datang]}
