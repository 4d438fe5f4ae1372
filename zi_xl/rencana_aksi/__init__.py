"""Rencana aksi (action plan) workbooks: read any layout, target waktu → tenggat, status, summary, templates.

    >>> from zi_xl.rencana_aksi import read_rencana_aksi
    >>> ra = read_rencana_aksi("RA.xlsx", per="2022-05-31")        # doctest: +SKIP
    >>> ra.terlambat(), ra.ringkasan()["keseluruhan"]             # doctest: +SKIP
    >>> ra.to_frame().groupby("area").status.value_counts()      # doctest: +SKIP

Modules: ``reader`` (layouts → :class:`Aksi`), ``status`` (rules), ``ringkasan`` (summary), ``formulas`` (the same
rules as Excel formulas), ``workbook`` (XlsxWriter builder), ``seed`` (the seed's BAB III), ``cli``.
Imports are lazy so that the CLI starts fast.
"""

_LAZY = {
    "Aksi": "model", "RencanaAksi": "model", "read_rencana_aksi": "reader", "dari_grids": "reader",
    "rencana_aksi_seed": "seed", "tulis_contoh": "seed", "tulis_templat": "seed", "STATUS": "status",
    "hitung_status": "status", "tulis_rencana_aksi": "workbook",
}

__all__ = sorted(_LAZY)


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
