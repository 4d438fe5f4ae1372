"""``zi-xl hitung LKE.xlsx``: Hitung Nilai — scores, predikat, warnings, anomalies; with ``--tulis``/``-o`` the
"Hasil Hitung" and "Riwayat" sheets written into the workbook (or a copy)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from ..lke.reader import read_lke
from ..lke.rules import VERSI
from ..lke.sheets import SHEET_HASIL, SHEET_RIWAYAT, edits_hasil
from ..xlsx.book import Book
from .cetak import cetak_hasil
from .options import add_json, add_tulis, menulis

BANTUAN = "hitung nilai LKE dan predikat (WBK/WBBM)"


def register(p: argparse.ArgumentParser) -> None:
    p.description = "Hitung nilai LKE: indikator, area, komponen, total, dan predikat."
    p.add_argument("berkas", help="berkas LKE (.xlsx/.xlsm)")
    p.add_argument("--versi", choices=["auto", *VERSI], default="auto", help="versi LKE (bawaan: auto)")
    add_json(p)
    p.add_argument("--jawaban", default="unit", metavar="SUMBER",
                   help="sumber jawaban yang menjadi hasil utama: nama ('unit' (bawaan), 'tpi', 'tpi itjen' …, "
                        "sesuai judul kolom 'Jawaban …') atau huruf kolomnya (mis. N); semua sumber tetap dihitung")
    p.add_argument("--batas", metavar="BERKAS", help="berkas JSON batas predikat pengganti")
    p.add_argument("--sudah-wbk", action="store_true", default=None,
                   help="unit sudah pernah memperoleh predikat WBK (syarat WBBM); bawaan: dibaca dari workbook "
                        "(isian 'Sudah memperoleh WBK sebelumnya?' atau 'Predikat sebelumnya'), bila tidak ada: belum")
    p.add_argument("--hitung-ulang", action="store_true",
                   help="hitung ulang rumus berkas dengan LibreOffice sebelum pemeriksaan silang "
                        "(untuk berkas tanpa nilai hasil rumus tersimpan)")
    add_tulis(p, f"sheet '{SHEET_HASIL}' dan satu baris '{SHEET_RIWAYAT}'")
    p.add_argument("--ketat", action="store_true",
                   help="jawaban tidak sah atau sel galat (#N/A, #DIV/0!) dianggap galat: keluar dengan kode 1, "
                        "tanpa menulis")


def sekarang() -> datetime:
    """The time stamped on "Hasil Hitung" and "Riwayat" (tests pin it)."""
    return datetime.now()


def run(args: argparse.Namespace) -> int:
    book = Book.open(args.berkas)
    hasil = read_lke(book, versi=args.versi, jawaban=args.jawaban, batas=args.batas, sudah_wbk=args.sudah_wbk,
                     hitung_ulang=args.hitung_ulang)
    if args.json:
        print(hasil.to_json())
    else:
        cetak_hasil(hasil)
    if args.ketat:
        salah = [w for w in hasil.penilaian.skor.peringatan if w.sel]
        if salah:
            for w in salah:
                print(f"GALAT: {args.berkas}: {w.sheet}!{w.sel}: {w.pesan}", file=sys.stderr)
            print(f"GALAT: {args.berkas}: {len(salah)} jawaban tidak sah (--ketat); tidak ada yang ditulis",
                  file=sys.stderr)
            return 1
    if menulis(args):
        t = book.apply(edits_hasil(hasil, sekarang(), book.grids), output=args.output, cadangan=args.cadangan)
        print(f"Hasil ditulis ke {t.berkas} (sheet '{SHEET_HASIL}' dan '{SHEET_RIWAYAT}')"
              + (f"; cadangan berkas asli: {t.cadangan}" if t.cadangan else ""),
              file=sys.stderr if args.json else sys.stdout)
    return 0
