"""Build a rule set from an official LKE workbook.

``import_rules("LKE.xlsx", versi="2021", ...)`` reads the LKE sheet's tree (hierarchy codes), weights, answer
types, criteria, and the percentage/count formulas of the answer column, and returns a :class:`RuleSet`.
Whatever the importer had to decide (an invalid "Pilihan Jawaban", a missing code, a stray label) is written
into the node's ``catatan`` so the provenance of every figure stays visible. Importing the reference workbook
reproduces the shipped ``lke-2021.json`` exactly (``tools/build_rules.py`` writes it; a test checks it).
"""

from __future__ import annotations

import os

from ...area import kenali_area
from ...errors import ZiError
from ...xlsx.grid import Grid
from ...xlsx.read import read_workbook
from ...xlsx.sheetxml import col_letters
from ..layout import ParsedSheet, Row, check_parsed, find_lke_sheet, parse_sheet
from . import LABEL_JENIS, Node, RuleSet
from .formulas import parse_answer_formula

_PERAN_WORDS = [
    ("komponen", "PENGUNGKIT", "pengungkit"),
    ("komponen", "HASIL", "hasil"),
    ("bagian", "PEMENUHAN", "pemenuhan"),
    ("bagian", "REFORM", "reform"),
    ("bagian", "BERSIH", "bersih"),
    ("bagian", "PELAYANAN", "pelayanan_hasil"),
    ("indikator", "KORUPSI", "ipak"),
    ("indikator", "CAPAIAN KINERJA LEBIH BAIK", "capaian_kinerja"),
    ("indikator", "KUALITAS PELAYANAN", "ipkp"),
    ("indikator", "DITINDAKLANJUTI", "tlhp"),
]


def _peran(row: Row, in_hasil: bool) -> list[str]:
    up = row.nama.upper()
    out = []
    for tingkat, word, tag in _PERAN_WORDS:
        if row.tingkat != tingkat or word not in up:
            continue
        if tingkat == "indikator" and not in_hasil:
            continue
        if tingkat == "bagian" and tag in ("bersih", "pelayanan_hasil") and not in_hasil:
            continue
        out.append(tag)
    return out


def rules_from_parsed(parsed: ParsedSheet, versi: str, nama: str, sumber: dict) -> RuleSet:
    g: Grid = parsed.grid
    cols = parsed.layout.cols
    kcol = col_letters(cols["jawaban"])
    pcol = col_letters(cols["pilihan"]) if "pilihan" in cols else None
    nodes: list[Node] = []

    def isian_id(q: Row, r: int) -> str:
        for i in q.isian:
            if i.baris == r:
                return i.id
        raise ZiError(f"rumus jawaban merujuk baris {r} yang bukan isian jumlah pertanyaan ini",
                      berkas=g.berkas, sheet=g.title, sel=f"{kcol}{q.baris}")

    def rule_of(q: Row, r: int, formula: str) -> dict:
        rule = parse_answer_formula(formula)
        if rule is None:
            raise ZiError(f"rumus jawaban tidak dikenali: {formula}", berkas=g.berkas, sheet=g.title,
                          sel=f"{kcol}{r}")
        out = {"jenis": rule["jenis"], "wajib": [isian_id(q, x) for x in rule["wajib"]]}
        for key in ("pembilang", "penyebut", "lalu", "kini"):
            if key in rule:
                out[key] = isian_id(q, rule[key])
        if "dari" in rule:
            out["dari"] = [isian_id(q, x) for x in rule["dari"]]
        return out

    def emit(row: Row, in_hasil: bool) -> None:
        n = Node(id=row.id, induk=row.parent.id if row.parent else None, tingkat=row.tingkat, nama=row.nama,
                 kode=row.kode, bobot=row.bobot, penjelasan=row.penjelasan or None, baris=row.baris)
        if row.tingkat == "komponen":
            in_hasil = "HASIL" in row.nama.upper()
        if row.kode is None and row.tingkat != "pertanyaan":
            n.catatan.append(f"baris {row.baris} tidak berkode; id memakai urutan ({row.id.rsplit('.', 1)[-1]})")
        if row.tingkat in ("komponen", "bagian", "area"):
            n.agregasi = "jawaban" if row.jenis else "jumlah"
        elif row.tingkat == "indikator":
            n.agregasi = "jawaban" if row.jenis else (
                "jumlah" if all(c.tingkat == "indikator" for c in row.children) else "rata_rata")
        if row.tingkat == "area":
            n.area = kenali_area(row.nama)
        if row.jenis_label and row.jenis_baris == "struktur" and row.children:
            n.catatan.append(f"{pcol}{row.baris} berisi {row.jenis_label!r} pada baris indikator; diabaikan")
        n.peran = _peran(row, in_hasil)
        if row.jenis:
            n.jenis = row.jenis
            if row.jenis_dari == "validasi":
                n.catatan.append(
                    f"Pilihan Jawaban {pcol}{row.baris} berisi {row.jenis_label!r}, bukan "
                    f"{LABEL_JENIS[row.jenis]!r}; jenis diambil dari validasi data {kcol}{row.baris}")
            f = g.formula(row.baris, cols["jawaban"])
            if row.jenis == "persen" and f:
                n.rumus = rule_of(row, row.baris, f)
            for i in row.isian:
                item = {"id": i.id, "nama": i.nama, "baris": i.baris}
                fi = g.formula(i.baris, cols["jawaban"])
                if fi:
                    item["rumus"] = rule_of(row, i.baris, fi)
                n.isian.append(item)
            if n.rumus:
                used = set(n.rumus.get("wajib", [])) | {n.rumus.get(k) for k in ("pembilang", "penyebut",
                                                                                   "lalu", "kini")}
                for item in n.isian:
                    used |= set(item.get("rumus", {}).get("dari", []))
                unused = [it["baris"] for it in n.isian if it["id"] not in used]
                if unused:
                    n.catatan.append("isian baris " + ", ".join(map(str, unused)) +
                                     " tidak dipakai oleh rumus resmi (rincian saja)")
        nodes.append(n)
        for c in row.children:
            emit(c, in_hasil)

    for root in parsed.roots:
        emit(root, False)
    return RuleSet(versi=versi, nama=nama, sumber=sumber, nodes=nodes)


def import_rules(path: str | os.PathLike, versi: str, nama: str, sumber: dict | None = None) -> RuleSet:
    """Import the rule set of an official LKE workbook (.xlsx/.xlsm)."""
    grids = read_workbook(path)
    grid, layout = find_lke_sheet(grids, berkas=os.fspath(path))
    parsed = parse_sheet(grid, layout)
    check_parsed(parsed, strict=True)
    src = {"berkas": os.path.basename(os.fspath(path)), "sheet": grid.title}
    src.update(sumber or {})
    return rules_from_parsed(parsed, versi=versi, nama=nama, sumber=src)
