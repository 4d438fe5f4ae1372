"""Present a :class:`~zi_xl.lke.HasilLKE`: the stable JSON object and the readable table (Bahasa Indonesia)."""

from __future__ import annotations

import json
import math
import sys
from dataclasses import asdict

from .predikat import NAMA_AREA, Predikat, area_gabungan


def _clean(v):
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def _predikat_dict(p: Predikat) -> dict:
    return {"hasil": p.hasil, "ringkas": p.ringkas(), "sumber": p.sumber,
            "syarat": [{k: _clean(v) for k, v in asdict(s).items()} for s in p.syarat]}


def hasil_dict(h) -> dict:
    """The stable JSON shape (keys in Indonesian; other tools rely on them)."""
    d = {
        "berkas": h.berkas,
        "versi": h.versi,
        "versi_nama": h.rules.nama,
        "sheet": h.sheet,
        "jawaban": h.penilaian.jawaban,
        "nilai": {"pengungkit": h.nilai("pengungkit"), "hasil": h.nilai("hasil"), "total": h.nilai("total")},
        "predikat": _predikat_dict(h.predikat),
        "rincian": [{k: _clean(v) for k, v in r.items()} for r in h.rincian()],
        "peringatan": [{"sheet": p.sheet, "sel": p.sel, "pesan": p.pesan} for p in h.peringatan],
        "anomali": [{"sheet": a.sheet, "sel": a.sel, "pesan": a.pesan, "nilai_berkas": _clean(a.nilai_berkas),
                     "nilai_aturan": _clean(a.nilai_aturan)} for a in h.anomali],
        "tpi": None,
    }
    if h.tpi is not None:
        other = h.unit if h.penilaian is h.tpi else h.tpi
        sk = other.skor
        d["tpi" if other is h.tpi else "unit"] = {
            "nilai": {"total": sum((sk.nodes[r.id].nilai or 0.0) for r in h.rules.roots()),
                      **{p: (sk.by_peran(h.rules, p).nilai if sk.by_peran(h.rules, p) else None)
                         for p in ("pengungkit", "hasil")}},
            "predikat": _predikat_dict(other.predikat),
        }
    return d


def to_json(h) -> str:
    return json.dumps(hasil_dict(h), ensure_ascii=False, indent=1)


def angka(x, nd: int = 2) -> str:
    """Indonesian number format: 78,31 (None → "belum diisi")."""
    if x is None:
        return "belum diisi"
    s = f"{x:,.{nd}f}"
    return s.replace(",", "_").replace(".", ",").replace("_", ".")


def persen(x) -> str:
    return "-" if x is None else angka(x * 100, 1) + "%"


def print_hasil(h, out=sys.stdout) -> None:
    w = out.write
    sk = h.penilaian.skor
    w(f"Berkas : {h.berkas}\nSheet  : {h.sheet}\nVersi  : {h.rules.nama}\n")
    w(f"Jawaban: {h.penilaian.jawaban}\n\n")
    w(f"{'Komponen / bagian / area':<58} {'Bobot':>7} {'Nilai':>12} {'%':>7}\n")
    w("-" * 87 + "\n")
    for n in h.rules.nodes:
        if n.tingkat not in ("komponen", "bagian", "area"):
            continue
        r = sk.nodes[n.id]
        indent = {"komponen": "", "bagian": "  ", "area": "    "}[n.tingkat]
        label = f"{indent}{n.kode or ''} {n.nama}".rstrip()[:58]
        w(f"{label:<58} {angka(n.bobot):>7} {angka(r.nilai):>12} {persen(r.persen):>7}\n")
        if n.tingkat == "bagian" and n.induk and "hasil" in h.rules.node(n.induk).peran:
            for i in h.rules.children(n.id):
                ri = sk.nodes[i.id]
                w(f"{'      ' + i.nama[:52]:<58} {angka(i.bobot):>7} {angka(ri.nilai):>12} {persen(ri.persen):>7}\n")
    w("-" * 87 + "\n")
    w(f"{'PENGUNGKIT':<58} {'':>7} {angka(h.nilai('pengungkit')):>12}\n")
    w(f"{'HASIL':<58} {'':>7} {angka(h.nilai('hasil')):>12}\n")
    w(f"{'NILAI TOTAL':<58} {'':>7} {angka(h.nilai('total')):>12}\n\n")
    gab = area_gabungan(h.rules, sk)
    if any(n.tingkat == "bagian" and "pemenuhan" in n.peran for n in h.rules.nodes):
        w("Area (Pemenuhan + Reform):\n")
        for key, v, b in gab:
            w(f"  {NAMA_AREA.get(key, key):<54} {angka(b):>7} {angka(v):>12} "
              f"{persen(None if v is None else v / b):>7}\n")
        w("\n")
    p = h.predikat
    w(f"PREDIKAT: {p.hasil.upper()} — {p.ringkas()}\n")
    for s in p.syarat:
        mark = "ya   " if s.terpenuhi else "TIDAK"
        bt = persen(s.batas) if "% bobot" in s.syarat else (angka(s.batas) if isinstance(s.batas, float | int)
                                                                  else str(s.batas))
        nv = persen(s.nilai) if "% bobot" in s.syarat else (angka(s.nilai) if isinstance(s.nilai, float | int)
                                                                  or s.nilai is None else str(s.nilai))
        flag = "" if s.terkonfirmasi else " *"
        w(f"  [{s.predikat:<4}] {mark} {s.syarat[:52]:<52} batas {bt:>9}  nilai {nv:>12}{flag}\n")
    if any(not s.terkonfirmasi for s in p.syarat):
        w("  * batas belum terkonfirmasi dengan teks regulasi; dapat diganti dengan --batas BERKAS\n")
    if h.tpi is not None and h.penilaian is h.unit:
        t = h.tpi
        tot = sum((t.skor.nodes[r.id].nilai or 0.0) for r in h.rules.roots())
        w(f"\nMenurut jawaban TPI: nilai total {angka(tot)}, predikat {t.predikat.hasil}\n")
    if h.peringatan:
        w(f"\nPeringatan ({len(h.peringatan)}):\n")
        for x in h.peringatan:
            loc = f"{x.sheet}!{x.sel}: " if x.sel else (f"{x.sheet}: " if x.sheet else "")
            w(f"  - {loc}{x.pesan}\n")
    if h.anomali:
        w(f"\nAnomali rumus berkas ({len(h.anomali)}) — nilai di atas mengikuti aturan, bukan rumus berkas:\n")
        for a in h.anomali:
            w(f"  - {a.sheet}!{a.sel}: berkas {a.nilai_berkas!r}, aturan "
              f"{angka(a.nilai_aturan, 4) if a.nilai_aturan is not None else 'belum diisi'} — {a.pesan}\n")
