"""xlwings Lite / xlwings Server: "Hitung Nilai", "Perbarui Status" and "Perbarui Monev" as scripts (Excel on the
web or Mac, no local Python).

In xlwings Lite, put ``zi_xl`` in *requirements.txt* and this in *main.py*::

    from zi_xl.lite import hitung_nilai, perbarui_monev, perbarui_status  # noqa: F401  (scripts in the task pane)

Each script takes the workbook (``book: xw.Book``, supplied by the runtime) and runs exactly what the desktop
buttons run (:mod:`zi_xl.excel`): same reading, same computation, same edits, same message box. xlwings Lite
(Office.js) applies everything, the native chart included. See docs/excel-setup.md, section "xlwings Lite".
"""

from __future__ import annotations

import xlwings as xw

from . import excel


@xw.script(name="Hitung Nilai")
def hitung_nilai(book: xw.Book):
    """Hitung nilai LKE dan predikat WBK/WBBM workbook ini (sheet 'Hasil Hitung' dan 'Riwayat')."""
    excel.hitung_nilai(book)


@xw.script(name="Perbarui Status")
def perbarui_status(book: xw.Book):
    """Status tiap langkah aksi rencana aksi workbook ini (terlambat, jatuh tempo, selesai) per hari ini."""
    excel.perbarui_status(book)


@xw.script(name="Perbarui Monev")
def perbarui_monev(book: xw.Book):
    """Sheet monev bulan berikutnya (masukan yang belum selesai dibawa) dan Ringkasan Monev workbook ini."""
    excel.perbarui_monev(book)
