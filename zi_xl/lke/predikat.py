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
        try:
            with open(override, encoding="utf-8") as fh:
                user = json.load(fh)
        except FileNotFoundError:
            raise ZiError("berkas batas tidak ditemukan", berkas=override) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ZiError(f"berkas batas bukan JSON yang sah: {exc}", berkas=override) from None
        user = user.get(versi, user.get(key, user)) if isinstance(user, dict) else None
        if not isinstance(user, dict):
            raise ZiError("berkas batas harus berisi objek {\"WBK\": [...], \"WBBM\": [...]}", berkas=override)
        for level in TINGKAT_PREDIKAT:
            for crit in user.get(level, []):
                if not isinstance(crit, dict) or "kode" not in crit:
                    raise ZiError(f"syarat {level} tanpa 'kode': {crit!r}", berkas=override)
                crit = {**crit, "terkonfirmasi": crit.get("terkonfirmasi", True), "dari_pengguna": True}
                cur = batas.setdefault(level, [])
                idx = next((i for i, c in enumerate(cur) if c["kode"] == crit["kode"]), None)
                if idx is None:
                    cur.append(crit)
                else:
                    cur[idx] = {**cur[idx], **crit}
        batas["sumber"] = batas.get("sumber", "") + f"; diganti sebagian oleh {override}"
    return batas


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


@dataclass
class Predikat:
    hasil: str                      # "WBBM" | "WBK" | "Tidak memenuhi"
    syarat: list[Syarat] = field(default_factory=list)
    sumber: str = ""
    area: list[NilaiArea] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"hasil": self.hasil, "ringkas": self.ringkas(), "sumber": self.sumber,
                "syarat": [{"predikat": s.predikat, "syarat": s.syarat, "batas": s.batas, "nilai": s.nilai,
                            "terpenuhi": s.terpenuhi, "terkonfirmasi": s.terkonfirmasi, "catatan": s.catatan}
                           for s in self.syarat]}

    def gagal(self, predikat: str) -> list[Syarat]:
        return [s for s in self.syarat if s.predikat == predikat and not s.terpenuhi]

    def ringkas(self) -> str:
        """One line, e.g. "memenuhi WBK; belum WBBM: area Penguatan Pengawasan 61% < 75%"."""
        def why(s: Syarat) -> str:
            if s.nilai is None:
                return f"{s.syarat} belum diisi"
            if isinstance(s.batas, float | int) and isinstance(s.nilai, float | int):
                if s.batas < 1 and "%" in s.syarat:
                    return f"{s.syarat} {_fmt(s.nilai * 100, 1)}% < {_fmt(s.batas * 100, 0)}%"
                return f"{s.syarat} {_fmt(s.nilai)} < {_fmt(s.batas)}"
            return s.syarat

        if self.hasil == "WBBM":
            return "memenuhi WBBM"
        fails = self.gagal("WBBM")
        if self.hasil == "WBK":
            return "memenuhi WBK; belum WBBM: " + "; ".join(why(s) for s in fails)
        return "belum memenuhi WBK: " + "; ".join(why(s) for s in self.gagal("WBK"))


def _fmt(x: float, nd: int = 2) -> str:
    return f"{x:.{nd}f}".replace(".", ",")


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
                out.append(Syarat(level, c["syarat"], c["min"], v, ok, konf, cat, kode=c["kode"]))
            elif c["jenis"] == "area_persen":
                for a in areas:
                    p = a.persen
                    ok = p is not None and p >= c["min"] - 1e-9
                    a.minimum[level] = c["min"]
                    out.append(Syarat(level, f"Area {a.nama} (% bobot)", c["min"], p, ok, konf, cat,
                                      kode=c["kode"], area=a.kunci))
            elif c["jenis"] == "wbk_sebelumnya":
                out.append(Syarat(level, c["syarat"], "Ya", "Ya" if sudah_wbk else "Tidak", sudah_wbk, konf,
                                  cat or (None if sudah_wbk else BELUM_WBK), kode=c["kode"]))
            else:
                raise ZiError(f"jenis syarat tidak dikenal: {c['jenis']!r}")
    met = {lv: all(s.terpenuhi for s in out if s.predikat == lv) for lv in TINGKAT_PREDIKAT}
    hasil = "WBBM" if met["WBBM"] and met["WBK"] else "WBK" if met["WBK"] else "Tidak memenuhi"
    return Predikat(hasil=hasil, syarat=out, sumber=batas.get("sumber", ""), area=areas)
