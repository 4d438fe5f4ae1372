"""The result of "Hitung Nilai": :class:`HasilLKE` — scores and verdict per answer source, warnings, anomalies.

pandas-like: built by :func:`zi_xl.lke.reader.read_lke`; ``to_dict()`` / ``to_json()`` give the stable JSON shape
(keys in Indonesian; other tools rely on them), ``to_frame()`` every node as a DataFrame.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

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


@dataclass
class Penilaian:
    """Scores and verdict for one set of answers (the unit's or the TPI's)."""

    jawaban: str
    skor: Skor
    predikat: Predikat

    def nilai(self, rules: RuleSet, peran: str) -> float | None:
        """The value of the node with ``peran`` ("pengungkit", "hasil", "ipak" …), or the total."""
        if peran == "total":
            return self.skor.total
        hit = self.skor.by_peran(rules, peran)
        return hit.nilai if hit else None


@dataclass
class HasilLKE:
    berkas: str
    sheet: str
    rules: RuleSet
    unit: Penilaian
    tpi: Penilaian | None
    peringatan: list[Peringatan] = field(default_factory=list)
    anomali: list[Anomali] = field(default_factory=list)
    baris: dict[str, int] = field(default_factory=dict)   # node id -> row in the user's sheet
    utama: str = "unit"                                     # which Penilaian the headline uses

    @property
    def versi(self) -> str:
        return self.rules.versi

    @property
    def penilaian(self) -> Penilaian:
        """The headline answer source (``utama``)."""
        return self.tpi if self.utama == "tpi" and self.tpi else self.unit

    @property
    def lainnya(self) -> Penilaian | None:
        """The other answer source, when the workbook has two."""
        if self.tpi is None:
            return None
        return self.unit if self.penilaian is self.tpi else self.tpi

    def nilai(self, peran: str) -> float | None:
        return self.penilaian.nilai(self.rules, peran)

    @property
    def predikat(self) -> Predikat:
        return self.penilaian.predikat

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
            "predikat": self.predikat.to_dict(),
            "rincian": self.rincian(),
            "peringatan": [{"sheet": p.sheet, "sel": p.sel, "pesan": p.pesan} for p in self.peringatan],
            "anomali": [{"sheet": a.sheet, "sel": a.sel, "pesan": a.pesan, "nilai_berkas": a.nilai_berkas,
                         "nilai_aturan": a.nilai_aturan} for a in self.anomali],
            "tpi": None,
        }
        other = self.lainnya
        if other is not None:
            d[other.jawaban] = {"nilai": self._nilai(other), "predikat": other.predikat.to_dict()}
        return _jsonable(d)

    def _nilai(self, p: Penilaian) -> dict:
        return {k: p.nilai(self.rules, k) for k in ("pengungkit", "hasil", "total")}

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)

    def to_frame(self):
        """All nodes as a pandas DataFrame (pandas is imported only here)."""
        import pandas as pd

        return pd.DataFrame(self.rincian()).set_index("kode")


def _jsonable(v):
    """Strict JSON: NaN/inf become null, dates ISO text."""
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_jsonable(x) for x in v]
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v
