"""The six *area perubahan* of the komponen pengungkit, defined once for every domain.

Names as PermenPANRB 90/2021 Lampiran II, Tabel 3 (p.43) writes them; keys as the rule sets' ``area`` field;
roman numerals as section rows ("II. PENATAAN TATALAKSANA") use them; short codes for narrow tables.

    >>> kenali_area("IV. PENGUATAN AKUNTABILITAS")
    'akuntabilitas'
    >>> AREA["akuntabilitas"].nama, AREA["akuntabilitas"].singkat
    ('Penguatan Akuntabilitas Kinerja', 'AK')
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    kunci: str          # key used by the rule sets (``Node.area``)
    nama: str           # canonical name (Tabel 3)
    romawi: str         # I … VI
    singkat: str        # MP, PT, SDM, AK, PW, PP
    pola: str           # regular expression matching the name as workbooks write it (normalised text)


#: The areas in LKE order.
DAFTAR: tuple[Area, ...] = (
    Area("manajemen_perubahan", "Manajemen Perubahan", "I", "MP", r"manajemen perubahan"),
    Area("tatalaksana", "Penataan Tatalaksana", "II", "PT", r"penataan tata ?laksana"),
    Area("sdm", "Penataan Sistem Manajemen SDM", "III", "SDM",
         r"penataan (sistem )?manajemen (sdm|sumber daya manusia)( aparatur)?"),
    Area("akuntabilitas", "Penguatan Akuntabilitas Kinerja", "IV", "AK", r"penguatan akuntabilitas( kinerja)?"),
    Area("pengawasan", "Penguatan Pengawasan", "V", "PW", r"penguatan pengawasan"),
    Area("pelayanan", "Peningkatan Kualitas Pelayanan Publik", "VI", "PP",
         r"(peningkatan|penguatan) kualitas pelayanan( publik)?"),
)
AREA: dict[str, Area] = {a.kunci: a for a in DAFTAR}
#: What the short codes mean, for the legend under narrow tables.
LEGENDA_SINGKAT = ", ".join(f"{a.singkat} = {a.nama}" for a in DAFTAR)

_SECTION = re.compile(r"^(area( perubahan)?\s*)?((?:[ivx]+|\d+|[a-f])\s*[.)]?\s+)?(area( perubahan)?\s*)?"
                      r"(?P<nama>.+?)\s*(\(\s*[\d,.]+\s*\))?$")


def _norm(teks: str) -> str:
    s = re.sub(r"[^a-z0-9().,]+", " ", str(teks).lower())
    return re.sub(r"\s+", " ", s).strip()


def kenali_area(teks: str) -> str | None:
    """The area key when ``teks`` names an area perubahan — a section heading ("II. PENATAAN TATALAKSANA",
    "Area IV Penguatan Akuntabilitas", "1 MANAJEMEN PERUBAHAN (8)") or an LKE area row — else None."""
    m = _SECTION.match(_norm(teks))
    if not m:
        return None
    nama = m.group("nama").strip(" .")
    for a in DAFTAR:
        if re.fullmatch(a.pola, nama):
            return a.kunci
    return None


def nama_area(kunci: str | None) -> str:
    """Canonical name of an area key; anything else (a user's own heading) as it is."""
    return AREA[kunci].nama if kunci in AREA else (kunci or "")


def urutan_area(area: str | None) -> int:
    """Sort key of an area key or name: the six areas first, in LKE order."""
    for i, a in enumerate(DAFTAR):
        if area in (a.kunci, a.nama):
            return i
    return len(DAFTAR)
