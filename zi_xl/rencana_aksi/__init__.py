"""Rencana aksi (action plan) workbooks: read any layout, target waktu → tenggat, status, summary, templates.

    >>> from zi_xl.rencana_aksi import read_rencana_aksi
    >>> ra = read_rencana_aksi("RA.xlsx", per="2022-05-31")        # doctest: +SKIP
    >>> ra.terlambat(), ra.ringkasan()["keseluruhan"]             # doctest: +SKIP
    >>> ra.to_frame().groupby("area").status.value_counts()      # doctest: +SKIP

Modules: ``model`` (:class:`Aksi`, :class:`RencanaAksi`), ``reader`` (layouts → model), ``status`` (the rules),
``ringkasan`` (summary), ``formulas`` (the same rules as Excel formulas), ``workbook`` (new workbooks, XlsxWriter),
``sheets`` (status columns and summary as edits of the user's own workbook), ``seed`` (the seed's BAB III).
"""

_LAZY = {
    "Aksi": "model", "RencanaAksi": "model", "read_rencana_aksi": "reader", "from_grids": "reader",
    "rencana_aksi_seed": "seed", "tulis_contoh": "seed", "tulis_templat": "seed", "STATUS": "status",
    "hitung_status": "status", "tulis_rencana_aksi": "workbook", "edits_status": "sheets",
}

__all__ = sorted(_LAZY)


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
