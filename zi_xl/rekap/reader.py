"""Read many LKE workbooks into one :class:`~zi_xl.rekap.model.Rekap`, in parallel.

:func:`cari_berkas` finds the workbooks (folders searched recursively for .xlsx/.xlsm — and .xls, so that an old
file is listed with its reason instead of silently skipped); :func:`read_rekap` scores each one in a process pool
sized to the machine (``os.cpu_count()``) and collects small rows, never whole workbooks, so memory stays flat in the
number of files. A file that cannot be read never stops the run: it is listed with its reason (Indonesian, as
``zi-xl hitung`` would say it). Every row is what ``zi-xl hitung --json`` gives for that file.

    >>> r = read_rekap(["LKE-2026/"], jawaban="tpi")            # doctest: +SKIP
    >>> r.baris[0].unit, r.baris[0].total, r.galat               # doctest: +SKIP
"""

from __future__ import annotations

import concurrent.futures as cf
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from ..errors import RUSAK, ZiError, galat_dari
from ..lke.banding import banding
from ..lke.layout import norm
from ..lke.portalrb import unit_dari_workbook
from ..lke.reader import hitung_grids
from ..xlsx.read import check_workbook_file, read_grids
from .model import BarisRekap, Galat, Rekap, baris_dari, urutkan
from .usulan import Nilai, baris_tabel, dari_grids, periksa

EKSTENSI = (".xlsx", ".xlsm", ".xls")


@dataclass(frozen=True)
class Opsi:
    """What every file is read with (sent to the worker processes, so plain data)."""

    jawaban: str = "unit"                       # the source that headlines ("unit", "tpi", a column letter)
    versi: str = "auto"
    batas: str | None = None
    sudah_wbk: bool | None = None
    tabel: tuple = ()                           # rows of the --syarat table (usulan.baca_tabel)
    instansi: dict[str, Nilai] = field(default_factory=dict)   # requirement fields for every unit (options)
    per: date | None = None                     # reference date of "ZI ≥ 1 year"
    target: str | None = None                   # proposal target; default by the unit's earlier WBK


def cari_berkas(paths: Iterable[str | os.PathLike], kecuali: Iterable[str | os.PathLike] = ()) -> list[str]:
    """Every workbook named or found (recursively) in the folders, sorted, without Office lock files ("~$…"),
    hidden files, and the paths in ``kecuali`` (the rekap being written). A path that does not exist raises."""
    skip = {os.path.realpath(os.fspath(p)) for p in kecuali}
    out: list[str] = []
    for p in map(os.fspath, paths):
        if os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in files:
                    if f.lower().endswith(EKSTENSI) and not f.startswith(("~$", ".")):
                        found.append(os.path.join(root, f))
            out += sorted(found)
        elif os.path.exists(p):
            out.append(p)
        else:
            raise ZiError("berkas atau folder tidak ditemukan", berkas=p)
    seen: set[str] = set()
    uniq = []
    for p in out:
        key = os.path.realpath(p)
        if key not in seen and key not in skip:
            seen.add(key)
            uniq.append(p)
    return uniq


def _pilih(hasil, jawaban: str):
    """The source asked to headline, else the unit's (with a note)."""
    want = norm(jawaban)
    for p in hasil.sumber:
        if (p.jawaban == want or p.kolom.lower() == want) and not p.kosong:
            return p, ""
    if want == "unit":
        return hasil.unit, ""
    return hasil.unit, f"sumber jawaban '{jawaban}' tidak ada atau kosong; dipakai {hasil.unit.label}"


def nilai_berkas(path: str, opsi: Opsi) -> tuple[list[BarisRekap], Galat | None]:
    """Score one file: its rows (headline first, then every other source with answers), or why it could not be
    read. Never raises for a bad file."""
    try:
        snap = check_workbook_file(path)
        grids = read_grids(snap)
        hasil = hitung_grids(grids, path, versi=opsi.versi, batas=opsi.batas, sudah_wbk=opsi.sudah_wbk)
        info = unit_dari_workbook(grids)
        unit = str(info.get("nama") or os.path.splitext(os.path.basename(path))[0])
        utama, catatan = _pilih(hasil, opsi.jawaban)
        rows = [baris_dari(hasil, utama, unit, True)]
        rows += [baris_dari(hasil, p, unit, False) for p in hasil.sumber if p is not utama and not p.kosong]
        rows[0].catatan = catatan if info.get("nama") else "; ".join(
            x for x in (catatan, "nama unit tidak tertulis di workbook; dipakai nama berkas") if x)
        tpi = hasil.tpi
        if tpi is not None and not hasil.unit.kosong:
            b = banding(hasil, hasil.unit.jawaban, tpi.jawaban)
            for r in rows:
                r.selisih_tpi, r.jawaban_berbeda = b.selisih["total"], b.jawaban_berbeda
        fields = dict(opsi.instansi) | dari_grids(grids, kecuali={hasil.sheet}) | baris_tabel(
            list(opsi.tabel), unit, path)
        rows[0].usulan = periksa(hasil, fields, unit=unit, target=opsi.target, per=opsi.per)
        return rows, None
    except ZiError as err:
        return [], Galat(path, ": ".join(x for x in (err.lokasi(), err.pesan) if x))
    except (*RUSAK, OSError) as exc:
        err = galat_dari(exc, path)
        return [], Galat(path, err.pesan)
    except Exception as exc:  # a defect of the tool must not stop the other files either
        return [], Galat(path, f"kesalahan tak terduga ({type(exc).__name__}); laporkan kepada pengelola zi-xl "
                               "beserta berkas ini")


def _jumlah_proses(n: int, proses: int | None) -> int:
    if proses is not None:
        return max(1, proses)
    return max(1, min(os.cpu_count() or 1, n))


def read_rekap(paths: Iterable[str | os.PathLike], opsi: Opsi | None = None, proses: int | None = None,
               kemajuan: Callable[[int], None] | None = None, kecuali: Iterable[str | os.PathLike] = ()) -> Rekap:
    """Rekap of every LKE in ``paths`` (files or folders). ``proses``: worker processes (default: the machine's
    CPUs; 1 = in this process); ``kemajuan(n)`` is called as files finish (a progress bar)."""
    opsi = opsi or Opsi()
    files = cari_berkas(paths, kecuali)
    n_proc = _jumlah_proses(len(files), proses)
    results: dict[int, tuple[list[BarisRekap], Galat | None]] = {}
    if n_proc == 1 or len(files) < 2:
        for i, f in enumerate(files):
            results[i] = nilai_berkas(f, opsi)
            if kemajuan:
                kemajuan(1)
    else:
        with cf.ProcessPoolExecutor(max_workers=n_proc) as pool:
            pending: dict[cf.Future, int] = {}
            it = iter(enumerate(files))
            window = n_proc * 4                      # bounded in flight: memory flat in the number of files

            def feed() -> None:
                for i, f in it:
                    try:
                        pending[pool.submit(nilai_berkas, f, opsi)] = i
                    except cf.process.BrokenProcessPool:
                        results[i] = ([], Galat(f, "proses penghitung berhenti tiba-tiba; berkas ini tidak dibaca"))
                        if kemajuan:
                            kemajuan(1)
                        continue
                    if len(pending) >= window:
                        break

            feed()
            while pending:
                done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for fut in done:
                    i = pending.pop(fut)
                    try:
                        results[i] = fut.result()
                    except Exception:               # a worker died (killed, out of memory): the file is listed
                        results[i] = ([], Galat(files[i], "proses penghitung berhenti tiba-tiba saat membaca "
                                                          "berkas ini"))
                    if kemajuan:
                        kemajuan(1)
                feed()
    rekap = Rekap(jawaban=opsi.jawaban)
    for i in range(len(files)):
        rows, galat = results[i]
        if galat is not None:
            rekap.galat.append(galat)
            continue
        rekap.baris.append(rows[0])
        rekap.lainnya += rows[1:]
    rekap.baris = urutkan(rekap.baris)
    return rekap
