"""Indonesian text for numbers, percentages and dates — the one place every message, sheet and report uses.

    >>> angka(1234.5), angka(1.125), angka(-0.005)
    ('1.234,50', '1,13', '-0,01')
    >>> persen(0.6125)
    '61,3%'
    >>> tanggal(date(2022, 6, 30)), tanggal_pendek(date(2022, 6, 30))
    ('30 Juni 2022', '30/06/2022')
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from .errors import ZiError

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


def jsonable(v):
    """A value for strict JSON, for scripts: NaN/inf → None (``null``, never ``NaN``), dates as ISO text (a datetime at
    midnight as a date), dicts/lists/tuples walked."""
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [jsonable(x) for x in v]
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, datetime):
        return v.date().isoformat() if v.time() == datetime.min.time() else v.isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return v


def json_ketat(obj, indent: int | None = 2) -> str:
    """``obj`` as strict JSON text (UTF-8 kept, see :func:`jsonable`)."""
    return json.dumps(jsonable(obj), ensure_ascii=False, indent=indent, allow_nan=False)


def baca_json(path: str, apa: str):
    """A JSON file the user gives (``apa`` names it: "berkas batas"), or a :class:`~zi_xl.errors.ZiError` naming it
    when it is missing or not JSON."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise ZiError(f"{apa} tidak ditemukan", berkas=path) from None
    except IsADirectoryError:
        raise ZiError(f"{apa} adalah folder, bukan berkas JSON", berkas=path) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ZiError(f"{apa} bukan JSON yang sah: {exc}", berkas=path) from None
