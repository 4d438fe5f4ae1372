"""Simulasi: the smallest set of answer improvements that meets every threshold of a target predikat — "apa yang
harus diperbaiki agar WBK?" — solved exactly as a mixed-integer model (HiGHS, through ``highspy``).

The model, per answer source (the headline one by default):

* every question that takes a choice (Ya/Tidak, A–C, A–D, A–E, also Capaian Kinerja) gets one binary per answer
  level it may take: its current level or a better one (an answer is never lowered or erased); a blank question
  may stay blank or be answered at any level. A percentage question may stay or be raised to 100 %. Survey
  indices (IPAK, IPKP, 0–4) and values typed directly (2014) cannot be changed by answers; neither can questions
  the caller fixes.
* an indicator is AVERAGE(answered questions) × bobot, exactly: where a blank question may be answered the number of
  answered questions ``n`` is itself a choice, modelled by one binary per possible ``n`` (``z_k``) and the
  constraints ``k·y ≤ bobot·Σvalues + k·bobot·(1 − z_k)`` for the indicator's value ``y``. Only upper bounds are
  needed: every threshold asks for *at least* a value, so a value below its true one never helps the solver.
  Where no blank question may be answered ``n`` is fixed and the indicator is linear.
* areas, bagian, komponen and the total are sums; each threshold of the target is one constraint (on 2021+ an area
  is Pemenuhan + Reform). The target WBBM includes the WBK thresholds and the earlier WBK.
* cost: per question, per level gained (default 1 — "one level = one step"; a blank question answered at its lowest
  level costs one step); the objective is the total cost, ties broken toward more points.

Thresholds no answer can reach (the survey indices, an earlier WBK) are found first, exactly, by scoring every
changeable answer at its best (all node values are highest there at once), and reported with what they need
(``perlu``: the survey value, "predikat Menuju WBK lebih dulu"); the model then meets every other threshold. The
plan is checked by rescoring the improved answers with :func:`zi_xl.lke.scoring.hitung` and
:func:`zi_xl.lke.predikat.tentukan` — the same code as "Hitung Nilai".

    >>> s = simulasi(read_lke("LKE.xlsx"), target="WBK")        # doctest: +SKIP
    >>> [(x.sel, x.dari, x.ke, x.tambah_nilai) for x in s.langkah]   # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import copy
import ctypes
import importlib
import os
import sys
from dataclasses import dataclass, field
from typing import Any

from ..area import DAFTAR, nama_area
from ..errors import ZiError
from ..teks import angka, persen
from ..xlsx.edits import Cell, Edit, ReplaceSheet, Style
from . import gaya as G
from .layout import norm
from .model import HasilLKE, Penilaian
from .predikat import TINGKAT_PREDIKAT, Predikat, area_perubahan, load_batas, tentukan
from .rules import NILAI_PILIHAN, Node, RuleSet
from .scoring import Skor, hitung

TARGET = TINGKAT_PREDIKAT                    # ("WBK", "WBBM")
_TOL = 1e-9                                  # the verdict's own tolerance (predikat.tentukan)
_KOMPONEN = ("pengungkit", "hasil", "total")
#: seconds spent, after the cheapest plan is found, looking for one of the same cost with more points
WAKTU_TAMBAHAN = 0.3


def nama_sheet(target: str) -> str:
    """The plan's sheet: "Jalan Menuju WBK" / "Jalan Menuju WBBM" (a sheet name cannot hold "/")."""
    return f"Jalan Menuju {target}"


@dataclass
class Langkah:
    """One answer improvement."""

    id: str
    sheet: str
    sel: str | None
    pertanyaan: str
    indikator: str
    area: str | None
    dari: Any                        # current answer (None: belum diisi)
    ke: Any                          # proposed answer
    tambah_nilai: float = 0.0        # points added to the total, applied in the listed order
    biaya: float = 0.0               # steps (levels gained × the question's cost)
    catatan: str | None = None       # how, for a percentage computed from counts ("… sama dengan …")

    def to_dict(self) -> dict:
        return {"sheet": self.sheet, "sel": self.sel, "pertanyaan": self.pertanyaan, "dari": _teks(self.dari),
                "ke": _teks(self.ke), "tambah_nilai": self.tambah_nilai, "id": self.id,
                "indikator": self.indikator, "area": self.area, "biaya": self.biaya, "catatan": self.catatan}


@dataclass
class TidakTerjangkau:
    """A threshold no answer improvement reaches, and what it needs."""

    syarat: str
    perlu: str
    predikat: str = ""
    kode: str | None = None
    batas: Any = None
    nilai_maksimum: float | None = None   # the most the answers can give

    def to_dict(self) -> dict:
        return {"syarat": self.syarat, "perlu": self.perlu, "predikat": self.predikat, "kode": self.kode,
                "batas": self.batas, "nilai_maksimum": self.nilai_maksimum}


@dataclass
class Simulasi:
    berkas: str
    sheet: str
    sumber: str                      # the answer source simulated ("Jawaban unit")
    target: str
    tercapai_sekarang: bool
    langkah: list[Langkah] = field(default_factory=list)
    tidak_terjangkau: list[TidakTerjangkau] = field(default_factory=list)
    nilai_sekarang: dict = field(default_factory=dict)
    nilai_setelah: dict = field(default_factory=dict)
    predikat_sekarang: str | None = None
    predikat_setelah: str | None = None
    syarat_setelah: list = field(default_factory=list)   # the target's thresholds after the plan (Syarat)
    syarat_sekarang: list = field(default_factory=list)

    @property
    def biaya(self) -> float:
        return sum(x.biaya for x in self.langkah)

    @property
    def terjangkau(self) -> bool:
        return not self.tidak_terjangkau

    def ringkas(self) -> str:
        """One line, e.g. "Menuju WBK: 4 perbaikan jawaban (5 langkah) → nilai 76,10, predikat WBK"."""
        if self.tercapai_sekarang:
            return (f"Target {self.target} sudah tercapai (nilai {angka(self.nilai_sekarang.get('total'))}); "
                    "tidak perlu perbaikan jawaban.")
        s = f"Menuju {self.target}: "
        if self.langkah:
            b = self.biaya
            s += (f"{len(self.langkah)} perbaikan jawaban ({angka(b, 0 if float(b).is_integer() else 2)} langkah) "
                  f"→ nilai {angka(self.nilai_setelah.get('total'))}, predikat {self.predikat_setelah}")
        else:
            s += "tidak ada perbaikan jawaban yang membantu"
        if self.tidak_terjangkau:
            s += ("; tidak tercapai dengan jawaban saja: "
                  + "; ".join(f"{t.syarat} — {t.perlu}" for t in self.tidak_terjangkau))
        return s + "."

    def to_dict(self) -> dict:
        """JSON: ``target, tercapai_sekarang, langkah, tidak_terjangkau, nilai_setelah, predikat_setelah`` (the
        issue's keys) and ``berkas, sumber, nilai_sekarang, predikat_sekarang, biaya, ringkas``."""
        return {"target": self.target, "tercapai_sekarang": self.tercapai_sekarang,
                "langkah": [x.to_dict() for x in self.langkah],
                "tidak_terjangkau": [t.to_dict() for t in self.tidak_terjangkau],
                "nilai_setelah": self.nilai_setelah, "predikat_setelah": self.predikat_setelah,
                "berkas": self.berkas, "sheet": self.sheet, "sumber": self.sumber,
                "nilai_sekarang": self.nilai_sekarang, "predikat_sekarang": self.predikat_sekarang,
                "biaya": self.biaya, "ringkas": self.ringkas()}


def _teks(x: Any) -> Any:
    """An answer as users read it: letters as they are, percentages as "80,0%", blank as "belum diisi"."""
    if x is None:
        return "belum diisi"
    if isinstance(x, _Persen):
        return persen(x.nilai)
    return x


@dataclass(frozen=True)
class _Persen:
    """A percentage answer (a fraction), kept apart from numbers typed as such."""

    nilai: float


# --------------------------------------------------------------------------------------------- answers ⇄ values
def datar(rules: RuleSet) -> RuleSet:
    """The rule set with every computed percentage question turned into a plain one (answered with its value),
    so that any state of the answers — including "raised to 100 %" — can be scored by :func:`hitung` without
    inventing the counts behind it."""
    flat = copy.deepcopy(rules)
    for n in flat.nodes:
        if n.jenis == "persen" and n.rumus:
            n.rumus, n.isian = None, []
    return RuleSet(flat.versi, flat.nama, flat.sumber, flat.nodes)


def jawaban_nilai(rules: RuleSet, skor: Skor) -> dict[str, Any]:
    """The answers (for :func:`datar` rules) that score exactly as ``skor``: choice letters, survey values, and
    each percentage as its (capped) value."""
    out: dict[str, Any] = {}
    for q in rules.questions():
        nd = skor.nodes[q.id]
        if q.jenis == "persen":
            if nd.nilai is not None:
                out[q.id] = nd.nilai if q.tingkat == "pertanyaan" else nd.nilai / q.bobot
        else:
            out[q.id] = nd.jawaban
    return out


def terapkan(rules: RuleSet, jawaban: dict[str, Any], langkah: list[Langkah]) -> dict[str, Any]:
    """Raw answers (as for :func:`hitung` on ``rules``) with the steps applied: choice letters written; a percentage
    raised to 100 % by setting its counts (numerator = denominator; this year's violations 0)."""
    out = dict(jawaban)
    for s in langkah:
        q = rules.node(s.id)
        if not isinstance(s.ke, _Persen):
            out[q.id] = s.ke
            continue
        r = q.rumus
        if not r:
            out[q.id] = 1.0
            continue
        isian = {it["id"]: it for it in q.isian}
        for w in r.get("wajib", []):
            if out.get(w) is None and not isian.get(w, {}).get("rumus"):
                out[w] = 0
        if r["jenis"] == "rasio":
            den = isian[r["penyebut"]]
            if den.get("rumus"):
                parts = den["rumus"]["dari"]
                for x in parts:
                    out[x] = out.get(x) or 0
                total = sum(float(out[x]) for x in parts)
                if total == 0:
                    out[parts[0]], total = 1, 1.0
            else:
                total = float(out.get(r["penyebut"]) or 0)
                if total == 0:
                    out[r["penyebut"]], total = 1, 1.0
            out[r["pembilang"]] = total
        elif r["jenis"] == "penurunan":
            out[r["kini"]] = 0
            if out.get(r["lalu"]) is None:
                out[r["lalu"]] = 0
    return out


# --------------------------------------------------------------------------------------------- options
@dataclass
class _Opsi:
    jawaban: Any                     # the answer to write (letter, _Persen) or None (blank)
    nilai: float | None              # the node's value with this answer; None: blank
    biaya: float


@dataclass
class _Daun:
    node: Node
    opsi: list[_Opsi]                # [current, better …]

    @property
    def tetap(self) -> bool:
        return len(self.opsi) == 1


def _daun(rules: RuleSet, skor: Skor, q: Node, c: float | None) -> _Daun:
    nd = skor.nodes[q.id]
    skala = 1.0 if q.tingkat == "pertanyaan" else (q.bobot or 0.0)
    if q.jenis in NILAI_PILIHAN:
        cur = _Opsi(nd.jawaban, nd.nilai, 0.0)
        if c is None:
            return _Daun(q, [cur])
        levels = sorted(q.nilai_pilihan().items(), key=lambda kv: (kv[1], kv[0]))
        if nd.jawaban is None:
            return _Daun(q, [cur] + [_Opsi(a, v * skala, (i + 1) * c) for i, (a, v) in enumerate(levels)])
        r = next(i for i, (a, _) in enumerate(levels) if a == nd.jawaban)
        return _Daun(q, [cur] + [_Opsi(a, v * skala, (i - r) * c) for i, (a, v) in enumerate(levels) if i > r])
    if q.jenis == "persen":
        u = None if nd.nilai is None else nd.nilai / skala
        cur = _Opsi(None if u is None else _Persen(u), nd.nilai, 0.0)
        if c is None or (u is not None and u >= 1 - _TOL):
            return _Daun(q, [cur])
        return _Daun(q, [cur, _Opsi(_Persen(1.0), skala, c)])
    return _Daun(q, [_Opsi(nd.jawaban, nd.nilai, 0.0)])   # surveys, values typed directly: not by answers


def _biaya_per_soal(hasil_baris: dict[str, int], kolom: str, rules: RuleSet,
                    biaya: dict[str, float | None] | None) -> dict[str, float | None]:
    """Cost per level of each answer node: ``biaya`` keyed by node id or by cell ("K45"); None = fixed."""
    out: dict[str, float | None] = {}
    by_cell = {f"{kolom}{r}".upper(): i for i, r in hasil_baris.items()} if kolom else {}
    for key, v in (biaya or {}).items():
        i = key if rules.get(key) is not None else by_cell.get(str(key).upper().replace("$", ""))
        if i is None:
            raise ZiError(f"biaya: '{key}' bukan id pertanyaan atau sel jawaban LKE")
        if v is not None and (not isinstance(v, int | float) or isinstance(v, bool) or v <= 0):
            raise ZiError(f"biaya '{key}': {v!r} harus angka lebih dari 0 (atau null: jawaban tidak diubah)")
        out[i] = None if v is None else float(v)
    return out


# --------------------------------------------------------------------------------------------- the model
class _Model:
    """Columns and rows of the mixed-integer model, as plain lists (handed to HiGHS at the end)."""

    def __init__(self) -> None:
        self.cols: list[tuple[float, float, float, bool]] = []      # (lb, ub, cost, integer)
        self.rows: list[tuple[float, float, dict[int, float]]] = []

    def var(self, lb: float = 0.0, ub: float = 1.0, cost: float = 0.0, integer: bool = True) -> int:
        self.cols.append((lb, ub, cost, integer))
        return len(self.cols) - 1

    def row(self, lin: Lin, lb: float = -1e30, ub: float = 1e30) -> None:
        terms, const = lin
        terms = {k: v for k, v in terms.items() if v != 0}
        self.rows.append((lb - const, ub - const, terms))


Lin = tuple[dict[int, float], float]         # (coefficient per column, constant)


def _add(*xs: Lin, f: float = 1.0) -> Lin:
    terms: dict[int, float] = {}
    const = 0.0
    for t, c in xs:
        const += c
        for k, v in t.items():
            terms[k] = terms.get(k, 0.0) + v
    return ({k: v * f for k, v in terms.items()}, const * f)


def _build(rules: RuleSet, daun: dict[str, _Daun], m: _Model) -> tuple[dict[str, Lin], dict[str, list[int]]]:
    """Value expressions of every node; the option columns of every changeable leaf."""
    val: dict[str, Lin] = {}
    cols: dict[str, list[int]] = {}
    answered: dict[str, Lin] = {}

    def leaf(n: Node) -> None:
        d = daun[n.id]
        if d.tetap:
            o = d.opsi[0]
            val[n.id] = ({}, o.nilai or 0.0)
            answered[n.id] = ({}, 0.0 if o.nilai is None else 1.0)
            return
        xs = [m.var(cost=o.biaya) for o in d.opsi]
        cols[n.id] = xs
        m.row(({x: 1.0 for x in xs}, 0.0), 1.0, 1.0)
        val[n.id] = ({x: o.nilai or 0.0 for x, o in zip(xs, d.opsi, strict=True)}, 0.0)
        answered[n.id] = ({x: 1.0 for x, o in zip(xs, d.opsi, strict=True) if o.nilai is not None}, 0.0)

    def rec(n: Node) -> None:
        if n.jenis:
            leaf(n)
            return
        kids = rules.children(n.id)
        for k in kids:
            rec(k)
        if n.agregasi != "rata_rata":
            val[n.id] = _add(*(val[k.id] for k in kids))
            return
        if any(k.id not in answered for k in kids):
            raise ZiError(f"simulasi: indikator {n.id} merata-ratakan simpul yang bukan pertanyaan")
        s = _add(*(val[k.id] for k in kids))
        cnt = _add(*(answered[k.id] for k in kids))
        b = n.bobot or 0.0
        if not cnt[0]:                                   # the number answered is fixed: linear
            k = cnt[1]
            val[n.id] = _add(s, f=b / k) if k else ({}, 0.0)
            return
        lo = int(round(cnt[1]))
        hi = lo + len(cnt[0])
        y = m.var(0.0, b, integer=False)
        zs = {k: m.var() for k in range(lo, hi + 1)}
        m.row(({z: 1.0 for z in zs.values()}, 0.0), 1.0, 1.0)
        m.row(_add(({z: float(k) for k, z in zs.items()}, 0.0), _add(cnt, f=-1.0)), 0.0, 0.0)   # Σ k·z_k = n
        for k, z in zs.items():
            if k == 0:
                m.row(({y: 1.0, z: b}, 0.0), ub=b)
            else:
                m.row(_add(({y: float(k), z: k * b}, 0.0), _add(s, f=-b)), ub=k * b)
        val[n.id] = ({y: 1.0}, 0.0)

    for root in rules.roots():
        rec(root)
    val["total"] = _add(*(val[r.id] for r in rules.roots()))
    return val, cols


def _kriteria(rules: RuleSet, batas: dict, target: str) -> list[tuple[str, dict, str | None, list[str], float]]:
    """(level, criterion, area key, node ids summed, minimum) of every threshold of the target."""
    levels = ("WBK",) if target == "WBK" else ("WBK", "WBBM")
    areas = area_perubahan(rules)
    out = []
    for lv in levels:
        for c in batas.get(lv, []):
            if c["jenis"] == "nilai":
                if c["peran"] == "total":
                    out.append((lv, c, None, ["total"], c["min"]))
                else:
                    hit = rules.with_peran(c["peran"])
                    if hit:
                        out.append((lv, c, None, [hit[0].id], c["min"]))
            elif c["jenis"] == "area_persen":
                for key, ids, b in areas:
                    out.append((lv, c, key, ids, c["min"] * b))
            elif c["jenis"] == "wbk_sebelumnya":
                out.append((lv, c, None, [], 0.0))
    return out


def _quiet_highs(hs):
    """A HiGHS instance; its banner (printed on the C side the first time one is made) never reaches stdout."""
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError):
        return hs.Highs()
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        h = hs.Highs()
        with contextlib.suppress(Exception):
            ctypes.CDLL(None).fflush(None)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)
    return h


def _solve(m: _Model, bonus: Lin | None = None, batas_biaya: float | None = None,
           waktu: float | None = None) -> list[float] | None:
    """Minimise the cost (or, with ``bonus``, maximise it among plans costing at most ``batas_biaya``, within
    ``waktu`` seconds); the column values, or None when infeasible."""
    hs = importlib.import_module("highspy")
    h = _quiet_highs(hs)
    for k, v in (("output_flag", False), ("random_seed", 0), ("threads", 1), ("mip_rel_gap", 0.0),
                 ("mip_abs_gap", 1e-6), ("primal_feasibility_tolerance", 1e-9), ("mip_feasibility_tolerance", 1e-9)):
        h.setOptionValue(k, v)
    if waktu is not None:
        h.setOptionValue("time_limit", float(waktu))
    n = len(m.cols)
    if n == 0:
        return []
    cost = [c for _, _, c, _ in m.cols]
    if bonus is not None:
        cost = [0.0] * n
        for k, v in bonus[0].items():
            cost[k] = -v
    h.addVars(n, [lb for lb, _, _, _ in m.cols], [ub for _, ub, _, _ in m.cols])
    h.changeColsCost(n, list(range(n)), cost)
    ints = [i for i, col in enumerate(m.cols) if col[3]]
    if ints:
        h.changeColsIntegrality(len(ints), ints, [int(hs.HighsVarType.kInteger)] * len(ints))
    rows = list(m.rows)
    if batas_biaya is not None:
        rows.append((-1e30, batas_biaya, {i: c for i, (_, _, c, _) in enumerate(m.cols) if c}))
    for lb, ub, terms in rows:
        idx = list(terms)
        h.addRow(lb, ub, len(idx), idx, [terms[i] for i in idx])
    h.run()
    st = h.getModelStatus()
    if st in (hs.HighsModelStatus.kInfeasible, hs.HighsModelStatus.kUnboundedOrInfeasible):
        return None
    if st != hs.HighsModelStatus.kOptimal and waktu is not None and h.getInfo().primal_solution_status != 2:
        return None          # the optional tie-break ran out of time (a busy machine): keep the optimal plan found
    if st != hs.HighsModelStatus.kOptimal and waktu is None:
        raise ZiError(f"simulasi: perhitungan berhenti tanpa hasil optimal ({h.modelStatusToString(st)})")
    return list(h.getSolution().col_value)


# --------------------------------------------------------------------------------------------- simulasi
def _skor(flat: RuleSet, jawaban: dict, batas: dict, sudah_wbk: bool) -> tuple[Skor, Predikat]:
    sk = hitung(flat, jawaban)
    return sk, tentukan(flat, sk, batas, sudah_wbk=sudah_wbk)


def _tercapai(pred: Predikat, target: str, kecuali: set[tuple[str, str | None, str | None]] = frozenset()) -> bool:
    levels = ("WBK",) if target == "WBK" else ("WBK", "WBBM")
    return all(s.terpenuhi for s in pred.syarat if s.predikat in levels and (s.predikat, s.kode, s.area)
               not in kecuali)


def _nilai(flat: RuleSet, sk: Skor) -> dict:
    out = {}
    for k in _KOMPONEN:
        if k == "total":
            out[k] = sk.total
        else:
            hit = sk.by_peran(flat, k)
            out[k] = hit.nilai if hit else None
    return out


def _perlu(flat: RuleSet, sk_max: Skor, daun: dict[str, _Daun], ids: list[str], minimum: float,
           crit: dict, sudah_wbk: bool) -> str:
    """What an unreachable threshold needs: a survey value, points from values answers do not change, an earlier
    WBK."""
    if crit["jenis"] == "wbk_sebelumnya":
        return "predikat Menuju WBK lebih dulu (unit belum pernah memperoleh WBK)"
    tetap: list[Node] = []                       # values no answer changes, added straight into the threshold

    def rec(n: Node) -> None:
        if n.jenis:
            if daun[n.id].tetap and n.tingkat != "pertanyaan" and n.jenis in ("nilai_0_4", "nilai_langsung"):
                tetap.append(n)
            return
        if n.agregasi == "rata_rata":
            return
        for k in flat.children(n.id):
            rec(k)

    for r in (flat.roots() if ids == ["total"] else [flat.node(i) for i in ids]):
        rec(r)
    got = sum(((sk_max.total if i == "total" else sk_max.nodes[i].nilai) or 0.0) for i in ids)
    if not tetap:
        return f"nilai tertinggi dengan semua jawaban terbaik {angka(got)} < batas {angka(minimum)}"
    if len(tetap) == 1 and tetap[0].jenis == "nilai_0_4":
        s = tetap[0]
        need = minimum - (got - (sk_max.nodes[s.id].nilai or 0.0))
        v = need / s.bobot * 4
        now = sk_max.nodes[s.id].jawaban
        sekarang = "belum diisi" if now is None else angka(now)
        if v > 4 + _TOL:
            return f"{_nama_tetap(s)} lebih dari 4 (tidak mungkin; sekarang {sekarang})"
        return f"{_nama_tetap(s)} minimal {angka(max(v, 0.0))} (sekarang {sekarang})"
    names = " + ".join(_nama_tetap(n) for n in tetap)
    sekarang = sum(sk_max.nodes[n.id].nilai or 0.0 for n in tetap)
    return (f"tambahan {angka(minimum - got)} poin dari {names} (sekarang {angka(sekarang)}; dengan semua jawaban "
            f"terbaik nilainya {angka(got)} < batas {angka(minimum)})")


def _nama_tetap(n: Node) -> str:
    for p in ("ipak", "ipkp"):
        if p in n.peran:
            return f"survei {p.upper()}"
    return f"survei '{n.nama}'" if n.jenis == "nilai_0_4" else f"nilai '{n.nama}' (diisi langsung)"


def simulasikan(rules: RuleSet, skor: Skor, batas: dict, target: str, sudah_wbk: bool = False,
                biaya: dict[str, float | None] | None = None, lokasi: dict[str, str] | None = None,
                sheet: str = "") -> Simulasi:
    """The pure core: the cheapest answer improvements on ``skor`` (scored on ``rules``) that meet every threshold of
    ``target`` ("WBK"/"WBBM") in ``batas``. ``biaya``: cost per level gained, by node id (default 1; None: the
    answer is not changed); ``lokasi``: node id → answer cell, for the steps."""
    if target not in TARGET:
        raise ZiError(f"target '{target}' tidak dikenal (pilihan: WBK, WBBM)")
    biaya = biaya or {}
    lokasi = lokasi or {}
    flat = datar(rules)
    awal = jawaban_nilai(rules, skor)
    sk0, pred0 = _skor(flat, awal, batas, sudah_wbk)
    hasil = Simulasi(berkas="", sheet=sheet, sumber="", target=target,
                     tercapai_sekarang=_tercapai(pred0, target), nilai_sekarang=_nilai(flat, sk0),
                     predikat_sekarang=pred0.hasil, syarat_sekarang=_syarat_target(pred0, target))
    if hasil.tercapai_sekarang:
        hasil.nilai_setelah, hasil.predikat_setelah = hasil.nilai_sekarang, pred0.hasil
        hasil.syarat_setelah = hasil.syarat_sekarang
        return hasil

    daun = {q.id: _daun(rules, skor, q, biaya.get(q.id, 1.0)) for q in rules.questions()}
    # what the answers can reach at best: every changeable answer at its top option
    maks = dict(awal) | {i: _raw(d.opsi[-1]) for i, d in daun.items() if not d.tetap}
    sk_max, pred_max = _skor(flat, maks, batas, sudah_wbk)
    kriteria = _kriteria(flat, batas, target)
    lepas: set[tuple[str, str | None, str | None]] = set()
    for s in pred_max.syarat:
        if s.predikat in (("WBK",) if target == "WBK" else TARGET) and not s.terpenuhi:
            lv, crit, _, ids, mn = next(k for k in kriteria if (k[0], k[1]["kode"], k[2]) ==
                                        (s.predikat, s.kode, s.area))
            lepas.add((s.predikat, s.kode, s.area))
            hasil.tidak_terjangkau.append(TidakTerjangkau(
                s.syarat, _perlu(flat, sk_max, daun, ids, mn, crit, sudah_wbk), s.predikat, s.kode,
                s.batas, s.nilai if isinstance(s.nilai, int | float) else None))

    m = _Model()
    val, cols = _build(flat, daun, m)
    margin = 0.0
    pilihan: dict[str, int] = {}
    for _ in range(3):
        base_rows = len(m.rows)
        for lv, crit, area, ids, mn in kriteria:
            if (lv, crit["kode"], area) in lepas or crit["jenis"] == "wbk_sebelumnya":
                continue
            lin = _add(*(val[i] for i in ids))
            if not lin[0]:
                continue                                  # no answer moves it (it is met: else it was let go)
            m.row(lin, lb=mn - _TOL + margin)
        x = _solve(m)
        if x is not None and WAKTU_TAMBAHAN:                # among the cheapest plans, the one with most points
            cheapest = sum(c * v for (_, _, c, _), v in zip(m.cols, x, strict=True))
            y = _solve(m, bonus=val["total"], batas_biaya=cheapest + 1e-6, waktu=WAKTU_TAMBAHAN)
            x = y if y is not None else x
        del m.rows[base_rows:]
        if x is None:  # pragma: no cover - every threshold left was shown reachable at the best answers
            raise ZiError("simulasi: model tidak layak padahal setiap syarat terjangkau (laporkan kepada pengelola)")
        pilihan = {i: max(range(len(xs)), key=lambda j: x[xs[j]]) for i, xs in cols.items()}
        langkah = [(i, j) for i, j in pilihan.items() if j != 0]
        jw = dict(awal) | {i: _raw(daun[i].opsi[j]) for i, j in langkah}
        sk1, pred1 = _skor(flat, jw, batas, sudah_wbk)
        if _tercapai(pred1, target, lepas):
            break
        margin = margin * 10 if margin else 1e-7
    else:  # pragma: no cover - numerical trouble only
        raise ZiError("simulasi: hasil pemecah tidak lolos pemeriksaan ulang (laporkan kepada pengelola)")

    hasil.langkah = _urutkan(flat, rules, awal, daun, [(i, j) for i, j in pilihan.items() if j != 0], lokasi, sheet)
    hasil.nilai_setelah, hasil.predikat_setelah = _nilai(flat, sk1), pred1.hasil
    hasil.syarat_setelah = _syarat_target(pred1, target)
    return hasil


def _raw(o: _Opsi) -> Any:
    return o.jawaban.nilai if isinstance(o.jawaban, _Persen) else o.jawaban


def _syarat_target(pred: Predikat, target: str) -> list:
    levels = ("WBK",) if target == "WBK" else TARGET
    return [s for s in pred.syarat if s.predikat in levels]


def _cara(q: Node) -> str | None:
    """For a percentage computed from counts: which count to change so that it becomes 100 %."""
    r = q.rumus
    if not r:
        return None
    nama = {it["id"]: it["nama"] for it in q.isian}
    if r["jenis"] == "rasio":
        return f"isian '{nama[r['pembilang']]}' sama dengan '{nama[r['penyebut']]}'"
    if r["jenis"] == "penurunan":
        return f"isian '{nama[r['kini']]}' menjadi 0"
    return None


def _urutkan(flat: RuleSet, asli: RuleSet, awal: dict, daun: dict[str, _Daun], pilih: list[tuple[str, int]],
             lokasi: dict[str, str], sheet: str) -> list[Langkah]:
    """The steps, biggest gain first; ``tambah_nilai`` is what each adds to the total after those above it (they
    add up to the plan's gain)."""
    base = hitung(flat, awal).total

    def gain(changes) -> float:
        return hitung(flat, dict(awal) | {i: _raw(daun[i].opsi[j]) for i, j in changes}).total

    order = {q.id: k for k, q in enumerate(flat.questions())}
    solo = {i: gain([(i, j)]) - base for i, j in pilih}
    pilih = sorted(pilih, key=lambda t: (-round(solo[t[0]], 9), order[t[0]]))
    out = []
    prev, done = base, []
    for i, j in pilih:
        done.append((i, j))
        now = gain(done)
        n = daun[i].node
        parent = flat.get(n.induk) if n.induk and n.tingkat == "pertanyaan" else None
        area = _area(flat, n)
        o = daun[i].opsi[j]
        out.append(Langkah(i, sheet, lokasi.get(i), n.nama, parent.nama if parent else n.nama, area,
                           daun[i].opsi[0].jawaban, o.jawaban, now - prev, o.biaya, _cara(asli.node(i))))
        prev = now
    return out


def _area(rules: RuleSet, n: Node) -> str | None:
    while n is not None:
        if n.tingkat == "area":
            return nama_area(n.area)
        n = rules.get(n.induk) if n.induk else None
    return None


def target_berikut(p: Penilaian) -> str:
    """The next predikat: WBK for a unit without it, WBBM otherwise."""
    return "WBK" if p.hasil in (None, "Tidak memenuhi") else "WBBM"


def simulasi(hasil: HasilLKE, target: str | None = None, jawaban: str | None = None,
             biaya: dict[str, float | None] | None = None, batas: str | None = None) -> Simulasi:
    """Simulasi on a read LKE: the headline source (or ``jawaban``), toward ``target`` (default: the next
    predikat). ``biaya``: cost per level by question id or answer cell ("K45"); None fixes an answer. ``batas``:
    a threshold override file (as ``zi-xl hitung --batas``)."""
    p = hasil.penilaian
    if jawaban is not None:
        want = norm(jawaban)
        p = next((s for s in hasil.sumber if s.jawaban == want or s.kolom.lower() == want), None)
        if p is None:
            ada = ", ".join(f"{s.jawaban} (kolom {s.kolom})" for s in hasil.sumber)
            raise ZiError(f"sumber jawaban '{jawaban}' tidak ada di sheet (ada: {ada})", berkas=hasil.berkas,
                          sheet=hasil.sheet)
    if p.kosong:
        raise ZiError(f"{p.label} belum diisi sama sekali; tidak ada yang dapat disimulasikan",
                      berkas=hasil.berkas, sheet=hasil.sheet)
    target = (target or target_berikut(p)).upper()
    rules = hasil.rules
    lokasi = {i: f"{p.kolom}{r}" for i, r in hasil.baris.items()} if p.kolom else {}
    harga = {q.id: 1.0 for q in rules.questions()} | _biaya_per_soal(hasil.baris, p.kolom, rules, biaya)
    s = simulasikan(rules, p.skor, load_batas(rules.versi, batas), target, sudah_wbk=hasil.sudah_wbk,
                    biaya=harga, lokasi=lokasi, sheet=hasil.sheet)
    s.berkas, s.sumber = hasil.berkas, p.label
    return s


# --------------------------------------------------------------------------------------------- the sheet
def _v(x) -> Any:
    if x is None or isinstance(x, int | float):
        return x
    return str(x)


def edits_simulasi(s: Simulasi) -> list[Edit]:
    """The sheet "Jalan Menuju WBK"/"Jalan Menuju WBBM": the plan (question, cell, current → proposed answer, points
    added, running total), the target's thresholds now and after, and what answers cannot reach."""
    rows: list[list] = [
        [Cell(f"Jalan Menuju {s.target}: perbaikan jawaban paling sedikit", style=G.JUDUL)],
        [f"Berkas: {os.path.basename(s.berkas)} · {s.sumber} · target Menuju {s.target}"],
        [Cell(s.ringkas(), style=Style(bold=True, wrap=True))],
        [Cell("Cara: dicari kombinasi perbaikan dengan jumlah langkah paling kecil (satu tingkat jawaban = satu "
              "langkah), dihitung tepat, bukan perkiraan; jawaban tidak pernah diturunkan atau dikosongkan; nilai "
              "survei (IPAK, IPKP) tidak dapat diubah dengan jawaban. Tambah nilai = kenaikan nilai total bila "
              "langkah dikerjakan berurutan dari atas.",
              style=Style(italic=True, wrap=True))],
        [],
        [Cell(h, style=G.KEPALA) for h in ("Komponen", "Sekarang", "Sesudah perbaikan", "Tambah")],
    ]
    for k, label in (("pengungkit", "Pengungkit"), ("hasil", "Hasil"), ("total", "Nilai total")):
        a, b = s.nilai_sekarang.get(k), s.nilai_setelah.get(k)
        rows.append([Cell(label, style=G.TEKS), Cell(a, style=G.NILAI), Cell(b, style=G.NILAI),
                     Cell(None if a is None or b is None else b - a, style=G.SELISIH)])
    rows.append([Cell("Predikat", style=G.TEKS), Cell(s.predikat_sekarang, style=G.TEKS),
                 Cell(s.predikat_setelah, style=G.TEKS), Cell(None, style=G.TEKS)])
    rows.append([])
    rows.append([Cell(f"Langkah perbaikan ({len(s.langkah)})", style=G.TEBAL)])
    if s.langkah:
        rows.append([Cell(h, style=G.KEPALA) for h in ("Pertanyaan", "Sel", "Jawaban sekarang", "Usulan jawaban",
                                                 "Tambah nilai", "Nilai total", "Indikator", "Area")])
        total = s.nilai_sekarang.get("total") or 0.0
        for x in s.langkah:
            total += x.tambah_nilai
            ke = _teks(x.ke) if not x.catatan else f"{_teks(x.ke)} ({x.catatan})"
            rows.append([Cell(x.pertanyaan, style=G.TEKS), Cell(x.sel or "-", style=G.TEKS),
                         Cell(_v(_teks(x.dari)), style=G.TEKS), Cell(_v(ke), style=G.BAIK),
                         Cell(x.tambah_nilai, style=G.SELISIH), Cell(total, style=G.NILAI),
                         Cell(x.indikator, style=G.TEKS), Cell(_singkat_area(x.area), style=G.TEKS)])
    else:
        rows.append(["tidak ada" if s.tercapai_sekarang else "tidak ada perbaikan jawaban yang membantu"])
    rows.append([])
    rows.append([Cell(f"Syarat Menuju {s.target}", style=G.TEBAL)])
    rows.append([Cell(h, style=G.KEPALA) for h in ("Syarat", "Sekarang", "Sesudah perbaikan", "Batas", "Terpenuhi")])
    for a, b in zip(s.syarat_sekarang, s.syarat_setelah, strict=True):
        if s.target == "WBBM" and b.predikat == "WBK" and b.terpenuhi:
            continue                                     # met WBK thresholds: the WBBM ones are higher
        fmt = G.PERSEN if b.area is not None else G.NILAI
        st = G.BAIK if b.terpenuhi else G.BURUK
        rows.append([Cell(f"[{b.predikat}] {b.syarat}", style=st), Cell(_v(a.nilai), style=fmt),
                     Cell(_v(b.nilai), style=fmt), Cell(_v(b.batas), style=fmt),
                     Cell("ya" if b.terpenuhi else "TIDAK", style=st)])
    rows.append([])
    rows.append([Cell(f"Tidak tercapai dengan perbaikan jawaban ({len(s.tidak_terjangkau)})", style=G.TEBAL)])
    if s.tidak_terjangkau:
        for t in s.tidak_terjangkau:
            rows.append([Cell(f"{t.syarat}: perlu {t.perlu}", style=G.BURUK)])
    else:
        rows.append(["tidak ada"])
    widths = {"A": 56, "B": 10, "C": 13, "D": 18, "E": 10, "F": 10, "G": 28, "H": 6}
    return [ReplaceSheet(nama_sheet(s.target), rows=rows, widths=widths)]


def _singkat_area(nama: str | None) -> str:
    return next((a.singkat for a in DAFTAR if a.nama == nama), "Hasil")
