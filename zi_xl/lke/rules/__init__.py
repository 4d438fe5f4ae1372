"""LKE rule sets as data.

A rule set is a tree komponen → bagian → area → indikator (→ indikator) → pertanyaan, stored as a flat list of
nodes (CISO-assistant style: ``id``, ``induk`` (parent id), ``tingkat``, ``kode``, ``nama``, ``bobot`` ...) in a
JSON file under ``zi_xl/lke/rules/data/`` with provenance. The engine never hard-codes a question.

Node fields
-----------
``id``        stable id: the path of hierarchy codes, e.g. ``A.I.1.i.a`` (ordinal where the workbook has none)
``induk``     parent id (``None`` for komponen)
``tingkat``   komponen | bagian | area | indikator | pertanyaan
``kode``      the code as printed in the workbook (``"a."``, ``"iii."``, ``"-"``)
``nama``      name or question text; ``penjelasan`` the answer criteria
``bobot``     weight (structural nodes); questions have none
``jenis``     answer type of a question (or of an indicator answered directly, e.g. IPAK):
              ya_tidak | abc | abcd | abcde | persen | nilai_0_4 | nilai_langsung
``rumus``     for ``persen`` questions computed from counts: rasio / penurunan (see :mod:`zi_xl.scoring`)
``isian``     count rows of a ``persen`` question: ``[{id, nama, baris, rumus?}]``
``peran``     tags used by predikat thresholds: pengungkit, hasil, bersih, ipak, capaian_kinerja, tlhp,
              pelayanan_hasil, ipkp
``area``      canonical area key for area nodes (manajemen_perubahan, tatalaksana, sdm, akuntabilitas,
              pengawasan, pelayanan)
``baris``     the row in the source workbook (provenance)
``soal_id``   (2026+) the question's id in PortalRB's master; isian carry theirs too
``excel_baris`` (2026+) the row of the question in PortalRB's sheet "Jawaban"
``skema``     answer → multiplier of a choice question, as the source gives it (default :data:`NILAI_PILIHAN`)
``catatan``   notes on how a figure was derived (anomalies of the source, reconstructions)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ...errors import ZiError

TINGKAT = ("komponen", "bagian", "area", "indikator", "pertanyaan")

#: Answer values exactly as the official LKE formulas define them (literal 0.67 / 0.33 for A/B/C/D).
NILAI_PILIHAN: dict[str, dict[str, float]] = {
    "ya_tidak": {"Ya": 1.0, "Tidak": 0.0},
    "abc": {"A": 1.0, "B": 0.5, "C": 0.0},
    "abcd": {"A": 1.0, "B": 0.67, "C": 0.33, "D": 0.0},
    "abcde": {"A": 1.0, "B": 0.75, "C": 0.5, "D": 0.25, "E": 0.0},
}

#: How each answer type is written in the official workbook's "Pilihan Jawaban" column.
LABEL_JENIS = {
    "ya_tidak": "Ya/Tidak", "abc": "A/B/C", "abcd": "A/B/C/D", "abcde": "A/B/C/D/E", "persen": "%",
    "nilai_0_4": "Nilai\n(0-4)", "jumlah": "Jumlah", "nilai_langsung": "Nilai",
}

VERSI = ("2014", "2019", "2021", "2023", "2026")


@dataclass
class Node:
    id: str
    induk: str | None
    tingkat: str
    nama: str
    kode: str | None = None
    bobot: float | None = None
    jenis: str | None = None
    penjelasan: str | None = None
    rumus: dict | None = None
    isian: list[dict] = field(default_factory=list)
    peran: list[str] = field(default_factory=list)
    area: str | None = None
    agregasi: str | None = None  # jumlah (sum of children) | rata_rata (AVERAGE of questions × bobot)
    baris: int | None = None
    soal_id: int | None = None
    excel_baris: int | None = None
    skema: dict[str, float] | None = None
    catatan: list[str] = field(default_factory=list)

    def nilai_pilihan(self) -> dict[str, float]:
        """Answer → value of a choice question: its own skema, else the official table."""
        return self.skema or NILAI_PILIHAN[self.jenis]

    def to_dict(self) -> dict[str, Any]:
        keep = ("id", "induk", "tingkat", "nama")
        return {k: v for k, v in self.__dict__.items() if k in keep or v not in (None, [], "")}

    @classmethod
    def from_dict(cls, d: dict) -> Node:
        return cls(**d)


@dataclass
class RuleSet:
    versi: str
    nama: str
    sumber: dict
    nodes: list[Node]

    def __post_init__(self) -> None:
        self._by_id = {n.id: n for n in self.nodes}
        self._children: dict[str | None, list[Node]] = {}
        for n in self.nodes:
            self._children.setdefault(n.induk, []).append(n)

    def node(self, node_id: str) -> Node:
        return self._by_id[node_id]

    def get(self, node_id: str) -> Node | None:
        return self._by_id.get(node_id)

    def children(self, node_id: str | None) -> list[Node]:
        return self._children.get(node_id, [])

    def roots(self) -> list[Node]:
        return self.children(None)

    def questions(self) -> list[Node]:
        """Everything that takes an answer: questions and directly answered indicators."""
        return [n for n in self.nodes if n.jenis]

    def with_peran(self, peran: str) -> list[Node]:
        return [n for n in self.nodes if peran in n.peran]

    def to_dict(self) -> dict:
        return {"versi": self.versi, "nama": self.nama, "sumber": self.sumber,
                "nodes": [n.to_dict() for n in self.nodes]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_dict(cls, d: dict) -> RuleSet:
        return cls(versi=d["versi"], nama=d["nama"], sumber=d.get("sumber", {}),
                   nodes=[Node.from_dict(n) for n in d["nodes"]])


def data_path(name: str):
    return resources.files(__package__).joinpath("data", name)


@cache
def _load(versi: str) -> dict:
    if versi not in VERSI:
        raise ZiError(f"versi LKE tidak dikenal: {versi!r} (pilihan: {', '.join(VERSI)})")
    return json.loads(data_path(f"lke-{versi}.json").read_text(encoding="utf-8"))


def load_rules(versi: str) -> RuleSet:
    """The shipped rule set of an LKE version ("2014", "2019", "2021", "2023", "2026")."""
    return RuleSet.from_dict(_load(str(versi)))
