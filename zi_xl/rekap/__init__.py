"""Rekap: many LKE workbooks → one table — for the evaluators (TPI, Inspektorat).

    >>> from zi_xl.rekap import read_rekap, tulis_rekap
    >>> r = read_rekap(["LKE-2026/"], Opsi(jawaban="tpi"))          # doctest: +SKIP
    >>> tulis_rekap(r, "REKAP.xlsx", dibuat=datetime(2026, 5, 31, 9, 0))  # doctest: +SKIP

Modules: ``model`` (:class:`Rekap`, one :class:`BarisRekap` per unit and answer source, the ranking, the JSON),
``reader`` (find the files, score them in a process pool, list the unreadable ones), ``usulan`` (the proposal
checklist: PermenPANRB 5/2024 Tabel 5 and the 90/2021 pra-evaluasi gates; data in ``data/syarat-usulan.json``),
``workbook`` (the rekap workbook, XlsxWriter).
"""

_LAZY = {"read_rekap": "reader", "cari_berkas": "reader", "Opsi": "reader", "Rekap": "model",
         "BarisRekap": "model", "tulis_rekap": "workbook", "periksa": "usulan"}

__all__ = sorted(_LAZY)


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
