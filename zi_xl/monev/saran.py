"""Suggested LKE answers from the monev ledger and the linked rencana aksi, with the figures behind them.

The questions are those of the 2026 master (``data/soal_lke_2026.json``, copied with provenance): soal 6
"kegiatan pembangunan dilaksanakan sesuai rencana", 7 "monitoring dan evaluasi" (leadership, regularity), 8 "hasil
monev telah ditindaklanjuti", 92 "target capaian … tercapai". The thresholds for words such as "sebagian besar" are
zi_xl's (stated in the data file), never the regulation's; a suggestion is shown (summary sheet, ``--json``, message
box) and never written into an LKE.

* 6 — of the langkah aksi whose time has come (Selesai + Terlambat at the reference date), the share Selesai.
* 7 — meetings involve the leadership when a leader is recorded for at least half of them; monev is regular when
  there are at least two meetings and no month without one between the first and the last month (a last month
  still without a meeting date is not counted against it). No dated meeting at all: no suggestion (the workbook
  cannot tell "not held" from "not filled in").
* 8 — of the masukan raised before the last month (those that had a month to be followed up), the share closed.
* 92 — the share of all langkah aksi of the rencana aksi that are Selesai (E when the plan has none).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from ..teks import angka, tanggal
from . import bulan as bl

if TYPE_CHECKING:
    from ..rencana_aksi.model import RencanaAksi
    from .model import Masukan, Rapat


@dataclass
class Saran:
    """A suggested answer. ``jawaban`` None: the data do not support one (``alasan`` says why)."""

    soal_id: int
    pertanyaan: str
    jawaban: str | None
    alasan: str
    data: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"soal_id": self.soal_id, "pertanyaan": self.pertanyaan, "jawaban": self.jawaban,
                "alasan": self.alasan}


@lru_cache(maxsize=1)
def _load() -> str:
    return resources.files(__package__).joinpath("data", "soal_lke_2026.json").read_text(encoding="utf-8")


def data_soal() -> dict:
    """The questions file (a fresh copy)."""
    return json.loads(_load())


def _soal(sid: int) -> dict:
    return next(s for s in data_soal()["soal"] if s["soal_id"] == sid)


def pilih(ambang: list[dict], pct: float) -> str:
    """The answer of the first threshold ``pct`` meets (the last one has none: the rest)."""
    for a in ambang:
        if "lebih_dari_atau_sama" in a and pct >= a["lebih_dari_atau_sama"]:
            return a["jawaban"]
        if "lebih_dari" in a and pct > a["lebih_dari"]:
            return a["jawaban"]
        if not ({"lebih_dari", "lebih_dari_atau_sama"} & a.keys()):
            return a["jawaban"]
    return ambang[-1]["jawaban"]


def _pct(a: int, b: int) -> float:
    return 100 * a / b if b else 0.0


def _label(s: dict, key: str) -> str:
    return next(o["label"] for o in s["skema_penilaian"] if o["key"] == key)


def _tanpa_ra(s: dict) -> Saran:
    return Saran(s["soal_id"], s["pertanyaan"], None,
                 "rencana aksi tidak ditautkan (isi 'Berkas rencana aksi' di sheet Pengaturan Monev); saran tidak "
                 "dapat dibuat")


def saran_6(ra: RencanaAksi | None) -> Saran:
    s = _soal(6)
    if ra is None:
        return _tanpa_ra(s)
    k = ra.ringkasan()["keseluruhan"]
    due = k["selesai"] + k["terlambat"]
    data = {"selesai": k["selesai"], "terlambat": k["terlambat"], "jatuh_tempo": due, "per": ra.per.isoformat()}
    if due == 0:
        return Saran(6, s["pertanyaan"], None, f"belum ada langkah aksi yang jatuh tempo per {tanggal(ra.per)}", data)
    pct = _pct(k["selesai"], due)
    jawab = pilih(s["ambang"], pct)
    data["persen"] = round(pct, 1)
    return Saran(6, s["pertanyaan"], jawab,
                 f"{k['selesai']} dari {due} langkah aksi yang sudah jatuh tempo per {tanggal(ra.per)} selesai "
                 f"({angka(pct, 1)}%; {k['terlambat']} terlambat) — {_label(s, jawab)}", data)


def saran_92(ra: RencanaAksi | None) -> Saran:
    s = _soal(92)
    if ra is None:
        return _tanpa_ra(s)
    k = ra.ringkasan()["keseluruhan"]
    data = {"jumlah": k["jumlah"], "selesai": k["selesai"], "per": ra.per.isoformat()}
    if k["jumlah"] == 0:
        return Saran(92, s["pertanyaan"], "E", "rencana aksi tidak memuat langkah aksi — " + _label(s, "E"), data)
    pct = _pct(k["selesai"], k["jumlah"])
    jawab = pilih(s["ambang"], pct)
    data["persen"] = round(pct, 1)
    return Saran(92, s["pertanyaan"], jawab,
                 f"{k['selesai']} dari {k['jumlah']} langkah aksi rencana aksi selesai per {tanggal(ra.per)} "
                 f"({angka(pct, 1)}%) — {_label(s, jawab)} (periksa juga target di dokumen perencanaan unit)", data)


def saran_7(rapat: list[Rapat]) -> Saran:
    s = _soal(7)
    held = sorted({r.bulan for r in rapat if r.ada_rapat})
    data: dict = {"rapat": len(held)}
    if not held:   # nothing dated: not held, or not filled in yet — the data cannot tell (D needs evidence)
        return Saran(7, s["pertanyaan"], None, "belum ada rapat monev yang bertanggal di workbook (isi tanggal rapat "
                     "di sheet bulan); bila memang tidak ada monev: " + _label(s, "D"), data)
    last = max(r.bulan for r in rapat)
    span = bl.rentang(held[0], last)
    gaps = [b for b in span[:-1] if b not in held]
    dipimpin = {r.bulan for r in rapat if r.ada_rapat and r.pimpinan}
    share = _pct(len(dipimpin), len(held))
    melibatkan = share >= data_soal()["aturan"]["pimpinan_minimal_persen"]
    berkala = len(held) >= 2 and not gaps
    data |= {"bulan": len(span), "bulan_tanpa_rapat": gaps, "rapat_dengan_pimpinan": len(dipimpin),
             "melibatkan_pimpinan": melibatkan, "berkala": berkala}
    jawab = "A" if melibatkan and berkala else ("B" if melibatkan else "C")
    rutin = (f"rapat pada {len(held)} dari {len(span)} bulan ({bl.nama(span[0])}–{bl.nama(span[-1])})"
             + (f"; tanpa rapat: {', '.join(bl.nama(b) for b in gaps)}" if gaps else "; tiap bulan ada rapat"))
    if len(held) < 2:
        rutin += "; baru satu rapat, keteraturan belum terlihat"
    pimp = f"pimpinan tercatat pada {len(dipimpin)} dari {len(held)} rapat"
    note = " (kriteria C menyebut 'tidak berkala'; monev ini berkala tetapi tanpa pimpinan)" if jawab == "C" and \
        berkala else ""
    return Saran(7, s["pertanyaan"], jawab, f"{rutin}; {pimp} — {_label(s, jawab)}{note}", data)


def saran_8(masukan: list[Masukan], rapat: list[Rapat]) -> Saran:
    s = _soal(8)
    last = max((r.bulan for r in rapat), default=None)
    due = [m for m in masukan if not m.bulan_asal or (last and m.bulan_asal < last)]
    data = {"masukan": len(due), "selesai": sum(1 for m in due if not m.terbuka),
            "proses": sum(1 for m in due if m.status == "Proses"), "belum": sum(1 for m in due if m.status == "Belum"),
            "masukan_bulan_terakhir": len(masukan) - len(due)}
    if not due:
        return Saran(8, s["pertanyaan"], None, "belum ada masukan monev yang sudah waktunya ditindaklanjuti", data)
    pct = _pct(data["selesai"], len(due))
    jawab = pilih(s["ambang"], pct)
    data["persen"] = round(pct, 1)
    extra = (f"; {data['masukan_bulan_terakhir']} masukan {bl.nama(last)} belum dihitung (baru diberikan)"
             if data["masukan_bulan_terakhir"] else "")
    return Saran(8, s["pertanyaan"], jawab,
                 f"{data['selesai']} dari {len(due)} masukan selesai ditindaklanjuti ({angka(pct, 1)}%; "
                 f"{data['proses']} proses, {data['belum']} belum){extra} — {_label(s, jawab)}", data)


def sarankan(rapat: list[Rapat], masukan: list[Masukan], ra: RencanaAksi | None = None) -> list[Saran]:
    """The suggestions for soal 6, 7, 8 and 92, in that order (6 and 92 need the rencana aksi)."""
    return [saran_6(ra), saran_7(rapat), saran_8(masukan, rapat), saran_92(ra)]
