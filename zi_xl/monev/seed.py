"""The seed's BAB IV–V (``data/monev_seed.json``) as monev months and as the example workbook.

The example is the monev workbook the seed's unit would have kept with zi_xl: a sheet per month (Februari–Mei 2022
from the four meetings of BAB IV, Juni 2022 for the follow-up of the May masukan that BAB V reports), each made as
"Perbarui Monev" makes it — every open masukan carried forward — and filled with the seed's texts: the new masukan
of BAB IV and the tindak lanjut of BAB V, cell for cell. What is interpretation (the month of each meeting, the
month each follow-up is recorded in, IDs, statuses) is stated with its reason in the data file; the seed's
inconsistencies are listed there (``inkonsistensi``) and the checks report those the workbook still shows.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache
from importlib import resources

from ..rencana_aksi.seed import rencana_aksi_seed
from . import bulan as bl
from .ledger import terbuka_pada
from .model import Masukan, Rapat, TindakLanjut
from .reader import id_masukan
from .sheets import cuplikan_rencana_aksi, nama_sheet
from .workbook import tulis_monev
from .workbook import tulis_templat as _tulis_templat

NAMA_CONTOH = "monev-contoh.xlsx"
NAMA_TEMPLAT = "templat-monev.xlsx"


@lru_cache(maxsize=1)
def _load() -> str:
    return resources.files(__package__).joinpath("data", "monev_seed.json").read_text(encoding="utf-8")


def seed_data() -> dict:
    """The seed JSON (a fresh copy)."""
    return json.loads(_load())


def rapat_seed() -> list[Rapat]:
    """The example's months, in order, each with its new masukan (BAB IV) and its follow-up rows: the masukan open
    at the start of the month carried forward, with the seed's tindak lanjut (BAB V) where it has one."""
    data = seed_data()
    months: dict[str, Rapat] = {}
    for x in data["rapat"]:
        b = x["bulan"]
        months[b] = Rapat(bulan=b, sheet=nama_sheet(b), tanggal_rapat=date.fromisoformat(x["tanggal_rapat"]),
                          periode=x["periode"], unit=data["unit"],
                          masukan=[Masukan(id=id_masukan(b, m["no"]), bulan_asal=b, no=m["no"], uraian=m["uraian"],
                                           masukan=m["masukan"]) for m in x["masukan"]])
    last = data["contoh"]["bulan_terakhir"]
    for b in bl.rentang(min(months), last):
        months.setdefault(b, Rapat(bulan=b, sheet=nama_sheet(b), periode=bl.nama(b), unit=data["unit"]))
    done: list[Rapat] = []
    for b in sorted(months):
        r = months[b]
        sections = [s for s in data["tindak_lanjut"] if s["dicatat_bulan"] == b]
        given = {row["id"]: (row, s) for s in sections for row in s["baris"]}
        rows: list[TindakLanjut] = []
        for m in terbuka_pada(done, b):
            row, _ = given.pop(m.id, (None, None))
            rows.append(TindakLanjut(id=m.id, bulan=b, bulan_asal=m.bulan_asal, asal_teks=m.asal_teks,
                                     masukan=row["masukan"] if row else m.masukan,
                                     teks=row["tindak_lanjut"] if row else "",
                                     status_tertulis=row["status"] if row else "", status_awal=m.status))
        for ident, (row, s) in given.items():   # masukan with no origin in the workbook ("Tahun 2021")
            rows.append(TindakLanjut(id=ident, bulan=b, bulan_asal=s["bulan_asal"], asal_teks=s["asal_seed"],
                                     masukan=row["masukan"], teks=row["tindak_lanjut"], status_tertulis=row["status"]))
        r.tindak_lanjut = rows
        done.append(r)
    return done


def _ra_contoh():
    """The rencana aksi example (seed BAB III with its illustrative realisasi), named as the linked file."""
    return replace(rencana_aksi_seed(), berkas=seed_data()["contoh"]["berkas_rencana_aksi"])


def tulis_contoh(path: str | os.PathLike, cache: bool = True, dibuat: datetime | None = None) -> str:
    """Write the seed example (linked to ``rencana-aksi-contoh.xlsx`` in the same folder). Each month's rencana aksi
    snapshot is taken at the month's last day; the summary's at the last month's last day."""
    data = seed_data()
    ra = _ra_contoh()
    rapat = rapat_seed()
    cuplikan = {r.bulan: cuplikan_rencana_aksi(ra, r.bulan, bl.hari_terakhir(r.bulan)) for r in rapat}
    setting = {"unit": data["unit"], "tahun": data["tahun"], "rencana_aksi": data["contoh"]["berkas_rencana_aksi"]}
    return tulis_monev(path, rapat, unit=data["unit"], pengaturan=setting, rencana_aksi=ra,
                       per_ringkasan=date.fromisoformat(data["contoh"]["per_ringkasan"]), cuplikan=cuplikan,
                       cache=cache, dibuat=dibuat)


def tulis_templat(path: str | os.PathLike, bulan: str, dibuat: datetime | None = None) -> str:
    """Write the empty template whose first month is ``bulan`` ("YYYY-MM")."""
    return _tulis_templat(path, bulan, dibuat=dibuat)
