"""Monev as objects: a month's meeting (:class:`Rapat`) with its new masukan and the follow-up rows of earlier
ones (:class:`TindakLanjut`), each masukan's life (:class:`Masukan`), and the whole ledger (:class:`Monev`).

``Monev`` follows pandas' conventions like :class:`~zi_xl.rencana_aksi.model.RencanaAksi`: ``read_monev(path)``
builds one; ``to_dict()``, ``to_json()`` and ``to_frame()`` turn it into other shapes. The JSON keys are those of
``zi-xl monev status --json`` (stable; checks rely on them)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from . import bulan as bl
from .ringkasan import per_bulan

if TYPE_CHECKING:
    from ..rencana_aksi.model import RencanaAksi
    from .saran import Saran

BELUM, PROSES, SELESAI = "Belum", "Proses", "Selesai"
#: The statuses of a masukan, in the order of tables and drop-downs.
STATUS = (BELUM, PROSES, SELESAI)

_BELUM = re.compile(r"\b(belum|blm|tidak|tdk|open|not)\b")
_SELESAI = re.compile(r"\b(selesai|sudah|sdh|tuntas|done|closed|ditutup|tercapai|terlaksana|terpenuhi|lengkap)\b"
                      r"|100\s*%")
_PROSES = re.compile(r"\b(proses|progres|progress|berjalan|sebagian|ongoing|on going|dikerjakan|pengerjaan|"
                     r"dilaksanakan sebagian|dalam)\b")

#: Keys of one masukan in ``to_dict()`` / ``--json`` (the issue's list).
KUNCI_MASUKAN = ("id", "bulan_asal", "area", "uraian", "masukan", "pic", "status", "tindak_lanjut",
                 "bulan_tindak_lanjut")


def normalisasi_status(teks: object) -> str | None:
    """A STATUS cell as one of :data:`STATUS` ("Sudah" → Selesai, "dalam proses" → Proses, "belum selesai" →
    Belum); None for an empty cell or a text that names none of them."""
    if teks is None:
        return None
    t = " ".join(str(teks).lower().split())
    if not t or re.fullmatch(r"[-–—.\s]*", t):
        return None
    if _BELUM.search(t):
        return BELUM
    if _SELESAI.search(t):
        return SELESAI
    if _PROSES.search(t):
        return PROSES
    return None


@dataclass
class Peringatan:
    """A finding about the workbook, naming where to look."""

    sheet: str | None
    sel: str | None
    pesan: str

    def to_dict(self) -> dict:
        return {"sheet": self.sheet, "sel": self.sel, "pesan": self.pesan}

    def __str__(self) -> str:
        loc = f"{self.sheet}!{self.sel}: " if self.sheet and self.sel else (f"{self.sheet}: " if self.sheet else "")
        return loc + self.pesan


@dataclass
class TindakLanjut:
    """One row of a follow-up table: what was done about masukan ``id`` in month ``bulan``.

    ``status`` is the status this row gives the masukan (see :func:`zi_xl.monev.ledger.status_baris`);
    ``status_tertulis`` the STATUS cell as typed; ``status_awal`` the STATUS TERAKHIR written by the tool (shown, never
    taken as a statement: the ledger already knows it)."""

    id: str | None
    bulan: str                       # month of the sheet where the row is recorded
    sheet: str | None = None
    baris: int | None = None
    no: str = ""
    bulan_asal: str | None = None    # as the row gives it (cell or ID), may be None
    asal_teks: str = ""              # the BULAN ASAL cell as written ("Maret 2022", "Tahun 2021")
    masukan: str = ""                # the masukan text as the row writes it
    teks: str = ""                   # the tindak lanjut written this month ('' = nothing new)
    status_tertulis: str = ""         # the STATUS typed this month ('' = unchanged)
    status_awal: str = ""             # the STATUS TERAKHIR the tool wrote (the status at the month's start)
    status: str | None = None
    bukti: str = ""
    tanggal: date | None = None
    sel_tanggal: str | None = None
    sel_status: str | None = None
    sel_id: str | None = None


@dataclass
class Masukan:
    """A masukan perbaikan from the month it was raised until it is closed. ``id`` is stable: the month it was raised
    and its number there ("2022-03-M2"); a masukan that first appears in a follow-up table without an origin in the
    workbook gets the month it was first followed up and an L-number ("2022-02-L1")."""

    id: str
    bulan_asal: str | None
    no: str = ""
    area: str | None = None
    uraian: str = ""
    masukan: str = ""
    pic: str = ""
    target: str = ""
    keterangan: str = ""
    sheet: str | None = None
    baris: int | None = None
    asal_teks: str = ""
    status: str = BELUM
    tindak_lanjut: str = ""                 # the last tindak lanjut written
    bulan_tindak_lanjut: str | None = None  # the month it was written
    bulan_ditutup: str | None = None
    riwayat: list[TindakLanjut] = field(default_factory=list)

    @property
    def terbuka(self) -> bool:
        return self.status != SELESAI

    def umur(self, bulan: str) -> int | None:
        """Months since it was raised, at ``bulan`` (None without an origin month)."""
        return bl.selisih(self.bulan_asal, bulan) if self.bulan_asal else None

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in KUNCI_MASUKAN}
        for k in ("area", "uraian", "pic", "tindak_lanjut"):
            d[k] = d[k] or None
        return d


@dataclass
class Rapat:
    """One month of monev as recorded in the workbook: the meeting, its new masukan, the follow-up rows.

    ``sel`` maps a field to the cell it was read from (for warnings): "bulan", "tanggal_rapat", "periode",
    "pimpinan", "tabel_baru", "tabel_tl" …"""

    bulan: str
    sheet: str | None = None
    tanggal_rapat: date | None = None
    periode: str = ""
    pimpinan: str = ""
    nip: str = ""
    jabatan: str = ""
    peserta: str = ""
    notulen: str = ""
    unit: str = ""
    masukan: list[Masukan] = field(default_factory=list)
    tindak_lanjut: list[TindakLanjut] = field(default_factory=list)
    rencana_aksi: dict | None = None     # the snapshot written in the sheet: {"per", "terlambat", "persen_selesai"}
    sel: dict[str, str] = field(default_factory=dict)
    dari_tata_letak: str = "bulanan"     # "bulanan" (a sheet per month) or "bagian" (sections of one sheet)

    @property
    def ada_rapat(self) -> bool:
        return self.tanggal_rapat is not None


@dataclass
class Monev:
    """A unit's monev ledger: every month as recorded, every masukan with its current status, the findings, and
    the suggested LKE answers (never written into an LKE)."""

    rapat: list[Rapat]
    masukan: list[Masukan]
    peringatan: list[Peringatan] = field(default_factory=list)
    saran: list[Saran] = field(default_factory=list)
    berkas: str | None = None
    unit: str = ""
    pengaturan: dict = field(default_factory=dict)
    rencana_aksi: RencanaAksi | None = None
    per: date | None = None               # reference date of the rencana aksi figures

    def __len__(self) -> int:
        return len(self.masukan)

    @property
    def bulan_terakhir(self) -> str | None:
        return max((r.bulan for r in self.rapat), default=None)

    def cari(self, id: str) -> Masukan | None:
        return next((m for m in self.masukan if m.id == id), None)

    def terbuka(self) -> list[Masukan]:
        return [m for m in self.masukan if m.terbuka]

    def rapat_bulan(self, bulan: str) -> list[Rapat]:
        return [r for r in self.rapat if r.bulan == bulan]

    def bulan(self) -> list[dict]:
        """Per month from the first to the last: ``{bulan, tanggal_rapat, jumlah_masukan, ditutup, terbuka,
        persen_ditindaklanjuti}`` for the masukan raised that month (see :mod:`.ringkasan`)."""
        return [{k: v for k, v in row.items() if k in _KUNCI_BULAN} for row in per_bulan(self)]

    def to_dict(self) -> dict:
        return {"berkas": self.berkas, "bulan": [_jsonable_row(r) for r in self.bulan()],
                "masukan": [m.to_dict() for m in self.masukan],
                "peringatan": [p.to_dict() for p in self.peringatan],
                "saran_lke": [s.to_dict() for s in self.saran]}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_frame(self):
        """A pandas DataFrame, one row per masukan (columns :data:`KUNCI_MASUKAN`, then ``umur`` at the last month
        and ``sheet``/``baris`` where it was raised)."""
        import pandas as pd

        last = self.bulan_terakhir
        rows = [m.to_dict() | {"umur": m.umur(last) if last else None, "sheet": m.sheet, "baris": m.baris}
                for m in self.masukan]
        return pd.DataFrame(rows, columns=[*KUNCI_MASUKAN, "umur", "sheet", "baris"])


_KUNCI_BULAN = ("bulan", "tanggal_rapat", "jumlah_masukan", "ditutup", "terbuka", "persen_ditindaklanjuti")


def _jsonable_row(row: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, date | datetime) else v) for k, v in row.items()}
