"""The document as blocks (pure data): what the report says and in which order, independent of Word.

:mod:`.susun` builds a :class:`Dokumen` from a :class:`~zi_xl.laporan.model.Laporan`; :mod:`.word` writes it
with python-docx. Keeping the two apart lets the content be tested without Word and the layout (tata naskah dinas)
live in one module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

#: paper sizes (width, height) in cm: A4, and F4 ("folio") as many pemda print
KERTAS = {"A4": (21.0, 29.7), "F4": (21.5, 33.0)}
#: margins in cm (tata naskah dinas): top, bottom, left, right
MARGIN = {"atas": 2.0, "bawah": 2.5, "kiri": 3.0, "kanan": 2.0}


@dataclass
class Judul:
    """A heading: level 1 = BAB (new page, centred), 2 = sub-chapter, 3 = part of a sub-chapter. Levels 1–2 go
    into the table of contents."""

    teks: str
    tingkat: int = 1


@dataclass
class Paragraf:
    teks: str
    rata: str = "penuh"             # "penuh" (justified), "kiri", "tengah", "kanan"
    tebal: bool = False
    miring: bool = False
    ukuran: float | None = None     # pt; None = body size
    indent: bool = True             # first-line indent (body paragraphs)
    tahan: bool = False             # keep with the next block (a sentence that introduces a table)


@dataclass
class Daftar:
    """A list: ``jenis`` "angka" (1. 2.), "huruf" (a. b.) or "butir" (–)."""

    isi: list[str]
    jenis: str = "angka"


@dataclass
class Sel:
    """A table cell: text, optional smaller second line, bold, fill colour (hex), alignment, column span, size."""

    teks: str
    bawah: str = ""
    tebal: bool = False
    warna: str | None = None
    rata: str = "kiri"
    gabung: int = 1
    ukuran: float | None = None     # pt; None = table size


@dataclass
class Tabel:
    """A table with one header row (repeated on every page). ``lebar``: column widths in cm (sum ≤ text width);
    ``judul``: caption above ("Tabel 2.1 …"); ``catatan``: a note under it (source, legend); ``utuh``: never split
    across pages (for short tables)."""

    kolom: list[str]
    baris: list[list[Sel | str]]
    lebar: list[float]
    judul: str = ""
    catatan: str = ""
    utuh: bool = False              # keep the table on one page (short tables)


@dataclass
class Gambar:
    """A picture (PNG bytes) with its caption under it."""

    png: bytes
    lebar: float                    # cm
    judul: str = ""


@dataclass
class Kotak:
    """A boxed note (the check findings), visibly apart from the report's own text."""

    judul: str
    isi: list[str]
    catatan: str = ""


@dataclass
class BlokTandaTangan:
    """The signature block, right of the page."""

    baris_atas: list[str]           # place and date, position (several lines)
    nama: str
    nip: str


@dataclass
class DaftarIsi:
    """The table of contents (a Word TOC field). ``entri``: (level, text, page) to show before Word or LibreOffice
    updates the field; page "" when not known."""

    judul: str = "DAFTAR ISI"
    entri: list[tuple[int, str, str]] = field(default_factory=list)


@dataclass
class Sampul:
    """The cover: title lines (large, bold), an optional logo, lines under it."""

    judul: list[str]
    bawah: list[str]
    logo: str | None = None


@dataclass
class HalamanBaru:
    pass


@dataclass
class Bagian:
    """A section break: what follows is numbered ``nomor`` ("roman" for the front matter, "angka" for the body,
    None = no page number), starting at 1."""

    nomor: str | None


Blok = Judul | Paragraf | Daftar | Tabel | Gambar | Kotak | BlokTandaTangan | DaftarIsi | Sampul | HalamanBaru | Bagian


@dataclass
class Dokumen:
    """The whole document. ``tanggal``: the date written into the file's properties (the report's own date, never
    the clock, so that two builds are identical)."""

    blok: list[Blok]
    judul: str
    subjek: str
    tanggal: date
    kertas: str = "A4"
    penulis: str = ""

    def judul_daftar_isi(self) -> list[tuple[int, str]]:
        """The headings that go into the table of contents, in order."""
        return [(b.tingkat, b.teks) for b in self.blok if isinstance(b, Judul) and b.tingkat <= 2]
