"""The cell styles the LKE's analysis sheets share ("Banding Jawaban", "Jalan Menuju WBK/WBBM"): one title, one
header, one body, number formats, and the two colours of the glossary for better/met and worse/failed."""

from __future__ import annotations

from ..istilah import WARNA_TIDAK, WARNA_YA
from ..xlsx.edits import Style

JUDUL = Style(bold=True, font_size=14)
TEBAL = Style(bold=True)
KEPALA = Style(bold=True, fill="DDEBF7", border=True, wrap=True)
TEKS = Style(border=True, wrap=True)
NILAI = Style(num_format="0.00", border=True)
SELISIH = Style(num_format="+0.00;-0.00;0.00", border=True)
PERSEN = Style(num_format="0.0%", border=True)
BAIK = Style(fill=WARNA_YA, border=True, wrap=True)       # higher, met
BURUK = Style(fill=WARNA_TIDAK, border=True, wrap=True)   # lower, failed
