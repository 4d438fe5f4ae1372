"""``zi-xl pasang-tombol BERKAS``: a macro-enabled copy (.xlsm) of a user's LKE or rencana aksi workbook with the
button (Hitung Nilai / Perbarui Status) on its main sheet; everything else in the workbook is kept."""

from __future__ import annotations

import argparse
import os

from ..errors import ZiError
from ..excel.vba import JENIS, pasang_tombol
from .options import add_output

BANTUAN = "pasang tombol Hitung Nilai / Perbarui Status ke workbook (hasil: .xlsm)"
_NAMA = {"HitungNilai": "Hitung Nilai", "PerbaruiStatus": "Perbarui Status", "PerbaruiMonev": "Perbarui Monev"}


def register(p: argparse.ArgumentParser) -> None:
    p.description = ("Salin workbook LKE atau rencana aksi menjadi .xlsm bermakro dengan tombol (Hitung Nilai atau "
                     "Perbarui Status) di sheet utamanya. Isi lain workbook tidak diubah; berkas asli tidak disentuh.")
    p.add_argument("berkas", help="workbook LKE atau rencana aksi (.xlsx/.xlsm)")
    add_output(p, "salinan bertombol ini (.xlsm; bawaan: nama berkas yang sama berakhiran .xlsm); berkas asli "
                  "tidak diubah")
    p.add_argument("--jenis", choices=list(JENIS), default="auto",
                   help="jenis workbook (bawaan: auto, dikenali dari isinya)")
    p.add_argument("--sheet", help="sheet tempat tombol (bawaan: sheet LKE / rencana aksi); perlu --jenis")
    p.add_argument("--tanpa-ribbon", action="store_true",
                   help="tanpa tab 'Zona Integritas' di ribbon (bawaan: tab itu ikut dipasang)")


def run(args: argparse.Namespace) -> int:
    out = args.output or os.path.splitext(args.berkas)[0] + ".xlsm"
    if not args.output and os.path.exists(out) and not args.timpa:
        raise ZiError("sudah ada; tombol tidak dipasang agar berkas itu tidak tertimpa. Sebutkan -o BERKAS.xlsm "
                      "yang lain, atau tambahkan --timpa", berkas=out)
    h = pasang_tombol(args.berkas, out, jenis=args.jenis, sheet=args.sheet, ribbon=not args.tanpa_ribbon)
    print(f"Tombol {', '.join(_NAMA.get(t, t) for t in h.tombol)} dipasang di sheet '{h.sheet}': {h.berkas}")
    print("Tombol ada di kiri atas sheet itu" + ("" if args.tanpa_ribbon else ", dan di tab 'Zona Integritas' ribbon")
          + ". Buka berkas itu di Excel dan aktifkan makro (Enable Content). Panduan: docs/excel-setup.md di folder "
          "zi_xl")
    return 0
