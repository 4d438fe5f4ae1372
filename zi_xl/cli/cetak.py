"""What the commands print: the LKE result table and the rencana aksi status table, in Bahasa Indonesia.

Presentation only: every figure comes from the domain objects (:class:`~zi_xl.lke.model.HasilLKE`,
:class:`~zi_xl.rencana_aksi.model.RencanaAksi`); nothing is computed again here.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TextIO

from ..area import AREA, LEGENDA_SINGKAT, kenali_area
from ..istilah import nama_predikat
from ..rencana_aksi.ringkasan import HARI_KE_DEPAN
from ..rencana_aksi.status import KUNCI, STATUS
from ..teks import angka, persen, potong, tanggal_pendek


def cetak_hasil(h, out: TextIO | None = None) -> None:
    """The Hitung Nilai report: components, areas, total, predikat with every criterion, warnings, anomalies."""
    w = (out or sys.stdout).write
    sk = h.penilaian.skor
    w(f"Berkas : {h.berkas}\nSheet  : {h.sheet}\nVersi  : {h.rules.nama}\n")
    w(f"Jawaban: {h.penilaian.label} (kolom {h.penilaian.kolom})\n\n")
    cetak_perbaikan(h, out)
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
    p = h.predikat
    if any(n.tingkat == "bagian" and "pemenuhan" in n.peran for n in h.rules.nodes):
        w("Area (Pemenuhan + Reform):\n")
        for a in p.area:
            w(f"  {a.nama:<54} {angka(a.bobot):>7} {angka(a.nilai):>12} {persen(a.persen):>7}\n")
        w("\n")
    w("Syarat predikat:\n")
    for s in p.syarat:
        mark = "ya   " if s.terpenuhi else "TIDAK"
        pct = s.area is not None
        bt = persen(s.batas) if pct else (angka(s.batas) if isinstance(s.batas, float | int) else str(s.batas))
        nv = persen(s.nilai) if pct else (angka(s.nilai) if isinstance(s.nilai, float | int) or s.nilai is None
                                          else str(s.nilai))
        flag = "" if s.terkonfirmasi else " *"
        w(f"  [{s.predikat:<4}] {mark} {s.syarat[:52]:<52} batas {bt:>9}  nilai {nv:>12}{flag}\n")
    if any(not s.terkonfirmasi for s in p.syarat):
        w("  * batas belum terkonfirmasi dengan teks regulasi; dapat diganti dengan --batas BERKAS\n")
    if len(h.sumber) > 1:
        w("\nSumber jawaban:\n")
        for s in h.sumber:
            hasil = s.ringkas() if s.kosong else f"nilai {angka(s.skor.total)}, predikat {nama_predikat(s.hasil)}"
            mark = "  (utama)" if s is h.penilaian else ""
            w(f"  - {s.label} (kolom {s.kolom}): {hasil}{mark}\n")
    if h.peringatan:
        w(f"\nPeringatan ({len(h.peringatan)}):\n")
        for x in h.peringatan:
            loc = f"{x.sheet}!{x.sel}: " if x.sel else (f"{x.sheet}: " if x.sheet else "")
            w(f"  - {loc}{x.pesan}\n")
    if h.anomali:
        w(f"\nAnomali rumus berkas ({len(h.anomali)}) — nilai di atas mengikuti aturan, bukan rumus berkas:\n")
        for a in h.anomali:
            w(f"  - {a.sheet}!{a.sel}: berkas {_nilai(a.nilai_berkas)}, aturan {_nilai(a.nilai_aturan)} — "
              f"{a.pesan}\n")


def _nilai(x) -> str:
    """A cell value for people: numbers with 4 decimals and a comma, text quoted, nothing as "kosong"."""
    if x is None:
        return "kosong"
    if isinstance(x, bool):
        return "Ya" if x else "Tidak"
    return angka(x, 4) if isinstance(x, int | float) else f'"{x}"'


def cetak_perbaikan(h, out: TextIO | None = None, jumlah: int = 5) -> None:
    """"What to fix next" first: the predikat, then each failed threshold of the next level with its gap, then the
    indicators that lose the most points."""
    w = (out or sys.stdout).write
    p = h.predikat
    if h.penilaian.kosong:
        w(f"PREDIKAT: {h.penilaian.ringkas()}\n\n")
        return
    w(f"PREDIKAT: {nama_predikat(p.hasil).upper()} — {p.ringkas()}\n")
    if p.target():
        w(f"\nYang perlu dipenuhi untuk {p.target()}:\n")
        for s in p.perlu():
            w(f"  - {s.syarat}: {s.kekurangan()}\n")
    lemah = h.terlemah(jumlah)
    if lemah:
        w("\nIndikator dengan nilai hilang terbesar:\n")
        for x in lemah:
            w(f"  - {potong(x.nama, 60)} ({x.area}): {angka(x.nilai)} dari {angka(x.bobot)}, "
              f"hilang {angka(x.hilang)}\n")
    w("\n")


def _singkat(area: str | None) -> str:
    kunci = kenali_area(area or "")
    return AREA[kunci].singkat if kunci else "-"


def cetak_status(ra, out: TextIO | None = None, rinci: bool = True) -> None:
    """The rencana aksi status: one line per action (when ``rinci``), the summary per area, the overdue list."""
    w = (out or sys.stdout).write
    w(f"Rencana aksi: {ra.berkas or '-'}\nTanggal acuan: {tanggal_pendek(ra.per)}   Jumlah langkah aksi: {len(ra)}\n")
    for p in ra.peringatan:
        w(f"PERINGATAN: {p}\n")
    if rinci:
        w(f"\n{'Baris':>5}  {'Area':<4} {'Langkah aksi':<44} {'Target waktu':<26} {'Tenggat':<10}  Status\n")
        for a in ra.aksi:
            tenggat = "berulang" if a.berulang else tanggal_pendek(a.tenggat)
            w(f"{a.baris:>5}  {_singkat(a.area):<4} {potong(a.langkah_aksi, 44):<44} "
              f"{potong(a.target_waktu or '-', 26):<26} {tenggat:<10}  {a.status}\n")
        w(f"(Area: {LEGENDA_SINGKAT})\n")
    data = ra.ringkasan()
    singkat = ["Sls", "Tlb", "JT", "Jln", "BM", "Bkl", "TT"]
    w(f"\n{'Area perubahan':<40}{'Jml':>5}" + "".join(f"{s:>5}" for s in singkat) + "  % selesai\n")
    for row in [*data["area"], {"area": "KESELURUHAN"} | data["keseluruhan"]]:
        w(f"{potong(row['area'], 39):<40}{row['jumlah']:>5}" + "".join(f"{row[KUNCI[s]]:>5}" for s in STATUS)
          + f"  {angka(row['persen_selesai'], 1) + '%':>9}\n")
    w("(" + ", ".join(f"{k} = {s}" for k, s in zip(singkat, STATUS, strict=True)) + ")\n")
    late, coming = data["terlambat"], data["jatuh_tempo_30_hari"]
    w(f"\nAksi terlambat: {len(late)}\n")
    if rinci:
        for t in late:
            w(f"  - baris {t['baris']} [{_singkat(t['area'])}] {potong(t['langkah_aksi'], 60)} "
              f"(tenggat {tanggal_pendek(_iso(t['tenggat']))}, terlambat {t['terlambat_hari']} hari; "
              f"PJ: {t['penanggung_jawab'] or '-'})\n")
    w(f"\nJatuh tempo dalam {HARI_KE_DEPAN} hari: {len(coming)}\n")
    if rinci:
        for t in coming:
            sisa = "hari ini" if t["sisa_hari"] == 0 else f"{t['sisa_hari']} hari lagi"
            w(f"  - baris {t['baris']} [{_singkat(t['area'])}] {potong(t['langkah_aksi'], 60)} "
              f"(tenggat {tanggal_pendek(_iso(t['tenggat']))}, {sisa}; PJ: {t['penanggung_jawab'] or '-'})\n")
    if not rinci:
        if late or coming:
            w("  (daftarnya: sheet 'Ringkasan Rencana Aksi', atau perintah 'zi-xl status BERKAS')\n")
        return
    warned = [a for a in ra.aksi if a.peringatan]
    if warned:
        w(f"\nPeringatan pada {len(warned)} baris (rincian: --json), mis. baris {warned[0].baris}: "
          f"{warned[0].peringatan[0]}\n")


def _iso(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None
