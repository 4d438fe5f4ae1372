"""``zi-xl status RA.xlsx``: the status of every langkah aksi of a rencana aksi (any layout) and the summary per
area; with ``--tulis``/``-o`` the status columns and the "Ringkasan Rencana Aksi" sheet written into the workbook
(or a copy)."""

from __future__ import annotations

import argparse
import sys

from ..rencana_aksi.reader import read_rencana_aksi
from ..rencana_aksi.sheets import SHEET_RINGKASAN, edits_status
from ..xlsx.book import Book
from .cetak import cetak_status
from .options import add_json, add_tulis, menulis

BANTUAN = "status rencana aksi: terlambat, jatuh tempo bulan ini, selesai … per area"


def register(p: argparse.ArgumentParser) -> None:
    p.description = ("Baca workbook rencana aksi (tata letak apa pun dengan judul kolom Langkah Aksi dan Target "
                     "Waktu atau sinonimnya), hitung tenggat dari TARGET WAKTU, lalu status tiap langkah aksi dan "
                     "ringkasan per area perubahan.")
    p.add_argument("berkas", help="workbook rencana aksi (.xlsx/.xlsm)")
    p.add_argument("--per", metavar="TTTT-BB-HH",
                   help="tanggal acuan (bawaan: tanggal acuan tetap di workbook, atau hari ini)")
    add_json(p)
    add_tulis(p, f"kolom 'ZI-XL TENGGAT'/'ZI-XL STATUS' dan sheet '{SHEET_RINGKASAN}'")
    p.add_argument("--sheet", help="baca hanya sheet ini (bawaan: semua sheet yang berisi rencana aksi)")
    p.add_argument("--tahun", type=int, metavar="TTTT",
                   help="tahun untuk target waktu tanpa tahun (bawaan: tahun dokumen)")


def run(args: argparse.Namespace) -> int:
    book = Book.open(args.berkas)
    ra = read_rencana_aksi(book, per=args.per, sheet=args.sheet, tahun=args.tahun)
    if args.json:
        print(ra.to_json())
    else:
        cetak_status(ra)
    if menulis(args):
        edits = edits_status(ra, book.grids)
        if not edits and args.output is None:
            if not args.json:
                print("\nTidak ada yang perlu ditulis: STATUS workbook ini dihitung rumus Excel sendiri")
            return 0
        t = book.apply(edits, output=args.output, cadangan=args.cadangan)
        print(f"\nStatus ditulis ke {t.berkas}" + (f"; cadangan berkas asli: {t.cadangan}" if t.cadangan else ""),
              file=sys.stderr if args.json else sys.stdout)
    return 0
