"""``zi-xl monev status BERKAS`` and ``zi-xl monev perbarui BERKAS_ATAU_FOLDER… --bulan TTTT-BB``.

``status``: the ledger as read — per month the meeting and the masukan raised/closed/open, the open masukan, the
suggested LKE answers and the warnings (``--json``: keys ``berkas``, ``bulan``, ``masukan``, ``peringatan``,
``saran_lke``). ``perbarui``: the new month's sheet with every open masukan carried forward and "Ringkasan Monev",
written in place (backup ``BERKAS.bak``) or, for one workbook, to ``-o``; for many workbooks (several paths or a
folder) each is written in place and ``-o`` is the recap workbook. One workbook's error is reported and the others
carry on; a progress bar shows on a terminal.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from typing import TextIO

from tqdm import tqdm

from ..errors import GagalMenulis, SheetTidakDitemukan, ZiError, galat_dari
from ..monev import bulan as bl
from ..monev.model import Monev
from ..monev.perbarui import cek_bulan, muat_rencana_aksi, rencanakan, ringkas_hasil, status_monev
from ..monev.reader import SHEET_RINGKASAN
from ..monev.ringkasan import keseluruhan, per_bulan, tanpa_bulan
from ..monev.workbook import tulis_rekap
from ..periods import parse_tanggal
from ..teks import angka, potong, tanggal_pendek
from ..xlsx.book import Book
from .options import add_json, add_output

BANTUAN = "monev: status buku tindak lanjut, dan perbarui sheet bulan baru (satu atau banyak workbook)"
EKSTENSI = (".xlsx", ".xlsm")


def hari_ini() -> date:
    """"Today" for the rencana aksi snapshot and the suggestions (tests pin it, or pass --per)."""
    return date.today()


def register(p: argparse.ArgumentParser) -> None:
    p.description = ("Monitoring dan evaluasi (monev) Zona Integritas: satu sheet per bulan (rapat, masukan "
                     "perbaikan baru, tindak lanjut masukan yang belum selesai).")
    sub = p.add_subparsers(dest="sub", metavar="SUB-PERINTAH", title="sub-perintah", parser_class=type(p))
    sub.required = True
    s = sub.add_parser("status", help="buku tindak lanjut seperti terbaca: per bulan, masukan terbuka, saran LKE, "
                                      "peringatan", description="Baca workbook monev (tata letak apa pun dengan judul "
                                      "kolom Masukan Perbaikan/Uraian atau Tindak Lanjut) dan tampilkan buku tindak "
                                      "lanjutnya.")
    s.add_argument("berkas", help="workbook monev (.xlsx/.xlsm)")
    add_json(s)
    _common(s)
    u = sub.add_parser("perbarui", help="tambah sheet bulan baru (masukan terbuka dibawa) dan perbarui "
                                        "'Ringkasan Monev'",
                       description="Tambah sheet bulan --bulan (semua masukan yang belum selesai dibawa: bulan asal, "
                                   "umur, tindak lanjut terakhir; tempat masukan baru; cuplikan rencana aksi) dan "
                                   f"perbarui sheet '{SHEET_RINGKASAN}'. Isi lain workbook tidak diubah; sheet bulan "
                                   "yang sudah ada tidak ditimpa; menjalankannya dua kali tidak mengubah apa pun.")
    u.add_argument("berkas", nargs="+", metavar="BERKAS_ATAU_FOLDER",
                   help="workbook monev, atau folder berisi workbook monev (.xlsx/.xlsm; tanpa subfolder)")
    u.add_argument("--bulan", required=True, metavar="TTTT-BB", help="bulan yang diperbarui, mis. 2022-06")
    add_output(u, "satu workbook: tulis salinan yang diperbarui ke BERKAS (berkas asli tidak diubah). Banyak "
                  "workbook (beberapa berkas atau folder): tiap workbook diperbarui di tempat dan BERKAS ini "
                  "menjadi workbook rekap (.xlsx)")
    u.add_argument("--cadangan", metavar="FOLDER",
                   help="simpan cadangan berwaktu di folder ini (bawaan: BERKAS.bak di samping berkas)")
    add_json(u)
    _common(u)


def run(args: argparse.Namespace) -> int:
    return {"status": run_status, "perbarui": run_perbarui}[args.sub](args)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rencana-aksi", metavar="BERKAS",
                   help="workbook rencana aksi untuk cuplikan dan saran soal 6/92 (bawaan: 'Berkas rencana aksi' di "
                        "sheet 'Pengaturan Monev')")
    p.add_argument("--per", metavar="TTTT-BB-HH",
                   help="tanggal acuan pengganti hari ini (cuplikan dan status rencana aksi), mis. 2022-06-30")
    p.add_argument("--tahun", type=int, metavar="TTTT", help="tahun untuk nama bulan yang ditulis tanpa tahun")


def _hari(args) -> date:
    return parse_tanggal(args.per) if args.per else hari_ini()


# --------------------------------------------------------------------------------------------- status
def run_status(args: argparse.Namespace) -> int:
    book = Book.open(args.berkas)
    per = parse_tanggal(args.per) if args.per else None
    monev = status_monev(book.grids, book.berkas, hari_ini=hari_ini(), per=per, rencana_aksi=args.rencana_aksi,
                         tahun=args.tahun)
    if args.json:
        print(monev.to_json())
    else:
        cetak_monev(monev)
    return 0


def _pct(x: float | None) -> str:
    return "-" if x is None else angka(x, 1) + "%"


def cetak_monev(monev: Monev, out: TextIO | None = None, rinci: bool = True) -> None:
    """The ledger as a report: months, totals, open masukan, suggested LKE answers, warnings."""
    w = (out or sys.stdout).write
    rows = per_bulan(monev)
    tot = keseluruhan(monev)
    w(f"Monev: {monev.berkas or '-'}\nUnit kerja: {monev.unit or '-'}\n")
    if rows:
        w(f"Bulan: {bl.nama(rows[0]['bulan'])} s.d. {bl.nama(rows[-1]['bulan'])} ({tot['bulan']} bulan, "
          f"{tot['bulan_rapat']} dengan rapat)\n")
    ra = monev.rencana_aksi
    w(f"Rencana aksi: {os.path.basename(ra.berkas or '-')} per {tanggal_pendek(ra.per)}\n" if ra is not None
      else "Rencana aksi: tidak ditautkan\n")
    w(f"\n{'Bulan':<20}{'Tgl rapat':<12}{'Masukan':>8}{'Ditutup':>8}{'Terbuka':>8}{'% TL':>8}  Pimpinan\n")
    extra = tanpa_bulan(monev)
    for r in rows + ([extra] if extra else []):
        label = bl.nama(r["bulan"]) if bl.sah(r["bulan"]) else r["bulan"]
        tgl = tanggal_pendek(r["tanggal_rapat"]) if r.get("tanggal_rapat") else "-"
        w(f"{label:<20}{tgl:<12}{r['jumlah_masukan']:>8}{r['ditutup']:>8}{r['terbuka']:>8}"
          f"{_pct(r['persen_ditindaklanjuti']):>8}  {potong(r.get('pimpinan') or '-', 30)}\n")
    w(f"{'KESELURUHAN':<32}{tot['jumlah_masukan']:>8}{tot['ditutup']:>8}{tot['terbuka']:>8}"
      f"{_pct(tot['persen_ditindaklanjuti']):>8}\n")
    w("Bulan tanpa rapat: " + (", ".join(bl.nama(b) for b in tot["bulan_tanpa_rapat"]) or "tidak ada") + "\n")
    terbuka = monev.terbuka()
    last = monev.bulan_terakhir
    w(f"\nMasukan terbuka: {len(terbuka)}\n")
    if rinci:
        for m in terbuka:
            asal = bl.nama(m.bulan_asal) if m.bulan_asal else (m.asal_teks or "-")
            umur = m.umur(last) if last else None
            w(f"  - {m.id} [{asal}{f', {umur} bln' if umur is not None else ''}; {m.status}] "
              f"{potong(m.masukan, 60)}" + (f" — terakhir: {potong(m.tindak_lanjut, 40)}" if m.tindak_lanjut else "")
              + "\n")
    w("\nSaran jawaban LKE (hanya saran; tidak ditulis ke LKE):\n")
    for s in monev.saran:
        w(f"  Soal {s.soal_id:>3}: {s.jawaban or '-'} — {s.alasan}\n")
    w(f"\nPeringatan: {len(monev.peringatan)}\n")
    for p in monev.peringatan if rinci else monev.peringatan[:3]:
        w(f"  - {p}\n")
    if not rinci and len(monev.peringatan) > 3:
        w(f"  … dan {len(monev.peringatan) - 3} lainnya (zi-xl monev status BERKAS)\n")


# --------------------------------------------------------------------------------------------- perbarui
def daftar_berkas(paths: list[str], kecuali: str | None = None) -> list[str]:
    """The workbooks named: files as given, folders' .xlsx/.xlsm (sorted, no subfolders; Excel's lock files
    '~$…' and our temporary files left out, and the recap file ``kecuali``)."""
    out: list[str] = []
    skip = os.path.abspath(kecuali) if kecuali else None
    for p in paths:
        if os.path.isdir(p):
            for n in sorted(os.listdir(p)):
                full = os.path.join(p, n)
                if (n.lower().endswith(EKSTENSI) and not n.startswith(("~$", ".~")) and os.path.isfile(full)
                        and os.path.abspath(full) != skip):
                    out.append(full)
        else:
            out.append(p)
    seen: set[str] = set()                   # a file named and also found in a named folder: once
    return [p for p in out if not (os.path.abspath(p) in seen or seen.add(os.path.abspath(p)))]


def _satu(path: str, args, hari: date, output: str | None) -> dict:
    """Update one workbook; the recap row. Raises ZiError for the user's problems."""
    book = Book.open(path)
    warns = []
    ra = muat_rencana_aksi(book.berkas, book.grids, args.rencana_aksi, warns)
    plan = rencanakan(book.grids, book.berkas, args.bulan, hari_ini=hari, rencana_aksi=ra, tahun=args.tahun,
                      ingat_rencana_aksi=args.rencana_aksi if args.rencana_aksi else None, peringatan=warns)
    row = {"berkas": path, "hasil": "diperbarui" if plan.edits else "tidak berubah", "sheet": plan.sheet,
           "sheet_baru": plan.sheet_baru, "dibawa": len(plan.dibawa), "ringkasan_diperbarui": plan.ringkasan_baru,
           "ditulis_ke": None, "cadangan": None, "pesan": None} | ringkas_hasil(plan.monev)
    row["saran_lke"] = {str(s.soal_id): s.jawaban for s in plan.monev.saran}
    if plan.edits or output:
        t = book.apply(plan.edits, output=output, cadangan=args.cadangan)
        row["ditulis_ke"], row["cadangan"] = t.berkas, t.cadangan
    return row


def _galat(path: str, err: BaseException) -> dict:
    if not isinstance(err, ZiError):
        err = galat_dari(err, path)
    where = err.lokasi()
    return {"berkas": path, "hasil": "galat", "pesan": (f"{where}: " if where else "") + err.pesan,
            "kode": err.exit_code}


def run_perbarui(args: argparse.Namespace) -> int:
    args.bulan = cek_bulan(args.bulan)
    hari = _hari(args)
    batch = len(args.berkas) > 1 or any(os.path.isdir(p) for p in args.berkas)
    if not batch:
        path = args.berkas[0]
        if args.output and os.path.abspath(args.output) == os.path.abspath(path):
            raise GagalMenulis("berkas keluaran sama dengan berkas masukan; tanpa -o workbook ini sendiri yang "
                               "diperbarui (berkas asli disimpan sebagai cadangan)", berkas=args.output)
        row = _satu(path, args, hari, args.output)
        if args.json:
            print(json.dumps(_json([row], args.bulan, None), ensure_ascii=False, indent=2))
        else:
            _cetak_satu(row, args.bulan)
        return 0
    if args.output and not args.output.lower().endswith(".xlsx"):
        raise ZiError("dengan banyak workbook, -o adalah workbook rekap dan harus berakhiran .xlsx",
                      berkas=args.output)
    paths = daftar_berkas(args.berkas, args.output)
    if not paths:
        raise ZiError("tidak ada workbook .xlsx/.xlsm di " + ", ".join(args.berkas))
    rows, dilewati = _batch(paths, args, hari)
    if not rows:
        raise ZiError("tidak ada workbook monev di " + ", ".join(args.berkas) + f" ({len(dilewati)} workbook lain "
                      "dilewati: rencana aksi, LKE …)")
    rekap = tulis_rekap(args.output, rows, args.bulan) if args.output else None
    if args.json:
        print(json.dumps(_json(rows, args.bulan, rekap) | {"dilewati": dilewati}, ensure_ascii=False, indent=2))
    else:
        cetak_rekap(rows, args.bulan, rekap)
        if dilewati:
            print(f"\nDilewati (bukan workbook monev): {', '.join(os.path.basename(p) for p in dilewati)}")
    gagal = sum(r["hasil"] == "galat" for r in rows)
    if gagal and not args.json:
        print(f"GALAT: {gagal} dari {len(rows)} workbook gagal diperbarui (lihat daftar 'Gagal' di atas); "
              "berkas aslinya tidak diubah", file=sys.stderr)
    return max((r.get("kode", 0) for r in rows), default=0)


def _batch(paths: list[str], args, hari: date) -> tuple[list[dict], list[str]]:
    """Every workbook updated (a row each), and the workbooks found in a folder that are not monev workbooks (a unit
    keeps its LKE and rencana aksi beside its monev: skipped, not failed). A workbook named explicitly must be one."""
    diberi = {os.path.abspath(p) for p in args.berkas}
    dilewati: list[str] = []
    rows = []
    bar = tqdm(paths, desc=f"Perbarui monev {bl.nama(args.bulan)}", unit="berkas", file=sys.stderr,
               disable=not sys.stderr.isatty(), dynamic_ncols=True)
    for path in bar:
        bar.set_postfix_str(potong(os.path.basename(path), 30))
        try:
            rows.append(_satu(path, args, hari, None))
        except KeyboardInterrupt:
            raise
        except SheetTidakDitemukan as err:
            if os.path.abspath(path) in diberi:
                rows.append(_galat(path, err))
            else:
                dilewati.append(path)
        except Exception as err:  # one workbook's problem: reported, the others carry on
            rows.append(_galat(path, err))
    bar.close()
    return rows, dilewati


def _json(rows: list[dict], bulan: str, rekap: str | None) -> dict:
    return {"bulan": bulan, "hasil": rows,
            "ringkas": {"jumlah": len(rows), "diperbarui": sum(r["hasil"] == "diperbarui" for r in rows),
                        "tidak_berubah": sum(r["hasil"] == "tidak berubah" for r in rows),
                        "galat": sum(r["hasil"] == "galat" for r in rows)},
            "rekap": rekap}


def _cetak_satu(row: dict, bulan: str) -> None:
    w = sys.stdout.write
    if row["sheet_baru"]:
        w(f"Monev {bl.nama(bulan)}: sheet '{row['sheet']}' ditambahkan, {row['dibawa']} masukan terbuka dibawa")
        w(f"; sheet '{SHEET_RINGKASAN}' diperbarui.\n" if row["ringkasan_diperbarui"] else ".\n")
    elif row["ringkasan_diperbarui"]:
        w(f"Monev {bl.nama(bulan)}: sheet '{row['sheet']}' sudah ada (tidak diubah); sheet '{SHEET_RINGKASAN}' "
          "diperbarui.\n")
    else:
        w(f"Tidak ada yang berubah: sheet '{row['sheet']}' sudah ada dan '{SHEET_RINGKASAN}' sudah terbaru.\n")
    if row["ditulis_ke"]:
        w(f"Ditulis ke {row['ditulis_ke']}" + (f"; cadangan berkas asli: {row['cadangan']}" if row["cadangan"]
                                                else "") + "\n")
    w(f"Masukan {row['masukan']}: {row['ditutup']} ditutup, {row['terbuka']} masih terbuka "
      f"({_pct(row['persen_ditindaklanjuti'])} ditindaklanjuti)"
      + (f"; aksi terlambat {row['aksi_terlambat']}" if row["aksi_terlambat"] is not None else "") + "\n")
    w("Saran LKE: " + ", ".join(f"soal {k} {v or '-'}" for k, v in row["saran_lke"].items())
      + f"; peringatan: {row['peringatan']} (rincian: zi-xl monev status BERKAS)\n")


def cetak_rekap(rows: list[dict], bulan: str, rekap: str | None, out: TextIO | None = None) -> None:
    w = (out or sys.stdout).write
    ok = [r for r in rows if r["hasil"] != "galat"]
    bad = [r for r in rows if r["hasil"] == "galat"]
    w(f"Perbarui monev {bl.nama(bulan)}: {len(rows)} workbook — "
      f"{sum(r['hasil'] == 'diperbarui' for r in rows)} diperbarui, "
      f"{sum(r['hasil'] == 'tidak berubah' for r in rows)} tidak berubah, {len(bad)} gagal\n\n")
    w(f"{'No':>3}  {'Berkas':<28} {'Unit':<26} {'Hasil':<14}{'Terbuka':>8}{'% TL':>8}{'Terlambat':>10}\n")
    for i, r in enumerate(rows, start=1):
        name = potong(os.path.basename(r["berkas"]), 28)
        if r["hasil"] == "galat":
            w(f"{i:>3}  {name:<28} {'-':<26} {'GAGAL':<14}\n")
            continue
        late = "-" if r["aksi_terlambat"] is None else str(r["aksi_terlambat"])
        w(f"{i:>3}  {name:<28} {potong(r['unit'] or '-', 26):<26} {r['hasil']:<14}{r['terbuka']:>8}"
          f"{_pct(r['persen_ditindaklanjuti']):>8}{late:>10}\n")
    if ok:
        n = sum(r["masukan"] for r in ok)
        closed = sum(r["ditutup"] for r in ok)
        w(f"\nSemua unit: {n} masukan, {closed} ditutup, {n - closed} masih terbuka "
          f"({_pct(100 * closed / n if n else None)} ditindaklanjuti)\n")
    if bad:
        w(f"\nGagal ({len(bad)}; berkas aslinya tidak diubah):\n")
        for r in bad:
            w(f"  - {r['berkas']}: {r['pesan']}\n")
    if rekap:
        w(f"\nRekap ditulis ke {rekap}\n")
