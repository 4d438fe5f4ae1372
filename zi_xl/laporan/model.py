"""The semester report as data: what was read from the workbooks (:class:`Laporan`), the signature
(:class:`TandaTangan`) and the findings about the workbooks (:class:`Peringatan`, each naming workbook, sheet and
cell).

``Laporan`` follows pandas' conventions: :func:`zi_xl.laporan.gather.kumpulkan` builds one from the workbooks,
:func:`zi_xl.laporan.buat.tulis_laporan` writes it as a Word document, ``to_dict()``/``to_json()`` give the
stable JSON of ``zi-xl laporan --json``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .semester import Semester

if TYPE_CHECKING:
    from ..lke.model import HasilLKE
    from ..lke.rules import RuleSet
    from ..monev.model import Monev
    from ..rencana_aksi.model import RencanaAksi
    from .templat import Templat

#: the workbooks a report is built from (JSON keys of "sumber")
JENIS = ("lke", "rencana_aksi", "monev")
NAMA_JENIS = {"lke": "LKE", "rencana_aksi": "rencana aksi", "monev": "monev"}


@dataclass
class Peringatan:
    """A finding about the workbooks, listed before writing (and on the report's note page). ``kode`` is stable
    for scripts: "bulan_di_luar_semester", "bulan_tanpa_rapat", "tanpa_tindak_lanjut", "tanda_tangan",
    "tanggal_laporan", "unit_berbeda", "tahun_rencana_aksi", "versi_lke", "lke_kosong", "tanpa_berkas",
    "rencana_aksi", "monev" (a check of the monev ledger itself), "berkas_tidak_terbaca" …"""

    kode: str
    pesan: str
    berkas: str | None = None
    sheet: str | None = None
    sel: str | None = None

    @property
    def lokasi(self) -> str:
        """"monev.xlsx: Monev Maret 2022!C7" (as much as is known)."""
        where = self.sheet + (f"!{self.sel}" if self.sel else "") if self.sheet else ""
        return ": ".join(p for p in (os.path.basename(self.berkas) if self.berkas else "", where) if p)

    def to_dict(self) -> dict:
        return {"kode": self.kode, "berkas": self.berkas, "sheet": self.sheet, "sel": self.sel, "pesan": self.pesan}

    def __str__(self) -> str:
        return f"{self.lokasi}: {self.pesan}" if self.lokasi else self.pesan


@dataclass
class TandaTangan:
    """The signature block: place and date, position, name and NIP (each may come from an option or from the
    settings sheet; ``asal`` says where each was taken from, for the warnings)."""

    tempat: str = ""
    tanggal: date | None = None
    jabatan: str = ""
    nama: str = ""
    nip: str = ""
    asal: dict[str, str] = field(default_factory=dict)     # field → "opsi" | "Pengaturan Monev!C6" | "bawaan"

    def kosong(self) -> list[str]:
        """The fields still empty, in the block's order."""
        return [k for k in ("tempat", "tanggal", "jabatan", "nama", "nip") if not getattr(self, k)]

    def to_dict(self) -> dict:
        return {"tempat": self.tempat or None, "tanggal": self.tanggal.isoformat() if self.tanggal else None,
                "jabatan": self.jabatan or None, "nama": self.nama or None, "nip": self.nip or None}


@dataclass
class Laporan:
    """Everything the report says, read from the workbooks: the LKE result (``lke``; None without an LKE), the
    rule set and thresholds in use, the rencana aksi at the end of the semester, the monev ledger up to the end of
    the semester, the signature, the text template and the findings."""

    semester: Semester
    unit: str
    versi: str
    rules: RuleSet
    batas: dict
    templat: Templat
    tanda_tangan: TandaTangan
    lke: HasilLKE | None = None
    rencana_aksi: RencanaAksi | None = None
    monev: Monev | None = None
    berkas: dict[str, str | None] = field(default_factory=dict)      # jenis → path of the workbook read
    regulasi: list[dict] = field(default_factory=list)                 # {"kode", "judul", "singkat"} in force
    peringatan: list[Peringatan] = field(default_factory=list)
    sel_masukan: dict[str, str] = field(default_factory=dict)         # masukan id → cell of its text
    logo: str | None = None
    kertas: str = "A4"

    @property
    def predikat(self) -> str | None:
        """ "WBBM" | "WBK" | "Tidak memenuhi" of the LKE's headline source, None without answers."""
        return None if self.lke is None else self.lke.penilaian.hasil

    def to_dict(self) -> dict:
        lke = self.lke
        return {
            "semester": self.semester.to_dict(),
            "unit": self.unit or None,
            "versi_lke": self.versi,
            "sumber": {k: self.berkas.get(k) for k in JENIS},
            "nilai_total": None if lke is None or lke.penilaian.kosong else lke.nilai("total"),
            "predikat": self.predikat,
            "tanda_tangan": self.tanda_tangan.to_dict(),
            "templat": self.templat.berkas if self.templat.milik_pengguna else None,
            "peringatan": [p.to_dict() for p in self.peringatan],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
