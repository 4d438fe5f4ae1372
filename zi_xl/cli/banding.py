"""``zi-xl banding LKE.xlsx``: the unit's answers against the TPI's (and any other "Jawaban …" column), question by
question, with what each difference is worth per indicator and area and which thresholds it crosses; with
``--tulis``/``-o`` the sheet "Banding Jawaban" written into the workbook (or a copy)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from ..lke.banding import SHEET_BANDING, Banding, banding, banding_semua, edits_banding
from ..lke.reader import read_lke
from ..lke.rules import VERSI
from ..teks import angka, persen, potong
from ..xlsx.book import Book
from .options import add_json, add_tulis, menulis

BANTUAN = "banding jawaban unit dan TPI (dan sumber lain): selisih per pertanyaan, indikator, area, syarat"


def register(p: argparse.ArgumentParser) -> None:
    p.description = ("Banding jawaban dua sumber pada satu LKE (bawaan: jawaban unit dengan setiap sumber lain yang "
                     "terisi, mis. 'Jawaban TPI'): jawaban per pertanyaan, selisih nilainya (sumbangan pada nilai "
                     "total) dijumlah per indikator dan area, dan syarat predikat yang dilintasi; urut dampak "
                     "terbesar.")
    p.add_argument("berkas", help="berkas LKE (.xlsx/.xlsm)")
    p.add_argument("--dari", default="unit", metavar="SUMBER",
                   help="sumber pertama (bawaan: unit); nama seperti 'tpi', 'tpi itjen' atau huruf kolom")
    p.add_argument("--dengan", metavar="SUMBER",
                   help="sumber kedua (bawaan: setiap sumber lain yang terisi)")
    p.add_argument("--versi", choices=["auto", *VERSI], default="auto", help="versi LKE (bawaan: auto)")
    p.add_argument("--batas", metavar="BERKAS", help="berkas JSON batas predikat pengganti")
    p.add_argument("--sudah-wbk", action="store_true", default=None,
                   help="unit sudah pernah memperoleh predikat WBK (bawaan: dibaca dari workbook)")
    p.add_argument("--semua", action="store_true", help="cetak juga pertanyaan yang jawabannya sama")
    add_json(p)
    add_tulis(p, f"sheet '{SHEET_BANDING}'")


def cetak_banding(b: Banding, semua: bool = False, out: TextIO | None = None) -> None:
    w = (out or sys.stdout).write
    la, lb = b.a.label, b.b.label
    w(f"{la} (kolom {b.a.kolom}) dibanding {lb} (kolom {b.b.kolom})\n")
    w(f"  {b.ringkas()}\n\n")
    w(f"{'Komponen':<30} {la[:14]:>14} {lb[:14]:>14} {'Selisih':>9}\n")
    for k in b.komponen:
        w(f"{k.nama:<30} {angka(k.nilai_a):>14} {angka(k.nilai_b):>14} {angka(k.selisih):>9}\n")
    w(f"\nSyarat predikat yang dilintasi ({len(b.syarat)}):\n")
    for s in b.syarat:
        w(f"  - {s.teks(la, lb)}\n")
    if not b.syarat:
        w("  tidak ada\n")
    w(f"\n{'Area (Pemenuhan + Reform)':<42} {'% ' + la[:10]:>13} {'% ' + lb[:10]:>13} {'Selisih':>9}\n")
    for a in b.area:
        d = a.to_dict()
        w(f"{potong(a.nama, 42):<42} {persen(d.get('persen_a')):>13} {persen(d.get('persen_b')):>13} "
          f"{angka(a.selisih):>9}\n")
    beda = [i for i in b.indikator if abs(i.selisih) > 1e-9]
    w(f"\nIndikator yang berbeda ({len(beda)}), dampak terbesar lebih dulu:\n")
    for i in beda:
        w(f"  {angka(i.selisih):>7}  {potong(i.nama, 80)}\n")
    qs = [q for q in b.pertanyaan if semua or q.berbeda or abs(q.selisih) > 1e-9]
    w(f"\nJawaban {'(semua)' if semua else 'yang berbeda'} ({len(qs)}):\n")
    w(f"  {'Selisih':>7}  {'Sel':<11} {la[:10]:<10} {lb[:10]:<10} Pertanyaan\n")
    for q in qs:
        sel = "/".join(x for x in (q.sel_a, q.sel_b) if x) or "-"
        w(f"  {angka(q.selisih):>7}  {sel:<11} {_j(q.jawaban_a, q.jenis):<10} {_j(q.jawaban_b, q.jenis):<10} "
          f"{potong(q.pertanyaan, 60)}\n")
    w("\n")


def _j(x, jenis: str | None) -> str:
    if x is None:
        return "-"
    if isinstance(x, int | float):
        return persen(x) if jenis == "persen" else angka(x, 2)
    return str(x)


def run(args: argparse.Namespace) -> int:
    book = Book.open(args.berkas)
    hasil = read_lke(book, versi=args.versi, batas=args.batas, sudah_wbk=args.sudah_wbk)
    daftar = [banding(hasil, args.dari, args.dengan)] if args.dengan else banding_semua(hasil, args.dari)
    if not daftar:
        banding(hasil, args.dari, None)          # raises the Indonesian "nothing to compare with"
    if args.json:
        print(json.dumps({"berkas": hasil.berkas, "versi": hasil.versi,
                          "banding": [b.to_dict() for b in daftar]}, ensure_ascii=False, indent=1))
    else:
        for b in daftar:
            cetak_banding(b, args.semua)
    if menulis(args):
        t = book.apply(edits_banding(hasil, daftar), output=args.output, cadangan=args.cadangan)
        print(f"Banding ditulis ke {t.berkas} (sheet '{SHEET_BANDING}')"
              + (f"; cadangan berkas asli: {t.cadangan}" if t.cadangan else ""),
              file=sys.stderr if args.json else sys.stdout)
    return 0
