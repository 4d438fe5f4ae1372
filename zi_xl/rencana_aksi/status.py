"""Status of one action at a reference date (pure; mirrored by the Excel formula in :mod:`.formulas`).

Order of the rules (first match wins):

1. **Selesai** — the REALISASI (or the user's STATUS/PROGRES) cell says done: a date, or an explicit done word
   ("selesai", "sudah", "telah dilaksanakan", "100%" …); negations ("belum", "tidak", "ditunda") and progress
   ("50%", "sedang berjalan", "on going") are not done (:func:`baca_realisasi`).
2. **Berkelanjutan** — recurring target waktu ("Setiap bulan"): no single deadline.
3. **Tidak terbaca** — no tenggat (text not understood, or empty).
4. **Terlambat** — tenggat before the reference date.
5. **Jatuh tempo bulan ini** — tenggat in the reference date's month (and not passed).
6. **Belum mulai** — the period starts after the reference date and no progress is reported.
7. **Berjalan** — otherwise (started, or start unknown, and not yet due).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

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

# How a REALISASI (or the user's own STATUS/PROGRES) cell is read — the same lists serve the Excel formula
# (:mod:`.formulas`), so Python and Excel agree. Text is compared lower case and trimmed; words are found anywhere
# in the text (Excel's SEARCH), short marks only as the whole cell.
#: a negation or a postponement: not done, whatever else the text says ("belum selesai", "tidak terlaksana")
KATA_BELUM = ("belum", "blm", "tidak", "tdk", "ditunda", "tunda", "batal", "gagal")
#: progress, partly done ("sedang berjalan", "on going", "50%"); "100%" is done
KATA_PROSES = ("%", "proses", "progres", "sedang", "berjalan", "going", "sebagian", "dalam pelaksanaan")
#: done ("selesai", "sudah", "telah dilaksanakan", a month or a date written as text: "Maret 2022", "20/01/2022")
KATA_SELESAI = ("selesai", "sudah", "telah", "terlaksana", "dilaksanakan", "tercapai", "terpenuhi", "tuntas",
                "rampung", "lengkap", "done", "complete", "finish", "januari", "februari", "pebruari", "maret",
                "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "nopember",
                "desember", "/20")
#: whole-cell marks of done
TANDA_SELESAI = ("ok", "ya", "v", "✓", "√")
_EPOCH = date(1899, 12, 30)   # day 0 of Excel's (1900) date serials
_PERSEN = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")


@dataclass(frozen=True)
class Realisasi:
    """What a REALISASI/STATUS cell says: done, progress (0–1) when given, readable or not."""

    selesai: bool = False
    progres: float | None = None   # a reported percentage, 0–1
    berjalan: bool = False         # reported as in progress ("sedang berjalan", "50%")
    terbaca: bool = True           # False: text the rules cannot read (a warning names the cell)
    kosong: bool = True
    tanggal: date | None = None    # the completion date, when the cell gives one

    def selesai_pada(self, per: date) -> bool:
        """Done by ``per``: a completion date after ``per`` means the action was not done yet then."""
        return self.selesai and (self.tanggal is None or self.tanggal <= per)

    @property
    def mulai(self) -> bool:
        """Work has started: done, reported in progress, or some progress above 0 %."""
        return self.selesai or self.berjalan and self.progres != 0 or bool(self.progres)


def baca_realisasi(nilai: object) -> Realisasi:
    """Read a REALISASI (tanggal selesai) or progress cell strictly: done only on a date or an explicit done word;
    negations and partial progress read as such; anything else is not readable."""
    if nilai is None:
        return Realisasi()
    if isinstance(nilai, bool):
        return Realisasi(selesai=nilai, kosong=False)
    if isinstance(nilai, date | datetime):
        d = nilai.date() if isinstance(nilai, datetime) else nilai
        return Realisasi(selesai=True, kosong=False, tanggal=d)
    if isinstance(nilai, int | float):
        x = float(nilai)
        if x > 366:                                 # a date serial without a date format
            return Realisasi(selesai=True, kosong=False, tanggal=_EPOCH + timedelta(days=int(x)))
        if 0 <= x <= 1:                             # a fraction (a cell formatted as %)
            return Realisasi(selesai=x == 1, progres=x, kosong=False)
        if 1 < x <= 100:                            # a percentage typed as a number
            return Realisasi(selesai=x == 100, progres=x / 100, kosong=False)
        return Realisasi(terbaca=False, kosong=False)
    teks = " ".join(str(nilai).lower().split())    # like Excel's LOWER(TRIM())
    if teks in ("", "-"):
        return Realisasi(kosong=teks == "")
    m = _PERSEN.search(teks)
    progres = min(float(m.group(1).replace(",", ".")) / 100, 1.0) if m else None
    if any(k in teks for k in KATA_BELUM):
        return Realisasi(kosong=False)
    if "100%" in teks.replace(" ", ""):
        return Realisasi(selesai=True, progres=1.0, kosong=False)
    if any(k in teks for k in KATA_PROSES):
        return Realisasi(progres=progres, berjalan=True, kosong=False)
    if teks in TANDA_SELESAI or any(k in teks for k in KATA_SELESAI):
        return Realisasi(selesai=True, kosong=False)
    return Realisasi(terbaca=False, kosong=False)


def realisasi_selesai(nilai: object) -> bool:
    """True when a REALISASI (tanggal selesai) cell says the action is done (:func:`baca_realisasi`)."""
    return baca_realisasi(nilai).selesai


def status_manual_selesai(nilai: object) -> bool:
    """True when a user's own status column says done ("Selesai", "Sudah dilaksanakan", "100%")."""
    return baca_realisasi(nilai).selesai


def hitung_status(per: date, *, tenggat: date | None, mulai: date | None = None, berulang: bool = False,
                  selesai: bool = False, sudah_mulai: bool = False) -> str:
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
    if mulai is not None and mulai > per and not sudah_mulai:
        return BELUM_MULAI
    return BERJALAN


def status_pada(per: date, r: Realisasi, *, tenggat: date | None, mulai: date | None = None,
                berulang: bool = False) -> str:
    """Status at ``per`` of an action whose REALISASI reads ``r``: a completion dated after ``per`` was not done
    (nor started, for all we know) at ``per``."""
    kemudian = r.selesai and not r.selesai_pada(per)
    return hitung_status(per, tenggat=tenggat, mulai=mulai, berulang=berulang, selesai=r.selesai_pada(per),
                         sudah_mulai=r.mulai and not kemudian)
