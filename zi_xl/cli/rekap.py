"""``zi-xl rekap FOLDER_ATAU_BERKAS… [-o REKAP.xlsx] [--json]``: every LKE found (folders searched recursively, any
layout and version) scored in parallel — one row per unit, the ranking, the proposal checklist, the files that could
not be read with their reason; a workbook with ``-o``."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from datetime import datetime

from tqdm import tqdm

from ..errors import ZiError
from ..lke.rules import VERSI
from ..periods import parse_tanggal
from ..rekap.reader import Opsi, cari_berkas, read_rekap
from ..rekap.usulan import Nilai, baca_tabel
from ..rekap.workbook import SHEET_GALAT, tulis_rekap
from ..teks import angka, potong
from .options import add_json, add_output

BANTUAN = "rekap banyak LKE (folder/berkas): peringkat, predikat, syarat usulan, berkas tak terbaca"


def register(p: argparse.ArgumentParser) -> None:
    p.description = ("Rekap LKE banyak unit: setiap LKE di folder (termasuk subfolder) atau berkas yang disebut "
                     "dihitung paralel; satu baris per unit (nama unit dari workbook), peringkat, predikat, syarat "
                     "yang belum terpenuhi, selisih unit − TPI, dan apakah unit dapat diusulkan (PermenPANRB 5/2024 "
                     "Tabel 5 dan pra-evaluasi 90/2021). Berkas yang tidak terbaca dicatat beserta alasannya; "
                     "pekerjaan tetap berlanjut.")
    p.add_argument("berkas", nargs="+", metavar="FOLDER_ATAU_BERKAS", help="folder dan/atau berkas LKE")
    add_output(p, "tulis workbook rekap ke BERKAS (.xlsx)", metavar="REKAP.xlsx")
    add_json(p)
    p.add_argument("--jawaban", default="unit", metavar="SUMBER",
                   help="sumber jawaban utama: 'unit' (bawaan), 'tpi', 'tpi itjen' … atau huruf kolomnya; berkas "
                        "tanpa sumber itu memakai jawaban unit (dicatat)")
    p.add_argument("--versi", choices=["auto", *VERSI], default="auto", help="versi LKE (bawaan: auto)")
    p.add_argument("--batas", metavar="BERKAS", help="berkas JSON batas predikat pengganti")
    p.add_argument("--proses", type=int, metavar="N", help="jumlah proses paralel (bawaan: jumlah CPU)")
    g = p.add_argument_group("syarat usulan (PermenPANRB 5/2024 Tabel 5)")
    g.add_argument("--syarat", metavar="BERKAS",
                   help="tabel syarat (.xlsx atau .csv): judul kolom seperti 'Unit kerja', 'Opini BPK', "
                        "'Predikat SAKIP', 'Indeks RB', 'Level maturitas SPIP', 'TLHP', 'Kepatuhan LHKPN', "
                        "'Mulai pembangunan ZI'; baris dengan unit '*' berlaku untuk semua unit")
    g.add_argument("--opini", metavar="OPINI", help="opini BPK instansi (WTP, WDP, TW, TMP)")
    g.add_argument("--sakip", metavar="PREDIKAT", help="predikat SAKIP instansi (AA, A, BB, B, CC, C, D)")
    g.add_argument("--indeks-rb", metavar="PREDIKAT", help="predikat indeks RB instansi (AA … D)")
    g.add_argument("--spip", metavar="LEVEL", help="level maturitas SPIP instansi (1–5)")
    g.add_argument("--jenis-instansi", choices=["pemda", "kl"],
                   help="pemda (pemerintah daerah) atau kl (kementerian/lembaga): menentukan batas indeks RB dan "
                        "jalur afirmasi")
    g.add_argument("--target", choices=["WBK", "WBBM"],
                   help="predikat yang diusulkan (bawaan: WBBM bila unit sudah WBK, selain itu WBK)")
    g.add_argument("--per", metavar="TTTT-BB-HH",
                   help="tanggal acuan syarat 'membangun ZI minimal satu tahun' (bawaan: hari ini)")


def sekarang() -> datetime:
    """The time printed on the rekap workbook and the default reference date (tests pin it)."""
    return datetime.now()


def _instansi(args: argparse.Namespace) -> dict[str, Nilai]:
    out = {}
    for kode, v, opt in (("opini_bpk", args.opini, "--opini"), ("sakip_instansi", args.sakip, "--sakip"),
                         ("indeks_rb", args.indeks_rb, "--indeks-rb"), ("spip", args.spip, "--spip"),
                         ("jenis_instansi", args.jenis_instansi, "--jenis-instansi")):
        if v:
            out[kode] = Nilai(v, f"opsi {opt}")
    return out


def _cetak(rekap, out) -> None:
    w = out.write
    w(f"{'No':>3}  {'Unit kerja':<34} {'Versi':<5} {'Sumber':<10} {'Total':>7}  {'Predikat':<14} Dapat diusulkan\n")
    w("-" * 96 + "\n")
    for b in rekap.baris:
        no = str(b.peringkat) if b.peringkat is not None else "-"
        total = angka(b.total) if not b.kosong else "-"
        dapat = b.usulan.dapat if b.usulan else "-"
        w(f"{no:>3}  {potong(b.unit, 34):<34} {b.versi:<5} {potong(b.label.replace('Jawaban ', ''), 10):<10} "
          f"{total:>7}  {b.predikat or 'belum diisi':<14} {dapat}\n")
    ri = rekap.ringkasan()
    w(f"\n{ri['terbaca']} unit dinilai; " + ", ".join(f"{k}: {v}" for k, v in ri["predikat"].items()) + "\n")
    if rekap.galat:
        w(f"\nBerkas tidak terbaca ({len(rekap.galat)}):\n")
        for g in rekap.galat:
            w(f"  - {g.berkas}: {g.pesan}\n")


def run(args: argparse.Namespace) -> int:
    out = args.output
    if out:
        if not out.lower().endswith(".xlsx"):
            raise ZiError("berkas rekap harus berakhiran .xlsx", berkas=out)
        if not os.path.isdir(os.path.dirname(os.path.abspath(out))):
            raise ZiError("folder tujuan tidak ada", berkas=out)
    if args.proses is not None and args.proses < 1:
        raise ZiError("--proses harus 1 atau lebih")
    waktu = sekarang()
    per = parse_tanggal(args.per, bawaan=waktu.date())
    opsi = Opsi(jawaban=args.jawaban, versi=args.versi, batas=args.batas,
                tabel=tuple(baca_tabel(args.syarat)) if args.syarat else (), instansi=_instansi(args),
                per=per, target=args.target)
    files = cari_berkas(args.berkas, kecuali=[out] if out else [])
    if not files:
        raise ZiError("tidak ada berkas .xlsx/.xlsm di " + ", ".join(args.berkas))
    bar = None
    if not args.json and sys.stderr.isatty():
        # the terminal's size as it says it (80×24 when it says 0×0, as a fresh pseudo-terminal does: tqdm
        # would then show nothing)
        size = shutil.get_terminal_size()
        tqdm.monitor_interval = 0          # no monitor thread: the worker processes are forked after the bar starts
        bar = tqdm(total=len(files), unit="berkas", desc="Menghitung", file=sys.stderr, leave=False,
                   ncols=size.columns, nrows=size.lines)
    try:
        rekap = read_rekap(files, opsi, proses=args.proses, kemajuan=bar.update if bar else None)
    finally:
        if bar is not None:
            bar.close()
    pesan = sys.stderr if args.json else sys.stdout
    if args.json:
        rekap.tulis_json(sys.stdout)
    elif not out:
        _cetak(rekap, sys.stdout)
    if out:
        tulis_rekap(rekap, out, waktu)
        print(f"Rekap {len(rekap.baris)} unit ditulis ke {out}"
              + (f"; {len(rekap.galat)} berkas tidak terbaca (sheet '{SHEET_GALAT}')" if rekap.galat else ""),
              file=pesan)
    return 0
