"""Target waktu → dates: a pure parser for the free Indonesian text of a rencana aksi's TARGET WAKTU.

No I/O and no openpyxl here. :func:`parse_target_waktu` turns a cell value into a :class:`TargetWaktu`:

    >>> t = parse_target_waktu("Januari s.d Pebruari 2022")
    >>> t.mulai, t.tenggat
    (datetime.date(2022, 1, 1), datetime.date(2022, 2, 28))
    >>> parse_target_waktu("Setiap ada pertemuan").berulang
    True

Rules:

* ``mulai`` is the first day of the first period named, ``tenggat`` the last day of the last one
  (month → last day of the month; triwulan/semester/year → last day of it; an explicit date → that day).
* Month names in Indonesian and English, their old spellings (Pebruari, Nopember) and abbreviations (Agt, Des …).
* Ranges with ``-``, ``s/d``, ``s.d``, ``sd``, ``sampai (dengan)``, ``hingga``; lists with ``,``/``dan``.
* A missing year is taken from ``tahun`` (the document's year), always with a warning; without ``tahun`` the text
  is not understood.
* Recurring / no-deadline texts ("Setiap bulan", "Berkala", "Rutin", "Sewaktu-waktu" …) → ``berulang=True``
  and no tenggat.
* Anything not understood (an unknown word, an impossible date) gives no dates and a ``peringatan``: the parser
  never presents a guess as a fact.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from .errors import ZiError
from .teks import nama_bulan

__all__ = ["TargetWaktu", "parse_target_waktu", "parse_tanggal", "nama_bulan", "BULAN"]

BULAN: dict[int, tuple[str, ...]] = {
    1: ("januari", "jan", "janu", "january"),
    2: ("februari", "pebruari", "febuari", "pebuari", "feb", "peb", "febr", "pebr", "february"),
    3: ("maret", "mar", "mrt", "march"),
    4: ("april", "apr", "aprl"),
    5: ("mei", "may"),
    6: ("juni", "jun", "june"),
    7: ("juli", "jul", "july"),
    8: ("agustus", "agt", "agu", "ags", "agst", "agus", "agust", "aug", "august"),
    9: ("september", "sep", "sept", "spt", "sepember"),
    10: ("oktober", "okt", "oct", "october", "oktb"),
    11: ("november", "nopember", "nov", "nop", "nopem", "novem"),
    12: ("desember", "des", "dec", "december", "desem"),
}
_MONTH = {name: n for n, names in BULAN.items() for name in names}


_QUARTER = {"triwulan", "tw", "trw", "triw", "kuartal", "q"}
_SEMESTER = {"semester", "smt", "sem", "smstr", "smtr"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ORDINAL = {"pertama": 1, "kesatu": 1, "satu": 1, "kedua": 2, "dua": 2, "ketiga": 3, "tiga": 3,
            "keempat": 4, "empat": 4}
# Words that carry no date information of their own ("Bulan Maret Tahun 2022", "akhir Desember 2022").
_FILLER = {"tahun", "thn", "th", "ta", "anggaran", "bulan", "bln", "tanggal", "tgl", "pada", "akhir", "ke",
           "dari", "mulai", "periode"}

# Recurring or open-ended texts: no single deadline.
_RECURRING = re.compile(
    r"\b(setiap|tiap|tiap-tiap|berkala|rutin|sewaktu|terus[\s-]*menerus|berkelanjutan|kontinu|kontinyu|"
    r"insidental|insidentil|situasional|kondisional|menyesuaikan|harian|mingguan|bulanan|triwulanan|"
    r"semesteran|tahunan|sepanjang\s+waktu|(bila|jika|apabila)\s+(ada|diperlukan|dibutuhkan))\b")

_TOKEN = re.compile(r"""
    (?P<isodate>\b\d{4}-\d{1,2}-\d{1,2}\b)
   |(?P<numdate>\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}\b)
   |(?P<daymon>\b\d{1,2}/\d{1,2}\b)
   |(?P<range>s\s*/\s*d\b\.?|s\s*\.\s*d\b\.?|\bsd\b|sampai\s+dengan|\bsampai\b|\bhingga\b|[-–—~])
   |(?P<sep>[,;&+/]|\bdan\b|\batau\b)
   |(?P<word>[a-z]+)
   |(?P<num>\d+)
""", re.X)


@dataclass(frozen=True)
class TargetWaktu:
    """The meaning of one TARGET WAKTU text.

    ``terbaca`` is False when the text was not understood (then ``peringatan`` says why)."""

    teks: str
    mulai: date | None = None
    tenggat: date | None = None
    berulang: bool = False
    peringatan: str | None = None

    @property
    def terbaca(self) -> bool:
        return self.berulang or self.tenggat is not None


@dataclass
class _Point:
    kind: str  # "day", "month", "quarter", "semester", "year"
    n: int = 0  # month, quarter or semester number
    day: int | None = None
    year: int | None = None
    year_given: bool = False
    errors: list[str] = field(default_factory=list)

    def span(self) -> tuple[date, date]:
        y = self.year
        assert y is not None
        if self.kind == "day":
            d = date(y, self.n, self.day or 1)
            return d, d
        if self.kind == "month":
            first, last = self.n, self.n
        elif self.kind == "quarter":
            first, last = 3 * self.n - 2, 3 * self.n
        elif self.kind == "semester":
            first, last = 6 * self.n - 5, 6 * self.n
        else:
            first, last = 1, 12
        return date(y, first, 1), date(y, last, calendar.monthrange(y, last)[1])


def _not_understood(teks: str, why: str) -> TargetWaktu:
    return TargetWaktu(teks=teks, peringatan=f"target waktu tidak terbaca: {why}")


def parse_target_waktu(nilai: object, tahun: int | None = None) -> TargetWaktu:
    """Parse a TARGET WAKTU cell value (text, ``date``/``datetime`` or a year number).

    ``tahun`` is the document's year, used (with a warning) when the text names no year."""
    if isinstance(nilai, datetime):
        nilai = nilai.date()
    if isinstance(nilai, date):
        return TargetWaktu(teks=nilai.isoformat(), mulai=nilai, tenggat=nilai)
    if isinstance(nilai, bool):
        return _not_understood(str(nilai), "nilai benar/salah, bukan waktu")
    if isinstance(nilai, int | float):
        if float(nilai).is_integer() and 1900 <= nilai <= 2100:
            y = int(nilai)
            return TargetWaktu(teks=str(y), mulai=date(y, 1, 1), tenggat=date(y, 12, 31))
        return _not_understood(str(nilai), "angka, bukan tanggal (format sel bukan tanggal?)")
    teks = "" if nilai is None else str(nilai).strip()
    if not teks:
        return _not_understood(teks, "kosong")
    s = re.sub(r"\s+", " ", teks.lower().replace("\u00a0", " "))
    if _RECURRING.search(s):
        return TargetWaktu(teks=teks, berulang=True)
    s = re.sub(r"\bke\s*-\s*", "ke ", s)
    s = re.sub(r"\bselambat\s*-\s*lambatnya\b|\bpaling\s+lambat\b", " ", s)
    return _parse_text(teks, s, tahun)


def _lex(s: str) -> tuple[list[tuple], list[str]]:
    """Tokens: ("D", d) ("M", m) ("Y", y) ("R", n) ("O", n) ("TW",) ("SEM",) ("-",) (",",) ("DATE", y, m, d)."""
    tokens: list[tuple] = []
    unknown: list[str] = []
    for m in _TOKEN.finditer(s):
        kind, text = m.lastgroup, m.group()
        if kind == "isodate":
            y, mo, d = (int(x) for x in text.split("-"))
            tokens.append(("DATE", y, mo, d))
        elif kind == "numdate":
            d, mo, y = (int(x) for x in re.split(r"[/.\-]", text))
            tokens.append(("DATE", y, mo, d))
        elif kind == "daymon":
            d, mo = (int(x) for x in text.split("/"))
            tokens.append(("DATE", None, mo, d))
        elif kind == "range":
            tokens.append(("-",))
        elif kind == "sep":
            tokens.append((",",))
        elif kind == "num":
            n = int(text)
            if len(text) == 4 and 1900 <= n <= 2100:
                tokens.append(("Y", n))
            elif 1 <= n <= 31 and len(text) <= 2:
                tokens.append(("D", n))
            else:
                unknown.append(text)
        elif text in _MONTH:
            tokens.append(("M", _MONTH[text]))
        elif text in _QUARTER:
            tokens.append(("TW",))
        elif text in _SEMESTER:
            tokens.append(("SEM",))
        elif text in _ROMAN:
            tokens.append(("R", _ROMAN[text]))
        elif text in _ORDINAL:
            tokens.append(("O", _ORDINAL[text]))
        elif text not in _FILLER:
            unknown.append(text)
    return tokens, unknown


def _points(tokens: list[tuple]) -> tuple[list[_Point | str], list[str]]:
    """Group tokens into points and "-" range markers (separators dropped)."""
    items: list[_Point | str] = []
    errors: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ("",)
        k = t[0]
        if k == "DATE":
            _, y, mo, d = t
            items.append(_Point("day", n=mo, day=d, year=y, year_given=y is not None))
        elif k in ("R", "O", "D") and len(items) >= 2 and items[-1] == "-" and isinstance(items[-2], _Point) \
                and items[-2].kind in ("quarter", "semester"):
            kind = items[-2].kind  # "Triwulan I - III", "Semester 1 - 2"
            if 1 <= t[1] <= (4 if kind == "quarter" else 2):
                items.append(_Point(kind, n=t[1]))
            else:
                errors.append(f"nomor {'triwulan' if kind == 'quarter' else 'semester'} tidak sah")
        elif k == "D" and nxt[0] == "M":
            items.append(_Point("day", n=nxt[1], day=t[1]))
            i += 1
        elif k == "D":
            items.append(_Point("day", n=0, day=t[1]))  # month comes from the next point: "1-15 Maret"
        elif k == "M":
            items.append(_Point("month", n=t[1]))
        elif k in ("TW", "SEM"):
            limit = 4 if k == "TW" else 2
            if nxt[0] in ("R", "D", "O") and 1 <= nxt[1] <= limit:
                items.append(_Point("quarter" if k == "TW" else "semester", n=nxt[1]))
                i += 1
            else:
                word = "triwulan" if k == "TW" else "semester"
                errors.append(f"nomor {word} tidak ada atau tidak sah (1–{limit})")
        elif k == "Y":
            # A year completes the yearless points just before it ("Januari-Desember 2022"); alone it is a year.
            back = [p for p in items if isinstance(p, _Point)]
            open_points = []
            for p in reversed(back):
                if p.year is not None:
                    break
                open_points.append(p)
            if open_points and items and isinstance(items[-1], _Point):
                for p in open_points:
                    p.year = t[1]
                    p.year_given = p is items[-1]
            else:
                items.append(_Point("year", year=t[1], year_given=True))
        elif k == "-":
            items.append("-")
        elif k in ("R", "O"):
            errors.append("angka romawi/urutan tanpa 'triwulan' atau 'semester'")
        i += 1
    return items, errors


def _parse_text(teks: str, s: str, tahun: int | None) -> TargetWaktu:
    tokens, unknown = _lex(s)
    if unknown:
        return _not_understood(teks, "kata tidak dikenal: " + ", ".join(f"'{u}'" for u in unknown))
    items, errors = _points(tokens)
    if errors:
        return _not_understood(teks, "; ".join(errors))
    points = [p for p in items if isinstance(p, _Point)]
    if not points:
        return _not_understood(teks, "tidak ada bulan, tanggal, triwulan, semester atau tahun")
    warnings: list[str] = []
    # Days without a month take the month of the next point ("1-15 Maret 2022").
    for idx, p in enumerate(points):
        if p.kind == "day" and p.n == 0:
            later = next((q for q in points[idx + 1:] if q.kind in ("day", "month") and q.n), None)
            if later is None:
                return _not_understood(teks, f"tanggal {p.day} tanpa bulan")
            p.n = later.n
            if p.year is None:
                p.year = later.year
    # Yearless points: nearest earlier point's year, else the document's year (said in a warning).
    last_year: int | None = None
    for p in points:
        if p.year is None and last_year is not None:
            p.year = last_year
        last_year = p.year if p.year is not None else last_year
    if any(p.year is None for p in points):
        if tahun is None:
            return _not_understood(teks, "tahun tidak disebut dan tahun dokumen tidak diketahui")
        for p in points:
            if p.year is None:
                p.year = tahun
        warnings.append(f"tahun tidak disebut; dianggap {tahun} (tahun dokumen)")
    try:
        spans = [p.span() for p in points]
    except ValueError:
        bad = next(p for p in points if not _valid(p))
        month = nama_bulan(bad.n) if 1 <= bad.n <= 12 else f"bulan ke-{bad.n}"
        return _not_understood(teks, f"tanggal tidak ada di kalender: {bad.day} {month} {bad.year}")
    # "November - Januari 2022": the start shares the end's year but lies after it → previous year.
    for idx, item in enumerate(items):
        if item == "-" and 0 < idx < len(items) - 1:
            a, b = items[idx - 1], items[idx + 1]
            if isinstance(a, _Point) and isinstance(b, _Point) and not a.year_given and a.year == b.year:
                ia, ib = points.index(a), points.index(b)
                if spans[ia][0] > spans[ib][1]:
                    a.year -= 1
                    spans[ia] = a.span()
                    warnings.append(f"awal rentang dianggap tahun {a.year}")
    mulai = min(sp[0] for sp in spans)
    tenggat = max(sp[1] for sp in spans)
    return TargetWaktu(teks=teks, mulai=mulai, tenggat=tenggat, peringatan="; ".join(warnings) or None)


def _valid(p: _Point) -> bool:
    try:
        p.span()
    except ValueError:
        return False
    return True


def parse_tanggal(nilai: date | datetime | str | None, bawaan: date | None = None) -> date:
    """A reference date given by a user: a date, or ISO text 'YYYY-MM-DD'. ``None`` gives ``bawaan``, which the
    caller must supply (the UI decides what "today" is; nothing below the UI reads the clock)."""
    if nilai is None:
        if bawaan is None:
            raise ZiError("tanggal acuan tidak diberikan")
        return bawaan
    if isinstance(nilai, datetime):
        return nilai.date()
    if isinstance(nilai, date):
        return nilai
    try:
        return date.fromisoformat(str(nilai).strip())
    except ValueError:
        raise ZiError(f"tanggal acuan '{nilai}' tidak sah; pakai format TTTT-BB-HH, mis. 2022-05-31") from None
