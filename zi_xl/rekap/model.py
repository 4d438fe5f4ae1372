"""The rekap: one row per unit (and per answer source), the files that could not be read, and the ranking.

``Rekap.to_dict()`` is the ``zi-xl rekap --json`` shape: ``unit`` (the headline rows, best total first) — each
``{berkas, unit, versi, sumber, nilai: {pengungkit, hasil, total}, area: [{nama, persen}], predikat, gagal: [syarat…],
belum_diisi, anomali}`` plus ``peringkat``, ``usulan`` (the proposal checklist), ``banding`` (unit − TPI) —,
``sumber_lain`` (the same rows for every other answer source) and ``galat`` (``{berkas, pesan}``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TextIO

from ..lke.model import HasilLKE, Penilaian
from ..teks import json_ketat, jsonable
from .usulan import Usulan, gabung, singkat_syarat


@dataclass
class AreaRekap:
    kunci: str
    nama: str
    persen: float | None
    nilai: float | None
    bobot: float
    minimum: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"nama": self.nama, "persen": self.persen, "nilai": self.nilai, "bobot": self.bobot,
                "minimum_wbk": self.minimum.get("WBK"), "minimum_wbbm": self.minimum.get("WBBM")}


@dataclass
class BarisRekap:
    """One unit's LKE scored with one answer source."""

    berkas: str
    unit: str
    versi: str
    sumber: str                      # "unit", "tpi", "tpi itjen" …
    label: str                       # "Jawaban unit", "Jawaban TPI Itjen"
    nilai: dict[str, float | None]
    area: list[AreaRekap]
    predikat: str | None             # None: no answer at all
    ringkas: str
    gagal: list[str]                 # the thresholds of the next predikat not met
    gagal_singkat: str               # the same, short ("Total, Area MP/PT, IPAK")
    belum_diisi: int
    anomali: int
    utama: bool = True               # the headline source of its file
    sudah_wbk: bool = False
    selisih_tpi: float | None = None      # unit − TPI total (None without TPI answers)
    jawaban_berbeda: int | None = None    # answers that differ between unit and TPI
    usulan: Usulan | None = None
    catatan: str = ""
    peringkat: int | None = None

    @property
    def total(self) -> float | None:
        return self.nilai.get("total")

    @property
    def kosong(self) -> bool:
        """No answer at all in this source: no predikat, no rank."""
        return self.predikat is None or self.total is None

    def to_dict(self) -> dict:
        return jsonable({
            "berkas": self.berkas, "unit": self.unit, "versi": self.versi, "sumber": self.sumber,
            "nilai": dict(self.nilai), "area": [a.to_dict() for a in self.area], "predikat": self.predikat,
            "gagal": list(self.gagal), "belum_diisi": self.belum_diisi, "anomali": self.anomali,
            "peringkat": self.peringkat, "label": self.label, "ringkas": self.ringkas, "sudah_wbk": self.sudah_wbk,
            "banding": {"selisih_total": self.selisih_tpi, "jawaban_berbeda": self.jawaban_berbeda},
            "usulan": self.usulan.to_dict() if self.usulan else None, "catatan": self.catatan or None})


@dataclass
class Galat:
    """A file that could not be read, and why (in Indonesian)."""

    berkas: str
    pesan: str

    def to_dict(self) -> dict:
        return {"berkas": self.berkas, "pesan": self.pesan}


@dataclass
class Rekap:
    baris: list[BarisRekap] = field(default_factory=list)        # headline rows, ranked
    lainnya: list[BarisRekap] = field(default_factory=list)      # other answer sources
    galat: list[Galat] = field(default_factory=list)
    jawaban: str = "unit"                                        # the source asked to headline

    def sumber(self) -> list[tuple[str, str]]:
        """(source, label) of every answer source present, headline first."""
        seen: dict[str, str] = {}
        for b in [*self.baris, *self.lainnya]:
            seen.setdefault(b.sumber, b.label)
        return list(seen.items())

    def per_sumber(self, sumber: str) -> list[BarisRekap]:
        rows = [b for b in [*self.baris, *self.lainnya] if b.sumber == sumber]
        return urutkan(rows)

    def ringkasan(self) -> dict:
        rows = self.baris
        hitung: dict[str, int] = {}
        for b in rows:
            key = b.predikat or "belum diisi"
            hitung[key] = hitung.get(key, 0) + 1
        dapat: dict[str, int] = {}
        for b in rows:
            if b.usulan is not None:
                dapat[b.usulan.dapat] = dapat.get(b.usulan.dapat, 0) + 1
        return {"berkas": len(rows) + len(self.galat), "terbaca": len(rows), "galat": len(self.galat),
                "predikat": hitung, "dapat_diusulkan": dapat}

    def to_dict(self) -> dict:
        return {"jawaban": self.jawaban, "ringkasan": self.ringkasan(), "unit": [b.to_dict() for b in self.baris],
                "sumber_lain": [b.to_dict() for b in self.lainnya], "galat": [g.to_dict() for g in self.galat]}

    def to_json(self, indent: int | None = 1) -> str:
        return json_ketat(self.to_dict(), indent)

    def tulis_json(self, fh: TextIO) -> None:
        """The same JSON as :meth:`to_json`, written row by row: memory stays that of the rows, whatever their
        number (the whole text of a thousand units is never built at once)."""
        def dump(x) -> str:
            return json.dumps(x, ensure_ascii=False, allow_nan=False)

        fh.write("{\n" f' "jawaban": {dump(self.jawaban)},\n "ringkasan": {dump(self.ringkasan())},\n')
        for key, items in (("unit", self.baris), ("sumber_lain", self.lainnya), ("galat", self.galat)):
            fh.write(f' "{key}": [')
            for i, item in enumerate(items):
                fh.write(("\n  " if i == 0 else ",\n  ") + dump(item.to_dict()))
            fh.write("\n ]" if items else "]")
            fh.write(",\n" if key != "galat" else "\n")
        fh.write("}\n")

    def to_frame(self):
        """The headline rows as a pandas DataFrame (pandas is imported only here)."""
        import pandas as pd

        return pd.DataFrame([{"berkas": b.berkas, "unit": b.unit, "versi": b.versi, "sumber": b.sumber,
                              **b.nilai, "predikat": b.predikat, "peringkat": b.peringkat} for b in self.baris])


def urutkan(rows: list[BarisRekap]) -> list[BarisRekap]:
    """Best total first (LKE without any answer last, unranked, then by unit name); ``peringkat`` 1, 2, 2, 4 … (ties
    share a rank)."""
    rows = sorted(rows, key=lambda b: (b.kosong, -(b.total or 0.0), b.unit.lower(), b.berkas))
    prev, rank = None, 0
    for i, b in enumerate(rows, start=1):
        if b.kosong:
            b.peringkat = None
            continue
        if prev is None or abs(b.total - prev) > 1e-9:
            rank = i
        b.peringkat, prev = rank, b.total
    return rows


def gagal_berikut(p: Penilaian) -> list:
    """The thresholds (:class:`~zi_xl.lke.predikat.Syarat`) not met for the next predikat: WBK's for a unit without
    it, WBBM's for a WBK unit."""
    if p.kosong or p.predikat.hasil == "WBBM":
        return []
    return p.predikat.gagal("WBK" if p.predikat.hasil == "Tidak memenuhi" else "WBBM")


def baris_dari(hasil: HasilLKE, p: Penilaian, unit: str, utama: bool) -> BarisRekap:
    """A rekap row for source ``p`` of a scored LKE: the same figures ``zi-xl hitung --json`` gives."""
    d = p.to_dict(hasil.rules)
    gagal = gagal_berikut(p)
    areas = [AreaRekap(a.kunci, a.nama, None if p.kosong else a.persen, None if p.kosong else a.nilai, a.bobot,
                       dict(a.minimum)) for a in p.predikat.area]
    return BarisRekap(berkas=hasil.berkas, unit=unit, versi=hasil.versi, sumber=p.jawaban, label=p.label,
                      nilai=d["nilai"], area=areas, predikat=d["predikat"]["hasil"], ringkas=d["predikat"]["ringkas"],
                      gagal=[s.syarat for s in gagal], gagal_singkat=gabung(singkat_syarat(s) for s in gagal),
                      belum_diisi=d["belum_diisi"],
                      anomali=sum(1 for a in hasil.anomali if a.sumber == p.jawaban), utama=utama,
                      sudah_wbk=hasil.sudah_wbk)

