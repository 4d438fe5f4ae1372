"""The report's content, in the seed's order, as document blocks (:mod:`.dokumen`) — pure apart from drawing the
two charts into bytes.

Sampul; catatan pemeriksaan (only when there are findings); kata pengantar; daftar isi; BAB I Pendahuluan (latar
belakang, maksud dan tujuan, dasar hukum: the regulations of the LKE version in use); BAB II Program kerja (the
predikat thresholds, the area weights and the hasil components of that version); BAB III Rencana aksi (status per
area at the end of the semester, every langkah aksi, the late and the coming ones); BAB IV Pelaksanaan monev (each
month's meeting and its new masukan); BAB V Tindak lanjut (each month's follow-up rows, the masukan still open,
the monthly summary and its chart); BAB VI Capaian (score, predikat, areas against the minimums with a chart, what
stands between the unit and WBK/WBBM, the weakest indicators); BAB VII Penutup with the signature.
"""

from __future__ import annotations

import os
import re
from datetime import date

from ..area import AREA, DAFTAR, kenali_area, nama_area
from ..istilah import TINGKAT_AREA, WARNA_TIDAK, WARNA_TINGKAT, WARNA_YA, YA, minimum, nama_predikat
from ..lke.predikat import area_perubahan
from ..monev import bulan as bl
from ..monev.model import BELUM, PROSES, SELESAI
from ..monev.ringkasan import keseluruhan, per_bulan
from ..rencana_aksi.ringkasan import TANPA_AREA
from ..rencana_aksi.status import JATUH_TEMPO, KUNCI, STATUS, TERLAMBAT
from ..rencana_aksi.status import SELESAI as RA_SELESAI
from ..teks import BELUM_DIISI, angka, persen, tanggal, tanggal_pendek
from . import grafik
from .dokumen import (
    Bagian,
    BlokTandaTangan,
    Daftar,
    DaftarIsi,
    Dokumen,
    Gambar,
    HalamanBaru,
    Judul,
    Kotak,
    Paragraf,
    Sampul,
    Sel,
    Tabel,
)
from .model import Laporan
from .templat import Teks, isi

LEBAR = 16.0                       # cm of text width used by tables and charts (A4: 21 − 3 − 2)
TITIK = "...................................."
_WARNA_RA = {RA_SELESAI: WARNA_YA, TERLAMBAT: WARNA_TIDAK, JATUH_TEMPO: WARNA_TINGKAT["WBK"]}
_WARNA_MONEV = {SELESAI: WARNA_YA, PROSES: WARNA_TINGKAT["WBK"], BELUM: WARNA_TIDAK}


class _Nomor:
    """Table and figure numbers per chapter: "Tabel 3.2", "Gambar 6.1"."""

    def __init__(self):
        self.bab = 0
        self.n = {"Tabel": 0, "Gambar": 0}

    def bab_baru(self) -> None:
        self.bab += 1
        self.n = {"Tabel": 0, "Gambar": 0}

    def __call__(self, jenis: str, judul: str) -> str:
        self.n[jenis] += 1
        return f"{jenis} {self.bab}.{self.n[jenis]} {judul}"


# --------------------------------------------------------------------------------------------- placeholders
def regulasi_utama(lap: Laporan) -> str:
    """"Peraturan Menteri PANRB Nomor 90 Tahun 2021 sebagaimana telah diubah dengan … Nomor 5 Tahun 2024"."""
    if not lap.regulasi:
        return lap.rules.nama
    first, *rest = [r["singkat"] for r in lap.regulasi]
    return first + (" sebagaimana telah diubah dengan " + " dan ".join(rest) if rest else "")


def _rapat_semester(lap: Laporan) -> list:
    return [r for r in (lap.monev.rapat if lap.monev else []) if lap.semester.memuat(r.bulan)]


def isian(lap: Laporan) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The template's placeholders (text) and list placeholders, from the workbooks."""
    sem = lap.semester
    h = lap.lke
    ada_nilai = h is not None and not h.penilaian.kosong
    ra = lap.rencana_aksi.ringkasan()["keseluruhan"] if lap.rencana_aksi is not None else None
    mv = lap.monev
    tot = keseluruhan(mv) if mv is not None else None
    rapat = _rapat_semester(lap)
    nilai = {
        "unit": lap.unit or TITIK, "unit_kapital": (lap.unit or TITIK).upper(), "semester": str(sem.nomor),
        "tahun": str(sem.tahun), "periode": sem.periode, "tanggal_akhir": tanggal(sem.akhir),
        "regulasi_utama": regulasi_utama(lap),
        "predikat": nama_predikat(lap.predikat) if ada_nilai else nama_predikat(None),
        "nilai_total": angka(h.nilai("total")) if ada_nilai else "belum dapat dihitung",
        "jumlah_rapat": str(sum(1 for r in rapat if r.ada_rapat)),
        "jumlah_masukan": str(sum(len(r.masukan) for r in rapat)),
        "persen_tindak_lanjut": (persen(tot["persen_ditindaklanjuti"] / 100) if tot and
                                 tot["persen_ditindaklanjuti"] is not None else "-"),
        "jumlah_aksi": str(ra["jumlah"]) if ra else "-",
        "persen_aksi_selesai": f"{angka(ra['persen_selesai'], 1)}%" if ra else "-",
        "aksi_terlambat": str(ra["terlambat"]) if ra else "-",
    }
    daftar = {"regulasi": [r["judul"] for r in lap.regulasi], "area": [a.nama for a in DAFTAR]}
    return nilai, daftar


def _teks(blok: list[Teks]) -> list:
    out = []
    for t in blok:
        if t.jenis == "paragraf":
            out.append(Paragraf(t.isi[0]))
        else:
            out.append(Daftar(t.isi, t.jenis))
    return out


# --------------------------------------------------------------------------------------------- helpers
def _nilai(x, area: bool = False) -> str:
    if x is None:
        return BELUM_DIISI
    if isinstance(x, bool):
        return YA if x else "Tidak"
    if isinstance(x, int | float):
        return persen(x) if area else angka(x)
    return str(x)


def _tt_blok(lap: Laporan) -> BlokTandaTangan:
    tt = lap.tanda_tangan
    top = [f"{tt.tempat or TITIK}, {tanggal(tt.tanggal) if tt.tanggal else TITIK}"]
    top += [line.strip() for line in (tt.jabatan or TITIK).splitlines() if line.strip()]
    return BlokTandaTangan(top, tt.nama or TITIK, f"NIP. {tt.nip}" if tt.nip else f"NIP. {TITIK}")


# --------------------------------------------------------------------------------------------- BAB II
_SURVEI = re.compile(r"\s*\(survei\s+([\d.,]+)\)\s*$", re.I)


def tabel_syarat(batas: dict) -> tuple[list[list[Sel | str]], list[str]]:
    """Rows SYARAT | WBK | WBBM of the version's thresholds (WBK order, then what only WBBM asks), and the notes of
    criteria not confirmed by the regulation text."""
    rows: dict[str, dict] = {}
    notes = []
    for level in ("WBK", "WBBM"):
        for c in batas.get(level, []):
            text = c["syarat"]
            m = _SURVEI.search(text)
            survei = c.get("survei")
            if m:
                text = text[: m.start()]
                survei = survei or float(m.group(1).replace(",", "."))
            row = rows.setdefault(c["kode"], {"syarat": text})
            if c["jenis"] == "area_persen":
                row[level] = f"{persen(c['min'], 0)} dari bobot tiap area"
            elif c["jenis"] == "wbk_sebelumnya":
                row[level] = YA
            else:
                row[level] = angka(c["min"]) + (f" (survei {angka(survei)})" if survei is not None else "")
            if not c.get("terkonfirmasi", True):
                row[level] += " *"
                if c.get("catatan"):
                    notes.append(f"* {level}: {c['catatan']}")
    out = [[Sel(r["syarat"]), Sel(r.get("WBK", "-"), rata="tengah"), Sel(r.get("WBBM", "-"), rata="tengah")]
           for r in rows.values()]
    return out, notes


def sumber_syarat(lap: Laporan) -> str:
    """Where the thresholds stand: the regulation's table and page when the data names them, else the
    regulation."""
    r = lap.batas.get("rujukan")
    if r:
        return f"{r['regulasi']}, {r['lampiran']}, {r['tabel']} (hlm. {r['halaman']})"
    return regulasi_utama(lap)


def _bab_ii(lap: Laporan, no: _Nomor, nilai: dict, daftar: dict) -> list:
    tpl = lap.templat
    out: list = [Judul("BAB II PROGRAM KERJA PEMBANGUNAN ZONA INTEGRITAS")]
    out += _teks(isi(tpl, "program_kerja", nilai, daftar))
    out.append(Judul("2.1 Syarat Predikat WBK dan WBBM", 2))
    out += _teks(isi(tpl, "syarat_predikat", nilai, daftar))
    rows, notes = tabel_syarat(lap.batas)
    out.append(Tabel(["SYARAT", "WBK", "WBBM"], rows, [8.4, 3.8, 3.8],
                     judul=no("Tabel", f"Syarat minimal predikat menurut {regulasi_utama(lap)}"), utuh=True,
                     catatan=" ".join([f"Sumber: {sumber_syarat(lap)}."] + notes)))

    out.append(Judul("2.2 Komponen Pengungkit: Bobot Area Perubahan", 2))
    minima = {lv: c["min"] for lv in ("WBK", "WBBM") for c in lap.batas.get(lv, []) if c["jenis"] == "area_persen"}
    areas = area_perubahan(lap.rules)
    split = any(len(ids) > 1 for _, ids, _ in areas)
    head = ["NO", "AREA PERUBAHAN"]
    widths = [1.0]
    if split:
        parts = [lap.rules.node(lap.rules.node(i).induk).nama.title() for i in areas[0][1]]
        head += [p.upper() for p in parts]
    head += ["BOBOT AREA"] + [f"{minimum(lv).upper()} ({persen(m, 0)})" for lv, m in minima.items()]
    rows = []
    for k, (key, ids, bobot) in enumerate(areas, 1):
        row: list[Sel | str] = [Sel(str(k), rata="tengah"), Sel(nama_area(key))]
        if split:
            row += [Sel(angka(lap.rules.node(i).bobot), rata="tengah") for i in ids]
        row.append(Sel(angka(bobot), rata="tengah", tebal=True))
        row += [Sel(angka(bobot * m), rata="tengah") for m in minima.values()]
        rows.append(row)
    total = sum(b for _, _, b in areas)
    row = [Sel("JUMLAH", tebal=True, gabung=2)]
    if split:
        row += [Sel(angka(sum(lap.rules.node(ids[j]).bobot for _, ids, _ in areas)), rata="tengah", tebal=True)
                for j in range(len(areas[0][1]))]
    row += [Sel(angka(total), rata="tengah", tebal=True)] + [Sel("", rata="tengah") for _ in minima]
    rows.append(row)
    nums = [2.3 if split and i < 2 else 2.0 for i in range(len(head) - 2)]
    widths += [LEBAR - 1.0 - sum(nums)] + nums
    note = ("Minimum area: nilai area (Pemenuhan dan Reform dijumlahkan) sekurang-kurangnya persentase bobot "
            "area tersebut." if split else "Minimum area: nilai area sekurang-kurangnya persentase bobot area "
            "tersebut.") if minima else "Versi LKE ini tidak menetapkan nilai minimum per area."
    out.append(Tabel(head, rows, widths, judul=no("Tabel", "Bobot area perubahan dan nilai minimum per area"),
                     utuh=True,
                     catatan=note))

    out.append(Judul("2.3 Komponen Hasil", 2))
    rows = []
    for n in lap.rules.nodes:
        if n.induk is None or not lap.rules.node(n.induk).peran or "hasil" not in lap.rules.node(n.induk).peran:
            continue
        rows.append([Sel(n.nama, tebal=True), Sel(angka(n.bobot), rata="tengah", tebal=True)])
        for k in lap.rules.children(n.id):
            if k.tingkat == "indikator":
                rows.append([Sel(f"- {k.nama}"), Sel(angka(k.bobot), rata="tengah")])
    hasil_total = next((n.bobot for n in lap.rules.nodes if n.peran and "hasil" in n.peran), None)
    rows.append([Sel("JUMLAH KOMPONEN HASIL", tebal=True), Sel(angka(hasil_total), rata="tengah", tebal=True)])
    out.append(Tabel(["KOMPONEN HASIL / INDIKATOR", "BOBOT"], rows, [13.0, 3.0],
                     judul=no("Tabel", "Bobot komponen hasil"), utuh=True))
    return out


# --------------------------------------------------------------------------------------------- BAB III
def _status_sel(a) -> Sel:
    real = a.realisasi
    bawah = tanggal_pendek(real) if a.status == RA_SELESAI and isinstance(real, date) else ""
    return Sel(a.status, bawah=bawah, warna=_WARNA_RA.get(a.status), rata="tengah", ukuran=9)


def _singkat(area: str) -> str:
    """The short code of an area perubahan for narrow tables ("MP"); another heading as written."""
    key = kenali_area(area)
    return AREA[key].singkat if key else area


def _bab_iii(lap: Laporan, no: _Nomor, nilai: dict, daftar: dict) -> list:
    out: list = [Judul("BAB III RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS")]
    ra = lap.rencana_aksi
    if ra is None:
        out.append(Paragraf("Workbook rencana aksi tidak tersedia."))
        return out
    out += _teks(isi(lap.templat, "rencana_aksi", nilai, daftar))
    akhir = tanggal(lap.semester.akhir)
    ring = ra.ringkasan()
    used = [s for s in STATUS if ring["keseluruhan"][KUNCI[s]]]
    out.append(Judul(f"3.1 Status Rencana Aksi per {akhir}", 2))
    cols = ring["area"] + [{"area": "JUMLAH", **ring["keseluruhan"]}]
    head = ["STATUS"] + [_singkat(r["area"]) for r in cols]
    rows = [[Sel("Jumlah langkah aksi", tebal=True)] + [Sel(str(r["jumlah"]), rata="tengah", tebal=True)
                                                        for r in cols]]
    rows += [[Sel(s, warna=_WARNA_RA.get(s))] + [Sel(str(r[KUNCI[s]]), rata="tengah") for r in cols] for s in used]
    rows.append([Sel("Persen selesai", tebal=True)] + [Sel(f"{angka(r['persen_selesai'], 1)}%", rata="tengah",
                                                          tebal=True) for r in cols])
    narrow = (LEBAR - 4.0) / len(cols)
    legend = "; ".join(f"{_singkat(r['area'])} = {r['area']}" for r in ring["area"])
    out.append(Tabel(head, rows, [4.0] + [narrow] * len(cols),
                     judul=no("Tabel", f"Status langkah aksi per area perubahan, {akhir}"), utuh=True,
                     catatan=f"{legend}. Status dihitung dari target waktu dan realisasi (tanggal selesai) setiap "
                             f"langkah aksi pada {akhir}."))

    out.append(Judul("3.2 Rincian Rencana Aksi per Area Perubahan", 2))
    for k, r in enumerate(ring["area"], 1):
        name = r["area"]
        rows_area = [a for a in ra.aksi if (a.area or TANPA_AREA) == name]
        key = kenali_area(name)
        out.append(Judul(f"3.2.{k} {nama_area(key) if key else name}", 3))
        parts = [f"{r[KUNCI[s]]} {s.lower()}" for s in STATUS if r[KUNCI[s]]]
        out.append(Paragraf(f"Jumlah langkah aksi {r['jumlah']}: {', '.join(parts)} "
                            f"({angka(r['persen_selesai'], 1)}% selesai).", indent=False, tahan=True))
        rows = []
        prev_k = prev_i = None
        for a in rows_area:
            first_k = a.komponen != prev_k
            first_i = first_k or a.indikator != prev_i
            prev_k, prev_i = a.komponen, a.indikator
            label = Sel(a.komponen if first_k else "", bawah=a.indikator if first_i else "", tebal=True)
            rows.append([Sel(a.no.rstrip(".") if first_k else "", rata="tengah"), label, Sel(a.langkah_aksi),
                         Sel(a.bukti_fisik), Sel(a.target_waktu, rata="tengah"), _status_sel(a)])
        out.append(Tabel(["NO", "KOMPONEN / INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU", "STATUS"],
                         rows, [0.8, 3.5, 4.0, 3.4, 2.1, 2.2],
                         judul=no("Tabel", f"Rencana aksi area {nama_area(key) if key else name}")))

    out.append(Judul("3.3 Langkah Aksi Terlambat dan yang Jatuh Tempo", 2))
    late = ring["terlambat"]
    if late:
        rows = [[Sel(str(i), rata="tengah"), Sel(x["langkah_aksi"]), Sel(x["area"] or "-"),
                 Sel(x["target_waktu"], rata="tengah"), Sel(str(x["terlambat_hari"] or "-"), rata="tengah")]
                for i, x in enumerate(late, 1)]
        out.append(Tabel(["NO", "LANGKAH AKSI", "AREA PERUBAHAN", "TARGET WAKTU", "TERLAMBAT (HARI)"], rows,
                         [0.8, 6.8, 3.8, 2.2, 2.4], judul=no("Tabel", f"Langkah aksi terlambat per {akhir}")))
    else:
        out.append(Paragraf(f"Tidak ada langkah aksi yang terlambat per {akhir}."))
    coming = ring["jatuh_tempo_30_hari"]
    if coming:
        rows = [[Sel(str(i), rata="tengah"), Sel(x["langkah_aksi"]), Sel(x["area"] or "-"),
                 Sel(x["target_waktu"], rata="tengah"), Sel(str(x["sisa_hari"]), rata="tengah")]
                for i, x in enumerate(coming, 1)]
        out.append(Tabel(["NO", "LANGKAH AKSI", "AREA PERUBAHAN", "TARGET WAKTU", "SISA (HARI)"], rows,
                         [0.8, 6.8, 3.8, 2.2, 2.4],
                         judul=no("Tabel", f"Langkah aksi yang jatuh tempo dalam 30 hari sejak {akhir}")))
    else:
        out.append(Paragraf(f"Tidak ada langkah aksi yang jatuh tempo dalam 30 hari sejak {akhir}."))
    return out


# --------------------------------------------------------------------------------------------- BAB IV–V
def _kalimat_rapat(r) -> str:
    b = bl.nama(r.bulan)
    if r.tanggal_rapat is None:
        return f"Rapat monitoring dan evaluasi bulan {b} belum dilaksanakan (tanggal rapat belum dicatat)."
    periode = r.periode.strip()
    if re.fullmatch(r"(19|20)\d\d\s*[-/.]\s*\d{1,2}|\d{1,2}\s*[-/.]\s*(19|20)\d\d", periode):
        periode = bl.nama(bl.kenali_bulan(periode))        # "2022-03" written as a month name
    s = (f"Pelaksanaan monitoring dan evaluasi bulan {b} dilakukan pada tanggal {tanggal(r.tanggal_rapat)} "
         f"dengan periode yang dipantau {periode or b}")
    if r.pimpinan:
        s += f", dipimpin oleh {r.pimpinan}" + (f" ({r.jabatan})" if r.jabatan else "")
    return s + "."


def _bab_iv(lap: Laporan, no: _Nomor, nilai: dict, daftar: dict) -> list:
    out: list = [Judul("BAB IV PELAKSANAAN MONITORING DAN EVALUASI")]
    mv = lap.monev
    if mv is None:
        out.append(Paragraf("Workbook monev tidak tersedia."))
        return out
    out += _teks(isi(lap.templat, "monev", nilai, daftar))
    for k, b in enumerate(lap.semester.bulan, 1):
        out.append(Judul(f"4.{k} Resume Monitoring dan Evaluasi Bulan {bl.nama(b)}", 2))
        rapat = mv.rapat_bulan(b)
        if not rapat:
            out.append(Paragraf(f"Tidak tercatat monitoring dan evaluasi pada bulan {bl.nama(b)}."))
        for r in rapat:
            out.append(Paragraf(_kalimat_rapat(r), tahan=bool(r.masukan)))
            if not r.masukan:
                if r.ada_rapat:
                    out.append(Paragraf("Rapat ini tidak menghasilkan masukan perbaikan baru."))
                continue
            rows = [[Sel(m.no or str(i), rata="tengah"), Sel(m.uraian or "-"), Sel(m.masukan)]
                    for i, m in enumerate(r.masukan, 1)]
            out.append(Tabel(["NO", "URAIAN", "MASUKAN PERBAIKAN"], rows, [1.0, 7.0, 8.0],
                             judul=no("Tabel", f"Masukan perbaikan monitoring dan evaluasi bulan {bl.nama(b)}"),
                             utuh=True))
    return out


def _asal(tl, mv) -> str:
    m = mv.cari(tl.id) if tl.id else None
    b = tl.bulan_asal or (m.bulan_asal if m else None)
    return f"dari monev {bl.nama(b)}" if b else (f"dari {tl.asal_teks}" if tl.asal_teks else "")


def _bab_v(lap: Laporan, no: _Nomor, nilai: dict, daftar: dict) -> list:
    out: list = [Judul("BAB V TINDAK LANJUT HASIL MONITORING DAN EVALUASI")]
    mv = lap.monev
    if mv is None:
        out.append(Paragraf("Workbook monev tidak tersedia."))
        return out
    out += _teks(isi(lap.templat, "tindak_lanjut", nilai, daftar))
    akhir = tanggal(lap.semester.akhir)
    status = {(tl.sheet, tl.baris): tl.status for m in mv.masukan for tl in m.riwayat}
    k = 0
    for b in lap.semester.bulan:
        rows = []
        dibawa = 0
        for r in mv.rapat_bulan(b):
            for tl in r.tindak_lanjut:
                if not (tl.teks or tl.status_tertulis):
                    dibawa += 1         # carried forward, nothing new this month
                    continue
                st = status.get((tl.sheet, tl.baris)) or tl.status or "-"
                rows.append([Sel(str(len(rows) + 1), rata="tengah"), Sel(tl.masukan or "-", bawah=_asal(tl, mv)),
                             Sel(tl.teks or "-"), Sel(st, rata="tengah", warna=_WARNA_MONEV.get(st))])
        if not rows and not dibawa:
            continue
        k += 1
        out.append(Judul(f"5.{k} Pemantauan Tindak Lanjut pada Monev Bulan {bl.nama(b)}", 2))
        if rows:
            out.append(Tabel(["NO", "MASUKAN PERBAIKAN", "TINDAK LANJUT", "STATUS"], rows, [1.0, 6.6, 6.4, 2.0],
                             judul=no("Tabel", f"Tindak lanjut masukan perbaikan, monev bulan {bl.nama(b)}")))
        if dibawa:
            out.append(Paragraf(f"{'Selain itu, ' if rows else ''}{dibawa} masukan yang belum selesai dibawa ke "
                                f"monev bulan {bl.nama(b)} tanpa tindak lanjut baru.", indent=not rows))
    if k == 0:
        out.append(Paragraf("Belum ada tindak lanjut yang tercatat pada semester ini."))

    k += 1
    out.append(Judul(f"5.{k} Masukan Perbaikan yang Masih Terbuka per {akhir}", 2))
    terbuka = mv.terbuka()
    if terbuka:
        rows = [[Sel(str(i), rata="tengah"), Sel(m.masukan),
                 Sel(bl.nama(m.bulan_asal) if m.bulan_asal else (m.asal_teks or "-"), rata="tengah"),
                 Sel(m.tindak_lanjut or "belum ada"), Sel(m.status, rata="tengah", warna=_WARNA_MONEV.get(m.status))]
                for i, m in enumerate(terbuka, 1)]
        out.append(Tabel(["NO", "MASUKAN PERBAIKAN", "BULAN ASAL", "TINDAK LANJUT TERAKHIR", "STATUS"], rows,
                         [1.0, 5.6, 2.4, 5.0, 2.0], judul=no("Tabel", f"Masukan perbaikan yang belum selesai "
                                                                      f"per {akhir}")))
    else:
        out.append(Paragraf(f"Seluruh masukan perbaikan telah selesai ditindaklanjuti per {akhir}."))

    k += 1
    out.append(Judul(f"5.{k} Rekapitulasi Tindak Lanjut per Bulan", 2))
    by = {r["bulan"]: r for r in per_bulan(mv)}
    rows, bars = [], []
    for b in lap.semester.bulan:
        r = by.get(b, {"tanggal_rapat": None, "jumlah_masukan": 0, "ditutup": 0, "terbuka": 0,
                       "persen_ditindaklanjuti": None, "ada_rapat": False})
        pct = r["persen_ditindaklanjuti"]
        rows.append([Sel(bl.nama(b)), Sel(tanggal(r["tanggal_rapat"]) if r["tanggal_rapat"] else "tidak ada rapat",
                                          rata="tengah"),
                     Sel(str(r["jumlah_masukan"]), rata="tengah"), Sel(str(r["ditutup"]), rata="tengah"),
                     Sel(str(r["terbuka"]), rata="tengah"),
                     Sel(persen(pct / 100) if pct is not None else "-", rata="tengah")])
        bars.append((bl.nama(b).split()[0], r["jumlah_masukan"], r["ditutup"], r["ada_rapat"]))
    sem_rows = [by[b] for b in lap.semester.bulan if b in by]
    n, closed = sum(r["jumlah_masukan"] for r in sem_rows), sum(r["ditutup"] for r in sem_rows)
    rows.append([Sel("JUMLAH", tebal=True, gabung=2), Sel(str(n), rata="tengah", tebal=True),
                 Sel(str(closed), rata="tengah", tebal=True), Sel(str(n - closed), rata="tengah", tebal=True),
                 Sel(persen(closed / n) if n else "-", rata="tengah", tebal=True)])
    out.append(Tabel(["BULAN", "TANGGAL RAPAT", "MASUKAN BARU", "SELESAI", "MASIH TERBUKA", "% DITINDAK-LANJUTI"],
                     rows, [3.2, 3.6, 2.3, 2.3, 2.3, 2.3],
                     judul=no("Tabel", f"Masukan perbaikan per bulan dan tindak lanjutnya per {akhir}"), utuh=True,
                     catatan="Selesai dan masih terbuka: status masukan yang diberikan pada bulan itu, per "
                             f"{akhir}."))
    out.append(Gambar(grafik.grafik_monev(bars), LEBAR,
                      judul=no("Gambar", f"Masukan perbaikan baru dan yang selesai ditindaklanjuti, "
                                         f"{lap.semester.periode}")))
    return out


# --------------------------------------------------------------------------------------------- BAB VI
def _bab_vi(lap: Laporan, no: _Nomor, nilai: dict, daftar: dict) -> list:
    out: list = [Judul("BAB VI CAPAIAN PEMBANGUNAN ZONA INTEGRITAS")]
    h = lap.lke
    if h is None or h.penilaian.kosong:
        out.append(Paragraf("Nilai LKE belum tersedia (workbook LKE tidak ada atau belum diisi); nilai dan "
                            "predikat belum dapat ditentukan."))
        return out
    out += _teks(isi(lap.templat, "capaian", nilai, daftar))
    p = h.penilaian
    rules = lap.rules
    out.append(Judul("6.1 Nilai LKE dan Predikat", 2))
    rows = []
    for n in rules.nodes:
        if n.tingkat not in ("komponen", "bagian"):
            continue
        r = p.skor.nodes[n.id]
        bold = n.tingkat == "komponen"
        rows.append([Sel(n.nama if bold else f"- {n.nama}", tebal=bold), Sel(angka(n.bobot), rata="tengah"),
                     Sel(_nilai(r.nilai), rata="tengah", tebal=bold),
                     Sel(persen(r.persen) if r.persen is not None else "-", rata="tengah")])
    rows.append([Sel("NILAI TOTAL", tebal=True), Sel(angka(sum(n.bobot or 0 for n in rules.nodes
                                                               if n.tingkat == "komponen")), rata="tengah",
                                                      tebal=True),
                 Sel(angka(h.nilai("total")), rata="tengah", tebal=True), Sel("", rata="tengah")])
    out.append(Tabel(["KOMPONEN", "BOBOT", "NILAI", "% BOBOT"], rows, [8.5, 2.5, 2.5, 2.5],
                     judul=no("Tabel", "Nilai LKE per komponen"), utuh=True,
                     catatan=f"Sumber: {p.label} pada workbook LKE {os.path.basename(h.berkas)}, versi "
                             f"{rules.nama}."))
    pred = p.predikat
    nxt = pred.target()
    out.append(Paragraf(f"Predikat menurut penilaian LKE: {nama_predikat(pred.hasil)}.", tebal=True, indent=False))
    out.append(Paragraf(f"Syarat predikat {nxt} yang belum dipenuhi diuraikan pada subbab 6.3." if nxt else
                        "Seluruh syarat predikat WBBM terpenuhi.", indent=False))

    out.append(Judul("6.2 Nilai Area Perubahan terhadap Nilai Minimum", 2))
    minima = {lv: c["min"] for lv in ("WBK", "WBBM") for c in lap.batas.get(lv, []) if c["jenis"] == "area_persen"}
    rows = []
    for a in pred.area:
        t = a.tingkat
        rows.append([Sel(a.nama), Sel(angka(a.bobot), rata="tengah"), Sel(_nilai(a.nilai), rata="tengah"),
                     Sel(persen(a.persen) if a.persen is not None else "-", rata="tengah"),
                     Sel(nama_tingkat(t) if minima else "-", rata="tengah",
                         warna=WARNA_TINGKAT.get(t) if minima else None)])
    out.append(Tabel(["AREA PERUBAHAN", "BOBOT", "NILAI", "% BOBOT", "TINGKAT"], rows, [6.0, 2.2, 2.2, 2.2, 3.4],
                     judul=no("Tabel", "Nilai area perubahan"), utuh=True,
                     catatan=("Tingkat: " + "; ".join(f"{minimum(lv)} {persen(m, 0)} dari bobot area"
                                                      for lv, m in minima.items()) + ".") if minima else
                     "Versi LKE ini tidak menetapkan nilai minimum per area."))
    out.append(Gambar(grafik.grafik_area([(a.nama, a.persen, a.tingkat) for a in pred.area], minima), LEBAR,
                      judul=no("Gambar", "Nilai area perubahan sebagai persen bobot, terhadap nilai minimum")))

    out.append(Judul("6.3 Syarat yang Belum Dipenuhi", 2))
    levels = ["WBK", "WBBM"] if pred.hasil not in ("WBK", "WBBM") else (["WBBM"] if pred.hasil == "WBK" else [])
    if not levels:
        out.append(Paragraf("Seluruh syarat predikat WBBM telah terpenuhi."))
    for lv in levels:
        gagal = pred.gagal(lv)
        if not gagal:
            continue
        rows = [[Sel(s.syarat), Sel(_nilai(s.batas, s.area is not None), rata="tengah"),
                 Sel(_nilai(s.nilai, s.area is not None), rata="tengah"), Sel(s.kekurangan())] for s in gagal]
        out.append(Tabel(["SYARAT", "MINIMUM", "NILAI SEKARANG", "KEKURANGAN"], rows, [6.2, 2.4, 2.6, 4.8],
                         judul=no("Tabel", f"Syarat predikat {lv} yang belum dipenuhi"), utuh=True))
    out.append(Judul("6.4 Indikator dengan Nilai Hilang Terbesar", 2))
    weak = h.terlemah(5)
    if weak:
        rows = [[Sel(str(i), rata="tengah"), Sel(w.nama), Sel(w.area or "-"), Sel(angka(w.bobot), rata="tengah"),
                 Sel(_nilai(w.nilai), rata="tengah"), Sel(angka(w.hilang), rata="tengah")]
                for i, w in enumerate(weak, 1)]
        out.append(Tabel(["NO", "INDIKATOR", "AREA PERUBAHAN", "BOBOT", "NILAI", "HILANG"], rows,
                         [0.9, 5.9, 4.0, 1.7, 1.7, 1.8],
                         judul=no("Tabel", "Lima indikator yang kehilangan nilai terbesar"), utuh=True,
                         catatan="Perbaikan pada indikator ini paling banyak menambah nilai. Indikator survei "
                                 "komponen hasil tidak dimasukkan."))
    else:
        out.append(Paragraf("Tidak ada indikator yang kehilangan nilai."))
    return out


def nama_tingkat(t: str) -> str:
    """"WBK" → "hanya WBK" (the shared vocabulary)."""
    return TINGKAT_AREA.get(t, t)


# --------------------------------------------------------------------------------------------- the document
def susun(lap: Laporan, daftar_isi: list[tuple[int, str, str]] | None = None) -> Dokumen:
    """The document blocks of the report. ``daftar_isi``: (level, heading, page) entries to show in the table of
    contents before it is updated (from a LibreOffice pass, see :mod:`.pdf`); default headings without pages."""
    tpl = lap.templat
    nilai, daftar = isian(lap)
    no = _Nomor()
    blok: list = [Sampul([t.isi[0] for t in isi(tpl, "judul", nilai, daftar)],
                         [t.isi[0] for t in isi(tpl, "sampul", nilai, daftar)], lap.logo),
                  Bagian("romawi")]
    if lap.peringatan:
        blok.append(Kotak("CATATAN PEMERIKSAAN DATA", [str(p) for p in lap.peringatan],
                          "Catatan ini muncul karena workbook memuat hal yang perlu diperiksa sebelum laporan "
                          "disampaikan. Perbaiki workbook lalu buat ulang laporan; halaman ini tidak muncul lagi "
                          "bila tidak ada yang perlu diperiksa."))
        blok.append(HalamanBaru())
    blok.append(Judul("KATA PENGANTAR"))
    blok += _teks(isi(tpl, "kata_pengantar", nilai, daftar))
    blok.append(_tt_blok(lap))
    blok.append(DaftarIsi())
    blok.append(Bagian("angka"))

    no.bab_baru()
    blok.append(Judul("BAB I PENDAHULUAN"))
    blok.append(Judul("1.1 Latar Belakang", 2))
    blok += _teks(isi(tpl, "latar_belakang", nilai, daftar))
    blok.append(Judul("1.2 Maksud dan Tujuan", 2))
    blok.append(Judul("1.2.1 Maksud", 3))
    blok += _teks(isi(tpl, "maksud", nilai, daftar))
    blok.append(Judul("1.2.2 Tujuan", 3))
    blok += _teks(isi(tpl, "tujuan", nilai, daftar))
    blok.append(Judul("1.3 Dasar Hukum", 2))
    blok += _teks(isi(tpl, "dasar_hukum", nilai, daftar))
    for part in (_bab_ii, _bab_iii, _bab_iv, _bab_v, _bab_vi):
        no.bab_baru()
        blok += part(lap, no, nilai, daftar)
    no.bab_baru()
    blok.append(Judul("BAB VII PENUTUP"))
    blok += _teks(isi(tpl, "penutup", nilai, daftar))
    blok.append(_tt_blok(lap))

    doc = Dokumen(blok, judul=f"Laporan Monitoring dan Evaluasi Pembangunan Zona Integritas {lap.semester.nama}",
                  subjek=lap.unit, tanggal=lap.tanda_tangan.tanggal or lap.semester.akhir, kertas=lap.kertas,
                  penulis=lap.unit)
    toc = next(b for b in blok if isinstance(b, DaftarIsi))
    toc.entri = daftar_isi or [(lv, t, "") for lv, t in doc.judul_daftar_isi()]
    return doc
