"""The words every sheet, message and report uses for the same thing — one vocabulary, defined once.

Sheets, the CLI and (later) reports import these instead of spelling them: an area that meets only the WBK
minimum is "hanya WBK" everywhere, a criterion met is "Ya" everywhere, a threshold is a "Minimum" everywhere.
"""

from __future__ import annotations

from .teks import BELUM_DIISI

YA, TIDAK = "Ya", "Tidak"                 # a criterion met / not met; a yes/no field
MINIMUM = "Minimum"                       # "Minimum WBK", never "Minimal"/"Batas minimal"
TERPENUHI = "Terpenuhi"

# Which level an area perubahan meets (lke.predikat.NilaiArea.tingkat → words for people)
TINGKAT_AREA = {
    "WBBM": "memenuhi WBBM",
    "WBK": "hanya WBK",
    "belum WBK": "belum WBK",
    BELUM_DIISI: BELUM_DIISI,
}
# and its colour (fill) on every sheet
WARNA_TINGKAT = {"WBBM": "C6EFCE", "WBK": "FFEB9C", "belum WBK": "FFC7CE", BELUM_DIISI: "EDEDED"}
WARNA_YA, WARNA_TIDAK = "C6EFCE", "FFC7CE"

# The verdict as people read it (lke.predikat.Predikat.hasil keeps "Tidak memenuhi" in data and JSON)
PREDIKAT_TAMPIL = {"WBBM": "WBBM", "WBK": "WBK", "Tidak memenuhi": "Belum WBK"}
WARNA_PREDIKAT = {"WBBM": WARNA_TINGKAT["WBBM"], "WBK": WARNA_TINGKAT["WBK"], "Belum WBK": WARNA_TINGKAT["belum WBK"]}
BELUM_TERKONFIRMASI = "batas belum terkonfirmasi dengan teks regulasi"


def ya_tidak(b: bool) -> str:
    return YA if b else TIDAK


def nama_predikat(hasil: str | None) -> str:
    """ "Tidak memenuhi" → "Belum WBK"; None → "belum dapat ditentukan". """
    return PREDIKAT_TAMPIL.get(hasil, hasil) if hasil else "belum dapat ditentukan"


def minimum(predikat: str) -> str:
    """ "Minimum WBK" """
    return f"{MINIMUM} {predikat}"
