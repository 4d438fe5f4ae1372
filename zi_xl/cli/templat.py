"""``zi-xl templat {lke,rencana-aksi,monev} -o BERKAS``: a new workbook — the LKE of a version with live formulas, the
rencana aksi template (``--dari RA.xlsx``: filled with the actions of an existing plan), or the monev template (its
first month ``--bulan``); ``.xlsm`` adds the button and the ribbon tab."""

from __future__ import annotations

import argparse
import os
from datetime import date

from ..errors import ZiError
from ..excel.vba import tulis_templat_xlsm
from ..laporan.templat import tulis_templat as tulis_templat_laporan
from ..lke.templat import tulis_templat_lke
from ..monev.perbarui import cek_bulan
from ..monev.seed import tulis_templat as tulis_templat_monev
from ..rencana_aksi.reader import read_rencana_aksi
from ..rencana_aksi.seed import tulis_templat
from .options import add_output

BANTUAN = "buat templat baru: workbook LKE, rencana aksi atau monev, atau teks laporan semester"


def register(p: argparse.ArgumentParser) -> None:
    p.description = ("Tulis workbook baru: LKE (rumus hidup, pilihan jawaban, proteksi, sheet 'Hasil Penilaian') "
                     "rencana aksi (status dengan rumus, ringkasan, grafik) atau monev (sheet per bulan, ringkasan). "
                     "Berakhiran .xlsm: dengan tombol dan tab 'Zona Integritas'.")
    p.add_argument("jenis", choices=["lke", "rencana-aksi", "monev", "laporan"],
                   help="jenis templat (laporan: teks laporan semester yang dapat diubah, .txt)")
    add_output(p, "berkas keluaran .xlsx, atau .xlsm (bermakro, dengan tombol)", required=True)
    p.add_argument("--versi", choices=["2019", "2021", "2023"], default="2021", help="versi LKE (bawaan: 2021)")
    p.add_argument("--tahun", type=int, metavar="TTTT",
                   help="rencana aksi: tahun pilihan TARGET WAKTU; monev: tahun bulan pertama (bawaan: tahun ini)")
    p.add_argument("--bulan", metavar="TTTT-BB",
                   help="monev: bulan sheet pertama, mis. 2026-01 (bawaan: Januari --tahun)")
    p.add_argument("--dari", metavar="BERKAS",
                   help="rencana aksi: isi templat dengan langkah aksi dari workbook rencana aksi ini")
    p.add_argument("--per", metavar="TTTT-BB-HH",
                   help="dengan --dari: tanggal acuan tetap (bawaan: tanggal acuan tetap workbook asal; bila tidak "
                        "ada, =TODAY() — status mengikuti hari workbook dibuka)")


def _check_output(path: str, ext: tuple[str, ...]) -> None:
    if not path.lower().endswith(ext):
        raise ZiError("berkas keluaran harus berakhiran " + " atau ".join(ext), berkas=path)
    if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
        raise ZiError("folder tujuan tidak ada", berkas=path)


def run(args: argparse.Namespace) -> int:
    out = args.output
    if args.jenis == "laporan":
        if args.dari or args.per or args.tahun or args.bulan:
            raise ZiError("--dari, --per, --tahun dan --bulan tidak dipakai templat laporan")
        _check_output(out, (".txt",))
        tulis_templat_laporan(out)
        print(f"Templat teks laporan ditulis: {out} (ubah kalimatnya, lalu: zi-xl laporan … --templat {out})")
        return 0
    if args.jenis == "lke" and (args.dari or args.per or args.tahun):
        raise ZiError("--dari, --per dan --tahun hanya untuk templat rencana-aksi")
    if args.per and not args.dari:
        raise ZiError("--per hanya bersama --dari")
    if args.bulan and args.jenis != "monev":
        raise ZiError("--bulan hanya untuk templat monev")
    if args.jenis == "monev" and args.dari:
        raise ZiError("--dari hanya untuk templat rencana-aksi")
    tahun = args.tahun or date.today().year
    bulan = cek_bulan(args.bulan) if args.bulan else f"{tahun:04d}-01"
    if out.lower().endswith(".xlsm"):
        if args.dari:
            raise ZiError("--dari menulis workbook .xlsx; pasang tombol sesudahnya dengan 'zi-xl pasang-tombol'",
                          berkas=out)
        tulis_templat_xlsm(out, args.jenis, versi=args.versi, tahun=tahun, bulan=bulan)
        print(f"Templat bermakro (tombol dan tab 'Zona Integritas') ditulis: {out}")
        return 0
    _check_output(out, (".xlsx", ".xlsm"))
    if args.jenis == "lke":
        tulis_templat_lke(out, versi=args.versi)
        print(f"Templat LKE {args.versi} ditulis: {out}")
    elif args.jenis == "monev":
        tulis_templat_monev(out, bulan)
        print(f"Templat monev (bulan pertama {bulan}) ditulis: {out}")
    elif args.dari:
        if os.path.exists(out) and os.path.samefile(args.dari, out):
            raise ZiError("berkas keluaran sama dengan berkas --dari; tulis ke berkas baru", berkas=out)
        ra = read_rencana_aksi(args.dari, per=args.per)
        ra.to_excel(out)
        print(f"Workbook rencana aksi baru ditulis dari {args.dari}: {out}")
    else:
        tulis_templat(out, tahun=tahun)
        print(f"Templat rencana aksi ditulis: {out}")
    return 0
