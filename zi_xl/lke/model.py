"""The result of "Hitung Nilai": :class:`HasilLKE` — scores and verdict per answer source, warnings, anomalies.

pandas-like: built by :func:`zi_xl.lke.reader.read_lke`; ``to_dict()`` / ``to_json()`` give the stable JSON shape
(keys in Indonesian; other tools rely on them), ``to_frame()`` every node as a DataFrame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..area import nama_area
from ..teks import json_ketat, jsonable
from .predikat import Predikat
from .rules import RuleSet
from .scoring import Peringatan, Skor


@dataclass
class Anomali:
    """A cell where the workbook's own formulas give another value than the regulation, with the reason."""

    sheet: str
    sel: str
    pesan: str
    nilai_berkas: Any
    nilai_aturan: float | None
    sumber: str = "unit"          # the answer source whose Nilai column this is


BELUM_DITENTUKAN = "belum diisi — predikat belum dapat ditentukan"


@dataclass
class Penilaian:
    """Scores and verdict for one answer source (the unit's, the TPI's, an Inspektorat's …)."""

    jawaban: str                  # the source's name: "unit", "tpi", "tpi itjen" …
    skor: Skor
    predikat: Predikat
    kolom: str = ""               # its answer column ("K")
    kosong: bool = False          # not a single answer: no predikat can be decided
    judul: str = ""               # the column's header as the sheet writes it ("Jawaban TPI Itjen")

    @property
    def label(self) -> str:
        """How the source is named to users: "Jawaban unit", "Jawaban TPI Itjen" (its own header)."""
        return "Jawaban unit" if self.jawaban == "unit" or not self.judul else self.judul

    @property
    def hasil(self) -> str | None:
        """"WBBM" | "WBK" | "Tidak memenuhi", or None for an empty source."""
        return None if self.kosong else self.predikat.hasil

    def ringkas(self) -> str:
        return BELUM_DITENTUKAN if self.kosong else self.predikat.ringkas()

    def to_dict(self, rules: RuleSet) -> dict:
        pred = self.predikat.to_dict()
        if self.kosong:
            pred = {**pred, "hasil": None, "ringkas": BELUM_DITENTUKAN}
        return {"sumber": self.jawaban, "kolom": self.kolom,
                "nilai": {k: self.nilai(rules, k) for k in ("pengungkit", "hasil", "total")},
                "predikat": pred, "kosong": self.kosong,
                "belum_diisi": sum(1 for n in rules.nodes if n.tingkat == "pertanyaan"
                                   and self.skor.nodes[n.id].nilai is None)}

    def nilai(self, rules: RuleSet, peran: str) -> float | None:
        """The value of the node with ``peran`` ("pengungkit", "hasil", "ipak" …), or the total."""
        if peran == "total":
            return self.skor.total
        hit = self.skor.by_peran(rules, peran)
        return hit.nilai if hit else None


@dataclass
class IndikatorLemah:
    """An indicator and the points it loses."""

    id: str
    nama: str
    area: str
    bobot: float
    nilai: float | None
    hilang: float


@dataclass
class HasilLKE:
    berkas: str
    sheet: str
    rules: RuleSet
    sumber: list[Penilaian]                                 # every answer source, left to right
    peringatan: list[Peringatan] = field(default_factory=list)
    anomali: list[Anomali] = field(default_factory=list)
    baris: dict[str, int] = field(default_factory=dict)   # node id -> row in the user's sheet
    utama: str = "unit"                                     # the source the headline uses
    sudah_wbk: bool = False                                 # earlier WBK (asked or read from the workbook)
    sudah_wbk_dari: str | None = None                       # where the workbook says so ("Hasil Penilaian!B5")

    @property
    def versi(self) -> str:
        return self.rules.versi

    @property
    def penilaian(self) -> Penilaian:
        """The headline answer source (``utama``)."""
        return next((p for p in self.sumber if p.jawaban == self.utama), self.sumber[0])

    @property
    def unit(self) -> Penilaian:
        return next((p for p in self.sumber if p.jawaban == "unit"), self.sumber[0])

    @property
    def tpi(self) -> Penilaian | None:
        """The first TPI source with answers (None when there is none)."""
        return next((p for p in self.sumber if p.jawaban.startswith("tpi") and not p.kosong), None)

    @property
    def lainnya(self) -> list[Penilaian]:
        """The other answer sources."""
        return [p for p in self.sumber if p is not self.penilaian]

    def nilai(self, peran: str) -> float | None:
        return self.penilaian.nilai(self.rules, peran)

    @property
    def predikat(self) -> Predikat:
        return self.penilaian.predikat

    def terlemah(self, jumlah: int = 5) -> list[IndikatorLemah]:
        """The indicators that lose the most points (bobot − nilai) for the headline source, worst first: where
        improvement pays most. Survey indicators of the Hasil component are left out (answers cannot move them)."""
        out = []
        for n in self.rules.nodes:
            if n.tingkat != "indikator" or n.bobot is None or n.jenis == "nilai_0_4":
                continue
            if any(k.tingkat == "indikator" for k in self.rules.children(n.id)):
                continue                                   # a group: its parts are listed instead
            v = self.penilaian.skor.nodes[n.id].nilai
            hilang = n.bobot - (v or 0.0)
            if hilang > 1e-9:
                out.append(IndikatorLemah(n.id, n.nama, self._area_of(n.id), n.bobot, v, hilang))
        out.sort(key=lambda x: (-x.hilang, self.baris.get(x.id, 0)))
        return out[:jumlah]

    def _area_of(self, node_id: str) -> str:
        n = self.rules.get(node_id)
        while n is not None and n.tingkat != "area":
            n = self.rules.get(n.induk) if n.induk else None
        return nama_area(n.area) if n is not None and n.area else ""

    def rincian(self) -> list[dict]:
        out = []
        for n in self.rules.nodes:
            r = self.penilaian.skor.nodes[n.id]
            out.append({"kode": n.id, "kode_cetak": n.kode, "nama": n.nama, "tingkat": n.tingkat,
                        "bobot": n.bobot, "nilai": r.nilai, "persen": r.persen, "jawaban": r.jawaban,
                        "belum_diisi": r.belum_diisi, "sheet": self.sheet, "baris": self.baris.get(n.id)})
        return out

    def to_dict(self) -> dict:
        """The stable JSON shape: ``berkas, versi, versi_nama, sheet, jawaban, nilai, predikat, rincian, peringatan,
        anomali`` and ``tpi`` (or ``unit`` when the TPI's answers headline)."""
        d = {
            "berkas": self.berkas,
            "versi": self.versi,
            "versi_nama": self.rules.nama,
            "sheet": self.sheet,
            "jawaban": self.penilaian.jawaban,
            "nilai": self._nilai(self.penilaian),
            "predikat": self.penilaian.to_dict(self.rules)["predikat"],
            "penilaian": [p.to_dict(self.rules) for p in self.sumber],
            "sudah_wbk": {"nilai": self.sudah_wbk, "dari": self.sudah_wbk_dari},
            "rincian": self.rincian(),
            "peringatan": [{"sheet": p.sheet, "sel": p.sel, "pesan": p.pesan} for p in self.peringatan],
            "anomali": [{"sheet": a.sheet, "sel": a.sel, "pesan": a.pesan, "nilai_berkas": a.nilai_berkas,
                         "nilai_aturan": a.nilai_aturan, "sumber": a.sumber} for a in self.anomali],
            "tpi": None,
        }
        # the unit/TPI pair as before (kept for scripts written against it); every source is in "penilaian"
        other = self.unit if self.penilaian is not self.unit else self.tpi
        if other is not None and other is not self.penilaian and not other.kosong:
            key = "unit" if other is self.unit else "tpi"
            d[key] = {"nilai": self._nilai(other), "predikat": other.to_dict(self.rules)["predikat"]}
        return jsonable(d)

    def _nilai(self, p: Penilaian) -> dict:
        return {k: p.nilai(self.rules, k) for k in ("pengungkit", "hasil", "total")}

    def to_json(self, indent: int | None = 1) -> str:
        return json_ketat(self.to_dict(), indent)

    def to_frame(self):
        """All nodes as a pandas DataFrame (pandas is imported only here)."""
        import pandas as pd

        return pd.DataFrame(self.rincian()).set_index("kode")

