"""Rencana aksi as objects: :class:`Aksi` (one langkah aksi) and :class:`RencanaAksi` (a workbook's plan).

``RencanaAksi`` follows pandas' conventions: ``read_rencana_aksi(path)`` builds one, ``to_frame()``,
``to_dict()``, ``to_json()`` and ``to_excel(path)`` turn it into other shapes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from ..periods import parse_tanggal
from ..teks import json_ketat, jsonable
from .ringkasan import ringkas
from .status import TERLAMBAT, Realisasi, baca_realisasi, status_pada
from .workbook import tulis_rencana_aksi

#: Keys of one action in ``to_dict()`` / ``--json`` (the issue's list, then PIC, realisasi and reported progress).
KUNCI_AKSI = ("sheet", "baris", "area", "komponen", "indikator", "langkah_aksi", "bukti_fisik", "target_waktu",
              "mulai", "tenggat", "berulang", "status", "peringatan", "penanggung_jawab", "realisasi", "progres")


@dataclass
class Aksi:
    """One langkah aksi. ``komponen``/``indikator``/``target_waktu`` are the effective values: carried down
    from the rows above when the cell was blank or merged (``lanjut_*`` says so)."""

    sheet: str
    baris: int
    area: str | None
    langkah_aksi: str
    komponen: str = ""
    indikator: str = ""
    bukti_fisik: str = ""
    target_waktu: str = ""
    no: str = ""
    penanggung_jawab: str = ""
    realisasi: object = None
    keterangan: str = ""
    status_manual: str = ""
    mulai: date | None = None
    tenggat: date | None = None
    berulang: bool = False
    status: str = ""
    peringatan: list[str] = field(default_factory=list)
    lanjut_komponen: bool = False
    lanjut_indikator: bool = False
    lanjut_target: bool = False

    @property
    def capaian(self) -> Realisasi:
        """What REALISASI and the user's own STATUS/PROGRES column say, together (:func:`.status.baca_realisasi`)."""
        a, b = baca_realisasi(self.realisasi), baca_realisasi(self.status_manual)
        return Realisasi(selesai=a.selesai or b.selesai,
                         progres=a.progres if a.progres is not None else b.progres,
                         berjalan=a.berjalan or b.berjalan, terbaca=a.terbaca and b.terbaca,
                         kosong=a.kosong and b.kosong,
                         tanggal=None if b.selesai and b.tanggal is None else a.tanggal or b.tanggal)

    @property
    def selesai(self) -> bool:
        """Done: REALISASI holds a date or a done word, or the user's status column says so."""
        return self.capaian.selesai

    @property
    def progres(self) -> float | None:
        return self.capaian.progres

    def hitung(self, per: date) -> Aksi:
        """Set and return ``status`` at reference date ``per``."""
        self.status = status_pada(per, self.capaian, tenggat=self.tenggat, mulai=self.mulai, berulang=self.berulang)
        return self

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in KUNCI_AKSI}
        d["peringatan"] = "; ".join(self.peringatan) or None
        return jsonable(d)


@dataclass
class RencanaAksi:
    """The actions read from a workbook (or built from data) with their status at ``per``."""

    aksi: list[Aksi]
    per: date
    berkas: str | None = None
    tahun: int | None = None
    judul: str = "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS"
    unit: str = ""
    acuan_tetap: bool = False  # per was given (or fixed in the workbook), not today's date
    peringatan: list[str] = field(default_factory=list)   # about the plan as a whole (e.g. no REALISASI column)
    tanpa_realisasi: list[str] = field(default_factory=list)  # sheets without a column to record completion

    def __len__(self) -> int:
        return len(self.aksi)

    def pada(self, per: date | str) -> RencanaAksi:
        """A copy with every status recomputed at another reference date."""
        per = parse_tanggal(per)
        return replace(self, per=per, aksi=[replace(a, peringatan=list(a.peringatan)).hitung(per)
                                            for a in self.aksi])

    def terlambat(self) -> list[Aksi]:
        return [a for a in self.aksi if a.status == TERLAMBAT]

    def ringkasan(self) -> dict:
        """Counts per status per area and overall, % selesai, and the overdue actions (see :mod:`.ringkasan`)."""
        return ringkas(self.aksi, self.per)

    def to_dict(self) -> dict:
        return {"berkas": self.berkas, "per": self.per.isoformat(), "aksi": [a.to_dict() for a in self.aksi],
                "ringkasan": self.ringkasan(), "peringatan": list(self.peringatan)}

    def to_json(self, indent: int | None = 2) -> str:
        return json_ketat(self.to_dict(), indent)

    def to_frame(self):
        """A pandas DataFrame, one row per action (columns as in :data:`KUNCI_AKSI`; dates as datetime64)."""
        import pandas as pd

        rows = [{k: getattr(a, k) for k in KUNCI_AKSI} | {"peringatan": "; ".join(a.peringatan) or None}
                for a in self.aksi]
        df = pd.DataFrame(rows, columns=list(KUNCI_AKSI))
        for col in ("mulai", "tenggat"):
            df[col] = pd.to_datetime(df[col])
        return df

    def to_excel(self, path, tanggal_acuan: date | str | None = "per") -> str:
        """Write a NEW workbook (sheet 'Rencana Aksi' with live status formulas + 'Ringkasan Rencana Aksi').

        ``tanggal_acuan``: a fixed reference date; None writes ``=TODAY()``; "per" (default) uses ``self.per``
        when it was fixed (``acuan_tetap``), else ``=TODAY()``."""
        if tanggal_acuan == "per":
            tanggal_acuan = self.per if self.acuan_tetap else None
        return tulis_rencana_aksi(path, self, tanggal_acuan=tanggal_acuan)

