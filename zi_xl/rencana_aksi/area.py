"""The six area perubahan: canonical names and recognition of section rows ("I. MANAJEMEN PERUBAHAN")."""

from __future__ import annotations

import re

#: Canonical names, in the order of the LKE (and of the seed's BAB III).
AREA = ("Manajemen Perubahan", "Penataan Tatalaksana", "Penataan Sistem Manajemen SDM",
        "Penguatan Akuntabilitas Kinerja", "Penguatan Pengawasan", "Peningkatan Kualitas Pelayanan Publik")
#: Roman numerals used in section rows.
KODE = ("I", "II", "III", "IV", "V", "VI")

_PATTERNS = [
    r"manajemen perubahan",
    r"penataan tata ?laksana",
    r"penataan (sistem )?manajemen (sdm|sumber daya manusia)( aparatur)?",
    r"penguatan akuntabilitas( kinerja)?",
    r"penguatan pengawasan",
    r"(peningkatan|penguatan) kualitas pelayanan( publik)?",
]
_SECTION = re.compile(r"^(area( perubahan)?\s*)?((?:[ivx]+|\d+|[a-f])\s*[.)]?\s+)?(area( perubahan)?\s*)?"
                      r"(?P<nama>.+?)\s*(\(\s*[\d,.]+\s*\))?$")


def _norm(teks: str) -> str:
    s = re.sub(r"[^a-z0-9().,]+", " ", teks.lower())
    return re.sub(r"\s+", " ", s).strip()


def kenali_area(teks: str) -> str | None:
    """Canonical area name when ``teks`` is a section heading such as "II. PENATAAN TATALAKSANA",
    "Area IV Penguatan Akuntabilitas" or "1 MANAJEMEN PERUBAHAN (8)"; otherwise None."""
    m = _SECTION.match(_norm(teks))
    if not m:
        return None
    nama = m.group("nama").strip(" .")
    for canon, pat in zip(AREA, _PATTERNS, strict=True):
        if re.fullmatch(pat, nama):
            return canon
    return None


def urutan_area(nama: str | None) -> int:
    """Sort key: canonical areas first, in LKE order."""
    return AREA.index(nama) if nama in AREA else len(AREA)
