"""zi_xl: Zona Integritas (WBK/WBBM) — LKE scoring, predikat, rencana aksi, Excel integration.

The public API is imported lazily so that ``import zi_xl`` stays fast (no pandas/openpyxl at import time)::

    import zi_xl
    h = zi_xl.read_lke("LKE.xlsx")
    h.nilai("total"), h.predikat.hasil, h.to_frame()
"""

__version__ = "0.1.0"

_LAZY = {
    "read_lke": ("zi_xl.lke", "hitung_berkas"),
    "hitung_berkas": ("zi_xl.lke", "hitung_berkas"),
    "load_rules": ("zi_xl.rules", "load_rules"),
    "import_rules": ("zi_xl.rules.importer", "import_rules"),
    "hitung": ("zi_xl.scoring", "hitung"),
    "tentukan_predikat": ("zi_xl.predikat", "tentukan"),
    "load_batas": ("zi_xl.predikat", "load_batas"),
    "tulis_templat_lke": ("zi_xl.templat_lke", "tulis_templat_lke"),
    "read_rencana_aksi": ("zi_xl.rencana_aksi.reader", "read_rencana_aksi"),
    "ZiError": ("zi_xl.errors", "ZiError"),
}

__all__ = sorted(_LAZY)


def __getattr__(name):
    if name in _LAZY:
        import importlib

        mod, attr = _LAZY[name]
        return getattr(importlib.import_module(mod), attr)
    raise AttributeError(f"module 'zi_xl' has no attribute {name!r}")
