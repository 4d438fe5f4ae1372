"""Predikat verdict (WBBM / WBK / tidak memenuhi) from scores and threshold data. Pure.

Thresholds live in ``rules/data/predikat.json`` per version (2023 uses 2021's) with provenance and a
``terkonfirmasi`` flag; :func:`load_batas` merges a user's override file (same shape, matched by ``kode``).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import cache

from ..area import nama_area
from ..errors import ZiError
from ..teks import BELUM_DIISI, angka, baca_json, persen
from .rules import RuleSet, data_path
from .scoring import Skor

TINGKAT_PREDIKAT = ("WBK", "WBBM")
BELUM_WBK = "belum pernah memperoleh predikat WBK (syarat WBBM)"


@cache
def _all() -> dict:
    return json.loads(data_path("predikat.json").read_text(encoding="utf-8"))


def load_batas(versi: str, override: str | None = None) -> dict:
    """Thresholds of a version, optionally overridden from a JSON file ``{"WBK": [...], "WBBM": [...]}``
    (or ``{"2021": {...}}``); an override criterion replaces the shipped one with the same ``kode``."""
    key = "2021" if versi in ("2023", "2026") else versi
    if key not in _all():
        raise ZiError(f"tidak ada batas predikat untuk versi {versi}")
    batas = copy.deepcopy(_all()[key])
    if override:
        user = baca_json(override, "berkas batas")
        user = user.get(versi, user.get(key, user)) if isinstance(user, dict) else None
        if not isinstance(user, dict):
            raise ZiError("berkas batas harus berisi objek {\"WBK\": [...], \"WBBM\": [...]}", berkas=override)
        lain = sorted(set(user) - {*TINGKAT_PREDIKAT, "sumber", "catatan"})
        if lain:
            raise ZiError(f"kunci {', '.join(map(repr, lain))} tidak dikenal; yang dipakai: \"WBK\" dan \"WBBM\"",
                          berkas=override)
        for level in TINGKAT_PREDIKAT:
            daftar = user.get(level, [])
            if not isinstance(daftar, list):
                raise ZiError(f"\"{level}\" harus berupa daftar syarat [...]", berkas=override)
            for i, crit in enumerate(daftar, 1):
                where = f"syarat {level} ke-{i}"
                if not isinstance(crit, dict) or not isinstance(crit.get("kode"), str):
                    raise ZiError(f"{where} harus berupa objek dengan \"kode\" (mis. \"total\", \"area\")",
                                  berkas=override)
                crit = {**crit, "terkonfirmasi": crit.get("terkonfirmasi", True), "dari_pengguna": True}
                cur = batas.setdefault(level, [])
                idx = next((i for i, c in enumerate(cur) if c["kode"] == crit["kode"]), None)
                merged = crit if idx is None else {**cur[idx], **crit}
                if "min" in crit and "survei" not in crit:
                    merged.pop("survei", None)     # the shipped survey index stood for the shipped minimum
                _periksa_syarat(merged, f"{where} (kode {crit['kode']!r})", override)
                if idx is None:
                    cur.append(merged)
                else:
                    cur[idx] = merged
        batas["sumber"] = batas.get("sumber", "") + "; sebagian diganti oleh berkas batas pengguna"
    return batas


_KUNCI_SYARAT = {"kode", "syarat", "jenis", "peran", "min", "survei", "terkonfirmasi", "sumber", "catatan",
                 "dari_pengguna"}
_JENIS_SYARAT = ("nilai", "area_persen", "wbk_sebelumnya")


@cache
def _peran_dikenal() -> frozenset[str]:
    """The roles a "nilai" criterion may name: those the shipped thresholds use, plus the two totals."""
    return frozenset({"total", "pengungkit", "hasil"} | {
        c["peran"] for v in _all().values() if isinstance(v, dict)
        for lv in TINGKAT_PREDIKAT for c in v.get(lv, []) if "peran" in c})


def _periksa_syarat(c: dict, where: str, berkas: str) -> None:
    """Reject a criterion of a user's threshold file that the verdict could not use, naming what is wrong."""
    lain = sorted(set(c) - _KUNCI_SYARAT)
    if lain:
        raise ZiError(f"{where}: kunci {', '.join(map(repr, lain))} tidak dikenal "
                      f"(yang dikenal: {', '.join(sorted(_KUNCI_SYARAT - {'dari_pengguna'}))})", berkas=berkas)
    jenis = c.get("jenis")
    if jenis not in _JENIS_SYARAT:
        hint = "kode baru perlu \"jenis\"" if jenis is None else f"\"jenis\" {jenis!r} tidak dikenal"
        raise ZiError(f"{where}: {hint} ({', '.join(_JENIS_SYARAT)})", berkas=berkas)
    if not isinstance(c.get("syarat"), str) or not c["syarat"].strip():
        raise ZiError(f"{where}: \"syarat\" (uraian syarat) harus diisi", berkas=berkas)
    if jenis == "wbk_sebelumnya":
        return
    m = c.get("min")
    if isinstance(m, bool) or not isinstance(m, int | float) or m < 0:
        raise ZiError(f"{where}: \"min\" harus angka ≥ 0, bukan {m!r}", berkas=berkas)
    if jenis == "area_persen" and m > 1:
        raise ZiError(f"{where}: \"min\" area berupa pecahan bobot 0–1 (mis. 0.6 untuk 60%), bukan {m!r}",
                      berkas=berkas)
    if jenis == "nilai" and c.get("peran") not in _peran_dikenal():
        raise ZiError(f"{where}: \"peran\" {c.get('peran')!r} tidak dikenal "
                      f"({', '.join(sorted(_peran_dikenal()))})", berkas=berkas)
    sv = c.get("survei")
    if sv is not None and (isinstance(sv, bool) or not isinstance(sv, int | float) or not 0 <= sv <= 4):
        raise ZiError(f"{where}: \"survei\" harus indeks 0–4, bukan {sv!r}", berkas=berkas)


@dataclass
class Syarat:
    predikat: str
    syarat: str
    batas: float | str | None
    nilai: float | str | None
    terpenuhi: bool
    terkonfirmasi: bool = True
    catatan: str | None = None
    kode: str | None = None         # the criterion's kode in predikat.json ("total", "area", "ipak" …)
    area: str | None = None         # area key, for the per-area criteria
    bobot: float | None = None      # the area's weight (per-area criteria: turns a % gap into points)
    survei: float | None = None     # the survey index (0–4) the threshold stands for (IPAK, IPKP)
    survei_sekarang: float | None = None

    @property
    def kurang(self) -> float | None:
        """How far below the threshold, in points (None when met, not a number, or not filled in)."""
        if self.terpenuhi or not isinstance(self.batas, float | int) or not isinstance(self.nilai, float | int):
            return None
        gap = float(self.batas) - float(self.nilai)
        return gap * self.bobot if self.area is not None and self.bobot else gap

    def kekurangan(self) -> str:
        """What stands between the value and the threshold, for people: "kurang 0,28 poin",
        "perlu survei ≥ 3,60, sekarang 3,40", "kurang 14,0% bobot (2,10 poin)", "belum diisi"."""
        if self.terpenuhi:
            return "terpenuhi"
        if self.nilai is None:
            return BELUM_DIISI
        if self.survei is not None:
            now = "" if self.survei_sekarang is None else f", sekarang {angka(self.survei_sekarang)}"
            return f"perlu survei ≥ {angka(self.survei)}{now} (kurang {angka(self.kurang)} poin)"
        if self.area is not None and isinstance(self.nilai, float | int):
            return f"kurang {persen(float(self.batas) - float(self.nilai))} bobot ({angka(self.kurang)} poin)"
        if self.kurang is not None:
            return f"kurang {angka(self.kurang)} poin"
        return self.catatan or f"perlu {self.batas}"


@dataclass
class NilaiArea:
    """One area perubahan of a verdict: Pemenuhan and Reform added up, against the minimum % of each level."""

    kunci: str
    nama: str
    nilai: float | None
    bobot: float
    minimum: dict[str, float] = field(default_factory=dict)   # "WBK"/"WBBM" -> minimum fraction of bobot

    @property
    def persen(self) -> float | None:
        return None if self.nilai is None or not self.bobot else self.nilai / self.bobot

    @property
    def tingkat(self) -> str:
        """Which level the area meets: "WBBM", "WBK" (only WBK), "belum WBK", or "belum diisi"."""
        p = self.persen
        if p is None:
            return BELUM_DIISI
        for level in ("WBBM", "WBK"):
            if level in self.minimum and p >= self.minimum[level] - 1e-9:
                return level
        return "belum WBK"


@dataclass
class Predikat:
    hasil: str                      # "WBBM" | "WBK" | "Tidak memenuhi"
    syarat: list[Syarat] = field(default_factory=list)
    sumber: str = ""
    area: list[NilaiArea] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"hasil": self.hasil, "ringkas": self.ringkas(), "sumber": self.sumber,
                "target": self.target(),
                "syarat": [{"predikat": s.predikat, "syarat": s.syarat, "batas": s.batas, "nilai": s.nilai,
                            "terpenuhi": s.terpenuhi, "terkonfirmasi": s.terkonfirmasi, "catatan": s.catatan,
                            "kurang": s.kurang, "kekurangan": None if s.terpenuhi else s.kekurangan()}
                           for s in self.syarat]}

    def gagal(self, predikat: str) -> list[Syarat]:
        return [s for s in self.syarat if s.predikat == predikat and not s.terpenuhi]

    def target(self) -> str | None:
        """The next predikat to reach ("WBK" or "WBBM"), None when WBBM is met."""
        return None if self.hasil == "WBBM" else ("WBBM" if self.hasil == "WBK" else "WBK")

    def perlu(self) -> list[Syarat]:
        """The thresholds of the next predikat not met yet ("what stands between the unit and it")."""
        t = self.target()
        return self.gagal(t) if t else []

    def ringkas(self) -> str:
        """One line, e.g. "memenuhi WBK; belum WBBM: area Penguatan Pengawasan 61% < 75%"."""
        def why(s: Syarat) -> str:
            if s.nilai is None:
                return f"{s.syarat} {BELUM_DIISI}"
            if isinstance(s.batas, float | int) and isinstance(s.nilai, float | int):
                if s.area is not None:
                    return f"{s.syarat} {persen(s.nilai)} < {persen(s.batas, 0)}"
                return f"{s.syarat} {angka(s.nilai)} < {angka(s.batas)}"
            return s.syarat

        if self.hasil == "WBBM":
            return "memenuhi WBBM"
        fails = self.gagal("WBBM")
        if self.hasil == "WBK":
            return "memenuhi WBK; belum WBBM: " + "; ".join(why(s) for s in fails)
        return "belum memenuhi WBK: " + "; ".join(why(s) for s in self.gagal("WBK"))


def area_perubahan(rules: RuleSet) -> list[tuple[str, list[str], float]]:
    """(area key, area node ids, bobot) per area perubahan: on 2021+ an area has a Pemenuhan and a Reform
    node, whose weights add up (e.g. Manajemen Perubahan 4 + 4)."""
    acc: dict[str, list] = {}
    for n in rules.nodes:
        if n.tingkat == "area" and n.area:
            cur = acc.setdefault(n.area, [[], 0.0])
            cur[0].append(n.id)
            cur[1] += n.bobot or 0.0
    return [(k, ids, b) for k, (ids, b) in acc.items()]


def area_gabungan(rules: RuleSet, skor: Skor) -> list[tuple[str, float | None, float]]:
    """(area key, nilai, bobot) per area perubahan, Pemenuhan and Reform parts added up."""
    out = []
    for key, ids, bobot in area_perubahan(rules):
        vals = [skor.nodes[i].nilai for i in ids if skor.nodes[i].nilai is not None]
        out.append((key, float(sum(vals)) if vals else None, bobot))
    return out


def _survei(rules: RuleSet, skor: Skor, node) -> float | None:
    """The survey index (0–4) answered in or under ``node`` (IPAK, IPKP), if any."""
    todo = [rules.node(node.id)]
    while todo:
        n = todo.pop(0)
        if n.jenis == "nilai_0_4":
            a = skor.nodes[n.id].jawaban
            return float(a) if isinstance(a, int | float) else None
        todo += rules.children(n.id)
    return None


def tentukan(rules: RuleSet, skor: Skor, batas: dict, sudah_wbk: bool = False) -> Predikat:
    total = skor.total
    areas = [NilaiArea(key, nama_area(key), v, b) for key, v, b in area_gabungan(rules, skor)]
    out: list[Syarat] = []
    for level in TINGKAT_PREDIKAT:
        for c in batas.get(level, []):
            konf = bool(c.get("terkonfirmasi", True))
            cat = c.get("catatan")
            if c["jenis"] == "nilai":
                if c["peran"] == "total":
                    v = total
                else:
                    hit = skor.by_peran(rules, c["peran"])
                    if hit is None:
                        continue  # the version has no such node
                    v = hit.nilai
                ok = v is not None and v >= c["min"] - 1e-9
                survei = sekarang = None
                if c.get("survei") is not None and c["peran"] != "total":
                    survei = float(c["survei"])
                    sekarang = _survei(rules, skor, hit)
                out.append(Syarat(level, c["syarat"], c["min"], v, ok, konf, cat, kode=c["kode"], survei=survei,
                                  survei_sekarang=sekarang))
            elif c["jenis"] == "area_persen":
                for a in areas:
                    p = a.persen
                    ok = p is not None and p >= c["min"] - 1e-9
                    a.minimum[level] = c["min"]
                    out.append(Syarat(level, f"Area {a.nama} (% bobot)", c["min"], p, ok, konf, cat,
                                      kode=c["kode"], area=a.kunci, bobot=a.bobot))
            elif c["jenis"] == "wbk_sebelumnya":
                out.append(Syarat(level, c["syarat"], "Ya", "Ya" if sudah_wbk else "Tidak", sudah_wbk, konf,
                                  cat or (None if sudah_wbk else BELUM_WBK), kode=c["kode"]))
            else:
                raise ZiError(f"jenis syarat tidak dikenal: {c['jenis']!r}")
    met = {lv: all(s.terpenuhi for s in out if s.predikat == lv) for lv in TINGKAT_PREDIKAT}
    hasil = "WBBM" if met["WBBM"] and met["WBK"] else "WBK" if met["WBK"] else "Tidak memenuhi"
    return Predikat(hasil=hasil, syarat=out, sumber=batas.get("sumber", ""), area=areas)
