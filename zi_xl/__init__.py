"""zi_xl: Zona Integritas (WBK/WBBM) — LKE scoring, predikat, rencana aksi, Excel integration.

The public API is imported lazily so that ``import zi_xl`` stays fast (no pandas/openpyxl at import time)::

    import zi_xl
    h = zi_xl.read_lke("LKE.xlsx")
    h.nilai("total"), h.predikat.hasil, h.to_frame()
    ra = zi_xl.read_rencana_aksi("RA.xlsx", per="2022-06-30")

Packages: ``lke``, ``rencana_aksi`` (domains, each ``model``/``reader``/``sheets``/…), ``xlsx`` (workbook I/O: the
one seam, :class:`zi_xl.xlsx.book.Book`), ``cli`` and ``excel`` (the user interfaces, above the domains).
"""

__version__ = "0.1.0"

_LAZY = {
    "read_lke": ("zi_xl.lke.reader", "read_lke"),
    "read_rencana_aksi": ("zi_xl.rencana_aksi.reader", "read_rencana_aksi"),
    "load_rules": ("zi_xl.lke.rules", "load_rules"),
    "import_rules": ("zi_xl.lke.rules.importer", "import_rules"),
    "hitung": ("zi_xl.lke.scoring", "hitung"),
    "tentukan_predikat": ("zi_xl.lke.predikat", "tentukan"),
    "load_batas": ("zi_xl.lke.predikat", "load_batas"),
    "tulis_templat_lke": ("zi_xl.lke.templat", "tulis_templat_lke"),
    "Book": ("zi_xl.xlsx.book", "Book"),
    "ZiError": ("zi_xl.errors", "ZiError"),
}

__all__ = sorted(_LAZY)


def __getattr__(name):
    if name in _LAZY:
        import importlib

        mod, attr = _LAZY[name]
        return getattr(importlib.import_module(mod), attr)
    raise AttributeError(f"module 'zi_xl' has no attribute {name!r}")
