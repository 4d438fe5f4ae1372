"""A folder of generated unit LKE workbooks for the rekap tests: several layouts and versions, several answer sources,
unit names and proposal fields written in the workbooks, and broken files — each with what the rekap must say.

Layouts: PortalRB's 2026 sheet "Jawaban" with the variants real institutions make (letters swapped, rows swapped,
the LHKPN pair flat, Hasil coded "-", the answer block reordered, a third source "Jawaban TPI Itjen"), each with a
small "Profil" sheet (unit name, Tabel 5 fields); the official-style template of 2019, 2021 and 2023 (unit name in
its title); copies of the official 90/2021 workbook with some answers changed through the Book seam. Broken: a
truncated zip, text named .xlsx, an empty file, an old .xls, an encrypted-looking file, a rencana aksi workbook (no
LKE sheet), an LKE whose header row lost its "Bobot" column. An Office lock file ("~$…") must be skipped.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from tests.support import REF_LKE, WORKBOOKS
from tests.support.jawaban import RULES, tulis_jawaban
from tests.support.lke_answers import varied_answers
from zi_xl.lke.rules import load_rules
from zi_xl.lke.templat import tulis_templat_lke
from zi_xl.xlsx.book import Book
from zi_xl.xlsx.edits import SetCell

VARIAN = [{}, {"tukar_huruf": {"A.I.1.i", "A.II.2.ii"}}, {"tukar_baris": {"A.I.6.v": (1, 2)}}, {"lhkpn": "datar"},
          {"kode_hasil": "-"}, {"urutan": "NQKLM"}, {"itjen": True}]
KABUPATEN = ("Kabupaten Tanah Datar", "Kota Padang", "Kabupaten Agam", "Provinsi Sumatera Barat")
JENIS_UNIT = ("Dinas Kependudukan dan Catatan Sipil", "RSUD", "Kecamatan", "Dinas Pendidikan", "Bagian Umum",
              "DPMPTSP", "Puskesmas", "Dinas Tenaga Kerja", "Kantor SAMSAT", "Kelurahan")


@dataclass
class Korpus:
    root: Path
    good: dict[str, str] = field(default_factory=dict)       # path → unit name the rekap must show
    broken: dict[str, str] = field(default_factory=dict)     # path → words its reason must contain
    skipped: list[str] = field(default_factory=list)


def _clean(ans: dict) -> dict:
    return {k: v for k, v in ans.items() if v is not None}


def _jawaban_2026(path: str, seed: int, varian: dict, unit: str, tpi: bool) -> None:
    v = dict(varian)
    sumber = []
    if v.pop("itjen", False):
        sumber = [("Jawaban TPI Itjen", varied_answers(RULES, seed + 5000), True)]
    tulis_jawaban(Path(path), varied_answers(RULES, seed), varied_answers(RULES, seed + 1000) if tpi else None,
                  sumber=sumber, **v)
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("Profil")
    rnd = random.Random(seed)
    rows = [("Unit kerja", unit), ("Jenis instansi", "Pemerintah Daerah"),
            ("Opini BPK", rnd.choice(("WTP", "WTP", "WDP"))), ("Predikat SAKIP", rnd.choice(("BB", "B", "CC"))),
            ("Indeks RB", rnd.choice(("B", "CC", "C"))), ("Level maturitas SPIP", rnd.choice((3, 3, 2))),
            ("TLHP", rnd.choice(("100%", "95%"))), ("Core layanan", "Ya"), ("Dampak signifikan", "Ya"),
            ("Mulai pembangunan ZI", rnd.choice(("2024-01-15", "2025-11-01"))),
            ("Predikat SAKIP unit", rnd.choice(("BB", "B")))]
    for r in rows:
        ws.append(r)
    wb.save(path)


def _templat(path: str, versi: str, seed: int, unit: str) -> None:
    rules = load_rules(versi)
    tulis_templat_lke(path, versi=versi, jawaban=_clean(varied_answers(rules, seed, blank_rate=0.15)), unit=unit)


def _resmi(path: str, seed: int) -> None:
    rnd = random.Random(seed)
    book = Book.open(REF_LKE)
    try:
        book.apply([SetCell("LKE ZI", f"K{r}", rnd.choice(("B", "C"))) for r in (9, 25, 27)], output=path)
    finally:
        book.close()


def _tanpa_bobot(path: str) -> None:
    tulis_templat_lke(path, versi="2021", unit="Unit Rusak")
    wb = openpyxl.load_workbook(path)
    ws = wb["LKE ZI"]
    for row in ws.iter_rows(min_row=1, max_row=3):
        for c in row:
            if c.value == "Bobot":
                c.value = "Keterangan"
    wb.save(path)


def _kerjakan(job: tuple) -> None:
    fn, args = job
    {"2026": _jawaban_2026, "templat": _templat, "resmi": _resmi, "tanpa_bobot": _tanpa_bobot}[fn](*args)


def buat_korpus(root: Path, n_2026: int = 150, n_templat: int = 15, n_resmi: int = 5) -> Korpus:
    k = Korpus(root)
    jobs: list[tuple] = []
    nomor = 0

    def unit_name(i: int) -> str:
        return f"{JENIS_UNIT[i % len(JENIS_UNIT)]} {KABUPATEN[i % len(KABUPATEN)]} {i:03d}"

    for i in range(n_2026):
        folder = root / KABUPATEN[i % len(KABUPATEN)].lower().replace(" ", "-") / "2026"
        folder.mkdir(parents=True, exist_ok=True)
        p = str(folder / f"lke-{i:03d}.xlsx")
        name = unit_name(nomor)
        nomor += 1
        jobs.append(("2026", (p, 700 + i, VARIAN[i % len(VARIAN)], name, i % 5 != 0)))
        k.good[p] = name
    for versi in ("2019", "2021", "2023"):
        folder = root / f"lke-{versi}"
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(n_templat):
            p = str(folder / f"unit-{i:02d}.xlsx")
            name = unit_name(nomor)
            nomor += 1
            jobs.append(("templat", (p, versi, 300 + i, name)))
            k.good[p] = name
    folder = root / "resmi"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_resmi):
        p = str(folder / f"lke-resmi-{i}.xlsx")
        jobs.append(("resmi", (p, i)))
        k.good[p] = Path(p).stem                     # the official file names no unit: the file's name stands in
    rusak = root / "rusak"
    rusak.mkdir(parents=True, exist_ok=True)
    p = str(rusak / "tanpa-bobot.xlsx")
    jobs.append(("tanpa_bobot", (p,)))
    k.broken[p] = "tidak ada sheet LKE"
    with cf.ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(_kerjakan, jobs, chunksize=4))
    first = next(iter(k.good))
    data = Path(first).read_bytes()
    (rusak / "terpotong.xlsx").write_bytes(data[: len(data) // 3])
    k.broken[str(rusak / "terpotong.xlsx")] = "rusak"
    (rusak / "catatan.xlsx").write_text("bukan workbook", encoding="utf-8")
    k.broken[str(rusak / "catatan.xlsx")] = "bukan berkas Excel"
    (rusak / "kosong.xlsx").write_bytes(b"")
    k.broken[str(rusak / "kosong.xlsx")] = "bukan berkas Excel"
    (rusak / "lama.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    k.broken[str(rusak / "lama.xls")] = "format .xls"
    (rusak / "berpassword.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    k.broken[str(rusak / "berpassword.xlsx")] = "terenkripsi"
    shutil.copyfile(WORKBOOKS / "rencana-aksi-contoh.xlsx", rusak / "rencana-aksi.xlsx")
    k.broken[str(rusak / "rencana-aksi.xlsx")] = "tidak ada sheet LKE"
    lock = root / "lke-2021" / "~$unit-00.xlsx"
    lock.write_bytes(b"\0" * 165)
    k.skipped.append(str(lock))
    return k
