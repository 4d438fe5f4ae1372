"""Months of monev as keys "YYYY-MM": parse the ways workbooks write a month, name it in Indonesian, count between.

    >>> kenali_bulan("Maret 2022"), kenali_bulan("2022-03"), kenali_bulan("Monev Mar 2022")
    ('2022-03', '2022-03', '2022-03')
    >>> nama("2022-03"), geser("2022-12", 1), selisih("2022-03", "2022-06")
    ('Maret 2022', '2023-01', 3)

Pure: no I/O, no clock. Month names (with old spellings and abbreviations) are those of :mod:`zi_xl.periods`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from ..periods import BULAN as _NAMA_BULAN
from ..teks import nama_bulan

_NAMA = {n: m for m, names in _NAMA_BULAN.items() for n in names}
_KATA_BULAN = "|".join(sorted(_NAMA, key=len, reverse=True))
_ISO = re.compile(r"\b((?:19|20)\d{2})\s*[-/.]\s*(0?[1-9]|1[0-2])\b(?!\s*[-/.]\s*\d)")
_ISO_TANGGAL = re.compile(r"\b((?:19|20)\d{2})-(0?[1-9]|1[0-2])-\d{1,2}\b")
_DMY = re.compile(r"\b\d{1,2}\s*[-/.]\s*(0?[1-9]|1[0-2])\s*[-/.]\s*((?:19|20)\d{2})\b")
_MMYYYY = re.compile(r"(?<![\d/.-])(0?[1-9]|1[0-2])\s*[-/.]\s*((?:19|20)\d{2})\b")
_NAMA_TAHUN = re.compile(rf"\b({_KATA_BULAN})\b\.?\s*(?:tahun\s+|th\.?\s*|')?((?:19|20)\d{{2}}\b|\d{{2}}$)?")
_TAHUN = re.compile(r"\b((?:19|20)\d{2})\b")


def format_bulan(tahun: int, bulan: int) -> str:
    return f"{tahun:04d}-{bulan:02d}"


def dari_tanggal(d: date | datetime) -> str:
    return format_bulan(d.year, d.month)


def kenali_bulan(nilai: object, tahun: int | None = None) -> str | None:
    """The month a cell or a sheet name names ("2022-03", "03/2022", "Maret 2022", "Bulan Mar 2022", a date), or
    None. A month name without a year takes ``tahun`` when given."""
    if isinstance(nilai, datetime | date):
        return dari_tanggal(nilai)
    if nilai is None:
        return None
    teks = " ".join(str(nilai).lower().split())
    m = _ISO_TANGGAL.search(teks) or _ISO.search(teks)
    if m:
        return format_bulan(int(m.group(1)), int(m.group(2)))
    m = _DMY.search(teks) or _MMYYYY.search(teks)
    if m:
        return format_bulan(int(m.group(2)), int(m.group(1)))
    m = _NAMA_TAHUN.search(teks)
    if m:
        bln = _NAMA[m.group(1)]
        th = m.group(2)
        if th is not None:
            y = int(th)
            return format_bulan(y + 2000 if y < 100 else y, bln)
        if tahun is not None:
            return format_bulan(tahun, bln)
    return None


def bulan_saja(teks: str) -> int | None:
    """The month number of the first month name in ``teks`` ("Bulan Maret" → 3), or None."""
    m = _NAMA_TAHUN.search(" ".join(str(teks).lower().split()))
    return _NAMA[m.group(1)] if m else None


def tahun_dalam(teks: str) -> int | None:
    m = _TAHUN.search(str(teks))
    return int(m.group(1)) if m else None


def sah(bulan: str) -> bool:
    """True for a well-formed key "YYYY-MM"."""
    return bool(re.fullmatch(r"(19|20)\d{2}-(0[1-9]|1[0-2])", bulan or ""))


def pisah(bulan: str) -> tuple[int, int]:
    y, m = bulan.split("-")
    return int(y), int(m)


def nama(bulan: str | None) -> str:
    """"2022-03" → "Maret 2022" (None → "-")."""
    if not bulan:
        return "-"
    y, m = pisah(bulan)
    return f"{nama_bulan(m)} {y}"


def geser(bulan: str, n: int) -> str:
    """The month ``n`` months after (negative: before)."""
    y, m = pisah(bulan)
    k = y * 12 + (m - 1) + n
    return format_bulan(k // 12, k % 12 + 1)


def selisih(dari: str, ke: str) -> int:
    """Months from ``dari`` to ``ke`` ("2022-03" → "2022-06" = 3)."""
    (y1, m1), (y2, m2) = pisah(dari), pisah(ke)
    return (y2 * 12 + m2) - (y1 * 12 + m1)


def rentang(dari: str, ke: str) -> list[str]:
    """Every month from ``dari`` to ``ke`` inclusive."""
    return [geser(dari, i) for i in range(selisih(dari, ke) + 1)]


def hari_pertama(bulan: str) -> date:
    y, m = pisah(bulan)
    return date(y, m, 1)


def hari_terakhir(bulan: str) -> date:
    y, m = pisah(bulan)
    return date(y, m, calendar.monthrange(y, m)[1])


def dalam_bulan(d: date, bulan: str) -> date:
    """``d`` moved into the month: before it → its first day, after it → its last day."""
    return min(max(d, hari_pertama(bulan)), hari_terakhir(bulan))
