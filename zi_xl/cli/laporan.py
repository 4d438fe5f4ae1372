"""``zi-xl laporan --semester 1 --tahun 2022 [FOLDER] [--lke LKE.xlsx] [--rencana-aksi RA.xlsx] [--monev MONEV.xlsx]
-o LAPORAN.docx``: the semester monev report as a Word document (tata naskah dinas), built from the workbooks.

The workbooks not named one by one are found in FOLDER (as ``zi-xl contoh`` writes them). Before writing, the
workbooks are checked (months outside the semester, a month twice, dates against their period, open masukan
without tindak lanjut, an incomplete signature …): the findings are listed here, in ``--json`` and on a note page
of the report; ``--ketat`` writes nothing when there is one (exit 1). ``--pdf`` also converts the report with
LibreOffice. ``--buat-templat -o TEKS.txt`` writes the text template whose wording the user may edit and pass back
with ``--templat``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from ..errors import ZiError
from ..laporan.buat import berkas_pdf, cetak_pdf, tulis_laporan
from ..laporan.dokumen import KERTAS
from ..laporan.gather import kumpulkan
from ..laporan.model import JENIS, NAMA_JENIS, Laporan
from ..laporan.semester import Semester
from ..laporan.templat import tulis_templat
from ..lke.rules import load_rules
from .options import add_json, add_output

BANTUAN = "laporan monev semester (Word .docx, dan PDF) dari workbook LKE, rencana aksi dan monev"
VERSI = ("2014", "2019", "2021", "2023", "2026")


def register(p: argparse.ArgumentParser) -> None:
    p.description = ("Buat Laporan Monitoring dan Evaluasi Pembangunan Zona Integritas satu semester (Word .docx, "
                     "tata naskah dinas) dari workbook LKE, rencana aksi dan monev. Workbook yang tidak disebut satu "
                     "per satu dicari di FOLDER. Hal yang perlu diperiksa di workbook dicantumkan sebagai peringatan "
                     "(juga pada halaman catatan di laporan).")
    p.add_argument("folder", nargs="?", metavar="FOLDER",
                   help="folder berisi workbook LKE, rencana aksi dan monev (seperti hasil 'zi-xl contoh')")
    p.add_argument("--semester", type=int, choices=[1, 2], help="semester 1 (Januari–Juni) atau 2 (Juli–Desember)")
    p.add_argument("--tahun", type=int, metavar="TTTT", help="tahun laporan, mis. 2022")
    p.add_argument("--lke", metavar="BERKAS", help="workbook LKE (nilai, predikat, versi LKE)")
    p.add_argument("--rencana-aksi", metavar="BERKAS", help="workbook rencana aksi")
    p.add_argument("--monev", metavar="BERKAS", help="workbook monev")
    add_output(p, "berkas laporan Word (.docx); dengan --buat-templat: berkas templat teks (.txt)")
    p.add_argument("--pdf", action="store_true",
                   help="buat juga PDF di samping .docx (perlu LibreOffice; daftar isi diperbarui)")
    p.add_argument("--ketat", action="store_true", help="jangan tulis laporan bila ada peringatan (kode keluar 1)")
    add_json(p)
    p.add_argument("--templat", metavar="BERKAS",
                   help="templat teks laporan yang sudah Anda ubah (lihat --buat-templat)")
    p.add_argument("--buat-templat", action="store_true",
                   help="tulis templat teks laporan ke -o BERKAS (untuk diubah), tanpa membuat laporan")
    p.add_argument("--kertas", choices=list(KERTAS), default="A4", help="ukuran kertas (bawaan: A4)")
    p.add_argument("--logo", metavar="BERKAS", help="gambar logo (PNG/JPG) untuk halaman sampul")
    p.add_argument("--unit", metavar="NAMA", help="nama unit kerja (bawaan: dari workbook)")
    g = p.add_argument_group("tanda tangan (bawaan: sheet 'Pengaturan Monev' di workbook monev)")
    g.add_argument("--tempat", metavar="TEKS", help="tempat penandatanganan, mis. Parit Malintang")
    g.add_argument("--tanggal", metavar="TTTT-BB-HH", help="tanggal laporan (bawaan: hari terakhir semester)")
    g.add_argument("--jabatan", metavar="TEKS", help="jabatan penandatangan")
    g.add_argument("--nama", metavar="TEKS", help="nama penandatangan")
    g.add_argument("--nip", metavar="TEKS", help="NIP penandatangan")
    p.add_argument("--jawaban", default="unit", metavar="SUMBER",
                   help="sumber jawaban LKE yang dipakai: unit (bawaan), tpi, atau huruf kolom")
    p.add_argument("--versi", choices=VERSI, help="versi LKE bila tidak ada workbook LKE (bawaan: menurut tahun)")


def _periksa_opsi(args: argparse.Namespace) -> None:
    if args.semester is None or args.tahun is None:
        raise ZiError("sebutkan --semester (1 atau 2) dan --tahun, mis. --semester 1 --tahun 2022")
    if not args.output:
        raise ZiError("sebutkan berkas laporan: -o LAPORAN.docx")
    if not args.output.lower().endswith(".docx"):
        raise ZiError("berkas laporan harus berakhiran .docx", berkas=args.output)
    if not os.path.isdir(os.path.dirname(os.path.abspath(args.output))):
        raise ZiError("folder tujuan tidak ada", berkas=args.output)
    if args.folder is not None and not os.path.isdir(args.folder):
        raise ZiError("folder tidak ditemukan" if not os.path.exists(args.folder) else
                      "FOLDER harus berupa folder; sebut workbook dengan --lke/--rencana-aksi/--monev",
                      berkas=args.folder)
    if args.folder is None and not (args.lke or args.rencana_aksi or args.monev):
        raise ZiError("beri FOLDER berisi workbook, atau --lke/--rencana-aksi/--monev")
    for path in (args.lke, args.rencana_aksi, args.monev, args.logo, args.templat):
        if path and not os.path.isfile(path):
            raise ZiError("berkas tidak ditemukan", berkas=path)
    pdf = berkas_pdf(args.output)
    if args.pdf and not args.timpa and os.path.lexists(pdf):
        raise ZiError("berkas PDF sudah ada dan tidak ditimpa; pilih nama lain, atau tambahkan --timpa", berkas=pdf)
    if args.versi and args.lke:
        raise ZiError("--versi hanya dipakai tanpa workbook LKE (versi LKE dibaca dari workbooknya)")
    if args.versi:
        load_rules(args.versi)


def run(args: argparse.Namespace) -> int:
    if args.buat_templat:
        if not args.output:
            raise ZiError("sebutkan berkas templat: --buat-templat -o teks-laporan.txt")
        tulis_templat(args.output)
        print(f"Templat teks laporan ditulis: {args.output}\nUbah kalimatnya (isian {{...}} diisi dari workbook), "
              f"lalu buat laporan dengan --templat {args.output}")
        return 0
    _periksa_opsi(args)
    tt = {k: getattr(args, k) for k in ("tempat", "tanggal", "jabatan", "nama", "nip") if getattr(args, k)}
    lap = kumpulkan(Semester(args.semester, args.tahun), folder=args.folder, lke=args.lke,
                    rencana_aksi=args.rencana_aksi, monev=args.monev, templat=args.templat, tanda_tangan=tt,
                    unit=args.unit, logo=args.logo, kertas=args.kertas, jawaban=args.jawaban, versi=args.versi,
                    kecuali=[args.output])
    if args.ketat and lap.peringatan:
        _lapor(args, lap, ditulis=False, pdf=None)
        print(f"GALAT: {len(lap.peringatan)} peringatan dan --ketat: laporan tidak ditulis", file=sys.stderr)
        return 1
    dok = tulis_laporan(lap, args.output)
    pdf = galat_pdf = None
    if args.pdf:
        try:
            pdf = cetak_pdf(dok, args.output)
        except ZiError as err:          # the .docx is written; say why the PDF is not
            galat_pdf = err
    _lapor(args, lap, ditulis=True, pdf=pdf)
    if galat_pdf is not None:
        print(f"GALAT: {galat_pdf}", file=sys.stderr)
        return 3
    return 0


def _lapor(args: argparse.Namespace, lap: Laporan, ditulis: bool, pdf: str | None) -> None:
    if args.json:
        print(json.dumps({"berkas": args.output if ditulis else None, "pdf": pdf, "ditulis": ditulis}
                         | lap.to_dict(), ensure_ascii=False, indent=2))
        return
    if ditulis:
        print(f"Laporan ditulis: {args.output} ({lap.semester.nama}, kertas {lap.kertas})")
        if pdf:
            print(f"PDF ditulis    : {pdf}")
    print(f"Unit kerja     : {lap.unit or '-'}")
    for k in JENIS:
        print(f"Workbook {NAMA_JENIS[k]:<13}: {lap.berkas.get(k) or 'tidak ada'}")
    if lap.lke is not None:
        print(f"Versi LKE      : {lap.rules.nama}")
    if lap.peringatan:
        where = " (juga pada halaman 'Catatan Pemeriksaan Data' di laporan)" if ditulis else ""
        print(f"\nPERINGATAN ({len(lap.peringatan)}){where}:")
        for p in lap.peringatan:
            print(f"  - {p}")
    else:
        print("\nTidak ada peringatan.")
