"""Status of one action at a reference date (pure; mirrored by the Excel formula in :mod:`.formulas`).

Order of the rules (first match wins):

1. **Selesai** — realisasi filled (a date, or any text except "belum", "-", "proses" …) or a status column
   that says done ("Selesai", "Sudah", "Terlaksana" …).
2. **Berkelanjutan** — recurring target waktu ("Setiap bulan"): no single deadline.
3. **Tidak terbaca** — no tenggat (text not understood, or empty).
4. **Terlambat** — tenggat before the reference date.
5. **Jatuh tempo bulan ini** — tenggat in the reference date's month (and not passed).
6. **Belum mulai** — the period starts after the reference date.
7. **Berjalan** — otherwise (started, or start unknown, and not yet due).
"""

from __future__ import annotations

import re
from datetime import date, datetime

SELESAI = "Selesai"
TERLAMBAT = "Terlambat"
JATUH_TEMPO = "Jatuh tempo bulan ini"
BERJALAN = "Berjalan"
BELUM_MULAI = "Belum mulai"
BERKELANJUTAN = "Berkelanjutan"
TIDAK_TERBACA = "Tidak terbaca"

#: All statuses, in the order used by tables and summaries.
STATUS = (SELESAI, TERLAMBAT, JATUH_TEMPO, BERJALAN, BELUM_MULAI, BERKELANJUTAN, TIDAK_TERBACA)
#: JSON / DataFrame keys of the statuses.
KUNCI = {SELESAI: "selesai", TERLAMBAT: "terlambat", JATUH_TEMPO: "jatuh_tempo_bulan_ini",
         BERJALAN: "berjalan", BELUM_MULAI: "belum_mulai", BERKELANJUTAN: "berkelanjutan",
         TIDAK_TERBACA: "tidak_terbaca"}

#: REALISASI texts that do NOT mean done (compared lower-case, trimmed). Shared with the Excel formula.
REALISASI_BELUM = ("-", "0", "belum", "belum selesai", "proses", "dalam proses", "on progress", "tidak")

_DONE = re.compile(r"\b(selesai|sudah|terlaksana|tercapai|terpenuhi|done|tuntas|100\s*%)")
_NOT_DONE = re.compile(r"\b(belum|tidak|blm)\b")


def realisasi_selesai(nilai: object) -> bool:
    """True when a REALISASI (tanggal selesai) cell says the action is done."""
    if nilai is None or isinstance(nilai, bool):
        return bool(nilai)
    if isinstance(nilai, date | datetime):
        return True
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    teks = " ".join(str(nilai).lower().split())  # like Excel's LOWER(TRIM())
    return teks != "" and teks not in REALISASI_BELUM


def status_manual_selesai(nilai: object) -> bool:
    """True when a user's own status column says done ("Selesai", "Sudah dilaksanakan", "100%")."""
    if nilai is None:
        return False
    teks = str(nilai).strip().lower()
    return bool(_DONE.search(teks)) and not _NOT_DONE.search(teks)


def hitung_status(per: date, *, tenggat: date | None, mulai: date | None = None, berulang: bool = False,
                  selesai: bool = False) -> str:
    """Status at reference date ``per`` (see the module docstring for the rules)."""
    if selesai:
        return SELESAI
    if berulang:
        return BERKELANJUTAN
    if tenggat is None:
        return TIDAK_TERBACA
    if tenggat < per:
        return TERLAMBAT
    if (tenggat.year, tenggat.month) == (per.year, per.month):
        return JATUH_TEMPO
    if mulai is not None and mulai > per:
        return BELUM_MULAI
    return BERJALAN
