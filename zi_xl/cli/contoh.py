"""``zi-xl contoh [FOLDER]``: write the bundled examples into a folder and run the main jobs on them — the LKE of an
example unit (scored), the LKE templates 2021/2019, the seed's rencana aksi (status) and the seed's monev (its ledger,
linked to that rencana aksi) — and the semester report (Word) written from those three workbooks."""

from __future__ import annotations

import argparse
import os
from datetime import date

from ..laporan import Semester, buat_laporan
from ..lke.contoh import jawaban_contoh
from ..lke.reader import read_lke
from ..lke.templat import tulis_templat_lke
from ..monev.perbarui import status_monev
from ..monev.seed import NAMA_CONTOH as NAMA_MONEV
from ..monev.seed import seed_data as monev_seed_data
from ..monev.seed import tulis_contoh as tulis_contoh_monev
from ..rencana_aksi.reader import read_rencana_aksi
from ..rencana_aksi.seed import NAMA_CONTOH, rencana_aksi_seed, tulis_contoh
from ..xlsx.book import Book
from .cetak import cetak_hasil, cetak_status
from .monev import cetak_monev

BANTUAN = "tulis workbook contoh ke sebuah folder lalu hitung/periksa"


def register(p: argparse.ArgumentParser) -> None:
    p.description = ("Tulis workbook contoh (LKE unit contoh, templat LKE, rencana aksi dan monev seed) lalu jalankan, "
                     "termasuk laporan monev semester (Word) dari workbook itu.")
    p.add_argument("folder", nargs="?", default="contoh-zi", help="folder tujuan (bawaan: contoh-zi)")


def run(args: argparse.Namespace) -> int:
    folder = args.folder
    os.makedirs(folder, exist_ok=True)
    lke = os.path.join(folder, "contoh-lke-2021.xlsx")
    # the same unit as the rencana aksi and monev examples (the seed's), so the semester report reads one unit
    tulis_templat_lke(lke, versi="2021", jawaban=jawaban_contoh("2021"), unit=rencana_aksi_seed().unit)
    for versi in ("2021", "2019"):
        tulis_templat_lke(os.path.join(folder, f"templat-lke-{versi}.xlsx"), versi=versi)
    print(f"== Hitung Nilai: {lke}")
    cetak_hasil(read_lke(lke))
    print()
    ra_path = os.path.join(folder, NAMA_CONTOH)
    tulis_contoh(ra_path)
    print("Contoh rencana aksi (BAB III seed Disdukcapil Padang Pariaman 2022; realisasi ilustrasi):")
    cetak_status(read_rencana_aksi(ra_path), rinci=False)  # read back: the rows printed are the workbook's rows
    print()
    monev_path = os.path.join(folder, NAMA_MONEV)
    tulis_contoh_monev(monev_path)
    print("Contoh monev (BAB IV–V seed; tertaut ke rencana aksi contoh; status tindak lanjut ilustrasi):")
    book = Book.open(monev_path)
    per = date.fromisoformat(monev_seed_data()["contoh"]["per_ringkasan"])
    cetak_monev(status_monev(book.grids, book.berkas, hari_ini=per, per=per), rinci=False)
    print()
    laporan = os.path.join(folder, "laporan-monev-semester-1-2022.docx")
    lap = buat_laporan(Semester(1, 2022), laporan, folder=folder)
    print(f"Laporan monev semester (Word) dari ketiga workbook di atas: {laporan}"
          + (f" ({len(lap.peringatan)} peringatan, tercantum di dalam laporan)" if lap.peringatan else ""))
    print()
    print("Berkas contoh ditulis ke", os.path.abspath(folder) + ":")
    for f in sorted(os.listdir(folder)):
        print("  -", f)
    return 0
