"""Rule set ↔ sheet rows, matched by content — never by the printed letter.

Real LKE copies relabel questions within an indicator (b./c. swapped), code the LHKPN pair ``a.``/``b.`` or leave
out its group row, code an IPKP row ``-``, and add or reorder columns. :func:`cocokkan` walks the rule tree top down
and, under each matched row, pairs the rule's children with the sheet's rows by:

1. the text (:func:`zi_xl.lke.layout.mirip` of the normalised names; area rows by :func:`zi_xl.area.kenali_area`),
2. the shape (a group of indicators, an indicator with questions, a directly answered indicator) and the weight,
3. the answer type and the order, as tie-breakers.

A rule group with no row of its own (a "flat" LHKPN/Non-LHKPN pair) is matched through its children; rows left over
in the same order and number are paired by order, with a warning. A question whose own "Pilihan Jawaban" says
another answer type than the rule is read by the rule's type, with a warning naming the cell and both types —
answers valid for the question actually there are never rejected. Pure: works on a parsed sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..area import kenali_area
from ..xlsx.grid import address
from .layout import ParsedSheet, Row, mirip
from .rules import LABEL_JENIS, Node, RuleSet
from .scoring import Peringatan

BATAS_MIRIP = 0.5            # below this, two names are not the same question/indicator


@dataclass
class Pencocokan:
    """Where each rule node (and count row) stands in the sheet."""

    rows: dict[str, Row] = field(default_factory=dict)       # rule node id → row
    isian: dict[str, Row] = field(default_factory=dict)      # isian id → row
    peringatan: list[Peringatan] = field(default_factory=list)

    def matched(self) -> set[int]:
        return {r.baris for r in self.rows.values()} | {r.baris for r in self.isian.values()}


def _struct(row: Row) -> list[Row]:
    return [c for c in row.children if c.jenis_baris == "struktur"]


def _questions(row: Row) -> list[Row]:
    return [c for c in row.children if c.jenis_baris == "pertanyaan"]


def _descendants(rows: list[Row]) -> list[tuple[Row, int]]:
    """Structural rows under ``rows`` (they included), with their depth below the starting level."""
    out: list[tuple[Row, int]] = []

    def rec(r: Row, d: int) -> None:
        out.append((r, d))
        for c in _struct(r):
            rec(c, d + 1)

    for r in rows:
        rec(r, 0)
    return out


def _shape(node: Node, rules: RuleSet) -> str:
    if node.jenis:
        return "langsung"
    return "grup" if any(k.tingkat != "pertanyaan" for k in rules.children(node.id)) else "indikator"


def _row_shape(row: Row) -> str:
    if _struct(row):
        return "grup"
    return "indikator" if _questions(row) else "langsung"


def _greedy(pairs: list[tuple[float, int, int]]) -> dict[int, int]:
    """Best-first assignment of (score, i, j) pairs: each i and each j used once."""
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(pairs, key=lambda p: (-p[0], abs(p[1] - p[2]), p[1])):
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


class _Matcher:
    def __init__(self, parsed: ParsedSheet, rules: RuleSet):
        self.parsed, self.rules = parsed, rules
        self.out = Pencocokan()
        self.taken: set[int] = set()                      # rows already matched (by id())
        g, cols = parsed.grid, parsed.layout.cols
        self.sheet = g.title
        self.pcol = cols.get("pilihan")

    # ---------------------------------------------------------------- structure
    def structure(self, kids: list[Node], under: list[Row]) -> None:
        pool = [(r, d) for r, d in _descendants(under) if id(r) not in self.taken]
        pairs = []
        for i, k in enumerate(kids):
            shape = _shape(k, self.rules)
            for j, (r, d) in enumerate(pool):
                if k.tingkat == "area" and k.area:
                    sim = 1.0 if kenali_area(r.nama) == k.area else 0.0
                else:
                    sim = mirip(k.nama, r.nama)
                if _row_shape(r) != shape and not (shape == "langsung" and r.jenis):
                    sim *= 0.5
                if sim < BATAS_MIRIP:
                    continue
                score = sim - 0.05 * d
                if k.bobot is not None and r.bobot is not None:
                    score += 0.15 if abs(k.bobot - r.bobot) < 1e-9 else -0.1
                pairs.append((score, i, j))
        got = _greedy(pairs)
        left_rules = [i for i in range(len(kids)) if i not in got]
        left_rows = [j for j, (r, d) in enumerate(pool) if d == 0 and j not in got.values()
                     and _row_shape(r) in {_shape(kids[i], self.rules) for i in left_rules}]
        if left_rules and len(left_rules) == len(left_rows) and not any(
                _shape(kids[i], self.rules) == "grup" for i in left_rules):
            for i, j in zip(left_rules, left_rows, strict=True):
                got[i] = j
                r = pool[j][0]
                self.out.peringatan.append(Peringatan(
                    self._cell(r), f"baris {r.baris} \"{r.nama[:50]}\" dicocokkan dengan \"{kids[i].nama[:50]}\" "
                    "menurut urutannya (teksnya berbeda)", self.sheet))
        for i, k in enumerate(kids):
            if i in got:
                row = pool[got[i]][0]
                self.take(k, row)
                self.below(k, [row])
            elif _shape(k, self.rules) == "grup":
                # no row of its own (e.g. the LHKPN pair without its group row): its children stand among ours
                self.below(k, under)

    def below(self, node: Node, under: list[Row]) -> None:
        kids = self.rules.children(node.id)
        structural = [k for k in kids if k.tingkat != "pertanyaan"]
        if structural:
            self.structure(structural, [c for r in under for c in _struct(r)] if node.id in self.out.rows
                           else under)
        questions = [k for k in kids if k.tingkat == "pertanyaan"]
        if questions and node.id in self.out.rows:
            self.questions(questions, self.out.rows[node.id])
        if node.jenis and node.isian and node.id in self.out.rows:
            self.isian(node, self.out.rows[node.id])

    def take(self, node: Node, row: Row) -> None:
        self.out.rows[node.id] = row
        self.taken.add(id(row))

    # ---------------------------------------------------------------- questions
    def questions(self, qs: list[Node], ind: Row) -> None:
        cands = [c for c in _questions(ind) if id(c) not in self.taken]
        pairs = []
        for i, q in enumerate(qs):
            for j, c in enumerate(cands):
                sim = mirip(q.nama, c.nama)
                if sim < BATAS_MIRIP:
                    continue
                same = c.jenis is None or c.jenis == q.jenis
                pairs.append((sim + (0.1 if same else 0.0) - 0.02 * abs(i - j), i, j))
        got = _greedy(pairs)
        left_q = [i for i in range(len(qs)) if i not in got]
        left_c = [j for j in range(len(cands)) if j not in got.values()]
        if left_q and len(left_q) == len(left_c):
            for i, j in zip(left_q, left_c, strict=True):
                got[i] = j
                c = cands[j]
                self.out.peringatan.append(Peringatan(
                    self._cell(c), f"pertanyaan baris {c.baris} \"{c.nama[:50]}\" dicocokkan dengan "
                    f"\"{qs[i].nama[:50]}\" menurut urutannya (teksnya berbeda)", self.sheet))
        for i, q in enumerate(qs):
            if i not in got:
                continue
            c = cands[got[i]]
            self.take(q, c)
            if c.jenis and q.jenis and c.jenis != q.jenis and c.jenis_dari != "validasi":
                self.out.peringatan.append(Peringatan(
                    self._cell(c), f"Pilihan Jawaban berisi {c.jenis_label!r}, sedangkan pertanyaan \"{q.nama[:50]}\" "
                    f"berjenis {LABEL_JENIS[q.jenis]!r} menurut aturan; jawaban dibaca sebagai "
                    f"{LABEL_JENIS[q.jenis]!r}", self.sheet))
            if q.isian:
                self.isian(q, c)

    def isian(self, q: Node, row: Row) -> None:
        items, cands = q.isian, list(row.isian)
        pairs = []
        for i, it in enumerate(items):
            for j, c in enumerate(cands):
                sim = mirip(it["nama"], c.nama)
                if sim >= BATAS_MIRIP:
                    pairs.append((sim - 0.02 * abs(i - j), i, j))
        got = _greedy(pairs)
        left_i = [i for i in range(len(items)) if i not in got]
        left_c = [j for j in range(len(cands)) if j not in got.values()]
        if left_i and len(left_i) == len(left_c):
            got.update(zip(left_i, left_c, strict=True))
        elif left_i:
            # the computed rows (e.g. "Jumlah yang harus melaporkan") may be missing: pair the typed ones by order
            typed = [i for i in left_i if not items[i].get("rumus")]
            if len(typed) == len(left_c):
                got.update(zip(typed, left_c, strict=True))
        for i, j in got.items():
            self.out.isian[items[i]["id"]] = cands[j]

    def _cell(self, row: Row) -> str:
        return address(row.baris, self.pcol or self.parsed.layout.cols["jawaban"])


def cocokkan(parsed: ParsedSheet, rules: RuleSet) -> Pencocokan:
    """Match every node of ``rules`` (and every count row) to its row in the parsed sheet."""
    m = _Matcher(parsed, rules)
    m.structure(rules.roots(), parsed.roots)
    return m.out
