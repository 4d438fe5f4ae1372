"""The report's wording: a plain-text template (``data/templat-laporan.txt``) the user copies and edits, with
``{isian}`` placeholders filled from the workbooks (pure, apart from reading the file).

The format (explained in the template's own header, in Indonesian)::

    # a comment
    [latar_belakang]                  ← a section; a section left out keeps the shipped text
    First paragraph, lines joined
    into one.

    1. a numbered item                ← "1." / "a." / "-" items; numbers and letters are renumbered
    2. {regulasi};                    ← a list line naming a list placeholder repeats for each of its values

:func:`baca` reads and checks a template (unknown sections or placeholders are errors naming the file and line);
:func:`isi` fills one section into blocks (:class:`Teks` paragraphs and lists).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ..errors import ZiError

NAMA_BERKAS = "templat-laporan.txt"

#: the sections, in document order, and what they are for (the template's header explains them to users)
BAGIAN: dict[str, str] = {
    "judul": "judul di halaman sampul (per baris)",
    "sampul": "baris di bawah logo pada halaman sampul (per baris)",
    "kata_pengantar": "kata pengantar",
    "latar_belakang": "BAB I, latar belakang",
    "maksud": "BAB I, maksud",
    "tujuan": "BAB I, tujuan",
    "dasar_hukum": "BAB I, dasar hukum",
    "program_kerja": "BAB II, pengantar program kerja",
    "syarat_predikat": "BAB II, pengantar tabel syarat predikat",
    "rencana_aksi": "BAB III, pengantar rencana aksi",
    "monev": "BAB IV, pengantar pelaksanaan monitoring dan evaluasi",
    "tindak_lanjut": "BAB V, pengantar tindak lanjut",
    "capaian": "BAB VI, pengantar capaian",
    "penutup": "BAB VII, penutup",
}
#: sections printed line by line (the cover)
PER_BARIS = ("judul", "sampul")
#: the placeholders a template may use
ISIAN = ("unit", "unit_kapital", "semester", "tahun", "periode", "tanggal_akhir", "regulasi_utama", "predikat",
         "nilai_total", "jumlah_rapat", "jumlah_masukan", "persen_tindak_lanjut", "jumlah_aksi",
         "persen_aksi_selesai", "aksi_terlambat")
#: the list placeholders: a list line naming one is repeated for each value
ISIAN_DAFTAR = ("regulasi", "area")

_BAGIAN = re.compile(r"^\[\s*([A-Za-z_ ]+?)\s*\]\s*$")
_ISIAN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
_BUTIR = re.compile(r"^\s*(?:(\d{1,3})[.)]|([a-z])[.)]|([-•*]))\s+(.*)$")


@dataclass
class Baris:
    """One line of a section as written: its number in the file, its text."""

    nomor: int
    teks: str


@dataclass
class Templat:
    """A parsed template: section name → its lines (blank lines kept as ""), and where it came from."""

    bagian: dict[str, list[Baris]]
    berkas: str
    milik_pengguna: bool = False


@dataclass
class Teks:
    """A block of filled text: a paragraph (``jenis`` "paragraf"), a list ("angka", "huruf", "butir") whose
    ``isi`` are its items, or a cover line ("baris")."""

    jenis: str
    isi: list[str] = field(default_factory=list)


@cache
def teks_bawaan() -> str:
    """The shipped template, as text."""
    return resources.files(__package__).joinpath("data", NAMA_BERKAS).read_text(encoding="utf-8")


def bawaan() -> Templat:
    return _parse(teks_bawaan(), NAMA_BERKAS)


def baca(path: str | os.PathLike | None = None) -> Templat:
    """The shipped template, with the sections of the user's template ``path`` (if given) in place of the
    shipped ones. Raises :class:`ZiError` naming the file and line for an unknown section or placeholder."""
    base = bawaan()
    if path is None:
        return base
    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise ZiError("berkas templat tidak ditemukan", berkas=path) from None
    except UnicodeDecodeError:
        raise ZiError("berkas templat harus teks UTF-8 (simpan ulang dari Notepad sebagai UTF-8)",
                      berkas=path) from None
    except IsADirectoryError:
        raise ZiError("templat harus berupa berkas teks, bukan folder", berkas=path) from None
    user = _parse(text, path)
    if not user.bagian:
        raise ZiError("templat tidak memuat satu bagian pun (mis. [latar_belakang])", berkas=path)
    return Templat({**base.bagian, **user.bagian}, path, milik_pengguna=True)


def tulis_templat(path: str | os.PathLike) -> str:
    """Write the shipped template (for the user to copy and edit); returns the path."""
    path = os.fspath(path)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(teks_bawaan())
    return path


def _parse(text: str, berkas: str) -> Templat:
    bagian: dict[str, list[Baris]] = {}
    current: list[Baris] | None = None
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if line.lstrip().startswith("#"):
            continue
        m = _BAGIAN.match(line)
        if m:
            name = m.group(1).strip().lower().replace(" ", "_")
            if name not in BAGIAN:
                raise ZiError(f"baris {no}: bagian [{name}] tidak dikenal (yang dikenal: "
                              f"{', '.join(f'[{b}]' for b in BAGIAN)})", berkas=berkas)
            if name in bagian:
                raise ZiError(f"baris {no}: bagian [{name}] ditulis dua kali", berkas=berkas)
            current = bagian[name] = []
            continue
        if current is None:
            if line.strip():
                raise ZiError(f"baris {no}: teks sebelum bagian pertama; awali dengan nama bagian, mis. "
                              "[kata_pengantar]", berkas=berkas)
            continue
        _periksa_isian(line, no, berkas)
        current.append(Baris(no, line))
    for lines in bagian.values():
        while lines and not lines[-1].teks.strip():
            lines.pop()
        while lines and not lines[0].teks.strip():
            lines.pop(0)
    return Templat(bagian, berkas)


def _periksa_isian(line: str, no: int, berkas: str) -> None:
    for m in _ISIAN.finditer(line):
        name = m.group(1)
        if name is None:
            continue
        if name.strip() not in ISIAN + ISIAN_DAFTAR:
            raise ZiError(f"baris {no}: isian {{{name}}} tidak dikenal (yang dikenal: "
                          f"{', '.join('{' + n + '}' for n in ISIAN + ISIAN_DAFTAR)}; tulis {{{{ dan }}}} untuk "
                          "kurung kurawal biasa)", berkas=berkas)
    if _BUTIR.match(line) is None and any(m.group(1) and m.group(1).strip() in ISIAN_DAFTAR
                                          for m in _ISIAN.finditer(line)):
        raise ZiError(f"baris {no}: isian daftar ({', '.join('{' + n + '}' for n in ISIAN_DAFTAR)}) hanya boleh "
                      "pada baris daftar, mis. '1. {regulasi};'", berkas=berkas)


def _ganti(teks: str, nilai: dict[str, str], daftar_nilai: str | None = None) -> str:
    def sub(m: re.Match) -> str:
        if m.group(0) == "{{":
            return "{"
        if m.group(0) == "}}":
            return "}"
        name = m.group(1).strip()
        if name in ISIAN_DAFTAR:
            return daftar_nilai or ""
        return nilai.get(name, "-")
    return _ISIAN.sub(sub, teks)


def isi(templat: Templat, bagian: str, nilai: dict[str, str], daftar: dict[str, list[str]]) -> list[Teks]:
    """One section filled: paragraphs and lists (or cover lines), placeholders replaced. A list line naming a list
    placeholder becomes one item per value (none when the list is empty)."""
    lines = templat.bagian.get(bagian, [])
    if bagian in PER_BARIS:
        return [Teks("baris", [_ganti(b.teks, nilai).strip()]) for b in lines]
    out: list[Teks] = []
    para: list[str] = []

    def flush_para() -> None:
        if para:
            out.append(Teks("paragraf", [" ".join(para)]))
            para.clear()

    for b in lines:
        text = b.teks.strip()
        if not text:
            flush_para()
            if out and out[-1].jenis != "paragraf":
                out.append(Teks("paragraf", []))      # a blank line ends a list too (removed below)
            continue
        m = _BUTIR.match(text)
        if m:
            flush_para()
            jenis = "angka" if m.group(1) else "huruf" if m.group(2) else "butir"
            body = m.group(4)
            names = [x.group(1).strip() for x in _ISIAN.finditer(body) if x.group(1)]
            listed = next((n for n in names if n in ISIAN_DAFTAR), None)
            items = ([_ganti(body, nilai, v) for v in daftar.get(listed, [])] if listed
                     else [_ganti(body, nilai)])
            if out and out[-1].jenis == jenis:
                out[-1].isi += items
            else:
                out.append(Teks(jenis, items))
            continue
        if out and out[-1].jenis in ("angka", "huruf", "butir") and not para and b.teks[:1].isspace():
            out[-1].isi[-1] += " " + _ganti(text, nilai)  # an indented line continues the item above
            continue
        para.append(_ganti(text, nilai))
    flush_para()
    return [t for t in out if t.isi]
