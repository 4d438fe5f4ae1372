"""The files this project ships, built by code: ``workbooks/`` (LKE, rencana aksi and monev templates, the seed
examples, the macro-enabled templates) and ``macros/`` (the VBA module and the ribbon XML).

``python tools/build_workbooks.py`` writes them; a test builds them again and compares byte for byte. Nothing in
them depends on the day they are built: a fixed creation time (:data:`DIBUAT`), a fixed year for the rencana aksi
drop-downs and the monev template's first month (:data:`TAHUN`), no cached value for ``=TODAY()``, fixed zip timestamps.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from ..lke.templat import tulis_templat_lke
from ..monev.seed import tulis_contoh as tulis_contoh_monev
from ..monev.seed import tulis_templat as tulis_templat_monev
from ..rencana_aksi.seed import tulis_contoh, tulis_templat
from ..xlsx.vba import crlf
from .vba import CUSTOM_UI, MODUL, MODUL_VBA, tulis_templat_xlsm

DIBUAT = datetime(2026, 1, 1)    # creation time written into the shipped workbooks' properties
TAHUN = 2026                     # year of the rencana aksi template's drop-downs and the monev template's month


def tulis_bawaan(root: str | os.PathLike) -> list[str]:
    """Write every shipped file under ``root`` (the checkout); returns their paths."""
    root = Path(root)
    wb, mac = root / "workbooks", root / "macros"
    wb.mkdir(parents=True, exist_ok=True)
    mac.mkdir(parents=True, exist_ok=True)
    written = []
    (mac / f"{MODUL}.bas").write_bytes(crlf(MODUL_VBA).encode("utf-8"))
    (mac / "customUI.xml").write_text(CUSTOM_UI, encoding="utf-8")
    written += [str(mac / f"{MODUL}.bas"), str(mac / "customUI.xml")]
    for versi in ("2021", "2019"):
        p = wb / f"templat-lke-{versi}.xlsx"
        tulis_templat_lke(p, versi=versi, dibuat=DIBUAT)
        written.append(str(p))
    written.append(tulis_contoh(wb / "rencana-aksi-contoh.xlsx", dibuat=DIBUAT))
    written.append(tulis_templat(wb / "templat-rencana-aksi.xlsx", tahun=TAHUN, dibuat=DIBUAT))
    written.append(tulis_templat_xlsm(wb / "templat-lke-2021.xlsm", "lke", versi="2021", dibuat=DIBUAT))
    written.append(tulis_templat_xlsm(wb / "templat-rencana-aksi.xlsm", "rencana-aksi", tahun=TAHUN,
                                      dibuat=DIBUAT))
    written.append(tulis_contoh_monev(wb / "monev-contoh.xlsx", dibuat=DIBUAT))
    written.append(tulis_templat_monev(wb / "templat-monev.xlsx", f"{TAHUN}-01", dibuat=DIBUAT))
    written.append(tulis_templat_xlsm(wb / "templat-monev.xlsm", "monev", bulan=f"{TAHUN}-01", dibuat=DIBUAT))
    return [str(p) for p in written]
