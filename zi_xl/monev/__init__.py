"""Monev (monitoring and evaluation) workbooks: a sheet per month, every masukan carried forward until it is closed.

    >>> from zi_xl.monev import read_monev
    >>> m = read_monev("monev.xlsx", per="2022-06-30")                    # doctest: +SKIP
    >>> m.bulan(), [x.id for x in m.terbuka()], m.saran                   # doctest: +SKIP
    >>> m.to_frame().groupby("bulan_asal").status.value_counts()         # doctest: +SKIP

Modules: ``bulan`` (month keys "YYYY-MM"), ``model`` (:class:`Rapat`, :class:`Masukan`, :class:`TindakLanjut`,
:class:`Monev`), ``reader`` (layouts → months), ``ledger`` (pure carry-forward), ``periksa`` (the checks),
``ringkasan`` (per-month figures), ``saran`` (suggested LKE answers), ``sheets`` (month and summary sheets as
specifications and edits), ``perbarui`` (Perbarui Monev for a file or an open workbook), ``workbook`` (new books,
XlsxWriter), ``seed`` (the seed's BAB IV–V as the example).
"""

_LAZY = {
    "Rapat": "model", "Masukan": "model", "TindakLanjut": "model", "Monev": "model", "Peringatan": "model",
    "STATUS": "model", "read_monev": "reader", "from_grids": "reader", "susun": "ledger", "terbuka_pada": "ledger",
    "periksa": "periksa", "sarankan": "saran", "rencanakan": "perbarui", "status_monev": "perbarui",
    "tulis_monev": "workbook", "tulis_contoh": "seed", "tulis_templat": "seed", "rapat_seed": "seed",
}

__all__ = sorted(_LAZY)


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
