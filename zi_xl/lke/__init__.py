"""LKE (Lembar Kerja Evaluasi): rules as data, "Hitung Nilai", predikat, templates and the result sheets.

    >>> from zi_xl.lke import read_lke
    >>> h = read_lke("LKE.xlsx")                              # doctest: +SKIP
    >>> h.nilai("total"), h.predikat.hasil, h.to_frame()      # doctest: +SKIP

Modules: ``rules`` (rule sets as data, importer), ``layout`` (find and parse an LKE sheet), ``scoring`` and
``predikat`` (the pure core), ``cross_check`` (the workbook's own formulas against the rules), ``model``
(:class:`HasilLKE`), ``reader`` (grids → :class:`HasilLKE`), ``sheets`` (the "Hasil Hitung"/"Riwayat" edits),
``templat`` (new LKE workbooks), ``contoh`` (the example unit's answers), ``banding`` (unit vs TPI, per question
and up the tree), ``simulasi`` (the fewest answer changes to WBK/WBBM, an integer programme solved with highspy).
"""

_LAZY = {"read_lke": "reader", "hitung_grids": "reader", "HasilLKE": "model", "load_rules": "rules",
         "hitung": "scoring", "tentukan": "predikat", "load_batas": "predikat", "tulis_templat_lke": "templat",
         "edits_hasil": "sheets", "banding_semua": "banding", "edits_banding": "banding",
         "simulasikan": "simulasi"}

__all__ = sorted(_LAZY)


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
