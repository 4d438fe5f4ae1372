"""``zi-xl portalrb BERKAS_ATAU_FOLDER… -o FOLDER``: the JSON PortalRB fetches, laid out as its endpoint paths
(``pengusulan/unit-wbk.json``, ``pengusulan/unit-wbbm.json``, ``lke/jawaban-unit/<unit_id>.json``), from one or many
LKE workbooks, every payload validated against the 2026 master before anything is written."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
from pathlib import Path

from ..errors import ZiError
from ..lke.portalrb import KATEGORI, jawaban_unit, pengusulan, soal_aturan, unit_untuk, validasi
from ..lke.rules import load_rules
from ..xlsx.book import Book

BANTUAN = "ekspor jawaban LKE dan daftar unit usulan ke JSON PortalRB (per endpoint)"


def register(p: argparse.ArgumentParser) -> None:
    p.description = ("Tulis JSON yang diambil PortalRB (GET /pengusulan/unit-wbk, /pengusulan/unit-wbbm, "
                     "/lke/jawaban-unit/{unit_id}) ke sebuah folder dengan susunan yang sama dengan jalur endpoint, "
                     "sehingga folder itu dapat disajikan oleh web server statis mana pun. Jawaban dikunci dengan "
                     "soal_id master soal 2026 dan diperiksa terhadap master sebelum ditulis.")
    p.add_argument("berkas", nargs="+", metavar="BERKAS", help="workbook LKE, atau folder berisi workbook LKE")
    p.add_argument("-o", "--output", required=True, metavar="FOLDER", help="folder keluaran")
    p.add_argument("--unit", metavar="CSV",
                   help="berkas CSV dengan kolom berkas,id,nama,kategori,afirmasi (satu baris per workbook)")
    p.add_argument("--unit-id", help="ID unit (hanya untuk satu workbook)")
    p.add_argument("--nama-unit", help="nama unit (hanya untuk satu workbook)")
    p.add_argument("--kategori", choices=KATEGORI, help="kategori usulan (hanya untuk satu workbook)")
    p.add_argument("--afirmasi", action="store_true", default=None, help="unit jalur afirmasi")
    p.add_argument("--tahun", type=int, metavar="TTTT", help="tahun evaluasi (bawaan: tahun master soal, 2026)")
    p.add_argument("--timpa", action="store_true", help="boleh menimpa berkas JSON yang sudah ada di FOLDER")


def _workbooks(items: list[str]) -> list[str]:
    out = []
    for item in items:
        if os.path.isdir(item):
            found = sorted(str(p) for p in Path(item).rglob("*") if p.suffix.lower() in (".xlsx", ".xlsm")
                           and not p.name.startswith(("~$", ".~")))
            if not found:
                raise ZiError("folder tidak berisi workbook .xlsx/.xlsm", berkas=item)
            out += found
        else:
            out.append(item)
    return out


def _csv(path: str) -> dict[str, dict]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError:
        raise ZiError("berkas CSV unit tidak ditemukan", berkas=path) from None
    out = {}
    for i, row in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if not row.get("berkas"):
            raise ZiError(f"baris {i}: kolom 'berkas' kosong", berkas=path)
        if row.get("afirmasi"):
            row["afirmasi"] = row["afirmasi"].lower() in ("ya", "y", "true", "1")
        out[os.path.basename(row["berkas"])] = row
    return out


def run(args: argparse.Namespace) -> int:
    files = _workbooks(args.berkas)
    single = {"id": args.unit_id, "nama": args.nama_unit, "kategori": args.kategori, "afirmasi": args.afirmasi}
    if len(files) > 1 and any(v is not None for v in single.values()):
        raise ZiError("--unit-id/--nama-unit/--kategori/--afirmasi hanya untuk satu workbook; untuk banyak "
                      "workbook pakai --unit CSV")
    per_file = _csv(args.unit) if args.unit else {}
    tahun = args.tahun or int(load_rules("2026").sumber.get("master_tahun") or 2026)
    payloads, units = {}, []
    for f in files:
        book = Book.open(f)
        given = per_file.get(os.path.basename(f), single if len(files) == 1 else {})
        unit = unit_untuk(book.grids, book.berkas, given)
        if unit.id in payloads:
            raise ZiError(f"ID unit '{unit.id}' dipakai dua workbook; beri ID lewat --unit CSV", berkas=f)
        ju = jawaban_unit(book.grids, book.berkas, unit, tahun)
        payloads[unit.id] = ju.to_dict()
        units.append(unit)
    soal = soal_aturan()
    for uid, payload in payloads.items():
        errors = validasi(payload, soal)
        if errors:
            raise ZiError("jawaban tidak sesuai master soal: " + "; ".join(errors[:5]), berkas=uid)
    out = Path(args.output)
    targets = {out / "pengusulan" / f"{k}.json": v for k, v in pengusulan(units, tahun).items()}
    targets |= {out / "lke" / "jawaban-unit" / f"{uid}.json": p for uid, p in payloads.items()}
    existing = [str(t) for t in targets if t.exists()]
    if existing and not args.timpa:
        raise ZiError(f"{len(existing)} berkas JSON sudah ada (mis. {existing[0]}); pakai --timpa untuk menimpanya",
                      berkas=str(out))
    for target, data in targets.items():
        _tulis_json(target, data)
    print(f"PortalRB: {len(units)} unit ({sum(u.kategori != 'WBBM' for u in units)} WBK, "
          f"{sum(u.kategori == 'WBBM' for u in units)} WBBM) ditulis ke {out}", file=sys.stdout)
    for u in units:
        print(f"  - {u.id}: {u.nama} [{u.kategori}] → lke/jawaban-unit/{u.id}.json")
    return 0


def _tulis_json(target: Path, data: dict) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".~zi-xl-", suffix=".json", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2, allow_nan=False)
            fh.write("\n")
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
