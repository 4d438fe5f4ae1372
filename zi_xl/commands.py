"""Sub-commands of ``zi-xl``. Each ``cmd_*`` takes the parsed args and returns an exit code."""

from __future__ import annotations

import argparse

VERSI_PILIHAN = ["auto", "2014", "2019", "2021", "2023"]


def register(sub: argparse._SubParsersAction) -> None:
    from .rencana_aksi import cli as ra_cli

    p = sub.add_parser("hitung", help="hitung nilai LKE dan predikat (WBK/WBBM)",
                       description="Hitung nilai LKE: indikator, area, komponen, total, dan predikat.")
    p.add_argument("berkas", help="berkas LKE (.xlsx/.xlsm)")
    p.add_argument("--versi", choices=VERSI_PILIHAN, default="auto", help="versi LKE (bawaan: auto)")
    p.add_argument("--json", action="store_true", help="keluaran JSON (satu objek) di stdout")
    p.add_argument("--jawaban", choices=["unit", "tpi"], default="unit",
                   help="jawaban yang dihitung: unit (bawaan) atau tpi")
    p.add_argument("--batas", metavar="BERKAS", help="berkas JSON batas predikat pengganti")
    p.add_argument("--sudah-wbk", action="store_true",
                   help="unit sudah pernah memperoleh predikat WBK (syarat WBBM)")
    p.add_argument("--hitung-ulang", action="store_true",
                   help="hitung ulang rumus berkas dengan LibreOffice sebelum pemeriksaan silang "
                        "(untuk berkas tanpa nilai hasil rumus tersimpan)")
    p.set_defaults(func=cmd_hitung)

    p = sub.add_parser("templat", help="buat templat workbook baru (LKE atau rencana aksi)")
    p.add_argument("jenis", choices=["lke", "rencana-aksi"], help="jenis templat")
    p.add_argument("--versi", choices=["2019", "2021", "2023"], default="2021", help="versi LKE (bawaan 2021)")
    p.add_argument("-o", "--output", required=True, metavar="BERKAS", help="berkas keluaran .xlsx")
    p.set_defaults(func=cmd_templat)

    p = sub.add_parser("contoh", help="tulis workbook contoh ke sebuah folder lalu hitung/periksa")
    p.add_argument("folder", nargs="?", default="contoh-zi", help="folder tujuan (bawaan: contoh-zi)")
    p.set_defaults(func=cmd_contoh)

    ra_cli.register(sub)


def cmd_hitung(args) -> int:
    from .lke import hitung_berkas
    from .report import print_hasil, to_json

    hasil = hitung_berkas(args.berkas, versi=args.versi, jawaban=args.jawaban, batas=args.batas,
                          sudah_wbk=args.sudah_wbk, hitung_ulang=args.hitung_ulang)
    if args.json:
        print(to_json(hasil))
    else:
        print_hasil(hasil)
    return 0


def cmd_templat(args) -> int:
    if args.jenis == "rencana-aksi":
        from .rencana_aksi import cli as ra_cli

        return ra_cli.templat(args.output)
    from .templat_lke import tulis_templat_lke

    tulis_templat_lke(args.output, versi=args.versi)
    print(f"Templat LKE {args.versi} ditulis: {args.output}")
    return 0


def cmd_contoh(args) -> int:
    from .contoh import jalankan_contoh

    return jalankan_contoh(args.folder)
