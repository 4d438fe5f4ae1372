"""CLI for rencana aksi: ``zi-xl status``, ``zi-xl templat rencana-aksi`` and the rencana aksi part of
``zi-xl contoh``. Messages in Bahasa Indonesia; bad input raises :class:`zi_xl.errors.ZiError`."""

from __future__ import annotations

import argparse
import os
import sys

from ..errors import ZiError

_SINGKAT = {"Manajemen Perubahan": "MP", "Penataan Tatalaksana": "PT", "Penataan Sistem Manajemen SDM": "SDM",
            "Penguatan Akuntabilitas Kinerja": "AK", "Penguatan Pengawasan": "PW",
            "Peningkatan Kualitas Pelayanan Publik": "PP"}


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``status`` to the ``zi-xl`` sub-commands."""
    p = sub.add_parser(
        "status", help="status rencana aksi: terlambat, jatuh tempo bulan ini, selesai … per area",
        description="Baca workbook rencana aksi (tata letak apa pun dengan judul kolom Langkah Aksi dan "
                    "Target Waktu atau sinonimnya), hitung tenggat dari TARGET WAKTU, lalu status tiap langkah "
                    "aksi dan ringkasan per area perubahan.")
    p.add_argument("berkas", help="workbook rencana aksi (.xlsx/.xlsm)")
    p.add_argument("--per", metavar="TTTT-BB-HH",
                   help="tanggal acuan (bawaan: tanggal acuan tetap di workbook, atau hari ini)")
    p.add_argument("--json", action="store_true", help="keluaran JSON (satu objek) di stdout")
    p.add_argument("-o", "--output", metavar="BERKAS",
                   help="tulis workbook BARU berisi data, kolom status (rumus hidup) dan sheet ringkasan; "
                        "dengan --tulis: salinan workbook ini (utuh) dengan status, berkas asli tidak diubah")
    p.add_argument("--tulis", action="store_true",
                   help="tulis status ke workbook ini sendiri: kolom 'ZI-XL TENGGAT' dan 'ZI-XL STATUS' di kanan "
                        "tabel dan sheet 'Ringkasan Rencana Aksi'; isi lain tidak diubah, cadangan BERKAS.bak")
    p.add_argument("--cadangan", metavar="FOLDER", help="dengan --tulis: folder cadangan berwaktu")
    p.add_argument("--sheet", help="baca hanya sheet ini (bawaan: semua sheet yang berisi rencana aksi)")
    p.add_argument("--tahun", type=int, metavar="TTTT",
                   help="tahun untuk target waktu tanpa tahun (bawaan: tahun dokumen)")
    p.set_defaults(func=cmd_status)


def cmd_status(args) -> int:
    from .reader import read_rencana_aksi

    if args.tulis:
        from .tulis import tulis_status

        ra, t = tulis_status(args.berkas, per=args.per, output=args.output, cadangan=args.cadangan,
                             sheet=args.sheet, tahun=args.tahun)
        if args.json:
            print(ra.to_json())
        else:
            cetak_status(ra)
            print("\nTidak ada yang perlu ditulis: STATUS workbook ini dihitung rumus Excel sendiri" if t is None else
                  f"\nStatus ditulis ke {t.berkas}" + (f"; cadangan berkas asli: {t.cadangan}" if t.cadangan else ""))
        return 0
    ra = read_rencana_aksi(args.berkas, per=args.per, sheet=args.sheet, tahun=args.tahun)
    if args.output:
        _refuse_in_place(args.berkas, args.output)
        _check_output(args.output)
        ra.to_excel(args.output)
    if args.json:
        print(ra.to_json())
    else:
        cetak_status(ra)
        if args.output:
            print(f"\nWorkbook baru ditulis: {args.output}")
    return 0


def _refuse_in_place(src: str, out: str) -> None:
    if os.path.abspath(src) == os.path.abspath(out) or (
            os.path.exists(out) and os.path.samefile(src, out)):
        raise ZiError("berkas keluaran sama dengan berkas masukan; tulis ke berkas baru (menulis langsung ke "
                      "workbook pengguna belum didukung)", berkas=out)
    if not out.lower().endswith(".xlsx"):
        raise ZiError("berkas keluaran harus berakhiran .xlsx", berkas=out)


def _cut(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _tgl(d) -> str:
    return d.strftime("%d/%m/%Y") if d else "-"


def cetak_status(ra, out=None, rinci: bool = True) -> None:
    """Print the status table and the overdue list (when ``rinci``) and the summary per area."""
    from .status import KUNCI, STATUS

    out = out or sys.stdout
    w = out.write
    w(f"Rencana aksi: {ra.berkas or '-'}\nTanggal acuan: {_tgl(ra.per)}   Jumlah langkah aksi: {len(ra)}\n")
    if rinci:
        w(f"\n{'Baris':>5}  {'Area':<4} {'Langkah aksi':<44} {'Target waktu':<26} {'Tenggat':<10}  Status\n")
        for a in ra.aksi:
            tenggat = "berulang" if a.berulang else _tgl(a.tenggat)
            w(f"{a.baris:>5}  {_SINGKAT.get(a.area or '', '-'):<4} {_cut(a.langkah_aksi, 44):<44} "
              f"{_cut(a.target_waktu or '-', 26):<26} {tenggat:<10}  {a.status}\n")
    data = ra.ringkasan()
    singkat = ["Sls", "Tlb", "JT", "Jln", "BM", "Bkl", "TT"]
    w(f"\n{'Area perubahan':<40}{'Jml':>5}" + "".join(f"{s:>5}" for s in singkat) + "  % selesai\n")
    for row in [*data["area"], {"area": "KESELURUHAN"} | data["keseluruhan"]]:
        w(f"{_cut(row['area'], 39):<40}{row['jumlah']:>5}" + "".join(f"{row[KUNCI[s]]:>5}" for s in STATUS)
          + f"  {row['persen_selesai']:>8.1f}%\n")
    w("(" + ", ".join(f"{k} = {s}" for k, s in zip(singkat, STATUS, strict=True)) + ")\n")
    late = data["terlambat"]
    w(f"\nAksi terlambat: {len(late)}\n")
    if not rinci:
        if late:
            w("  (daftarnya: sheet 'Ringkasan Rencana Aksi', atau perintah 'zi-xl status BERKAS')\n")
        return
    for t in late:
        w(f"  - baris {t['baris']} [{_SINGKAT.get(t['area'] or '', '-')}] {_cut(t['langkah_aksi'], 60)} "
          f"(tenggat {_tgl_iso(t['tenggat'])}; PJ: {t['penanggung_jawab'] or '-'})\n")
    n_warn = sum(1 for a in ra.aksi if a.peringatan)
    if n_warn:
        w(f"\nPeringatan pada {n_warn} baris (rincian: --json), mis. baris {_first_warning(ra)}\n")


def _tgl_iso(s: str | None) -> str:
    from datetime import date

    return _tgl(date.fromisoformat(s)) if s else "-"


def _first_warning(ra) -> str:
    a = next(a for a in ra.aksi if a.peringatan)
    return f"{a.baris}: {a.peringatan[0]}"


def templat(path: str) -> int:
    """``zi-xl templat rencana-aksi -o PATH``."""
    from .seed import tulis_templat

    _check_output(path)
    tulis_templat(path)
    print(f"Templat rencana aksi ditulis: {path}")
    return 0


def contoh(folder: str) -> list[str]:
    """Write the seed example workbook into ``folder`` and print its short status table."""
    from .reader import read_rencana_aksi
    from .seed import NAMA_CONTOH, tulis_contoh

    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, NAMA_CONTOH)
    tulis_contoh(path)
    ra = read_rencana_aksi(path)  # read back: the rows printed are the workbook's rows
    print("Contoh rencana aksi (BAB III seed Disdukcapil Padang Pariaman 2022; realisasi ilustrasi):")
    cetak_status(ra, rinci=False)
    return [path]


def _check_output(path: str) -> None:
    if not str(path).lower().endswith(".xlsx"):
        raise ZiError("berkas keluaran harus berakhiran .xlsx", berkas=str(path))
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise ZiError("folder tujuan tidak ada", berkas=str(path))
