"""Summary of a rencana aksi: counts per status per area and overall, % selesai, overdue list (pure)."""

from __future__ import annotations

from ..area import urutan_area
from .status import KUNCI, SELESAI, STATUS, TERLAMBAT

TANPA_AREA = "(tanpa area)"


def _hitung(aksi: list) -> dict:
    row = {"jumlah": len(aksi)} | {KUNCI[s]: 0 for s in STATUS}
    for a in aksi:
        row[KUNCI[a.status]] += 1
    row["persen_selesai"] = round(100 * row[KUNCI[SELESAI]] / len(aksi), 1) if aksi else 0.0
    return row


def ringkas(aksi: list) -> dict:
    """``{"area": [{"area", "jumlah", <status keys>, "persen_selesai"}], "keseluruhan": {...},
    "terlambat": [{"sheet", "baris", "area", "langkah_aksi", "target_waktu", "tenggat", "penanggung_jawab"}]}``.

    Areas appear in LKE order; actions before any area heading are grouped as "(tanpa area)"."""
    names: list[str] = []
    for a in aksi:
        n = a.area or TANPA_AREA
        if n not in names:
            names.append(n)
    first_seen = {n: i for i, n in enumerate(names)}
    names = sorted(names, key=lambda n: (urutan_area(n), first_seen[n]))
    per_area = [{"area": n} | _hitung([a for a in aksi if (a.area or TANPA_AREA) == n]) for n in names]
    terlambat = [{"sheet": a.sheet, "baris": a.baris, "area": a.area, "langkah_aksi": a.langkah_aksi,
                  "target_waktu": a.target_waktu, "tenggat": a.tenggat.isoformat() if a.tenggat else None,
                  "penanggung_jawab": a.penanggung_jawab or None}
                 for a in aksi if a.status == TERLAMBAT]
    return {"area": per_area, "keseluruhan": _hitung(aksi), "terlambat": terlambat}
