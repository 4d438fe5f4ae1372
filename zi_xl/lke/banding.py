"""Banding: two answer sources of one LKE side by side — the unit's self-assessment against the TPI's (or any other
"Jawaban …" column) — question by question, with what each difference is worth. Pure (works on a
:class:`~zi_xl.lke.model.HasilLKE`).

The worth of an answer is its *contribution* to the total: a question's value × the weight it carries down the tree.
Under an indicator scored as AVERAGE(answered questions) × bobot, a question contributes ``value × bobot / n`` where
``n`` is the number of questions that source answered in that indicator; under a sum, the weight passes unchanged;
an indicator answered directly (IPAK, Capaian Kinerja, IPKP) contributes its own value. The contributions of one
source add up to its total exactly, so the per-question differences add up to the difference of the two totals, per
indicator, per area and overall.

    >>> b = banding(read_lke("LKE.xlsx"), "unit", "tpi")                     # doctest: +SKIP
    >>> b.selisih["total"], b.jawaban_berbeda, b.pertanyaan[0].selisih      # doctest: +SKIP

:func:`edits_banding` turns one or more comparisons into the sheet "Banding Jawaban" (a
:class:`~zi_xl.xlsx.edits.ReplaceSheet`), written through the same Book seam as "Hasil Hitung".
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from ..area import AREA, LEGENDA_SINGKAT, nama_area
from ..errors import ZiError
from ..teks import angka
from ..xlsx.edits import Cell, ChartSeries, ChartSpec, Edit, ReplaceSheet, Style
from . import gaya as G
from .layout import norm
from .model import HasilLKE, Penilaian
from .predikat import Syarat, area_gabungan
from .rules import RuleSet

SHEET_BANDING = "Banding Jawaban"
KOMPONEN = ("pengungkit", "hasil", "total")
_EPS = 1e-9


@dataclass
class BedaJawaban:
    """One question (or directly answered indicator) in both sources."""

    id: str
    kode: str | None
    pertanyaan: str
    indikator: str | None         # the indicator's name (the question's parent)
    area: str | None              # area key (manajemen_perubahan … pelayanan), None for Hasil
    sel_a: str | None
    sel_b: str | None
    jawaban_a: Any
    jawaban_b: Any
    nilai_a: float                # contribution to source A's total
    nilai_b: float
    jenis: str | None = None      # the answer type (a percentage's answer is its capped fraction)

    @property
    def selisih(self) -> float:
        return self.nilai_a - self.nilai_b

    @property
    def berbeda(self) -> bool:
        return not _same(self.jawaban_a, self.jawaban_b)

    def to_dict(self) -> dict:
        return {"id": self.id, "kode": self.kode, "pertanyaan": self.pertanyaan, "indikator": self.indikator,
                "area": nama_area(self.area) if self.area else None, "sel_a": self.sel_a, "sel_b": self.sel_b,
                "jawaban_a": self.jawaban_a, "jawaban_b": self.jawaban_b, "nilai_a": self.nilai_a,
                "nilai_b": self.nilai_b, "selisih": self.selisih, "berbeda": self.berbeda}


@dataclass
class BedaNilai:
    """A node (indicator, area perubahan, komponen) in both sources; None = belum diisi."""

    id: str
    nama: str
    nilai_a: float | None
    nilai_b: float | None
    bobot: float | None = None

    @property
    def selisih(self) -> float:
        return (self.nilai_a or 0.0) - (self.nilai_b or 0.0)

    def to_dict(self) -> dict:
        d = {"id": self.id, "nama": self.nama, "bobot": self.bobot, "nilai_a": self.nilai_a,
             "nilai_b": self.nilai_b, "selisih": self.selisih}
        if self.bobot:
            d["persen_a"] = None if self.nilai_a is None else self.nilai_a / self.bobot
            d["persen_b"] = None if self.nilai_b is None else self.nilai_b / self.bobot
        return d


@dataclass
class SyaratBerubah:
    """A threshold one source meets and the other does not: where the differences cross a line."""

    predikat: str
    syarat: str
    batas: Any
    nilai_a: Any
    nilai_b: Any
    terpenuhi_a: bool
    terpenuhi_b: bool
    persen: bool = False          # batas/nilai are fractions of the area's weight

    def teks(self, label_a: str, label_b: str) -> str:
        def v(x):
            if isinstance(x, int | float):
                return angka(x * 100, 1) + "%" if self.persen else angka(x)
            return "belum diisi" if x is None else str(x)

        siapa, tidak = (label_a, label_b) if self.terpenuhi_a else (label_b, label_a)
        return (f"[{self.predikat}] {self.syarat} (batas {v(self.batas)}): terpenuhi menurut {siapa} "
                f"({v(self.nilai_a if self.terpenuhi_a else self.nilai_b)}), tidak menurut {tidak} "
                f"({v(self.nilai_b if self.terpenuhi_a else self.nilai_a)})")

    def to_dict(self) -> dict:
        return {"predikat": self.predikat, "syarat": self.syarat, "batas": self.batas, "nilai_a": self.nilai_a,
                "nilai_b": self.nilai_b, "terpenuhi_a": self.terpenuhi_a, "terpenuhi_b": self.terpenuhi_b}


@dataclass
class Banding:
    """Source A against source B of one LKE. ``selisih`` and every difference are A − B."""

    berkas: str
    sheet: str
    versi: str
    a: Penilaian
    b: Penilaian
    pertanyaan: list[BedaJawaban] = field(default_factory=list)   # by impact (|selisih|), then LKE order
    indikator: list[BedaNilai] = field(default_factory=list)      # by impact
    area: list[BedaNilai] = field(default_factory=list)           # the six areas, Pemenuhan + Reform, LKE order
    komponen: list[BedaNilai] = field(default_factory=list)       # pengungkit, hasil, total
    syarat: list[SyaratBerubah] = field(default_factory=list)

    @property
    def selisih(self) -> dict[str, float]:
        return {k.id: k.selisih for k in self.komponen}

    @property
    def jawaban_berbeda(self) -> int:
        return sum(1 for p in self.pertanyaan if p.berbeda)

    def ringkas(self) -> str:
        a, b = self.a, self.b
        s = (f"{a.label}: {angka(a.skor.total)} ({a.hasil or 'belum diisi'}), {b.label}: {angka(b.skor.total)} "
             f"({b.hasil or 'belum diisi'}); selisih {angka(self.selisih['total'])}; "
             f"{self.jawaban_berbeda} jawaban berbeda")
        if self.syarat:
            s += f"; {len(self.syarat)} syarat predikat berubah"
        return s

    def to_dict(self) -> dict:
        def src(p: Penilaian) -> dict:
            return {"sumber": p.jawaban, "label": p.label, "kolom": p.kolom, "total": p.skor.total,
                    "predikat": p.hasil}

        return {"berkas": self.berkas, "sheet": self.sheet, "versi": self.versi, "a": src(self.a),
                "b": src(self.b), "selisih": self.selisih, "jawaban_berbeda": self.jawaban_berbeda,
                "ringkas": self.ringkas(), "syarat_berubah": [s.to_dict() for s in self.syarat],
                "area": [x.to_dict() for x in self.area], "indikator": [x.to_dict() for x in self.indikator],
                "pertanyaan": [x.to_dict() for x in self.pertanyaan]}


def _same(x, y) -> bool:
    if isinstance(x, int | float) and isinstance(y, int | float):
        return abs(x - y) <= _EPS
    return x == y


def kontribusi(rules: RuleSet, p: Penilaian) -> dict[str, float]:
    """Every answered node's (question's or directly answered indicator's) contribution to ``p``'s total: its value
    times the weight it carries down the tree (0 when unanswered). They add up to ``p.skor.total``."""
    nodes = p.skor.nodes
    out: dict[str, float] = {}

    def rec(node, faktor: float) -> None:
        if node.jenis:                                     # answered node (leaf of the scoring)
            out[node.id] = (nodes[node.id].nilai or 0.0) * faktor
            return
        kids = rules.children(node.id)
        if node.agregasi == "rata_rata":
            n = sum(1 for k in kids if nodes[k.id].nilai is not None)
            f = faktor * (node.bobot or 0.0) / n if n else 0.0
        else:
            f = faktor
        for k in kids:
            rec(k, f)

    for root in rules.roots():
        rec(root, 1.0)
    return out


def pilih_sumber(hasil: HasilLKE, nama: str | None, kecuali: Penilaian | None = None) -> Penilaian:
    """The source named ``nama`` ("unit", "tpi", "tpi itjen" or its column letter); None: the first other source
    with answers (the TPI's, usually)."""
    if nama is None:
        for p in hasil.sumber:
            if p is not kecuali and not p.kosong:
                return p
        raise ZiError("tidak ada sumber jawaban lain yang terisi untuk dibandingkan (mis. kolom 'Jawaban TPI')",
                      berkas=hasil.berkas, sheet=hasil.sheet)
    want = norm(nama)
    for p in hasil.sumber:
        if p.jawaban == want or p.kolom.lower() == want:
            return p
    ada = ", ".join(f"{p.jawaban} (kolom {p.kolom})" for p in hasil.sumber)
    raise ZiError(f"sumber jawaban '{nama}' tidak ada di sheet (ada: {ada})", berkas=hasil.berkas, sheet=hasil.sheet)


def _syarat_berubah(a: list[Syarat], b: list[Syarat]) -> list[SyaratBerubah]:
    out = []
    for sa, sb in zip(a, b, strict=True):
        if sa.terpenuhi != sb.terpenuhi:
            out.append(SyaratBerubah(sa.predikat, sa.syarat, sa.batas, sa.nilai, sb.nilai, sa.terpenuhi,
                                     sb.terpenuhi, persen=sa.area is not None))
    return out


def banding(hasil: HasilLKE, a: str | None = "unit", b: str | None = None) -> Banding:
    """Compare answer source ``a`` (default the unit's) with ``b`` (default: the first other source with answers)."""
    pa = pilih_sumber(hasil, a)
    pb = pilih_sumber(hasil, b, kecuali=pa)
    if pb is pa:
        raise ZiError(f"sumber '{pa.jawaban}' dibandingkan dengan dirinya sendiri; pilih sumber lain",
                      berkas=hasil.berkas, sheet=hasil.sheet)
    rules = hasil.rules
    ka, kb = kontribusi(rules, pa), kontribusi(rules, pb)
    na, nb = pa.skor.nodes, pb.skor.nodes

    def area_of(node) -> str | None:
        while node is not None:
            if node.tingkat == "area":
                return node.area
            node = rules.get(node.induk) if node.induk else None
        return None

    def sel(p: Penilaian, i: str) -> str | None:
        r = hasil.baris.get(i)
        return f"{p.kolom}{r}" if r and p.kolom else None

    def jawab(nodes, q):
        """The answer as compared: letters, survey values; a percentage as its capped fraction."""
        nd = nodes[q.id]
        if q.jenis == "persen":
            return None if nd.nilai is None else nd.nilai / (1.0 if q.tingkat == "pertanyaan" else q.bobot)
        return nd.jawaban

    qs = []
    for order, q in enumerate(rules.questions()):
        parent = rules.get(q.induk) if q.tingkat == "pertanyaan" and q.induk else None
        qs.append((order, BedaJawaban(q.id, q.kode, q.nama, parent.nama if parent else q.nama, area_of(q),
                                      sel(pa, q.id), sel(pb, q.id), jawab(na, q), jawab(nb, q),
                                      ka[q.id], kb[q.id], q.jenis)))
    qs.sort(key=lambda t: (-round(abs(t[1].selisih), 9), not t[1].berbeda, t[0]))

    ind = [(order, BedaNilai(n.id, n.nama, na[n.id].nilai, nb[n.id].nilai, n.bobot))
           for order, n in enumerate(rules.nodes) if n.tingkat == "indikator"]
    ind.sort(key=lambda t: (-round(abs(t[1].selisih), 9), t[0]))

    ga = {k: (v, bb) for k, v, bb in area_gabungan(rules, pa.skor)}
    gb = {k: v for k, v, _ in area_gabungan(rules, pb.skor)}
    areas = [BedaNilai(k, nama_area(k), ga[k][0], gb[k], ga[k][1]) for k in ga]
    komp = [BedaNilai(k, {"pengungkit": "Pengungkit", "hasil": "Hasil", "total": "Nilai total"}[k],
                      pa.nilai(rules, k), pb.nilai(rules, k)) for k in KOMPONEN]
    return Banding(hasil.berkas, hasil.sheet, hasil.versi, pa, pb, [q for _, q in qs], [i for _, i in ind], areas,
                   komp, _syarat_berubah(pa.predikat.syarat, pb.predikat.syarat))


def banding_semua(hasil: HasilLKE, a: str | None = "unit") -> list[Banding]:
    """Source ``a`` against every other source that has answers."""
    pa = pilih_sumber(hasil, a)
    return [banding(hasil, pa.jawaban, p.jawaban) for p in hasil.sumber if p is not pa and not p.kosong]


# --------------------------------------------------------------------------------------------- the sheet
def _jawaban_cell(x, jenis: str | None) -> Cell:
    if x is None:
        return Cell("-", style=G.TEKS)
    if isinstance(x, int | float):
        return Cell(x, style=G.PERSEN if jenis == "persen" else G.NILAI)
    return Cell(str(x), style=G.TEKS)


def _singkat(area: str | None) -> str:
    return AREA[area].singkat if area in AREA else "Hasil"


def _bagian(b: Banding, rows: list[list]) -> None:
    la, lb = b.a.label, b.b.label
    rows.append([Cell(f"{la} dibanding {lb}", style=Style(bold=True, font_size=12))])
    rows.append([Cell(b.ringkas(), style=Style(wrap=True))])
    rows.append([])
    rows.append([Cell(h, style=G.KEPALA) for h in ("Komponen", la, lb, "Selisih")])
    for k in b.komponen:
        rows.append([Cell(k.nama, style=G.TEKS), Cell(k.nilai_a, style=G.NILAI), Cell(k.nilai_b, style=G.NILAI),
                     Cell(k.selisih, style=G.SELISIH)])
    rows.append([Cell("Predikat", style=G.TEKS), Cell(b.a.hasil or "belum diisi", style=G.TEKS),
                 Cell(b.b.hasil or "belum diisi", style=G.TEKS), Cell(None, style=G.TEKS)])
    rows.append([])
    rows.append([Cell(f"Syarat predikat yang dilintasi perbedaan jawaban ({len(b.syarat)})", style=G.TEBAL)])
    if b.syarat:
        rows.append([Cell(h, style=G.KEPALA) for h in ("Syarat", la, lb, "Batas", "Terpenuhi menurut")])
        for s in b.syarat:
            fmt = G.PERSEN if s.persen else G.NILAI
            rows.append([Cell(f"[{s.predikat}] {s.syarat}", style=G.TEKS), Cell(_v(s.nilai_a), style=fmt),
                         Cell(_v(s.nilai_b), style=fmt), Cell(_v(s.batas), style=fmt),
                         Cell(la if s.terpenuhi_a else lb, style=G.BAIK if s.terpenuhi_a else G.BURUK)])
    else:
        rows.append(["tidak ada: kedua sumber memenuhi syarat yang sama"])
    rows.append([])
    rows.append([Cell(h, style=G.KEPALA) for h in ("Area perubahan (Pemenuhan + Reform), % bobot", la, lb,
                                             "Selisih nilai", "Bobot")])
    for x in b.area:
        d = x.to_dict()
        rows.append([Cell(x.nama, style=G.TEKS), Cell(d.get("persen_a"), style=G.PERSEN),
                     Cell(d.get("persen_b"), style=G.PERSEN), Cell(x.selisih, style=G.SELISIH),
                     Cell(x.bobot, style=G.NILAI)])
    rows.append([])
    beda = [i for i in b.indikator if abs(i.selisih) > _EPS]
    rows.append([Cell(f"Indikator yang nilainya berbeda ({len(beda)}), terbesar lebih dulu", style=G.TEBAL)])
    if beda:
        rows.append([Cell(h, style=G.KEPALA) for h in ("Indikator", la, lb, "Selisih", "Bobot")])
        for i in beda:
            rows.append([Cell(i.nama, style=G.TEKS), Cell(i.nilai_a, style=G.NILAI), Cell(i.nilai_b, style=G.NILAI),
                         Cell(i.selisih, style=G.SELISIH), Cell(i.bobot, style=G.NILAI)])
    else:
        rows.append(["tidak ada"])
    rows.append([])
    qs = [q for q in b.pertanyaan if q.berbeda or abs(q.selisih) > _EPS]
    rows.append([Cell(f"Jawaban yang berbeda ({b.jawaban_berbeda}), dampak terbesar lebih dulu", style=G.TEBAL)])
    if qs:
        rows.append([Cell(h, style=G.KEPALA) for h in ("Pertanyaan", la, lb, "Selisih nilai", "Sel", "Indikator",
                                                 "Area")])
        for q in qs:
            st = G.BAIK if q.selisih > _EPS else G.BURUK if q.selisih < -_EPS else G.TEKS
            rows.append([Cell(q.pertanyaan, style=G.TEKS), _jawaban_cell(q.jawaban_a, q.jenis),
                         _jawaban_cell(q.jawaban_b, q.jenis), Cell(q.selisih, style=G.SELISIH),
                         Cell(" / ".join(s for s in (q.sel_a, q.sel_b) if s) or "-", style=G.TEKS),
                         Cell(q.indikator, style=G.TEKS), Cell(_singkat(q.area), style=st)])
    else:
        rows.append(["tidak ada: semua jawaban sama"])
    rows.append([])


def _v(x) -> Any:
    return x if x is None or isinstance(x, int | float) else str(x)


def edits_banding(hasil: HasilLKE, daftar: list[Banding]) -> list[Edit]:
    """The sheet "Banding Jawaban": per comparison the totals, the thresholds crossed, the areas, the indicators and
    the questions that differ, biggest impact first; a native bar chart of the areas of the first comparison."""
    rows: list[list] = [
        [Cell("Banding Jawaban LKE Zona Integritas", style=G.JUDUL)],
        [f"Berkas: {os.path.basename(hasil.berkas)} · sheet {hasil.sheet} · {hasil.rules.nama}"],
        [Cell("Selisih = sumber pertama dikurangi sumber kedua. Nilai sebuah jawaban = sumbangannya pada nilai total "
              "(nilai jawaban × bobot indikator ÷ jumlah pertanyaan yang dijawab sumber itu di indikator tersebut). "
              f"Area: {LEGENDA_SINGKAT}.", style=Style(wrap=True, italic=True))],
        [],
    ]
    for b in daftar:
        _bagian(b, rows)
    chart = None
    if daftar and daftar[0].area:
        b = daftar[0]
        head = next(i for i, r in enumerate(rows, 1) if r and isinstance(r[0], Cell)
                    and str(r[0].value).startswith("Area perubahan"))
        first, last = head + 1, head + len(b.area)
        cats = f"A{first}:A{last}"
        chart = ChartSpec(kind="bar", title=f"% bobot area: {b.a.label} dan {b.b.label}",
                          series=[ChartSeries(b.a.label, cats, f"B{first}:B{last}", color="4472C4"),
                                  ChartSeries(b.b.label, cats, f"C{first}:C{last}", color="ED7D31")],
                          anchor=f"A{len(rows) + 2}", width=640, height=320, y_max=1.0, y_num_format="0%")
    widths = {"A": 56, "B": 13, "C": 13, "D": 10, "E": 12, "F": 30, "G": 7}
    return [ReplaceSheet(SHEET_BANDING, rows=rows, widths=widths, chart=chart)]
