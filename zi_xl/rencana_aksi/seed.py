"""The seed's BAB III rencana aksi (``data/rencana_aksi_seed.json``) as objects and as example workbook."""

from __future__ import annotations

import json
import os
import re
from datetime import date, datetime
from functools import lru_cache
from importlib import resources

from ..periods import parse_tanggal
from ..xlsx.grid import Grid
from .model import RencanaAksi
from .reader import aksi_dari_grid
from .workbook import tulis_rencana_aksi

NAMA_CONTOH = "rencana-aksi-contoh.xlsx"
NAMA_TEMPLAT = "templat-rencana-aksi.xlsx"
_FIELDS = ("no", "komponen", "indikator", "langkah_aksi", "bukti_fisik", "target_waktu")
_HEADERS = ("NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU")


@lru_cache(maxsize=1)
def _load() -> str:
    return resources.files(__package__).joinpath("data", "rencana_aksi_seed.json").read_text(encoding="utf-8")


def seed_data() -> dict:
    """The seed JSON (a fresh copy)."""
    return json.loads(_load())


def komponen_lke() -> dict[str, list[str]]:
    """Area → indicator names of the seed's score table (drop-down lists of the template)."""
    return {a["area"]: a["komponen_lke"] for a in seed_data()["area"]}


def seed_grid() -> Grid:
    """The seed's table as a grid, cell for cell as the seed shows it (blank continuation cells stay blank).
    Cells hold the seed's text; the rows' ``baris_seed`` are kept in :data:`Grid.values` column 7."""
    data = seed_data()
    g = Grid(title="BAB III", berkas=data["sumber"]["berkas"])
    g.values[(1, 1)] = f"{data['judul']} TAHUN {data['tahun']}"
    for c, h in enumerate(_HEADERS, start=1):
        g.values[(2, c)] = h
    r = 2
    for area in data["area"]:
        r += 1
        g.values[(r, 1)] = area["judul_seed"]
        for row in area["baris"]:
            r += 1
            for c, f in enumerate(_FIELDS, start=1):
                if row[f]:
                    g.values[(r, c)] = row[f]
            g.values[(r, 7)] = row["baris_seed"]
    g.max_row, g.max_col = r, 7
    return g


def rencana_aksi_seed(per: date | str | None = None, contoh: bool = True) -> RencanaAksi:
    """The seed's 76 actions. ``contoh=True`` adds the illustrative realisasi and PIC of the example workbook
    (NOT in the seed) and defaults ``per`` to the example's tanggal acuan (2022-05-31); without ``contoh`` a
    reference date must be given."""
    data = seed_data()
    grid = seed_grid()
    aksi, _ = aksi_dari_grid(grid, tahun=data["tahun"])
    ex = data["contoh"]
    line = {r: int(v) for (r, c), v in grid.values.items() if c == 7}
    for a in aksi:
        a.baris = line[a.baris]  # provenance: line of the seed text
        if a.lanjut_target:
            a.peringatan = [re.sub(r"baris (\d+)", lambda m: f"baris {line[int(m.group(1))]} seed", p)
                            for p in a.peringatan]
        if contoh:
            a.penanggung_jawab = ex["penanggung_jawab"].get(a.area or "", "")
            real = ex["realisasi"].get(str(a.baris))
            if real is not None:
                try:
                    a.realisasi = date.fromisoformat(real)
                except ValueError:
                    a.realisasi = real
    if per is None and contoh:
        per = ex["tanggal_acuan"]
    ref = parse_tanggal(per)
    for a in aksi:
        a.hitung(ref)
    return RencanaAksi(aksi=aksi, per=ref, berkas=data["sumber"]["berkas"], tahun=data["tahun"],
                       judul=f"{data['judul']} TAHUN {data['tahun']}", unit=data["unit"], acuan_tetap=per is not None)


def tulis_contoh(path: str | os.PathLike, tanggal_acuan: date | None = None, cache: bool = True,
                 dibuat: datetime | None = None) -> str:
    """Write the seed example workbook (fixed tanggal acuan 2022-05-31 unless given)."""
    data = seed_data()
    ref = tanggal_acuan or date.fromisoformat(data["contoh"]["tanggal_acuan"])
    return tulis_rencana_aksi(path, rencana_aksi_seed(per=ref), tanggal_acuan=ref, tahun=data["tahun"],
                              komponen_lke=komponen_lke(), cache=cache, dibuat=dibuat)


def tulis_templat(path: str | os.PathLike, tahun: int, dibuat: datetime | None = None) -> str:
    """Write the empty template (six areas, =TODAY() reference date, TARGET WAKTU drop-downs for ``tahun``)."""
    return tulis_rencana_aksi(path, None, tahun=tahun, komponen_lke=komponen_lke(), dibuat=dibuat)
