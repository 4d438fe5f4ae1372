"""``zi-xl simulasi LKE.xlsx [--target WBK|WBBM]``: the fewest answer improvements that meet every threshold of the
target (an exact mixed-integer model solved by HiGHS); with ``--tulis``/``-o`` the sheet "Jalan Menuju WBK" (or
"… WBBM") written into the workbook (or a copy)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from ..errors import ZiError
from ..lke.reader import read_lke
from ..lke.rules import VERSI
from ..lke.simulasi import Simulasi, edits_simulasi, nama_sheet, simulasi
from ..teks import angka, baca_json, potong
from ..xlsx.book import Book
from .options import add_json, add_tulis, menulis

BANTUAN = "simulasi: perbaikan jawaban paling sedikit agar memenuhi WBK/WBBM"


def register(p: argparse.ArgumentParser) -> None:
    p.description = ("Apa yang harus diperbaiki agar WBK/WBBM? Perbaikan jawaban paling sedikit (satu tingkat "
                     "jawaban = satu langkah) yang memenuhi setiap syarat predikat target, dihitung tepat (optimasi "
                     "bilangan bulat), bukan perkiraan. Jawaban tidak pernah diturunkan; nilai survei (IPAK, "
                     "IPKP) tidak dapat diubah dengan jawaban: yang diperlukan disebutkan.")
    p.add_argument("berkas", help="berkas LKE (.xlsx/.xlsm)")
    p.add_argument("--target", type=str.upper, choices=["WBK", "WBBM"],
                   help="predikat target (bawaan: predikat berikutnya — WBK, atau WBBM bila WBK sudah tercapai)")
    p.add_argument("--jawaban", default="unit", metavar="SUMBER",
                   help="sumber jawaban yang disimulasikan: 'unit' (bawaan), 'tpi' … atau huruf kolomnya")
    p.add_argument("--biaya", metavar="BERKAS",
                   help="berkas JSON biaya per tingkat jawaban: {\"A.I.1.i.b\": 2, \"K45\": 3, \"K60\": null} — kunci "
                        "id pertanyaan atau sel jawaban; null = jawaban itu tidak diubah (bawaan: 1 untuk semua)")
    p.add_argument("--versi", choices=["auto", *VERSI], default="auto", help="versi LKE (bawaan: auto)")
    p.add_argument("--batas", metavar="BERKAS", help="berkas JSON batas predikat pengganti")
    p.add_argument("--sudah-wbk", action="store_true", default=None,
                   help="unit sudah pernah memperoleh predikat WBK (syarat WBBM; bawaan: dibaca dari workbook)")
    add_json(p)
    add_tulis(p, "sheet 'Jalan Menuju WBK' (atau 'Jalan Menuju WBBM')")


def _biaya(path: str | None) -> dict | None:
    if not path:
        return None
    data = baca_json(path, "berkas biaya")
    if not isinstance(data, dict):
        raise ZiError("berkas biaya harus berisi objek {\"id atau sel\": biaya}", berkas=path)
    return data


def cetak_simulasi(s: Simulasi, out: TextIO | None = None) -> None:
    w = (out or sys.stdout).write
    w(f"Berkas : {s.berkas}\nJawaban: {s.sumber}\nTarget : Menuju {s.target}\n\n{s.ringkas()}\n")
    if s.langkah:
        w(f"\n{'No':>3}  {'Sel':<8} {'Dari':<12} {'Ke':<6} {'Tambah':>7}  Pertanyaan\n")
        for i, x in enumerate(s.langkah, 1):
            d = x.to_dict()
            w(f"{i:>3}  {x.sel or '-':<8} {str(d['dari']):<12} {str(d['ke']):<6} {angka(x.tambah_nilai):>7}  "
              f"{potong(x.pertanyaan, 70)}\n")
            if x.catatan:
                w(f"{'':>41}({x.catatan})\n")
        w(f"\nNilai: {angka(s.nilai_sekarang.get('total'))} → {angka(s.nilai_setelah.get('total'))}; predikat "
          f"{s.predikat_sekarang} → {s.predikat_setelah}\n")
    if s.tidak_terjangkau:
        w("\nTidak tercapai dengan perbaikan jawaban:\n")
        for t in s.tidak_terjangkau:
            w(f"  - {t.syarat}: perlu {t.perlu}\n")


def run(args: argparse.Namespace) -> int:
    book = Book.open(args.berkas)
    hasil = read_lke(book, versi=args.versi, batas=args.batas, sudah_wbk=args.sudah_wbk)
    s = simulasi(hasil, target=args.target, jawaban=args.jawaban, biaya=_biaya(args.biaya), batas=args.batas)
    if args.json:
        print(json.dumps(s.to_dict(), ensure_ascii=False, indent=1))
    else:
        cetak_simulasi(s)
    if menulis(args):
        t = book.apply(edits_simulasi(s), output=args.output, cadangan=args.cadangan)
        print(f"Rencana ditulis ke {t.berkas} (sheet '{nama_sheet(s.target)}')"
              + (f"; cadangan berkas asli: {t.cadangan}" if t.cadangan else ""),
              file=sys.stderr if args.json else sys.stdout)
    return 0
