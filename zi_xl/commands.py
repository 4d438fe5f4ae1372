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
    p.add_argument("--tulis", action="store_true",
                   help="tulis sheet 'Hasil Hitung' dan satu baris 'Riwayat' ke workbook (sheet resmi tidak diubah; "
                        "salinan asli disimpan sebagai BERKAS.bak)")
    p.add_argument("-o", "--output", metavar="BERKAS",
                   help="tulis hasil ke berkas lain ini; berkas asli tidak diubah (menyiratkan --tulis)")
    p.add_argument("--cadangan", metavar="FOLDER",
                   help="dengan --tulis: simpan cadangan berwaktu di folder ini (bawaan: BERKAS.bak)")
    p.add_argument("--ketat", action="store_true",
                   help="jawaban tidak sah atau sel galat (#N/A, #DIV/0!) dianggap galat: keluar dengan kode 1, "
                        "tanpa menulis")
    p.set_defaults(func=cmd_hitung)

    p = sub.add_parser("templat", help="buat templat workbook baru (LKE atau rencana aksi)")
    p.add_argument("jenis", choices=["lke", "rencana-aksi"], help="jenis templat")
    p.add_argument("--versi", choices=["2019", "2021", "2023"], default="2021", help="versi LKE (bawaan 2021)")
    p.add_argument("-o", "--output", required=True, metavar="BERKAS",
                   help="berkas keluaran .xlsx, atau .xlsm (bermakro, dengan tombol)")
    p.set_defaults(func=cmd_templat)

    p = sub.add_parser("contoh", help="tulis workbook contoh ke sebuah folder lalu hitung/periksa")
    p.add_argument("folder", nargs="?", default="contoh-zi", help="folder tujuan (bawaan: contoh-zi)")
    p.set_defaults(func=cmd_contoh)

    ra_cli.register(sub)
    _register_pasang_tombol(sub)


def _register_pasang_tombol(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "pasang-tombol", help="pasang tombol Hitung Nilai / Perbarui Status ke workbook (hasil: .xlsm)",
        description="Salin workbook LKE atau rencana aksi menjadi .xlsm bermakro dengan tombol (Hitung Nilai atau "
                    "Perbarui Status) di sheet utamanya. Isi lain workbook tidak diubah; berkas asli tidak disentuh.")
    p.add_argument("berkas", help="workbook LKE atau rencana aksi (.xlsx/.xlsm)")
    p.add_argument("-o", "--output", metavar="BERKAS",
                   help="berkas keluaran .xlsm (bawaan: nama berkas yang sama berakhiran .xlsm)")
    p.add_argument("--jenis", choices=["auto", "lke", "rencana-aksi"], default="auto",
                   help="jenis workbook (bawaan: auto, dikenali dari isinya)")
    p.add_argument("--sheet", help="sheet tempat tombol (bawaan: sheet LKE / rencana aksi); perlu --jenis")
    p.add_argument("--ribbon", action="store_true", help="tambahkan juga tab 'Zona Integritas' di ribbon")
    p.set_defaults(func=cmd_pasang_tombol)


def cmd_pasang_tombol(args) -> int:
    from .xlsx.vba import pasang_tombol

    h = pasang_tombol(args.berkas, args.output, jenis=args.jenis, sheet=args.sheet, ribbon=args.ribbon)
    nama = {"HitungNilai": "Hitung Nilai", "PerbaruiStatus": "Perbarui Status"}
    print(f"Tombol {', '.join(nama.get(t, t) for t in h.tombol)} dipasang di sheet '{h.sheet}': {h.berkas}")
    print("Buka berkas itu di Excel dan aktifkan makro (Enable Content). Panduan: docs/excel-setup.md")
    return 0


def cmd_hitung(args) -> int:
    from .lke import hitung_berkas
    from .report import print_hasil, to_json

    hasil = hitung_berkas(args.berkas, versi=args.versi, jawaban=args.jawaban, batas=args.batas,
                          sudah_wbk=args.sudah_wbk, hitung_ulang=args.hitung_ulang)
    if args.json:
        print(to_json(hasil))
    else:
        print_hasil(hasil)
    return _ketat_dan_tulis(args, hasil)


def _ketat_dan_tulis(args, hasil) -> int:
    """``--ketat``: invalid answers end with exit code 1; ``--tulis``/``-o``: results into the workbook."""
    import sys

    if args.ketat:
        salah = [w for w in hasil.penilaian.skor.peringatan if w.sel]
        if salah:
            for w in salah:
                print(f"GALAT: {args.berkas}: {w.sheet}!{w.sel}: {w.pesan}", file=sys.stderr)
            print(f"GALAT: {args.berkas}: {len(salah)} jawaban tidak sah (--ketat); tidak ada yang ditulis",
                  file=sys.stderr)
            return 1
    if args.tulis or args.output:
        from .hasil_sheet import tulis_hasil

        _, t = tulis_hasil(args.berkas, hasil=hasil, output=args.output, cadangan=args.cadangan)
        print(f"Hasil ditulis ke {t.berkas} (sheet 'Hasil Hitung' dan 'Riwayat')"
              + (f"; cadangan berkas asli: {t.cadangan}" if t.cadangan else ""),
              file=sys.stderr if args.json else sys.stdout)
    return 0


def cmd_templat(args) -> int:
    if args.output.lower().endswith(".xlsm"):
        from .xlsx.vba import tulis_templat_xlsm

        tulis_templat_xlsm(args.output, args.jenis, versi=args.versi)
        print(f"Templat bermakro (tombol dan tab 'Zona Integritas') ditulis: {args.output}")
        return 0
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
