"""Indonesian text for numbers, percentages and dates — the one place every message, sheet and report uses.

    >>> angka(1234.5), angka(1.125), angka(-0.005)
    ('1.234,50', '1,13', '-0,01')
    >>> persen(0.6125)
    '61,3%'
    >>> tanggal(date(2022, 6, 30)), tanggal_pendek(date(2022, 6, 30))
    ('30 Juni 2022', '30/06/2022')
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
BELUM_DIISI = "belum diisi"


def angka(x: float | None, nd: int = 2) -> str:
    """78,31 — thousands with a dot, decimals with a comma (None → "belum diisi")."""
    if x is None:
        return BELUM_DIISI
    if isinstance(x, float) and not math.isfinite(x):
        return "-"
    # half away from zero on the shortest decimal form, as Excel shows "0.00" (1,125 → 1,13; 2,675 → 2,68)
    q = Decimal(repr(x) if isinstance(x, float) else x).quantize(Decimal(1).scaleb(-nd), rounding=ROUND_HALF_UP)
    s = f"{abs(q) if q == 0 else q:,.{nd}f}"
    return s.replace(",", "_").replace(".", ",").replace("_", ".")


def persen(x: float | None, nd: int = 1) -> str:
    """A fraction as a percentage: 0.6125 → "61,3%" (None → "-")."""
    return "-" if x is None else angka(x * 100, nd) + "%"


def nama_bulan(n: int) -> str:
    """1 → "Januari"."""
    return BULAN[n - 1]


def tanggal(d: date | datetime | None) -> str:
    """30 Juni 2022 (None → "-")."""
    if d is None:
        return "-"
    return f"{d.day} {nama_bulan(d.month)} {d.year}"


def tanggal_pendek(d: date | datetime | None) -> str:
    """30/06/2022, for narrow columns (None → "-")."""
    return d.strftime("%d/%m/%Y") if d else "-"


def waktu(d: datetime) -> str:
    """30 Juni 2022 14.05 (Indonesian time notation)."""
    return f"{tanggal(d)} {d:%H.%M}"


def potong(teks: object, n: int) -> str:
    """One line of at most ``n`` characters, cut with "…"."""
    t = " ".join(str(teks).split())
    return t if len(t) <= n else t[: n - 1] + "…"
