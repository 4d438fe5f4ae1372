"""Scoring: answers in, scores out. Pure — no I/O, no openpyxl, no xlwings.

Exactly as the official LKE formulas define it:

* Ya/Tidak 1/0; A/B/C 1/0.5/0; A/B/C/D 1/0.67/0.33/0 (literal values); A–E 1/0.75/0.5/0.25/0
* unanswered questions are left out of their indicator's average (AVERAGE skips "Blm Diisi"); an indicator
  with no answer at all is *belum diisi* (``nilai is None``), never a silent zero
* indicator = AVERAGE(question values) × bobot; a group of indicators and every higher node = SUM
* percentages: ratio capped at 100 %; Pelanggaran Disiplin = (last − this)/last, both 0 → 100 %, negative → 0;
  a zero denominator is reported, the question stays unscored
* Hasil: survey 0–4 → value/4 × bobot; A–E answered indicators (Capaian Kinerja) → value × bobot;
  TLHP (2014/2019) → % × bobot
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from .rules import NILAI_PILIHAN, RuleSet

_ERRORS = {"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
_BLANK = {"", "blm diisi", "belum diisi", "-"}
_PILIHAN_TEKS = {"ya_tidak": "Ya/Tidak", "abc": "A/B/C", "abcd": "A/B/C/D", "abcde": "A/B/C/D/E"}


class JawabanTidakSah(ValueError):
    """An answer that is not one of the valid choices (becomes a warning naming the cell)."""


def _num(raw: Any, allow_percent: bool = False) -> float:
    if isinstance(raw, bool):
        raise JawabanTidakSah("bukan angka")
    if isinstance(raw, int | float):
        if math.isnan(raw) or math.isinf(raw):
            raise JawabanTidakSah("bukan angka")
        return float(raw)
    t = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    pct = t.endswith("%")
    if pct:
        if not allow_percent:
            raise JawabanTidakSah("bukan angka")
        t = t[:-1]
    if re.fullmatch(r"[+-]?\d+,\d+", t):
        t = t.replace(",", ".")
    elif re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", t):  # Indonesian thousands separator: 1.234
        t = t.replace(".", "")
    try:
        v = float(t)
    except ValueError:
        raise JawabanTidakSah("bukan angka") from None
    if not math.isfinite(v):  # float() takes "NaN", "inf", "1e999": none of them is a count, a survey or a %
        raise JawabanTidakSah("bukan angka")
    return v / 100 if pct else v


def normalisasi_jawaban(jenis: str, raw: Any) -> Any:
    """Read an answer tolerantly (" ya ", "YA", "a", "A.", "3,60", "80%", "12"). Returns the normalised
    answer, or ``None`` when unanswered. Raises :class:`JawabanTidakSah` for an invalid one."""
    if raw is None:
        return None
    if isinstance(raw, str):
        t = raw.strip()
        if t.lower() in _BLANK:
            return None
        if t.upper() in _ERRORS:
            raise JawabanTidakSah(f"sel berisi galat {t.upper()}")
    if jenis in NILAI_PILIHAN:
        t = str(raw).strip().rstrip(".)").strip()
        if jenis == "ya_tidak":
            low = t.lower()
            if low in ("ya", "y", "yes"):
                return "Ya"
            if low in ("tidak", "t", "tdk", "no"):
                return "Tidak"
        else:
            up = t.upper()
            if up in NILAI_PILIHAN[jenis]:
                return up
        raise JawabanTidakSah(f"jawaban \"{raw}\" bukan pilihan yang sah ({_PILIHAN_TEKS[jenis]})")
    if jenis == "nilai_0_4":
        try:
            v = _num(raw)
        except JawabanTidakSah:
            raise JawabanTidakSah(f"jawaban \"{raw}\" bukan angka 0–4") from None
        if not 0 <= v <= 4:
            raise JawabanTidakSah(f"nilai survei {raw} di luar rentang 0–4")
        return v
    if jenis == "jumlah":
        try:
            v = _num(raw)
        except JawabanTidakSah:
            raise JawabanTidakSah(f"jumlah \"{raw}\" bukan angka") from None
        if v < 0:
            raise JawabanTidakSah(f"jumlah {raw} tidak boleh negatif")
        return v
    if jenis == "persen":
        try:
            v = _num(raw, allow_percent=True)
        except JawabanTidakSah:
            raise JawabanTidakSah(f"persentase \"{raw}\" bukan angka") from None
        if isinstance(raw, str) and not raw.strip().endswith("%") and v > 1:
            v = v / 100  # "80" in a % answer means 80 %
        if v < 0:
            raise JawabanTidakSah(f"persentase {raw} tidak boleh negatif")
        return v
    if jenis == "nilai_langsung":
        try:
            return _num(raw)
        except JawabanTidakSah:
            raise JawabanTidakSah(f"nilai \"{raw}\" bukan angka") from None
    raise JawabanTidakSah(f"jenis jawaban tidak dikenal: {jenis}")


@dataclass
class Peringatan:
    sel: str | None
    pesan: str
    sheet: str | None = None


@dataclass
class NilaiNode:
    id: str
    kode: str | None
    nama: str
    tingkat: str
    bobot: float | None
    nilai: float | None           # regulation value; None = belum diisi
    jawaban: Any = None           # the normalised answer (questions)
    baris: int | None = None
    belum_diisi: int = 0          # unanswered questions below this node

    @property
    def persen(self) -> float | None:
        if self.nilai is None or not self.bobot:
            return None
        return self.nilai / self.bobot


@dataclass
class Skor:
    versi: str
    nodes: dict[str, NilaiNode]
    peringatan: list[Peringatan] = field(default_factory=list)
    total: float = 0.0            # nilai evaluasi: the komponen added up (a blank komponen counts 0)

    def by_peran(self, rules: RuleSet, peran: str) -> NilaiNode | None:
        hits = rules.with_peran(peran)
        return self.nodes[hits[0].id] if hits else None


def hitung(rules: RuleSet, jawaban: dict[str, Any], lokasi: dict[str, str] | None = None) -> Skor:
    """Score a rule set. ``jawaban`` maps question/isian ids to raw answers (as typed in the cells);
    ``lokasi`` maps the same ids to cell addresses used in warnings (e.g. ``"LKE ZI!K26"``)."""
    lokasi = lokasi or {}
    warn: list[Peringatan] = []
    out: dict[str, NilaiNode] = {}

    def read(i: str, jenis: str) -> Any:
        try:
            return normalisasi_jawaban(jenis, jawaban.get(i))
        except JawabanTidakSah as exc:
            warn.append(Peringatan(lokasi.get(i), str(exc)))
            return None

    def isian_values(q) -> dict[str, float | None]:
        vals: dict[str, float | None] = {}
        for it in q.isian:
            vals[it["id"]] = None if it.get("rumus") else read(it["id"], "jumlah")
        for it in q.isian:
            r = it.get("rumus")
            if r and r["jenis"] == "jumlah":
                parts = [vals.get(x) for x in r["dari"]]
                vals[it["id"]] = None if any(p is None for p in parts) else float(sum(parts))
        return vals

    def question_value(q) -> tuple[float | None, Any]:
        if q.jenis in NILAI_PILIHAN:
            a = read(q.id, q.jenis)
            return (None if a is None else q.nilai_pilihan()[a]), a
        if q.jenis == "nilai_0_4":
            a = read(q.id, q.jenis)
            return (None if a is None else a / 4), a
        if q.jenis == "nilai_langsung":
            a = read(q.id, q.jenis)
            return a, a
        if q.jenis == "persen" and not q.rumus:
            a = read(q.id, "persen")
            return (None if a is None else min(a, 1.0)), a
        if q.jenis == "persen":
            vals = isian_values(q)
            r = q.rumus
            if any(vals.get(x) is None for x in r.get("wajib", [])):
                return None, None
            if r["jenis"] == "rasio":
                num, den = vals[r["pembilang"]], vals[r["penyebut"]]
                if num is None or den is None:
                    return None, None
                if den == 0:
                    warn.append(Peringatan(lokasi.get(r["penyebut"]) or lokasi.get(q.id),
                                           f"penyebut nol pada \"{q.nama[:60]}\": persentase tidak dapat "
                                           "dihitung (rumus resmi memberi #DIV/0!)"))
                    return None, None
                return min(num / den, 1.0), num / den
            if r["jenis"] == "penurunan":
                lalu, kini = vals[r["lalu"]], vals[r["kini"]]
                if lalu is None or kini is None:
                    return None, None
                if lalu == 0 and kini == 0:
                    return 1.0, 1.0
                if lalu == 0:
                    warn.append(Peringatan(lokasi.get(r["lalu"]) or lokasi.get(q.id),
                                           "pelanggaran tahun sebelumnya 0 dan tahun ini naik: penurunan "
                                           "dihitung 0% (rumus resmi memberi #DIV/0!)"))
                    return 0.0, None
                d = (lalu - kini) / lalu
                return max(d, 0.0), d
        raise ValueError(f"jenis tidak dikenal: {q.jenis}")  # pragma: no cover - validated rule sets

    def rec(node) -> NilaiNode:
        res = NilaiNode(id=node.id, kode=node.kode, nama=node.nama, tingkat=node.tingkat, bobot=node.bobot,
                        nilai=None, baris=node.baris)
        kids = [rec(c) for c in rules.children(node.id)]
        if node.tingkat == "pertanyaan":
            res.nilai, res.jawaban = question_value(node)
            res.belum_diisi = int(res.nilai is None)
        elif node.jenis:  # indicator answered directly (IPAK, Capaian Kinerja, IPKP, 2014 area scores)
            v, res.jawaban = question_value(node)
            if v is not None and node.jenis == "nilai_langsung":
                if v > node.bobot:
                    warn.append(Peringatan(lokasi.get(node.id), f"nilai {v} melebihi bobot {node.bobot}; "
                                           "dibatasi pada bobot"))
                res.nilai = min(v, node.bobot)
            elif v is not None:
                res.nilai = v * node.bobot
            res.belum_diisi = int(v is None)
        elif node.agregasi == "rata_rata":
            vals = [k.nilai for k in kids if k.nilai is not None]
            res.nilai = (sum(vals) / len(vals)) * node.bobot if vals else None
            res.belum_diisi = sum(k.belum_diisi for k in kids)
        else:  # jumlah
            vals = [k.nilai for k in kids if k.nilai is not None]
            res.nilai = float(sum(vals)) if vals else None
            res.belum_diisi = sum(k.belum_diisi for k in kids)
        out[node.id] = res
        return res

    total = sum((rec(root).nilai or 0.0) for root in rules.roots())
    nodes = {n.id: out[n.id] for n in rules.nodes}  # rule order
    return Skor(versi=rules.versi, nodes=nodes, peringatan=warn, total=float(total))
